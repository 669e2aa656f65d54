//! Who else may open a patient's record (proxies, guardians, emergency access) and the trail of
//! who did.

use serde::{Deserialize, Serialize};

/// What a proxy may reach for the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProxyScope {
    /// The health record: results, medicines, visits, documents.
    Records,
    Appointments,
    Messages,
    Billing,
}

impl ProxyScope {
    pub const ALL: [Self; 4] = [Self::Records, Self::Appointments, Self::Messages, Self::Billing];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Records => "records",
            Self::Appointments => "appointments",
            Self::Messages => "messages",
            Self::Billing => "billing",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// How a proxy came to act for a patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProxyKind {
    /// The patient chose them.
    Granted,
    /// A parent or legal guardian of a child, recorded by the clinic. Their access follows the
    /// child's age: all of it before 12, without confidential items from 12 to 17, none at 18.
    Guardian,
}

/// `POST /api/patients/{patient_id}/proxies`: the patient lets someone with a portal account
/// act for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProxyGrant {
    /// The portal account's email.
    #[cfg_attr(feature = "openapi", schema(format = "email", min_length = 3, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub scopes: Vec<ProxyScope>,
    /// Whether they also see confidential items (mental, sexual and reproductive health,
    /// substance use).
    #[serde(default)]
    pub include_confidential: bool,
    /// Who they are to the patient, in the patient's words ("daughter").
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub relationship: Option<String>,
}

/// `POST /api/patients/{patient_id}/guardians` (front desk, administrators): records a child's
/// parent or legal guardian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardianLink {
    #[cfg_attr(feature = "openapi", schema(format = "email", min_length = 3, max_length = 254))]
    pub email: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub relationship: Option<String>,
}

/// Someone who may act for a patient, as the patient (or the clinic) sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProxyAccess {
    pub id: String,
    pub patient_id: String,
    pub proxy_name: String,
    pub proxy_email: String,
    pub kind: ProxyKind,
    pub scopes: Vec<ProxyScope>,
    pub include_confidential: bool,
    pub relationship: Option<String>,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created_at: String,
}

/// `POST /api/patients/{patient_id}/break-glass`: a clinician or nurse opens the record of a
/// patient outside their care, in an emergency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BreakGlassRequest {
    /// Why; at least a few words. Read by the security officer.
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 500))]
    pub reason: String,
}

/// Emergency access, as granted (and as the security officer reviews it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BreakGlassGrant {
    pub id: String,
    pub account_id: String,
    pub staff_name: String,
    pub patient_id: String,
    pub reason: String,
    pub created_at: String,
    /// When the access ends (UTC).
    pub expires_at: String,
    pub reviewed_at: Option<String>,
    pub reviewed_by: Option<String>,
    pub review_note: Option<String>,
}

/// `POST /api/security/break-glass/{id}/review`: the security officer's finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BreakGlassReview {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub note: String,
}

/// One line of "who viewed my record": a member of staff (or a proxy) who opened it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    pub who: String,
    /// `Role::as_str` of who it was.
    pub role: String,
    /// `read` (one item) or `search` (a list).
    pub action: String,
    /// What they looked at: a FHIR resource type or a portal view.
    pub what: String,
    /// Whether it was emergency access.
    pub emergency: bool,
}

/// One row of the audit trail, as the security officer searches and exports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor_account_id: Option<String>,
    /// The account's name as it is now (not part of the chained row).
    #[serde(default)]
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub on_behalf_of: Option<String>,
    /// The name of the patient a proxy acted for, as it is now.
    #[serde(default)]
    pub on_behalf_of_name: Option<String>,
    pub patient_id: Option<String>,
    /// The patient's name as it is now.
    #[serde(default)]
    pub patient_name: Option<String>,
    pub action: String,
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub detail: Option<String>,
}

/// A page of audit rows, oldest first; `next_after` continues after the last one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next_after: Option<i64>,
}

/// `GET /api/security/audit/verify`: whether the audit chain is whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditVerification {
    pub intact: bool,
    /// Rows checked (when intact).
    pub rows: i64,
    /// Where it breaks, in words (when not).
    pub fault: Option<String>,
}
