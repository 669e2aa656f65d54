//! The outbox: mail queued in the caller's transaction, and the sender that claims due rows,
//! hands them to the SMTP server and records the outcome.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use jiff::{SignedDuration, Timestamp};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Tokio1Executor};
use serde::{Deserialize, Serialize};

use super::MailConfig;
use super::templates::{Language, Template};
use crate::crypto::KeyRing;
use crate::fhir::datetime;
use crate::{Config, Db};

/// The column the message is sealed under (its associated data).
const SEALED_COLUMN: &str = "outbox.message";
/// How long a sender holds a row it is sending; a sender that died lets go after this.
const CLAIM_FOR: SignedDuration = SignedDuration::from_mins(5);
/// The longest wait between two tries of one message.
const RETRY_CAP: Duration = Duration::from_hours(1);
/// Rows one pass of the sender takes on.
const BATCH: i64 = 20;

/// A message as the outbox keeps it (sealed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// Queues `template` for `to` in `language`, inside the caller's transaction `conn`: the mail
/// leaves only if that transaction commits. It is given up after `give_up_after` (when the link
/// it carries has expired). Call [`MailConfig::wake`] after committing.
pub async fn queue(
    conn: &mut sqlx::AnyConnection,
    keys: &KeyRing,
    account_id: Option<&str>,
    to: &str,
    template: &Template<'_>,
    language: Language,
    give_up_after: SignedDuration,
) -> anyhow::Result<String> {
    let rendered = template.render(language);
    let message = Outgoing { to: to.to_owned(), subject: rendered.subject, text: rendered.text };
    let sealed = keys.seal_text(SEALED_COLUMN, &serde_json::to_string(&message)?);
    let id = uuid::Uuid::new_v4().to_string();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO outbox (id, kind, account_id, message, created_at, next_attempt_at, give_up_at, attempts)
         VALUES ($1, $2, $3, $4, $5, $5, $6, 0)",
    )
    .bind(id.clone())
    .bind(template.kind())
    .bind(account_id.map(str::to_owned))
    .bind(sealed)
    .bind(datetime::format(now))
    .bind(datetime::format(now + give_up_after))
    .execute(conn)
    .await
    .context("queueing mail failed")?;
    Ok(id)
}

/// What one pass of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub failed: usize,
}

/// The SMTP side of the sender.
pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// The transport `smtp_url` names.
pub fn transport(smtp_url: &str) -> anyhow::Result<Transport> {
    Ok(Transport::from_url(smtp_url)
        .context("PORTAL_SMTP_URL is not a valid smtp:// or smtps:// URL")?
        .timeout(Some(Duration::from_secs(20)))
        .build())
}

/// Sends every due message once: claims each row (so no other process sends it meanwhile),
/// sends it, and marks it sent, or counts the failure and schedules the next try.
pub async fn send_due(
    db: &Db,
    mail: &MailConfig,
    keys: &KeyRing,
    transport: &Transport,
) -> anyhow::Result<Pass> {
    let from: Mailbox = mail.from.parse().context("PORTAL_MAIL_FROM is not a valid address")?;
    let now = datetime::now();
    let due: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT id, message, attempts FROM outbox
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
           AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY next_attempt_at LIMIT $2",
    )
    .bind(now.clone())
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    let mut pass = Pass::default();
    for (id, sealed, attempts) in due {
        let claimed = sqlx::query(
            "UPDATE outbox SET claimed_until = $1
             WHERE id = $2 AND sent_at IS NULL AND failed_at IS NULL
               AND (claimed_until IS NULL OR claimed_until < $3)",
        )
        .bind(datetime::format(Timestamp::now() + CLAIM_FOR))
        .bind(id.clone())
        .bind(datetime::now())
        .execute(db.pool())
        .await?
        .rows_affected();
        if claimed != 1 {
            continue; // Another process has it.
        }
        match deliver(&from, keys, &sealed, transport).await {
            Ok(()) => {
                sqlx::query(
                    "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, claimed_until = NULL, last_error = NULL
                     WHERE id = $2",
                )
                .bind(datetime::now())
                .bind(id)
                .execute(db.pool())
                .await?;
                pass.sent += 1;
            }
            Err(error) => {
                let error = format!("{error:#}");
                tracing::warn!(outbox_id = %id, attempts = attempts + 1, %error, "sending mail failed");
                let next = Timestamp::now() + retry_after(mail.retry_first, attempts);
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL, last_error = $1,
                         next_attempt_at = $2,
                         failed_at = CASE WHEN give_up_at <= $2 THEN $3 ELSE NULL END
                     WHERE id = $4",
                )
                .bind(error.chars().take(1000).collect::<String>())
                .bind(datetime::format(next))
                .bind(datetime::now())
                .bind(id)
                .execute(db.pool())
                .await?;
                pass.failed += 1;
            }
        }
    }
    Ok(pass)
}

async fn deliver(from: &Mailbox, keys: &KeyRing, sealed: &str, transport: &Transport) -> anyhow::Result<()> {
    let message: Outgoing = serde_json::from_str(&keys.open_text(SEALED_COLUMN, sealed)?)
        .context("an outbox message does not parse")?;
    let email = Message::builder()
        .from(from.clone())
        .to(message.to.parse().context("the recipient is not a valid address")?)
        .subject(message.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(message.text)
        .context("building the message failed")?;
    transport.send(email).await.context("the SMTP server did not take the message")?;
    Ok(())
}

/// The wait after the `attempts + 1`-th failure: `first`, doubling each time, up to an hour.
fn retry_after(first: Duration, attempts: i64) -> SignedDuration {
    let doublings = u32::try_from(attempts.clamp(0, 20)).unwrap_or(20);
    let wait = first.saturating_mul(1 << doublings).min(RETRY_CAP);
    SignedDuration::try_from(wait).unwrap_or(SignedDuration::from_hours(1))
}

/// Starts the sender of `portal serve`: a pass at start, then whenever a handler of this process
/// queues mail or `poll_every` has passed. Without `PORTAL_SMTP_URL` it only warns: mail stays
/// in the outbox until a server with one sends it.
pub fn spawn_sender(db: Db, config: Arc<Config>) -> Option<tokio::task::JoinHandle<()>> {
    let Some(url) = config.mail.smtp_url.clone() else {
        tracing::warn!("PORTAL_SMTP_URL is not set: mail is kept in the outbox and not sent");
        return None;
    };
    let transport = match transport(&url) {
        Ok(transport) => transport,
        Err(error) => {
            tracing::error!("mail is kept in the outbox and not sent: {error:#}");
            return None;
        }
    };
    Some(tokio::spawn(async move {
        loop {
            match send_due(&db, &config.mail, &config.keys, &transport).await {
                Ok(pass) if pass != Pass::default() => {
                    tracing::info!(sent = pass.sent, failed = pass.failed, "outbox pass");
                }
                Ok(_) => {}
                Err(error) => tracing::error!("outbox pass failed: {error:#}"),
            }
            tokio::select! {
                () = config.mail.wake.notified() => {}
                () = tokio::time::sleep(config.mail.poll_every) => {}
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_by_doubling_up_to_an_hour() {
        let first = Duration::from_secs(30);
        let waits: Vec<i64> = (0..9).map(|n| retry_after(first, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry_after(first, i64::MAX).as_secs(), 3600);
    }
}
