//! FHIR's dates and times. Sources send `date`, `dateTime` and `instant` values of any precision
//! (`2019`, `2019-05`, `2019-05-01`, `2019-05-01T10:00:00-05:00`); we keep that text as sent
//! and also store the start of the period it names as a UTC instant,
//! `YYYY-MM-DDTHH:MM:SSZ`, which sorts and compares the same on both databases.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan as _, tz::TimeZone};

/// The UTC instant format of every `*_at` column.
const INSTANT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// The period a FHIR date or dateTime names, as UTC instants: `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: String,
    pub end: String,
}

/// The start of the period `raw` names, or `None` when it is not a FHIR date or dateTime.
pub fn instant(raw: &str) -> Option<String> {
    period(raw).map(|p| p.start)
}

/// The period `raw` names: a whole year, month or day for partial values (taken in UTC), one
/// second for a full dateTime.
pub fn period(raw: &str) -> Option<Period> {
    let raw = raw.trim();
    let (start, end) = match raw.len() {
        4 => {
            let year: i16 = raw.parse().ok()?;
            let start = Date::new(year, 1, 1).ok()?;
            (start, start.checked_add(1.year()).ok()?)
        }
        7 => {
            let (year, month) = raw.split_once('-')?;
            let start = Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()?;
            (start, start.checked_add(1.month()).ok()?)
        }
        10 => {
            let start: Date = raw.parse().ok()?;
            (start, start.checked_add(1.day()).ok()?)
        }
        _ => {
            let at: Timestamp = raw.parse().ok()?;
            let end = at.checked_add(1.second()).ok()?;
            return Some(Period { start: format(at), end: format(end) });
        }
    };
    let utc = |date: Date| date.to_zoned_datetime(TimeZone::UTC).ok().map(|z| format(z.timestamp()));
    Some(Period { start: utc(start)?, end: utc(end)? })
}

/// The current time as a UTC instant.
pub fn now() -> String {
    format(Timestamp::now())
}

/// A timestamp as a UTC instant (seconds precision).
pub fn format(at: Timestamp) -> String {
    at.strftime(INSTANT).to_string()
}

/// A stored UTC instant back as a FHIR `instant` (`2019-05-01T15:00:00Z`), unchanged; kept as a
/// function so every place that emits one says so.
pub fn to_fhir_instant(stored: &str) -> &str {
    stored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_name_their_whole_period_in_utc() {
        assert_eq!(
            period("2019"),
            Some(Period { start: "2019-01-01T00:00:00Z".into(), end: "2020-01-01T00:00:00Z".into() })
        );
        assert_eq!(
            period("2020-02"),
            Some(Period { start: "2020-02-01T00:00:00Z".into(), end: "2020-03-01T00:00:00Z".into() })
        );
        assert_eq!(
            period("2020-02-29"),
            Some(Period { start: "2020-02-29T00:00:00Z".into(), end: "2020-03-01T00:00:00Z".into() })
        );
    }

    #[test]
    fn a_datetime_with_an_offset_becomes_utc() {
        assert_eq!(instant("2019-05-01T10:00:00-05:00").as_deref(), Some("2019-05-01T15:00:00Z"));
        assert_eq!(instant("1940-05-16T21:12:01.875+00:00").as_deref(), Some("1940-05-16T21:12:01Z"));
        assert_eq!(instant("2019-05-01T10:00:00Z").as_deref(), Some("2019-05-01T10:00:00Z"));
    }

    #[test]
    fn nonsense_is_not_a_date() {
        for bad in ["", "yesterday", "2019-13", "2019-02-30", "2019-05-01T25:00:00Z", "20190501"] {
            assert_eq!(instant(bad), None, "{bad}");
        }
    }

    #[test]
    fn instants_sort_as_text_in_time_order() {
        let mut values = ["2019-05-01T10:00:00-05:00", "2019-05-01T14:00:00Z", "2019"]
            .map(|v| instant(v).unwrap())
            .to_vec();
        values.sort();
        assert_eq!(values, ["2019-01-01T00:00:00Z", "2019-05-01T14:00:00Z", "2019-05-01T15:00:00Z"]);
    }
}
