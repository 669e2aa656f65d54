//! Server-side sessions. The browser holds a random 256-bit token in a `__Host-` cookie
//! (HttpOnly, Secure, SameSite=Strict, Path=/); the database holds only its SHA-256, the
//! account, the sign-in stage, and the times that end it: after `session_idle` without a request,
//! and at its absolute end whatever happens. Any server process can serve any request.
//!
//! A second cookie, `__Host-portal-device`, marks a browser that has signed in to an account
//! before, so throttling can tell the holder's own device from a stranger's guesses.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use base64::Engine as _;
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest as _, Sha256};

use crate::Db;
use crate::fhir::datetime;

/// The session cookie. The `__Host-` prefix makes the browser refuse it unless it is Secure,
/// has Path=/ and no Domain, so no other site or subdomain can plant or read it.
pub const COOKIE_NAME: &str = "__Host-portal-session";
/// The known-device cookie.
pub const DEVICE_COOKIE: &str = "__Host-portal-device";
const DEVICE_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 365);

/// How long a sign-in may stay half-done (password given, second factor not yet).
pub const PENDING_LIFETIME: SignedDuration = SignedDuration::from_mins(10);
/// How long a re-authentication counts as fresh for sensitive changes.
pub const REAUTH_FRESH: SignedDuration = SignedDuration::from_mins(5);

/// Don't write `last_seen_at` more often than this; the idle timeout is measured in minutes.
const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(30);

/// How far sign-in has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Signed in.
    Full,
    /// Password given; a second factor is due.
    SecondFactor,
    /// Password given; the account must set up a second factor first.
    Enrol,
}

impl Stage {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::SecondFactor => "second_factor",
            Self::Enrol => "enrol",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Full, Self::SecondFactor, Self::Enrol].into_iter().find(|s| s.as_str() == text)
    }
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub token_hash: String,
    pub account_id: String,
    pub stage: Stage,
    pub last_seen_at: String,
    pub expires_at: String,
    pub reauth_at: Option<String>,
}

impl Session {
    /// Whether the holder re-authenticated recently enough for a sensitive change.
    pub fn reauth_is_fresh(&self) -> bool {
        self.reauth_until().is_some_and(|until| Timestamp::now() < until)
    }

    pub fn reauth_until(&self) -> Option<Timestamp> {
        let at: Timestamp = self.reauth_at.as_deref()?.parse().ok()?;
        Some(at + REAUTH_FRESH)
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: Option<String>,
    token_hash: String,
    account_id: String,
    stage: String,
    last_seen_at: String,
    expires_at: String,
    reauth_at: Option<String>,
}

/// A new random token, as a cookie carries it.
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

/// The value of the cookie `name` in the request, if any.
pub fn cookie_from(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The session token the request's cookies carry, if any.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    cookie_from(headers, COOKIE_NAME)
}

fn cookie_text(name: &str, value: &str, max_age: i64) -> String {
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Strict")
}

/// `Set-Cookie` for a session that lasts `lifetime` at most.
pub fn cookie(token: &str, lifetime: SignedDuration) -> String {
    cookie_text(COOKIE_NAME, token, lifetime.as_secs())
}

/// `Set-Cookie` that removes the session cookie.
pub fn clearing_cookie() -> String {
    cookie_text(COOKIE_NAME, "", 0)
}

pub fn set_cookie_header(value: &str) -> (HeaderName, HeaderValue) {
    (SET_COOKIE, HeaderValue::from_str(value).expect("cookie text is ASCII"))
}

/// A session just created: the cookie's token and the session's public id.
#[derive(Debug, Clone)]
pub struct Created {
    pub token: String,
    pub id: String,
    pub expires_at: String,
}

/// Stores a new session for `account_id` at `stage`, ending at `lifetime` at the latest.
pub async fn create(
    db: &Db,
    account_id: &str,
    stage: Stage,
    lifetime: SignedDuration,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> anyhow::Result<Created> {
    let token = new_token();
    let id = uuid::Uuid::new_v4().to_string();
    let now = Timestamp::now();
    let expires_at = datetime::format(now + lifetime);
    sqlx::query(
        "INSERT INTO sessions (token_hash, id, account_id, stage, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
    )
    .bind(token_hash(&token))
    .bind(id.clone())
    .bind(account_id.to_owned())
    .bind(stage.as_str())
    .bind(datetime::format(now))
    .bind(expires_at.clone())
    .bind(ip.map(str::to_owned))
    .bind(user_agent.map(|ua| ua.chars().take(512).collect::<String>()))
    .execute(db.pool())
    .await?;
    Ok(Created { token, id, expires_at })
}

/// The live session for `token`, touched as used now; `None` when it does not exist, has been
/// idle longer than `idle`, or has passed its absolute end (such a session is deleted).
pub async fn find_live(db: &Db, token: &str, idle: SignedDuration) -> anyhow::Result<Option<Session>> {
    let hash = token_hash(token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT id, token_hash, account_id, stage, last_seen_at, expires_at, reauth_at
         FROM sessions WHERE token_hash = $1",
    )
    .bind(hash.clone())
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let now = Timestamp::now();
    let last_seen: Timestamp = row.last_seen_at.parse()?;
    let expires: Timestamp = row.expires_at.parse()?;
    let stage = Stage::parse(&row.stage);
    if now >= expires || now.duration_since(last_seen) >= idle || stage.is_none() {
        delete(db, &hash).await?;
        return Ok(None);
    }
    let mut session = Session {
        id: row.id.unwrap_or_default(),
        token_hash: row.token_hash,
        account_id: row.account_id,
        stage: stage.unwrap_or(Stage::Full),
        last_seen_at: row.last_seen_at,
        expires_at: row.expires_at,
        reauth_at: row.reauth_at,
    };
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

/// Records a successful re-authentication on the session.
pub async fn mark_reauth(db: &Db, token_hash: &str) -> anyhow::Result<String> {
    let now = datetime::now();
    sqlx::query("UPDATE sessions SET reauth_at = $1 WHERE token_hash = $2")
        .bind(now.clone())
        .bind(token_hash.to_owned())
        .execute(db.pool())
        .await?;
    Ok(now)
}

/// Whether `device_token` (from the device cookie) has signed in to `account_id` before.
pub async fn is_known_device(db: &Db, account_id: &str, device_token: &str) -> anyhow::Result<bool> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT account_id FROM known_devices WHERE token_hash = $1")
            .bind(token_hash(device_token))
            .fetch_optional(db.pool())
            .await?;
    Ok(found.as_deref() == Some(account_id))
}

/// Remembers this browser for `account_id`: refreshes the device cookie it has, or returns the
/// `Set-Cookie` for a new one.
pub async fn remember_device(
    db: &Db,
    account_id: &str,
    device_token: Option<&str>,
) -> anyhow::Result<Option<String>> {
    let now = datetime::now();
    if let Some(token) = device_token {
        let updated = sqlx::query(
            "UPDATE known_devices SET last_used_at = $1 WHERE token_hash = $2 AND account_id = $3",
        )
        .bind(now.clone())
        .bind(token_hash(token))
        .bind(account_id.to_owned())
        .execute(db.pool())
        .await?
        .rows_affected();
        if updated == 1 {
            return Ok(None);
        }
    }
    let token = new_token();
    sqlx::query("INSERT INTO known_devices (token_hash, account_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)")
        .bind(token_hash(&token))
        .bind(account_id.to_owned())
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(Some(cookie_text(DEVICE_COOKIE, &token, DEVICE_LIFETIME.as_secs())))
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
        headers.append(
            COOKIE,
            HeaderValue::from_static("a=1; __Host-portal-session=tok; __Host-portal-device=dev"),
        );
        assert_eq!(token_from(&headers).as_deref(), Some("tok"));
        assert_eq!(cookie_from(&headers, DEVICE_COOKIE).as_deref(), Some("dev"));
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
