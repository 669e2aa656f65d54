-- Who can sign in, their server-side sessions, and the audit trail.

-- A person who signs in: a patient (linked to their record), a proxy, or staff.
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    -- Lower-cased; unique across the portal.
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- patient, proxy, clinician, nurse, front_desk, billing, admin, security_officer
    role TEXT NOT NULL,
    patient_id TEXT REFERENCES patients (id),
    practitioner_id TEXT REFERENCES practitioners (id),
    -- argon2id, in the PHC string format.
    password_hash TEXT NOT NULL,
    language TEXT,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);
CREATE INDEX accounts_by_patient ON accounts (patient_id);

-- One signed-in browser. Only the SHA-256 of the cookie's token is kept, so a copy of the
-- database cannot be used to take over a session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    -- The absolute end of the session, whatever the activity.
    expires_at TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Every access to health data, every sign-in attempt and every refused request. Append-only:
-- each row's hash covers the previous row's hash and its own fields, so altering, inserting or
-- deleting a row breaks the chain from there on.
CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_account_id TEXT,
    actor_role TEXT,
    -- The patient whose record was reached (for proxies, not the actor's own).
    patient_id TEXT,
    -- read, search, create, update, delete, sign_in, sign_out, …
    action TEXT NOT NULL,
    resource_type TEXT,
    resource_id TEXT,
    -- success, denied, failure
    outcome TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT,
    request_id TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_by_patient ON audit_events (patient_id, at);
CREATE INDEX audit_events_by_actor ON audit_events (actor_account_id, at);

-- The end of the audit chain. Writers take this row's lock to append, so the chain stays a
-- single line even with many server processes on one PostgreSQL.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
