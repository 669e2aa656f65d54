//! Test results: the list (lab panels and single tests, newest first, filtered and paged, each
//! line marked when new to the reader), one result with each value against its range (which marks
//! it seen), "mark all as read", and one test's history for a trend chart.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use base64::Engine as _;
use jiff::Timestamp;
use serde::Deserialize;
use shared::chart::{
    HistoryPoint, ResultCategory, ResultDetail, ResultHistory, ResultSummary, ResultValue, ResultsPage,
};

use super::{
    ABNORMAL_SQL, coded, count, flag, new_observation_sql, new_report_sql, new_since, person_name,
    result_category,
};
use crate::AppState;
use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiJson, ApiQuery, ApiResult};
use crate::fhir::datetime;
use crate::records::{Observation, Record as _};

const PAGE_DEFAULT: u32 = 50;
const PAGE_MAX: u32 = 200;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ListQuery {
    category: Option<ResultCategory>,
    /// Only lines with at least one value outside its range.
    #[serde(default)]
    abnormal: bool,
    /// Only lines new to the signed-in account (`is_new`).
    #[serde(default)]
    new: bool,
    /// Words to look for in the test's name.
    q: Option<String>,
    /// The `next` of the previous page.
    after: Option<String>,
    /// Lines per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct ListRow {
    kind: String,
    id: String,
    code_system: Option<String>,
    code: Option<String>,
    code_display: Option<String>,
    category: Option<String>,
    effective_at: Option<String>,
    issued_at: Option<String>,
    status: String,
    tests: i64,
    abnormal: i64,
    value_num: Option<f64>,
    value_text: Option<String>,
    value_unit: Option<String>,
    interpretation: Option<String>,
    ref_low: Option<f64>,
    ref_high: Option<f64>,
    is_new: i64,
}

/// Panels (reports with results) and the tests that belong to no panel, as one list, for the
/// patient bound at `patient`, with confidential items up to the `ceiling`, each line new or not
/// to `account` (recent since `since`). Notes that some systems send as reports without results
/// are documents, not results.
fn lines_sql(patient: &str, ceiling: &str, account: &str, since: &str) -> String {
    let report_new = new_report_sql(account, since, ceiling);
    let observation_new = new_observation_sql(account, since);
    format!(
        "SELECT 'report' AS kind, d.id, d.code_system, d.code, d.code_display,
                COALESCE((SELECT MIN(o.category) FROM diagnostic_report_results r
                          JOIN observations o ON o.id = r.observation_id WHERE r.report_id = d.id), d.category) AS category,
                d.effective_at, d.issued_at, d.status,
                (SELECT COUNT(*) FROM diagnostic_report_results r WHERE r.report_id = d.id) AS tests,
                (SELECT COUNT(*) FROM diagnostic_report_results r JOIN observations o ON o.id = r.observation_id
                 WHERE r.report_id = d.id AND {ABNORMAL_SQL}) AS abnormal,
                NULL AS value_num, NULL AS value_text, NULL AS value_unit, NULL AS interpretation,
                NULL AS ref_low, NULL AS ref_high, {report_new} AS is_new
         FROM diagnostic_reports d
         WHERE d.patient_id = {patient} AND d.confidential <= {ceiling}
           AND EXISTS (SELECT 1 FROM diagnostic_report_results r WHERE r.report_id = d.id)
         UNION ALL
         SELECT 'observation' AS kind, o.id, o.code_system, o.code, o.code_display, o.category,
                o.effective_at, o.issued_at, o.status, 1 AS tests,
                CASE WHEN {ABNORMAL_SQL} THEN 1 ELSE 0 END AS abnormal,
                o.value_num, o.value_text, o.value_unit, o.interpretation, o.ref_low, o.ref_high,
                {observation_new} AS is_new
         FROM observations o
         WHERE o.patient_id = {patient} AND o.confidential <= {ceiling}
           AND NOT EXISTS (SELECT 1 FROM diagnostic_report_results r WHERE r.observation_id = o.id)"
    )
}

/// A page of the list: [`lines_sql`] of the patient `$1` (ceiling `$8`, reader `$10`, recent
/// since `$11`) filtered by kind (`$2`), abnormal (`$3`), words (`$4`) and new (`$9`), after the
/// cursor (`$5`, `$6`), at most `$7` lines.
fn list_sql() -> String {
    format!(
        "SELECT kind, id, code_system, code, code_display, category, effective_at, issued_at, status, tests, abnormal,
                value_num, value_text, value_unit, interpretation, ref_low, ref_high, is_new
         FROM ({lines}) t
         WHERE ($2 = '' OR (CASE WHEN category IN ('laboratory', 'LAB') THEN 'laboratory'
                                 WHEN category = 'vital-signs' THEN 'vital-signs' ELSE 'other' END) = $2)
           AND ($3 = 0 OR abnormal > 0)
           AND ($4 = '' OR LOWER(COALESCE(code_display, '')) LIKE $4 ESCAPE '\\')
           AND ($5 = '' OR COALESCE(effective_at, '') < $5 OR (COALESCE(effective_at, '') = $5 AND id < $6))
           AND ($9 = 0 OR is_new = 1)
         ORDER BY COALESCE(effective_at, '') DESC, id DESC
         LIMIT $7",
        lines = lines_sql("$1", "$8", "$10", "$11")
    )
}

/// How many lines of the patient's list are new to the account.
pub(super) async fn count_new(
    state: &AppState,
    patient_id: &str,
    ceiling: i64,
    account_id: &str,
    now: Timestamp,
) -> ApiResult<u32> {
    let sql = format!("SELECT COUNT(*) FROM ({}) t WHERE is_new = 1", lines_sql("$1", "$2", "$3", "$4"));
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(patient_id.to_owned())
        .bind(ceiling)
        .bind(account_id.to_owned())
        .bind(new_since(now))
        .fetch_one(state.db.pool())
        .await?;
    Ok(count(Some(n)).unwrap_or(0))
}

/// `GET /api/patients/{patient_id}/results`
#[utoipa::path(
    get,
    operation_id = "chart_results_list",
    path = "/api/patients/{patient_id}/results",
    tag = "chart",
    params(("patient_id" = String, Path), ListQuery),
    responses((status = 200, description = "Done.", body = shared::chart::ResultsPage), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<ResultsPage>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "Observation", resource_id: None },
        )
        .await?;
    let limit = query.limit.unwrap_or(PAGE_DEFAULT);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit is a number from 1 to {PAGE_MAX}.")));
    }
    // An empty `after` is the first page, as if it were not given.
    let (after_at, after_id) = match query.after.as_deref().filter(|a| !a.is_empty()) {
        Some(cursor) => decode_cursor(cursor)?,
        None => (String::new(), String::new()),
    };
    let category = match query.category {
        None => "",
        Some(ResultCategory::Laboratory) => "laboratory",
        Some(ResultCategory::VitalSigns) => "vital-signs",
        Some(ResultCategory::Other) => "other",
    };
    let words =
        query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(like_pattern).unwrap_or_default();
    let rows: Vec<ListRow> = sqlx::query_as(sqlx::AssertSqlSafe(list_sql()))
        .bind(patient_id)
        .bind(category)
        .bind(i64::from(query.abnormal))
        .bind(words)
        .bind(after_at)
        .bind(after_id)
        .bind(i64::from(limit) + 1)
        .bind(opened.confidential_ceiling())
        .bind(i64::from(query.new))
        .bind(caller.account_id.clone())
        .bind(new_since(Timestamp::now()))
        .fetch_all(state.db.pool())
        .await?;
    let mut items: Vec<ResultSummary> = rows.into_iter().map(summary_of).collect();
    let next = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|last| encode_cursor(last.effective_at.as_deref().unwrap_or_default(), &last.id))
    } else {
        None
    };
    Ok(ApiJson(ResultsPage { items, next }))
}

fn summary_of(row: ListRow) -> ResultSummary {
    let single = row.kind == "observation";
    ResultSummary {
        category: result_category(row.category.as_deref()),
        name: coded(row.code_system, row.code, row.code_display),
        effective_at: row.effective_at,
        issued_at: row.issued_at,
        status: row.status,
        tests: count(Some(row.tests)).unwrap_or(0),
        abnormal: count(Some(row.abnormal)).unwrap_or(0),
        flag: single.then(|| flag(row.interpretation.as_deref(), row.value_num, row.ref_low, row.ref_high)),
        value_num: row.value_num,
        value_text: row.value_text,
        unit: row.value_unit,
        is_new: row.is_new > 0,
        id: row.id,
    }
}

/// `LIKE` pattern matching `words` anywhere, case-insensitively, with the wildcards in the
/// words themselves taken literally.
fn like_pattern(words: &str) -> String {
    let escaped = words.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn encode_cursor(effective_at: &str, id: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{effective_at}|{id}"))
}

fn decode_cursor(cursor: &str) -> ApiResult<(String, String)> {
    let bad = || ApiError::bad_request("The `after` value is not one this list gave out.");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (at, id) = text.split_once('|').ok_or_else(bad)?;
    Ok((at.to_owned(), id.to_owned()))
}

#[derive(sqlx::FromRow)]
struct ValueRow {
    id: String,
    code_system: Option<String>,
    code: Option<String>,
    code_display: Option<String>,
    value_num: Option<f64>,
    value_text: Option<String>,
    value_code: Option<String>,
    value_unit: Option<String>,
    ref_low: Option<f64>,
    ref_high: Option<f64>,
    ref_text: Option<String>,
    interpretation: Option<String>,
    effective_at: Option<String>,
    history: i64,
}

impl ValueRow {
    fn into_value(self) -> ResultValue {
        ResultValue {
            flag: flag(self.interpretation.as_deref(), self.value_num, self.ref_low, self.ref_high),
            name: coded(self.code_system, self.code, self.code_display),
            value_num: self.value_num,
            value_text: self.value_text.or(self.value_code),
            unit: self.value_unit,
            ref_low: self.ref_low,
            ref_high: self.ref_high,
            ref_text: self.ref_text,
            effective_at: self.effective_at,
            has_history: self.history > 0,
            observation_id: self.id,
        }
    }
}

/// An observation's own value, with whether the patient has other values of the same test.
const OBSERVATION_VALUE_SQL: &str = "SELECT o.id, o.code_system, o.code, o.code_display, o.value_num, o.value_text,
        o.value_code, o.value_unit, o.ref_low, o.ref_high, o.ref_text, o.interpretation, o.effective_at,
        (SELECT COUNT(*) FROM observations h WHERE h.patient_id = o.patient_id AND h.code = o.code AND h.id <> o.id) AS history
    FROM observations o";

/// The parts of a multi-part observation (blood pressure), each as a value.
const COMPONENT_VALUE_SQL: &str = "SELECT o.id, c.code_system, c.code, c.code_display, c.value_num, c.value_text,
        c.value_code, c.value_unit AS value_unit, c.ref_low, c.ref_high, NULL AS ref_text, c.interpretation, o.effective_at,
        (SELECT COUNT(*) FROM observation_components hc JOIN observations h ON h.id = hc.observation_id
         WHERE h.patient_id = o.patient_id AND hc.code = c.code AND h.id <> o.id) AS history
    FROM observation_components c JOIN observations o ON o.id = c.observation_id";

#[derive(sqlx::FromRow)]
struct HeaderRow {
    code_system: Option<String>,
    code: Option<String>,
    code_display: Option<String>,
    category: Option<String>,
    status: String,
    effective_at: Option<String>,
    issued_at: Option<String>,
    prefix: Option<String>,
    given: Option<String>,
    family: Option<String>,
    conclusion: Option<String>,
    note: Option<String>,
    confidential: i64,
}

/// `GET /api/patients/{patient_id}/results/{result_id}`: a panel or a single test.
#[utoipa::path(
    get,
    operation_id = "chart_results_detail",
    path = "/api/patients/{patient_id}/results/{result_id}",
    tag = "chart",
    params(("patient_id" = String, Path), ("result_id" = String, Path)),
    responses((status = 200, description = "Done.", body = shared::chart::ResultDetail), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path((patient_id, result_id)): Path<(String, String)>,
) -> ApiResult<ApiJson<ResultDetail>> {
    let db = state.db.pool();
    let report: Option<HeaderRow> = sqlx::query_as(
        "SELECT d.code_system, d.code, d.code_display,
                (SELECT MIN(o.category) FROM diagnostic_report_results r JOIN observations o ON o.id = r.observation_id
                 WHERE r.report_id = d.id) AS category,
                d.status, d.effective_at, d.issued_at, p.prefix, p.given, p.family, d.conclusion, NULL AS note,
                d.confidential
         FROM diagnostic_reports d LEFT JOIN practitioners p ON p.id = d.performer_id
         WHERE d.id = $1 AND d.patient_id = $2",
    )
    .bind(result_id.clone())
    .bind(patient_id.clone())
    .fetch_optional(db)
    .await?;
    let resource_type = if report.is_some() { "DiagnosticReport" } else { "Observation" };
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "read", resource_type, resource_id: Some(&result_id) },
        )
        .await?;
    let ceiling = opened.confidential_ceiling();

    let (header, values) = if let Some(header) = report {
        let sql = format!(
            "{OBSERVATION_VALUE_SQL} JOIN diagnostic_report_results r ON r.observation_id = o.id
             WHERE r.report_id = $1 AND o.confidential <= $2 ORDER BY r.seq"
        );
        let values: Vec<ValueRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(result_id.clone())
            .bind(ceiling)
            .fetch_all(db)
            .await?;
        (header, values)
    } else {
        let header: HeaderRow = sqlx::query_as(
            "SELECT o.code_system, o.code, o.code_display, o.category, o.status, o.effective_at, o.issued_at,
                    p.prefix, p.given, p.family, NULL AS conclusion, o.note, o.confidential
             FROM observations o LEFT JOIN practitioners p ON p.id = o.performer_id
             WHERE o.id = $1 AND o.patient_id = $2",
        )
        .bind(result_id.clone())
        .bind(patient_id.clone())
        .fetch_optional(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
        let parts_sql = format!("{COMPONENT_VALUE_SQL} WHERE o.id = $1 ORDER BY c.seq");
        let parts: Vec<ValueRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(parts_sql)).bind(result_id.clone()).fetch_all(db).await?;
        let values = if parts.is_empty() {
            let own = format!("{OBSERVATION_VALUE_SQL} WHERE o.id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(own)).bind(result_id.clone()).fetch_all(db).await?
        } else {
            parts
        };
        (header, values)
    };
    // Hidden items answer as if they did not exist.
    if header.confidential > ceiling {
        return Err(ApiError::not_found());
    }
    mark_seen(&state, &caller, &patient_id, ceiling, &result_id).await?;
    let mut sealed = Observation { note: header.note, ..Observation::default() };
    sealed.open(state.db.keys())?;
    Ok(ApiJson(ResultDetail {
        id: result_id,
        name: coded(header.code_system, header.code, header.code_display),
        category: result_category(header.category.as_deref()),
        status: header.status,
        effective_at: header.effective_at,
        issued_at: header.issued_at,
        ordered_by: person_name(header.prefix, header.given, header.family),
        values: values.into_iter().map(ValueRow::into_value).collect(),
        conclusion: header.conclusion,
        note: sealed.note,
    }))
}

/// Marks the line `result_id` (a single test, or a panel and each of its results the caller
/// sees) as seen by the caller.
async fn mark_seen(
    state: &AppState,
    caller: &Caller,
    patient_id: &str,
    ceiling: i64,
    result_id: &str,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO results_seen (account_id, observation_id, seen_at)
         SELECT $1, o.id, $2 FROM observations o
         WHERE o.patient_id = $3 AND o.confidential <= $4
           AND (o.id = $5 OR o.id IN (SELECT r.observation_id FROM diagnostic_report_results r WHERE r.report_id = $5))
         ON CONFLICT (account_id, observation_id) DO NOTHING",
    )
    .bind(caller.account_id.clone())
    .bind(datetime::now())
    .bind(patient_id.to_owned())
    .bind(ceiling)
    .bind(result_id.to_owned())
    .execute(state.db.pool())
    .await?;
    Ok(())
}

/// `POST /api/patients/{patient_id}/results/seen`: "mark all as read" — every line that is new
/// to the caller now is seen from now on.
#[utoipa::path(
    post,
    operation_id = "chart_results_mark_all_seen",
    path = "/api/patients/{patient_id}/results/seen",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn mark_all_seen(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<StatusCode> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "mark_seen", resource_type: "Observation", resource_id: None },
        )
        .await?;
    // The observations of every recent line: recent single tests, and each result of a recent
    // panel (whatever the result's own date). Already-seen ones stay as they were.
    sqlx::query(
        "INSERT INTO results_seen (account_id, observation_id, seen_at)
         SELECT $1, o.id, $2 FROM observations o
         WHERE o.patient_id = $3 AND o.confidential <= $4
           AND (COALESCE(o.issued_at, o.effective_at) >= $5
                OR EXISTS (SELECT 1 FROM diagnostic_report_results r JOIN diagnostic_reports d ON d.id = r.report_id
                           WHERE r.observation_id = o.id AND d.confidential <= $4
                             AND COALESCE(d.issued_at, d.effective_at) >= $5))
         ON CONFLICT (account_id, observation_id) DO NOTHING",
    )
    .bind(caller.account_id.clone())
    .bind(datetime::now())
    .bind(patient_id)
    .bind(opened.confidential_ceiling())
    .bind(new_since(Timestamp::now()))
    .execute(state.db.pool())
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct HistoryQuery {
    /// The test's code (LOINC), as in a result's `name.code`.
    code: String,
}

#[derive(sqlx::FromRow)]
struct PointRow {
    id: String,
    code_system: Option<String>,
    code_display: Option<String>,
    effective_at: String,
    value_num: f64,
    value_unit: Option<String>,
    ref_low: Option<f64>,
    ref_high: Option<f64>,
    interpretation: Option<String>,
}

/// `GET /api/patients/{patient_id}/results/history?code=…`: every numeric value of one test,
/// whether measured alone or as part of another (systolic pressure inside a blood pressure).
#[utoipa::path(
    get,
    operation_id = "chart_results_history",
    path = "/api/patients/{patient_id}/results/history",
    tag = "chart",
    params(("patient_id" = String, Path), HistoryQuery),
    responses((status = 200, description = "Done.", body = shared::chart::ResultHistory), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn history(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
    ApiQuery(query): ApiQuery<HistoryQuery>,
) -> ApiResult<ApiJson<ResultHistory>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "Observation", resource_id: None },
        )
        .await?;
    let rows: Vec<PointRow> = sqlx::query_as(
        "SELECT id, code_system, code_display, effective_at, value_num, value_unit, ref_low, ref_high, interpretation FROM (
            SELECT o.id, o.code_system, o.code_display, o.effective_at, o.value_num, o.value_unit,
                   o.ref_low, o.ref_high, o.interpretation
            FROM observations o
            WHERE o.patient_id = $1 AND o.code = $2 AND o.value_num IS NOT NULL AND o.effective_at IS NOT NULL
              AND o.confidential <= $3
            UNION ALL
            SELECT o.id, c.code_system, c.code_display, o.effective_at, c.value_num, c.value_unit,
                   c.ref_low, c.ref_high, c.interpretation
            FROM observation_components c JOIN observations o ON o.id = c.observation_id
            WHERE o.patient_id = $1 AND c.code = $2 AND c.value_num IS NOT NULL AND o.effective_at IS NOT NULL
              AND o.confidential <= $3
         ) t ORDER BY effective_at, id",
    )
    .bind(patient_id)
    .bind(query.code.clone())
    .bind(opened.confidential_ceiling())
    .fetch_all(state.db.pool())
    .await?;
    let latest = rows.last().ok_or_else(ApiError::not_found)?;
    let name = coded(latest.code_system.clone(), Some(query.code), latest.code_display.clone());
    let unit = latest.value_unit.clone();
    let points = rows
        .into_iter()
        .map(|r| HistoryPoint {
            flag: flag(r.interpretation.as_deref(), Some(r.value_num), r.ref_low, r.ref_high),
            observation_id: r.id,
            effective_at: r.effective_at,
            value: r.value_num,
            ref_low: r.ref_low,
            ref_high: r.ref_high,
        })
        .collect();
    Ok(ApiJson(ResultHistory { name, unit, points }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_match_literally_and_in_any_case() {
        assert_eq!(like_pattern("A1c"), "%a1c%");
        assert_eq!(like_pattern("100%_x\\"), "%100\\%\\_x\\\\%");
    }

    #[test]
    fn a_cursor_round_trips_and_garbage_is_refused() {
        let cursor = encode_cursor("2020-01-01T00:00:00Z", "abc");
        assert_eq!(decode_cursor(&cursor).unwrap(), ("2020-01-01T00:00:00Z".into(), "abc".into()));
        assert!(decode_cursor("!!!").is_err());
        assert!(decode_cursor(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("no-bar")).is_err());
    }
}
