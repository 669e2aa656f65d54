//! The demo's calendar: days as plain integers counted from 1970-01-01, so a history of many
//! years is generated with integer arithmetic, and every instant is written in the clinical
//! record's UTC format (`YYYY-MM-DDTHH:MM:SSZ`, as `fhir::datetime::format` writes it).
//!
//! Nothing here reads the clock: the demo happens before a fixed reference day, so the same seed
//! gives the same rows whenever it runs.

use std::fmt::Write as _;

/// One calendar day (UTC), as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

/// "Today" in the demo: every event happens before it.
pub const REFERENCE: Day = Day::from_ymd(2026, 11, 1);
/// The first day the clinic's electronic record holds; older history is not in it.
pub const RECORD_START: Day = Day::from_ymd(2008, 1, 1);
/// The instant rows were last updated, the same for all.
pub const UPDATED_AT: &str = "2026-11-01T12:00:00Z";

impl Day {
    /// The day `year-month-day` (proleptic Gregorian), after Howard Hinnant's `days_from_civil`.
    pub const fn from_ymd(year: i32, month: u32, day: u32) -> Self {
        let y = if month <= 2 { year - 1 } else { year };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        #[expect(clippy::cast_possible_wrap, reason = "month and day are small")]
        let (m, d) = (month as i32, day as i32);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Self(era * 146_097 + doe - 719_468)
    }

    /// Year, month and day.
    pub const fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        #[expect(clippy::cast_sign_loss, reason = "month and day are positive")]
        (if m <= 2 { y + 1 } else { y }, m as u32, d as u32)
    }

    pub const fn year(self) -> i32 {
        self.ymd().0
    }

    pub const fn month(self) -> u32 {
        self.ymd().1
    }

    pub const fn plus(self, days: i32) -> Self {
        Self(self.0 + days)
    }

    /// The same day of the month `months` later (the month's last day when it is shorter).
    pub fn plus_months(self, months: i32) -> Self {
        let (y, m, d) = self.ymd();
        #[expect(clippy::cast_possible_wrap, reason = "a month number is small")]
        let index = y * 12 + (m as i32 - 1) + months;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        #[expect(clippy::cast_sign_loss, reason = "rem_euclid is not negative")]
        let month = month as u32;
        let mut day = d;
        while Self::from_ymd(year, month, day).ymd() != (year, month, day) {
            day -= 1;
        }
        Self::from_ymd(year, month, day)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The instant `minute` minutes after this day's midnight, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn at(self, minute: i32) -> String {
        let day = self.plus(minute.div_euclid(1440));
        let minute = minute.rem_euclid(1440);
        let mut out = day.iso();
        let _ = write!(out, "T{:02}:{:02}:00Z", minute / 60, minute % 60);
        out
    }

    /// Whole days from `earlier` to `self`.
    pub const fn since(self, earlier: Self) -> i32 {
        self.0 - earlier.0
    }
}

/// Completed years of someone born on `birth`, on `on`.
pub fn age_years(birth: Day, on: Day) -> i32 {
    let (by, bm, bd) = birth.ymd();
    let (y, m, d) = on.ymd();
    let mut age = y - by;
    if (m, d) < (bm, bd) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_the_calendar() {
        for n in (-30_000..40_000).step_by(97) {
            let (y, m, d) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Day(n));
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Day(0));
        assert_eq!(Day::from_ymd(2000, 3, 1).ymd(), (2000, 3, 1));
        assert_eq!(Day::from_ymd(2024, 2, 29).plus(1).iso(), "2024-03-01");
    }

    #[test]
    fn instants_are_written_as_the_record_stores_them() {
        let day = Day::from_ymd(2019, 5, 1);
        let ours = day.at(15 * 60);
        let jiffs: jiff::Timestamp = "2019-05-01T15:00:00Z".parse().unwrap();
        assert_eq!(ours, crate::fhir::datetime::format(jiffs));
        assert_eq!(day.at(-60), "2019-04-30T23:00:00Z");
    }

    #[test]
    fn adding_months_keeps_the_day_or_takes_the_months_last() {
        assert_eq!(Day::from_ymd(2023, 1, 31).plus_months(1).iso(), "2023-02-28");
        assert_eq!(Day::from_ymd(2023, 11, 15).plus_months(3).iso(), "2024-02-15");
        assert_eq!(Day::from_ymd(2023, 3, 15).plus_months(-3).iso(), "2022-12-15");
    }

    #[test]
    fn age_counts_completed_years() {
        let birth = Day::from_ymd(1968, 3, 14);
        assert_eq!(age_years(birth, Day::from_ymd(2026, 3, 13)), 57);
        assert_eq!(age_years(birth, Day::from_ymd(2026, 3, 14)), 58);
    }
}
