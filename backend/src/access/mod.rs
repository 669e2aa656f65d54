//! Who may open which patient's record, and how much of it: the patient; a proxy by the scopes
//! the patient granted; a parent or guardian by the child's age; a clinician or nurse with a
//! care relationship, or with emergency ("break-the-glass") access. Also the routes that grant
//! and revoke that access, and the trail of who used it.

mod break_glass;
mod log;
mod proxies;

use axum::Router;
use axum::routing::{get, post};
use jiff::civil::Date;
use shared::Role;
use shared::access::{ProxyKind, ProxyScope};

use crate::auth::Caller;
use crate::{AppState, Db};

pub use log::search as search_audit;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/patients/{patient_id}/proxies", get(proxies::list).post(proxies::grant))
        .route("/patients/{patient_id}/proxies/{link_id}", axum::routing::delete(proxies::revoke))
        .route("/patients/{patient_id}/guardians", post(proxies::add_guardian))
        .route("/patients/{patient_id}/break-glass", post(break_glass::open))
        .route("/patients/{patient_id}/access-log", get(log::record_views))
        .route("/security/break-glass", get(break_glass::list))
        .route("/security/break-glass/{grant_id}/review", post(break_glass::review))
        .route("/security/audit", get(log::audit))
        .route("/security/audit/verify", get(log::verify))
}

/// These routes in the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    proxies::list,
    proxies::grant,
    proxies::add_guardian,
    proxies::revoke,
    break_glass::open,
    break_glass::list,
    break_glass::review,
    log::record_views,
    log::audit,
    log::verify,
))]
pub struct Api;

/// A guardian sees everything before the child turns this old…
pub const CONFIDENTIAL_FROM_AGE: i16 = 12;
/// …and nothing from this age on.
pub const ADULT_AGE: i16 = 18;

/// How audit rows of reads under emergency access begin their detail.
pub const BREAK_GLASS_DETAIL: &str = "break-glass";

/// How long emergency access lasts.
pub const BREAK_GLASS_HOURS: i64 = 4;

/// Why the caller may open the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    Own,
    Proxy { link_id: String },
    CareTeam,
    BreakGlass { grant_id: String },
}

/// A record the caller may open, and how much of it they see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// Whether confidential items (`records::sensitivity`) are shown.
    pub confidential: bool,
    pub via: Via,
}

impl Opened {
    /// The highest `confidential` column value the caller sees: `confidential <= $n` in SQL
    /// keeps every row when it is 1 and only the ordinary ones when it is 0.
    pub fn confidential_ceiling(&self) -> i64 {
        i64::from(self.confidential)
    }
}

/// What the access rules decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Open(Opened),
    /// Answered as if the record did not exist: patients and proxies never learn whose records
    /// exist.
    NotFound,
    /// A role that never opens records this way.
    Forbidden,
    /// A clinician or nurse without a care relationship: only emergency access opens it.
    BreakGlassRequired,
}

/// Decides whether `caller` may open `patient_id`'s record for `scope`.
pub async fn decide(
    db: &Db,
    caller: &Caller,
    patient_id: &str,
    scope: ProxyScope,
) -> anyhow::Result<Decision> {
    if caller.patient_id.as_deref() == Some(patient_id) {
        return Ok(Decision::Open(Opened { confidential: true, via: Via::Own }));
    }
    match caller.role {
        Role::Patient | Role::Proxy => proxy_decision(db, &caller.account_id, patient_id, scope).await,
        role if role.is_care_team() && scope == ProxyScope::Records => {
            care_team_decision(db, caller, patient_id).await
        }
        _ => Ok(Decision::Forbidden),
    }
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: String,
    kind: String,
    scopes: String,
    include_confidential: i64,
    birth_date: Option<String>,
}

async fn proxy_decision(
    db: &Db,
    account_id: &str,
    patient_id: &str,
    scope: ProxyScope,
) -> anyhow::Result<Decision> {
    let links: Vec<LinkRow> = sqlx::query_as(
        "SELECT l.id, l.kind, l.scopes, l.include_confidential, p.birth_date
         FROM proxy_links l JOIN patients p ON p.id = l.patient_id
         WHERE l.proxy_account_id = $1 AND l.patient_id = $2 AND l.revoked_at IS NULL
         ORDER BY l.created_at",
    )
    .bind(account_id.to_owned())
    .bind(patient_id.to_owned())
    .fetch_all(db.pool())
    .await?;
    let today = today();
    let best = links
        .into_iter()
        .filter(|l| parse_scopes(&l.scopes).contains(&scope))
        .filter_map(|l| {
            let confidential = match l.kind.as_str() {
                "guardian" => match age_on(l.birth_date.as_deref()?, today)? {
                    age if age >= ADULT_AGE => return None,
                    age => age < CONFIDENTIAL_FROM_AGE,
                },
                _ => l.include_confidential != 0,
            };
            Some(Opened { confidential, via: Via::Proxy { link_id: l.id } })
        })
        .max_by_key(|o| o.confidential);
    Ok(best.map_or(Decision::NotFound, Decision::Open))
}

async fn care_team_decision(db: &Db, caller: &Caller, patient_id: &str) -> anyhow::Result<Decision> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM patients WHERE id = $1")
        .bind(patient_id.to_owned())
        .fetch_optional(db.pool())
        .await?;
    if exists.is_none() {
        return Ok(Decision::NotFound);
    }
    if let Some(practitioner) = &caller.practitioner_id
        && in_care(db, practitioner, patient_id).await?
    {
        return Ok(Decision::Open(Opened { confidential: true, via: Via::CareTeam }));
    }
    let grant: Option<String> = sqlx::query_scalar(
        "SELECT id FROM break_glass_grants
         WHERE account_id = $1 AND patient_id = $2 AND expires_at > $3
         ORDER BY expires_at DESC LIMIT 1",
    )
    .bind(caller.account_id.clone())
    .bind(patient_id.to_owned())
    .bind(crate::fhir::datetime::now())
    .fetch_optional(db.pool())
    .await?;
    Ok(match grant {
        Some(grant_id) => Decision::Open(Opened { confidential: true, via: Via::BreakGlass { grant_id } }),
        None => Decision::BreakGlassRequired,
    })
}

/// A care relationship: the practitioner is the patient's own doctor, saw them at a visit, or
/// works at a place where the patient was seen.
pub async fn in_care(db: &Db, practitioner_id: &str, patient_id: &str) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM patients p WHERE p.id = $1 AND (
             p.general_practitioner_id = $2
             OR EXISTS (SELECT 1 FROM encounters e WHERE e.patient_id = $1 AND e.practitioner_id = $2)
             OR EXISTS (SELECT 1 FROM encounters e JOIN practitioner_roles r ON r.location_id = e.location_id
                        WHERE e.patient_id = $1 AND r.practitioner_id = $2))",
    )
    .bind(patient_id.to_owned())
    .bind(practitioner_id.to_owned())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// The patients an account may act for as a proxy, for the session's list.
pub async fn proxied_patients(db: &Db, account_id: &str) -> anyhow::Result<Vec<(String, String)>> {
    /// Patient id, link kind, birth date, given and family names.
    type Row = (String, String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT DISTINCT p.id, l.kind, p.birth_date, p.given, p.family
         FROM proxy_links l JOIN patients p ON p.id = l.patient_id
         WHERE l.proxy_account_id = $1 AND l.revoked_at IS NULL
         ORDER BY p.given, p.id",
    )
    .bind(account_id.to_owned())
    .fetch_all(db.pool())
    .await?;
    let today = today();
    let mut out: Vec<(String, String)> = Vec::new();
    for (id, kind, birth, given, family) in rows {
        let adult = birth.as_deref().and_then(|b| age_on(b, today)).is_none_or(|age| age >= ADULT_AGE);
        if (kind == "guardian" && adult) || out.iter().any(|(seen, _)| *seen == id) {
            continue;
        }
        out.push((id, [given, family].into_iter().flatten().collect::<Vec<_>>().join(" ")));
    }
    Ok(out)
}

/// Scopes as stored: space-separated names.
pub fn parse_scopes(text: &str) -> Vec<ProxyScope> {
    text.split_whitespace().filter_map(ProxyScope::parse).collect()
}

pub fn format_scopes(scopes: &[ProxyScope]) -> String {
    let mut scopes = scopes.to_vec();
    scopes.sort();
    scopes.dedup();
    scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
}

pub fn parse_kind(text: &str) -> ProxyKind {
    if text == "guardian" { ProxyKind::Guardian } else { ProxyKind::Granted }
}

/// Today's date in UTC.
pub fn today() -> Date {
    let now = crate::fhir::datetime::now();
    now[..10].parse().expect("a UTC instant begins with its date")
}

/// Whole years from a FHIR birth date (`YYYY-MM-DD`, or a year or month alone) to `today`.
pub fn age_on(birth_date: &str, today: Date) -> Option<i16> {
    let birth: Date = match birth_date.len() {
        4 => Date::new(birth_date.parse().ok()?, 1, 1).ok()?,
        7 => format!("{birth_date}-01").parse().ok()?,
        _ => birth_date.get(..10)?.parse().ok()?,
    };
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    Some(age)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_counts_whole_years_and_turns_on_the_birthday() {
        let today = Date::new(2026, 11, 24).unwrap();
        assert_eq!(age_on("2014-11-24", today), Some(12));
        assert_eq!(age_on("2014-11-25", today), Some(11));
        assert_eq!(age_on("2008-11-24", today), Some(18));
        assert_eq!(age_on("2009", today), Some(17));
        assert_eq!(age_on("not a date", today), None);
    }

    #[test]
    fn scopes_round_trip_sorted_and_without_repeats() {
        let text = format_scopes(&[ProxyScope::Billing, ProxyScope::Records, ProxyScope::Billing]);
        assert_eq!(text, "records billing");
        assert_eq!(parse_scopes(&text), vec![ProxyScope::Records, ProxyScope::Billing]);
        assert_eq!(parse_scopes("records unknown"), vec![ProxyScope::Records]);
    }
}
