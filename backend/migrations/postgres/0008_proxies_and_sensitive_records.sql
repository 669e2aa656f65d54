-- Who else may open a patient's record, sensitive items, and emergency access.

-- A person who may act for a patient: one the patient chose (`granted`), or a parent or legal
-- guardian recorded by staff (`guardian`). `scopes` lists what they may reach (records,
-- appointments, messages, billing). A guardian's access follows the child's age: whole until
-- 12, without confidential items from 12 to 17, none from 18.
CREATE TABLE proxy_links (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    proxy_account_id TEXT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    scopes TEXT NOT NULL,
    -- Whether a granted proxy also sees confidential items (the patient's choice).
    include_confidential BIGINT NOT NULL DEFAULT 0,
    relationship TEXT,
    created_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT
);
CREATE INDEX proxy_links_by_proxy ON proxy_links (proxy_account_id);
CREATE INDEX proxy_links_by_patient ON proxy_links (patient_id);

-- A clinician's or nurse's emergency access to a patient outside their care relationship:
-- a reason, a time limit, and a review by the security officer.
CREATE TABLE break_glass_grants (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    reviewed_at TEXT,
    reviewed_by TEXT REFERENCES accounts (id),
    review_note TEXT
);
CREATE INDEX break_glass_by_account ON break_glass_grants (account_id, patient_id);

-- Items a teenager's parents do not see (reproductive, sexual and mental health, substance use),
-- marked from the source's security labels or by their codes.
ALTER TABLE conditions ADD COLUMN confidential BIGINT NOT NULL DEFAULT 0;
ALTER TABLE observations ADD COLUMN confidential BIGINT NOT NULL DEFAULT 0;
ALTER TABLE diagnostic_reports ADD COLUMN confidential BIGINT NOT NULL DEFAULT 0;
ALTER TABLE encounters ADD COLUMN confidential BIGINT NOT NULL DEFAULT 0;
ALTER TABLE medication_requests ADD COLUMN confidential BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN confidential BIGINT NOT NULL DEFAULT 0;

-- The patient a proxy acted for, when the actor is not the patient.
ALTER TABLE audit_events ADD COLUMN on_behalf_of TEXT;
