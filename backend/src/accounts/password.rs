//! A forgotten password: a single-use, short-lived link by mail, which sets a new password and
//! signs every browser out but never signs in — the second factor is still asked at sign-in.
//! The same link page serves a new staff member's invitation (their first password).

use axum::extract::State;
use axum::http::StatusCode;
use jiff::SignedDuration;
use shared::auth::{ForgotPasswordRequest, PasswordResetRequest};
use shared::{ErrorCode, Role};

use super::tokens::{self, TokenKind};
use super::{Origin, link, weak_password};
use crate::AppState;
use crate::audit::{self, Outcome};
use crate::auth::{RequestMeta, factors, normalise_email, password, policy, throttle};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::mail::{self, Language, Template};

/// Reset mail for one address: a few, then a wait that grows, so nobody floods an inbox.
const RESET_REQUESTS: throttle::Policy = throttle::Policy {
    free: 3,
    first_block: SignedDuration::from_mins(5),
    cap: SignedDuration::from_hours(1),
    window: SignedDuration::from_hours(1),
};

#[derive(sqlx::FromRow)]
struct Holder {
    id: String,
    language: Option<String>,
}

/// `POST /api/password/forgot`: 202 with no body, whether or not an account has this email, after
/// the same work; a link goes out only to an existing, enabled account.
#[utoipa::path(
    post,
    operation_id = "accounts_password_forgot",
    path = "/api/password/forgot",
    tag = "accounts",
    request_body = shared::auth::ForgotPasswordRequest,
    responses((status = 202, description = "Accepted; it happens in the background (mail)."), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
pub(super) async fn forgot(
    State(state): State<AppState>,
    meta: RequestMeta,
    Origin(origin): Origin,
    ApiJson(request): ApiJson<ForgotPasswordRequest>,
) -> ApiResult<StatusCode> {
    let email = normalise_email(&request.email);
    let email_key = throttle::key("forgot", &email);
    let address_key = meta.ip.as_deref().map(|ip| throttle::key("forgot-address", ip));
    let keys: Vec<&str> = std::iter::once(email_key.as_str()).chain(address_key.as_deref()).collect();
    if throttle::blocked_until(&state.db, &keys).await?.is_some() {
        let mut event = meta.event("password_reset_requested", Outcome::Denied);
        event.detail = Some("throttled".into());
        audit::record(&state.db, event).await?;
        return Err(ApiError::new(ErrorCode::TooManyRequests, "Too many tries. Please wait and try again."));
    }
    throttle::fail(&state.db, &email_key, RESET_REQUESTS).await?;
    if let Some(address_key) = &address_key {
        throttle::fail(&state.db, address_key, throttle::ADDRESS).await?;
    }

    let holder: Option<Holder> =
        sqlx::query_as("SELECT id, language FROM accounts WHERE email = $1 AND disabled_at IS NULL")
            .bind(email.clone())
            .fetch_optional(state.db.pool())
            .await?;
    let mut tx = state.db.begin_write().await?;
    // An unknown email goes through the same writes, undone below, so the answer takes as long.
    let token = match &holder {
        Some(holder) => tokens::issue(&mut tx, TokenKind::PasswordReset, &holder.id, &email).await?,
        None => crate::auth::session::new_token(),
    };
    let reset_link = link(&origin, shared::auth::RESET_PASSWORD_PAGE, &token);
    mail::queue(
        &mut tx,
        &state.config.keys,
        holder.as_ref().map(|h| h.id.as_str()),
        &email,
        &Template::PasswordReset { link: &reset_link },
        Language::parse(holder.as_ref().and_then(|h| h.language.as_deref())),
        TokenKind::PasswordReset.lifetime(),
    )
    .await?;
    let mut event = meta.event("password_reset_requested", Outcome::Success);
    if let Some(holder) = &holder {
        tx.commit().await?;
        state.config.mail.wake();
        event.actor_account_id = Some(holder.id.clone());
    } else {
        tx.rollback().await?;
        event.detail = Some("no such account".into());
    }
    audit::record(&state.db, event).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(sqlx::FromRow)]
struct ResetAccount {
    email: String,
    display_name: String,
    role: String,
    disabled_at: Option<String>,
}

/// `POST /api/password/reset`: a new password with the token from a reset or invitation link.
/// 204; the person then signs in as usual.
#[utoipa::path(
    post,
    operation_id = "accounts_password_reset",
    path = "/api/password/reset",
    tag = "accounts",
    request_body = shared::auth::PasswordResetRequest,
    responses((status = 204, description = "Done; nothing to return."), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
pub(super) async fn reset(
    State(state): State<AppState>,
    meta: RequestMeta,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> ApiResult<StatusCode> {
    let refused = |detail: &str| {
        let mut event = meta.event("password_reset", Outcome::Denied);
        event.detail = Some(detail.to_owned());
        event
    };
    let mut conn = state.db.pool().acquire().await?;
    let found =
        tokens::find(&mut conn, &request.token, &[TokenKind::PasswordReset, TokenKind::Invitation]).await?;
    drop(conn);
    let Some(token) = found else {
        audit::record(&state.db, refused("link unknown, used or expired")).await?;
        return Err(link_not_valid());
    };
    let account: ResetAccount =
        sqlx::query_as("SELECT email, display_name, role, disabled_at FROM accounts WHERE id = $1")
            .bind(token.account_id.clone())
            .fetch_one(state.db.pool())
            .await?;
    // A link proves an address only while it is still the account's.
    if account.disabled_at.is_some() || account.email != token.email {
        audit::record(&state.db, refused("account disabled or email changed")).await?;
        return Err(link_not_valid());
    }
    let factors = factors(&state.db, &token.account_id).await?;
    let is_staff = Role::parse(&account.role).is_some_and(Role::is_staff);
    // Only a patient who turned two-step sign-in off signs in with the password alone.
    let has_mfa = factors.any() || is_staff || !factors.opted_out;
    policy::check(&request.new_password, has_mfa, &[&account.email, &account.display_name])
        .map_err(|issue| weak_password(issue, "new_password"))?;
    let hash = password::hash(&request.new_password)?;

    let mut tx = state.db.begin_write().await?;
    if !tokens::consume(&mut tx, &token).await? {
        drop(tx);
        audit::record(&state.db, refused("link used meanwhile")).await?;
        return Err(link_not_valid());
    }
    let now = datetime::now();
    // The link reached the address, so it is confirmed too.
    sqlx::query(
        "UPDATE accounts SET password_hash = $1, password_changed_at = $2,
             email_verified_at = COALESCE(email_verified_at, $2)
         WHERE id = $3",
    )
    .bind(hash)
    .bind(now)
    .bind(token.account_id.clone())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(token.account_id.clone())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    throttle::clear(&state.db, &throttle::key("signin", &account.email)).await?;
    let mut event = meta.event(
        if token.kind == TokenKind::Invitation { "invitation_accepted" } else { "password_reset" },
        Outcome::Success,
    );
    event.actor_account_id = Some(token.account_id);
    event.actor_role = Some(account.role);
    audit::record(&state.db, event).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn link_not_valid() -> ApiError {
    ApiError::new(ErrorCode::BadRequest, "This link does not work any more. Ask for a new one.")
}
