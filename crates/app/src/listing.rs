//! List parameters shared by every collection: `limit`, `cursor`, `sort`.
//!
//! The cursor is opaque to clients: base64url of the sort it belongs to and the sort values of
//! the last row returned. A cursor presented with another sort is a 400, not a silent reset.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use eventmgr_store::repo::page::{Page, PageQuery, SortKey, SortKind};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::AppError;

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

/// Raw list parameters as they come from the query string.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Page size, 1–200 (default 50).
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Comma-separated fields, `-` for descending: `sort=start_date,-name`.
    pub sort: Option<String>,
}

/// A page as clients receive it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub total: u64,
}

#[derive(Serialize, Deserialize)]
struct CursorBody {
    s: String,
    v: Vec<Json>,
}

/// The field names in `sort=a,-b`, without their direction signs.
fn sort_fields(params: &ListParams) -> impl Iterator<Item = &str> {
    params
        .sort
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(|part| part.trim().trim_start_matches(['-', '+']))
}

/// 400 when `sort` names one of `fields`: e.g. prices, whose order alone would tell a caller
/// without `costs:read` what they may not see.
pub fn refuse_sort_by(params: &ListParams, fields: &[&str]) -> Result<(), AppError> {
    match sort_fields(params).find(|f| fields.contains(f)) {
        Some(field) => Err(AppError::BadRequest(format!(
            "sorting by {field} needs the permission costs:read"
        ))),
        None => Ok(()),
    }
}

/// Turns raw parameters into a store page query, checking every part.
pub fn page_query<C: Copy>(
    params: &ListParams,
    sortable: fn(&str) -> Option<(C, SortKind)>,
    default_sort: &str,
) -> Result<PageQuery<C>, AppError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let sort_text = params
        .sort
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(default_sort)
        .trim()
        .to_owned();
    let mut sort = Vec::new();
    for part in sort_text.split(',') {
        let part = part.trim();
        let (field, descending) = match part.strip_prefix('-') {
            Some(rest) => (rest, true),
            None => (part.strip_prefix('+').unwrap_or(part), false),
        };
        let (column, kind) = sortable(field)
            .ok_or_else(|| AppError::BadRequest(format!("cannot sort by '{field}'")))?;
        sort.push(SortKey {
            column,
            descending,
            kind,
        });
    }
    let after = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(cursor) => {
            let bad =
                || AppError::BadRequest("cursor is invalid or belongs to another sort".to_owned());
            let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
            let body: CursorBody = serde_json::from_slice(&bytes).map_err(|_| bad())?;
            if body.s != sort_text || body.v.len() != sort.len() + 1 {
                return Err(bad());
            }
            Some(body.v)
        }
    };
    Ok(PageQuery { sort, after, limit })
}

/// Encodes the next cursor of a page for the sort it was produced with.
fn encode_cursor(params: &ListParams, default_sort: &str, values: Vec<Json>) -> String {
    let sort_text = params
        .sort
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(default_sort)
        .trim()
        .to_owned();
    let body = CursorBody {
        s: sort_text,
        v: values,
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&body).unwrap_or_default())
}

/// Builds the client-facing page.
pub fn respond<T, U>(
    params: &ListParams,
    default_sort: &str,
    page: Page<T>,
    mut f: impl FnMut(T) -> U,
) -> ListResponse<U> {
    ListResponse {
        next_cursor: page
            .next_after
            .map(|values| encode_cursor(params, default_sort, values)),
        total: page.total,
        items: page.items.into_iter().map(&mut f).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sortable(field: &str) -> Option<(u8, SortKind)> {
        match field {
            "name" => Some((1, SortKind::Text)),
            "created_at" => Some((2, SortKind::Timestamp)),
            _ => None,
        }
    }

    #[test]
    fn parses_sort_and_limit() {
        let params = ListParams {
            limit: Some(10),
            cursor: None,
            sort: Some("-name,created_at".into()),
        };
        let q = page_query(&params, sortable, "name").unwrap();
        assert_eq!(q.limit, 10);
        assert_eq!(
            q.sort
                .iter()
                .map(|k| (k.column, k.descending))
                .collect::<Vec<_>>(),
            [(1, true), (2, false)]
        );
    }

    #[test]
    fn rejects_bad_parameters() {
        for params in [
            ListParams {
                limit: Some(0),
                ..Default::default()
            },
            ListParams {
                limit: Some(201),
                ..Default::default()
            },
            ListParams {
                sort: Some("password".into()),
                ..Default::default()
            },
            ListParams {
                cursor: Some("!!!".into()),
                ..Default::default()
            },
        ] {
            assert!(matches!(
                page_query(&params, sortable, "name"),
                Err(AppError::BadRequest(_))
            ));
        }
    }

    #[test]
    fn cursor_is_bound_to_its_sort() {
        let params = ListParams {
            sort: Some("name".into()),
            ..Default::default()
        };
        let cursor = encode_cursor(&params, "name", vec![Json::from("a"), Json::from("id")]);
        let ok = ListParams {
            cursor: Some(cursor.clone()),
            sort: Some("name".into()),
            ..Default::default()
        };
        assert_eq!(
            page_query(&ok, sortable, "name")
                .unwrap()
                .after
                .unwrap()
                .len(),
            2
        );
        let other = ListParams {
            cursor: Some(cursor),
            sort: Some("created_at".into()),
            ..Default::default()
        };
        assert!(page_query(&other, sortable, "name").is_err());
    }
}
