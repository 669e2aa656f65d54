-- Accounts: patients enrol with an activation code, links by mail (verify an email, change it,
-- reset a password, accept a staff invitation), and the outbox that mail leaves from.

-- A code the front desk gives a patient (on paper) to create their portal account, with their
-- date of birth as a second check. Only the SHA-256 of the code is kept; a code works once,
-- for 30 days, and a patient has at most one live code (a new one replaces the old).
CREATE TABLE activation_codes (
    code_hash TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    -- Who issued it; NULL for the demo seed.
    created_by TEXT REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    -- The account the code created.
    account_id TEXT REFERENCES accounts (id)
);
CREATE UNIQUE INDEX activation_codes_one_live ON activation_codes (patient_id) WHERE used_at IS NULL;

-- Single-use links sent by mail. Only the SHA-256 of the token is kept. `kind` is
-- email_verification (24 h), email_change (24 h), password_reset (30 min) or invitation (72 h,
-- a new staff member sets a first password). `email` is the address the link was sent to (for
-- an email change, the new address): a link proves that address only while it still applies.
CREATE TABLE auth_tokens (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX auth_tokens_by_account ON auth_tokens (account_id, kind);
-- An invited staff member has no password of their own until they follow the invitation:
-- their `accounts.password_changed_at` stays NULL until then.

-- Mail waiting to go out, written in the same transaction as the action that causes it, so no
-- accepted action loses its mail on a crash. The message (recipient, subject, text) is sealed
-- with the portal's key: it carries sign-in links. A sender claims a row until `claimed_until`
-- (so two server processes never send it at once), marks it `sent_at` once the SMTP server
-- accepted it (and never sends it again), or counts the failure and tries again at
-- `next_attempt_at`, backing off; past `give_up_at` (when its link has expired) it stops with
-- `failed_at`.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    give_up_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_until TEXT,
    last_error TEXT,
    sent_at TEXT,
    failed_at TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
