//! The clinical record's storage: one plain struct per table (`model`), written with portable
//! upserts so the FHIR importer, the demo generator and tests share one write path, and read back
//! with `sqlx::FromRow`. Our ids are derived from the source system's ids (UUID v5), so writing
//! the same source resource twice updates one row.

mod model;
pub mod sealing;
pub mod sensitivity;

use anyhow::Context as _;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use crate::crypto::KeyRing;

pub use model::*;

/// A struct that is one row of one table.
pub trait Record: Send + Sync + Unpin + for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> {
    const TABLE: &'static str;
    /// The primary key's columns.
    const KEY: &'static [&'static str];
    /// Every column, in the struct's order.
    const COLUMNS: &'static [&'static str];

    /// The columns stored sealed (`crate::crypto`): notes, identifiers, attachments.
    const SEALED: &'static [&'static str];

    /// Binds every column's value, in `COLUMNS` order.
    fn bind<'q>(&self, query: Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments>;

    /// Turns the row into what is stored: its `SEALED` columns sealed with the current key.
    fn seal(&mut self, keys: &KeyRing);

    /// Turns a stored row back into the plain one.
    fn open(&mut self, keys: &KeyRing) -> anyhow::Result<()>;
}

/// A column's type that can be stored sealed: text, or bytes.
pub trait Sealable {
    fn seal_in(&mut self, keys: &KeyRing, column: &str);
    fn open_in(&mut self, keys: &KeyRing, column: &str) -> anyhow::Result<()>;
}

impl Sealable for Option<String> {
    fn seal_in(&mut self, keys: &KeyRing, column: &str) {
        if let Some(text) = self {
            *text = keys.seal_text(column, text);
        }
    }

    fn open_in(&mut self, keys: &KeyRing, column: &str) -> anyhow::Result<()> {
        if let Some(text) = self {
            *text = keys.open_text(column, text).with_context(|| format!("opening {column}"))?;
        }
        Ok(())
    }
}

impl Sealable for Option<Vec<u8>> {
    fn seal_in(&mut self, keys: &KeyRing, column: &str) {
        if let Some(bytes) = self {
            *bytes = keys.seal_bytes(column, bytes);
        }
    }

    fn open_in(&mut self, keys: &KeyRing, column: &str) -> anyhow::Result<()> {
        if let Some(bytes) = self {
            *bytes = keys.open_bytes(column, bytes).with_context(|| format!("opening {column}"))?;
        }
        Ok(())
    }
}

/// Declares a record struct and its `Record` impl from one list of fields, so the column list
/// and the bindings cannot drift apart. `sealed(…)` names the columns stored sealed;
/// `before_seal(method)` and `after_open(method)` name methods that run before the columns are
/// sealed and after they are opened (an identifier keeps a blind index where its value was).
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $table:literal key($($key:ident),+)
            $(sealed($($sealed:ident),+))? $(before_seal($before_seal:ident))?
            $(after_open($after_open:ident))? {
            $($(#[$fmeta:meta])* pub $field:ident : $ty:ty,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, sqlx::FromRow)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl super::Record for $name {
            const TABLE: &'static str = $table;
            const KEY: &'static [&'static str] = &[$(stringify!($key)),+];
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];
            const SEALED: &'static [&'static str] = &[$($(stringify!($sealed)),+)?];

            fn bind<'q>(
                &self,
                query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
            ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
                query$(.bind(self.$field.clone()))*
            }

            fn seal(&mut self, keys: &crate::crypto::KeyRing) {
                let _ = keys;
                $(self.$before_seal(keys);)?
                $($(super::Sealable::seal_in(&mut self.$sealed, keys, concat!($table, ".", stringify!($sealed)));)+)?
            }

            fn open(&mut self, keys: &crate::crypto::KeyRing) -> anyhow::Result<()> {
                let _ = keys;
                $($(super::Sealable::open_in(&mut self.$sealed, keys, concat!($table, ".", stringify!($sealed)))?;)+)?
                $(self.$after_open(keys);)?
                Ok(())
            }
        }
    };
}
pub(crate) use record;

/// Most bound values in one statement. Both engines allow far more (SQLite 32,766, PostgreSQL
/// 65,535), but sqlx's SQLite driver looks each `$N` up by name, so a statement's cost grows with
/// the square of its values. Measured seeding the 200-patient demo (debug build): 1,000 values
/// per statement 18.4 s, 500 12.6 s, 200 11.0 s, 100 about the same.
const MAX_BINDS: usize = 200;

/// `INSERT … ON CONFLICT (key) DO UPDATE` for `rows`, many rows per statement, their sealed
/// columns sealed with `keys`.
pub async fn upsert<R: Record + Clone>(
    conn: &mut AnyConnection,
    keys: &KeyRing,
    rows: &[R],
) -> sqlx::Result<()> {
    if R::SEALED.is_empty() {
        return upsert_stored(conn, rows).await;
    }
    let sealed: Vec<R> = rows
        .iter()
        .map(|row| {
            let mut row = row.clone();
            row.seal(keys);
            row
        })
        .collect();
    upsert_stored(conn, &sealed).await
}

/// `upsert` for rows already as stored (sealed).
pub async fn upsert_stored<R: Record>(conn: &mut AnyConnection, rows: &[R]) -> sqlx::Result<()> {
    let per_statement = (MAX_BINDS / R::COLUMNS.len()).max(1);
    for chunk in rows.chunks(per_statement) {
        let sql = upsert_sql::<R>(chunk.len());
        // Never a cached statement: sqlx 0.9's `Any` driver types a NULL `f64` as float4 (its
        // `AnyArguments::convert_into` swaps Real and Double, sqlx issue 4284), and PostgreSQL
        // keeps the parameter types a statement was first prepared with, so a cached upsert that
        // once saw a NULL in a REAL column refuses every number there afterwards.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false);
        for row in chunk {
            query = row.bind(query);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Replaces the rows of a child table that belong to one parent (an observation's components,
/// an allergy's reactions): the source's list is the truth, so rows it no longer has go.
pub async fn replace_children<R: Record + Clone>(
    conn: &mut AnyConnection,
    keys: &KeyRing,
    parent_column: &str,
    parent_id: &str,
    rows: &[R],
) -> sqlx::Result<()> {
    debug_assert!(R::COLUMNS.contains(&parent_column));
    let delete = format!("DELETE FROM {} WHERE {parent_column} = $1", R::TABLE);
    sqlx::query(sqlx::AssertSqlSafe(delete)).bind(parent_id.to_owned()).execute(&mut *conn).await?;
    upsert(conn, keys, rows).await
}

fn upsert_sql<R: Record>(rows: usize) -> String {
    let columns = R::COLUMNS.len();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ", R::TABLE, R::COLUMNS.join(", "));
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        let placeholders: Vec<String> = (1..=columns).map(|c| format!("${}", row * columns + c)).collect();
        sql.push_str(&placeholders.join(", "));
        sql.push(')');
    }
    let updates: Vec<String> =
        R::COLUMNS.iter().filter(|c| !R::KEY.contains(c)).map(|c| format!("{c} = excluded.{c}")).collect();
    let on_conflict = if updates.is_empty() {
        "DO NOTHING".to_owned()
    } else {
        format!("DO UPDATE SET {}", updates.join(", "))
    };
    format!("{sql} ON CONFLICT ({}) {on_conflict}", R::KEY.join(", "))
}

/// `SELECT col, col, … FROM table`, for reading records back whole.
pub fn select_sql<R: Record>() -> String {
    format!("SELECT {} FROM {}", R::COLUMNS.join(", "), R::TABLE)
}

/// Fixed namespace for our record ids, so the same source resource always gets the same id.
const ID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6d1f_5a9e_2b7c_4e31_9a0d_7c2e_51f4_b803);

/// Our id for the resource `resource_type/source_id` of `source`.
pub fn record_id(source: &str, resource_type: &str, source_id: &str) -> String {
    uuid::Uuid::new_v5(&ID_NAMESPACE, format!("{source}|{resource_type}|{source_id}").as_bytes()).to_string()
}

#[cfg(test)]
mod tests;
