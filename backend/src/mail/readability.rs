//! Checks that the mail reads at grade 8 or lower in English and easily in Spanish, with the
//! measures in `shared::readability`.

use shared::readability::{fernandez_huerta_ease, flesch_kincaid_grade};

use super::templates::{Language, every_template};

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
