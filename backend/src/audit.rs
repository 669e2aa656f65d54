//! The audit trail: who reached which patient's data, every sign-in attempt and every refused
//! request. Rows are appended in one chain: each row's hash covers the previous row's hash and
//! its own fields, and the chain's end lives in `audit_head`, whose row lock serialises writers
//! across processes. Altering, inserting or deleting a row breaks every hash after it.

use sha2::{Digest as _, Sha256};

use crate::Db;
use crate::fhir::datetime;

/// What happened, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditEvent {
    pub actor_account_id: Option<String>,
    pub actor_role: Option<String>,
    /// The patient a proxy acted for.
    pub on_behalf_of: Option<String>,
    pub patient_id: Option<String>,
    pub action: String,
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub outcome: Outcome,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Outcome {
    #[default]
    Success,
    /// Refused by access control or a failed sign-in.
    Denied,
    /// The action was allowed but failed.
    Failure,
}

impl Outcome {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Denied => "denied",
            Self::Failure => "failure",
        }
    }
}

/// A stored audit row.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor_account_id: Option<String>,
    pub actor_role: Option<String>,
    pub on_behalf_of: Option<String>,
    pub patient_id: Option<String>,
    pub action: String,
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub detail: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

pub(crate) const COLUMNS: &str = "seq, at, actor_account_id, actor_role, on_behalf_of, patient_id, action, \
    resource_type, resource_id, outcome, ip, user_agent, request_id, detail, prev_hash, hash";

impl AuditRow {
    /// The hash this row must carry: SHA-256 over the previous hash and every field, as JSON
    /// (which quotes and escapes each value, so no two rows serialise alike). `on_behalf_of`,
    /// added later, is appended only when set, so rows written before it still verify.
    fn expected_hash(&self) -> String {
        let mut canonical = serde_json::json!([
            self.seq,
            self.at,
            self.actor_account_id,
            self.actor_role,
            self.patient_id,
            self.action,
            self.resource_type,
            self.resource_id,
            self.outcome,
            self.ip,
            self.user_agent,
            self.request_id,
            self.detail,
            self.prev_hash,
        ]);
        if let (Some(on_behalf_of), Some(fields)) = (&self.on_behalf_of, canonical.as_array_mut()) {
            fields.push(serde_json::json!({ "on_behalf_of": on_behalf_of }));
        }
        hex(&Sha256::digest(canonical.to_string().as_bytes()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Appends `event` to the chain, durably, before returning.
pub async fn record(db: &Db, event: AuditEvent) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    // Taking the head row's lock (an UPDATE) first serialises every writer on PostgreSQL.
    let (seq, prev_hash): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut *tx)
            .await?;
    let mut row = AuditRow {
        seq,
        at: datetime::now(),
        actor_account_id: event.actor_account_id,
        actor_role: event.actor_role,
        on_behalf_of: event.on_behalf_of,
        patient_id: event.patient_id,
        action: event.action,
        resource_type: event.resource_type,
        resource_id: event.resource_id,
        outcome: event.outcome.as_str().to_owned(),
        ip: event.ip,
        user_agent: event.user_agent.map(|ua| ua.chars().take(512).collect()),
        request_id: event.request_id,
        detail: event.detail,
        prev_hash,
        hash: String::new(),
    };
    row.hash = row.expected_hash();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO audit_events ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
    )))
    .bind(row.seq)
    .bind(row.at)
    .bind(row.actor_account_id)
    .bind(row.actor_role)
    .bind(row.on_behalf_of)
    .bind(row.patient_id)
    .bind(row.action)
    .bind(row.resource_type)
    .bind(row.resource_id)
    .bind(row.outcome)
    .bind(row.ip)
    .bind(row.user_agent)
    .bind(row.request_id)
    .bind(row.detail)
    .bind(row.prev_hash)
    .bind(row.hash.clone())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(row.hash).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

impl From<AuditRow> for shared::access::AuditEntry {
    /// The row as the security officer reads it (without the chain's hashes).
    fn from(r: AuditRow) -> Self {
        Self {
            seq: r.seq,
            at: r.at,
            actor_account_id: r.actor_account_id,
            actor_name: None,
            actor_role: r.actor_role,
            on_behalf_of: r.on_behalf_of,
            on_behalf_of_name: None,
            patient_id: r.patient_id,
            patient_name: None,
            action: r.action,
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            outcome: r.outcome,
            ip: r.ip,
            user_agent: r.user_agent,
            request_id: r.request_id,
            detail: r.detail,
        }
    }
}

/// Where a chain check found the first fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainFault {
    /// A row's fields no longer match its hash (altered).
    Altered { seq: i64 },
    /// A row does not follow the one before it (inserted, deleted or reordered).
    Broken { seq: i64 },
    /// Rows are missing at the end, or the head does not match the last row.
    HeadMismatch { head_seq: i64, last_seq: i64 },
}

impl ChainFault {
    /// The fault in words, for an operator.
    pub fn describe(&self) -> String {
        match self {
            Self::Altered { seq } => format!("row {seq} was altered: its fields no longer match its hash"),
            Self::Broken { seq } => {
                format!("the chain breaks at row {seq}: a row before it was inserted, deleted or reordered")
            }
            Self::HeadMismatch { head_seq, last_seq } => format!(
                "the chain ends at row {last_seq} but the head says {head_seq}: rows were deleted from the end"
            ),
        }
    }
}

/// Checks the whole chain; `Ok(count)` when every row is intact. The head is read first and the
/// rows up to it: rows others append meanwhile (each with its head, in one transaction) are not
/// a fault. A row beyond the head that no head ever named is.
pub async fn verify(db: &Db) -> anyhow::Result<Result<i64, ChainFault>> {
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(db.pool()).await?;
    let rows: Vec<AuditRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM audit_events WHERE seq <= $1 ORDER BY seq"
    )))
    .bind(head_seq)
    .fetch_all(db.pool())
    .await?;
    // The last row, then the head again: an append between the two moves the head past it.
    let (last_seq,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(seq) FROM audit_events").fetch_one(db.pool()).await?;
    let (head_now,): (i64,) =
        sqlx::query_as("SELECT seq FROM audit_head WHERE id = 1").fetch_one(db.pool()).await?;
    if let Some(last_seq) = last_seq.filter(|last| *last > head_now) {
        return Ok(Err(ChainFault::HeadMismatch { head_seq: head_now, last_seq }));
    }
    let mut prev = (0_i64, String::new());
    for row in &rows {
        if row.seq != prev.0 + 1 || row.prev_hash != prev.1 {
            return Ok(Err(ChainFault::Broken { seq: row.seq }));
        }
        if row.hash != row.expected_hash() {
            return Ok(Err(ChainFault::Altered { seq: row.seq }));
        }
        prev = (row.seq, row.hash.clone());
    }
    if head_seq != prev.0 || head_hash != prev.1 {
        return Ok(Err(ChainFault::HeadMismatch { head_seq, last_seq: prev.0 }));
    }
    Ok(Ok(prev.0))
}
