//! Column vocabulary for migrations: one definition, rendered for SQLite and PostgreSQL.
//!
//! The only backend difference handled here is exact decimals: `NUMERIC(p,s)` on PostgreSQL,
//! TEXT on SQLite (NUMERIC affinity would turn `1500.00` into the integer `1500`, REAL would
//! lose cents). Everything else maps through sea-query's own rendering.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

pub(crate) fn name(n: &str) -> Alias {
    Alias::new(n)
}

/// Builds column definitions for one backend.
#[derive(Clone, Copy)]
pub(crate) struct Cols {
    pub backend: DbBackend,
}

impl Cols {
    pub fn id(&self) -> ColumnDef {
        let mut c = ColumnDef::new(name("id"));
        c.uuid().not_null().primary_key();
        c
    }

    pub fn uuid(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.uuid().not_null();
        c
    }

    pub fn uuid_null(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.uuid().null();
        c
    }

    pub fn text(&self, n: &str, len: u32) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.string_len(len).not_null();
        c
    }

    pub fn text_null(&self, n: &str, len: u32) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.string_len(len).null();
        c
    }

    pub fn long_text_null(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.text().null();
        c
    }

    fn decimal_type(&self, c: &mut ColumnDef, precision: u32, scale: u32) {
        match self.backend {
            DbBackend::Sqlite => {
                c.custom(name("TEXT"));
            }
            _ => {
                c.decimal_len(precision, scale);
            }
        }
    }

    /// Money: `NUMERIC(15,2)`, up to 9999999999999.99.
    pub fn money(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        self.decimal_type(&mut c, 15, 2);
        c.not_null();
        c
    }

    pub fn decimal(&self, n: &str, precision: u32, scale: u32) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        self.decimal_type(&mut c, precision, scale);
        c.not_null();
        c
    }

    pub fn decimal_null(&self, n: &str, precision: u32, scale: u32) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        self.decimal_type(&mut c, precision, scale);
        c.null();
        c
    }

    pub fn date(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.date().not_null();
        c
    }

    pub fn date_null(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.date().null();
        c
    }

    pub fn timestamp(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.timestamp_with_time_zone().not_null();
        c
    }

    pub fn timestamp_null(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.timestamp_with_time_zone().null();
        c
    }

    pub fn int(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.integer().not_null();
        c
    }

    pub fn int_null(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.integer().null();
        c
    }

    pub fn bigint(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.big_integer().not_null();
        c
    }

    pub fn bool(&self, n: &str, default: bool) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.boolean().not_null().default(default);
        c
    }

    pub fn json(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.json_binary().not_null();
        c
    }

    pub fn json_null(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.json_binary().null();
        c
    }

    pub fn binary_null(&self, n: &str) -> ColumnDef {
        let mut c = ColumnDef::new(name(n));
        c.blob().null();
        c
    }

    /// `version`, `created_at`, `updated_at`: every mutable resource carries them.
    pub fn versioned(&self) -> [ColumnDef; 3] {
        let mut version = ColumnDef::new(name("version"));
        version.big_integer().not_null().default(1);
        [
            version,
            self.timestamp("created_at"),
            self.timestamp("updated_at"),
        ]
    }
}

/// A foreign key from `table.column` to `target.id`.
pub(crate) fn fk(
    table: &str,
    column: &str,
    target: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(name(table), name(column))
        .to(name(target), name("id"))
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::NoAction)
        .to_owned()
}

/// A plain index named after its table and columns.
pub(crate) fn index(table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement
        .name(format!("idx_{table}_{}", columns.join("_")))
        .table(name(table));
    for column in columns {
        statement.col(name(column));
    }
    statement.to_owned()
}

pub(crate) fn unique_index(table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut statement = index(table, columns);
    statement
        .name(format!("uq_{table}_{}", columns.join("_")))
        .unique();
    statement
}
