-- Passkeys (WebAuthn) as a second factor, and the half-done ceremonies that create and use them.

-- A passkey of an account. `credential_id` is the authenticator's id for it (base64url), unique
-- across the portal: one device key belongs to one account. `credential` is webauthn-rs's
-- `Passkey` as JSON (public key, algorithm, counter, flags); it holds no secret. `sign_count` is
-- the highest signature counter seen, kept apart so a cloned authenticator is caught by a
-- conditional UPDATE even when two sign-ins race.
CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    credential TEXT NOT NULL,
    sign_count BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_used_at TEXT
);
CREATE INDEX passkeys_by_account ON passkeys (account_id);

-- A WebAuthn ceremony between its two requests (options, then the browser's answer): the
-- challenge and what the answer must match, sealed with the portal's key. One per session and
-- kind (register, second_factor, reauth); a new one replaces the old; it is deleted when used
-- (so never used twice), ends with its session, and is refused after `expires_at`.
CREATE TABLE webauthn_ceremonies (
    session_hash TEXT NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (session_hash, kind)
);
