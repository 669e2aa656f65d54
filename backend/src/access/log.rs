//! The audit trail read back: "who viewed my record" for patients, and search, export and a
//! chain check for the security officer.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::Role;
use shared::access::{AuditEntry, AuditPage, AuditVerification, RecordView};

use super::BREAK_GLASS_DETAIL;
use crate::audit::{self, Outcome};
use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiJson, ApiQuery, ApiResult};
use crate::{AppState, Db};

/// How many views "who viewed my record" lists.
const RECORD_VIEWS: i64 = 200;

#[derive(sqlx::FromRow)]
struct ViewRow {
    at: String,
    display_name: Option<String>,
    actor_role: Option<String>,
    action: String,
    resource_type: Option<String>,
    detail: Option<String>,
}

/// `GET /api/patients/{patient_id}/access-log`: who else opened or downloaded the record (staff
/// and proxies), newest first. For the patient and those who act for them; staff use the audit search.
#[utoipa::path(
    get,
    operation_id = "access_log_record_views",
    path = "/api/patients/{patient_id}/access-log",
    tag = "access",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::access::RecordView>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy"])))
)]
pub(super) async fn record_views(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<RecordView>>> {
    caller.require_role(&state, &[Role::Patient, Role::Proxy], "access_log").await?;
    caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "read", resource_type: "AccessLog", resource_id: None },
        )
        .await?;
    let rows: Vec<ViewRow> = sqlx::query_as(
        "SELECT e.at, a.display_name, e.actor_role, e.action, e.resource_type, e.detail
         FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_account_id
         WHERE e.patient_id = $1 AND e.outcome = 'success' AND e.action IN ('read', 'search', 'export')
           AND e.resource_type <> 'AccessLog'
           AND (a.patient_id IS NULL OR a.patient_id <> $1)
         ORDER BY e.seq DESC LIMIT $2",
    )
    .bind(patient_id)
    .bind(RECORD_VIEWS)
    .fetch_all(state.db.pool())
    .await?;
    Ok(ApiJson(
        rows.into_iter()
            .map(|r| RecordView {
                at: r.at,
                who: r.display_name.unwrap_or_default(),
                role: r.actor_role.unwrap_or_default(),
                action: r.action,
                what: r.resource_type.unwrap_or_default(),
                emergency: r.detail.is_some_and(|d| d.starts_with(BREAK_GLASS_DETAIL)),
            })
            .collect(),
    ))
}

/// What the security officer searches by; every field narrows, none is required.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub patient_id: Option<String>,
    pub actor_account_id: Option<String>,
    /// A patient's ID, or words of their name (`garcía`, `ana garcía`): rows about that patient.
    pub patient: Option<String>,
    /// An account's ID or email, or words of its name: rows of what that account did.
    pub actor: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    /// UTC instants, `[from, to)`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Continue after this `seq`.
    pub after: Option<i64>,
    /// Rows per page, 1 to 1,000 (default 100). An export ignores it and takes up to 100,000.
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
    /// `json` (default) or `csv`, which downloads every matching row.
    pub format: Option<String>,
}

const PAGE_MAX: i64 = 1_000;
const EXPORT_MAX: i64 = 100_000;

/// An audit row with the names of the people it is about, as they are now.
#[derive(sqlx::FromRow)]
struct Found {
    #[sqlx(flatten)]
    row: audit::AuditRow,
    actor_name: Option<String>,
    patient_name: Option<String>,
    on_behalf_of_name: Option<String>,
}

/// `LIKE` patterns that find `words` anywhere, whatever their case, wildcards taken literally
/// (`!` escapes): lower-cased in full (PostgreSQL's `LOWER`) and in ASCII only (SQLite's `LOWER`
/// leaves `Á` as it is, so `Álvarez` is found as typed).
fn contains_patterns(words: &str) -> [String; 2] {
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let pattern = |w: String| format!("%{}%", w.replace('!', "!!").replace('%', "!%").replace('_', "!_"));
    [pattern(words.to_lowercase()), pattern(words.to_ascii_lowercase())]
}

/// A patient's name as one text, in SQL, for the table aliased `table`.
fn name_sql(table: &str) -> String {
    format!("TRIM(COALESCE({table}.given, '') || ' ' || COALESCE({table}.family, ''))")
}

/// A search's `WHERE` clause, built from the filters given only, with its text parameters
/// (numbered from `$3`: `$1` is `after`, `$2` the limit). Each filter is an indexed comparison on
/// `audit_events`; a name becomes the set of IDs it names, found in the small `patients` and
/// `accounts` tables, so the trail itself is read by its `(patient_id, at)` and
/// `(actor_account_id, at)` indexes, never scanned for a name.
fn search_filter(q: &AuditQuery) -> (String, Vec<String>) {
    let mut conditions = vec!["e.seq > $1".to_owned()];
    let mut texts: Vec<String> = Vec::new();
    let mut param = |value: String| {
        texts.push(value);
        format!("${}", texts.len() + 2)
    };
    let given =
        |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    for (column, value, op) in [
        ("e.patient_id", &q.patient_id, "="),
        ("e.actor_account_id", &q.actor_account_id, "="),
        ("e.action", &q.action, "="),
        ("e.outcome", &q.outcome, "="),
        ("e.at", &q.from, ">="),
        ("e.at", &q.to, "<"),
    ] {
        if let Some(value) = given(value) {
            conditions.push(format!("{column} {op} {}", param(value)));
        }
    }
    if let Some(patient) = given(&q.patient) {
        let [full, ascii] = contains_patterns(&patient);
        let (id, full, ascii) = (param(patient), param(full), param(ascii));
        let name = name_sql("np");
        conditions.push(format!(
            "e.patient_id IN (SELECT CAST({id} AS TEXT) UNION SELECT np.id FROM patients np
                WHERE LOWER({name}) LIKE {full} ESCAPE '!' OR LOWER({name}) LIKE {ascii} ESCAPE '!')"
        ));
    }
    if let Some(actor) = given(&q.actor) {
        let [full, ascii] = contains_patterns(&actor);
        let (id, email, full, ascii) =
            (param(actor.clone()), param(actor.to_lowercase()), param(full), param(ascii));
        conditions.push(format!(
            "e.actor_account_id IN (SELECT CAST({id} AS TEXT) UNION SELECT na.id FROM accounts na
                WHERE na.email = {email} OR LOWER(na.display_name) LIKE {full} ESCAPE '!'
                   OR LOWER(na.display_name) LIKE {ascii} ESCAPE '!')"
        ));
    }
    (conditions.join(" AND "), texts)
}

/// Audit rows matching `q`, oldest first, at most `limit`, with the names of the account and
/// patients they mention.
pub async fn search(db: &Db, q: &AuditQuery, limit: i64) -> anyhow::Result<Vec<AuditEntry>> {
    let columns =
        audit::COLUMNS.split(", ").map(|c| format!("e.{}", c.trim())).collect::<Vec<_>>().join(", ");
    let (filter, texts) = search_filter(q);
    let sql = format!(
        "SELECT {columns}, a.display_name AS actor_name, {patient_name} AS patient_name,
                {behalf_name} AS on_behalf_of_name
         FROM audit_events e
         LEFT JOIN accounts a ON a.id = e.actor_account_id
         LEFT JOIN patients p ON p.id = e.patient_id
         LEFT JOIN patients b ON b.id = e.on_behalf_of
         WHERE {filter}
         ORDER BY e.seq LIMIT $2",
        patient_name = name_sql("p"),
        behalf_name = name_sql("b"),
    );
    let mut query =
        sqlx::query_as::<_, Found>(sqlx::AssertSqlSafe(sql)).bind(q.after.unwrap_or(0)).bind(limit);
    for text in texts {
        query = query.bind(text);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let named = |name: Option<String>| name.filter(|n| !n.is_empty());
    Ok(rows
        .into_iter()
        .map(|found| AuditEntry {
            actor_name: named(found.actor_name),
            patient_name: named(found.patient_name),
            on_behalf_of_name: named(found.on_behalf_of_name),
            ..AuditEntry::from(found.row)
        })
        .collect())
}

/// `GET /api/security/audit`: search the trail (JSON pages) or export it (`format=csv`).
#[utoipa::path(
    get,
    operation_id = "access_log_audit",
    path = "/api/security/audit",
    tag = "security",
    params(AuditQuery),
    responses((status = 200, description = "Done.", body = shared::access::AuditPage), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["security_officer"])))
)]
pub(super) async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> ApiResult<Response> {
    caller.require_role(&state, &[Role::SecurityOfficer], "audit_search").await?;
    let csv = match query.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(ApiError::bad_request("format is json or csv.")),
    };
    let limit = query.limit.unwrap_or(100);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit is a number from 1 to {PAGE_MAX}.")));
    }
    let limit = if csv { EXPORT_MAX } else { limit };
    let entries = search(&state.db, &query, limit).await?;
    let mut event = caller.event(if csv { "audit_export" } else { "audit_search" }, Outcome::Success);
    event.detail = Some(format!("{} rows", entries.len()));
    audit::record(&state.db, event).await?;
    if csv {
        let body = to_csv(&entries);
        let disposition = "attachment; filename=\"audit.csv\"";
        return Ok((
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, disposition)],
            body,
        )
            .into_response());
    }
    let next_after = (i64::try_from(entries.len()).unwrap_or(i64::MAX) == limit)
        .then(|| entries.last().map(|e| e.seq))
        .flatten();
    Ok(ApiJson(AuditPage { entries, next_after }).into_response())
}

/// RFC 4180 CSV, every field quoted; a leading `=`, `+`, `-`, `@`, tab or carriage return is
/// prefixed with `'` so a spreadsheet never runs a field as a formula (OWASP's list).
fn to_csv(entries: &[AuditEntry]) -> String {
    fn field(out: &mut String, value: Option<&str>) {
        let value = value.unwrap_or("");
        out.push('"');
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    }
    let mut out = String::from(
        "seq,at,actor_account_id,actor_name,actor_role,on_behalf_of,on_behalf_of_name,patient_id,patient_name,action,resource_type,resource_id,outcome,ip,user_agent,request_id,detail\r\n",
    );
    for e in entries {
        out.push_str(&e.seq.to_string());
        for value in [
            Some(e.at.as_str()),
            e.actor_account_id.as_deref(),
            e.actor_name.as_deref(),
            e.actor_role.as_deref(),
            e.on_behalf_of.as_deref(),
            e.on_behalf_of_name.as_deref(),
            e.patient_id.as_deref(),
            e.patient_name.as_deref(),
            Some(e.action.as_str()),
            e.resource_type.as_deref(),
            e.resource_id.as_deref(),
            Some(e.outcome.as_str()),
            e.ip.as_deref(),
            e.user_agent.as_deref(),
            e.request_id.as_deref(),
            e.detail.as_deref(),
        ] {
            out.push(',');
            field(&mut out, value);
        }
        out.push_str("\r\n");
    }
    out
}

/// `GET /api/security/audit/verify`: the chain check `portal audit verify` runs.
#[utoipa::path(
    get,
    operation_id = "access_log_verify",
    path = "/api/security/audit/verify",
    tag = "security",
    responses((status = 200, description = "Done.", body = shared::access::AuditVerification), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["security_officer"])))
)]
pub(super) async fn verify(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiJson<AuditVerification>> {
    caller.require_role(&state, &[Role::SecurityOfficer], "audit_verify").await?;
    let answer = match audit::verify(&state.db).await? {
        Ok(rows) => AuditVerification { intact: true, rows, fault: None },
        Err(fault) => AuditVerification { intact: false, rows: 0, fault: Some(fault.describe()) },
    };
    let mut event =
        caller.event("audit_verify", if answer.intact { Outcome::Success } else { Outcome::Failure });
    event.detail = answer.fault.clone();
    audit::record(&state.db, event).await?;
    Ok(ApiJson(answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_patterns_take_wildcards_literally_in_both_foldings() {
        assert_eq!(
            contains_patterns("  Ana   GARCÍA "),
            ["%ana garcía%".to_owned(), "%ana garcÍa%".to_owned()]
        );
        assert_eq!(contains_patterns("50%_off!")[0], "%50!%!_off!!%");
    }

    #[test]
    fn only_the_filters_given_are_searched() {
        let (filter, texts) =
            search_filter(&AuditQuery { action: Some(" read ".into()), ..AuditQuery::default() });
        assert_eq!((filter.as_str(), texts), ("e.seq > $1 AND e.action = $3", vec!["read".to_owned()]));
        let (filter, texts) = search_filter(&AuditQuery {
            patient: Some("Ana".into()),
            actor: Some("Walter@Example.org".into()),
            ..AuditQuery::default()
        });
        assert!(filter.contains("e.patient_id IN (SELECT CAST($3 AS TEXT) UNION"), "{filter}");
        assert!(filter.contains("e.actor_account_id IN (SELECT CAST($6 AS TEXT) UNION"), "{filter}");
        assert!(filter.contains("a.email = $7"), "{filter}");
        assert_eq!(texts.len(), 7);
        assert_eq!(texts[3..5], ["Walter@Example.org".to_owned(), "walter@example.org".to_owned()]);
    }

    #[test]
    fn csv_quotes_every_field_and_defuses_formulas() {
        let entry = AuditEntry {
            seq: 7,
            at: "2026-11-24T10:00:00Z".to_owned(),
            actor_account_id: None,
            actor_name: None,
            actor_role: Some("clinician".to_owned()),
            on_behalf_of: None,
            on_behalf_of_name: None,
            patient_id: Some("p1".to_owned()),
            patient_name: Some("=Pat One".to_owned()),
            action: "read".to_owned(),
            resource_type: Some("Observation".to_owned()),
            resource_id: None,
            outcome: "success".to_owned(),
            ip: None,
            user_agent: Some("=HYPERLINK(\"x\")".to_owned()),
            request_id: Some("\tcmd".to_owned()),
            detail: Some("said \"hi\"".to_owned()),
        };
        let csv = to_csv(&[entry]);
        let line = csv.lines().nth(1).unwrap();
        assert!(line.starts_with("7,\"2026-11-24T10:00:00Z\",\"\",\"\",\"clinician\""), "{line}");
        assert!(line.contains("\"p1\",\"'=Pat One\""), "a name is defused too: {line}");
        assert!(line.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{line}");
        assert!(line.contains("\"'\tcmd\""), "a leading tab is defused: {line}");
        assert!(line.ends_with("\"said \"\"hi\"\"\""), "{line}");
    }
}
