//! Back-off for guessing: sign-in, second-factor and reset attempts are counted per key (an
//! account, an address, an account on a browser it signed in from before) in the database, so
//! every server process sees the same counts. After a few free failures a key is blocked for a
//! time that doubles with each failure up to a cap, and the count forgets after a quiet window:
//! slow for an attacker, never a permanent lock-out for the account holder.

use jiff::{SignedDuration, Timestamp};
use sha2::{Digest as _, Sha256};

use crate::Db;
use crate::fhir::datetime;

/// How a kind of key backs off.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures allowed before any block.
    pub free: i64,
    /// The first block; each further failure doubles it.
    pub first_block: SignedDuration,
    /// The longest block.
    pub cap: SignedDuration,
    /// A key with no failure for this long starts again from zero.
    pub window: SignedDuration,
}

/// An account (or email) from a browser that has not signed in to it before.
pub const ACCOUNT: Policy = Policy {
    free: 5,
    first_block: SignedDuration::from_secs(30),
    cap: SignedDuration::from_mins(15),
    window: SignedDuration::from_hours(1),
};

/// An account from a browser it has signed in from before: the holder's own device keeps its
/// own count, which a stranger's guesses elsewhere do not touch.
pub const KNOWN_DEVICE: Policy = ACCOUNT;

/// One network address, over all accounts: generous, as many patients can share an address.
pub const ADDRESS: Policy = Policy {
    free: 50,
    first_block: SignedDuration::from_mins(1),
    cap: SignedDuration::from_mins(15),
    window: SignedDuration::from_mins(15),
};

/// Second-factor codes for one account: six digits must not be guessable by patience.
pub const SECOND_FACTOR: Policy = Policy {
    free: 5,
    first_block: SignedDuration::from_mins(1),
    cap: SignedDuration::from_hours(1),
    window: SignedDuration::from_hours(1),
};

/// A throttle key that names something without storing it (an email, a device token).
pub fn key(kind: &str, value: &str) -> String {
    let digest = Sha256::digest(value.trim().to_lowercase().as_bytes());
    let hex: String = digest.iter().take(16).fold(String::new(), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    });
    format!("{kind}:{hex}")
}

/// When the first of `keys` that is blocked opens again, if any is.
pub async fn blocked_until(db: &Db, keys: &[&str]) -> anyhow::Result<Option<Timestamp>> {
    let now = Timestamp::now();
    let mut latest: Option<Timestamp> = None;
    for key in keys {
        let until: Option<Option<String>> =
            sqlx::query_scalar("SELECT blocked_until FROM throttle WHERE key = $1")
                .bind((*key).to_owned())
                .fetch_optional(db.pool())
                .await?;
        if let Some(until) = until.flatten().and_then(|u| u.parse::<Timestamp>().ok()).filter(|u| *u > now) {
            latest = Some(latest.map_or(until, |l| l.max(until)));
        }
    }
    Ok(latest)
}

/// Counts a failure for `key`, blocking it when its policy says so.
pub async fn fail(db: &Db, key: &str, policy: Policy) -> anyhow::Result<()> {
    let now = Timestamp::now();
    let mut tx = db.begin_write().await?;
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT failures, window_start FROM throttle WHERE key = $1")
            .bind(key.to_owned())
            .fetch_optional(&mut *tx)
            .await?;
    let failures = match row {
        Some((failures, start))
            if start.parse::<Timestamp>().is_ok_and(|s| now.duration_since(s) < policy.window) =>
        {
            failures + 1
        }
        _ => 1,
    };
    let blocked_until = block_for(failures, policy).map(|d| datetime::format(now + d));
    sqlx::query(
        "INSERT INTO throttle (key, failures, window_start, blocked_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
             window_start = CASE WHEN excluded.failures = 1 THEN excluded.window_start ELSE throttle.window_start END,
             blocked_until = excluded.blocked_until",
    )
    .bind(key.to_owned())
    .bind(failures)
    .bind(datetime::format(now))
    .bind(blocked_until)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Forgets the failures of `key` (after a success).
pub async fn clear(db: &Db, key: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM throttle WHERE key = $1").bind(key.to_owned()).execute(db.pool()).await?;
    Ok(())
}

/// How long the `failures`-th failure blocks for.
fn block_for(failures: i64, policy: Policy) -> Option<SignedDuration> {
    let over = failures - policy.free;
    if over <= 0 {
        return None;
    }
    let doublings = u32::try_from(over - 1).unwrap_or(u32::MAX).min(20);
    let block = policy.first_block.checked_mul(1 << doublings).unwrap_or(policy.cap);
    Some(block.min(policy.cap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_start_after_the_free_failures_double_and_stop_at_the_cap() {
        let blocks: Vec<Option<i64>> = (1..=12).map(|n| block_for(n, ACCOUNT).map(|d| d.as_secs())).collect();
        assert_eq!(
            blocks,
            [
                None,
                None,
                None,
                None,
                None,
                Some(30),
                Some(60),
                Some(120),
                Some(240),
                Some(480),
                Some(900),
                Some(900)
            ]
        );
        assert_eq!(block_for(1_000_000, ACCOUNT), Some(ACCOUNT.cap), "no overflow, never beyond the cap");
    }

    #[test]
    fn keys_name_their_subject_without_storing_it() {
        let k = key("signin", "Ana@Example.org ");
        assert_eq!(k, key("signin", "ana@example.org"));
        assert!(k.starts_with("signin:") && !k.contains("ana"));
        assert_ne!(k, key("signin", "bob@example.org"));
    }
}
