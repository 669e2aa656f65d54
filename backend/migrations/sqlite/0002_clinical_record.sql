-- The clinical record, shaped after HL7 FHIR R4 (US Core). Every imported row keeps its source
-- system and the id it had there (`source`, `source_id`); our own id is derived from those, so a
-- re-import updates rows instead of duplicating them. A row marked `is_stub` stands in for a
-- resource that something referred to before it arrived; the real one fills it in.
-- Times: `*_at` columns hold UTC instants as 'YYYY-MM-DDTHH:MM:SSZ' (sortable text, the same on
-- both engines); other date columns keep FHIR's own text, which may be partial ('2019-05').

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    is_stub INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    name TEXT,
    type_code TEXT,
    type_display TEXT,
    phone TEXT,
    email TEXT,
    address_line TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    country TEXT,
    part_of_id TEXT REFERENCES organizations (id),
    updated_at TEXT NOT NULL
);

CREATE TABLE locations (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    is_stub INTEGER NOT NULL DEFAULT 0,
    status TEXT,
    name TEXT,
    description TEXT,
    phone TEXT,
    address_line TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    country TEXT,
    latitude REAL,
    longitude REAL,
    managing_organization_id TEXT REFERENCES organizations (id),
    updated_at TEXT NOT NULL
);

CREATE TABLE practitioners (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    is_stub INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    prefix TEXT,
    given TEXT,
    family TEXT,
    suffix TEXT,
    gender TEXT,
    phone TEXT,
    email TEXT,
    updated_at TEXT NOT NULL
);

-- What a practitioner does where: role and specialty (NUCC taxonomy) at an organisation.
CREATE TABLE practitioner_roles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    practitioner_id TEXT REFERENCES practitioners (id),
    organization_id TEXT REFERENCES organizations (id),
    location_id TEXT REFERENCES locations (id),
    role_system TEXT,
    role_code TEXT,
    role_display TEXT,
    specialty_system TEXT,
    specialty_code TEXT,
    specialty_display TEXT,
    phone TEXT,
    email TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX practitioner_roles_by_practitioner ON practitioner_roles (practitioner_id);

CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    is_stub INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    prefix TEXT,
    given TEXT,
    family TEXT,
    suffix TEXT,
    birth_date TEXT,
    gender TEXT,
    deceased_at TEXT,
    marital_status TEXT,
    -- BCP 47 code of the language the patient prefers ('en', 'es').
    language TEXT,
    phone TEXT,
    email TEXT,
    address_line TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    country TEXT,
    race TEXT,
    ethnicity TEXT,
    general_practitioner_id TEXT REFERENCES practitioners (id),
    managing_organization_id TEXT REFERENCES organizations (id),
    updated_at TEXT NOT NULL
);
CREATE INDEX patients_by_name ON patients (family, given);

-- Identifiers of patients (MRN…), practitioners (NPI), organisations and locations. One
-- (type, system, value) names one resource: conditional references resolve through here.
CREATE TABLE identifiers (
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    system TEXT NOT NULL,
    value TEXT NOT NULL,
    type_code TEXT,
    type_text TEXT,
    PRIMARY KEY (resource_type, system, value)
);
CREATE INDEX identifiers_by_resource ON identifiers (resource_id);

-- People to contact about a patient: next of kin, guardians, emergency contacts.
CREATE TABLE patient_contacts (
    patient_id TEXT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    relationship_code TEXT,
    relationship_display TEXT,
    given TEXT,
    family TEXT,
    phone TEXT,
    email TEXT,
    address_line TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    country TEXT,
    PRIMARY KEY (patient_id, seq)
);

CREATE TABLE encounters (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    status TEXT NOT NULL,
    class_code TEXT,
    type_system TEXT,
    type_code TEXT,
    type_display TEXT,
    reason_system TEXT,
    reason_code TEXT,
    reason_display TEXT,
    practitioner_id TEXT REFERENCES practitioners (id),
    location_id TEXT REFERENCES locations (id),
    organization_id TEXT REFERENCES organizations (id),
    period_start TEXT,
    period_end TEXT,
    start_at TEXT,
    end_at TEXT,
    -- What the patient takes home: plain instructions from the visit.
    after_visit_summary TEXT,
    -- The clinician's note for the visit.
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX encounters_by_patient ON encounters (patient_id, start_at);

CREATE TABLE observations (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    status TEXT NOT NULL,
    -- observation-category code: laboratory, vital-signs, social-history, survey…
    category TEXT,
    code_system TEXT,
    code TEXT,
    code_display TEXT,
    -- Which value[x] the observation has: quantity, codeable, string, boolean, integer or none.
    value_type TEXT NOT NULL,
    value_num REAL,
    value_comparator TEXT,
    value_unit TEXT,
    value_ucum TEXT,
    value_text TEXT,
    value_code_system TEXT,
    value_code TEXT,
    data_absent_reason TEXT,
    ref_low REAL,
    ref_high REAL,
    ref_unit TEXT,
    ref_text TEXT,
    -- v3 ObservationInterpretation code: N, H, L, HH, LL, A, AA…
    interpretation TEXT,
    effective TEXT,
    effective_at TEXT,
    issued_at TEXT,
    performer_id TEXT REFERENCES practitioners (id),
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX observations_by_patient_time ON observations (patient_id, effective_at);
CREATE INDEX observations_by_patient_code ON observations (patient_id, code, effective_at);

-- Parts of one observation measured together (systolic and diastolic blood pressure).
CREATE TABLE observation_components (
    observation_id TEXT NOT NULL REFERENCES observations (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code_system TEXT,
    code TEXT,
    code_display TEXT,
    value_type TEXT NOT NULL,
    value_num REAL,
    value_unit TEXT,
    value_ucum TEXT,
    value_text TEXT,
    value_code_system TEXT,
    value_code TEXT,
    ref_low REAL,
    ref_high REAL,
    interpretation TEXT,
    PRIMARY KEY (observation_id, seq)
);

CREATE TABLE diagnostic_reports (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    status TEXT NOT NULL,
    category TEXT,
    code_system TEXT,
    code TEXT,
    code_display TEXT,
    effective TEXT,
    effective_at TEXT,
    issued_at TEXT,
    performer_id TEXT REFERENCES practitioners (id),
    conclusion TEXT,
    -- The report as text, when the source sent it as a plain-text attachment.
    presented_text TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX diagnostic_reports_by_patient ON diagnostic_reports (patient_id, effective_at);

CREATE TABLE diagnostic_report_results (
    report_id TEXT NOT NULL REFERENCES diagnostic_reports (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    observation_id TEXT NOT NULL REFERENCES observations (id),
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX diagnostic_report_results_by_observation ON diagnostic_report_results (observation_id);

CREATE TABLE conditions (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    clinical_status TEXT,
    verification_status TEXT,
    category TEXT,
    severity TEXT,
    code_system TEXT,
    code TEXT,
    code_display TEXT,
    onset TEXT,
    onset_at TEXT,
    abatement TEXT,
    recorded_date TEXT,
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX conditions_by_patient ON conditions (patient_id, onset_at);

CREATE TABLE allergies (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    clinical_status TEXT,
    verification_status TEXT,
    -- allergy or intolerance
    allergy_type TEXT,
    -- food, medication, environment, biologic
    category TEXT,
    -- low, high, unable-to-assess
    criticality TEXT,
    code_system TEXT,
    code TEXT,
    code_display TEXT,
    onset TEXT,
    recorded_date TEXT,
    last_occurrence TEXT,
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX allergies_by_patient ON allergies (patient_id);

CREATE TABLE allergy_reactions (
    allergy_id TEXT NOT NULL REFERENCES allergies (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    substance_code TEXT,
    substance_display TEXT,
    manifestation_system TEXT,
    manifestation_code TEXT,
    manifestation_display TEXT,
    -- mild, moderate, severe
    severity TEXT,
    description TEXT,
    onset TEXT,
    PRIMARY KEY (allergy_id, seq)
);

CREATE TABLE medication_requests (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    status TEXT NOT NULL,
    intent TEXT NOT NULL,
    medication_system TEXT,
    medication_code TEXT,
    medication_display TEXT,
    dosage_text TEXT,
    -- Plain instructions for the patient, when the prescriber wrote them.
    patient_instruction TEXT,
    authored_on TEXT,
    authored_at TEXT,
    requester_id TEXT REFERENCES practitioners (id),
    reason_system TEXT,
    reason_code TEXT,
    reason_display TEXT,
    refills_allowed INTEGER,
    refills_remaining INTEGER,
    quantity REAL,
    quantity_unit TEXT,
    days_supply INTEGER,
    validity_end TEXT,
    pharmacy_id TEXT REFERENCES organizations (id),
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX medication_requests_by_patient ON medication_requests (patient_id, authored_at);

CREATE TABLE immunizations (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    status TEXT NOT NULL,
    vaccine_system TEXT,
    vaccine_code TEXT,
    vaccine_display TEXT,
    occurrence TEXT,
    occurrence_at TEXT,
    primary_source INTEGER,
    lot_number TEXT,
    expiration_date TEXT,
    site TEXT,
    route TEXT,
    dose_quantity REAL,
    dose_unit TEXT,
    performer_id TEXT REFERENCES practitioners (id),
    location_id TEXT REFERENCES locations (id),
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX immunizations_by_patient ON immunizations (patient_id, occurrence_at);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    status TEXT NOT NULL,
    doc_status TEXT,
    type_system TEXT,
    type_code TEXT,
    type_display TEXT,
    category TEXT,
    description TEXT,
    date_at TEXT,
    author_id TEXT REFERENCES practitioners (id),
    custodian_id TEXT REFERENCES organizations (id),
    updated_at TEXT NOT NULL
);
CREATE INDEX documents_by_patient ON documents (patient_id, date_at);

CREATE TABLE document_attachments (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    content_type TEXT,
    language TEXT,
    title TEXT,
    url TEXT,
    size INTEGER,
    -- SHA-1 of the data, as FHIR's Attachment.hash (base64).
    hash TEXT,
    creation TEXT,
    data BLOB,
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE care_plans (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    encounter_id TEXT REFERENCES encounters (id),
    status TEXT NOT NULL,
    intent TEXT NOT NULL,
    category_system TEXT,
    category_code TEXT,
    category_display TEXT,
    title TEXT,
    description TEXT,
    period_start TEXT,
    period_end TEXT,
    author_id TEXT REFERENCES practitioners (id),
    updated_at TEXT NOT NULL
);
CREATE INDEX care_plans_by_patient ON care_plans (patient_id);

CREATE TABLE care_plan_activities (
    care_plan_id TEXT NOT NULL REFERENCES care_plans (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code_system TEXT,
    code TEXT,
    code_display TEXT,
    status TEXT,
    description TEXT,
    PRIMARY KEY (care_plan_id, seq)
);

CREATE TABLE goals (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    lifecycle_status TEXT NOT NULL,
    achievement_status TEXT,
    description TEXT NOT NULL,
    description_system TEXT,
    description_code TEXT,
    target_system TEXT,
    target_code TEXT,
    target_display TEXT,
    target_low REAL,
    target_high REAL,
    target_unit TEXT,
    due_date TEXT,
    start_date TEXT,
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX goals_by_patient ON goals (patient_id);

CREATE TABLE care_plan_goals (
    care_plan_id TEXT NOT NULL REFERENCES care_plans (id) ON DELETE CASCADE,
    goal_id TEXT NOT NULL REFERENCES goals (id),
    PRIMARY KEY (care_plan_id, goal_id)
);

CREATE TABLE coverages (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    status TEXT NOT NULL,
    type_system TEXT,
    type_code TEXT,
    type_display TEXT,
    subscriber_id TEXT,
    relationship TEXT,
    payor_id TEXT REFERENCES organizations (id),
    payor_display TEXT,
    plan_name TEXT,
    group_name TEXT,
    member_id TEXT,
    period_start TEXT,
    period_end TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX coverages_by_patient ON coverages (patient_id);
