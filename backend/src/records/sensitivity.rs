//! Which clinical items are confidential from a teenager's parents: reproductive and sexual
//! health, sexually transmitted infections and HIV, mental health, and substance use — the
//! kinds that US states let minors consent to on their own. An item is confidential when its
//! source labels it so (FHIR `meta.security`) or when its code is one of these.

/// HL7 v3 labels that mark a resource restricted or sensitive in one of those ways.
const SECURITY_LABELS: &[(&str, &str)] = &[
    ("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"),
    ("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "V"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PSY"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PSYTHPN"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "MH"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "ETH"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "ETHUD"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "SUD"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "SEX"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "SDV"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "STD"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "REPRO"),
];

const SNOMED: &str = "http://snomed.info/sct";
const LOINC: &str = "http://loinc.org";
const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";

/// Codes of confidential conditions, tests, visits and medicines.
const CODES: &[(&str, &str)] = &[
    // Mental health.
    (SNOMED, "35489007"),  // depressive disorder
    (SNOMED, "370143000"), // major depressive disorder
    (SNOMED, "197480006"), // anxiety disorder
    (SNOMED, "21897009"),  // generalized anxiety disorder
    (SNOMED, "13746004"),  // bipolar disorder
    (SNOMED, "58214004"),  // schizophrenia
    (SNOMED, "47505003"),  // posttraumatic stress disorder
    (SNOMED, "72366004"),  // eating disorder
    (SNOMED, "6471006"),   // suicidal thoughts
    (SNOMED, "75516001"),  // psychotherapy
    (SNOMED, "44883004"),  // depression screening
    // Substance use.
    (SNOMED, "15167005"), // alcohol abuse
    (SNOMED, "7200002"),  // alcoholism
    (SNOMED, "5602001"),  // opioid abuse
    (SNOMED, "66214007"), // substance abuse
    // Sexual and reproductive health, infections.
    (SNOMED, "77386006"),  // pregnancy
    (SNOMED, "13197004"),  // contraception
    (SNOMED, "86406008"),  // HIV infection
    (SNOMED, "105629000"), // chlamydial infection
    (SNOMED, "15628003"),  // gonorrhea
    (SNOMED, "76272004"),  // syphilis
    (SNOMED, "33839006"),  // genital herpes
    (LOINC, "2106-3"),     // hCG (pregnancy test), urine
    (LOINC, "75622-1"),    // HIV 1 and 2 antibody and antigen
    (LOINC, "43304-5"),    // Chlamydia trachomatis rRNA
    (LOINC, "43305-2"),    // Neisseria gonorrhoeae rRNA
    (LOINC, "44261-6"),    // PHQ-9 total score
    (LOINC, "70274-6"),    // GAD-7 total score
    (LOINC, "55757-9"),    // PHQ-2 total score
    // Medicines.
    (RXNORM, "312938"),  // sertraline 100 mg
    (RXNORM, "312941"),  // sertraline 50 mg
    (RXNORM, "310385"),  // fluoxetine 20 mg
    (RXNORM, "748962"),  // norgestimate and ethinyl estradiol
    (RXNORM, "1664463"), // buprenorphine and naloxone
];

/// Whether one of a resource's `meta.security` labels (system, code) marks it confidential.
pub fn is_confidential_label(system: Option<&str>, code: &str) -> bool {
    SECURITY_LABELS.iter().any(|(s, c)| *c == code && system.is_none_or(|system| system == *s))
}

/// Whether a code marks a clinical item confidential.
pub fn is_confidential_code(system: Option<&str>, code: Option<&str>) -> bool {
    let Some(code) = code else { return false };
    CODES.iter().any(|(s, c)| *c == code && system.is_none_or(|system| system == *s))
}

/// `1` for confidential, `0` otherwise, as the `confidential` columns store it.
pub fn flag(confidential: bool) -> i64 {
    i64::from(confidential)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mental_and_sexual_health_codes_are_confidential_and_others_are_not() {
        assert!(is_confidential_code(Some(SNOMED), Some("35489007")));
        assert!(is_confidential_code(Some(LOINC), Some("75622-1")));
        assert!(is_confidential_code(Some(RXNORM), Some("312941")));
        assert!(!is_confidential_code(Some(SNOMED), Some("44054006")), "diabetes is not");
        assert!(!is_confidential_code(Some(LOINC), Some("35489007")), "the code's system matters");
        assert!(!is_confidential_code(None, None));
    }

    #[test]
    fn restricted_and_sensitive_labels_are_confidential() {
        assert!(is_confidential_label(Some("http://terminology.hl7.org/CodeSystem/v3-Confidentiality"), "R"));
        assert!(is_confidential_label(None, "PSY"));
        assert!(!is_confidential_label(
            Some("http://terminology.hl7.org/CodeSystem/v3-Confidentiality"),
            "N"
        ));
    }
}
