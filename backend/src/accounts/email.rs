//! An account's email: confirming it (a link sent at enrolment or on request) and changing it
//! (after a fresh re-authentication; a link to the new address confirms, a notice goes to the
//! old one).

use axum::extract::State;
use axum::http::StatusCode;
use jiff::SignedDuration;
use shared::ErrorCode;
use shared::auth::{EmailChangeRequest, EmailVerified, EmailVerifyRequest};

use super::tokens::{self, TokenKind};
use super::{Origin, email_in_use, email_taken, link, parse_email};
use crate::AppState;
use crate::audit::{self, Outcome};
use crate::auth::{Caller, RequestMeta, throttle};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::mail::{self, Language, Template};

/// Mail one account may ask for: a few, then a wait that grows.
const MAIL_REQUESTS: throttle::Policy = throttle::Policy {
    free: 3,
    first_block: SignedDuration::from_mins(1),
    cap: SignedDuration::from_hours(1),
    window: SignedDuration::from_hours(1),
};

async fn language_of(state: &AppState, account_id: &str) -> ApiResult<Language> {
    let language: Option<String> = sqlx::query_scalar("SELECT language FROM accounts WHERE id = $1")
        .bind(account_id.to_owned())
        .fetch_one(state.db.pool())
        .await?;
    Ok(Language::parse(language.as_deref()))
}

/// Refuses when `key` has asked for mail too often; counts this request otherwise.
async fn count_mail_request(state: &AppState, caller: &Caller, key: &str, action: &str) -> ApiResult<()> {
    if throttle::blocked_until(&state.db, &[key]).await?.is_some() {
        audit::record(&state.db, caller.event(action, Outcome::Denied)).await?;
        return Err(ApiError::new(
            ErrorCode::TooManyRequests,
            "Too many emails asked for. Please wait and try again.",
        ));
    }
    throttle::fail(&state.db, key, MAIL_REQUESTS).await?;
    Ok(())
}

/// `POST /api/account/email/verification`: sends a new confirmation link to the account's email.
#[utoipa::path(
    post,
    operation_id = "accounts_email_request_verification",
    path = "/api/account/email/verification",
    tag = "accounts",
    responses((status = 202, description = "Accepted; it happens in the background (mail)."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn request_verification(
    State(state): State<AppState>,
    caller: Caller,
    Origin(origin): Origin,
) -> ApiResult<StatusCode> {
    let verified: Option<String> = sqlx::query_scalar("SELECT email_verified_at FROM accounts WHERE id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(state.db.pool())
        .await?;
    if verified.is_some() {
        return Err(ApiError::conflict("Your email is already confirmed."));
    }
    let key = throttle::key("verify-mail", &caller.account_id);
    count_mail_request(&state, &caller, &key, "email_verification_requested").await?;
    let language = language_of(&state, &caller.account_id).await?;
    let mut tx = state.db.begin_write().await?;
    let token =
        tokens::issue(&mut tx, TokenKind::EmailVerification, &caller.account_id, &caller.email).await?;
    let verify_link = link(&origin, shared::auth::VERIFY_EMAIL_PAGE, &token);
    mail::queue(
        &mut tx,
        &state.config.keys,
        Some(&caller.account_id),
        &caller.email,
        &Template::VerifyEmail { link: &verify_link },
        language,
        TokenKind::EmailVerification.lifetime(),
    )
    .await?;
    tx.commit().await?;
    state.config.mail.wake();
    audit::record(&state.db, caller.event("email_verification_requested", Outcome::Success)).await?;
    Ok(StatusCode::ACCEPTED)
}

/// `POST /api/account/email`: asks to move the account to a new email, after a fresh
/// re-authentication. Nothing changes until the link sent to the new address is opened.
#[utoipa::path(
    post,
    operation_id = "accounts_email_change",
    path = "/api/account/email",
    tag = "accounts",
    request_body = shared::auth::EmailChangeRequest,
    responses((status = 202, description = "Accepted; it happens in the background (mail)."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn change(
    State(state): State<AppState>,
    caller: Caller,
    Origin(origin): Origin,
    ApiJson(request): ApiJson<EmailChangeRequest>,
) -> ApiResult<StatusCode> {
    if !caller.session.reauth_is_fresh() {
        audit::record(&state.db, caller.event("email_change_requested", Outcome::Denied)).await?;
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "Confirm it is you first: enter your password again.",
        ));
    }
    let new_email = parse_email(&request.new_email, "new_email")?;
    if new_email == caller.email {
        return Err(ApiError::validation(
            "This is already your email.",
            vec![shared::FieldError { field: "new_email".into(), code: "unchanged".into() }],
        ));
    }
    let key = throttle::key("change-mail", &caller.account_id);
    count_mail_request(&state, &caller, &key, "email_change_requested").await?;
    let language = language_of(&state, &caller.account_id).await?;
    let mut tx = state.db.begin_write().await?;
    if email_in_use(&mut tx, &new_email).await? {
        return Err(email_taken());
    }
    let token = tokens::issue(&mut tx, TokenKind::EmailChange, &caller.account_id, &new_email).await?;
    let confirm_link = link(&origin, shared::auth::VERIFY_EMAIL_PAGE, &token);
    let lifetime = TokenKind::EmailChange.lifetime();
    let keys = &state.config.keys;
    let account = Some(caller.account_id.as_str());
    let confirm = Template::ConfirmNewEmail { link: &confirm_link };
    mail::queue(&mut tx, keys, account, &new_email, &confirm, language, lifetime).await?;
    let notice = Template::EmailChangeNotice { new_email: &new_email };
    mail::queue(&mut tx, keys, account, &caller.email, &notice, language, lifetime).await?;
    tx.commit().await?;
    state.config.mail.wake();
    audit::record(&state.db, caller.event("email_change_requested", Outcome::Success)).await?;
    Ok(StatusCode::ACCEPTED)
}

/// The answer to a link that does not work (any more).
fn link_not_valid() -> ApiError {
    ApiError::new(ErrorCode::BadRequest, "This link does not work any more. Ask for a new one.")
}

/// `POST /api/email/verify`: the token from a confirmation link. It confirms the account's email,
/// or, for a change, makes the new address the account's email.
#[utoipa::path(
    post,
    operation_id = "accounts_email_verify",
    path = "/api/email/verify",
    tag = "accounts",
    request_body = shared::auth::EmailVerifyRequest,
    responses((status = 200, description = "Done.", body = shared::auth::EmailVerified), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
pub(super) async fn verify(
    State(state): State<AppState>,
    meta: RequestMeta,
    ApiJson(request): ApiJson<EmailVerifyRequest>,
) -> ApiResult<ApiJson<EmailVerified>> {
    let mut tx = state.db.begin_write().await?;
    let kinds = [TokenKind::EmailVerification, TokenKind::EmailChange];
    let Some(token) = tokens::find(&mut tx, &request.token, &kinds).await? else {
        drop(tx);
        audit::record(&state.db, meta.event("email_verify", Outcome::Denied)).await?;
        return Err(link_not_valid());
    };
    let (current, disabled): (String, Option<String>) =
        sqlx::query_as("SELECT email, disabled_at FROM accounts WHERE id = $1")
            .bind(token.account_id.clone())
            .fetch_one(&mut *tx)
            .await?;
    let changed = token.kind == TokenKind::EmailChange;
    // A confirmation link proves an address only while it is still the account's.
    if disabled.is_some() || (!changed && current != token.email) {
        drop(tx);
        audit::record(&state.db, meta.event("email_verify", Outcome::Denied)).await?;
        return Err(link_not_valid());
    }
    if changed {
        let other: Option<String> =
            sqlx::query_scalar("SELECT id FROM accounts WHERE email = $1 AND id <> $2")
                .bind(token.email.clone())
                .bind(token.account_id.clone())
                .fetch_optional(&mut *tx)
                .await?;
        if other.is_some() {
            return Err(email_taken());
        }
    }
    if !tokens::consume(&mut tx, &token).await? {
        return Err(link_not_valid());
    }
    sqlx::query("UPDATE accounts SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(token.email.clone())
        .bind(datetime::now())
        .bind(token.account_id.clone())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut event = meta.event(if changed { "email_changed" } else { "email_verified" }, Outcome::Success);
    event.actor_account_id = Some(token.account_id.clone());
    audit::record(&state.db, event).await?;
    Ok(ApiJson(EmailVerified { email: token.email, email_changed: changed }))
}
