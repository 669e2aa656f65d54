//! Plain-language guides to common tests and vital signs: which Fluent messages explain a LOINC
//! code ("what this test measures", "what a high or low result can mean", in
//! `locales/{lang}/lab-tests.ftl`), and the MedlinePlus Connect link to read more.
//!
//! ```
//! use frontend::i18n::{Lang, Translations};
//! use frontend::lab_guide::{guide, medlineplus_url};
//! use shared::chart::Flag;
//!
//! let words = Translations::new(Lang::En);
//! let a1c = guide("4548-4").expect("the A1c has a guide");
//! assert_eq!(words.t(&a1c.name_id()), "Hemoglobin A1c (average blood sugar)");
//! let what = words.t(&a1c.what_id());
//! let meaning = a1c.meaning_id(Flag::High).map(|id| words.t(&id));
//! assert!(what.contains("average blood sugar") && meaning.is_some());
//! assert!(medlineplus_url("4548-4", Lang::Es).ends_with("&informationRecipient.languageCode.c=es"));
//! ```

use std::fmt::Write as _;

use Reading::{HighOnly, HighOrLow, LowOnly, PositiveNegative, WhatOnly};
use shared::chart::{Coded, Flag};

use crate::i18n::Lang;

/// LOINC's code system URI, as the chart API names it.
pub const LOINC_SYSTEM: &str = "http://loinc.org";

/// What a guide can say about a value; it decides which of `lab-{key}-*` exist beyond `-name`
/// and `-what`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reading {
    /// A number where both sides can matter: `-high` and `-low`.
    HighOrLow,
    /// Only a high value is a concern (LDL, ALT…): `-high`, which says so.
    HighOnly,
    /// Only a low value is a concern (HDL, eGFR, oxygen): `-low`, which says so.
    LowOnly,
    /// Read as negative or positive (urine nitrite…): `-abnormal` says what a positive can mean.
    PositiveNegative,
    /// Nothing to say about a value: a panel, or a measure such as height.
    WhatOnly,
}

/// What the code names, so a page can word things ("this group of tests") or leave the
/// MedlinePlus link out for vital signs, which MedlinePlus Connect may not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A group of tests reported together (a lab report's code).
    Panel,
    /// A laboratory test.
    Lab,
    /// A vital sign or body measurement.
    Vital,
}

/// The plain-language messages for one test. Several LOINC codes may share a guide (blood
/// glucose measured in serum or in whole blood reads the same to a patient).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LabGuide {
    /// Names the messages: `lab-{key}-name` (a plain name), `lab-{key}-what` (what it measures
    /// and why it is checked), and those `reading` allows.
    pub key: &'static str,
    pub kind: Kind,
    pub reading: Reading,
}

impl LabGuide {
    /// `lab-{key}-name`: the test's plain name, "Blood sugar (glucose)".
    pub fn name_id(&self) -> String {
        self.id("name")
    }

    /// `lab-{key}-what`: what the test measures and why it is checked.
    pub fn what_id(&self) -> String {
        self.id("what")
    }

    pub const fn has_high(&self) -> bool {
        matches!(self.reading, Reading::HighOrLow | Reading::HighOnly)
    }

    pub const fn has_low(&self) -> bool {
        matches!(self.reading, Reading::HighOrLow | Reading::LowOnly)
    }

    pub const fn has_abnormal(&self) -> bool {
        matches!(self.reading, Reading::PositiveNegative)
    }

    /// `lab-{key}-high`, when a high value has something to say.
    pub fn high_id(&self) -> Option<String> {
        self.has_high().then(|| self.id("high"))
    }

    /// `lab-{key}-low`, when a low value has something to say.
    pub fn low_id(&self) -> Option<String> {
        self.has_low().then(|| self.id("low"))
    }

    /// `lab-{key}-abnormal`, for a test read as negative or positive.
    pub fn abnormal_id(&self) -> Option<String> {
        self.has_abnormal().then(|| self.id("abnormal"))
    }

    /// The message that explains a result with `flag`, if there is one. A yes/no test a lab
    /// reports as a number (protein in urine in mg/dL) may come flagged high: that is its
    /// positive.
    pub fn meaning_id(&self, flag: Flag) -> Option<String> {
        match (self.reading, flag) {
            (Reading::PositiveNegative, Flag::Abnormal | Flag::High | Flag::CriticalHigh) => {
                self.abnormal_id()
            }
            (_, Flag::High | Flag::CriticalHigh) => self.high_id(),
            (_, Flag::Low | Flag::CriticalLow) => self.low_id(),
            _ => None,
        }
    }

    fn id(&self, part: &str) -> String {
        format!("lab-{}-{part}", self.key)
    }
}

/// The guide for a LOINC code (`"2345-7"`), if the portal has one.
pub fn guide(loinc: &str) -> Option<LabGuide> {
    let loinc = loinc.trim();
    CODES.iter().find(|(code, _)| *code == loinc).map(|(_, guide)| *guide)
}

/// The guide for a result's code as the chart API sends it: a LOINC code, or a code without a
/// system (taken as LOINC); codes of other systems have none.
pub fn guide_for(name: &Coded) -> Option<LabGuide> {
    if name.system.as_deref().is_some_and(|system| system != LOINC_SYSTEM) {
        return None;
    }
    guide(name.code.as_deref()?)
}

/// MedlinePlus Connect's web application: NLM's service for linking a patient portal to
/// MedlinePlus by code; it answers a LOINC code with MedlinePlus's page on that medical test.
const CONNECT: &str = "https://connect.medlineplus.gov/application";
/// LOINC's OID, which Connect takes as `mainSearchCriteria.v.cs`.
const LOINC_OID: &str = "2.16.840.1.113883.6.1";

/// The MedlinePlus Connect page about a LOINC code, in the reader's language:
/// `https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=2.16.840.1.113883.6.1&mainSearchCriteria.v.c=4548-4&informationRecipient.languageCode.c=es`.
///
/// Checked on 2026-12-03 with the search tool (this machine cannot reach medlineplus.gov):
/// NLM's "MedlinePlus Connect: Web Application" page
/// (<https://medlineplus.gov/medlineplus-connect/web-application/>) gives the base URL
/// `https://connect.medlineplus.gov/application` (HTTPS only) and says requests follow HL7's
/// Infobutton URL-based implementation guide; its parameter list (seen through a translated copy
/// of the page) names the code system by OID in `mainSearchCriteria.v.cs` and the code in
/// `mainSearchCriteria.v.c`. Its "How It Works" page lists LOINC among the codes Connect
/// answers, with MedlinePlus medical test pages, in English or Spanish; the Web Service page
/// says the language parameter is optional and English by default. The LOINC OID and the
/// Spanish value `es` are as in OpenEMR's Connect link (`interface/patient_file/education.php`,
/// "MedlinePlus supports only English or Spanish") and in other portals' code. The sentence of
/// NLM's page that names the Spanish value was beyond what the search tool shows, and a few old
/// wrappers send `sp` instead: open one Spanish link by hand when a page first uses this.
pub fn medlineplus_url(loinc: &str, lang: Lang) -> String {
    let language = match lang {
        Lang::En => "en",
        Lang::Es => "es",
    };
    format!(
        "{CONNECT}?mainSearchCriteria.v.cs={LOINC_OID}&mainSearchCriteria.v.c={}&informationRecipient.languageCode.c={language}",
        query_value(loinc.trim())
    )
}

/// `value` percent-encoded for a query string: a LOINC code passes as it is, anything else
/// cannot break out of its parameter.
fn query_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

const fn panel(key: &'static str) -> LabGuide {
    LabGuide { key, kind: Kind::Panel, reading: Reading::WhatOnly }
}
const fn lab(key: &'static str, reading: Reading) -> LabGuide {
    LabGuide { key, kind: Kind::Lab, reading }
}
const fn vital(key: &'static str, reading: Reading) -> LabGuide {
    LabGuide { key, kind: Kind::Vital, reading }
}

// Panels
const CBC: LabGuide = panel("cbc");
const CMP: LabGuide = panel("cmp");
const BMP: LabGuide = panel("bmp");
const LIPIDS: LabGuide = panel("lipids");
const URINALYSIS: LabGuide = panel("urinalysis");
const BLOOD_PRESSURE: LabGuide = vital("bp", WhatOnly);
// Blood count
const WBC: LabGuide = lab("wbc", HighOrLow);
const RBC: LabGuide = lab("rbc", HighOrLow);
const HEMOGLOBIN: LabGuide = lab("hemoglobin", HighOrLow);
const HEMATOCRIT: LabGuide = lab("hematocrit", HighOrLow);
const MCV: LabGuide = lab("mcv", HighOrLow);
const MCH: LabGuide = lab("mch", HighOrLow);
const MCHC: LabGuide = lab("mchc", HighOrLow);
const RDW: LabGuide = lab("rdw", HighOnly);
const PLATELETS: LabGuide = lab("platelets", HighOrLow);
// Body chemistry
const GLUCOSE: LabGuide = lab("glucose", HighOrLow);
const BUN: LabGuide = lab("bun", HighOrLow);
const CREATININE: LabGuide = lab("creatinine", HighOrLow);
const EGFR: LabGuide = lab("egfr", LowOnly);
const SODIUM: LabGuide = lab("sodium", HighOrLow);
const POTASSIUM: LabGuide = lab("potassium", HighOrLow);
const CHLORIDE: LabGuide = lab("chloride", HighOrLow);
const CO2: LabGuide = lab("co2", HighOrLow);
const CALCIUM: LabGuide = lab("calcium", HighOrLow);
const PROTEIN: LabGuide = lab("protein", HighOrLow);
const ALBUMIN: LabGuide = lab("albumin", HighOrLow);
const BILIRUBIN: LabGuide = lab("bilirubin", HighOnly);
const ALK_PHOS: LabGuide = lab("alk-phos", HighOrLow);
const ALT: LabGuide = lab("alt", HighOnly);
const AST: LabGuide = lab("ast", HighOnly);
// Fats in the blood
const CHOLESTEROL: LabGuide = lab("cholesterol", HighOnly);
const LDL: LabGuide = lab("ldl", HighOnly);
const HDL: LabGuide = lab("hdl", LowOnly);
const TRIGLYCERIDES: LabGuide = lab("triglycerides", HighOnly);
// Other blood tests
const A1C: LabGuide = lab("a1c", HighOrLow);
const TSH: LabGuide = lab("tsh", HighOrLow);
const FREE_T4: LabGuide = lab("free-t4", HighOrLow);
const VITAMIN_D: LabGuide = lab("vitamin-d", HighOrLow);
// Urine
const URINE_ALBUMIN: LabGuide = lab("urine-albumin", HighOnly);
const URINE_SG: LabGuide = lab("urine-sg", HighOrLow);
const URINE_PH: LabGuide = lab("urine-ph", HighOrLow);
const URINE_PROTEIN: LabGuide = lab("urine-protein", PositiveNegative);
const URINE_GLUCOSE: LabGuide = lab("urine-glucose", PositiveNegative);
const URINE_KETONES: LabGuide = lab("urine-ketones", PositiveNegative);
const URINE_BLOOD: LabGuide = lab("urine-blood", PositiveNegative);
const URINE_LEUKOCYTES: LabGuide = lab("urine-leukocytes", PositiveNegative);
const URINE_NITRITE: LabGuide = lab("urine-nitrite", PositiveNegative);
// Vital signs
const SYSTOLIC: LabGuide = vital("systolic", HighOrLow);
const DIASTOLIC: LabGuide = vital("diastolic", HighOrLow);
const HEART_RATE: LabGuide = vital("heart-rate", HighOrLow);
const BREATHING_RATE: LabGuide = vital("breathing-rate", HighOrLow);
const TEMPERATURE: LabGuide = vital("temperature", HighOrLow);
const OXYGEN: LabGuide = vital("oxygen", LowOnly);
const WEIGHT: LabGuide = vital("weight", WhatOnly);
const HEIGHT: LabGuide = vital("height", WhatOnly);
const BMI: LabGuide = vital("bmi", HighOrLow);
const HEAD: LabGuide = vital("head", HighOrLow);

/// Every code with a guide: the demo clinic's (`backend/src/demo/codes.rs`), Synthea's and the
/// usual alternatives labs send for the same test (whole blood rather than serum, another
/// method, an older panel). Each code's meaning was checked against published uses of it
/// (Synthea's modules, FHIR examples, other health records' code tables); its check digit is
/// checked by a test.
const CODES: &[(&str, LabGuide)] = &[
    // Panels
    ("58410-2", CBC),            // CBC panel - Blood by Automated count
    ("57021-8", CBC),            // CBC W Auto Differential panel - Blood
    ("24323-8", CMP),            // Comprehensive metabolic 2000 panel - Serum or Plasma
    ("51990-0", BMP),            // Basic metabolic panel - Blood (Synthea)
    ("24321-2", BMP),            // Basic metabolic 2000 panel - Serum or Plasma
    ("57698-3", LIPIDS),         // Lipid panel with direct LDL - Serum or Plasma
    ("24331-1", LIPIDS),         // Lipid 1996 panel - Serum or Plasma
    ("24357-6", URINALYSIS),     // Urinalysis macro (dipstick) panel - Urine
    ("24356-8", URINALYSIS),     // Urinalysis complete panel - Urine
    ("85354-9", BLOOD_PRESSURE), // Blood pressure panel with all children optional
    ("55284-4", BLOOD_PRESSURE), // Blood pressure systolic and diastolic
    // Blood count
    ("6690-2", WBC),         // Leukocytes [#/volume] in Blood by Automated count
    ("26464-8", WBC),        // Leukocytes [#/volume] in Blood
    ("789-8", RBC),          // Erythrocytes [#/volume] in Blood by Automated count
    ("26453-1", RBC),        // Erythrocytes [#/volume] in Blood
    ("718-7", HEMOGLOBIN),   // Hemoglobin [Mass/volume] in Blood
    ("4544-3", HEMATOCRIT),  // Hematocrit [Volume Fraction] of Blood by Automated count
    ("20570-8", HEMATOCRIT), // Hematocrit [Volume Fraction] of Blood
    ("787-2", MCV),          // MCV [Entitic mean volume] in Red Blood Cells by Automated count
    ("30428-7", MCV),        // MCV [Entitic volume]
    ("785-6", MCH),          // MCH [Entitic mass] by Automated count
    ("786-4", MCHC),         // MCHC [Mass/volume] by Automated count
    ("788-0", RDW),          // Erythrocyte distribution width [Ratio] by Automated count
    ("21000-5", RDW),        // Erythrocyte distribution width [Entitic volume] by Automated count
    ("777-3", PLATELETS),    // Platelets [#/volume] in Blood by Automated count
    ("26515-7", PLATELETS),  // Platelets [#/volume] in Blood
    // Body chemistry
    ("2345-7", GLUCOSE),     // Glucose [Mass/volume] in Serum or Plasma
    ("2339-0", GLUCOSE),     // Glucose [Mass/volume] in Blood (Synthea)
    ("1558-6", GLUCOSE),     // Fasting glucose [Mass/volume] in Serum or Plasma
    ("41653-7", GLUCOSE),    // Glucose [Mass/volume] in Capillary blood by Glucometer
    ("3094-0", BUN),         // Urea nitrogen [Mass/volume] in Serum or Plasma
    ("6299-2", BUN),         // Urea nitrogen [Mass/volume] in Blood (Synthea)
    ("2160-0", CREATININE),  // Creatinine [Mass/volume] in Serum or Plasma
    ("38483-4", CREATININE), // Creatinine [Mass/volume] in Blood (Synthea)
    ("33914-3", EGFR),       // GFR/1.73 sq M.predicted by Creatinine-based formula (MDRD) (Synthea)
    ("48642-3", EGFR),       // GFR/1.73 sq M.predicted among non-blacks (MDRD)
    ("48643-1", EGFR),       // GFR/1.73 sq M.predicted among blacks (MDRD)
    ("62238-1", EGFR),       // GFR/1.73 sq M.predicted by Creatinine-based formula (CKD-EPI)
    ("77147-7", EGFR),       // GFR/1.73 sq M.predicted by Creatinine-based formula (MDRD)
    ("98979-8", EGFR),       // GFR/1.73 sq M.predicted by Creatinine-based formula (CKD-EPI 2021)
    ("2951-2", SODIUM),      // Sodium [Moles/volume] in Serum or Plasma
    ("2947-0", SODIUM),      // Sodium [Moles/volume] in Blood (Synthea)
    ("2823-3", POTASSIUM),   // Potassium [Moles/volume] in Serum or Plasma
    ("6298-4", POTASSIUM),   // Potassium [Moles/volume] in Blood (Synthea)
    ("2075-0", CHLORIDE),    // Chloride [Moles/volume] in Serum or Plasma
    ("2069-3", CHLORIDE),    // Chloride [Moles/volume] in Blood (Synthea)
    ("2028-9", CO2),         // Carbon dioxide, total [Moles/volume] in Serum or Plasma
    ("20565-8", CO2),        // Carbon dioxide, total [Moles/volume] in Blood (Synthea)
    ("1963-8", CO2),         // Bicarbonate [Moles/volume] in Serum or Plasma
    ("17861-6", CALCIUM),    // Calcium [Mass/volume] in Serum or Plasma
    ("49765-1", CALCIUM),    // Calcium [Mass/volume] in Blood (Synthea)
    ("2885-2", PROTEIN),     // Protein [Mass/volume] in Serum or Plasma
    ("1751-7", ALBUMIN),     // Albumin [Mass/volume] in Serum or Plasma
    ("1975-2", BILIRUBIN),   // Bilirubin.total [Mass/volume] in Serum or Plasma
    ("6768-6", ALK_PHOS),    // Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma
    ("1742-6", ALT),         // Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma
    ("1920-8", AST),         // Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma
    // Fats in the blood
    ("2093-3", CHOLESTEROL),   // Cholesterol [Mass/volume] in Serum or Plasma
    ("18262-6", LDL),          // Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay
    ("13457-7", LDL),          // Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation
    ("2089-1", LDL),           // Cholesterol in LDL [Mass/volume] in Serum or Plasma
    ("2085-9", HDL),           // Cholesterol in HDL [Mass/volume] in Serum or Plasma
    ("2571-8", TRIGLYCERIDES), // Triglyceride [Mass/volume] in Serum or Plasma
    // Other blood tests
    ("4548-4", A1C),        // Hemoglobin A1c/Hemoglobin.total in Blood
    ("17856-6", A1C),       // Hemoglobin A1c/Hemoglobin.total in Blood by HPLC
    ("3016-3", TSH),        // Thyrotropin [Units/volume] in Serum or Plasma
    ("11580-8", TSH),       // Thyrotropin [Units/volume] in Serum or Plasma by Detection limit <= 0.005 mIU/L
    ("3024-7", FREE_T4),    // Thyroxine (T4) free [Mass/volume] in Serum or Plasma
    ("1989-3", VITAMIN_D),  // 25-Hydroxyvitamin D (the demo clinic's code)
    ("62292-8", VITAMIN_D), // 25-Hydroxyvitamin D2+25-Hydroxyvitamin D3 [Mass/volume] in Serum or Plasma
    // Urine
    ("14959-1", URINE_ALBUMIN),   // Microalbumin/Creatinine [Mass Ratio] in Urine
    ("9318-7", URINE_ALBUMIN),    // Albumin/Creatinine [Mass Ratio] in Urine
    ("5811-5", URINE_SG),         // Specific gravity of Urine by Test strip
    ("2965-2", URINE_SG),         // Specific gravity of Urine
    ("5803-2", URINE_PH),         // pH of Urine by Test strip
    ("2756-5", URINE_PH),         // pH of Urine
    ("20454-5", URINE_PROTEIN),   // Protein [Presence] in Urine by Test strip
    ("5804-0", URINE_PROTEIN),    // Protein [Mass/volume] in Urine by Test strip
    ("2888-6", URINE_PROTEIN),    // Protein [Mass/volume] in Urine
    ("25428-4", URINE_GLUCOSE),   // Glucose [Presence] in Urine by Test strip
    ("5792-7", URINE_GLUCOSE),    // Glucose [Mass/volume] in Urine by Test strip
    ("2514-8", URINE_KETONES),    // Ketones [Presence] in Urine by Test strip
    ("5797-6", URINE_KETONES),    // Ketones [Mass/volume] in Urine by Test strip
    ("5794-3", URINE_BLOOD),      // Hemoglobin [Presence] in Urine by Test strip
    ("5799-2", URINE_LEUKOCYTES), // Leukocyte esterase [Presence] in Urine by Test strip
    ("5802-4", URINE_NITRITE),    // Nitrite [Presence] in Urine by Test strip
    // Vital signs
    ("8480-6", SYSTOLIC),       // Systolic blood pressure
    ("8462-4", DIASTOLIC),      // Diastolic blood pressure
    ("8867-4", HEART_RATE),     // Heart rate
    ("9279-1", BREATHING_RATE), // Respiratory rate
    ("8310-5", TEMPERATURE),    // Body temperature
    ("8331-1", TEMPERATURE),    // Oral temperature
    ("59408-5", OXYGEN),        // Oxygen saturation in Arterial blood by Pulse oximetry
    ("2708-6", OXYGEN),         // Oxygen saturation in Arterial blood (Synthea codes both)
    ("29463-7", WEIGHT),        // Body weight
    ("3141-9", WEIGHT),         // Body weight Measured
    ("8302-2", HEIGHT),         // Body height
    ("39156-5", BMI),           // Body mass index (BMI) [Ratio]
    ("9843-4", HEAD),           // Head Occipital-frontal circumference
];

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};

    use fluent_bundle::FluentResource;

    use super::*;
    use crate::i18n::Translations;

    /// Every LOINC code the demo clinic writes on a result, copied from
    /// `backend/src/demo/codes.rs` (`VITALS`, `LABS`, `QUALITATIVE_LABS` and `PANELS`; its
    /// document types are not results). The backend is not a dependency of the app, so the list
    /// lives here: when the demo gains a test, add its code here and give it a guide.
    const DEMO_CODES: &[(&str, &[&str])] = &[
        (
            "VITALS",
            &[
                "85354-9", "8480-6", "8462-4", "8867-4", "9279-1", "29463-7", "8302-2", "39156-5", "8310-5",
                "59408-5", "9843-4",
            ],
        ),
        (
            "LABS",
            &[
                "6690-2", "789-8", "718-7", "4544-3", "787-2", "785-6", "786-4", "788-0", "777-3", "2345-7",
                "3094-0", "2160-0", "17861-6", "2951-2", "2823-3", "2075-0", "2028-9", "2885-2", "1751-7",
                "1975-2", "6768-6", "1742-6", "1920-8", "2093-3", "2571-8", "2085-9", "18262-6", "4548-4",
                "3016-3", "1989-3", "14959-1", "5811-5", "5803-2",
            ],
        ),
        ("QUALITATIVE_LABS", &["25428-4", "20454-5", "2514-8", "5794-3", "5799-2", "5802-4"]),
        ("PANELS", &["58410-2", "24323-8", "57698-3", "24357-6"]),
    ];

    /// The tests the brief names that Synthea writes beyond the demo's codes.
    const SYNTHEA_CODES: &[&str] = &[
        "51990-0", "2339-0", "6299-2", "38483-4", "33914-3", "49765-1", "2947-0", "6298-4", "2069-3",
        "20565-8", "3024-7", "2708-6", "21000-5",
    ];

    /// Our own Fluent files, to find messages of ours no guide uses.
    const OWN_FILES: [(Lang, &str); 2] = [
        (Lang::En, include_str!("../locales/en/lab-tests.ftl")),
        (Lang::Es, include_str!("../locales/es/lab-tests.ftl")),
    ];

    /// Each guide once, in table order.
    fn guides() -> Vec<LabGuide> {
        let mut seen = BTreeSet::new();
        CODES.iter().map(|(_, guide)| *guide).filter(|guide| seen.insert(guide.key)).collect()
    }

    fn message_ids(source: &str) -> Vec<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("parses");
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    fn exists(words: &Translations, id: &str) -> bool {
        // A missing message comes back as its id.
        words.t(id) != id
    }

    #[test]
    fn every_code_the_demo_clinic_writes_has_a_guide() {
        for (table, codes) in DEMO_CODES {
            let missing: Vec<_> = codes.iter().filter(|code| guide(code).is_none()).collect();
            assert!(missing.is_empty(), "no guide for the demo's {table} {missing:?}");
        }
        let missing: Vec<_> = SYNTHEA_CODES.iter().filter(|code| guide(code).is_none()).collect();
        assert!(missing.is_empty(), "no guide for Synthea's {missing:?}");
    }

    #[test]
    fn codes_sharing_a_key_share_the_whole_guide_and_no_code_is_listed_twice() {
        let mut by_key: HashMap<&str, LabGuide> = HashMap::new();
        let mut codes = BTreeSet::new();
        for (code, guide) in CODES {
            assert!(codes.insert(*code), "{code} is listed twice");
            let first = by_key.entry(guide.key).or_insert(*guide);
            assert_eq!(first, guide, "{code} reads its key differently");
        }
    }

    #[test]
    fn every_code_carries_a_valid_loinc_check_digit() {
        // LOINC's check digit is a mod 10 (Luhn) digit over the number part; a typo breaks it.
        for (code, _) in CODES {
            let (number, check) = code.split_once('-').expect("LOINC codes have a check digit");
            let mut sum = 0;
            for (i, digit) in number.chars().rev().map(|c| c.to_digit(10).expect("digits")).enumerate() {
                let doubled = if i % 2 == 0 { digit * 2 } else { digit };
                sum += if doubled > 9 { doubled - 9 } else { doubled };
            }
            assert_eq!(check, ((10 - sum % 10) % 10).to_string(), "{code}");
        }
    }

    #[test]
    fn every_guides_messages_exist_in_both_languages_and_match_its_reading() {
        for lang in Lang::ALL {
            let words = Translations::new(lang);
            for guide in guides() {
                let code = lang.code();
                assert!(exists(&words, &guide.name_id()), "{code} has no {}", guide.name_id());
                assert!(exists(&words, &guide.what_id()), "{code} has no {}", guide.what_id());
                for (part, wanted) in
                    [("high", guide.has_high()), ("low", guide.has_low()), ("abnormal", guide.has_abnormal())]
                {
                    let id = guide.id(part);
                    assert_eq!(
                        exists(&words, &id),
                        wanted,
                        "{code} {id}: the message and the guide disagree"
                    );
                }
            }
        }
    }

    #[test]
    fn every_message_in_the_lab_tests_files_belongs_to_a_guide() {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for guide in guides() {
            ids.extend(
                [Some(guide.name_id()), Some(guide.what_id()), guide.high_id(), guide.low_id()]
                    .into_iter()
                    .flatten(),
            );
            ids.extend(guide.abnormal_id());
        }
        for (lang, source) in OWN_FILES {
            for id in message_ids(source) {
                assert!(
                    id.starts_with("lab-guide-") || ids.contains(&id),
                    "{} {id} belongs to no guide",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn a_flag_picks_the_message_that_explains_it() {
        let glucose = guide("2345-7").unwrap();
        assert_eq!(glucose.meaning_id(Flag::CriticalHigh).as_deref(), Some("lab-glucose-high"));
        assert_eq!(glucose.meaning_id(Flag::Low).as_deref(), Some("lab-glucose-low"));
        assert_eq!(glucose.meaning_id(Flag::Normal), None);
        let hdl = guide("2085-9").unwrap();
        assert_eq!(hdl.meaning_id(Flag::High), None, "a high HDL is good news");
        assert_eq!(hdl.meaning_id(Flag::Low).as_deref(), Some("lab-hdl-low"));
        let nitrite = guide("5802-4").unwrap();
        assert_eq!(nitrite.meaning_id(Flag::Abnormal).as_deref(), Some("lab-urine-nitrite-abnormal"));
        let protein = guide("2888-6").unwrap();
        assert_eq!(protein.meaning_id(Flag::High).as_deref(), Some("lab-urine-protein-abnormal"));
        assert_eq!(guide("24323-8").unwrap().meaning_id(Flag::High), None, "a panel has no value");
    }

    #[test]
    fn several_codes_of_one_test_share_its_guide() {
        assert_eq!(guide("2339-0"), guide("2345-7"));
        assert_eq!(guide(" 2345-7 ").map(|g| g.key), Some("glucose"));
        assert_eq!(guide("0000-0"), None);
        let coded = |system: Option<&str>, code: &str| Coded {
            system: system.map(str::to_owned),
            code: Some(code.to_owned()),
            display: String::new(),
        };
        assert_eq!(guide_for(&coded(Some(LOINC_SYSTEM), "4548-4")).map(|g| g.key), Some("a1c"));
        assert_eq!(guide_for(&coded(None, "4548-4")).map(|g| g.key), Some("a1c"));
        assert_eq!(guide_for(&coded(Some("http://snomed.info/sct"), "4548-4")), None);
    }

    #[test]
    fn the_medlineplus_link_names_the_loinc_code_and_the_readers_language() {
        assert_eq!(
            medlineplus_url("4548-4", Lang::En),
            "https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=2.16.840.1.113883.6.1\
             &mainSearchCriteria.v.c=4548-4&informationRecipient.languageCode.c=en"
        );
        assert!(
            medlineplus_url("2345-7", Lang::Es)
                .ends_with("mainSearchCriteria.v.c=2345-7&informationRecipient.languageCode.c=es")
        );
        assert!(medlineplus_url("1&x=2 #", Lang::En).contains("mainSearchCriteria.v.c=1%26x%3D2%20%23&"));
    }

    /// Every message of our file in `lang`, by id, as a reader meets it.
    fn own_messages(lang: Lang) -> Vec<(String, String)> {
        let words = Translations::new(lang);
        let source = OWN_FILES.iter().find(|(l, _)| *l == lang).unwrap().1;
        message_ids(source).into_iter().map(|id| (words.t(&id), id)).map(|(text, id)| (id, text)).collect()
    }

    /// The messages `keep` picks, each a paragraph of its own.
    fn joined(messages: &[(String, String)], keep: impl Fn(&str) -> bool) -> String {
        messages
            .iter()
            .filter(|(id, _)| keep(id))
            .map(|(_, text)| text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// Prints the reading grade of the test notes (the app-wide check in `i18n` counts them with
    /// everything else), for the whole file and for the explanations alone (names and headings
    /// are short and pull the whole file's grade down): aimed at grade 7 or lower, failing above
    /// 8 or below a Spanish ease of 70. `cargo test -p frontend --lib reading_grade --
    /// --nocapture` shows the figures.
    #[test]
    fn reading_grade_of_the_test_notes() {
        use shared::readability::{fernandez_huerta_ease, flesch_kincaid_grade};

        let explanation = |id: &str| !id.starts_with("lab-guide-") && !id.ends_with("-name");
        let (english, spanish) = (own_messages(Lang::En), own_messages(Lang::Es));
        for (what, keep) in
            [("test notes", &(|_: &str| true) as &dyn Fn(&str) -> bool), ("explanations alone", &explanation)]
        {
            let (en, es) = (joined(&english, keep), joined(&spanish, keep));
            let (grade, ease) = (flesch_kincaid_grade(&en), fernandez_huerta_ease(&es));
            let words = en.split_whitespace().count();
            println!(
                "reading grade of the {what}: {grade:.1} (Flesch-Kincaid, {words} words); Spanish ease {ease:.1}"
            );
            assert!(grade <= 8.0, "the {what} read at grade {grade:.1}");
            assert!(ease >= 70.0, "the Spanish {what} read at ease {ease:.1}");
        }
        let mut hardest: Vec<(f64, &str)> = english
            .iter()
            .filter(|(_, text)| text.split_whitespace().count() >= 8)
            .map(|(id, text)| (flesch_kincaid_grade(text), id.as_str()))
            .collect();
        hardest.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (grade, id) in hardest.iter().take(5) {
            println!("  hardest: {id} (grade {grade:.1})");
        }
    }
}
