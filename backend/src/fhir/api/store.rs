//! Reading record rows for the API: by id, by a search's filter a page at a time, and counts.
//! Every statement is portable SQL built from fixed column names and `$n` placeholders.

use anyhow::Context as _;

use super::outcome::FhirResult;
use super::render::FhirRecord;
use super::search::Where;
use crate::Db;
use crate::records;

/// Runs the body with `$R` as the record struct of `$kind`, for code generic over the types.
macro_rules! dispatch {
    ($kind:expr, $R:ident => $body:expr) => {{
        use $crate::fhir::api::resource_type::ResourceType as T;
        use $crate::records as r;
        match $kind {
            T::Patient => {
                type $R = r::Patient;
                $body
            }
            T::Encounter => {
                type $R = r::Encounter;
                $body
            }
            T::Condition => {
                type $R = r::Condition;
                $body
            }
            T::AllergyIntolerance => {
                type $R = r::Allergy;
                $body
            }
            T::MedicationRequest => {
                type $R = r::MedicationRequest;
                $body
            }
            T::Immunization => {
                type $R = r::Immunization;
                $body
            }
            T::Observation => {
                type $R = r::Observation;
                $body
            }
            T::DiagnosticReport => {
                type $R = r::DiagnosticReport;
                $body
            }
            T::DocumentReference => {
                type $R = r::Document;
                $body
            }
            T::CarePlan => {
                type $R = r::CarePlan;
                $body
            }
            T::Goal => {
                type $R = r::Goal;
                $body
            }
            T::Coverage => {
                type $R = r::Coverage;
                $body
            }
            T::Practitioner => {
                type $R = r::Practitioner;
                $body
            }
            T::PractitionerRole => {
                type $R = r::PractitionerRole;
                $body
            }
            T::Organization => {
                type $R = r::Organization;
                $body
            }
            T::Location => {
                type $R = r::Location;
                $body
            }
        }
    }};
}
pub(crate) use dispatch;

/// The row with our id `id`.
pub async fn by_id<R: FhirRecord>(db: &Db, id: &str) -> FhirResult<Option<R>> {
    let sql = format!("{} WHERE id = $1", records::select_sql::<R>());
    let mut row = sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(sql))
        .bind(id.to_owned())
        .fetch_optional(db.pool())
        .await
        .with_context(|| format!("read one of {}", R::TABLE))?;
    if let Some(row) = &mut row {
        row.open(db.keys())?;
    }
    Ok(row)
}

/// Whether the row with our id `id` is confidential (for types with the flag).
pub async fn is_confidential<R: FhirRecord>(db: &Db, id: &str) -> FhirResult<bool> {
    let sql = format!("SELECT confidential FROM {} WHERE id = $1", R::TABLE);
    let flag: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(id.to_owned())
        .fetch_optional(db.pool())
        .await
        .with_context(|| format!("read the confidential flag of one of {}", R::TABLE))?;
    Ok(flag.unwrap_or(0) != 0)
}

/// The rows with any of `ids`, in id order.
pub async fn by_ids<R: FhirRecord>(db: &Db, ids: &[String]) -> FhirResult<Vec<R>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut filter = Where::default();
    let placeholders: Vec<String> = ids.iter().map(|id| filter.bind(id.as_str())).collect();
    filter.push(format!("id IN ({})", placeholders.join(", ")));
    page::<R>(db, &filter, " ORDER BY id", ids.len(), 0).await
}

/// How many rows of `R` match `filter`.
pub async fn count<R: FhirRecord>(db: &Db, filter: &Where) -> FhirResult<usize> {
    let sql = format!("SELECT COUNT(*) FROM {}{}", R::TABLE, filter.sql());
    let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
    for value in filter.binds() {
        query = query.bind(value.clone());
    }
    let count = query.fetch_one(db.pool()).await.with_context(|| format!("count {}", R::TABLE))?;
    Ok(usize::try_from(count).unwrap_or_default())
}

/// One page of the rows of `R` matching `filter`, in `order` (an ` ORDER BY …` clause).
pub async fn page<R: FhirRecord>(
    db: &Db,
    filter: &Where,
    order: &str,
    limit: usize,
    offset: usize,
) -> FhirResult<Vec<R>> {
    // Limits are numbers we parsed, written into the SQL: PostgreSQL will not take a text
    // parameter for LIMIT, and every bound value here is text.
    let sql = format!("{}{}{order} LIMIT {limit} OFFSET {offset}", records::select_sql::<R>(), filter.sql());
    let mut query = sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(sql));
    for value in filter.binds() {
        query = query.bind(value.clone());
    }
    let mut rows = query.fetch_all(db.pool()).await.with_context(|| format!("search {}", R::TABLE))?;
    for row in &mut rows {
        row.open(db.keys())?;
    }
    Ok(rows)
}
