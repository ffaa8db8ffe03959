//! The length of each search document's title as a full-text token (SQLite), so that titles
//! exactly equal to a query are found without ordering every title that contains its words.
//!
//! Search always reads a title that is exactly the query (see `repo::search`). SQLite did so
//! by ordering every title with the query's whole words by length and reading the shortest:
//! for an administrator's "moving head" at size L that ordered 80,000 matches (190 ms of the
//! request). A title that is exactly the query has at least the query's characters — its
//! words, and at least one separator between two of them — and only punctuation beyond, so
//! its length lies in a short window above the query's. Each document now carries a
//! `title_length` token (`n` and the title's length in characters), and the match is
//! limited to that window inside FTS5, as the `scope` token limits it to projects.
//! (PostgreSQL finds exact titles through its `title_key` index.)

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000012_search_title_length"
    }
}

fn sqlite_title_length() -> Vec<String> {
    vec![
        "DROP TRIGGER search_docs_ai".to_owned(),
        "DROP TRIGGER search_docs_ad".to_owned(),
        "DROP TABLE search_fts".to_owned(),
        "ALTER TABLE search_docs ADD COLUMN title_length TEXT GENERATED ALWAYS AS ('n' || length(title)) VIRTUAL".to_owned(),
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, entity_type, scope, title_length, content='search_docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')".to_owned(),
        "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
            INSERT INTO search_fts (rowid, title, body, entity_type, scope, title_length) VALUES (NEW.id, NEW.title, NEW.body, NEW.entity_type, NEW.scope, NEW.title_length);
        END"
        .to_owned(),
        "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, body, entity_type, scope, title_length) VALUES ('delete', OLD.id, OLD.title, OLD.body, OLD.entity_type, OLD.scope, OLD.title_length);
        END"
        .to_owned(),
        "INSERT INTO search_fts (search_fts) VALUES ('rebuild')".to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let db = manager.get_connection();
            for sql in sqlite_title_length() {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }
}
