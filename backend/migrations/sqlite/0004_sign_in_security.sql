-- Two-step sign-in, throttling, and what an account holder can see of their sessions.

-- A session is `full` once every step of sign-in is done; before that it only lets its holder
-- finish signing in: `second_factor` (prove a second factor) or `enrol` (set one up first, as
-- staff must). `id` is the public name of a session, for the list of one's sessions; the token
-- hash is never shown. `reauth_at` is when its holder last proved who they are again, which
-- changing a password, email or second factor requires.
ALTER TABLE sessions ADD COLUMN id TEXT;
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
ALTER TABLE sessions ADD COLUMN reauth_at TEXT;
CREATE UNIQUE INDEX sessions_by_id ON sessions (id);

-- The account's one-time-code app: the secret sealed with the portal's key, confirmed once the
-- holder typed a code from it, and the last time step accepted (a code is never accepted twice).
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;
-- A new secret being set up, kept apart so the current one works until the new one is confirmed.
ALTER TABLE accounts ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE accounts ADD COLUMN totp_confirmed_at TEXT;
ALTER TABLE accounts ADD COLUMN totp_last_step INTEGER;
-- A patient may turn two-step sign-in off (their password must then be 15+ characters);
-- staff never can.
ALTER TABLE accounts ADD COLUMN mfa_opt_out_at TEXT;
ALTER TABLE accounts ADD COLUMN email_verified_at TEXT;
ALTER TABLE accounts ADD COLUMN password_changed_at TEXT;

-- Single-use codes for when the phone is lost. Only their SHA-256 is kept.
CREATE TABLE recovery_codes (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT,
    PRIMARY KEY (account_id, code_hash)
);

-- Failed attempts per key (an account, an address, an account on a known device…), for
-- back-off. A key is blocked until `blocked_until`; the block grows with each failure up to a
-- cap and never becomes permanent.
CREATE TABLE throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start TEXT NOT NULL,
    blocked_until TEXT
);

-- Browsers that have signed in to an account before. Attempts from such a browser are counted
-- apart, so a stranger's guessing cannot lock the holder out of their own device (OWASP's
-- device cookies).
CREATE TABLE known_devices (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL
);
CREATE INDEX known_devices_by_account ON known_devices (account_id);
