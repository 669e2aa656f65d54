-- Which results each account has opened, for the "new" marker of the results list: a result
-- issued in the last 30 days is new to an account until that account opens it. Kept per
-- observation: opening a panel marks each of its results, and a panel is new while any result
-- in it is unseen. Per account, so a parent reading a child's results does not clear them for
-- the child, nor a clinician for the patient.
CREATE TABLE results_seen (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    observation_id TEXT NOT NULL REFERENCES observations (id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (account_id, observation_id)
);
CREATE INDEX results_seen_by_observation ON results_seen (observation_id);
