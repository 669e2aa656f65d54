//! One module per route.

mod about;
mod access_log;
mod account;
mod audit;
mod documents;
mod emergency_access;
mod enrol;
mod home;
mod not_found;
mod password;
mod proxies;
mod record_lists;
mod result_detail;
mod results;
mod sign_in;
mod two_step;
mod visits;

pub use about::{AccessibilityPage, PrivacyPage};
pub use access_log::AccessLogPage;
pub use account::AccountSecurityPage;
pub use audit::AuditTrailPage;
pub use documents::{DocumentsPage, DownloadRecordPage, HealthPage, RecordSummaryPage, date_mistakes};
pub use emergency_access::EmergencyAccessPage;
pub use enrol::CreateAccountPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use password::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage, fragment_token};
pub use proxies::ProxiesPage;
pub use record_lists::{AllergiesPage, HealthIssuesPage, MedicationsPage, VaccinesPage, family_words};
pub use result_detail::{ResultDetailPage, range_words};
pub use results::{ResultsPage, flag_words};
pub use sign_in::{SecondStepPage, SignInPage, query_param};
pub use two_step::{SetUpTwoStepPage, key_groups};
pub use visits::{VisitDetailPage, VisitsPage, is_upcoming};

/// The current address's query string (with its `?`), or empty.
pub fn address_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Puts `query` (without the `?`) into the address in place: no new history entry, and the
/// router is not told, so the page and the focus stay where they are. A page keeps its filters
/// there so that "Back", a reload or a shared link opens it as it was.
pub fn replace_address_query(query: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let address = if query.is_empty() { path } else { format!("{path}?{query}") };
    // The router's own state rides along unchanged.
    let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    let _ = history.replace_state_with_url(&state, "", Some(&address));
}
