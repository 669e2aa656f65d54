//! Signing in and out, and who the signed-in person is.

use serde::{Deserialize, Serialize};

/// What a person may do in the portal. Every API route declares the roles it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// `GET /api/session` (and the answer to signing in): who is signed in and whose records they
/// may open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientLink {
    pub patient_id: String,
    pub display_name: String,
    /// `true` for the person's own record.
    pub is_self: bool,
}

/// Why a new password is refused; the app shows each in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordRules {
    pub min_length: usize,
    pub max_length: usize,
}

/// The answer to a sign-in step. Signing in may take two steps: the password, then a second
/// factor (or setting one up, for staff who have none yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignInResult {
    /// Signed in; the session cookie is set.
    SignedIn { session: SessionInfo },
    /// The password was right; now one of these second factors.
    SecondFactorRequired { methods: Vec<SecondFactorMethod> },
    /// The password was right, but this account must set up a second factor before anything
    /// else (`POST /api/account/totp`, or `POST /api/account/passkeys/options` when `methods`
    /// lists `passkey`).
    EnrolmentRequired { methods: Vec<SecondFactorMethod> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorRequest {
    pub code: String,
}

/// `POST /api/account/totp`: a new authenticator secret, not active until confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpSetup {
    /// For scanning: an SVG QR code as a `data:` URL.
    pub qr_svg_data_url: String,
    /// For typing into the app by hand, in groups of four.
    pub manual_key: String,
    pub otpauth_url: String,
}

/// `POST /api/account/totp/confirm`: a code from the app, proving it is set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpConfirm {
    pub code: String,
}

/// The recovery codes, shown once: after confirming an authenticator app, or on asking for new
/// ones (which voids the old).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
    /// Set when confirming finished signing in: the session is now full.
    pub session: Option<SessionInfo>,
}

/// `POST /api/session/reauth`: proving who one is again before a sensitive change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReauthRequest {
    pub password: String,
    /// A code from the app or a recovery code, when the account has two-step sign-in.
    pub code: Option<String>,
}

/// `POST /api/account/password`: a new password (after a fresh re-authentication).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub new_password: String,
}

/// `POST /api/password/check`: how a candidate password fares, for the strength hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordCheckRequest {
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordCheck {
    pub ok: bool,
    pub issue: Option<PasswordIssue>,
    pub rules: PasswordRules,
}

/// One signed-in browser of the account, for the sessions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// The browser app's page a password-reset or staff-invitation link opens. The token rides in
/// the fragment (`/password/reset#token=…`), which the browser never sends to a server; the
/// page posts it to `POST /api/password/reset`.
pub const RESET_PASSWORD_PAGE: &str = "/password/reset";

/// The browser app's page an email-confirmation link opens (`/email/verify#token=…`); the page
/// posts the token to `POST /api/email/verify`.
pub const VERIFY_EMAIL_PAGE: &str = "/email/verify";

/// `POST /api/patients/{patient_id}/activation-code` (front desk and administrators): the code
/// a patient types to create their account, shown this once. Any earlier code stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivationCode {
    pub patient_id: String,
    /// In groups of four (`XXXX-XXXX-XXXX`), without letters that look like digits.
    pub code: String,
    /// When it stops working (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub expires_at: String,
}

/// `POST /api/enrolment`: a patient creates their account with the activation code from the
/// clinic and their date of birth. The answer is `SignInResult::EnrolmentRequired`: setting up
/// two-step sign-in comes next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolmentRequest {
    pub activation_code: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    pub email: String,
    pub password: String,
    /// `en` or `es`, for the mail the portal sends; the patient's record says, when not given.
    #[serde(default)]
    pub language: Option<String>,
}

/// `POST /api/email/verify`: the token from an email-confirmation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerifyRequest {
    pub token: String,
}

/// The answer to `POST /api/email/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerified {
    /// The confirmed address.
    pub email: String,
    /// `true` when the link confirmed a new address, which is now the account's email.
    pub email_changed: bool,
}

/// `POST /api/account/email`: a new email address (after a fresh re-authentication). A link
/// goes to the new address; the change happens when it is opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailChangeRequest {
    pub new_email: String,
}

/// `POST /api/password/forgot`: mail me a link to choose a new password. The answer is 202
/// whether or not an account has this email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForgotPasswordRequest {
    pub email: String,
}

/// `POST /api/password/reset`: a new password with the token from a reset or invitation link.
/// It does not sign in: the person then signs in as usual, second factor included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub token: String,
    pub new_password: String,
}

/// `POST /api/admin/accounts` (administrators): a staff account. The person gets a link by
/// mail to choose their password, and sets up two-step sign-in when they first sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaffAccount {
    pub email: String,
    pub display_name: String,
    /// A staff role: patients enrol with an activation code, proxies are invited by patients.
    pub role: Role,
    #[serde(default)]
    pub practitioner_id: Option<String>,
    /// `en` or `es`, for the invitation mail.
    #[serde(default)]
    pub language: Option<String>,
}

/// An account as administrators and security officers see it (`GET /api/admin/accounts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSummary {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub practitioner_id: Option<String>,
    pub created_at: String,
    pub disabled_at: Option<String>,
    pub email_verified: bool,
    /// Whether a second factor is set up.
    pub two_step: bool,
    /// `false` while an invited person has not chosen their password yet.
    pub password_set: bool,
}

/// `POST /api/account/passkeys/options`, `POST /api/session/passkey/options` and
/// `POST /api/session/reauth/passkey/options`: what the browser needs to create or use a
/// passkey, as `{"publicKey": {…}}`. `publicKey` is WebAuthn Level 3's
/// `PublicKeyCredentialCreationOptionsJSON` (or `…RequestOptionsJSON`), every binary field
/// (`challenge`, `user.id`, credential `id`s) in unpadded base64url: hand it to
/// `PublicKeyCredential.parseCreationOptionsFromJSON()` (or `parseRequestOptionsFromJSON()`), or
/// decode those fields to `ArrayBuffer`s by hand where that is missing. The credential the
/// browser returns goes back as its `toJSON()` (base64url fields, as the browser writes them);
/// by hand, encode `rawId` and every `ArrayBuffer` of `response` (`clientDataJSON`,
/// `attestationObject`; `authenticatorData`, `signature`, `userHandle`) as unpadded base64url,
/// and send `getClientExtensionResults()` as `clientExtensionResults`. A ceremony expires after
/// five minutes (the options' `timeout`) and can be answered once: ask for new options to retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyOptions {
    #[serde(rename = "publicKey")]
    pub public_key: serde_json::Value,
}

/// `POST /api/account/passkeys`: the new passkey, as `PublicKeyCredential.toJSON()` wrote it
/// after `navigator.credentials.create()`, and the name its owner gives it ("My phone").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyRegistration {
    pub credential: serde_json::Value,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub name: String,
}

/// A passkey of the account, for the list on the security page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeySummary {
    pub id: String,
    pub name: String,
    pub created_at: String,
    /// When it last signed in or confirmed a change; `None` if never.
    pub last_used_at: Option<String>,
}

/// `GET /api/account/passkeys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyList {
    /// Whether this server can create and check passkeys (it needs its public address,
    /// `PORTAL_PUBLIC_URL`); when `false`, offer the authenticator app instead.
    pub available: bool,
    pub passkeys: Vec<PasskeySummary>,
}

/// The answer to adding a passkey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyAdded {
    pub passkey: PasskeySummary,
    /// New recovery codes, shown once, when this passkey is the account's first second factor;
    /// empty otherwise (the codes the account has keep working).
    pub recovery_codes: Vec<String>,
    /// Set when adding it finished signing in: the session is now full.
    pub session: Option<SessionInfo>,
}

/// `PATCH /api/account/passkeys/{id}`: a new name for a passkey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyRename {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub name: String,
}

/// `POST /api/session/passkey`: the second step answered with a passkey, as
/// `PublicKeyCredential.toJSON()` wrote it after `navigator.credentials.get()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyAssertion {
    pub credential: serde_json::Value,
}

/// `POST /api/session/reauth/passkey`: re-authentication with the password and a passkey
/// instead of a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyReauth {
    pub password: String,
    pub credential: serde_json::Value,
}

/// Where the app's single sign-on button goes: a plain link (a navigation), never a `fetch` or a
/// form, whose redirect to the provider the CSP's `form-action 'self'` would block. Add
/// `?return_to=/path` (a path of this portal) to come back to that page when signed in.
pub const SSO_START_PATH: &str = "/auth/oidc/start";

/// `GET /api/auth/sso` (public): whether sign-in with the clinic's identity provider is offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SsoInfo {
    pub enabled: bool,
    /// The button's text (`Riverbend staff sign-in`), when enabled.
    pub label: Option<String>,
    /// Whether patients may use it too; otherwise it is for staff only.
    pub patients: bool,
    /// [`SSO_START_PATH`].
    pub start_path: String,
}

/// Why single sign-on came back to the sign-in page without signing in, as
/// `/sign-in?sso_error=<code>`; the app explains each in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SsoError {
    /// The identity provider could not be reached; try again later or sign in with a password.
    Unavailable,
    /// The person cancelled at the provider (or it refused them).
    Cancelled,
    /// The sign-in took too long, was already used, or was started in another browser.
    Expired,
    /// Something did not check out; try again.
    Failed,
    /// No portal account belongs to this identity (or the provider has not confirmed its email).
    NoAccount,
    /// The account exists but may not sign in this way (patients, unless the clinic allows it).
    NotAllowed,
}

impl SsoError {
    pub const ALL: [Self; 6] =
        [Self::Unavailable, Self::Cancelled, Self::Expired, Self::Failed, Self::NoAccount, Self::NotAllowed];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unavailable => "unavailable",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::Failed => "failed",
            Self::NoAccount => "no_account",
            Self::NotAllowed => "not_allowed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == text)
    }
}

/// The step single sign-on left to do on the sign-in page, as `/sign-in?sso_step=<step>` (with
/// `&return_to=` when it started elsewhere). The half-signed-in session cookie is already set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SsoStep {
    /// A code from the authenticator app or a recovery code (`POST /api/session/second-factor`).
    SecondFactor,
    /// Set up a second factor first (`POST /api/account/totp`), as staff must.
    Enrol,
}

impl SsoStep {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SecondFactor => "second_factor",
            Self::Enrol => "enrol",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::SecondFactor, Self::Enrol].into_iter().find(|s| s.as_str() == text)
    }
}
