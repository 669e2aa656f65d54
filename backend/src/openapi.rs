//! The JSON API's OpenAPI document, generated from the handlers' `#[utoipa::path]` annotations
//! and the shared types. Each operation names the roles that may call it (`x-roles`; `anyone`
//! for public routes, `signed_in` for any account), which the access-matrix test holds the server to. The document is served
//! at `GET /api/openapi.json` and committed as `backend/openapi.json`, which a test keeps in
//! step with the code.

use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};

use crate::auth::session::COOKIE_NAME;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Patient portal API",
        description = "The JSON API of the patient portal: sign-in, the patient's record, proxies, emergency access and the audit trail. Errors are `ErrorBody`.",
        license(name = "Apache-2.0")
    ),
    components(schemas(shared::ErrorBody)),
    modifiers(&SessionCookie),
    tags(
        (name = "meta", description = "Health checks and the clinic's public details."),
        (name = "session", description = "Signing in (password, second factor, single sign-on) and out."),
        (name = "account", description = "What a person manages about their own sign-in."),
        (name = "passkeys", description = "WebAuthn passkeys: adding them and signing in with them."),
        (name = "accounts", description = "Enrolment, email confirmation and password reset."),
        (name = "admin", description = "Staff accounts, for administrators."),
        (name = "chart", description = "A patient's health record, for the portal's screens."),
        (name = "access", description = "Proxies, guardians, emergency access and who viewed a record."),
        (name = "security", description = "The security officer's review of access and the audit trail."),
    )
)]
pub struct ApiDoc;

/// The session cookie as the security scheme of every signed-in route.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                COOKIE_NAME,
                "The session cookie set by signing in (HttpOnly; the app never reads it).",
            ))),
        );
    }
}

/// The whole document: each module lists its own routes.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::meta::Api::openapi());
    doc.merge(crate::auth::Api::openapi());
    doc.merge(crate::accounts::Api::openapi());
    doc.merge(crate::chart::Api::openapi());
    doc.merge(crate::access::Api::openapi());
    doc
}

/// The document as pretty JSON, as committed.
pub fn json() -> String {
    let mut text = document().to_pretty_json().expect("the OpenAPI document serialises");
    text.push('\n');
    text
}

/// `GET /api/openapi.json`
pub(crate) async fn serve() -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], json())
}
