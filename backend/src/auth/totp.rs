//! Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s) for two-step sign-in, and the
//! single-use recovery codes given out at enrolment. A code is accepted one step either side
//! of now for clock drift, and never twice: the caller stores the step last used and passes it
//! back, as RFC 6238 §5.2 asks.

use base64::Engine as _;
use qrcode::QrCode;
use qrcode::render::svg;
use sha2::{Digest as _, Sha256};
use totp_rs::{Builder, Totp};

/// The issuer shown in authenticator apps.
pub const ISSUER: &str = "Patient Portal";
/// How many recovery codes an enrolment hands out.
pub const RECOVERY_CODES: usize = 10;

/// A new random 160-bit secret (RFC 4226's recommended length).
pub fn new_secret() -> Vec<u8> {
    rand::random::<[u8; 20]>().to_vec()
}

fn totp(secret: &[u8], account: &str) -> anyhow::Result<Totp> {
    Builder::new()
        .with_secret(secret.to_vec())
        .with_account_name(account.to_owned())
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| anyhow::anyhow!("cannot set up the one-time code: {e}"))
}

/// What an authenticator app needs: the `otpauth://` link, the secret typed by hand (base32,
/// in groups of four), and the link as an SVG QR code in a `data:` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub url: String,
    pub manual_key: String,
    pub qr_svg_data_url: String,
}

pub fn enrolment(secret: &[u8], account: &str) -> anyhow::Result<Enrolment> {
    let totp = totp(secret, account)?;
    let url = totp.to_url().map_err(|e| anyhow::anyhow!("cannot make the otpauth link: {e}"))?;
    let base32 = totp.secret().to_base32();
    let manual_key = base32
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let svg = QrCode::new(url.as_bytes())?
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let qr_svg_data_url =
        format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg));
    Ok(Enrolment { url, manual_key, qr_svg_data_url })
}

/// The time step `code` is valid for at `unix_seconds`, if it is valid and newer than
/// `last_used_step` (so a code seen once is refused after).
pub fn verify(
    secret: &[u8],
    account: &str,
    code: &str,
    unix_seconds: u64,
    last_used_step: Option<u64>,
) -> Option<u64> {
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    let step = totp(secret, account).ok()?.check(&code, unix_seconds)?;
    (last_used_step.is_none_or(|last| step > last)).then_some(step)
}

/// A secret as authenticator apps take it typed in: base32, no padding.
pub fn base32(secret: &[u8]) -> String {
    totp_rs::Secret::from(secret.to_vec()).to_base32()
}

/// The code for `unix_seconds` (for tests and the demo's printed secrets).
pub fn code_at(secret: &[u8], account: &str, unix_seconds: u64) -> anyhow::Result<String> {
    Ok(totp(secret, account)?.generate(unix_seconds).to_string())
}

/// Fresh recovery codes as shown to the person once (`XXXX-XXXX-XXXX`, no look-alike
/// letters), with the hashes to store. They carry 60 random bits, so a plain SHA-256 is enough.
pub fn new_recovery_codes() -> Vec<(String, String)> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTVWXYZ23456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let raw: String = (0..12)
                .map(|_| ALPHABET[usize::from(rand::random::<u8>()) % ALPHABET.len()] as char)
                .collect();
            let shown = format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12]);
            let hash = recovery_code_hash(&shown);
            (shown, hash)
        })
        .collect()
}

/// The stored hash of a recovery code as typed: case, spaces and dashes do not matter.
pub fn recovery_code_hash(typed: &str) -> String {
    let normal: String =
        typed.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    Sha256::digest(normal.as_bytes()).iter().fold(String::with_capacity(64), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_test_vectors() {
        // Appendix B lists 8 digits; ours are the last 6.
        assert_eq!(code_at(RFC_SECRET, "a", 59).unwrap(), "287082");
        assert_eq!(code_at(RFC_SECRET, "a", 1_111_111_109).unwrap(), "081804");
        assert_eq!(code_at(RFC_SECRET, "a", 2_000_000_000).unwrap(), "279037");
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_never_twice() {
        let now = 1_700_000_000;
        let code = code_at(RFC_SECRET, "a", now).unwrap();
        let step = verify(RFC_SECRET, "a", &code, now + 30, None).expect("30 s late is fine");
        assert_eq!(verify(RFC_SECRET, "a", &code, now, Some(step)), None, "a replay is refused");
        assert_eq!(verify(RFC_SECRET, "a", &code, now + 90, None), None, "90 s late is too late");
        assert_eq!(verify(RFC_SECRET, "a", "000000", now, None), None);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(verify(RFC_SECRET, "a", &spaced, now, None).is_some(), "spaces are ignored");
    }

    #[test]
    fn enrolment_gives_a_link_a_key_to_type_and_a_qr_code() {
        let enrolment = enrolment(RFC_SECRET, "ana@example.org").unwrap();
        assert!(
            enrolment.url.starts_with("otpauth://totp/Patient%20Portal:ana%40example.org?"),
            "{}",
            enrolment.url
        );
        assert!(enrolment.url.contains("issuer=Patient%20Portal"));
        assert_eq!(enrolment.manual_key.replace(' ', ""), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert!(enrolment.qr_svg_data_url.starts_with("data:image/svg+xml;base64,"));
    }

    #[test]
    fn recovery_codes_are_distinct_and_checked_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().map(|(c, _)| c.clone()).collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let (shown, hash) = &codes[0];
        assert_eq!(shown.len(), 14);
        assert_eq!(&recovery_code_hash(&shown.to_lowercase().replace('-', " ")), hash);
    }
}
