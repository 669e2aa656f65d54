//! How hard patient-facing text is to read: Flesch–Kincaid grade for English, Fernández Huerta's
//! ease for Spanish (70 and up reads about as easily as grade 8), with simple syllable counts.
//! The mail, the after-visit summaries and the app's own words are all checked with these.

/// The language a text is scored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tongue {
    English,
    Spanish,
}

/// The words of `text`, without links and addresses (a reader does not read those).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains('@'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Sentences: ended by `.`, `!`, `?` or `:`, or by a blank line (a greeting, a signature, one
/// label of a screen); links and addresses are left out first, so their dots end nothing.
pub fn sentences(text: &str) -> usize {
    text.split("\n\n")
        .map(words_of_prose)
        .flat_map(|prose| prose.split(['.', '!', '?', ':']).map(str::to_owned).collect::<Vec<_>>())
        .filter(|part| !words(part).is_empty())
        .count()
}

fn words_of_prose(paragraph: &str) -> String {
    paragraph
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Syllables of one lower-case word: groups of vowels, less English's silent final e.
pub fn syllables(word: &str, tongue: Tongue) -> usize {
    let vowels: &[char] = match tongue {
        Tongue::English => &['a', 'e', 'i', 'o', 'u', 'y'],
        Tongue::Spanish => &['a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü'],
    };
    let mut count = 0;
    let mut previous_vowel = false;
    for c in word.chars() {
        let vowel = vowels.contains(&c);
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    // English drops a final silent e ("code", "time"), but not in "-le" ("simple").
    if tongue == Tongue::English && count > 1 && word.ends_with('e') && !word.ends_with("le") {
        count -= 1;
    }
    count.max(1)
}

/// The US school grade that can read `text` (Flesch–Kincaid).
#[expect(clippy::cast_precision_loss, reason = "counts of words, far below 2^52")]
pub fn flesch_kincaid_grade(text: &str) -> f64 {
    let words = words(text);
    if words.is_empty() {
        return 0.0;
    }
    let syllables: usize = words.iter().map(|w| syllables(w, Tongue::English)).sum();
    0.39 * (words.len() as f64 / sentences(text) as f64) + 11.8 * (syllables as f64 / words.len() as f64)
        - 15.59
}

/// How easily `text` reads in Spanish (Fernández Huerta; higher is easier, 70 about grade 8).
#[expect(clippy::cast_precision_loss, reason = "counts of words, far below 2^52")]
pub fn fernandez_huerta_ease(text: &str) -> f64 {
    let words = words(text);
    if words.is_empty() {
        return 100.0;
    }
    let syllables: usize = words.iter().map(|w| syllables(w, Tongue::Spanish)).sum();
    // Syllables per 100 words, and words per sentence.
    let per_hundred = 100.0 / words.len() as f64;
    206.84 - 0.60 * (syllables as f64 * per_hundred) - 1.02 * (words.len() as f64 / sentences(text) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counts_behind_the_scores_are_sensible() {
        assert_eq!(syllables("code", Tongue::English), 1);
        assert_eq!(syllables("simple", Tongue::English), 2);
        assert_eq!(syllables("password", Tongue::English), 2);
        assert_eq!(syllables("contraseña", Tongue::Spanish), 4);
        assert_eq!(sentences("Hello,\n\nOpen this link:\n\nhttps://x.example\n\nThanks."), 3);
        assert!(flesch_kincaid_grade("The cat sat on the mat. It was fun.") < 2.0);
        assert!(
            flesch_kincaid_grade(
                "Hyperlipidemia necessitates pharmacological intervention notwithstanding \
                 comprehensive lifestyle modification."
            ) > 16.0
        );
        assert!(fernandez_huerta_ease("Su cita es mañana. Llame si no puede venir.") > 80.0);
    }
}
