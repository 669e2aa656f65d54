//! The demo clinic's curated code tables: every LOINC, SNOMED CT, RxNorm, CVX, NUCC and payer
//! code the generator writes comes from here, with the display its code system gives it.
//!
//! The codes were checked against published sources (RxNorm names as NLM's value sets and
//! Synthea print them, CDC's CVX table, NUCC's taxonomy), so a reader of the demo sees real
//! terminology. `all()` lists them, and a test holds the generated rows to it.

/// LOINC.
pub const LOINC: &str = "http://loinc.org";
/// SNOMED CT.
pub const SNOMED: &str = "http://snomed.info/sct";
/// RxNorm.
pub const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
/// CDC's vaccines administered (CVX).
pub const CVX: &str = "http://hl7.org/fhir/sid/cvx";
/// NUCC health care provider taxonomy.
pub const NUCC: &str = "http://nucc.org/provider-taxonomy";
/// Source of payment typology (the payer type US Core's Coverage uses).
pub const SOPT: &str = "https://nahdo.org/sopt";
/// FHIR's practitioner role codes.
pub const PRACTITIONER_ROLE: &str = "http://terminology.hl7.org/CodeSystem/practitioner-role";

/// One code of one code system, with its display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub system: &'static str,
    pub code: &'static str,
    pub display: &'static str,
}

const fn loinc(code: &'static str, display: &'static str) -> Code {
    Code { system: LOINC, code, display }
}
const fn sct(code: &'static str, display: &'static str) -> Code {
    Code { system: SNOMED, code, display }
}
const fn rx(code: &'static str, display: &'static str) -> Code {
    Code { system: RXNORM, code, display }
}
const fn cvx(code: &'static str, display: &'static str) -> Code {
    Code { system: CVX, code, display }
}
const fn nucc(code: &'static str, display: &'static str) -> Code {
    Code { system: NUCC, code, display }
}

// ---------------------------------------------------------------------------------------------
// Vital signs (LOINC)

pub const BP_PANEL: Code = loinc("85354-9", "Blood pressure panel with all children optional");
pub const SYSTOLIC: Code = loinc("8480-6", "Systolic blood pressure");
pub const DIASTOLIC: Code = loinc("8462-4", "Diastolic blood pressure");
pub const HEART_RATE: Code = loinc("8867-4", "Heart rate");
pub const RESPIRATORY_RATE: Code = loinc("9279-1", "Respiratory rate");
pub const BODY_WEIGHT: Code = loinc("29463-7", "Body weight");
pub const BODY_HEIGHT: Code = loinc("8302-2", "Body height");
pub const BMI: Code = loinc("39156-5", "Body mass index (BMI) [Ratio]");
pub const BODY_TEMPERATURE: Code = loinc("8310-5", "Body temperature");
pub const SPO2: Code = loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry");
pub const HEAD_CIRCUMFERENCE: Code = loinc("9843-4", "Head Occipital-frontal circumference");

pub const VITALS: &[Code] = &[
    BP_PANEL,
    SYSTOLIC,
    DIASTOLIC,
    HEART_RATE,
    RESPIRATORY_RATE,
    BODY_WEIGHT,
    BODY_HEIGHT,
    BMI,
    BODY_TEMPERATURE,
    SPO2,
    HEAD_CIRCUMFERENCE,
];

// ---------------------------------------------------------------------------------------------
// Laboratory tests (LOINC), with UCUM units and adult reference ranges

/// A reference range; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

const fn range(low: f64, high: f64) -> Range {
    Range { low: Some(low), high: Some(high) }
}
const fn at_least(low: f64) -> Range {
    Range { low: Some(low), high: None }
}
const fn below(high: f64) -> Range {
    Range { low: None, high: Some(high) }
}

/// A numeric laboratory test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub code: Code,
    /// UCUM unit of the value and of the range.
    pub unit: &'static str,
    pub male: Range,
    pub female: Range,
    /// Values beyond these are critical (`LL`, `HH`).
    pub critical_low: Option<f64>,
    pub critical_high: Option<f64>,
    /// Decimals the lab reports.
    pub decimals: u32,
}

const fn lab(code: Code, unit: &'static str, both: Range, decimals: u32) -> Lab {
    Lab { code, unit, male: both, female: both, critical_low: None, critical_high: None, decimals }
}
const fn lab_by_sex(code: Code, unit: &'static str, male: Range, female: Range, decimals: u32) -> Lab {
    Lab { code, unit, male, female, critical_low: None, critical_high: None, decimals }
}
const fn critical(mut lab: Lab, low: Option<f64>, high: Option<f64>) -> Lab {
    lab.critical_low = low;
    lab.critical_high = high;
    lab
}

// CBC
pub const WBC: Lab = critical(
    lab(loinc("6690-2", "Leukocytes [#/volume] in Blood by Automated count"), "10*3/uL", range(4.5, 11.0), 1),
    Some(2.0),
    Some(30.0),
);
pub const RBC: Lab = lab_by_sex(
    loinc("789-8", "Erythrocytes [#/volume] in Blood by Automated count"),
    "10*6/uL",
    range(4.5, 5.9),
    range(4.1, 5.1),
    2,
);
pub const HEMOGLOBIN: Lab = critical(
    lab_by_sex(
        loinc("718-7", "Hemoglobin [Mass/volume] in Blood"),
        "g/dL",
        range(13.5, 17.5),
        range(12.0, 15.5),
        1,
    ),
    Some(7.0),
    Some(20.0),
);
pub const HEMATOCRIT: Lab = lab_by_sex(
    loinc("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count"),
    "%",
    range(41.0, 53.0),
    range(36.0, 46.0),
    1,
);
pub const MCV: Lab = lab(
    loinc("787-2", "MCV [Entitic mean volume] in Red Blood Cells by Automated count"),
    "fL",
    range(80.0, 100.0),
    1,
);
pub const MCH: Lab = lab(loinc("785-6", "MCH [Entitic mass] by Automated count"), "pg", range(27.0, 33.0), 1);
pub const MCHC: Lab = lab(
    loinc("786-4", "MCHC [Entitic Mass/volume] in Red Blood Cells by Automated count"),
    "g/dL",
    range(32.0, 36.0),
    1,
);
pub const RDW: Lab =
    lab(loinc("788-0", "Erythrocyte [DistWidth] in Blood by Automated count"), "%", range(11.5, 14.5), 1);
pub const PLATELETS: Lab = critical(
    lab(
        loinc("777-3", "Platelets [#/volume] in Blood by Automated count"),
        "10*3/uL",
        range(150.0, 400.0),
        0,
    ),
    Some(50.0),
    Some(1000.0),
);

// CMP
pub const GLUCOSE: Lab = critical(
    lab(loinc("2345-7", "Glucose [Mass/volume] in Serum or Plasma"), "mg/dL", range(70.0, 99.0), 0),
    Some(50.0),
    Some(400.0),
);
pub const BUN: Lab =
    lab(loinc("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma"), "mg/dL", range(7.0, 20.0), 0);
pub const CREATININE: Lab = lab_by_sex(
    loinc("2160-0", "Creatinine [Mass/volume] in Serum or Plasma"),
    "mg/dL",
    range(0.74, 1.35),
    range(0.59, 1.04),
    2,
);
pub const CALCIUM: Lab = critical(
    lab(loinc("17861-6", "Calcium [Mass/volume] in Serum or Plasma"), "mg/dL", range(8.6, 10.3), 1),
    Some(6.5),
    Some(13.0),
);
pub const SODIUM: Lab = critical(
    lab(loinc("2951-2", "Sodium [Moles/volume] in Serum or Plasma"), "mmol/L", range(135.0, 145.0), 0),
    Some(120.0),
    Some(160.0),
);
pub const POTASSIUM: Lab = critical(
    lab(loinc("2823-3", "Potassium [Moles/volume] in Serum or Plasma"), "mmol/L", range(3.5, 5.1), 1),
    Some(2.8),
    Some(6.2),
);
pub const CHLORIDE: Lab =
    lab(loinc("2075-0", "Chloride [Moles/volume] in Serum or Plasma"), "mmol/L", range(98.0, 107.0), 0);
pub const CO2: Lab = lab(
    loinc("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma"),
    "mmol/L",
    range(22.0, 29.0),
    0,
);
pub const PROTEIN: Lab =
    lab(loinc("2885-2", "Protein [Mass/volume] in Serum or Plasma"), "g/dL", range(6.0, 8.3), 1);
pub const ALBUMIN: Lab =
    lab(loinc("1751-7", "Albumin [Mass/volume] in Serum or Plasma"), "g/dL", range(3.5, 5.0), 1);
pub const BILIRUBIN: Lab =
    lab(loinc("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma"), "mg/dL", range(0.1, 1.2), 1);
pub const ALK_PHOS: Lab = lab(
    loinc("6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma"),
    "U/L",
    range(44.0, 147.0),
    0,
);
pub const ALT: Lab = lab(
    loinc("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
    "U/L",
    range(7.0, 56.0),
    0,
);
pub const AST: Lab = lab(
    loinc("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
    "U/L",
    range(10.0, 40.0),
    0,
);

// Lipids
pub const CHOLESTEROL: Lab =
    lab(loinc("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma"), "mg/dL", below(200.0), 0);
pub const TRIGLYCERIDES: Lab =
    lab(loinc("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma"), "mg/dL", below(150.0), 0);
pub const HDL: Lab =
    lab(loinc("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma"), "mg/dL", at_least(40.0), 0);
pub const LDL: Lab = lab(
    loinc("18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay"),
    "mg/dL",
    below(100.0),
    0,
);

// Single tests
pub const A1C: Lab =
    lab(loinc("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"), "%", range(4.0, 5.6), 1);
pub const TSH: Lab =
    lab(loinc("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma"), "m[IU]/L", range(0.4, 4.0), 2);
pub const VITAMIN_D: Lab = lab(
    loinc("1989-3", "25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Mass/volume] in Serum or Plasma"),
    "ng/mL",
    range(30.0, 100.0),
    0,
);
pub const MICROALBUMIN: Lab =
    lab(loinc("14959-1", "Microalbumin/Creatinine [Mass Ratio] in Urine"), "mg/g", below(30.0), 0);

// Urinalysis: two numeric tests and the dipstick's yes/no tests.
pub const URINE_SG: Lab =
    lab(loinc("5811-5", "Specific gravity of Urine by Test strip"), "{SG}", range(1.005, 1.030), 3);
pub const URINE_PH: Lab = lab(loinc("5803-2", "pH of Urine by Test strip"), "[pH]", range(5.0, 8.0), 1);
pub const URINE_GLUCOSE: Code = loinc("25428-4", "Glucose [Presence] in Urine by Test strip");
pub const URINE_PROTEIN: Code = loinc("20454-5", "Protein [Presence] in Urine by Test strip");
pub const URINE_KETONES: Code = loinc("2514-8", "Ketones [Presence] in Urine by Test strip");
pub const URINE_BLOOD: Code = loinc("5794-3", "Hemoglobin [Presence] in Urine by Test strip");
pub const URINE_LEUKOCYTES: Code = loinc("5799-2", "Leukocyte esterase [Presence] in Urine by Test strip");
pub const URINE_NITRITE: Code = loinc("5802-4", "Nitrite [Presence] in Urine by Test strip");

/// The values of the yes/no tests.
pub const NEGATIVE: Code = sct("260385009", "Negative");
pub const POSITIVE: Code = sct("10828004", "Positive");

pub const LABS: &[Lab] = &[
    WBC,
    RBC,
    HEMOGLOBIN,
    HEMATOCRIT,
    MCV,
    MCH,
    MCHC,
    RDW,
    PLATELETS,
    GLUCOSE,
    BUN,
    CREATININE,
    CALCIUM,
    SODIUM,
    POTASSIUM,
    CHLORIDE,
    CO2,
    PROTEIN,
    ALBUMIN,
    BILIRUBIN,
    ALK_PHOS,
    ALT,
    AST,
    CHOLESTEROL,
    TRIGLYCERIDES,
    HDL,
    LDL,
    A1C,
    TSH,
    VITAMIN_D,
    MICROALBUMIN,
    URINE_SG,
    URINE_PH,
];
pub const QUALITATIVE_LABS: &[Code] =
    &[URINE_GLUCOSE, URINE_PROTEIN, URINE_KETONES, URINE_BLOOD, URINE_LEUKOCYTES, URINE_NITRITE];

/// The interpretation code (v3 ObservationInterpretation) a value earns against its range.
pub fn interpret(
    value: f64,
    range: Range,
    critical_low: Option<f64>,
    critical_high: Option<f64>,
) -> &'static str {
    if critical_low.is_some_and(|c| value < c) {
        "LL"
    } else if range.low.is_some_and(|l| value < l) {
        "L"
    } else if critical_high.is_some_and(|c| value > c) {
        "HH"
    } else if range.high.is_some_and(|h| value > h) {
        "H"
    } else {
        "N"
    }
}

// Panels (DiagnosticReport codes)
pub const CBC_PANEL: Code = loinc("58410-2", "CBC panel - Blood by Automated count");
pub const CMP_PANEL: Code = loinc("24323-8", "Comprehensive metabolic 2000 panel - Serum or Plasma");
pub const LIPID_PANEL: Code = loinc("57698-3", "Lipid panel with direct LDL - Serum or Plasma");
pub const URINALYSIS_PANEL: Code = loinc("24357-6", "Urinalysis macro (dipstick) panel - Urine");

pub const CBC: &[Lab] = &[WBC, RBC, HEMOGLOBIN, HEMATOCRIT, MCV, MCH, MCHC, RDW, PLATELETS];
pub const CMP: &[Lab] = &[
    GLUCOSE, BUN, CREATININE, CALCIUM, SODIUM, POTASSIUM, CHLORIDE, CO2, PROTEIN, ALBUMIN, BILIRUBIN,
    ALK_PHOS, ALT, AST,
];
pub const LIPIDS: &[Lab] = &[CHOLESTEROL, TRIGLYCERIDES, HDL, LDL];
pub const PANELS: &[Code] = &[CBC_PANEL, CMP_PANEL, LIPID_PANEL, URINALYSIS_PANEL];

// Documents (LOINC)
pub const VISIT_SUMMARY_DOC: Code = loinc("34133-9", "Summary of episode note");
pub const LAB_REPORT_DOC: Code = loinc("11502-2", "Laboratory report");
pub const DOCUMENT_TYPES: &[Code] = &[VISIT_SUMMARY_DOC, LAB_REPORT_DOC];

// ---------------------------------------------------------------------------------------------
// Conditions (SNOMED CT)

pub const TYPE_2_DIABETES: Code = sct("44054006", "Type 2 diabetes mellitus");
pub const PREDIABETES: Code = sct("15777000", "Prediabetes");
pub const HYPERTENSION: Code = sct("38341003", "Hypertension");
pub const HYPERLIPIDEMIA: Code = sct("55822004", "Hyperlipidemia");
pub const OBESITY: Code = sct("162864005", "Body mass index 30+ - obesity");
pub const ASTHMA: Code = sct("195967001", "Asthma");
pub const DEPRESSION: Code = sct("35489007", "Depressive disorder");
pub const ANXIETY: Code = sct("197480006", "Anxiety disorder");
pub const HYPOTHYROIDISM: Code = sct("40930008", "Hypothyroidism");
pub const OSTEOARTHRITIS: Code = sct("396275006", "Osteoarthritis");
pub const CORONARY_DISEASE: Code = sct("53741008", "Coronary arteriosclerosis");
pub const ATRIAL_FIBRILLATION: Code = sct("49436004", "Atrial fibrillation");
pub const CKD_3: Code = sct("433144002", "Chronic kidney disease stage 3");
pub const COPD: Code = sct("13645005", "Chronic obstructive lung disease");
pub const ATOPIC_DERMATITIS: Code = sct("24079001", "Atopic dermatitis");
pub const ACNE: Code = sct("11381005", "Acne");
pub const MIGRAINE: Code = sct("37796009", "Migraine");
pub const ANEMIA: Code = sct("271737000", "Anemia");
pub const VITAMIN_D_DEFICIENCY: Code = sct("34713006", "Vitamin D deficiency");
pub const OSTEOPOROSIS: Code = sct("64859006", "Osteoporosis");
pub const PREGNANCY: Code = sct("72892002", "Normal pregnancy");

// Short illnesses
pub const VIRAL_SINUSITIS: Code = sct("444814009", "Viral sinusitis");
pub const VIRAL_PHARYNGITIS: Code = sct("195662009", "Acute viral pharyngitis");
pub const STREP_THROAT: Code = sct("43878008", "Streptococcal sore throat");
pub const ACUTE_BRONCHITIS: Code = sct("10509002", "Acute bronchitis");
pub const OTITIS_MEDIA: Code = sct("65363002", "Otitis media");
pub const CYSTITIS: Code = sct("307426000", "Acute infective cystitis");
pub const ANKLE_SPRAIN: Code = sct("44465007", "Sprain of ankle");

pub const CONDITIONS: &[Code] = &[
    TYPE_2_DIABETES,
    PREDIABETES,
    HYPERTENSION,
    HYPERLIPIDEMIA,
    OBESITY,
    ASTHMA,
    DEPRESSION,
    ANXIETY,
    HYPOTHYROIDISM,
    OSTEOARTHRITIS,
    CORONARY_DISEASE,
    ATRIAL_FIBRILLATION,
    CKD_3,
    COPD,
    ATOPIC_DERMATITIS,
    ACNE,
    MIGRAINE,
    ANEMIA,
    VITAMIN_D_DEFICIENCY,
    OSTEOPOROSIS,
    PREGNANCY,
    VIRAL_SINUSITIS,
    VIRAL_PHARYNGITIS,
    STREP_THROAT,
    ACUTE_BRONCHITIS,
    OTITIS_MEDIA,
    CYSTITIS,
    ANKLE_SPRAIN,
];

// ---------------------------------------------------------------------------------------------
// Encounter types (SNOMED CT)

pub const CHECK_UP: Code = sct("185349003", "Encounter for check up");
pub const WELL_CHILD: Code = sct("410620009", "Well child visit");
pub const FOLLOW_UP: Code = sct("390906007", "Follow-up encounter");
pub const PROBLEM_VISIT: Code = sct("185347001", "Encounter for problem");
pub const SYMPTOM_VISIT: Code = sct("185345009", "Encounter for symptom");
pub const EMERGENCY: Code = sct("50849002", "Emergency room admission");
pub const PRENATAL_INITIAL: Code = sct("424441002", "Prenatal initial visit");
pub const PRENATAL: Code = sct("424619006", "Prenatal visit");
pub const CONSULTATION: Code = sct("698314001", "Consultation for treatment");
pub const VACCINATION_VISIT: Code = sct("33879002", "Administration of vaccine to produce active immunity");

pub const ENCOUNTER_TYPES: &[Code] = &[
    CHECK_UP,
    WELL_CHILD,
    FOLLOW_UP,
    PROBLEM_VISIT,
    SYMPTOM_VISIT,
    EMERGENCY,
    PRENATAL_INITIAL,
    PRENATAL,
    CONSULTATION,
    VACCINATION_VISIT,
];

// ---------------------------------------------------------------------------------------------
// Care plans and their activities (SNOMED CT)

pub const DIABETES_PLAN: Code = sct("735985000", "Diabetes self management plan");
pub const HYPERTENSION_PLAN: Code = sct("443402002", "Lifestyle education regarding hypertension");
pub const HYPERLIPIDEMIA_PLAN: Code = sct("736285004", "Hyperlipidemia clinical management plan");
pub const ASTHMA_PLAN: Code = sct("699728000", "Asthma self management");
pub const WEIGHT_PLAN: Code = sct("718361005", "Weight management program");
pub const DEPRESSION_PLAN: Code = sct("737434004", "Major depressive disorder clinical management plan");
pub const ANTENATAL_PLAN: Code = sct("134435003", "Routine antenatal care");

pub const DIABETIC_DIET: Code = sct("160670007", "Diabetic diet");
pub const EXERCISE_THERAPY: Code = sct("229065009", "Exercise therapy");
pub const EXERCISE_EDUCATION: Code = sct("386463000", "Prescribed activity/exercise education");
pub const HEALTHY_DIET: Code = sct("226234005", "Healthy diet");
pub const ALCOHOL_COUNSELING: Code = sct("413473000", "Counseling about alcohol consumption");
pub const ASTHMA_MANAGEMENT: Code = sct("406162001", "Asthma management");
pub const SMOKING_CESSATION_EDUCATION: Code = sct("225323000", "Smoking cessation education");
pub const CBT: Code = sct("228557008", "Cognitive and behavioral therapy");
pub const ANTENATAL_EDUCATION: Code = sct("135892000", "Antenatal education");
pub const ANTENATAL_RISK_ASSESSMENT: Code = sct("713076009", "Antenatal risk assessment");

pub const CARE_PLANS: &[Code] = &[
    DIABETES_PLAN,
    HYPERTENSION_PLAN,
    HYPERLIPIDEMIA_PLAN,
    ASTHMA_PLAN,
    WEIGHT_PLAN,
    DEPRESSION_PLAN,
    ANTENATAL_PLAN,
];
pub const CARE_ACTIVITIES: &[Code] = &[
    DIABETIC_DIET,
    EXERCISE_THERAPY,
    EXERCISE_EDUCATION,
    HEALTHY_DIET,
    ALCOHOL_COUNSELING,
    ASTHMA_MANAGEMENT,
    SMOKING_CESSATION_EDUCATION,
    CBT,
    ANTENATAL_EDUCATION,
    ANTENATAL_RISK_ASSESSMENT,
];

// ---------------------------------------------------------------------------------------------
// Allergies: substances (RxNorm ingredients, SNOMED CT substances) and reactions (SNOMED CT)

pub const PENICILLIN_G: Code = rx("7980", "penicillin G");
pub const SULFAMETHOXAZOLE_TRIMETHOPRIM: Code = rx("10831", "sulfamethoxazole / trimethoprim");
pub const ASPIRIN_INGREDIENT: Code = rx("1191", "aspirin");
pub const IBUPROFEN_INGREDIENT: Code = rx("5640", "ibuprofen");
pub const LISINOPRIL_INGREDIENT: Code = rx("29046", "lisinopril");
pub const PEANUT: Code = sct("762952008", "Peanut");
pub const EGGS: Code = sct("102263004", "Eggs (edible)");
pub const COWS_MILK: Code = sct("3718001", "Cow's milk");
pub const SHELLFISH: Code = sct("735029006", "Shellfish");
pub const LATEX: Code = sct("111088007", "Latex");
pub const GRASS_POLLEN: Code = sct("256277009", "Grass pollen");
pub const DUST_MITE: Code = sct("260147004", "House dust mite");
pub const ANIMAL_DANDER: Code = sct("264287008", "Animal dander");
pub const BEE_VENOM: Code = sct("288328004", "Bee venom");
pub const MOLD: Code = sct("84489001", "Mold");

pub const ALLERGENS: &[Code] = &[
    PENICILLIN_G,
    SULFAMETHOXAZOLE_TRIMETHOPRIM,
    ASPIRIN_INGREDIENT,
    IBUPROFEN_INGREDIENT,
    LISINOPRIL_INGREDIENT,
    PEANUT,
    EGGS,
    COWS_MILK,
    SHELLFISH,
    LATEX,
    GRASS_POLLEN,
    DUST_MITE,
    ANIMAL_DANDER,
    BEE_VENOM,
    MOLD,
];

pub const HIVES: Code = sct("247472004", "Wheal");
pub const ANAPHYLAXIS: Code = sct("39579001", "Anaphylaxis");
pub const RASH: Code = sct("271807003", "Eruption of skin");
pub const SHORTNESS_OF_BREATH: Code = sct("267036007", "Dyspnea");
pub const COUGH: Code = sct("49727002", "Cough");
pub const SNEEZING: Code = sct("76067001", "Sneezing");
pub const ITCHING: Code = sct("418290006", "Itching");
pub const NAUSEA: Code = sct("422587007", "Nausea");
pub const VOMITING: Code = sct("422400008", "Vomiting");

pub const REACTIONS: &[Code] =
    &[HIVES, ANAPHYLAXIS, RASH, SHORTNESS_OF_BREATH, COUGH, SNEEZING, ITCHING, NAUSEA, VOMITING];

// ---------------------------------------------------------------------------------------------
// Medications (RxNorm clinical drugs), with how they are written and how a patient reads them

/// A medication the demo prescribes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drug {
    pub code: Code,
    /// The prescriber's sig.
    pub dosage: &'static str,
    /// Plain words for the patient, in English and Spanish.
    pub instruction_en: &'static str,
    pub instruction_es: &'static str,
    pub quantity: f64,
    pub quantity_unit: &'static str,
    pub days_supply: i64,
    /// Refills on a new prescription.
    pub refills: i64,
}

pub const METFORMIN: Drug = Drug {
    code: rx("860975", "24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet"),
    dosage: "1000 mg (2 tablets) by mouth once daily with the evening meal",
    instruction_en: "Take 2 pills once a day with your evening meal.",
    instruction_es: "Tome 2 pastillas una vez al día con la cena.",
    quantity: 180.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const INSULIN_70_30: Drug = Drug {
    code: rx(
        "106892",
        "insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]",
    ),
    dosage: "20 units subcutaneously twice daily before breakfast and dinner",
    instruction_en: "Give yourself 20 units before breakfast and 20 units before dinner.",
    instruction_es: "Póngase 20 unidades antes del desayuno y 20 unidades antes de la cena.",
    quantity: 30.0,
    quantity_unit: "mL",
    days_supply: 75,
    refills: 5,
};
pub const LISINOPRIL: Drug = Drug {
    code: rx("314076", "lisinopril 10 MG Oral Tablet"),
    dosage: "10 mg by mouth once daily",
    instruction_en: "Take 1 pill every morning.",
    instruction_es: "Tome 1 pastilla cada mañana.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const LOSARTAN: Drug = Drug {
    code: rx("979492", "losartan potassium 50 MG Oral Tablet"),
    dosage: "50 mg by mouth once daily",
    instruction_en: "Take 1 pill every morning.",
    instruction_es: "Tome 1 pastilla cada mañana.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const AMLODIPINE: Drug = Drug {
    code: rx("197361", "amlodipine 5 MG Oral Tablet"),
    dosage: "5 mg by mouth once daily",
    instruction_en: "Take 1 pill once a day. Your ankles may swell a little.",
    instruction_es: "Tome 1 pastilla una vez al día. Sus tobillos pueden hincharse un poco.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const HYDROCHLOROTHIAZIDE: Drug = Drug {
    code: rx("310798", "hydrochlorothiazide 25 MG Oral Tablet"),
    dosage: "25 mg by mouth once daily in the morning",
    instruction_en: "Take 1 pill each morning. You may need to pee more often.",
    instruction_es: "Tome 1 pastilla cada mañana. Puede que orine más seguido.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const SIMVASTATIN_20: Drug = Drug {
    code: rx("312961", "simvastatin 20 MG Oral Tablet"),
    dosage: "20 mg by mouth once daily at bedtime",
    instruction_en: "Take 1 pill at bedtime.",
    instruction_es: "Tome 1 pastilla al acostarse.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const ATORVASTATIN_20: Drug = Drug {
    code: rx("617310", "atorvastatin 20 MG Oral Tablet"),
    dosage: "20 mg by mouth once daily",
    instruction_en: "Take 1 pill once a day.",
    instruction_es: "Tome 1 pastilla una vez al día.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const ATORVASTATIN_40: Drug = Drug {
    code: rx("617311", "atorvastatin 40 MG Oral Tablet"),
    dosage: "40 mg by mouth once daily",
    instruction_en: "Take 1 pill once a day.",
    instruction_es: "Tome 1 pastilla una vez al día.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const ALBUTEROL: Drug = Drug {
    code: rx("745679", "200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler"),
    dosage: "2 puffs inhaled every 4 to 6 hours as needed for wheezing or shortness of breath",
    instruction_en: "Breathe in 2 puffs when you wheeze or feel short of breath. Wait 4 hours before the next dose.",
    instruction_es: "Inhale 2 disparos cuando tenga silbido o le falte el aire. Espere 4 horas antes de la próxima dosis.",
    quantity: 1.0,
    quantity_unit: "inhaler",
    days_supply: 30,
    refills: 2,
};
pub const FLUTICASONE: Drug = Drug {
    code: rx("895994", "120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler"),
    dosage: "2 puffs inhaled twice daily; rinse mouth after use",
    instruction_en: "Breathe in 2 puffs in the morning and 2 at night, even when you feel well. Rinse your mouth after.",
    instruction_es: "Inhale 2 disparos en la mañana y 2 en la noche, aunque se sienta bien. Enjuáguese la boca después.",
    quantity: 1.0,
    quantity_unit: "inhaler",
    days_supply: 30,
    refills: 5,
};
pub const FLUTICASONE_SALMETEROL: Drug = Drug {
    code: rx(
        "896209",
        "60 ACTUAT fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler",
    ),
    dosage: "1 inhalation twice daily",
    instruction_en: "Breathe in 1 dose in the morning and 1 at night. Rinse your mouth after.",
    instruction_es: "Inhale 1 dosis en la mañana y 1 en la noche. Enjuáguese la boca después.",
    quantity: 1.0,
    quantity_unit: "inhaler",
    days_supply: 30,
    refills: 5,
};
pub const SERTRALINE: Drug = Drug {
    code: rx("312941", "sertraline 50 MG Oral Tablet"),
    dosage: "50 mg by mouth once daily",
    instruction_en: "Take 1 pill each day. It may take 4 to 6 weeks to feel better.",
    instruction_es: "Tome 1 pastilla cada día. Puede tardar de 4 a 6 semanas en sentirse mejor.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const FLUOXETINE: Drug = Drug {
    code: rx("310385", "fluoxetine 20 MG Oral Capsule"),
    dosage: "20 mg by mouth once daily in the morning",
    instruction_en: "Take 1 pill each morning. It may take a few weeks to help.",
    instruction_es: "Tome 1 pastilla cada mañana. Puede tardar unas semanas en ayudar.",
    quantity: 90.0,
    quantity_unit: "capsule",
    days_supply: 90,
    refills: 3,
};
pub const LEVOTHYROXINE: Drug = Drug {
    code: rx("966222", "levothyroxine sodium 0.075 MG Oral Tablet"),
    dosage: "75 mcg by mouth once daily on an empty stomach",
    instruction_en: "Take 1 pill each morning with water. Wait 30 minutes before you eat.",
    instruction_es: "Tome 1 pastilla cada mañana con agua. Espere 30 minutos antes de comer.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const APIXABAN: Drug = Drug {
    code: rx("1364445", "apixaban 5 MG Oral Tablet"),
    dosage: "5 mg by mouth twice daily",
    instruction_en: "Take 1 pill in the morning and 1 at night. Do not skip doses. Tell us about any bleeding.",
    instruction_es: "Tome 1 pastilla en la mañana y 1 en la noche. No se salte dosis. Avísenos si sangra.",
    quantity: 180.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const METOPROLOL: Drug = Drug {
    code: rx("866427", "24 HR metoprolol succinate 25 MG Extended Release Oral Tablet"),
    dosage: "25 mg by mouth once daily",
    instruction_en: "Take 1 pill once a day. Do not stop it all at once.",
    instruction_es: "Tome 1 pastilla una vez al día. No la deje de golpe.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const ASPIRIN_81: Drug = Drug {
    code: rx("243670", "aspirin 81 MG Oral Tablet"),
    dosage: "81 mg by mouth once daily",
    instruction_en: "Take 1 small pill each day with food.",
    instruction_es: "Tome 1 pastilla pequeña cada día con comida.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const ALENDRONATE: Drug = Drug {
    code: rx("904419", "alendronic acid 10 MG Oral Tablet"),
    dosage: "10 mg by mouth once daily before breakfast with a full glass of water; remain upright 30 minutes",
    instruction_en: "Take 1 pill each morning with a full glass of water. Stay sitting up for 30 minutes.",
    instruction_es: "Tome 1 pastilla cada mañana con un vaso lleno de agua. Quédese sentado 30 minutos.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 3,
};
pub const NAPROXEN: Drug = Drug {
    code: rx("849574", "naproxen sodium 220 MG Oral Tablet"),
    dosage: "220 mg by mouth twice daily as needed for joint pain, with food",
    instruction_en: "Take 1 pill with food up to 2 times a day when your joints hurt.",
    instruction_es: "Tome 1 pastilla con comida hasta 2 veces al día cuando le duelan las articulaciones.",
    quantity: 60.0,
    quantity_unit: "tablet",
    days_supply: 30,
    refills: 2,
};
pub const IBUPROFEN: Drug = Drug {
    code: rx("310965", "ibuprofen 200 MG Oral Tablet"),
    dosage: "400 mg (2 tablets) by mouth every 6 hours as needed for pain, with food",
    instruction_en: "Take 2 pills with food every 6 hours if you have pain.",
    instruction_es: "Tome 2 pastillas con comida cada 6 horas si tiene dolor.",
    quantity: 40.0,
    quantity_unit: "tablet",
    days_supply: 5,
    refills: 0,
};
pub const ACETAMINOPHEN: Drug = Drug {
    code: rx("313782", "acetaminophen 325 MG Oral Tablet"),
    dosage: "650 mg (2 tablets) by mouth every 6 hours as needed for pain or fever",
    instruction_en: "Take 2 pills every 6 hours if you have pain or fever. Do not take more than 10 pills a day.",
    instruction_es: "Tome 2 pastillas cada 6 horas si tiene dolor o fiebre. No tome más de 10 pastillas al día.",
    quantity: 40.0,
    quantity_unit: "tablet",
    days_supply: 5,
    refills: 0,
};
pub const ACETAMINOPHEN_CHEWABLE: Drug = Drug {
    code: rx("313820", "acetaminophen 160 MG Chewable Tablet"),
    dosage: "160 mg chewed every 6 hours as needed for fever or pain",
    instruction_en: "Give 1 chewable pill every 6 hours if your child has fever or pain.",
    instruction_es: "Dele 1 pastilla masticable cada 6 horas si su hijo tiene fiebre o dolor.",
    quantity: 24.0,
    quantity_unit: "tablet",
    days_supply: 5,
    refills: 0,
};
pub const AMOXICILLIN_500: Drug = Drug {
    code: rx("308192", "amoxicillin 500 MG Oral Tablet"),
    dosage: "500 mg by mouth three times daily for 10 days",
    instruction_en: "Take 1 pill 3 times a day for 10 days. Finish all of it, even if you feel better.",
    instruction_es: "Tome 1 pastilla 3 veces al día por 10 días. Termínelas todas aunque se sienta mejor.",
    quantity: 30.0,
    quantity_unit: "tablet",
    days_supply: 10,
    refills: 0,
};
pub const AMOXICILLIN_250: Drug = Drug {
    code: rx("308182", "amoxicillin 250 MG Oral Capsule"),
    dosage: "250 mg by mouth three times daily for 10 days",
    instruction_en: "Give 1 pill 3 times a day for 10 days. Give all of it, even if your child feels better.",
    instruction_es: "Dele 1 pastilla 3 veces al día por 10 días. Déselas todas aunque su hijo se sienta mejor.",
    quantity: 30.0,
    quantity_unit: "capsule",
    days_supply: 10,
    refills: 0,
};
pub const NITROFURANTOIN: Drug = Drug {
    code: rx(
        "1648755",
        "nitrofurantoin, macrocrystals 25 MG / nitrofurantoin, monohydrate 75 MG Oral Capsule",
    ),
    dosage: "100 mg by mouth twice daily for 5 days",
    instruction_en: "Take 1 pill 2 times a day with food for 5 days. Drink lots of water.",
    instruction_es: "Tome 1 pastilla 2 veces al día con comida por 5 días. Tome mucha agua.",
    quantity: 10.0,
    quantity_unit: "capsule",
    days_supply: 5,
    refills: 0,
};
pub const CETIRIZINE: Drug = Drug {
    code: rx("1014678", "cetirizine hydrochloride 10 MG Oral Tablet"),
    dosage: "10 mg by mouth once daily as needed for allergy symptoms",
    instruction_en: "Take 1 pill a day when your allergies bother you. It may make you sleepy.",
    instruction_es: "Tome 1 pastilla al día cuando le molesten las alergias. Le puede dar sueño.",
    quantity: 30.0,
    quantity_unit: "tablet",
    days_supply: 30,
    refills: 5,
};
pub const EPINEPHRINE: Drug = Drug {
    code: rx("1870230", "NDA020800 0.3 ML epinephrine 1 MG/ML Auto-Injector"),
    dosage: "0.3 mg intramuscularly into the outer thigh once as needed for anaphylaxis; call 911",
    instruction_en: "If you have a bad allergic reaction, press this pen into your outer thigh. Then call 911.",
    instruction_es: "Si tiene una reacción alérgica grave, presione esta pluma en el muslo. Luego llame al 911.",
    quantity: 2.0,
    quantity_unit: "auto-injector",
    days_supply: 365,
    refills: 1,
};
pub const HYDROCORTISONE_CREAM: Drug = Drug {
    code: rx("106258", "hydrocortisone 10 MG/ML Topical Cream"),
    dosage: "Apply a thin layer to affected skin twice daily for up to 2 weeks",
    instruction_en: "Rub a thin layer on the red, itchy spots 2 times a day. Use it for 2 weeks at most.",
    instruction_es: "Úntese una capa delgada en las partes rojas y con comezón 2 veces al día. Úsela 2 semanas como máximo.",
    quantity: 28.0,
    quantity_unit: "g",
    days_supply: 14,
    refills: 1,
};
pub const FERROUS_SULFATE: Drug = Drug {
    code: rx("310325", "ferrous sulfate 325 MG Oral Tablet"),
    dosage: "325 mg by mouth once daily",
    instruction_en: "Take 1 iron pill a day. It can make your stool dark. That is normal.",
    instruction_es: "Tome 1 pastilla de hierro al día. Puede oscurecer sus heces. Eso es normal.",
    quantity: 90.0,
    quantity_unit: "tablet",
    days_supply: 90,
    refills: 1,
};

pub const DRUGS: &[Drug] = &[
    METFORMIN,
    INSULIN_70_30,
    LISINOPRIL,
    LOSARTAN,
    AMLODIPINE,
    HYDROCHLOROTHIAZIDE,
    SIMVASTATIN_20,
    ATORVASTATIN_20,
    ATORVASTATIN_40,
    ALBUTEROL,
    FLUTICASONE,
    FLUTICASONE_SALMETEROL,
    SERTRALINE,
    FLUOXETINE,
    LEVOTHYROXINE,
    APIXABAN,
    METOPROLOL,
    ASPIRIN_81,
    ALENDRONATE,
    NAPROXEN,
    IBUPROFEN,
    ACETAMINOPHEN,
    ACETAMINOPHEN_CHEWABLE,
    AMOXICILLIN_500,
    AMOXICILLIN_250,
    NITROFURANTOIN,
    CETIRIZINE,
    EPINEPHRINE,
    HYDROCORTISONE_CREAM,
    FERROUS_SULFATE,
];

// ---------------------------------------------------------------------------------------------
// Vaccines (CVX), with the ages at which the demo may give them

const DAY: i32 = 1;
const WEEK: i32 = 7;
const MONTH: i32 = 30;
const YEAR: i32 = 365;

/// A vaccine and the ages (in days, `[from, to)`) it is given at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vaccine {
    pub code: Code,
    pub ages: &'static [(i32, i32)],
    /// HL7 v3 `RouteOfAdministration` code.
    pub route: &'static str,
    /// Dose in mL.
    pub dose_ml: f64,
}

const NEVER: i32 = 200 * YEAR;

pub const HEPB_PEDIATRIC: Vaccine = Vaccine {
    code: cvx("08", "Hep B, adolescent or pediatric"),
    ages: &[(0, 19 * YEAR)],
    route: "IM",
    dose_ml: 0.5,
};
pub const HEPB_ADULT: Vaccine =
    Vaccine { code: cvx("43", "Hep B, adult"), ages: &[(19 * YEAR, NEVER)], route: "IM", dose_ml: 1.0 };
pub const DTAP: Vaccine =
    Vaccine { code: cvx("20", "DTaP"), ages: &[(6 * WEEK, 7 * YEAR)], route: "IM", dose_ml: 0.5 };
pub const DTAP_5: Vaccine = Vaccine {
    code: cvx("106", "DTaP, 5 pertussis antigens"),
    ages: &[(6 * WEEK, 7 * YEAR)],
    route: "IM",
    dose_ml: 0.5,
};
pub const DTAP_HEPB_IPV: Vaccine =
    Vaccine { code: cvx("110", "DTaP-hepB-IPV"), ages: &[(6 * WEEK, 7 * YEAR)], route: "IM", dose_ml: 0.5 };
pub const IPV: Vaccine =
    Vaccine { code: cvx("10", "IPV"), ages: &[(6 * WEEK, 18 * YEAR)], route: "IM", dose_ml: 0.5 };
pub const HIB: Vaccine =
    Vaccine { code: cvx("49", "Hib (PRP-OMP)"), ages: &[(6 * WEEK, 5 * YEAR)], route: "IM", dose_ml: 0.5 };
pub const PCV13: Vaccine = Vaccine {
    code: cvx("133", "Pneumococcal conjugate PCV 13"),
    ages: &[(6 * WEEK, 6 * YEAR), (19 * YEAR, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};
pub const PCV20: Vaccine = Vaccine {
    code: cvx("216", "Pneumococcal conjugate PCV20, polysaccharide CRM197 conjugate, adjuvant, PF"),
    ages: &[(6 * WEEK, 6 * YEAR), (19 * YEAR, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};
pub const PPSV23: Vaccine = Vaccine {
    code: cvx("33", "pneumococcal polysaccharide vaccine, 23 valent"),
    ages: &[(2 * YEAR, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};
pub const ROTAVIRUS: Vaccine = Vaccine {
    code: cvx("116", "rotavirus, pentavalent"),
    ages: &[(6 * WEEK, 8 * MONTH + DAY)],
    route: "PO",
    dose_ml: 2.0,
};
pub const MMR: Vaccine =
    Vaccine { code: cvx("03", "MMR"), ages: &[(12 * MONTH, NEVER)], route: "SQ", dose_ml: 0.5 };
pub const VARICELLA: Vaccine =
    Vaccine { code: cvx("21", "varicella"), ages: &[(12 * MONTH, NEVER)], route: "SQ", dose_ml: 0.5 };
pub const HEPA_PEDIATRIC: Vaccine = Vaccine {
    code: cvx("83", "Hep A, ped/adol, 2 dose"),
    ages: &[(12 * MONTH, 19 * YEAR)],
    route: "IM",
    dose_ml: 0.5,
};
pub const HPV4: Vaccine = Vaccine {
    code: cvx("62", "HPV, quadrivalent"),
    ages: &[(9 * YEAR, 46 * YEAR)],
    route: "IM",
    dose_ml: 0.5,
};
pub const HPV9: Vaccine = Vaccine {
    code: cvx("165", "Human Papillomavirus 9-valent vaccine"),
    ages: &[(9 * YEAR, 46 * YEAR)],
    route: "IM",
    dose_ml: 0.5,
};
pub const MENACWY_D: Vaccine = Vaccine {
    code: cvx("114", "meningococcal MCV4P"),
    ages: &[(9 * MONTH, 56 * YEAR)],
    route: "IM",
    dose_ml: 0.5,
};
pub const MENACWY_CRM: Vaccine = Vaccine {
    code: cvx("136", "Meningococcal MCV4O"),
    ages: &[(2 * MONTH, 56 * YEAR)],
    route: "IM",
    dose_ml: 0.5,
};
pub const TDAP: Vaccine =
    Vaccine { code: cvx("115", "Tdap"), ages: &[(7 * YEAR, NEVER)], route: "IM", dose_ml: 0.5 };
pub const TD: Vaccine = Vaccine {
    code: cvx("113", "Td (adult), 5 Lf tetanus toxoid, preservative free, adsorbed"),
    ages: &[(7 * YEAR, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};
pub const FLU_TRIVALENT_PF: Vaccine = Vaccine {
    code: cvx("140", "Influenza, split virus, trivalent, PF"),
    ages: &[(6 * MONTH, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};
pub const FLU_QUADRIVALENT_PF: Vaccine = Vaccine {
    code: cvx("150", "Influenza, injectable, quadrivalent, preservative free"),
    ages: &[(6 * MONTH, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};
pub const FLU_QUADRIVALENT: Vaccine = Vaccine {
    code: cvx("158", "influenza, injectable, quadrivalent, contains preservative"),
    ages: &[(6 * MONTH, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};
pub const COVID_PFIZER: Vaccine = Vaccine {
    code: cvx("208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose"),
    ages: &[(12 * YEAR, NEVER)],
    route: "IM",
    dose_ml: 0.3,
};
pub const COVID_BIVALENT: Vaccine = Vaccine {
    code: cvx("300", "COVID-19, mRNA, LNP-S, bivalent, PF, 30 mcg/0.3 mL dose"),
    ages: &[(12 * YEAR, NEVER)],
    route: "IM",
    dose_ml: 0.3,
};
pub const COVID_UNSPECIFIED: Vaccine = Vaccine {
    code: cvx("213", "SARS-COV-2 (COVID-19) vaccine, UNSPECIFIED FORMULATION"),
    ages: &[(6 * MONTH, NEVER)],
    route: "IM",
    dose_ml: 0.3,
};
pub const ZOSTER: Vaccine = Vaccine {
    code: cvx("187", "zoster recombinant"),
    ages: &[(50 * YEAR, NEVER)],
    route: "IM",
    dose_ml: 0.5,
};

pub const VACCINES: &[Vaccine] = &[
    HEPB_PEDIATRIC,
    HEPB_ADULT,
    DTAP,
    DTAP_5,
    DTAP_HEPB_IPV,
    IPV,
    HIB,
    PCV13,
    PCV20,
    PPSV23,
    ROTAVIRUS,
    MMR,
    VARICELLA,
    HEPA_PEDIATRIC,
    HPV4,
    HPV9,
    MENACWY_D,
    MENACWY_CRM,
    TDAP,
    TD,
    FLU_TRIVALENT_PF,
    FLU_QUADRIVALENT_PF,
    FLU_QUADRIVALENT,
    COVID_PFIZER,
    COVID_BIVALENT,
    COVID_UNSPECIFIED,
    ZOSTER,
];

/// The vaccine a CVX code names.
pub fn vaccine(cvx_code: &str) -> Option<&'static Vaccine> {
    VACCINES.iter().find(|v| v.code.code == cvx_code)
}

// ---------------------------------------------------------------------------------------------
// Provider taxonomy (NUCC) and payer types (SOPT)

pub const FAMILY_MEDICINE: Code = nucc("207Q00000X", "Family Medicine");
pub const INTERNAL_MEDICINE: Code = nucc("207R00000X", "Internal Medicine");
pub const CARDIOLOGY: Code = nucc("207RC0000X", "Cardiovascular Disease");
pub const ENDOCRINOLOGY: Code = nucc("207RE0101X", "Endocrinology, Diabetes & Metabolism");
pub const PEDIATRICS: Code = nucc("208000000X", "Pediatrics");
pub const OBSTETRICS_GYNECOLOGY: Code = nucc("207V00000X", "Obstetrics & Gynecology");
pub const DERMATOLOGY: Code = nucc("207N00000X", "Dermatology");
pub const EMERGENCY_MEDICINE: Code = nucc("207P00000X", "Emergency Medicine");
pub const FAMILY_NURSE_PRACTITIONER: Code = nucc("363LF0000X", "Nurse Practitioner, Family");
pub const REGISTERED_NURSE: Code = nucc("163W00000X", "Registered Nurse");

pub const TAXONOMY: &[Code] = &[
    FAMILY_MEDICINE,
    INTERNAL_MEDICINE,
    CARDIOLOGY,
    ENDOCRINOLOGY,
    PEDIATRICS,
    OBSTETRICS_GYNECOLOGY,
    DERMATOLOGY,
    EMERGENCY_MEDICINE,
    FAMILY_NURSE_PRACTITIONER,
    REGISTERED_NURSE,
];

pub const DOCTOR_ROLE: Code = Code { system: PRACTITIONER_ROLE, code: "doctor", display: "Doctor" };
pub const NURSE_ROLE: Code = Code { system: PRACTITIONER_ROLE, code: "nurse", display: "Nurse" };

pub const MEDICARE: Code = Code { system: SOPT, code: "1", display: "MEDICARE" };
pub const MEDICAID: Code = Code { system: SOPT, code: "2", display: "MEDICAID" };
pub const PRIVATE_INSURANCE: Code = Code { system: SOPT, code: "5", display: "PRIVATE HEALTH INSURANCE" };

// ---------------------------------------------------------------------------------------------

/// Every code in these tables.
pub fn all() -> Vec<Code> {
    let mut codes = Vec::new();
    codes.extend_from_slice(VITALS);
    codes.extend(LABS.iter().map(|l| l.code));
    codes.extend_from_slice(QUALITATIVE_LABS);
    codes.extend_from_slice(&[NEGATIVE, POSITIVE]);
    codes.extend_from_slice(PANELS);
    codes.extend_from_slice(DOCUMENT_TYPES);
    codes.extend_from_slice(CONDITIONS);
    codes.extend_from_slice(ENCOUNTER_TYPES);
    codes.extend_from_slice(CARE_PLANS);
    codes.extend_from_slice(CARE_ACTIVITIES);
    codes.extend_from_slice(ALLERGENS);
    codes.extend_from_slice(REACTIONS);
    codes.extend(DRUGS.iter().map(|d| d.code));
    codes.extend(VACCINES.iter().map(|v| v.code));
    codes.extend_from_slice(TAXONOMY);
    codes.extend_from_slice(&[DOCTOR_ROLE, NURSE_ROLE, MEDICARE, MEDICAID, PRIVATE_INSURANCE]);
    codes
}

/// The code `code` of `system`, if the tables have it.
pub fn find(system: &str, code: &str) -> Option<Code> {
    all().into_iter().find(|c| c.system == system && c.code == code)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn no_code_has_two_displays_and_every_table_uses_a_known_system() {
        let mut seen: HashMap<(&str, &str), &str> = HashMap::new();
        for code in all() {
            assert!(
                [LOINC, SNOMED, RXNORM, CVX, NUCC, SOPT, PRACTITIONER_ROLE].contains(&code.system),
                "{code:?}"
            );
            assert!(!code.display.is_empty() && !code.code.is_empty(), "{code:?}");
            let previous = seen.insert((code.system, code.code), code.display);
            assert!(previous.is_none_or(|d| d == code.display), "{code:?} has two displays");
        }
    }

    #[test]
    fn loinc_codes_carry_a_valid_check_digit() {
        // LOINC's check digit is a mod 10 (Luhn) digit over the number part.
        for code in all().iter().filter(|c| c.system == LOINC) {
            let (number, check) = code.code.split_once('-').expect("LOINC codes have a check digit");
            let digits: Vec<u32> = number.chars().map(|c| c.to_digit(10).unwrap()).collect();
            let mut sum = 0;
            for (i, d) in digits.iter().rev().enumerate() {
                let mut v = *d;
                if i % 2 == 0 {
                    v *= 2;
                    if v > 9 {
                        v -= 9;
                    }
                }
                sum += v;
            }
            let expected = (10 - sum % 10) % 10;
            assert_eq!(check, expected.to_string(), "{code:?}");
        }
    }

    #[test]
    fn snomed_codes_carry_a_valid_verhoeff_check_digit() {
        // SNOMED CT identifiers end in a Verhoeff check digit; a typo almost always breaks it.
        const D: [[u8; 10]; 10] = [
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
            [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
            [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
            [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
            [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
            [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
            [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
            [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
            [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
        ];
        const P: [[u8; 10]; 8] = [
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
            [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
            [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
            [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
            [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
            [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
            [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
        ];
        for code in all().iter().filter(|c| c.system == SNOMED) {
            let mut c = 0u8;
            for (i, ch) in code.code.chars().rev().enumerate() {
                let digit = u8::try_from(ch.to_digit(10).unwrap()).unwrap();
                c = D[usize::from(c)][usize::from(P[i % 8][usize::from(digit)])];
            }
            assert_eq!(c, 0, "{code:?} fails its Verhoeff check");
        }
    }

    #[test]
    fn interpretation_follows_the_range_and_the_critical_limits() {
        assert_eq!(interpret(5.0, GLUCOSE.male, GLUCOSE.critical_low, GLUCOSE.critical_high), "LL");
        assert_eq!(interpret(65.0, GLUCOSE.male, GLUCOSE.critical_low, GLUCOSE.critical_high), "L");
        assert_eq!(interpret(70.0, GLUCOSE.male, GLUCOSE.critical_low, GLUCOSE.critical_high), "N");
        assert_eq!(interpret(99.0, GLUCOSE.male, GLUCOSE.critical_low, GLUCOSE.critical_high), "N");
        assert_eq!(interpret(160.0, GLUCOSE.male, GLUCOSE.critical_low, GLUCOSE.critical_high), "H");
        assert_eq!(interpret(450.0, GLUCOSE.male, GLUCOSE.critical_low, GLUCOSE.critical_high), "HH");
        assert_eq!(interpret(35.0, HDL.male, None, None), "L");
        assert_eq!(interpret(80.0, HDL.male, None, None), "N");
    }

    #[test]
    fn every_vaccine_window_is_ordered() {
        for v in VACCINES {
            for (from, to) in v.ages {
                assert!(from < to, "{v:?}");
            }
        }
    }
}
