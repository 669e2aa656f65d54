//! One struct per table of the clinical record, generated from (and checked against, by
//! `tests::every_record_matches_its_table`) `migrations/sqlite/0002_clinical_record.sql`.

use super::record;

record! {
    /// A row of `organizations`.
    pub struct Organization in "organizations" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub is_stub: i64,
        pub active: i64,
        pub name: Option<String>,
        pub type_code: Option<String>,
        pub type_display: Option<String>,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub address_line: Option<String>,
        pub city: Option<String>,
        pub state: Option<String>,
        pub postal_code: Option<String>,
        pub country: Option<String>,
        pub part_of_id: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// A row of `locations`.
    pub struct Location in "locations" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub is_stub: i64,
        pub status: Option<String>,
        pub name: Option<String>,
        pub description: Option<String>,
        pub phone: Option<String>,
        pub address_line: Option<String>,
        pub city: Option<String>,
        pub state: Option<String>,
        pub postal_code: Option<String>,
        pub country: Option<String>,
        pub latitude: Option<f64>,
        pub longitude: Option<f64>,
        pub managing_organization_id: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// A row of `practitioners`.
    pub struct Practitioner in "practitioners" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub is_stub: i64,
        pub active: i64,
        pub prefix: Option<String>,
        pub given: Option<String>,
        pub family: Option<String>,
        pub suffix: Option<String>,
        pub gender: Option<String>,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// What a practitioner does where: role and specialty (NUCC taxonomy) at an organisation.
    pub struct PractitionerRole in "practitioner_roles" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub active: i64,
        pub practitioner_id: Option<String>,
        pub organization_id: Option<String>,
        pub location_id: Option<String>,
        pub role_system: Option<String>,
        pub role_code: Option<String>,
        pub role_display: Option<String>,
        pub specialty_system: Option<String>,
        pub specialty_code: Option<String>,
        pub specialty_display: Option<String>,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// A row of `patients`.
    pub struct Patient in "patients" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub is_stub: i64,
        pub active: i64,
        pub prefix: Option<String>,
        pub given: Option<String>,
        pub family: Option<String>,
        pub suffix: Option<String>,
        pub birth_date: Option<String>,
        pub gender: Option<String>,
        pub deceased_at: Option<String>,
        pub marital_status: Option<String>,
        /// BCP 47 code of the language the patient prefers ('en', 'es').
        pub language: Option<String>,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub address_line: Option<String>,
        pub city: Option<String>,
        pub state: Option<String>,
        pub postal_code: Option<String>,
        pub country: Option<String>,
        pub race: Option<String>,
        pub ethnicity: Option<String>,
        pub general_practitioner_id: Option<String>,
        pub managing_organization_id: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// Identifiers of patients (MRN…), practitioners (NPI), organisations and locations. One (type, system, value) names one resource: conditional references resolve through here.
    ///
    /// Stored sealed: `value` holds a blind index and `sealed_value` the value (migration 0009);
    /// in memory, before sealing and after opening, `value` is the value and `sealed_value` empty.
    pub struct Identifier in "identifiers" key(resource_type, system, value)
        sealed(sealed_value) before_seal(index_value) after_open(unindex_value) {
        pub resource_type: String,
        pub resource_id: String,
        pub system: String,
        pub value: String,
        pub type_code: Option<String>,
        pub type_text: Option<String>,
        pub sealed_value: Option<String>,
    }
}

impl DocumentAttachment {
    fn record_size(&mut self, _keys: &crate::crypto::KeyRing) {
        if self.size.is_none() {
            self.size = self.data.as_ref().and_then(|data| i64::try_from(data.len()).ok());
        }
    }
}

/// The column label identifiers' blind indexes are computed under.
pub const IDENTIFIER_INDEX: &str = "identifiers.value";

impl Identifier {
    fn index_value(&mut self, keys: &crate::crypto::KeyRing) {
        let value = std::mem::take(&mut self.value);
        self.value = keys.blind_index(IDENTIFIER_INDEX, &value);
        self.sealed_value = Some(value);
    }

    fn unindex_value(&mut self, _keys: &crate::crypto::KeyRing) {
        if let Some(value) = self.sealed_value.take() {
            self.value = value;
        }
    }
}

record! {
    /// People to contact about a patient: next of kin, guardians, emergency contacts.
    pub struct PatientContact in "patient_contacts" key(patient_id, seq) {
        pub patient_id: String,
        pub seq: i64,
        pub relationship_code: Option<String>,
        pub relationship_display: Option<String>,
        pub given: Option<String>,
        pub family: Option<String>,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub address_line: Option<String>,
        pub city: Option<String>,
        pub state: Option<String>,
        pub postal_code: Option<String>,
        pub country: Option<String>,
    }
}

record! {
    /// A row of `encounters`.
    pub struct Encounter in "encounters" key(id) sealed(after_visit_summary, note) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub status: String,
        pub class_code: Option<String>,
        pub type_system: Option<String>,
        pub type_code: Option<String>,
        pub type_display: Option<String>,
        pub reason_system: Option<String>,
        pub reason_code: Option<String>,
        pub reason_display: Option<String>,
        pub practitioner_id: Option<String>,
        pub location_id: Option<String>,
        pub organization_id: Option<String>,
        pub period_start: Option<String>,
        pub period_end: Option<String>,
        pub start_at: Option<String>,
        pub end_at: Option<String>,
        /// What the patient takes home: plain instructions from the visit.
        pub after_visit_summary: Option<String>,
        /// The clinician's note for the visit.
        pub note: Option<String>,
        pub updated_at: String,
        /// Hidden from a teenager's parents (reproductive, sexual or mental health, substance
        /// use): 1, else 0. Added by migration 0008.
        pub confidential: i64,
    }
}

record! {
    /// A row of `observations`.
    pub struct Observation in "observations" key(id) sealed(note) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub status: String,
        /// observation-category code: laboratory, vital-signs, social-history, survey…
        pub category: Option<String>,
        pub code_system: Option<String>,
        pub code: Option<String>,
        pub code_display: Option<String>,
        /// Which value[x] the observation has: quantity, codeable, string, boolean, integer or none.
        pub value_type: String,
        pub value_num: Option<f64>,
        pub value_comparator: Option<String>,
        pub value_unit: Option<String>,
        pub value_ucum: Option<String>,
        pub value_text: Option<String>,
        pub value_code_system: Option<String>,
        pub value_code: Option<String>,
        pub data_absent_reason: Option<String>,
        pub ref_low: Option<f64>,
        pub ref_high: Option<f64>,
        pub ref_unit: Option<String>,
        pub ref_text: Option<String>,
        /// v3 ObservationInterpretation code: N, H, L, HH, LL, A, AA…
        pub interpretation: Option<String>,
        pub effective: Option<String>,
        pub effective_at: Option<String>,
        pub issued_at: Option<String>,
        pub performer_id: Option<String>,
        pub note: Option<String>,
        pub updated_at: String,
        /// Hidden from a teenager's parents (reproductive, sexual or mental health, substance
        /// use): 1, else 0. Added by migration 0008.
        pub confidential: i64,
    }
}

record! {
    /// Parts of one observation measured together (systolic and diastolic blood pressure).
    pub struct ObservationComponent in "observation_components" key(observation_id, seq) {
        pub observation_id: String,
        pub seq: i64,
        pub code_system: Option<String>,
        pub code: Option<String>,
        pub code_display: Option<String>,
        pub value_type: String,
        pub value_num: Option<f64>,
        pub value_unit: Option<String>,
        pub value_ucum: Option<String>,
        pub value_text: Option<String>,
        pub value_code_system: Option<String>,
        pub value_code: Option<String>,
        pub ref_low: Option<f64>,
        pub ref_high: Option<f64>,
        pub interpretation: Option<String>,
    }
}

record! {
    /// A row of `diagnostic_reports`.
    pub struct DiagnosticReport in "diagnostic_reports" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub status: String,
        pub category: Option<String>,
        pub code_system: Option<String>,
        pub code: Option<String>,
        pub code_display: Option<String>,
        pub effective: Option<String>,
        pub effective_at: Option<String>,
        pub issued_at: Option<String>,
        pub performer_id: Option<String>,
        pub conclusion: Option<String>,
        /// The report as text, when the source sent it as a plain-text attachment.
        pub presented_text: Option<String>,
        pub updated_at: String,
        /// Hidden from a teenager's parents (reproductive, sexual or mental health, substance
        /// use): 1, else 0. Added by migration 0008.
        pub confidential: i64,
    }
}

record! {
    /// A row of `diagnostic_report_results`.
    pub struct DiagnosticReportResult in "diagnostic_report_results" key(report_id, seq) {
        pub report_id: String,
        pub seq: i64,
        pub observation_id: String,
    }
}

record! {
    /// A row of `conditions`.
    pub struct Condition in "conditions" key(id) sealed(note) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub clinical_status: Option<String>,
        pub verification_status: Option<String>,
        pub category: Option<String>,
        pub severity: Option<String>,
        pub code_system: Option<String>,
        pub code: Option<String>,
        pub code_display: Option<String>,
        pub onset: Option<String>,
        pub onset_at: Option<String>,
        pub abatement: Option<String>,
        pub recorded_date: Option<String>,
        pub note: Option<String>,
        pub updated_at: String,
        /// Hidden from a teenager's parents (reproductive, sexual or mental health, substance
        /// use): 1, else 0. Added by migration 0008.
        pub confidential: i64,
    }
}

record! {
    /// A row of `allergies`.
    pub struct Allergy in "allergies" key(id) sealed(note) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub clinical_status: Option<String>,
        pub verification_status: Option<String>,
        /// allergy or intolerance
        pub allergy_type: Option<String>,
        /// food, medication, environment, biologic
        pub category: Option<String>,
        /// low, high, unable-to-assess
        pub criticality: Option<String>,
        pub code_system: Option<String>,
        pub code: Option<String>,
        pub code_display: Option<String>,
        pub onset: Option<String>,
        pub recorded_date: Option<String>,
        pub last_occurrence: Option<String>,
        pub note: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// A row of `allergy_reactions`.
    pub struct AllergyReaction in "allergy_reactions" key(allergy_id, seq) {
        pub allergy_id: String,
        pub seq: i64,
        pub substance_code: Option<String>,
        pub substance_display: Option<String>,
        pub manifestation_system: Option<String>,
        pub manifestation_code: Option<String>,
        pub manifestation_display: Option<String>,
        /// mild, moderate, severe
        pub severity: Option<String>,
        pub description: Option<String>,
        pub onset: Option<String>,
    }
}

record! {
    /// A row of `medication_requests`.
    pub struct MedicationRequest in "medication_requests" key(id) sealed(note) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub status: String,
        pub intent: String,
        pub medication_system: Option<String>,
        pub medication_code: Option<String>,
        pub medication_display: Option<String>,
        pub dosage_text: Option<String>,
        /// Plain instructions for the patient, when the prescriber wrote them.
        pub patient_instruction: Option<String>,
        pub authored_on: Option<String>,
        pub authored_at: Option<String>,
        pub requester_id: Option<String>,
        pub reason_system: Option<String>,
        pub reason_code: Option<String>,
        pub reason_display: Option<String>,
        pub refills_allowed: Option<i64>,
        pub refills_remaining: Option<i64>,
        pub quantity: Option<f64>,
        pub quantity_unit: Option<String>,
        pub days_supply: Option<i64>,
        pub validity_end: Option<String>,
        pub pharmacy_id: Option<String>,
        pub note: Option<String>,
        pub updated_at: String,
        /// Hidden from a teenager's parents (reproductive, sexual or mental health, substance
        /// use): 1, else 0. Added by migration 0008.
        pub confidential: i64,
    }
}

record! {
    /// A row of `immunizations`.
    pub struct Immunization in "immunizations" key(id) sealed(note) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub status: String,
        pub vaccine_system: Option<String>,
        pub vaccine_code: Option<String>,
        pub vaccine_display: Option<String>,
        pub occurrence: Option<String>,
        pub occurrence_at: Option<String>,
        pub primary_source: Option<i64>,
        pub lot_number: Option<String>,
        pub expiration_date: Option<String>,
        pub site: Option<String>,
        pub route: Option<String>,
        pub dose_quantity: Option<f64>,
        pub dose_unit: Option<String>,
        pub performer_id: Option<String>,
        pub location_id: Option<String>,
        pub note: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// A row of `documents`.
    pub struct Document in "documents" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub status: String,
        pub doc_status: Option<String>,
        pub type_system: Option<String>,
        pub type_code: Option<String>,
        pub type_display: Option<String>,
        pub category: Option<String>,
        pub description: Option<String>,
        pub date_at: Option<String>,
        pub author_id: Option<String>,
        pub custodian_id: Option<String>,
        pub updated_at: String,
        /// Hidden from a teenager's parents (reproductive, sexual or mental health, substance
        /// use): 1, else 0. Added by migration 0008.
        pub confidential: i64,
    }
}

record! {
    /// A row of `document_attachments`.
    ///
    /// Stored sealed, the data's length no longer gives its size: sealing records it first.
    pub struct DocumentAttachment in "document_attachments" key(document_id, seq)
        sealed(data) before_seal(record_size) {
        pub document_id: String,
        pub seq: i64,
        pub content_type: Option<String>,
        pub language: Option<String>,
        pub title: Option<String>,
        pub url: Option<String>,
        pub size: Option<i64>,
        /// SHA-1 of the data, as FHIR's Attachment.hash (base64).
        pub hash: Option<String>,
        pub creation: Option<String>,
        pub data: Option<Vec<u8>>,
    }
}

record! {
    /// A row of `care_plans`.
    pub struct CarePlan in "care_plans" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub encounter_id: Option<String>,
        pub status: String,
        pub intent: String,
        pub category_system: Option<String>,
        pub category_code: Option<String>,
        pub category_display: Option<String>,
        pub title: Option<String>,
        pub description: Option<String>,
        pub period_start: Option<String>,
        pub period_end: Option<String>,
        pub author_id: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// A row of `care_plan_activities`.
    pub struct CarePlanActivity in "care_plan_activities" key(care_plan_id, seq) {
        pub care_plan_id: String,
        pub seq: i64,
        pub code_system: Option<String>,
        pub code: Option<String>,
        pub code_display: Option<String>,
        pub status: Option<String>,
        pub description: Option<String>,
    }
}

record! {
    /// A row of `goals`.
    pub struct Goal in "goals" key(id) sealed(note) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub lifecycle_status: String,
        pub achievement_status: Option<String>,
        pub description: String,
        pub description_system: Option<String>,
        pub description_code: Option<String>,
        pub target_system: Option<String>,
        pub target_code: Option<String>,
        pub target_display: Option<String>,
        pub target_low: Option<f64>,
        pub target_high: Option<f64>,
        pub target_unit: Option<String>,
        pub due_date: Option<String>,
        pub start_date: Option<String>,
        pub note: Option<String>,
        pub updated_at: String,
    }
}

record! {
    /// A row of `care_plan_goals`.
    pub struct CarePlanGoal in "care_plan_goals" key(care_plan_id, goal_id) {
        pub care_plan_id: String,
        pub goal_id: String,
    }
}

record! {
    /// A row of `coverages`.
    pub struct Coverage in "coverages" key(id) {
        pub id: String,
        pub source: String,
        pub source_id: Option<String>,
        pub patient_id: String,
        pub status: String,
        pub type_system: Option<String>,
        pub type_code: Option<String>,
        pub type_display: Option<String>,
        pub subscriber_id: Option<String>,
        pub relationship: Option<String>,
        pub payor_id: Option<String>,
        pub payor_display: Option<String>,
        pub plan_name: Option<String>,
        pub group_name: Option<String>,
        pub member_id: Option<String>,
        pub period_start: Option<String>,
        pub period_end: Option<String>,
        pub updated_at: String,
    }
}
