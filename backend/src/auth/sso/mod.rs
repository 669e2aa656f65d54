//! Single sign-on with the clinic's OpenID Connect provider (authorization code, PKCE, state and
//! nonce), ending in the same sign-in state machine as a password: see `flow`.

mod flow;
mod provider;
mod settings;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use shared::auth::{SSO_START_PATH, SsoInfo};

pub use flow::{BINDING_COOKIE, CALLBACK_PATH};
pub use provider::Sso;
pub use settings::{Secret, SsoArgs, SsoSettings};

use crate::AppState;
use crate::error::ApiJson;

/// The browser navigations, mounted outside `/api` (they answer with redirects, not JSON).
pub fn router() -> Router<AppState> {
    Router::new().route(SSO_START_PATH, get(flow::start)).route(CALLBACK_PATH, get(flow::callback))
}

/// `GET /api/auth/sso` (public): whether the sign-in page offers single sign-on, and its label.
#[utoipa::path(
    get,
    operation_id = "auth_sso_info",
    path = "/api/auth/sso",
    tag = "session",
    responses((status = 200, description = "Done.", body = shared::auth::SsoInfo)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
pub(super) async fn info(State(state): State<AppState>) -> ApiJson<SsoInfo> {
    let settings = state.config.sso.as_deref().map(Sso::settings);
    ApiJson(SsoInfo {
        enabled: settings.is_some(),
        label: settings.map(|s| s.label.clone()),
        patients: settings.is_some_and(|s| s.patients),
        start_path: SSO_START_PATH.to_owned(),
    })
}
