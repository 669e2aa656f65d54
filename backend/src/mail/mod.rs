//! Mail: messages are queued in the outbox in the same transaction as the action that causes
//! them, and a background task of `portal serve` sends them by SMTP (`lettre`).

pub mod outbox;
#[cfg(test)]
#[cfg(test)]
mod readability;
pub mod templates;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

pub use outbox::{Outgoing, queue, send_due, spawn_sender};
pub use templates::{Language, Template};

/// How `portal serve` sends mail.
#[derive(Debug, Clone, clap::Args)]
pub struct MailArgs {
    /// The SMTP server mail leaves by: `smtp://user:password@host:587?tls=required` (STARTTLS),
    /// `smtps://user:password@host:465` (TLS from the start) or `smtp://127.0.0.1:2525` (plain,
    /// for a relay on this machine). Without it, mail stays in the outbox.
    #[arg(long, env = "PORTAL_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of the portal's mail, as `Name <address>` or a bare address.
    #[arg(long, env = "PORTAL_MAIL_FROM", default_value = "Patient portal <no-reply@localhost>")]
    pub mail_from: String,
}

/// Mail settings the running app and the sender read.
#[derive(Clone)]
pub struct MailConfig {
    /// `None`: mail is queued but not sent.
    pub smtp_url: Option<String>,
    pub from: String,
    /// How often the sender looks for due mail when nobody wakes it.
    pub poll_every: Duration,
    /// The wait after a first failed attempt; each further failure doubles it, up to an hour.
    pub retry_first: Duration,
    /// Handlers wake the sender of their own process after queueing, so mail leaves at once
    /// (other processes find it at their next poll).
    pub wake: Arc<Notify>,
}

// By hand, so the SMTP password in the URL never reaches a log line.
impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "(set)"))
            .field("from", &self.from)
            .field("poll_every", &self.poll_every)
            .field("retry_first", &self.retry_first)
            .finish_non_exhaustive()
    }
}

impl MailConfig {
    pub fn from_args(args: &MailArgs) -> Self {
        Self {
            smtp_url: args.smtp_url.clone().filter(|url| !url.trim().is_empty()),
            from: args.mail_from.clone(),
            ..Self::default()
        }
    }

    /// Tells this process's sender that mail is waiting.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Patient portal <no-reply@localhost>".to_owned(),
            poll_every: Duration::from_secs(10),
            retry_first: Duration::from_secs(30),
            wake: Arc::new(Notify::new()),
        }
    }
}
