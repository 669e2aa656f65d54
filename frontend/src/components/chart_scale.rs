//! The arithmetic behind the range bar and the trend chart, kept apart from drawing so it can be
//! tested on the host: the span a value and its normal range need, "nice" axis ticks, and mapping
//! values and dates to positions.

/// A closed interval of values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub min: f64,
    pub max: f64,
}

impl Span {
    /// Where `value` falls between `min` (0.0) and `max` (1.0), clamped to the ends.
    pub fn fraction(self, value: f64) -> f64 {
        if self.max <= self.min {
            return 0.5;
        }
        ((value - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }
}

/// The values a range bar spans: the normal range and the value, with room on either side so
/// neither sits on an edge. A range open on one side (`< 100`) gets a made-up far end as wide
/// as the range's own size; results are never negative, so a span starting below zero starts
/// at zero.
pub fn bar_span(value: f64, low: Option<f64>, high: Option<f64>) -> Span {
    let (lo, hi) = match (low, high) {
        (Some(l), Some(h)) if h > l => (l, h),
        (Some(l), _) => (l, l.abs().max(1.0) * 2.0),
        (None, Some(h)) => (0.0, h),
        (None, None) => (value.min(0.0), value.max(1.0)),
    };
    let lo = lo.min(value);
    let hi = hi.max(value);
    let pad = (hi - lo).max(f64::EPSILON) * 0.25;
    let min = if lo >= 0.0 { (lo - pad).max(0.0) } else { lo - pad };
    Span { min, max: hi + pad }
}

/// A step of 1, 2 or 5 times a power of ten, close to `rough`.
fn nice_step(rough: f64) -> f64 {
    if rough <= 0.0 || !rough.is_finite() {
        return 1.0;
    }
    let power = 10_f64.powf(rough.log10().floor());
    let fraction = rough / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// An axis for `values` (and the normal range, so its band is on the chart): about `count`
/// ticks at round numbers, and the span from the first tick to the last.
pub fn axis(values: &[f64], low: Option<f64>, high: Option<f64>, count: u32) -> (Span, Vec<f64>) {
    let all = values.iter().copied().chain(low).chain(high).filter(|v| v.is_finite());
    let (mut min, mut max) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !min.is_finite() {
        (min, max) = (0.0, 1.0);
    }
    if (max - min).abs() < f64::EPSILON {
        let pad = (min.abs() * 0.1).max(1.0);
        (min, max) = (min - pad, max + pad);
    }
    let step = nice_step((max - min) / f64::from(count.max(2) - 1));
    let first = (min / step).floor() * step;
    let last = (max / step).ceil() * step;
    let first = if min >= 0.0 && first < 0.0 { 0.0 } else { first };
    // Multiples of 0.1 drift (0.30000000000000004): each tick is rounded to the step's digits.
    let scale = 10_f64.powi(i32::try_from(digits_of(step)).unwrap_or(0));
    let mut ticks = Vec::new();
    let mut index = 0.0;
    while first + index * step <= last + step * 1e-9 {
        ticks.push(((first + index * step) * scale).round() / scale);
        index += 1.0;
    }
    (Span { min: first, max: last }, ticks)
}

/// How many digits after the point an axis with this step needs.
pub fn step_digits(ticks: &[f64]) -> u32 {
    match ticks {
        [a, b, ..] => digits_of((b - a).abs()),
        _ => 0,
    }
}

/// Digits after the point of a 1-2-5 step: 0 for 1 and above, 1 for 0.1 to 0.5, and so on.
fn digits_of(step: f64) -> u32 {
    if step >= 1.0 || step <= 0.0 {
        0
    } else {
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a small positive count")]
        let digits = (-step.log10() - 1e-9).ceil() as u32;
        digits
    }
}

/// Milliseconds since the epoch of a date the server sent (`2019-05-01` or an instant), for the
/// time axis; `None` when it is not a date.
pub fn epoch_millis(text: &str) -> Option<f64> {
    let date = text.get(..10)?;
    let mut parts = date.split('-').map(str::parse::<i64>);
    let (Ok(y), Ok(m), Ok(d)) = (parts.next()?, parts.next()?, parts.next()?) else { return None };
    let days = days_from_civil(y, m, d);
    let mut seconds = 0_i64;
    if let Some(time) = text.get(11..19) {
        let mut t = time.split(':').map(str::parse::<i64>);
        if let (Some(Ok(h)), Some(Ok(min)), Some(Ok(s))) = (t.next(), t.next(), t.next()) {
            seconds = h * 3600 + min * 60 + s;
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "dates are far below 2^52 milliseconds")]
    Some((days * 86_400 + seconds) as f64 * 1000.0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_shows_the_range_and_the_value_with_room_around_them() {
        let span = bar_span(7.2, Some(4.0), Some(5.6));
        assert!(span.min < 4.0 && span.max > 7.2, "{span:?}");
        assert!(span.fraction(7.2) < 1.0 && span.fraction(4.0) > 0.0);
        assert!(span.fraction(5.6) < span.fraction(7.2));
    }

    #[test]
    fn a_bar_for_a_range_open_below_starts_at_zero() {
        let span = bar_span(80.0, None, Some(100.0));
        assert!(span.min.abs() < f64::EPSILON, "{span:?}");
        assert!(span.max > 100.0);
        assert!(span.fraction(80.0) < span.fraction(100.0));
    }

    #[test]
    fn a_bar_for_a_range_open_above_reaches_past_its_low_end() {
        let span = bar_span(45.0, Some(40.0), None);
        assert!(span.fraction(40.0) < span.fraction(45.0));
        assert!(span.max >= 80.0, "{span:?}");
    }

    #[test]
    fn fractions_stay_on_the_bar() {
        let span = Span { min: 0.0, max: 10.0 };
        assert!((span.fraction(-5.0)).abs() < f64::EPSILON);
        assert!((span.fraction(50.0) - 1.0).abs() < f64::EPSILON);
        assert!((Span { min: 3.0, max: 3.0 }.fraction(3.0) - 0.5).abs() < f64::EPSILON);
    }

    #[test]
    fn axis_ticks_are_round_and_cover_every_value_and_the_range() {
        let (span, ticks) = axis(&[6.1, 7.4, 8.3], Some(4.0), Some(5.6), 5);
        assert!(span.min <= 4.0 && span.max >= 8.3, "{span:?}");
        assert_eq!(ticks.first().copied(), Some(span.min));
        assert!(ticks.len() >= 3 && ticks.len() <= 8, "{ticks:?}");
        for t in &ticks {
            assert!((t * 2.0 - (t * 2.0).round()).abs() < 1e-9, "{t} is a round number");
        }
        let (_, small) = axis(&[0.71, 0.93], None, None, 5);
        assert!(small.windows(2).all(|w| w[1] > w[0]));
        assert_eq!(small, vec![0.7, 0.8, 0.9, 1.0], "ticks are exact");
        assert_eq!(step_digits(&small), 1);
        let (_, fine) = axis(&[0.712, 0.738], None, None, 5);
        assert!(fine.iter().all(|t| (t * 100.0 - (t * 100.0).round()).abs() < 1e-9), "{fine:?}");
        assert_eq!(step_digits(&fine), 2, "{fine:?}");
    }

    #[test]
    fn an_axis_for_one_value_still_has_a_height() {
        let (span, ticks) = axis(&[120.0], None, None, 5);
        assert!(span.max > span.min);
        assert!(ticks.len() >= 2);
    }

    #[test]
    fn an_axis_of_positive_values_does_not_go_below_zero() {
        let (span, _) = axis(&[0.2, 3.0], Some(0.0), Some(1.0), 5);
        assert!(span.min >= 0.0, "{span:?}");
    }

    #[test]
    fn dates_become_milliseconds_in_order() {
        let a = epoch_millis("2019-05-01").unwrap();
        let b = epoch_millis("2019-05-01T12:00:00Z").unwrap();
        let c = epoch_millis("2020-01-01").unwrap();
        assert!((b - a - 12.0 * 3_600_000.0).abs() < 1.0);
        assert!(c > b);
        assert!(epoch_millis("1970-01-01").unwrap().abs() < f64::EPSILON);
        assert_eq!(epoch_millis("soon"), None);
    }
}
