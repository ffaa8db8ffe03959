//! Keyset pagination with `sort=field,-other`: stable under concurrent inserts, and as fast on
//! page 500 as on page 1 (no OFFSET).
//!
//! The cursor holds the sort values of the last row of a page plus its id (the tiebreaker), so
//! the next page starts strictly after it. Its encoding for clients is the HTTP layer's job.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ColumnTrait, DatabaseBackend, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::{Conn, StoreError};

/// The type of a sortable column, needed to turn a cursor value back into a SQL value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKind {
    Text,
    Date,
    Timestamp,
    Integer,
    /// A nullable date: rows without one sort after every dated row (ascending).
    DateNullsLast,
    /// A nullable timestamp, likewise.
    TimestampNullsLast,
    /// An exact decimal (money, quantity): TEXT on SQLite, so ordered through a cast.
    Decimal,
    /// A text column with a meaningful order of its values (priorities: LOW before HIGH),
    /// sorted by the value's index in the slice; unknown values sort last.
    Ranked(&'static [&'static str]),
}

/// One sort key: a column, its direction, its kind.
#[derive(Debug, Clone, Copy)]
pub struct SortKey<C> {
    pub column: C,
    pub descending: bool,
    pub kind: SortKind,
}

/// Page request as the store sees it: sort keys, the values after which to start, a limit.
#[derive(Debug, Clone)]
pub struct PageQuery<C> {
    pub sort: Vec<SortKey<C>>,
    /// Sort values of the last row already seen, followed by its id.
    pub after: Option<Vec<Json>>,
    pub limit: u64,
}

/// One page of rows, the cursor values of its last row when more follow, and the total count.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_after: Option<Vec<Json>>,
    pub total: u64,
}

fn sql_value(
    kind: SortKind,
    value: &Json,
    backend: DatabaseBackend,
) -> Result<sea_orm::Value, StoreError> {
    let bad = || StoreError::Corrupt("cursor does not match the sort".to_owned());
    let text = value.as_str().ok_or_else(bad)?;
    Ok(match kind {
        SortKind::Integer | SortKind::Ranked(_) => text.parse::<i64>().map_err(|_| bad())?.into(),
        SortKind::DateNullsLast => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| bad())?
            .into(),
        SortKind::TimestampNullsLast => DateTime::parse_from_rfc3339(text)
            .map_err(|_| bad())?
            .with_timezone(&Utc)
            .into(),
        SortKind::Decimal => {
            let exact: rust_decimal::Decimal = text.parse().map_err(|_| bad())?;
            if backend == DatabaseBackend::Sqlite {
                text.parse::<f64>().map_err(|_| bad())?.into()
            } else {
                exact.into()
            }
        }
        SortKind::Text => text.to_owned().into(),
        SortKind::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| bad())?
            .into(),
        SortKind::Timestamp => DateTime::parse_from_rfc3339(text)
            .map_err(|_| bad())?
            .with_timezone(&Utc)
            .into(),
    })
}

/// The expression a sort key orders by: the column itself, except decimals on SQLite, which
/// are stored as TEXT (exact round trips) and must be compared as numbers.
fn sort_expr<C: ColumnTrait>(key: &SortKey<C>, backend: DatabaseBackend) -> SimpleExpr {
    match key.kind {
        SortKind::Decimal if backend == DatabaseBackend::Sqlite => {
            Expr::col(key.column).cast_as(Alias::new("REAL"))
        }
        // A NULL never compares, so the cursor condition would skip those rows: sort them
        // as the far future instead. The constants are written into the SQL, not bound:
        // only then can both databases match the expression to an index on it (e.g.
        // `tasks_due_priority_order`; a bound value is unknown when the plan is made).
        SortKind::DateNullsLast => {
            Expr::col(key.column).if_null(Expr::cust(format!("'{NO_DATE}'")))
        }
        SortKind::TimestampNullsLast => Expr::col(key.column).if_null(no_timestamp()),
        SortKind::Ranked(values) => {
            let mut case = sea_orm::sea_query::CaseStatement::new();
            for (index, value) in values.iter().enumerate() {
                case = case.case(
                    Expr::col(key.column).eq(Expr::cust(sql_text(value))),
                    Expr::cust(index.to_string()),
                );
            }
            case.finally(Expr::cust(values.len().to_string())).into()
        }
        _ => Expr::col(key.column),
    }
}

/// The condition "row comes strictly after the cursor" for the given sort keys and id column.
fn after_condition<C: ColumnTrait>(
    sort: &[SortKey<C>],
    id_column: C,
    after: &[Json],
    backend: DatabaseBackend,
) -> Result<Condition, StoreError> {
    if after.len() != sort.len() + 1 {
        return Err(StoreError::Corrupt(
            "cursor does not match the sort".to_owned(),
        ));
    }
    let id: Uuid = after
        .last()
        .and_then(|v| v.as_str())
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| StoreError::Corrupt("cursor does not match the sort".to_owned()))?;
    let mut keys: Vec<(SimpleExpr, bool, sea_orm::Value)> = Vec::new();
    for (key, value) in sort.iter().zip(after) {
        keys.push((
            sort_expr(key, backend),
            key.descending,
            sql_value(key.kind, value, backend)?,
        ));
    }
    keys.push((Expr::col(id_column), false, id.into()));

    let mut any = Condition::any();
    for i in 0..keys.len() {
        let mut all = Condition::all();
        for (expr, _, value) in &keys[..i] {
            all = all.add(expr.clone().eq(value.clone()));
        }
        let (expr, descending, value) = &keys[i];
        all = all.add(if *descending {
            expr.clone().lt(value.clone())
        } else {
            expr.clone().gt(value.clone())
        });
        any = any.add(all);
    }
    Ok(any)
}

/// Runs a filtered select as one page. `cursor_of` gives the sort values of a row (as JSON
/// strings, in sort-key order) followed by its id.
pub async fn fetch_page<E, C, F>(
    db: &C,
    select: Select<E>,
    id_column: E::Column,
    page: &PageQuery<E::Column>,
    cursor_of: F,
) -> Result<Page<E::Model>, StoreError>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    C: Conn,
    F: Fn(&E::Model) -> Vec<Json>,
{
    let total = select.clone().count(db).await?;
    let query = page_select(select, id_column, page, db.get_database_backend())?;
    let mut items = query.all(db).await?;
    let has_more = items.len() as u64 > page.limit;
    items.truncate(page.limit as usize);
    let next_after = if has_more {
        items.last().map(&cursor_of)
    } else {
        None
    };
    Ok(Page {
        items,
        next_after,
        total,
    })
}

/// `select` as one page's query: after the cursor, in the sort's order then by id, one row
/// more than the page (to tell whether more follow).
pub fn page_select<E: EntityTrait>(
    select: Select<E>,
    id_column: E::Column,
    page: &PageQuery<E::Column>,
    backend: DatabaseBackend,
) -> Result<Select<E>, StoreError> {
    let mut query = select;
    if let Some(after) = &page.after {
        query = query.filter(after_condition(&page.sort, id_column, after, backend)?);
    }
    for key in &page.sort {
        query = query.order_by(
            sort_expr(key, backend),
            if key.descending {
                Order::Desc
            } else {
                Order::Asc
            },
        );
    }
    Ok(query.order_by(id_column, Order::Asc).limit(page.limit + 1))
}

/// Formats a timestamp for a cursor (RFC 3339 with microseconds).
pub fn ts(value: &DateTime<Utc>) -> Json {
    Json::String(value.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

pub fn date(value: &NaiveDate) -> Json {
    Json::String(value.format("%Y-%m-%d").to_string())
}

pub fn text(value: &str) -> Json {
    Json::String(value.to_owned())
}

/// A constant of the code (a ranked value such as `HIGH`) as an SQL string literal.
fn sql_text(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// What a missing date sorts as (a year both databases store and order as usual).
pub const NO_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

fn no_timestamp() -> DateTime<Utc> {
    NO_DATE
        .and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc())
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// A nullable date for a cursor ([`SortKind::DateNullsLast`]).
pub fn opt_date(value: Option<&NaiveDate>) -> Json {
    date(value.unwrap_or(&NO_DATE))
}

/// A nullable timestamp for a cursor ([`SortKind::TimestampNullsLast`]).
pub fn opt_ts(value: Option<&DateTime<Utc>>) -> Json {
    ts(value.unwrap_or(&no_timestamp()))
}

/// The cursor value of a [`SortKind::Ranked`] column.
pub fn ranked(values: &[&str], value: &str) -> Json {
    let index = values
        .iter()
        .position(|v| *v == value)
        .unwrap_or(values.len());
    int(index as i64)
}

pub fn int(value: i64) -> Json {
    Json::String(value.to_string())
}

pub fn decimal(value: &rust_decimal::Decimal) -> Json {
    Json::String(value.to_string())
}

pub fn id(value: &Uuid) -> Json {
    Json::String(value.to_string())
}
