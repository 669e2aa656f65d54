//! One module per route.

mod about;
mod account;
mod enrol;
mod home;
mod not_found;
mod password;
mod sign_in;
mod two_step;

pub use about::{AccessibilityPage, PrivacyPage};
pub use account::AccountSecurityPage;
pub use enrol::CreateAccountPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use password::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage, fragment_token};
pub use sign_in::{SecondStepPage, SignInPage, query_param};
pub use two_step::{SetUpTwoStepPage, key_groups};
