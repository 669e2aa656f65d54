//! Signing in and out, and who the signed-in person is.

use serde::{Deserialize, Serialize};

/// What a person may do in the portal. Every API route declares the roles it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Patient,
    /// Someone a patient (or the law, for minors) lets see their record: a parent, a caregiver.
    Proxy,
    Clinician,
    Nurse,
    FrontDesk,
    Billing,
    Admin,
    SecurityOfficer,
}

impl Role {
    pub const ALL: [Self; 8] = [
        Self::Patient,
        Self::Proxy,
        Self::Clinician,
        Self::Nurse,
        Self::FrontDesk,
        Self::Billing,
        Self::Admin,
        Self::SecurityOfficer,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Patient => "patient",
            Self::Proxy => "proxy",
            Self::Clinician => "clinician",
            Self::Nurse => "nurse",
            Self::FrontDesk => "front_desk",
            Self::Billing => "billing",
            Self::Admin => "admin",
            Self::SecurityOfficer => "security_officer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Care-team roles, which read patients' clinical records as part of their work.
    pub const fn is_care_team(self) -> bool {
        matches!(self, Self::Clinician | Self::Nurse)
    }
}

/// `POST /api/session`: sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// `GET /api/session` (and the answer to signing in): who is signed in and whose records they
/// may open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub account_id: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// Patients whose records this person may open: their own first, then those they are a
    /// proxy for.
    pub patients: Vec<PatientLink>,
    /// Seconds of inactivity after which the session ends.
    pub idle_timeout_secs: u64,
    /// When the session ends regardless of activity (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub expires_at: String,
}

/// A patient the signed-in person may open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientLink {
    pub patient_id: String,
    pub display_name: String,
    /// `true` for the person's own record.
    pub is_self: bool,
}

/// Why a new password is refused; the app shows each in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordIssue {
    /// Shorter than the minimum: 8 characters with two-step sign-in, 15 without.
    TooShort,
    /// Longer than anyone needs (more than 128 characters).
    TooLong,
    /// A common password, a dictionary word or a simple pattern, or built from the person's
    /// own name or email.
    TooEasyToGuess,
}

/// The rules a new password must meet, for forms to explain them before anyone types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordRules {
    pub min_length: usize,
    pub max_length: usize,
}
