//! Which new passwords are accepted, after NIST SP 800-63B: long enough (8 characters with a
//! second factor, 15 without), up to 128 characters, any characters, no composition rules —
//! and not easy to guess: zxcvbn refuses common passwords, dictionary words, keyboard patterns
//! and passwords built from the person's own name or email.

use shared::auth::{PasswordIssue, PasswordRules};

pub const MIN_WITH_MFA: usize = 8;
pub const MIN_WITHOUT_MFA: usize = 15;
pub const MAX_LENGTH: usize = 128;

/// zxcvbn's scores: "Two" needs about 10^8 guesses, enough behind throttling and a second
/// factor; "Three" about 10^10, for a password that stands alone. A random 8-character
/// password scores Two, common and patterned ones score Zero or One.
const MIN_SCORE_WITH_MFA: u8 = 2;
const MIN_SCORE_WITHOUT_MFA: u8 = 3;

pub const fn rules(has_mfa: bool) -> PasswordRules {
    PasswordRules { min_length: if has_mfa { MIN_WITH_MFA } else { MIN_WITHOUT_MFA }, max_length: MAX_LENGTH }
}

/// Checks a new password for someone whose name and email are `personal` (they must not make
/// the password easy to guess).
pub fn check(password: &str, has_mfa: bool, personal: &[&str]) -> Result<(), PasswordIssue> {
    let rules = rules(has_mfa);
    let length = password.chars().count();
    if length < rules.min_length {
        return Err(PasswordIssue::TooShort);
    }
    if length > rules.max_length {
        return Err(PasswordIssue::TooLong);
    }
    let words = personal_words(personal);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let min_score = if has_mfa { MIN_SCORE_WITH_MFA } else { MIN_SCORE_WITHOUT_MFA };
    if u8::from(zxcvbn::zxcvbn(password, &words).score()) < min_score {
        return Err(PasswordIssue::TooEasyToGuess);
    }
    Ok(())
}

/// The ways a person's details show up in a password: whole, in parts ("ana", "garcia" from
/// "ana.garcia@example.org") and run together ("anagarcia").
fn personal_words(personal: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for detail in personal {
        let lower = detail.to_lowercase();
        let local = lower.split('@').next().unwrap_or_default();
        words.push(local.chars().filter(|c| c.is_alphanumeric()).collect::<String>());
        words.extend(
            lower.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).map(str::to_owned),
        );
        words.push(lower);
    }
    words.retain(|w| w.chars().count() >= 3);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_length_depends_on_a_second_factor() {
        assert_eq!(check("Vq7#kz!m", true, &[]), Ok(()));
        assert_eq!(check("Vq7#kz!m", false, &[]), Err(PasswordIssue::TooShort));
        assert_eq!(check("x7x7x7x7", true, &[]), Err(PasswordIssue::TooEasyToGuess));
        assert_eq!(check("Vq7#kz", true, &[]), Err(PasswordIssue::TooShort));
    }

    #[test]
    fn long_passphrases_of_any_characters_are_welcome() {
        assert_eq!(check("mango tractor violet seventeen", false, &[]), Ok(()));
        assert_eq!(check("café con leche y pan dulce, sí", false, &[]), Ok(()));
        let long: String = "mango tractor violet seventeen ".repeat(5).chars().take(128).collect();
        assert_eq!(check(&long, false, &[]), Ok(()), "128 characters are allowed");
        assert_eq!(check(&format!("{long}x"), false, &[]), Err(PasswordIssue::TooLong));
    }

    #[test]
    fn common_and_patterned_passwords_are_refused_whatever_their_length() {
        for weak in [
            "password123456789",
            "qwertyuiopasdfgh",
            "123456789012345678",
            "aaaaaaaaaaaaaaaa",
            "iloveyouiloveyou",
        ] {
            assert_eq!(check(weak, false, &[]), Err(PasswordIssue::TooEasyToGuess), "{weak}");
        }
    }

    #[test]
    fn a_password_built_from_the_persons_own_details_is_refused() {
        let personal = ["Ana Garcia", "ana.garcia@example.org"];
        for built in ["AnaGarcia2024", "ana.garcia@example.org"] {
            assert!(check(built, true, &[]).is_ok(), "{built} is fine for a stranger");
            assert_eq!(check(built, true, &personal), Err(PasswordIssue::TooEasyToGuess), "{built}");
        }
    }
}
