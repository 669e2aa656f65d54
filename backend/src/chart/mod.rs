//! The patient's chart for the portal's own screens: a JSON API over the clinical record
//! (summary, results and their history and which are new to the reader, medications,
//! immunizations and the vaccines due, allergies, health issues, visits, documents, and the whole
//! record as one FHIR download), in the `shared::chart` types. Every route names the patient in
//! its path and opens that record through `Caller::open_record`, which checks access and writes
//! the audit row; an item that belongs to another patient is "not found".

mod documents;
mod export;
mod lists;
mod results;
mod summary;
pub mod vaccines_due;
mod visits;

use axum::Router;
use axum::routing::{get, post};
use jiff::{SignedDuration, Timestamp};
use shared::chart::{Coded, Flag, NEW_RESULT_DAYS, ResultCategory, ResultSummary, ResultValue};

use crate::AppState;
use crate::fhir::datetime;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/patients/{patient_id}/summary", get(summary::summary))
        .route("/patients/{patient_id}/results", get(results::list))
        .route("/patients/{patient_id}/results/history", get(results::history))
        .route("/patients/{patient_id}/results/seen", post(results::mark_all_seen))
        .route("/patients/{patient_id}/results/{result_id}", get(results::detail))
        .route("/patients/{patient_id}/medications", get(lists::medications))
        .route("/patients/{patient_id}/immunizations", get(lists::immunizations))
        .route("/patients/{patient_id}/vaccines-due", get(vaccines_due::list))
        .route("/patients/{patient_id}/allergies", get(lists::allergies))
        .route("/patients/{patient_id}/problems", get(lists::problems))
        .route("/patients/{patient_id}/visits", get(visits::list))
        .route("/patients/{patient_id}/visits/{visit_id}", get(visits::detail))
        .route("/patients/{patient_id}/documents", get(documents::list))
        .route("/patients/{patient_id}/documents/{document_id}/files/{seq}", get(documents::download))
        .route("/patients/{patient_id}/export", get(export::export))
}

/// These routes in the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    summary::summary,
    results::list,
    results::history,
    results::mark_all_seen,
    results::detail,
    lists::medications,
    lists::immunizations,
    vaccines_due::list,
    lists::allergies,
    lists::problems,
    visits::list,
    visits::detail,
    documents::list,
    documents::download,
    export::export,
))]
pub struct Api;

/// A code and its words; the words fall back to the code, so a line is never blank.
fn coded(system: Option<String>, code: Option<String>, display: Option<String>) -> Coded {
    let display = display.or_else(|| code.clone()).unwrap_or_else(|| "Unknown".to_owned());
    Coded { system, code, display }
}

/// "Dr. Ana García": the parts that exist, in order.
fn person_name(prefix: Option<String>, given: Option<String>, family: Option<String>) -> Option<String> {
    let name = [prefix, given, family].into_iter().flatten().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

/// The flag a result shows: the lab's own interpretation when it sent one, else the value
/// against its range.
fn flag(interpretation: Option<&str>, value: Option<f64>, low: Option<f64>, high: Option<f64>) -> Flag {
    match interpretation {
        Some("N") => return Flag::Normal,
        Some("H") => return Flag::High,
        Some("L") => return Flag::Low,
        Some("HH" | "HU") => return Flag::CriticalHigh,
        Some("LL" | "LU") => return Flag::CriticalLow,
        Some("A" | "AA") => return Flag::Abnormal,
        _ => {}
    }
    match (value, low, high) {
        (Some(v), _, Some(h)) if v > h => Flag::High,
        (Some(v), Some(l), _) if v < l => Flag::Low,
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Flag::Normal,
        _ => Flag::None,
    }
}

/// The SQL twin of [`flag`]'s "outside the range", for counting and filtering in queries over
/// `observations o`.
const ABNORMAL_SQL: &str = "(o.interpretation IN ('H', 'L', 'HH', 'LL', 'HU', 'LU', 'A', 'AA') \
    OR (o.interpretation IS NULL AND o.value_num IS NOT NULL \
        AND ((o.ref_high IS NOT NULL AND o.value_num > o.ref_high) \
          OR (o.ref_low IS NOT NULL AND o.value_num < o.ref_low))))";

/// The instant from which a result is recent enough to be new: [`NEW_RESULT_DAYS`] days ago.
fn new_since(now: Timestamp) -> String {
    datetime::format(now - SignedDuration::from_hours(24 * i64::from(NEW_RESULT_DAYS)))
}

/// Whether observation `o` is new to an account, in SQL: issued (else taken) at or after the
/// instant bound at `since`, and never opened by the account bound at `account`. The SQL twin
/// of `ResultSummary::is_new` for single tests; placeholders are given, as each query numbers
/// its own.
fn new_observation_sql(account: &str, since: &str) -> String {
    format!(
        "(CASE WHEN COALESCE(o.issued_at, o.effective_at) >= {since}
               AND NOT EXISTS (SELECT 1 FROM results_seen s WHERE s.account_id = {account} AND s.observation_id = o.id)
          THEN 1 ELSE 0 END)"
    )
}

/// [`new_observation_sql`] for report `d`: recent, and holding a result the account may see
/// (`confidential <= {ceiling}`) and has not opened.
fn new_report_sql(account: &str, since: &str, ceiling: &str) -> String {
    format!(
        "(CASE WHEN COALESCE(d.issued_at, d.effective_at) >= {since}
               AND EXISTS (SELECT 1 FROM diagnostic_report_results r JOIN observations o ON o.id = r.observation_id
                           WHERE r.report_id = d.id AND o.confidential <= {ceiling}
                             AND NOT EXISTS (SELECT 1 FROM results_seen s
                                             WHERE s.account_id = {account} AND s.observation_id = o.id))
          THEN 1 ELSE 0 END)"
    )
}

fn result_category(category: Option<&str>) -> ResultCategory {
    match category {
        Some("laboratory" | "LAB") => ResultCategory::Laboratory,
        Some("vital-signs") => ResultCategory::VitalSigns,
        _ => ResultCategory::Other,
    }
}

/// The columns of `observations` that [`ObservationRow`] reads.
const OBSERVATION_COLUMNS: &str = "id, code_system, code, code_display, category, status, value_num, value_text, \
    value_unit, ref_low, ref_high, ref_text, interpretation, effective_at, issued_at";

/// One observation as the chart shows it: as a line of a list, or as a value with its range.
#[derive(sqlx::FromRow)]
struct ObservationRow {
    id: String,
    code_system: Option<String>,
    code: Option<String>,
    code_display: Option<String>,
    category: Option<String>,
    status: String,
    value_num: Option<f64>,
    value_text: Option<String>,
    value_unit: Option<String>,
    ref_low: Option<f64>,
    ref_high: Option<f64>,
    ref_text: Option<String>,
    interpretation: Option<String>,
    effective_at: Option<String>,
    issued_at: Option<String>,
    /// 1 when the line is new to the reader ([`new_observation_sql`]); queries for values leave
    /// it out.
    #[sqlx(default)]
    is_new: i64,
}

impl ObservationRow {
    fn flag(&self) -> Flag {
        flag(self.interpretation.as_deref(), self.value_num, self.ref_low, self.ref_high)
    }

    fn into_summary(self) -> ResultSummary {
        let flag = self.flag();
        ResultSummary {
            id: self.id,
            name: coded(self.code_system, self.code, self.code_display),
            category: result_category(self.category.as_deref()),
            effective_at: self.effective_at,
            issued_at: self.issued_at,
            status: self.status,
            tests: 1,
            abnormal: u32::from(flag.is_abnormal()),
            value_num: self.value_num,
            value_text: self.value_text,
            unit: self.value_unit,
            flag: Some(flag),
            is_new: self.is_new > 0,
        }
    }

    /// The value; `has_history` is left for the caller to say.
    fn into_value(self) -> ResultValue {
        ResultValue {
            flag: self.flag(),
            observation_id: self.id,
            name: coded(self.code_system, self.code, self.code_display),
            value_num: self.value_num,
            value_text: self.value_text,
            unit: self.value_unit,
            ref_low: self.ref_low,
            ref_high: self.ref_high,
            ref_text: self.ref_text,
            effective_at: self.effective_at,
            has_history: true,
        }
    }
}

/// Non-negative counts from the database as `u32` (they never exceed it in one chart).
fn count(value: Option<i64>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labs_own_flag_wins_over_the_range() {
        assert_eq!(flag(Some("H"), Some(5.0), Some(4.0), Some(6.0)), Flag::High);
        assert_eq!(flag(Some("LL"), None, None, None), Flag::CriticalLow);
        assert_eq!(flag(Some("A"), None, None, None), Flag::Abnormal);
    }

    #[test]
    fn without_a_flag_the_value_is_compared_with_its_range() {
        assert_eq!(flag(None, Some(7.1), Some(4.0), Some(5.6)), Flag::High);
        assert_eq!(flag(None, Some(3.9), Some(4.0), Some(5.6)), Flag::Low);
        assert_eq!(flag(None, Some(5.6), Some(4.0), Some(5.6)), Flag::Normal, "the limits are in range");
        assert_eq!(flag(None, Some(150.0), None, Some(200.0)), Flag::Normal);
        assert_eq!(flag(None, Some(5.0), None, None), Flag::None);
        assert_eq!(flag(None, None, Some(1.0), Some(2.0)), Flag::None);
    }

    #[test]
    fn names_and_codes_never_come_out_blank() {
        assert_eq!(coded(None, Some("4548-4".into()), None).display, "4548-4");
        assert_eq!(coded(None, None, None).display, "Unknown");
        assert_eq!(person_name(Some("Dr.".into()), Some("Ana".into()), None).as_deref(), Some("Dr. Ana"));
        assert_eq!(person_name(None, None, None), None);
    }
}
