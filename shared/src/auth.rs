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

    /// Everyone who works for the clinic (as opposed to patients and their proxies).
    pub const fn is_staff(self) -> bool {
        !matches!(self, Self::Patient | Self::Proxy)
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
    /// Whether the account signs in with a second factor.
    pub two_step: bool,
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

/// The answer to a sign-in step. Signing in may take two steps: the password, then a second
/// factor (or setting one up, for staff who have none yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignInResult {
    /// Signed in; the session cookie is set.
    SignedIn { session: SessionInfo },
    /// The password was right; now one of these second factors.
    SecondFactorRequired { methods: Vec<SecondFactorMethod> },
    /// The password was right, but this account must set up a second factor before anything
    /// else (`POST /api/account/totp`).
    EnrolmentRequired { methods: Vec<SecondFactorMethod> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondFactorMethod {
    /// A six-digit code from an authenticator app.
    Totp,
    /// A passkey on this device or a security key.
    Passkey,
    /// One of the single-use recovery codes.
    RecoveryCode,
}

/// `POST /api/session/second-factor`: a code from the authenticator app, or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorRequest {
    pub code: String,
}

/// `POST /api/account/totp`: a new authenticator secret, not active until confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// For scanning: an SVG QR code as a `data:` URL.
    pub qr_svg_data_url: String,
    /// For typing into the app by hand, in groups of four.
    pub manual_key: String,
    pub otpauth_url: String,
}

/// `POST /api/account/totp/confirm`: a code from the app, proving it is set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpConfirm {
    pub code: String,
}

/// The recovery codes, shown once: after confirming an authenticator app, or on asking for new
/// ones (which voids the old).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
    /// Set when confirming finished signing in: the session is now full.
    pub session: Option<SessionInfo>,
}

/// `POST /api/session/reauth`: proving who one is again before a sensitive change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReauthRequest {
    pub password: String,
    /// A code from the app or a recovery code, when the account has two-step sign-in.
    pub code: Option<String>,
}

/// `POST /api/account/password`: a new password (after a fresh re-authentication).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    pub new_password: String,
}

/// `POST /api/password/check`: how a candidate password fares, for the strength hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordCheckRequest {
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordCheck {
    pub ok: bool,
    pub issue: Option<PasswordIssue>,
    pub rules: PasswordRules,
}

/// One signed-in browser of the account, for the sessions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// This browser.
    pub current: bool,
}

/// `GET /api/account/security`: what protects the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSecurity {
    pub email: String,
    pub email_verified: bool,
    pub totp: bool,
    pub passkeys: u32,
    pub recovery_codes_left: u32,
    /// Whether two-step sign-in may be turned off (patients only; staff must keep it).
    pub may_turn_off_two_step: bool,
    pub password_rules: PasswordRules,
    /// When the last re-authentication stops counting as fresh, if it still does.
    pub reauth_until: Option<String>,
}
