//! Full-text search: one `search_docs` row per searchable record, kept current by database
//! triggers on the records' own tables — in the same transaction as every write, cascades
//! included, with no code path able to forget it.
//!
//! - PostgreSQL: `search_docs.document` is a generated `tsvector` (title weighted above
//!   body) over text folded by `eventmgr_fold` (lower case, accents removed), with a GIN
//!   index. The `simple` configuration: no stemming, so German and English words are found
//!   alike by their beginnings (prefix queries), which is what typing needs.
//! - SQLite: an external-content FTS5 table over `search_docs`, tokenised by `unicode61`
//!   with diacritics removed, with prefix indexes for 2–4 characters.
//!
//! Only text that every reader of the record may see is indexed: names, descriptions,
//! places, notes — never a price, cost or budget. Trashed records leave the index.

use eventmgr_domain::search_text::{FOLD_FROM, FOLD_TO};
use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000007_search"
    }
}

/// One searchable table. Expressions use `R.` for the row (`NEW.` in triggers, the table
/// alias in a rebuild).
pub(crate) struct Indexed {
    pub table: &'static str,
    pub kind: &'static str,
    pub title: &'static str,
    pub body: &'static [&'static str],
    /// The project the record belongs to (NULL for shared records: clients, suppliers).
    pub project: &'static str,
    /// 1 when client users must not see it.
    pub restricted: &'static str,
    /// Whether the record is searchable at all (not in the trash).
    pub live: &'static str,
    /// Columns whose change requires re-indexing (besides title and body columns).
    pub also_watch: &'static [&'static str],
}

const CARD_PROJECT: &str = "(SELECT b.project_id FROM kanban_columns c JOIN kanban_boards b ON b.id = c.board_id WHERE c.id = R.column_id)";

pub(crate) const INDEXED: [Indexed; 9] = [
    Indexed {
        table: "projects",
        kind: "project",
        title: "R.name",
        body: &["R.description", "R.venue", "R.location"],
        project: "R.id",
        restricted: "0",
        live: "R.deleted_at IS NULL",
        also_watch: &["R.deleted_at"],
    },
    Indexed {
        table: "clients",
        kind: "client",
        title: "R.name",
        body: &["R.contact_person", "R.email", "R.address", "R.notes"],
        project: "NULL",
        restricted: "0",
        live: "R.deleted_at IS NULL",
        also_watch: &["R.deleted_at"],
    },
    Indexed {
        table: "suppliers",
        kind: "supplier",
        title: "R.name",
        body: &[
            "R.contact_person",
            "R.email",
            "R.category",
            "R.address",
            "R.notes",
        ],
        project: "NULL",
        restricted: "0",
        live: "R.deleted_at IS NULL",
        also_watch: &["R.deleted_at"],
    },
    Indexed {
        table: "bom_items",
        kind: "bom_item",
        title: "R.name",
        body: &["R.description", "R.category", "R.notes"],
        project: "R.project_id",
        restricted: "0",
        live: "1 = 1",
        also_watch: &[],
    },
    Indexed {
        table: "permits",
        kind: "permit",
        title: "R.name",
        body: &[
            "R.permit_type",
            "R.authority",
            "R.reference_number",
            "R.notes",
        ],
        project: "R.project_id",
        restricted: "0",
        live: "1 = 1",
        also_watch: &[],
    },
    Indexed {
        table: "logistics",
        kind: "transport",
        title: "R.description",
        body: &[
            "R.logistics_type",
            "R.from_location",
            "R.to_location",
            "R.vehicle",
            "R.contact",
            "R.notes",
        ],
        project: "R.project_id",
        restricted: "0",
        live: "1 = 1",
        also_watch: &[],
    },
    Indexed {
        table: "tasks",
        kind: "task",
        title: "R.title",
        body: &["R.description"],
        project: "R.project_id",
        restricted: "0",
        live: "1 = 1",
        also_watch: &[],
    },
    Indexed {
        table: "kanban_cards",
        kind: "card",
        title: "R.title",
        body: &["R.description"],
        project: CARD_PROJECT,
        restricted: "0",
        live: "1 = 1",
        also_watch: &["R.column_id"],
    },
    Indexed {
        table: "files",
        kind: "file",
        title: "R.name",
        body: &["R.original_name", "R.category", "R.description"],
        project: "R.project_id",
        restricted: "CASE WHEN R.shared_with_client THEN 0 ELSE 1 END",
        live: "R.deleted_at IS NULL",
        also_watch: &["R.deleted_at", "R.shared_with_client"],
    },
];

impl Indexed {
    fn body_sql(&self) -> String {
        self.body
            .iter()
            .map(|c| format!("COALESCE({c}, '')"))
            .collect::<Vec<_>>()
            .join(" || ' ' || ")
    }

    /// `entity_type, entity_id, project_id, title, body, restricted` of row `row`.
    pub(crate) fn values(&self, row: &str) -> String {
        let sql = format!(
            "'{}', R.id, {}, COALESCE({}, ''), {}, {}",
            self.kind,
            self.project,
            self.title,
            self.body_sql(),
            self.restricted
        );
        sql.replace("R.", &format!("{row}."))
    }

    pub(crate) fn live_sql(&self, row: &str) -> String {
        self.live.replace("R.", &format!("{row}."))
    }

    /// True when an update changed nothing the index holds (null-safe).
    fn unchanged(&self, backend: DatabaseBackend) -> String {
        let same = |column: &str| {
            let (old, new) = (column.replace("R.", "OLD."), column.replace("R.", "NEW."));
            match backend {
                DatabaseBackend::Sqlite => format!("{old} IS {new}"),
                _ => format!("{old} IS NOT DISTINCT FROM {new}"),
            }
        };
        std::iter::once(self.title)
            .chain(self.body.iter().copied())
            .chain(self.also_watch.iter().copied())
            .map(same)
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

fn postgres_sql() -> Vec<String> {
    let mut sql = vec![
        format!(
            "CREATE OR REPLACE FUNCTION eventmgr_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(translate(t, '{FOLD_FROM}', '{FOLD_TO}')) $$"
        ),
        "CREATE TABLE search_docs (
            id BIGSERIAL PRIMARY KEY,
            entity_type TEXT NOT NULL,
            entity_id UUID NOT NULL,
            project_id UUID NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            restricted SMALLINT NOT NULL DEFAULT 0,
            document tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', eventmgr_fold(title)), 'A')
                || setweight(to_tsvector('simple', eventmgr_fold(body)), 'B')
            ) STORED
        )"
        .to_owned(),
        "CREATE UNIQUE INDEX search_docs_entity ON search_docs (entity_type, entity_id)".to_owned(),
        "CREATE INDEX search_docs_project ON search_docs (project_id)".to_owned(),
        "CREATE INDEX search_docs_document ON search_docs USING GIN (document)".to_owned(),
        // The title as its folded words, for finding exact titles without ranking every
        // record that merely contains the words.
        "CREATE OR REPLACE FUNCTION eventmgr_title_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT btrim(regexp_replace(eventmgr_fold(t), '[^[:alnum:]]+', ' ', 'g')) $$".to_owned(),
        "CREATE INDEX search_docs_title_key ON search_docs (eventmgr_title_key(title))".to_owned(),
    ];
    for t in &INDEXED {
        sql.push(format!(
            "CREATE OR REPLACE FUNCTION eventmgr_search_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND {unchanged} THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_docs WHERE entity_type = '{kind}' AND entity_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND {live} THEN
        INSERT INTO search_docs (entity_type, entity_id, project_id, title, body, restricted)
        VALUES ({values});
    END IF;
    RETURN NULL;
END $$",
            table = t.table,
            kind = t.kind,
            unchanged = t.unchanged(DatabaseBackend::Postgres),
            live = t.live_sql("NEW"),
            values = t.values("NEW"),
        ));
        sql.push(format!(
            "CREATE TRIGGER eventmgr_search_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION eventmgr_search_{table}()",
            table = t.table
        ));
    }
    sql
}

fn sqlite_sql() -> Vec<String> {
    let mut sql = vec![
        "CREATE TABLE search_docs (
            id INTEGER PRIMARY KEY,
            entity_type TEXT NOT NULL,
            entity_id BLOB NOT NULL,
            project_id BLOB NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            restricted INTEGER NOT NULL DEFAULT 0
        )"
        .to_owned(),
        "CREATE UNIQUE INDEX search_docs_entity ON search_docs (entity_type, entity_id)".to_owned(),
        "CREATE INDEX search_docs_project ON search_docs (project_id)".to_owned(),
        // `entity_type` is indexed too, so a search within one kind is an intersection of
        // doclists inside FTS5 instead of a filter over every match.
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, entity_type, content='search_docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')".to_owned(),
        "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
            INSERT INTO search_fts (rowid, title, body, entity_type) VALUES (NEW.id, NEW.title, NEW.body, NEW.entity_type);
        END"
        .to_owned(),
        "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, body, entity_type) VALUES ('delete', OLD.id, OLD.title, OLD.body, OLD.entity_type);
        END"
        .to_owned(),
    ];
    for t in &INDEXED {
        let insert = format!(
            "INSERT INTO search_docs (entity_type, entity_id, project_id, title, body, restricted) SELECT {values} WHERE {live};",
            values = t.values("NEW"),
            live = t.live_sql("NEW"),
        );
        let delete = format!(
            "DELETE FROM search_docs WHERE entity_type = '{}' AND entity_id = OLD.id;",
            t.kind
        );
        sql.push(format!(
            "CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
            table = t.table
        ));
        sql.push(format!(
            "CREATE TRIGGER search_{table}_au AFTER UPDATE ON {table} WHEN NOT ({unchanged}) BEGIN {delete} {insert} END",
            table = t.table,
            unchanged = t.unchanged(DatabaseBackend::Sqlite),
        ));
        sql.push(format!(
            "CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
            table = t.table
        ));
    }
    sql
}

/// Fills `search_docs` from every indexed table (after emptying it).
pub(crate) fn rebuild_sql() -> Vec<String> {
    let mut sql = vec!["DELETE FROM search_docs".to_owned()];
    for t in &INDEXED {
        sql.push(format!(
            "INSERT INTO search_docs (entity_type, entity_id, project_id, title, body, restricted) SELECT {values} FROM {table} AS x WHERE {live}",
            values = t.values("x"),
            table = t.table,
            live = t.live_sql("x"),
        ));
    }
    sql
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        let statements = match backend {
            DatabaseBackend::Sqlite => sqlite_sql(),
            _ => postgres_sql(),
        };
        for sql in statements.into_iter().chain(rebuild_sql()) {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }
}
