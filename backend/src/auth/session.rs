//! Server-side sessions. The browser holds a random 256-bit token in a `__Host-` cookie
//! (HttpOnly, Secure, SameSite=Strict, Path=/); the database holds only its SHA-256, the
//! account, and the times that end it: after `session_idle` without a request, and at
//! `session_lifetime` after sign-in whatever happens. Any server process can serve any request.

use axum::http::HeaderMap;
use axum::http::header::{COOKIE, SET_COOKIE};
use base64::Engine as _;
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest as _, Sha256};

use crate::Db;
use crate::fhir::datetime;

/// The session cookie. The `__Host-` prefix makes the browser refuse it unless it is Secure,
/// has Path=/ and no Domain, so no other site or subdomain can plant or read it.
pub const COOKIE_NAME: &str = "__Host-portal-session";

/// Don't write `last_seen_at` more often than this; the idle timeout is measured in minutes.
const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(30);

/// A session row joined with what the request needs to know about it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub token_hash: String,
    pub account_id: String,
    pub last_seen_at: String,
    pub expires_at: String,
}

/// A new random token, as the cookie carries it.
pub fn new_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().fold(String::with_capacity(64), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// The session token the request's cookies carry, if any.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// `Set-Cookie` for a new session.
pub fn cookie(token: &str, lifetime: SignedDuration) -> String {
    format!(
        "{COOKIE_NAME}={token}; Path=/; Max-Age={}; HttpOnly; Secure; SameSite=Strict",
        lifetime.as_secs()
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn clearing_cookie() -> String {
    format!("{COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict")
}

pub fn set_cookie_header(value: &str) -> (axum::http::HeaderName, axum::http::HeaderValue) {
    (SET_COOKIE, axum::http::HeaderValue::from_str(value).expect("cookie text is ASCII"))
}

/// Stores a new session for `account_id`; returns the token for the cookie and when the
/// session ends at the latest.
pub async fn create(
    db: &Db,
    account_id: &str,
    lifetime: SignedDuration,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> anyhow::Result<(String, String)> {
    let token = new_token();
    let now = Timestamp::now();
    let expires_at = datetime::format(now + lifetime);
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $3, $4, $5, $6)",
    )
    .bind(token_hash(&token))
    .bind(account_id.to_owned())
    .bind(datetime::format(now))
    .bind(expires_at.clone())
    .bind(ip.map(str::to_owned))
    .bind(user_agent.map(|ua| ua.chars().take(512).collect::<String>()))
    .execute(db.pool())
    .await?;
    Ok((token, expires_at))
}

/// The live session for `token`, touched as used now; `None` when it does not exist, has been
/// idle longer than `idle`, or has passed its absolute end (such a session is deleted).
pub async fn find_live(db: &Db, token: &str, idle: SignedDuration) -> anyhow::Result<Option<Session>> {
    let hash = token_hash(token);
    let session: Option<Session> = sqlx::query_as(
        "SELECT token_hash, account_id, last_seen_at, expires_at FROM sessions WHERE token_hash = $1",
    )
    .bind(hash.clone())
    .fetch_optional(db.pool())
    .await?;
    let Some(mut session) = session else { return Ok(None) };
    let now = Timestamp::now();
    let last_seen: Timestamp = session.last_seen_at.parse()?;
    let expires: Timestamp = session.expires_at.parse()?;
    if now >= expires || now.duration_since(last_seen) >= idle {
        delete(db, &hash).await?;
        return Ok(None);
    }
    if now.duration_since(last_seen) >= TOUCH_EVERY {
        session.last_seen_at = datetime::format(now);
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(session.last_seen_at.clone())
            .bind(hash)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(session))
}

pub async fn delete(db: &Db, token_hash: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash.to_owned())
        .execute(db.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "256 bits in unpadded base64url");
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, HeaderValue::from_static("a=1; __Host-portal-session=tok; b=2"));
        assert_eq!(token_from(&headers).as_deref(), Some("tok"));
        headers.clear();
        headers.append(COOKIE, HeaderValue::from_static("__Host-portal-session="));
        assert_eq!(token_from(&headers), None);
    }

    #[test]
    fn the_cookie_has_every_protective_attribute() {
        let c = cookie("t", SignedDuration::from_hours(12));
        for part in
            ["__Host-portal-session=t", "Path=/", "Max-Age=43200", "HttpOnly", "Secure", "SameSite=Strict"]
        {
            assert!(c.contains(part), "{c} lacks {part}");
        }
        assert!(!c.contains("Domain"));
    }
}
