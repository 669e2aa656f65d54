-- Single sign-on with an external OpenID Connect provider.

-- A sign-in sent to the provider and not back yet. Kept here, not in one process's memory, so
-- any server can finish it. The row is found by the SHA-256 of the `state` the provider sends
-- back, and used once (deleted as it is read). `browser_hash` is the SHA-256 of the short-lived
-- cookie that ties it to the browser that started it; the PKCE verifier (and the browser's
-- known-device token, if any) are sealed with the portal's key.
CREATE TABLE sso_logins (
    state_hash TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    -- The redirect URI sent with the request; the token request must send the same one.
    redirect_uri TEXT NOT NULL,
    -- A path of this portal to land on afterwards.
    return_to TEXT NOT NULL,
    device_token TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sso_logins_by_expiry ON sso_logins (expires_at);

-- Which portal account an identity at a provider (issuer and subject, never the email, which
-- can change hands) signs in to. An account has at most one: the first single sign-on links it,
-- and only when the provider vouched for the account's email.
CREATE TABLE sso_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    -- The email the provider gave when the link was made, for the audit and support.
    email TEXT,
    linked_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
