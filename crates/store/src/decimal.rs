//! `DbDecimal`: an exact decimal column that round-trips on both backends.
//!
//! SeaORM reads SQLite decimals through `f64` and renders `Decimal` columns as `REAL` there, so
//! `9999999999999.99` or `0.1 + 0.2` would not come back as written. We store decimals as
//! `NUMERIC(p,s)` on PostgreSQL and as canonical TEXT on SQLite (see `migration::schema`), and
//! read them back exactly through this type.

use std::str::FromStr;

use rust_decimal::Decimal;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, Value, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, QueryResult, TryGetError, TryGetable};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DbDecimal(pub Decimal);

impl From<DbDecimal> for Value {
    fn from(value: DbDecimal) -> Self {
        // sea-query binds decimals as text on SQLite and as NUMERIC on PostgreSQL.
        Value::Decimal(Some(value.0))
    }
}

impl From<Decimal> for DbDecimal {
    fn from(value: Decimal) -> Self {
        DbDecimal(value)
    }
}

impl Nullable for DbDecimal {
    fn null() -> Value {
        Value::Decimal(None)
    }
}

impl ValueType for DbDecimal {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        match v {
            Value::Decimal(Some(d)) => Ok(DbDecimal(d)),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "DbDecimal".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::Decimal
    }

    fn column_type() -> ColumnType {
        ColumnType::Decimal(None)
    }
}

fn decode_error(idx: &dyn std::fmt::Debug, detail: String) -> TryGetError {
    TryGetError::DbErr(sea_orm::DbErr::Type(format!(
        "decimal column {idx:?}: {detail}"
    )))
}

impl TryGetable for DbDecimal {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        if let Some(row) = res.try_as_sqlite_row() {
            use sea_orm::sqlx::Row;
            let text: Option<String> = row
                .try_get(idx.as_sqlx_sqlite_index())
                .map_err(|e| decode_error(&idx, e.to_string()))?;
            let text = text.ok_or_else(|| TryGetError::Null(format!("{idx:?}")))?;
            return Decimal::from_str(&text)
                .map(DbDecimal)
                .map_err(|e| decode_error(&idx, e.to_string()));
        }
        if let Some(row) = res.try_as_pg_row() {
            use sea_orm::sqlx::Row;
            let value: Option<Decimal> = row
                .try_get(idx.as_sqlx_postgres_index())
                .map_err(|e| decode_error(&idx, e.to_string()))?;
            return value
                .map(DbDecimal)
                .ok_or_else(|| TryGetError::Null(format!("{idx:?}")));
        }
        Err(decode_error(&idx, "unsupported backend".to_owned()))
    }
}
