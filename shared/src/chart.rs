//! The patient's chart as the portal's screens show it: health summary, test results with their
//! history, medications, immunizations, allergies, health issues, visits and documents. Dates
//! are text: `*_at` fields are UTC instants (`YYYY-MM-DDTHH:MM:SSZ`); other dates keep the
//! precision the clinic recorded (`2019`, `2019-05-01`). The app formats them per language.

use serde::{Deserialize, Serialize};

/// A code from a terminology (LOINC, SNOMED CT, RxNorm, CVX) and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coded {
    pub system: Option<String>,
    pub code: Option<String>,
    pub display: String,
}

/// `GET /api/patients/{id}/summary`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthSummary {
    pub patient: PatientProfile,
    pub problems: Vec<Problem>,
    pub allergies: Vec<Allergy>,
    /// Medicines the patient takes now.
    pub medications: Vec<Medication>,
    /// The latest vaccines, newest first.
    pub immunizations: Vec<Immunization>,
    /// The latest value of each vital sign.
    pub vitals: Vec<ResultValue>,
    /// Results of the last 30 days, newest first.
    pub recent_results: Vec<ResultSummary>,
    pub upcoming_visits: Vec<Visit>,
    /// Vaccines due or overdue by the CDC's routine schedule, overdue first.
    pub vaccines_due: Vec<VaccineDue>,
    /// How many lines of the results list are new to the signed-in account.
    pub new_results: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientProfile {
    pub id: String,
    pub name: String,
    pub birth_date: Option<String>,
    /// administrative gender: female, male, other, unknown
    pub gender: Option<String>,
    /// BCP 47 code of the language the patient prefers.
    pub language: Option<String>,
    pub medical_record_number: Option<String>,
    pub primary_care: Option<String>,
}

/// How a result compares with its normal range, read from the lab's flag or, when the lab sent
/// none, from the value and range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    Normal,
    High,
    Low,
    CriticalHigh,
    CriticalLow,
    Abnormal,
    /// No range to compare with.
    None,
}

impl Flag {
    pub const fn is_abnormal(self) -> bool {
        !matches!(self, Self::Normal | Self::None)
    }
}

/// Which results a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ResultCategory {
    Laboratory,
    VitalSigns,
    Other,
}

/// One line of the results list: a panel (a lab report of several tests) or a single test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultSummary {
    /// A report's or an observation's id; `GET …/results/{id}` opens it.
    pub id: String,
    pub name: Coded,
    pub category: ResultCategory,
    pub effective_at: Option<String>,
    pub issued_at: Option<String>,
    pub status: String,
    /// How many tests the line holds (1 for a single test).
    pub tests: u32,
    /// How many of them are outside their range.
    pub abnormal: u32,
    /// For a single test: its value, unit and flag; none for a panel.
    pub value_num: Option<f64>,
    pub value_text: Option<String>,
    pub unit: Option<String>,
    pub flag: Option<Flag>,
    /// Whether the signed-in account has never opened this line and it was issued (else taken)
    /// within the last [`NEW_RESULT_DAYS`] days.
    pub is_new: bool,
}

/// How many days a result stays "new" to an account that has not opened it.
pub const NEW_RESULT_DAYS: u32 = 30;

/// `GET /api/patients/{id}/results`: a page of the list, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsPage {
    pub items: Vec<ResultSummary>,
    /// Pass as `after` to get the next page; `None` on the last page.
    pub next: Option<String>,
}

/// One measured value with its range and flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultValue {
    pub observation_id: String,
    pub name: Coded,
    pub value_num: Option<f64>,
    /// The value in words when it is not a number (`"Negative"`), or the number as the lab wrote it.
    pub value_text: Option<String>,
    pub unit: Option<String>,
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub ref_text: Option<String>,
    pub flag: Flag,
    pub effective_at: Option<String>,
    /// Whether earlier values of the same test exist, for a trend chart.
    pub has_history: bool,
}

/// `GET /api/patients/{id}/results/{result_id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultDetail {
    pub id: String,
    pub name: Coded,
    pub category: ResultCategory,
    pub status: String,
    pub effective_at: Option<String>,
    pub issued_at: Option<String>,
    pub ordered_by: Option<String>,
    pub values: Vec<ResultValue>,
    pub conclusion: Option<String>,
    pub note: Option<String>,
}

/// `GET /api/patients/{id}/results/history?code=…`: every value of one test over time, oldest
/// first, for a trend chart and its table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultHistory {
    pub name: Coded,
    pub unit: Option<String>,
    pub points: Vec<HistoryPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryPoint {
    pub observation_id: String,
    pub effective_at: String,
    pub value: f64,
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub flag: Flag,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Medication {
    pub id: String,
    pub name: Coded,
    /// active, completed, stopped, on-hold, cancelled…
    pub status: String,
    pub active: bool,
    pub dosage: Option<String>,
    pub instructions: Option<String>,
    pub prescriber: Option<String>,
    pub authored_on: Option<String>,
    pub reason: Option<String>,
    pub refills_allowed: Option<u32>,
    pub refills_remaining: Option<u32>,
    pub quantity: Option<String>,
    pub days_supply: Option<u32>,
    pub pharmacy: Option<Pharmacy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pharmacy {
    pub id: String,
    pub name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Immunization {
    pub id: String,
    pub vaccine: Coded,
    /// The diseases the vaccine protects against, by the CDC's families (several for a
    /// combination vaccine; none for a code outside the routine schedule), so the app can name
    /// it in plain words rather than by the product's name.
    pub families: Vec<VaccineFamily>,
    pub status: String,
    pub occurrence: Option<String>,
    pub occurrence_at: Option<String>,
    pub lot_number: Option<String>,
    pub location: Option<String>,
}

/// A vaccine by the disease it prevents, as the CDC's schedules name them; every CVX code of a
/// family (single vaccines and combinations) counts as a dose of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VaccineFamily {
    HepatitisB,
    Rotavirus,
    /// Diphtheria, tetanus and pertussis for children under 7.
    Dtap,
    Hib,
    Pneumococcal,
    Polio,
    /// Measles, mumps and rubella.
    Mmr,
    Varicella,
    HepatitisA,
    Flu,
    Covid19,
    /// Tetanus, diphtheria and pertussis from 7 years (Tdap or Td).
    Tdap,
    Hpv,
    Meningococcal,
    Shingles,
    Rsv,
}

impl VaccineFamily {
    /// Every family, so the app can check it has words for each.
    pub const ALL: [Self; 16] = [
        Self::HepatitisB,
        Self::Rotavirus,
        Self::Dtap,
        Self::Hib,
        Self::Pneumococcal,
        Self::Polio,
        Self::Mmr,
        Self::Varicella,
        Self::HepatitisA,
        Self::Flu,
        Self::Covid19,
        Self::Tdap,
        Self::Hpv,
        Self::Meningococcal,
        Self::Shingles,
        Self::Rsv,
    ];
}

/// Whether a vaccine is due now or already past the age or interval it was due by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    Due,
    Overdue,
}

/// `GET /api/patients/{id}/vaccines-due`: one vaccine the routine schedule says is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VaccineDue {
    pub family: VaccineFamily,
    pub status: DueStatus,
    /// 1-based dose of the series (None for yearly/one-off)
    pub dose: Option<u32>,
    /// How many doses the series has (None for yearly/one-off).
    pub doses: Option<u32>,
    /// YYYY-MM-DD the dose became due
    pub due_since: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Allergy {
    pub id: String,
    pub substance: Coded,
    /// food, medication, environment, biologic
    pub category: Option<String>,
    /// low, high, unable-to-assess
    pub criticality: Option<String>,
    pub clinical_status: Option<String>,
    pub reactions: Vec<Reaction>,
    pub recorded_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reaction {
    pub manifestation: Coded,
    /// mild, moderate, severe
    pub severity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    pub id: String,
    pub name: Coded,
    /// active, recurrence, relapse, inactive, remission, resolved
    pub clinical_status: Option<String>,
    pub onset: Option<String>,
    pub abatement: Option<String>,
    pub recorded_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Visit {
    pub id: String,
    pub kind: Coded,
    /// planned, arrived, in-progress, finished, cancelled…
    pub status: String,
    pub start_at: Option<String>,
    pub end_at: Option<String>,
    pub reason: Option<String>,
    pub provider: Option<String>,
    pub location: Option<String>,
    pub has_summary: bool,
}

/// `GET /api/patients/{id}/visits/{visit_id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitDetail {
    pub visit: Visit,
    pub after_visit_summary: Option<String>,
    pub note: Option<String>,
    /// Results measured at this visit.
    pub results: Vec<ResultSummary>,
    pub documents: Vec<DocumentSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentSummary {
    pub id: String,
    pub kind: Coded,
    pub description: Option<String>,
    pub date_at: Option<String>,
    pub author: Option<String>,
    pub attachments: Vec<AttachmentInfo>,
}

/// A file of a document; `GET …/documents/{id}/files/{seq}` downloads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentInfo {
    pub seq: u32,
    pub title: Option<String>,
    pub content_type: Option<String>,
    pub size: Option<u64>,
}
