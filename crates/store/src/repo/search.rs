//! Full-text search over `search_docs` (see the search migration for how it is kept
//! current). This finds candidates the caller may see; ranking, grouping and snippets are
//! the use case's.

use sea_orm::{DatabaseBackend, Statement, Value};
use uuid::Uuid;

use super::projects::Visibility;
use crate::{Conn, StoreError};

/// Who is searching, as far as the index can tell what they may see.
#[derive(Debug, Clone)]
pub struct SearchScope {
    pub visibility: Visibility,
    /// Kinds without a project (clients, suppliers) the caller may read.
    pub shared_kinds: Vec<&'static str>,
    /// Client users: records restricted to the company (unshared files) are hidden.
    pub hide_restricted: bool,
    /// Only these kinds (empty: all).
    pub kinds: Vec<String>,
    /// Only this project's records.
    pub project_id: Option<Uuid>,
}

/// One indexed record that matched.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: String,
    pub entity_id: Uuid,
    pub project_id: Option<Uuid>,
    pub title: String,
    pub body: String,
}

/// Whether words must match whole or by their beginning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Whole,
    Prefix,
}

/// The full-text query for folded `words` (letters and digits only, so nothing in them is
/// query syntax): every word must match.
fn query_text(backend: DatabaseBackend, words: &[String], mode: Match) -> String {
    let star = mode == Match::Prefix;
    match backend {
        DatabaseBackend::Sqlite => words
            .iter()
            .map(|w| format!("\"{w}\"{}", if star { "*" } else { "" }))
            .collect::<Vec<_>>()
            .join(" AND "),
        _ => words
            .iter()
            .map(|w| format!("{w}{}", if star { ":*" } else { "" }))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// Records matching every word, visible to `scope`, at most `limit`. Whole-word queries
/// come best-ranked first; prefix queries in no particular order (ranking a broad prefix's
/// every match would cost more than the caller's re-ranking of a sample needs).
pub async fn find<C: Conn>(
    db: &C,
    words: &[String],
    mode: Match,
    scope: &SearchScope,
    limit: u64,
) -> Result<Vec<Hit>, StoreError> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let mut values: Vec<Value> = vec![query_text(backend, words, mode).into()];
    let mut param = |v: Value| {
        values.push(v);
        format!("${}", values.len())
    };
    let (from, matches, order) = match backend {
        DatabaseBackend::Sqlite => (
            "search_fts JOIN search_docs d ON d.id = search_fts.rowid",
            "search_fts MATCH $1",
            "bm25(search_fts, 10.0, 1.0)",
        ),
        _ => (
            "search_docs d",
            "d.document @@ to_tsquery('simple', $1)",
            "ts_rank(d.document, to_tsquery('simple', $1)) DESC",
        ),
    };
    let visible_projects = match scope.visibility {
        Visibility::All => "SELECT id FROM projects WHERE deleted_at IS NULL".to_owned(),
        Visibility::MemberOf(user) => format!(
            "SELECT p.id FROM projects p JOIN project_members m ON m.project_id = p.id WHERE p.deleted_at IS NULL AND m.user_id = {}",
            param(user.into())
        ),
        Visibility::OfClient(client) => format!(
            "SELECT id FROM projects WHERE deleted_at IS NULL AND client_id = {}",
            param(client.into())
        ),
    };
    let shared = if scope.shared_kinds.is_empty() {
        "1 = 0".to_owned()
    } else {
        let kinds: Vec<String> = scope
            .shared_kinds
            .iter()
            .map(|k| param((*k).into()))
            .collect();
        format!("d.entity_type IN ({})", kinds.join(", "))
    };
    let mut filters = vec![format!(
        "((d.project_id IS NULL AND {shared}) OR d.project_id IN ({visible_projects}))"
    )];
    if scope.hide_restricted {
        filters.push("d.restricted = 0".to_owned());
    }
    if !scope.kinds.is_empty() {
        let kinds: Vec<String> = scope
            .kinds
            .iter()
            .map(|k| param(k.clone().into()))
            .collect();
        filters.push(format!("d.entity_type IN ({})", kinds.join(", ")));
    }
    if let Some(project) = scope.project_id {
        filters.push(format!("d.project_id = {}", param(project.into())));
    }
    let order_by = match mode {
        Match::Whole => format!("ORDER BY {order}"),
        Match::Prefix => String::new(),
    };
    let sql = format!(
        "SELECT d.entity_type, d.entity_id, d.project_id, d.title, d.body FROM {from} \
         WHERE {matches} AND {} {order_by} LIMIT {limit}",
        filters.join(" AND ")
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Hit {
                kind: row.try_get("", "entity_type")?,
                entity_id: row.try_get("", "entity_id")?,
                project_id: row.try_get("", "project_id")?,
                title: row.try_get("", "title")?,
                body: row.try_get("", "body")?,
            })
        })
        .collect()
}

/// Rebuilds the whole index from the records (`eventmgr search reindex`); returns how many
/// records are indexed.
pub async fn rebuild<C: Conn>(db: &C) -> Result<u64, StoreError> {
    for sql in crate::migration::m20261124_000007_search::rebuild_sql() {
        db.execute_unprepared(&sql).await?;
    }
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        db.execute_unprepared("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            .await?;
    }
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM search_docs",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0) as u64)
}
