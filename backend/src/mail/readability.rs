//! Checks that the mail reads at grade 8 or lower: Flesch–Kincaid for English, Fernández
//! Huerta's ease for Spanish (70 and up reads about as easily), with simple syllable counts.

use super::templates::{Language, every_template};

/// The words of `text`, without links and addresses (a reader does not read those).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains('@'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Sentences: ended by `.`, `!`, `?` or `:`, or by a blank line (a greeting, a signature); links
/// and addresses are left out first, so their dots and colons end nothing.
fn sentences(text: &str) -> usize {
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

fn syllables(word: &str, language: Language) -> usize {
    let vowels: &[char] = match language {
        Language::En => &['a', 'e', 'i', 'o', 'u', 'y'],
        Language::Es => &['a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü'],
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
    if language == Language::En && count > 1 && word.ends_with('e') && !word.ends_with("le") {
        count -= 1;
    }
    count.max(1)
}

#[expect(clippy::cast_precision_loss, reason = "counts of a few hundred words")]
fn flesch_kincaid_grade(text: &str) -> f64 {
    let words = words(text);
    let syllables: usize = words.iter().map(|w| syllables(w, Language::En)).sum();
    0.39 * (words.len() as f64 / sentences(text) as f64) + 11.8 * (syllables as f64 / words.len() as f64)
        - 15.59
}

#[expect(clippy::cast_precision_loss, reason = "counts of a few hundred words")]
fn fernandez_huerta_ease(text: &str) -> f64 {
    let words = words(text);
    let syllables: usize = words.iter().map(|w| syllables(w, Language::Es)).sum();
    // Syllables per 100 words, and words per sentence.
    let per_hundred = 100.0 / words.len() as f64;
    206.84 - 0.60 * (syllables as f64 * per_hundred) - 1.02 * (words.len() as f64 / sentences(text) as f64)
}

#[test]
fn the_counts_behind_the_scores_are_sensible() {
    assert_eq!(syllables("code", Language::En), 1);
    assert_eq!(syllables("simple", Language::En), 2);
    assert_eq!(syllables("password", Language::En), 2);
    assert_eq!(syllables("contraseña", Language::Es), 4);
    assert_eq!(sentences("Hello,\n\nOpen this link:\n\nhttps://x.example\n\nThanks."), 3);
    assert!(flesch_kincaid_grade("The cat sat on the mat. It was fun.") < 2.0);
}

#[test]
fn every_english_message_reads_at_grade_eight_or_lower() {
    for template in every_template() {
        let rendered = template.render(Language::En);
        let grade = flesch_kincaid_grade(&rendered.text);
        assert!(grade <= 8.0, "{}: grade {grade:.1}\n{}", template.kind(), rendered.text);
    }
}

#[test]
fn every_spanish_message_is_easy_to_read() {
    for template in every_template() {
        let rendered = template.render(Language::Es);
        let ease = fernandez_huerta_ease(&rendered.text);
        assert!(ease >= 70.0, "{}: ease {ease:.1}\n{}", template.kind(), rendered.text);
    }
}
