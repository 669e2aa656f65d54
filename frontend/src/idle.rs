//! The idle clock behind the sign-out warning (WCAG 2.2.1), as plain arithmetic on times in
//! milliseconds so tests can drive it without waiting.
//!
//! The server ends a session after `idle_timeout_secs` without a request, and restarts that
//! clock on a request only when its last restart is at least 30 s old (it saves a database write
//! per request). So the app counts a request as a restart only when it is clearly past that
//! mark, and otherwise keeps the older, earlier time: the app may sign out a little early, never
//! late, and never shows "you are still signed in" for a session the server already ended.

/// How often the server moves a session's "last seen" time forward, at most.
const SERVER_TOUCH_MS: f64 = 30_000.0;
/// Slack for network delays and the ticking of the clock that drives the warning.
const MARGIN_MS: f64 = 5_000.0;
/// The warning comes this long before the end.
pub const WARN_BEFORE_MS: f64 = 120_000.0;

/// Where the idle time stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdlePhase {
    /// Nothing to say yet.
    Active,
    /// The warning shows, with this many whole seconds left (rounded up, never 0).
    Warning { seconds_left: u32 },
    /// Time is up: sign out.
    Expired,
}

/// The app's view of the server's idle clock for one session.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdleClock {
    timeout_ms: f64,
    /// The latest time the server surely restarted its clock at, or after.
    restarted_at: f64,
}

impl IdleClock {
    /// A clock for a session that answered a request started at `first_request_ms`. That
    /// request may itself have come too soon after an earlier one to restart the server's
    /// clock, so the clock starts as if it had not.
    pub fn new(timeout_secs: u64, first_request_ms: f64) -> Self {
        #[expect(clippy::cast_precision_loss, reason = "timeouts are minutes, far below 2^52 ms")]
        let timeout_ms = timeout_secs as f64 * 1000.0;
        Self { timeout_ms, restarted_at: first_request_ms - SERVER_TOUCH_MS }
    }

    /// Notes a request the app started at `at_ms` that reached the session; `true` when it
    /// surely restarted the server's clock.
    pub fn record_request(&mut self, at_ms: f64) -> bool {
        if at_ms - self.restarted_at >= SERVER_TOUCH_MS + MARGIN_MS {
            self.restarted_at = at_ms;
            return true;
        }
        false
    }

    /// The restart time another tab of the same session saw; the later one holds.
    pub fn adopt(&mut self, restarted_at: f64) {
        if restarted_at > self.restarted_at {
            self.restarted_at = restarted_at;
        }
    }

    pub const fn restarted_at(&self) -> f64 {
        self.restarted_at
    }

    /// When the app signs out (a margin before the server would).
    pub fn deadline(&self) -> f64 {
        self.restarted_at + self.timeout_ms - MARGIN_MS
    }

    /// How long before the end the warning shows: two minutes, or half the time for very
    /// short timeouts, so there is always something to do before it.
    pub fn warn_before(&self) -> f64 {
        WARN_BEFORE_MS.min(self.timeout_ms / 2.0)
    }

    pub fn phase(&self, now_ms: f64) -> IdlePhase {
        let left = self.deadline() - now_ms;
        if left <= 0.0 {
            IdlePhase::Expired
        } else if left <= self.warn_before() {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "positive and at most two minutes of seconds"
            )]
            let seconds_left = (left / 1000.0).ceil() as u32;
            IdlePhase::Warning { seconds_left: seconds_left.max(1) }
        } else {
            IdlePhase::Active
        }
    }
}

/// The moments the countdown is spoken: a screen reader hears the warning when it opens, then
/// only at one minute, thirty and ten seconds left, not every second.
pub fn milestone(seconds_left: u32) -> Option<u32> {
    [10, 30, 60].into_iter().find(|&m| seconds_left <= m)
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "the times are whole milliseconds, exact in an f64")]
mod tests {
    use super::*;

    const MIN: f64 = 60_000.0;
    const SEC: f64 = 1000.0;

    /// A 15-minute clock whose first request was at time 0, restarted at 40 s so the
    /// arithmetic below starts from a request the server surely counted.
    fn fifteen_minutes() -> IdleClock {
        let mut clock = IdleClock::new(15 * 60, 0.0);
        assert!(clock.record_request(40.0 * SEC));
        clock
    }

    #[test]
    fn the_first_request_may_not_have_restarted_the_servers_clock() {
        let clock = IdleClock::new(15 * 60, 100.0 * SEC);
        assert_eq!(clock.restarted_at(), 70.0 * SEC);
        assert_eq!(clock.deadline(), 70.0 * SEC + 15.0 * MIN - 5.0 * SEC);
    }

    #[test]
    fn the_warning_comes_two_minutes_before_the_end() {
        let clock = fifteen_minutes();
        let end = clock.deadline();
        assert_eq!(clock.phase(40.0 * SEC), IdlePhase::Active);
        assert_eq!(clock.phase(end - 2.0 * MIN - 1.0), IdlePhase::Active);
        assert_eq!(clock.phase(end - 2.0 * MIN), IdlePhase::Warning { seconds_left: 120 });
        assert_eq!(clock.phase(end - 61.5 * SEC), IdlePhase::Warning { seconds_left: 62 });
        assert_eq!(clock.phase(end - 1.0), IdlePhase::Warning { seconds_left: 1 });
        assert_eq!(clock.phase(end), IdlePhase::Expired);
        assert_eq!(clock.phase(end + MIN), IdlePhase::Expired);
    }

    #[test]
    fn a_request_the_server_counts_restarts_the_clock() {
        let mut clock = fifteen_minutes();
        let warned_at = clock.deadline() - MIN;
        assert!(matches!(clock.phase(warned_at), IdlePhase::Warning { .. }));

        assert!(clock.record_request(warned_at), "staying signed in restarts the clock");

        assert_eq!(clock.phase(warned_at), IdlePhase::Active);
        assert_eq!(clock.deadline(), warned_at + 15.0 * MIN - 5.0 * SEC);
    }

    #[test]
    fn requests_soon_after_a_restart_do_not_move_the_clock_as_the_server_does_not() {
        let mut clock = fifteen_minutes();
        let before = clock.deadline();
        assert!(!clock.record_request(40.0 * SEC + 10.0 * SEC));
        assert!(!clock.record_request(40.0 * SEC + 34.0 * SEC));
        assert_eq!(clock.deadline(), before);
        assert!(clock.record_request(40.0 * SEC + 35.0 * SEC));
        assert_eq!(clock.deadline(), before + 35.0 * SEC);
    }

    #[test]
    fn another_tabs_later_restart_is_adopted_and_an_earlier_one_ignored() {
        let mut clock = fifteen_minutes();
        clock.adopt(10.0 * SEC);
        assert_eq!(clock.restarted_at(), 40.0 * SEC);
        clock.adopt(5.0 * MIN);
        assert_eq!(clock.restarted_at(), 5.0 * MIN);
    }

    #[test]
    fn a_very_short_timeout_warns_at_half_time() {
        let mut clock = IdleClock::new(60, 0.0);
        clock.record_request(35.0 * SEC);
        assert_eq!(clock.warn_before(), 30.0 * SEC);
        assert_eq!(clock.phase(clock.deadline() - 31.0 * SEC), IdlePhase::Active);
        assert_eq!(clock.phase(clock.deadline() - 30.0 * SEC), IdlePhase::Warning { seconds_left: 30 });
    }

    #[test]
    fn the_countdown_is_spoken_only_at_a_few_moments() {
        let spoken: Vec<u32> = (1..=120)
            .rev()
            .scan(None, |last, s| {
                let now = milestone(s);
                let changed = now != *last;
                *last = now;
                Some((changed, now))
            })
            .filter_map(|(changed, m)| if changed { m } else { None })
            .collect();
        assert_eq!(spoken, vec![60, 30, 10]);
    }
}
