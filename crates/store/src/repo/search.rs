//! Full-text search over `search_docs` (see the search migration for how it is kept
//! current). This finds candidates the caller may see; ranking, grouping and snippets are
//! the use case's.

use sea_orm::{DatabaseBackend, Statement, Value};
use uuid::Uuid;

use super::projects::Visibility;
use crate::migration::m20261205_000013_search_minor_kinds::{MAJOR_KINDS, minor_kinds_condition};
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
    /// The projects `visibility` lets the caller see, when not every project (members and
    /// client users; see [`super::projects::visible_id_list`]). The match is limited to
    /// them — on SQLite inside the full-text match, on PostgreSQL as a list the `project_id`
    /// index serves — so a search costs what the caller's projects hold, not what every
    /// project holds. The filter on `visibility` still decides what may be seen.
    pub projects: Option<Vec<Uuid>>,
}

/// Up to this many projects narrow the match (see [`SearchScope::projects`]); a caller in
/// more projects is filtered after the match only.
const MAX_SCOPE_TOKENS: usize = 500;

/// Up to this many projects, PostgreSQL reads the caller's documents by project and tests
/// each against the query, instead of intersecting with the full-text index (see `select`).
const FEW_PROJECTS: usize = 10;

/// The `scope` tokens (see the `read_paths` migration) the SQLite full-text match is
/// limited to, or `None` to match in every project.
fn scope_tokens(scope: &SearchScope) -> Option<Vec<String>> {
    if let Some(project) = scope.project_id {
        return Some(vec![format!("p{}", project.simple())]);
    }
    let projects = scope.projects.as_ref()?;
    if projects.len() > MAX_SCOPE_TOKENS {
        return None;
    }
    let mut tokens: Vec<String> = projects
        .iter()
        .map(|p| format!("p{}", p.simple()))
        .collect();
    if !scope.shared_kinds.is_empty() {
        tokens.push("shared".to_owned());
    }
    Some(tokens)
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

/// Which records a candidate query looks for; every query word must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Titles containing the words whole, with any title that is exactly the query words
    /// among them: first the titles that may be exact (SQLite: those whose length is in
    /// [`exact_title_lengths`], shortest first; PostgreSQL: exact titles through their own
    /// index), then the others in no particular order.
    TitleWords,
    /// Titles with words beginning with the query words, in no particular order.
    TitlePrefixes,
    /// Any indexed text with words beginning with the query words, in no particular order.
    AnyPrefixes,
}

/// Characters beyond its words' own (and one space between two of them) that a title
/// exactly equal to the query may have — punctuation such as `Moving-Head (Spot)!` less the
/// words — and still be found by its length (see [`exact_title_lengths`]).
const EXACT_TITLE_SLACK: usize = 8;

/// The `title_length` tokens (see the `search_title_length` migration) of every title that
/// can be exactly the query `words`: such a title holds the words (folding keeps each
/// character one character), at least one separator between two of them, and otherwise
/// only punctuation, so it is at least as long as the words joined by single spaces.
fn exact_title_lengths(words: &[String]) -> String {
    let least: usize = words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len() - 1;
    (least..=least + EXACT_TITLE_SLACK)
        .map(|n| format!("\"n{n}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// The full-text query for folded `words` (letters and digits only, so nothing in them is
/// query syntax) and, on SQLite, the kinds searched and the scopes searched in (columns of
/// the FTS table).
fn query_text(
    backend: DatabaseBackend,
    words: &[String],
    pass: Pass,
    kinds: &[String],
    scopes: Option<&[String]>,
) -> String {
    let prefix = pass != Pass::TitleWords;
    let title_only = pass != Pass::AnyPrefixes;
    match backend {
        DatabaseBackend::Sqlite => {
            let all = words
                .iter()
                .map(|w| format!("\"{w}\"{}", if prefix { "*" } else { "" }))
                .collect::<Vec<_>>()
                .join(" AND ");
            let text = if title_only {
                format!("title : ({all})")
            } else {
                format!("{{title body}} : ({all})")
            };
            // Kinds are fixed names checked by the caller (`bom_item` → the phrase "bom item").
            let kinds: Vec<String> = kinds
                .iter()
                .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                .map(|k| format!("\"{k}\""))
                .collect();
            let text = if kinds.is_empty() {
                text
            } else {
                format!("{text} AND entity_type : ({})", kinds.join(" OR "))
            };
            match scopes {
                // Tokens are `p` + hex digits or `shared`: nothing in them is query syntax.
                Some(scopes) => {
                    let scopes: Vec<String> = scopes.iter().map(|t| format!("\"{t}\"")).collect();
                    format!("{text} AND scope : ({})", scopes.join(" OR "))
                }
                None => text,
            }
        }
        _ => words
            .iter()
            .map(|w| {
                let star = if prefix { "*" } else { "" };
                let weight = if title_only { "A" } else { "" };
                if star.is_empty() && weight.is_empty() {
                    w.clone()
                } else {
                    format!("{w}:{star}{weight}")
                }
            })
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// Records matching `pass`, visible to `scope`: at most `limit`, and for
/// [`Pass::TitleWords`] up to `limit` more that may be exact titles. Ranking every match of
/// a broad prefix would cost far more than the caller's re-ranking of a sample needs, so
/// nothing else is ordered.
pub async fn find<C: Conn>(
    db: &C,
    words: &[String],
    pass: Pass,
    scope: &SearchScope,
    limit: u64,
) -> Result<Found, StoreError> {
    let rows = select(db, words, pass, scope, Take::First(limit)).await?;
    let full = rows.iter().filter(|row| !row.exact).count() as u64 == limit;
    Ok(Found {
        hits: distinct(rows),
        full,
    })
}

/// Each record once, in the order read.
fn distinct(rows: Vec<Row>) -> Vec<Hit> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .map(|row| row.hit)
        .filter(|hit| seen.insert(hit.entity_id))
        .collect()
}

/// Records for all `passes` (narrowest first, the last [`Pass::AnyPrefixes`]), each pass
/// taking up to its limit, merged, each record once; `full` when any pass had more matches
/// than it read.
///
/// SQLite reads each pass with [`find`]: its full-text index stops at a limit. PostgreSQL
/// reads them in one statement from one sample: every pass there is a GIN bitmap of all its
/// matches, built before the first row is read, so for words 80,000 documents share
/// (`moving head` as an administrator at size L) each pass read the index in full and the
/// per-kind window read all 80,000 rows (p50 280 ms). Instead at most `sample` records of
/// the broadest match are read once; each goes to the narrowest pass it matches, each pass
/// takes up to its limit of them, and every kind among them keeps up to `per_kind` of its
/// own. The exact titles are still found by their key index, so a title equal to the query
/// is always read; which records of a broad query are listed was a sample before too.
pub async fn find_passes<C: Conn>(
    db: &C,
    words: &[String],
    scope: &SearchScope,
    passes: &[(Pass, u64)],
    per_kind: u64,
    sample: u64,
) -> Result<Found, StoreError> {
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        let mut hits = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut full = false;
        for (pass, limit) in passes {
            let found = find(db, words, *pass, scope, *limit).await?;
            full |= found.full;
            hits.extend(found.hits.into_iter().filter(|h| seen.insert(h.entity_id)));
        }
        return Ok(Found { hits, full });
    }
    let rows = select(
        db,
        words,
        Pass::AnyPrefixes,
        scope,
        Take::Sample {
            passes,
            per_kind,
            sample,
        },
    )
    .await?;
    let full = rows.iter().any(|row| row.overflow);
    Ok(Found {
        hits: distinct(rows),
        full,
    })
}

/// What [`find`] read.
#[derive(Debug, Clone)]
pub struct Found {
    /// Each record once, the possibly exact titles first.
    pub hits: Vec<Hit>,
    /// The sample reached its limit: there may be more matches than were read.
    pub full: bool,
}

/// Records with any indexed text beginning with the words ([`Pass::AnyPrefixes`]), at most
/// `per_kind` of each of `scope.kinds`, in one query: one full-text scan for all kinds
/// rather than one per kind (on PostgreSQL each scan of a prefix's GIN entries cost ~2 ms
/// at size M).
pub async fn find_per_kind<C: Conn>(
    db: &C,
    words: &[String],
    scope: &SearchScope,
    per_kind: u64,
) -> Result<Vec<Hit>, StoreError> {
    let rows = select(db, words, Pass::AnyPrefixes, scope, Take::PerKind(per_kind)).await?;
    Ok(rows.into_iter().map(|row| row.hit).collect())
}

/// How many matches a query returns.
#[derive(Debug, Clone, Copy)]
enum Take<'a> {
    First(u64),
    PerKind(u64),
    /// See [`find_passes`].
    Sample {
        passes: &'a [(Pass, u64)],
        per_kind: u64,
        sample: u64,
    },
}

/// A row of a candidate query.
struct Row {
    hit: Hit,
    /// From the part that looks for exact titles.
    exact: bool,
    /// From a sample that had more matches than it read (see [`find_passes`]).
    overflow: bool,
}

async fn select<C: Conn>(
    db: &C,
    words: &[String],
    pass: Pass,
    scope: &SearchScope,
    take: Take<'_>,
) -> Result<Vec<Row>, StoreError> {
    match statement(db.get_database_backend(), words, pass, scope, take) {
        Some(statement) => hits(db, statement).await,
        None => Ok(Vec::new()),
    }
}

/// The candidate query for [`select`]; `None` when nothing can match.
fn statement(
    backend: DatabaseBackend,
    words: &[String],
    pass: Pass,
    scope: &SearchScope,
    take: Take<'_>,
) -> Option<Statement> {
    if words.is_empty() {
        return None;
    }
    let scopes = scope_tokens(scope);
    if scopes.as_ref().is_some_and(Vec::is_empty) {
        // In no project and without shared kinds: nothing to find.
        return None;
    }
    let text = query_text(backend, words, pass, &scope.kinds, scopes.as_deref());
    let mut values: Vec<Value> = vec![text.clone().into()];
    let mut param = |v: Value| {
        values.push(v);
        format!("${}", values.len())
    };
    let (mut from, matches) = match backend {
        DatabaseBackend::Sqlite => (
            // CROSS JOIN fixes the order: the full-text match drives, each match looks up
            // its document. The other way round (e.g. all BOM items through an index on
            // the kind, each tested against the match) took seconds.
            "search_fts CROSS JOIN search_docs d ON d.id = search_fts.rowid".to_owned(),
            "search_fts MATCH $1",
        ),
        _ => (
            "search_docs d".to_owned(),
            "d.document @@ to_tsquery('simple', $1)",
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
    // SQLite filters kinds inside the full-text match (see `query_text`).
    if !scope.kinds.is_empty() && backend != DatabaseBackend::Sqlite {
        let kinds: Vec<String> = scope
            .kinds
            .iter()
            .map(|k| param(k.clone().into()))
            .collect();
        filters.push(format!("d.entity_type IN ({})", kinds.join(", ")));
        if scope
            .kinds
            .iter()
            .all(|k| !MAJOR_KINDS.contains(&k.as_str()))
        {
            // Repeats the condition of the index over the rarer kinds, so that PostgreSQL
            // reads their entries alone rather than every BOM line's (see the migration).
            filters.push(minor_kinds_condition("d."));
        }
    }
    if let Some(project) = scope.project_id {
        filters.push(format!("d.project_id = {}", param(project.into())));
    } else if backend != DatabaseBackend::Sqlite
        && let Some(projects) = scope
            .projects
            .as_ref()
            .filter(|p| !p.is_empty() && p.len() <= MAX_SCOPE_TOKENS)
    {
        // The caller's projects as a list of values: PostgreSQL then intersects the GIN
        // match with the `project_id` index. Behind the subquery alone it scanned every
        // document whenever it expected the words to be common (35 ms at size M for a
        // word no document has).
        let list: Vec<String> = projects.iter().map(|p| param((*p).into())).collect();
        let shared = if scope.shared_kinds.is_empty() {
            ""
        } else {
            "d.project_id IS NULL OR "
        };
        let in_projects = format!("({shared}d.project_id IN ({}))", list.join(", "));
        if projects.len() <= FEW_PROJECTS {
            // A few projects hold a few thousand documents: reading them through the
            // `project_id` index and testing each against the query costs ~2 ms, while
            // the GIN index reads every document of a broad prefix in every project first
            // (`kabel*`: 80,000 entries, 22 ms at size L) to intersect them. `OFFSET 0`
            // keeps the planner from merging the two (it costs GIN too cheaply to choose
            // this by itself).
            from = format!("(SELECT * FROM search_docs d WHERE {in_projects} OFFSET 0) d");
        } else {
            filters.push(in_projects);
        }
    }
    let limit = match take {
        Take::First(limit) => limit,
        Take::Sample {
            passes,
            per_kind,
            sample,
        } if !passes.is_empty() => {
            let narrower = &passes[..passes.len() - 1];
            let classes: Vec<String> = narrower
                .iter()
                .enumerate()
                .map(|(class, (pass, _))| {
                    let text = param(query_text(backend, words, *pass, &[], None).into());
                    format!("WHEN d.document @@ to_tsquery('simple', {text}) THEN {class}")
                })
                .collect();
            let taken: Vec<String> = passes
                .iter()
                .enumerate()
                .map(|(class, (_, limit))| format!("(class = {class} AND nth_in_class <= {limit})"))
                .collect();
            let overflowing: Vec<String> = passes
                .iter()
                .enumerate()
                .map(|(class, (_, limit))| format!("(class = {class} AND in_class > {limit})"))
                .collect();
            let exact_limit = passes[0].1;
            let key = param(words.join(" ").into());
            let filters = filters.join(" AND ");
            let sql = format!(
                "WITH sample AS MATERIALIZED (\
                 SELECT d.entity_type, d.entity_id, d.project_id, d.title, d.body, \
                 CASE {classes} ELSE {broadest} END AS class \
                 FROM {from} WHERE {matches} AND {filters} LIMIT {sample}), \
                 numbered AS (SELECT s.*, \
                 ROW_NUMBER() OVER (PARTITION BY class) AS nth_in_class, \
                 COUNT(*) OVER (PARTITION BY class) AS in_class, \
                 ROW_NUMBER() OVER (PARTITION BY entity_type) AS nth_of_kind, \
                 COUNT(*) OVER () AS in_sample FROM sample s) \
                 (SELECT d.entity_type, d.entity_id, d.project_id, d.title, d.body, 1 AS exact, 0 AS overflow \
                 FROM search_docs d WHERE eventmgr_title_key(d.title) = {key} AND {filters} LIMIT {exact_limit}) \
                 UNION ALL SELECT entity_type, entity_id, project_id, title, body, 0 AS exact, \
                 CASE WHEN in_sample >= {sample} OR {overflowing} THEN 1 ELSE 0 END AS overflow \
                 FROM numbered WHERE {taken} OR nth_of_kind <= {per_kind}",
                classes = classes.join(" "),
                broadest = narrower.len(),
                overflowing = overflowing.join(" OR "),
                taken = taken.join(" OR "),
            );
            return Some(Statement::from_sql_and_values(backend, sql, values));
        }
        // No pass asked for: nothing to read.
        Take::Sample { .. } => return None,
        Take::PerKind(per_kind) => {
            let sql = format!(
                "SELECT entity_type, entity_id, project_id, title, body, 0 AS exact, 0 AS overflow FROM (\
                 SELECT d.entity_type, d.entity_id, d.project_id, d.title, d.body, \
                 ROW_NUMBER() OVER (PARTITION BY d.entity_type) AS nth FROM {from} \
                 WHERE {matches} AND {}) AS matched WHERE nth <= {per_kind}",
                filters.join(" AND ")
            );
            return Some(Statement::from_sql_and_values(backend, sql, values));
        }
    };
    let sql = format!(
        "SELECT d.entity_type, d.entity_id, d.project_id, d.title, d.body, 0 AS exact, 0 AS overflow FROM {from} \
         WHERE {matches} AND {} LIMIT {limit}",
        filters.join(" AND ")
    );
    let sql = if pass == Pass::TitleWords && backend == DatabaseBackend::Sqlite {
        // The titles that may be exact, shortest first, found inside the full-text match by
        // their length; then the sample of the others. Ordering every match by length
        // instead took 190 ms for "moving head" over 80,000 titles at size L.
        let exact =
            param(format!("{text} AND title_length : ({})", exact_title_lengths(words)).into());
        format!(
            "SELECT * FROM (SELECT d.entity_type, d.entity_id, d.project_id, d.title, d.body, 1 AS exact, 0 AS overflow \
             FROM {from} WHERE search_fts MATCH {exact} AND {filters} \
             ORDER BY length(d.title), d.id LIMIT {limit}) \
             UNION ALL SELECT * FROM ({sql})",
            filters = filters.join(" AND ")
        )
    } else if pass == Pass::TitleWords {
        // Exact titles first, found by their key index; the sample of others after them.
        let key = param(words.join(" ").into());
        format!(
            "(SELECT d.entity_type, d.entity_id, d.project_id, d.title, d.body, 1 AS exact, 0 AS overflow FROM search_docs d \
             WHERE eventmgr_title_key(d.title) = {key} AND {filters} LIMIT {limit}) \
             UNION ALL ({sql})",
            filters = filters.join(" AND ")
        )
    } else {
        sql
    };
    Some(Statement::from_sql_and_values(backend, sql, values))
}

/// The rows of a candidate query, each with whether it came from the part that looks for
/// exact titles (its `exact` column).
async fn hits<C: Conn>(db: &C, statement: Statement) -> Result<Vec<Row>, StoreError> {
    let rows = db.query_all_raw(statement).await?;
    rows.iter()
        .map(|row| {
            let hit = Hit {
                kind: row.try_get("", "entity_type")?,
                entity_id: row.try_get("", "entity_id")?,
                project_id: row.try_get("", "project_id")?,
                title: row.try_get("", "title")?,
                body: row.try_get("", "body")?,
            };
            Ok(Row {
                hit,
                exact: row.try_get::<i32>("", "exact")? == 1,
                overflow: row.try_get::<i32>("", "overflow")? == 1,
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

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
    use sea_orm_migration::MigratorTrait;
    use uuid::Uuid;

    use super::{Pass, SearchScope, find};
    use crate::PoolSettings;
    use crate::migration::Migrator;
    use crate::repo::projects::Visibility;

    async fn doc(db: &DatabaseConnection, kind: &str, project: Option<Uuid>, title: &str) {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO search_docs (entity_type, entity_id, project_id, title) VALUES ($1, $2, $3, $4)",
            [kind.into(), Uuid::now_v7().into(), project.into(), title.into()],
        ))
        .await
        .unwrap();
    }

    async fn project(db: &DatabaseConnection, id: Uuid) {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO projects (id, name, status, start_date, end_date, budget, currency, created_at, updated_at) \
             VALUES ($1, 'Projekt', 'PLANNING', '2027-01-01', '2027-01-02', '0.00', 'EUR', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            [id.into()],
        ))
        .await
        .unwrap();
    }

    async fn titles(db: &DatabaseConnection, scope: &SearchScope) -> Vec<String> {
        let mut found: Vec<String> =
            find(db, &["traverse".to_owned()], Pass::AnyPrefixes, scope, 50)
                .await
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.title)
                .collect();
        found.sort();
        found
    }

    /// The SQLite full-text match is limited to the caller's projects by their `scope`
    /// tokens — including for documents indexed before the migration that added them. The
    /// visibility filter is left open (`All`) here, so only the tokens can narrow.
    #[tokio::test]
    async fn the_sqlite_match_is_limited_to_the_listed_projects() {
        let (store, path) = crate::scratch::store("scope", &PoolSettings::default()).await;
        let db = store.conn();
        // The index as it was before `read_paths`, with documents in it. Migrations run on
        // one connection, as `Store::migrate` runs them: SQLite checks a pooled connection's
        // cached schema only when a statement opens a transaction, so DDL statements spread
        // over the pool can trip over a dropped trigger another connection still knows.
        let txn = store.begin().await.unwrap();
        Migrator::up(txn.inner(), Some(7)).await.unwrap();
        txn.commit().await.unwrap();
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        project(db, a).await;
        project(db, b).await;
        doc(db, "bom_item", Some(a), "Traverse A").await;
        doc(db, "bom_item", Some(b), "Traverse B").await;
        doc(db, "supplier", None, "Traverse Verleih").await;
        store.migrate().await.unwrap();
        doc(db, "task", Some(b), "Traverse B prüfen").await;

        let scope = |projects: Option<Vec<Uuid>>, shared: bool| SearchScope {
            visibility: Visibility::All,
            shared_kinds: if shared { vec!["supplier"] } else { vec![] },
            hide_restricted: false,
            kinds: vec![],
            project_id: None,
            projects,
        };
        assert_eq!(
            titles(db, &scope(None, true)).await,
            [
                "Traverse A",
                "Traverse B",
                "Traverse B prüfen",
                "Traverse Verleih"
            ]
        );
        assert_eq!(
            titles(db, &scope(Some(vec![b]), false)).await,
            ["Traverse B", "Traverse B prüfen"]
        );
        assert_eq!(
            titles(db, &scope(Some(vec![a]), true)).await,
            ["Traverse A", "Traverse Verleih"]
        );
        assert!(titles(db, &scope(Some(vec![]), false)).await.is_empty());
        let one_project = SearchScope {
            project_id: Some(a),
            ..scope(None, true)
        };
        assert_eq!(titles(db, &one_project).await, ["Traverse A"]);

        // Samples per kind, in one query.
        for i in 0..3 {
            doc(db, "bom_item", Some(a), &format!("Traverse Ersatz {i}")).await;
        }
        let per_kind = SearchScope {
            kinds: vec!["bom_item".to_owned(), "task".to_owned()],
            ..scope(Some(vec![a, b]), false)
        };
        let mut kinds: Vec<String> =
            super::find_per_kind(db, &["traverse".to_owned()], &per_kind, 2)
                .await
                .unwrap()
                .into_iter()
                .map(|h| h.kind)
                .collect();
        kinds.sort();
        assert_eq!(kinds, ["bom_item", "bom_item", "task"]);
        db.execute_unprepared("DELETE FROM search_docs WHERE title LIKE 'Traverse Ersatz %'")
            .await
            .unwrap();

        // Deleting a document takes it out of the scoped index too.
        db.execute_unprepared("DELETE FROM search_docs WHERE title = 'Traverse B'")
            .await
            .unwrap();
        assert_eq!(
            titles(db, &scope(Some(vec![b]), false)).await,
            ["Traverse B prüfen"]
        );
        crate::scratch::remove(store, path).await;
    }

    /// A title that is exactly the query is read however many longer titles share its
    /// words: on SQLite it is found by its `title_length` token. It is indexed last, so the
    /// unordered sample (the full-text match's own order) would not reach it.
    #[tokio::test]
    async fn an_exact_title_is_read_among_many_longer_ones() {
        let (store, path) = crate::scratch::store("exact", &PoolSettings::default()).await;
        store.migrate().await.unwrap();
        let db = store.conn();
        let a = Uuid::now_v7();
        project(db, a).await;
        for i in 0..150 {
            doc(db, "bom_item", Some(a), &format!("Bühne Segment {i:03}")).await;
            doc(db, "bom_item", Some(a), &format!("Moving Head Spot {i:03}")).await;
        }
        doc(db, "bom_item", Some(a), "Bühne!").await;
        doc(db, "bom_item", Some(a), "„Moving-Head“").await;
        let scope = SearchScope {
            visibility: Visibility::All,
            shared_kinds: vec![],
            hide_restricted: false,
            kinds: vec![],
            project_id: None,
            projects: None,
        };
        let words = |q: &str| q.split(' ').map(str::to_owned).collect::<Vec<_>>();

        let found = find(db, &words("buhne"), Pass::TitleWords, &scope, 100)
            .await
            .unwrap();
        assert_eq!(found.hits[0].title, "Bühne!");
        assert_eq!(found.hits.len(), 101, "the exact title and a sample of 100");
        assert!(found.full, "151 titles have the word: more than were read");

        let found = find(db, &words("moving head"), Pass::TitleWords, &scope, 100)
            .await
            .unwrap();
        assert_eq!(found.hits[0].title, "„Moving-Head“");

        // Every match read: not full, and the exact title listed once.
        let found = find(db, &words("buhne"), Pass::TitleWords, &scope, 200)
            .await
            .unwrap();
        assert!(!found.full);
        assert_eq!(found.hits.len(), 151);
        assert_eq!(found.hits[0].title, "Bühne!");
        crate::scratch::remove(store, path).await;
    }

    /// On PostgreSQL a search for the rarer kinds alone (the kinds a broad sample missed)
    /// reads their own full-text index, not the one over every BOM line — also in a generic
    /// plan, where the kinds are parameters the planner does not see — and finds what the
    /// full index finds.
    #[tokio::test]
    async fn postgres_searches_the_rarer_kinds_in_their_own_index() {
        let Some(scratch) = crate::scratch::postgres("minor", &PoolSettings::default()).await
        else {
            return;
        };
        let store = &scratch.store;
        store.migrate().await.unwrap();
        let db = store.conn();
        let a = Uuid::now_v7();
        project(db, a).await;
        db.execute_unprepared(&format!(
            "INSERT INTO search_docs (entity_type, entity_id, project_id, title) \
             SELECT CASE WHEN i % 2 = 0 THEN 'permit' ELSE 'bom_item' END, gen_random_uuid(), '{a}', \
             CASE WHEN i % 2 = 1 THEN 'Kabel ' || i ELSE 'Genehmigung ' || i END \
             FROM generate_series(1, 2000) AS i"
        ))
        .await
        .unwrap();
        doc(db, "permit", Some(a), "Kabelbrücke Zufahrt Nord").await;
        doc(db, "project", Some(a), "Kabelwerk Festival").await;
        db.execute_unprepared("ANALYZE search_docs").await.unwrap();
        let words = &["kabel".to_owned()][..];
        let scope = |kinds: &[&str]| SearchScope {
            visibility: Visibility::All,
            shared_kinds: vec![],
            hide_restricted: false,
            kinds: kinds.iter().map(|k| (*k).to_owned()).collect(),
            project_id: None,
            projects: None,
        };

        let mut found: Vec<String> =
            super::find_per_kind(db, words, &scope(&["permit", "project"]), 20)
                .await
                .unwrap()
                .into_iter()
                .map(|h| h.title)
                .collect();
        found.sort();
        assert_eq!(found, ["Kabelbrücke Zufahrt Nord", "Kabelwerk Festival"]);
        let with_bom = super::find_per_kind(db, words, &scope(&["bom_item", "permit"]), 20)
            .await
            .unwrap();
        assert_eq!(with_bom.iter().filter(|h| h.kind == "bom_item").count(), 20);
        assert_eq!(with_bom.iter().filter(|h| h.kind == "permit").count(), 1);

        let plan = |kinds: &'static [&'static str]| async move {
            let statement = super::statement(
                DatabaseBackend::Postgres,
                words,
                Pass::AnyPrefixes,
                &scope(kinds),
                super::Take::PerKind(20),
            )
            .unwrap();
            // Prepared and run as the server's pooled statements are, in the generic plan
            // PostgreSQL settles on after a few runs: there the kinds are unknown when the
            // plan is made. (EXPLAIN with bound values would plan for the values.)
            let values: Vec<String> = statement
                .values
                .map(|v| v.0)
                .unwrap_or_default()
                .into_iter()
                .map(|value| match value {
                    sea_orm::Value::String(Some(text)) => format!("'{}'", text.replace('\'', "''")),
                    other => panic!("no literal for {other:?}"),
                })
                .collect();
            let txn = store.begin().await.unwrap();
            txn.execute_unprepared("SET LOCAL plan_cache_mode = force_generic_plan")
                .await
                .unwrap();
            // No table scan on a table this small.
            txn.execute_unprepared("SET LOCAL enable_seqscan = off")
                .await
                .unwrap();
            txn.execute_unprepared(&format!("PREPARE per_kind AS {}", statement.sql))
                .await
                .unwrap();
            let rows = txn
                .query_all_raw(Statement::from_string(
                    DatabaseBackend::Postgres,
                    format!("EXPLAIN EXECUTE per_kind({})", values.join(", ")),
                ))
                .await
                .unwrap();
            txn.execute_unprepared("DEALLOCATE per_kind").await.unwrap();
            rows.iter()
                .map(|row| row.try_get::<String>("", "QUERY PLAN").unwrap())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let minor = plan(&["permit", "project"]).await;
        let every = plan(&["bom_item", "permit"]).await;
        crate::scratch::remove_postgres(scratch).await;
        assert!(minor.contains("search_docs_document_minor"), "{minor}");
        assert!(!every.contains("search_docs_document_minor"), "{every}");
    }
}
