//! The app's routes: one variant per page.

use yew_router::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
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
    pub const fn needs_sign_in(self) -> bool {
        matches!(self, Self::AccountSecurity | Self::Proxies | Self::AccessLog)
    }
}
