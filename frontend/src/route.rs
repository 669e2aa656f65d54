//! The app's routes: one variant per page.

use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/accessibility")]
    Accessibility,
    #[at("/privacy")]
    Privacy,
    #[at("/sign-in")]
    SignIn,
    #[at("/sign-in/code")]
    SecondStep,
    #[at("/two-step/setup")]
    SetUpTwoStep,
    #[at("/account/security")]
    AccountSecurity,
    #[at("/account/proxies")]
    Proxies,
    #[at("/account/access-log")]
    AccessLog,
    #[at("/results")]
    Results,
    #[at("/results/:id")]
    ResultDetail { id: String },
    /// The health summary: problems, allergies, medicines, vaccines and vital signs at a
    /// glance, with the way to each full list.
    #[at("/health")]
    Health,
    #[at("/medicines")]
    Medications,
    #[at("/vaccines")]
    Vaccines,
    #[at("/allergies")]
    Allergies,
    #[at("/health-issues")]
    HealthIssues,
    #[at("/visits")]
    Visits,
    #[at("/visits/:id")]
    VisitDetail { id: String },
    #[at("/documents")]
    Documents,
    #[at("/my-record")]
    DownloadRecord,
    #[at("/my-record/summary")]
    RecordSummary,
    /// The security officer's search of the audit trail, its export and its chain check.
    #[at("/security/audit")]
    SecurityAudit,
    /// The security officer's review of emergency ("break-the-glass") access.
    #[at("/security/emergency-access")]
    EmergencyAccess,
    #[at("/create-account")]
    CreateAccount,
    #[at("/password/forgot")]
    ForgotPassword,
    /// `shared::auth::RESET_PASSWORD_PAGE`, opened from the mailed link.
    #[at("/password/reset")]
    ResetPassword,
    /// `shared::auth::VERIFY_EMAIL_PAGE`, opened from the mailed link.
    #[at("/email/verify")]
    VerifyEmail,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// Pages only a signed-in person sees; the others are public.
    pub const fn needs_sign_in(&self) -> bool {
        matches!(
            self,
            Self::AccountSecurity
                | Self::Proxies
                | Self::AccessLog
                | Self::Results
                | Self::ResultDetail { .. }
                | Self::Health
                | Self::Medications
                | Self::Vaccines
                | Self::Allergies
                | Self::HealthIssues
                | Self::Visits
                | Self::VisitDetail { .. }
                | Self::Documents
                | Self::DownloadRecord
                | Self::RecordSummary
                | Self::SecurityAudit
                | Self::EmergencyAccess
        )
    }
}
