//! Accounts: patients enrol with an activation code, staff are created by an administrator,
//! and single-use links by mail confirm an email, change it, reset a password or set a first one.

pub mod cli;
mod email;
mod enrolment;
mod password;
mod staff;
pub mod tokens;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};
use shared::{ErrorCode, FieldError};

pub use enrolment::{demo_code, store_demo_code};

use crate::AppState;
use crate::error::ApiError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/patients/{patient_id}/activation-code", post(enrolment::issue_code))
        .route("/enrolment", post(enrolment::enrol))
        .route("/account/email/verification", post(email::request_verification))
        .route("/account/email", post(email::change))
        .route("/email/verify", post(email::verify))
        .route("/password/forgot", post(password::forgot))
        .route("/password/reset", post(password::reset))
        .route("/admin/accounts", get(staff::list).post(staff::create))
        .route("/admin/accounts/{id}/disable", post(staff::disable))
}

/// These routes in the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    enrolment::issue_code,
    enrolment::enrol,
    email::request_verification,
    email::change,
    email::verify,
    password::forgot,
    password::reset,
    staff::list,
    staff::create,
    staff::disable,
))]
pub struct Api;

/// The base URL links in mail start with: the configured public URL, never the request's Host
/// (which the client chooses: a reset link must not lead to someone else's site).
pub(crate) struct Origin(pub String);

impl FromRequestParts<AppState> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Self(state.config.origin().to_owned()))
    }
}

/// A link to the app's `page` carrying `token` in the fragment, which browsers never send on.
pub(crate) fn link(origin: &str, page: &str, token: &str) -> String {
    format!("{origin}{page}#token={token}")
}

/// An email address as the portal stores it (trimmed, lower-case), or a 422 naming `field`.
pub(crate) fn parse_email(raw: &str, field: &str) -> Result<String, ApiError> {
    let email = crate::auth::normalise_email(raw);
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || "<>,;\"()[]\\".contains(c));
    if !valid {
        return Err(ApiError::validation(
            "Enter an email address such as name@example.org.",
            vec![FieldError { field: field.into(), code: "invalid_email".into() }],
        ));
    }
    Ok(email)
}

/// A refused new password, with the field it came in.
pub(crate) fn weak_password(issue: shared::auth::PasswordIssue, field: &str) -> ApiError {
    ApiError::validation(
        "Choose a different password.",
        vec![FieldError { field: field.into(), code: crate::auth::issue_code(issue).into() }],
    )
}

/// The answer to an email address some other account already has.
pub(crate) fn email_taken() -> ApiError {
    ApiError::new(ErrorCode::Conflict, "An account already uses this email. Sign in, or use another email.")
}

/// Whether some account has `email`.
pub(crate) async fn email_in_use(conn: &mut sqlx::AnyConnection, email: &str) -> sqlx::Result<bool> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(email.to_owned())
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

/// A password nobody knows, for an account whose holder has not chosen one yet.
pub(crate) fn unusable_password() -> String {
    crate::auth::session::new_token()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lower_cased_and_must_look_like_an_address() {
        assert_eq!(parse_email(" Ana@Example.ORG ", "email").unwrap(), "ana@example.org");
        for bad in
            ["", "ana", "ana@", "@example.org", "ana@example", "a b@example.org", "a@b@c.org", "<a@b.org>"]
        {
            assert!(parse_email(bad, "email").is_err(), "{bad}");
        }
    }
}
