//! Single-use links sent by mail: a random token in the link, only its SHA-256 in the database,
//! each kind with its own lifetime. A new link of a kind voids the account's older ones.

use jiff::{SignedDuration, Timestamp};

use crate::auth::session::{new_token, token_hash};
use crate::fhir::datetime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    EmailVerification,
    EmailChange,
    PasswordReset,
    /// A new staff member sets a first password.
    Invitation,
}

impl TokenKind {
    const ALL: [Self; 4] =
        [Self::EmailVerification, Self::EmailChange, Self::PasswordReset, Self::Invitation];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::EmailVerification => "email_verification",
            Self::EmailChange => "email_change",
            Self::PasswordReset => "password_reset",
            Self::Invitation => "invitation",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// How long a link works: a reset link briefly (it replaces a password), the others long
    /// enough to find the mail the next day.
    pub const fn lifetime(self) -> SignedDuration {
        match self {
            Self::EmailVerification | Self::EmailChange => SignedDuration::from_hours(24),
            Self::PasswordReset => SignedDuration::from_mins(30),
            Self::Invitation => SignedDuration::from_hours(72),
        }
    }
}

/// A live token, as its link's holder presents it.
#[derive(Debug, Clone)]
pub struct Token {
    pub hash: String,
    pub kind: TokenKind,
    pub account_id: String,
    /// The address the link was sent to.
    pub email: String,
}

/// Issues a token of `kind` for `account_id`, sent to `email`, inside the caller's transaction;
/// the account's unused tokens of that kind stop working. Returns the token for the link.
pub async fn issue(
    conn: &mut sqlx::AnyConnection,
    kind: TokenKind,
    account_id: &str,
    email: &str,
) -> anyhow::Result<String> {
    let now = Timestamp::now();
    sqlx::query(
        "UPDATE auth_tokens SET used_at = $1 WHERE account_id = $2 AND kind = $3 AND used_at IS NULL",
    )
    .bind(datetime::format(now))
    .bind(account_id.to_owned())
    .bind(kind.as_str())
    .execute(&mut *conn)
    .await?;
    let token = new_token();
    sqlx::query(
        "INSERT INTO auth_tokens (token_hash, kind, account_id, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(&token))
    .bind(kind.as_str())
    .bind(account_id.to_owned())
    .bind(email.to_owned())
    .bind(datetime::format(now))
    .bind(datetime::format(now + kind.lifetime()))
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// The live (unused, unexpired) token `token` of one of `kinds`, without using it up.
pub async fn find(
    conn: &mut sqlx::AnyConnection,
    token: &str,
    kinds: &[TokenKind],
) -> anyhow::Result<Option<Token>> {
    let hash = token_hash(token.trim());
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT kind, account_id, email FROM auth_tokens
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(hash.clone())
    .bind(datetime::now())
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(kind, account_id, email)| {
        let kind = TokenKind::parse(&kind).filter(|k| kinds.contains(k))?;
        Some(Token { hash, kind, account_id, email })
    }))
}

/// Uses `token` up; `false` when another request used it first (or it expired meanwhile).
pub async fn consume(conn: &mut sqlx::AnyConnection, token: &Token) -> anyhow::Result<bool> {
    let now = datetime::now();
    let used = sqlx::query(
        "UPDATE auth_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(token.hash.clone())
    .execute(conn)
    .await?
    .rows_affected();
    Ok(used == 1)
}
