//! Showing values the server sends in the reader's terms: dates, times and numbers in their
//! language (the browser's `Intl`), and a signed-in browser's user agent as "Chrome on Android".

use wasm_bindgen::JsValue;

use crate::i18n::Lang;

/// The locale dates are written in: US conventions, in the reader's language.
const fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-US",
        Lang::Es => "es-US",
    }
}

/// `2026-11-24T15:04:05Z` as "November 24, 2026 at 3:04 PM" (or "24 de noviembre de 2026,
/// 3:04 p.m."), in the device's time zone. Anything that is not a date is shown as it came.
pub fn date_time(lang: Lang, iso: &str) -> String {
    styled_date_time(lang, iso, "long", "short")
}

/// `2026-11-24T15:04:05Z` as "Nov 24, 2026, 3:04:05 PM", to the second, in the device's time
/// zone: for the audit trail, where the order of events a second apart matters.
pub fn date_time_seconds(lang: Lang, iso: &str) -> String {
    styled_date_time(lang, iso, "medium", "medium")
}

fn styled_date_time(lang: Lang, iso: &str, date_style: &str, time_style: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &date_style.into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &time_style.into());
    date.to_locale_string(locale(lang), &options).into()
}

/// The instant the day `date` (`YYYY-MM-DD`) starts in the device's time zone, `days_after`
/// days later, as a UTC instant (`2026-11-24T05:00:00Z`): what a person means by a date, in the
/// form the server stores times in. `None` for anything that is not a date.
pub fn local_day_start_utc(date: &str, days_after: i32) -> Option<String> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let start = js_sys::Date::new_with_year_month_day(u32::try_from(year).ok()?, month - 1, day + days_after);
    if start.get_time().is_nan() {
        return None;
    }
    // `toISOString` gives milliseconds, which the stored instants do not have.
    let iso: String = start.to_iso_string().into();
    Some(iso.replace(".000Z", "Z"))
}

/// How precisely the clinic recorded a date: `2019`, `2019-05`, `2019-05-01`, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
    Instant,
}

/// The precision of a date as the server sends it (see `shared::chart`).
pub fn precision(text: &str) -> Option<Precision> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 4 && digits(y) => Some(Precision::Year),
        [y, m] if y.len() == 4 && m.len() == 2 && digits(y) && digits(m) => Some(Precision::Month),
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 && digits(y) && digits(m) && digits(d) => {
            Some(Precision::Day)
        }
        _ if text.len() > 10 && text.as_bytes().get(10) == Some(&b'T') => Some(Precision::Instant),
        _ => None,
    }
}

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (name, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    options
}

/// A clinical date in words, as precisely as it was recorded: "2019", "May 2019", "May 1,
/// 2019"; an instant as its day in the device's time zone. Plain dates are calendar days, so
/// they are written in UTC (no time zone can move them to the day before).
pub fn date(lang: Lang, text: &str) -> String {
    let Some(precision) = precision(text) else { return text.to_owned() };
    let (iso, pairs): (String, &[(&str, &str)]) = match precision {
        Precision::Year => return text.to_owned(),
        Precision::Month => {
            (format!("{text}-01T00:00:00Z"), &[("year", "numeric"), ("month", "long"), ("timeZone", "UTC")])
        }
        Precision::Day => (format!("{text}T00:00:00Z"), &[("dateStyle", "medium"), ("timeZone", "UTC")]),
        Precision::Instant => (text.to_owned(), &[("dateStyle", "medium")]),
    };
    let date = js_sys::Date::new(&JsValue::from_str(&iso));
    if date.get_time().is_nan() {
        return text.to_owned();
    }
    date.to_locale_string(locale(lang), &options(pairs)).into()
}

/// A short date for tight spaces (chart axes): "5/1/19" in English, "1/5/19" in Spanish.
pub fn short_date(lang: Lang, text: &str) -> String {
    let (iso, utc) = match precision(text) {
        Some(Precision::Day) => (format!("{text}T00:00:00Z"), true),
        Some(Precision::Instant) => (text.to_owned(), false),
        _ => return text.to_owned(),
    };
    let date = js_sys::Date::new(&JsValue::from_str(&iso));
    if date.get_time().is_nan() {
        return text.to_owned();
    }
    let mut pairs = vec![("year", "2-digit"), ("month", "numeric"), ("day", "numeric")];
    if utc {
        pairs.push(("timeZone", "UTC"));
    }
    date.to_locale_string(locale(lang), &options(&pairs)).into()
}

/// A number as the reader's language writes it ("1,234.5" or "1234,5"), with at most
/// `max_fraction` digits after the point, but never fewer than the lab wrote.
pub fn number(lang: Lang, value: f64, max_fraction: u32) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let digits = max_fraction.min(6).to_string();
    let format = js_sys::Intl::NumberFormat::new(
        &js_sys::Array::of1(&locale(lang).into()),
        &options(&[("maximumFractionDigits", &digits)]),
    );
    format
        .format()
        .call1(&format, &JsValue::from_f64(value))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| value.to_string())
}

/// How many digits after the point a value needs to be shown as the lab reported it
/// (`7.10` from the lab arrives as 7.1, so at most what the number itself holds, up to 4).
pub fn fraction_digits(value: f64) -> u32 {
    for digits in 0..4 {
        let scale = 10_f64.powi(digits);
        if ((value * scale).round() - value * scale).abs() < 1e-6 {
            #[expect(clippy::cast_sign_loss, reason = "digits counts up from 0")]
            return digits as u32;
        }
    }
    4
}

/// A file size in words: "820 KB", "1.4 MB".
pub fn file_size(lang: Lang, bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "file sizes are far below 2^52")]
    let bytes = bytes as f64;
    if bytes < 1000.0 {
        format!("{} B", number(lang, bytes, 0))
    } else if bytes < 1_000_000.0 {
        format!("{} KB", number(lang, (bytes / 1000.0).round(), 0))
    } else {
        format!("{} MB", number(lang, bytes / 1_000_000.0, 1))
    }
}

/// Whole years between a birth date (`YYYY-MM-DD`) and today, by the device's clock.
pub fn age_years(birth_date: &str) -> Option<u32> {
    let mut parts = birth_date.split('-').map(str::parse::<i32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let now = js_sys::Date::new_0();
    #[expect(clippy::cast_possible_wrap, reason = "calendar parts are small")]
    let (ny, nm, nd) = (now.get_full_year() as i32, now.get_month() as i32 + 1, now.get_date() as i32);
    let years = ny - y - i32::from((nm, nd) < (m, d));
    u32::try_from(years).ok()
}

/// The browser and system a user agent names, when it names well-known ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Device {
    pub browser: Option<&'static str>,
    pub system: Option<&'static str>,
}

/// Reads a user agent the way a person would describe their device. Order matters: Edge and
/// Opera say "Chrome" too, Chrome says "Safari", and iPads may say "Macintosh".
pub fn device(user_agent: &str) -> Device {
    let ua = user_agent;
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| name);
    let system = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "Mac"),
        ("Macintosh", "Mac"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| name);
    Device { browser, system }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_at_the_precision_they_were_recorded() {
        assert_eq!(precision("2019"), Some(Precision::Year));
        assert_eq!(precision("2019-05"), Some(Precision::Month));
        assert_eq!(precision("2019-05-01"), Some(Precision::Day));
        assert_eq!(precision("2019-05-01T10:00:00Z"), Some(Precision::Instant));
        assert_eq!(precision("May 2019"), None);
        assert_eq!(precision("20-05-01"), None);
    }

    #[test]
    fn fraction_digits_keep_what_the_number_holds() {
        assert_eq!(fraction_digits(7.0), 0);
        assert_eq!(fraction_digits(7.1), 1);
        assert_eq!(fraction_digits(0.25), 2);
        assert_eq!(fraction_digits(1.234_567), 4);
    }

    #[test]
    fn common_browsers_are_named_as_people_know_them() {
        let cases = [
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
                Some("Chrome"),
                Some("Android"),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
                Some("Safari"),
                Some("iPhone"),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0",
                Some("Edge"),
                Some("Windows"),
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0",
                Some("Firefox"),
                Some("Mac"),
            ),
            ("curl/8.5.0", None, None),
        ];
        for (ua, browser, system) in cases {
            assert_eq!(device(ua), Device { browser, system }, "{ua}");
        }
    }
}
