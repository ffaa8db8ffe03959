//! `GET /search`: find anything — projects, clients, suppliers, BOM items, permits,
//! transports, tasks, cards, files — by typing a few letters.
//!
//! The database finds candidates the caller may see (project isolation, client users'
//! restrictions and the permissions for shared records are applied in the query, so
//! nothing invisible ever leaves it). Every word must match, each by its beginning, case-
//! and accent-insensitively (`büh` finds "Bühnenpodest", `buhne` finds "Bühne"). Three
//! candidate sets are read — titles with the whole words (those that may be exactly the
//! query first, found by their own index, so a title that is the query is always among
//! them), and samples of titles and of any text with words beginning so (PostgreSQL takes
//! all three from one sample of the broadest match: see `search::find_passes`); when those
//! fill up, each kind they missed gets a small sample of its own — and ranked here the same
//! way on both databases, exact matches first:
//! 1. the whole title is the query;
//! 2. per query word, a title word equal to it, then a title word starting with it, then
//!    the same in the other text;
//! 3. shorter titles first.
//!
//! A title that is exactly the query is always read; among the many records a broad query
//! matches, which ones are read (and so listed) is a sample.
//!
//! Snippets are cut from indexed text only, which never includes a price, cost or budget,
//! so they cannot leak one.

use std::collections::{HashMap, HashSet};

use eventmgr_domain::search_text::{fold_char, words};
use eventmgr_store::repo::projects;
use eventmgr_store::repo::search::{self, Hit, Pass, SearchScope};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::visibility;
use crate::{Actor, App, AppError, Permission};

/// The kinds of records search covers, in the order groups are listed on a tie.
pub const KINDS: [&str; 9] = [
    "project",
    "task",
    "bom_item",
    "permit",
    "transport",
    "card",
    "file",
    "supplier",
    "client",
];

const MAX_QUERY_CHARS: usize = 200;
const MAX_WORDS: usize = 8;
/// Candidates read per pass: titles with the whole words (and, besides, the titles that may
/// be exactly the query), titles with words beginning so, any text beginning so.
const PASSES: [(Pass, u64); 3] = [
    (Pass::TitleWords, 100),
    (Pass::TitlePrefixes, 200),
    (Pass::AnyPrefixes, 100),
];
/// Candidates read for a kind the samples above missed.
const PER_KIND_SAMPLE: u64 = 20;
/// Records of the broadest match PostgreSQL reads for all passes at once (see
/// `search::find_passes`); at size M "moving head" matches 8,000.
const SAMPLE: u64 = 2_000;
/// Words of context around the first match in a snippet.
const SNIPPET_WORDS: usize = 24;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to look for; every word must match (by its beginning).
    pub q: String,
    /// Comma-separated kinds: project, client, supplier, bom_item, permit, transport, task,
    /// card, file. Default: all.
    pub types: Option<String>,
    /// Only records of this project.
    pub project_id: Option<Uuid>,
    /// Results per kind, 1–50 (default 5).
    pub limit: Option<usize>,
}

/// A piece of a title or snippet; `matched` pieces are what the query found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResult {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Uuid,
    pub project_id: Option<Uuid>,
    /// The project's name, for context.
    pub project_name: Option<String>,
    pub title: String,
    /// The title in pieces, matches marked.
    pub title_segments: Vec<Segment>,
    /// Some words around the first match in the record's other text; empty when only the
    /// title matched.
    pub snippet: Vec<Segment>,
    /// The API resource of the record.
    pub url: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchGroup {
    #[serde(rename = "type")]
    pub kind: String,
    /// Matches of this kind among the candidates read: results beyond `limit` are counted,
    /// not listed.
    pub count: usize,
    /// False when the query was broad enough that there are more matches than were read
    /// (show the count as "200+"); refine the query to see them.
    pub complete: bool,
    pub items: Vec<SearchResult>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub query: String,
    pub groups: Vec<SearchGroup>,
}

fn url_of(kind: &str, id: Uuid) -> String {
    let collection = match kind {
        "project" => "projects",
        "client" => "clients",
        "supplier" => "suppliers",
        "bom_item" => "bom-items",
        "permit" => "permits",
        "transport" => "logistics",
        "task" => "tasks",
        "card" => "cards",
        _ => "files",
    };
    format!("/api/v1/{collection}/{id}")
}

/// The words of `text` with their byte ranges, folded.
fn word_spans(text: &str) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i, text[s..i].chars().map(fold_char).collect()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len(), text[s..].chars().map(fold_char).collect()));
    }
    spans
}

fn matches_any(word: &str, query: &[String]) -> bool {
    query.iter().any(|q| word.starts_with(q.as_str()))
}

/// `text[from..to]` in pieces, the words starting with a query word marked.
fn segments(text: &str, from: usize, to: usize, query: &[String]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |piece: &str, matched: bool| {
        if piece.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.matched == matched => last.text.push_str(piece),
            _ => out.push(Segment {
                text: piece.to_owned(),
                matched,
            }),
        }
    };
    let mut at = from;
    for (s, e, word) in word_spans(&text[from..to]) {
        let (s, e) = (s + from, e + from);
        if matches_any(&word, query) {
            push(&text[at..s], false);
            push(&text[s..e], true);
            at = e;
        }
    }
    push(&text[at..to], false);
    out
}

/// A window of words around the first match in `body`, or nothing without a match.
fn snippet(body: &str, query: &[String]) -> Vec<Segment> {
    let spans = word_spans(body);
    let Some(first) = spans.iter().position(|(_, _, w)| matches_any(w, query)) else {
        return Vec::new();
    };
    let start = first.saturating_sub(SNIPPET_WORDS / 3);
    let end = (start + SNIPPET_WORDS).min(spans.len());
    let from = spans[start].0;
    let to = spans[end - 1].1;
    let mut out = segments(body, from, to, query);
    if start > 0 {
        out.insert(
            0,
            Segment {
                text: "… ".to_owned(),
                matched: false,
            },
        );
    }
    if end < spans.len() {
        out.push(Segment {
            text: " …".to_owned(),
            matched: false,
        });
    }
    out
}

/// How well `hit` answers `query` (higher is better); see the module comment.
fn score(hit: &Hit, query: &[String], whole_query: &str) -> i64 {
    let title_words = words(&hit.title);
    let body_words = words(&hit.body);
    let mut score = 0;
    if title_words.join(" ") == whole_query {
        score += 1000;
    }
    for q in query {
        score += if title_words.iter().any(|w| w == q) {
            100
        } else if title_words.iter().any(|w| w.starts_with(q.as_str())) {
            40
        } else if body_words.iter().any(|w| w == q) {
            20
        } else {
            8
        };
    }
    score
}

impl App {
    pub async fn search(
        &self,
        actor: &Actor,
        query: SearchQuery,
    ) -> Result<SearchResponse, AppError> {
        if query.q.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::field(
                "q",
                "too_long",
                format!("q must have at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut query_words = words(&query.q);
        query_words.dedup();
        if query_words.is_empty() {
            return Err(AppError::field(
                "q",
                "required",
                "q must contain at least one letter or digit",
            ));
        }
        query_words.truncate(MAX_WORDS);
        let limit = query.limit.unwrap_or(5);
        if !(1..=50).contains(&limit) {
            return Err(AppError::field(
                "limit",
                "out_of_range",
                "limit must be between 1 and 50",
            ));
        }
        let kinds = match query.types.as_deref().map(str::trim) {
            None | Some("") => Vec::new(),
            Some(list) => {
                let mut kinds = Vec::new();
                for kind in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                    if !KINDS.contains(&kind) {
                        return Err(AppError::field(
                            "types",
                            "invalid_type",
                            format!("types must be among {}", KINDS.join(", ")),
                        ));
                    }
                    kinds.push(kind.to_owned());
                }
                kinds
            }
        };
        let mut shared_kinds = Vec::new();
        if actor.has(Permission::ClientsRead) {
            shared_kinds.push("client");
        }
        if actor.has(Permission::SuppliersRead) {
            shared_kinds.push("supplier");
        }
        let db = self.store.conn();
        let scope = SearchScope {
            visibility: visibility(actor),
            shared_kinds,
            hide_restricted: actor.is_client_user(),
            kinds,
            project_id: query.project_id,
            projects: projects::visible_id_list(db, visibility(actor)).await?,
        };
        let found =
            search::find_passes(db, &query_words, &scope, &PASSES, PER_KIND_SAMPLE, SAMPLE).await?;
        let saturated = found.full;
        let mut seen: HashSet<Uuid> = found.hits.iter().map(|h| h.entity_id).collect();
        let mut hits = found.hits;
        if saturated {
            // A broad query: one kind (hundreds of BOM lines) may have filled the samples.
            // Kinds with no candidate yet get a small sample of their own.
            let present: HashSet<String> = hits.iter().map(|h| h.kind.clone()).collect();
            let wanted: Vec<String> = KINDS
                .iter()
                .filter(|k| {
                    (scope.kinds.is_empty() || scope.kinds.iter().any(|w| w == *k))
                        && !present.contains(**k)
                        && (!matches!(**k, "client" | "supplier")
                            || scope.shared_kinds.contains(*k))
                })
                .map(|k| (*k).to_owned())
                .collect();
            if !wanted.is_empty() {
                let own = SearchScope {
                    kinds: wanted,
                    ..scope.clone()
                };
                for hit in search::find_per_kind(db, &query_words, &own, PER_KIND_SAMPLE).await? {
                    if seen.insert(hit.entity_id) {
                        hits.push(hit);
                    }
                }
            }
        }

        let whole_query = query_words.join(" ");
        let mut scored: Vec<(i64, Hit)> = hits
            .into_iter()
            .map(|h| (score(&h, &query_words, &whole_query), h))
            .collect();
        let kind_order = |k: &str| KINDS.iter().position(|x| *x == k).unwrap_or(KINDS.len());
        scored.sort_by(|(sa, a), (sb, b)| {
            sb.cmp(sa)
                .then(a.title.chars().count().cmp(&b.title.chars().count()))
                .then(kind_order(&a.kind).cmp(&kind_order(&b.kind)))
                .then(a.title.cmp(&b.title))
        });

        let project_ids: Vec<Uuid> = scored.iter().filter_map(|(_, h)| h.project_id).collect();
        let names: HashMap<Uuid, String> =
            eventmgr_store::repo::projects::names_of(db, project_ids).await?;
        let mut groups: Vec<SearchGroup> = Vec::new();
        for (_, hit) in scored {
            let index = match groups.iter().position(|g| g.kind == hit.kind) {
                Some(i) => i,
                None => {
                    groups.push(SearchGroup {
                        kind: hit.kind.clone(),
                        count: 0,
                        complete: !saturated,
                        items: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[index];
            group.count += 1;
            if group.items.len() < limit {
                group.items.push(SearchResult {
                    url: url_of(&hit.kind, hit.entity_id),
                    project_name: hit.project_id.and_then(|p| names.get(&p).cloned()),
                    title_segments: segments(&hit.title, 0, hit.title.len(), &query_words),
                    snippet: snippet(&hit.body, &query_words),
                    kind: hit.kind,
                    id: hit.entity_id,
                    project_id: hit.project_id,
                    title: hit.title,
                });
            }
        }
        Ok(SearchResponse {
            query: query.q,
            groups,
        })
    }

    /// Rebuilds the search index from the records (`eventmgr search reindex`).
    pub async fn reindex_search(&self) -> Result<u64, AppError> {
        let txn = self.store.begin().await?;
        let count = search::rebuild(&txn).await?;
        txn.commit().await?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn segments_mark_matching_words_keeping_the_original_text() {
        let text = "Aufbau der Bühne, Bühnenpodest";
        let pieces = segments(text, 0, text.len(), &q("büh"));
        let marked: Vec<&str> = pieces
            .iter()
            .filter(|s| s.matched)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, ["Bühne", "Bühnenpodest"]);
        let all: String = pieces.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(all, "Aufbau der Bühne, Bühnenpodest");
    }

    #[test]
    fn snippets_window_the_first_match() {
        let body = (0..60)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + " Kabeltrommel";
        let s = snippet(&body, &q("kabel"));
        assert_eq!(s.first().unwrap().text, "… ");
        assert!(s.iter().any(|p| p.matched && p.text == "Kabeltrommel"));
        assert!(snippet("nothing here", &q("kabel")).is_empty());
    }

    #[test]
    fn exact_titles_rank_above_prefixes() {
        let hit = |title: &str| Hit {
            kind: "bom_item".into(),
            entity_id: Uuid::nil(),
            project_id: None,
            title: title.into(),
            body: String::new(),
        };
        let query = q("bühne");
        let exact = score(&hit("Bühne"), &query, "buhne");
        let word = score(&hit("Große Bühne"), &query, "buhne");
        let prefix = score(&hit("Bühnenpodest"), &query, "buhne");
        assert!(exact > word && word > prefix, "{exact} {word} {prefix}");
    }
}
