//! One module per route.

mod about;
mod access_log;
mod account;
mod enrol;
mod home;
mod not_found;
mod password;
mod proxies;
mod sign_in;
mod two_step;

pub use about::{AccessibilityPage, PrivacyPage};
pub use access_log::AccessLogPage;
pub use account::AccountSecurityPage;
pub use enrol::CreateAccountPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use password::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage, fragment_token};
pub use proxies::ProxiesPage;
pub use sign_in::{SecondStepPage, SignInPage, query_param};
pub use two_step::{SetUpTwoStepPage, key_groups};
