//! `Caller`: the signed-in person making a request, extracted from the session cookie, and the
//! one place that decides whose records they may open. Opening a record writes the audit row;
//! a refusal is audited too.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use shared::access::ProxyScope;
use shared::{ErrorCode, Role};

use super::session::{self, Session, Stage};
use crate::access::{self, Decision, Opened, Via};
use crate::audit::{self, AuditEvent, Outcome};
use crate::error::ApiError;
use crate::{AppState, request_id};

/// Where a request came from, for the audit trail.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

impl RequestMeta {
    pub fn from_parts(parts: &Parts) -> Self {
        Self {
            ip: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip().to_string()),
            user_agent: parts.headers.get(USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned),
            request_id: parts
                .headers
                .get(&request_id::HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        }
    }

    /// An audit event from this request, with the rest to fill in.
    pub fn event(&self, action: &str, outcome: Outcome) -> AuditEvent {
        AuditEvent {
            action: action.to_owned(),
            outcome,
            ip: self.ip.clone(),
            user_agent: self.user_agent.clone(),
            request_id: self.request_id.clone(),
            ..AuditEvent::default()
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::from_parts(parts))
    }
}

/// The signed-in person: a session whose every sign-in step is done.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account_id: String,
    pub role: Role,
    pub display_name: String,
    pub email: String,
    /// The patient record that is the caller's own, for patients.
    pub patient_id: Option<String>,
    /// The practitioner the caller is, for clinicians and nurses.
    pub practitioner_id: Option<String>,
    pub session: Session,
    pub meta: RequestMeta,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    role: String,
    display_name: String,
    email: String,
    patient_id: Option<String>,
    practitioner_id: Option<String>,
    disabled_at: Option<String>,
}

/// Someone part-way through signing in (password given, second factor due or to be set up),
/// or fully signed in: the routes that finish signing in accept both.
#[derive(Debug, Clone)]
pub struct SignInSession(pub Caller);

impl FromRequestParts<AppState> for SignInSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let meta = RequestMeta::from_parts(parts);
        let refuse = |detail: &str| {
            let mut event = meta.event("authenticate", Outcome::Denied);
            event.resource_type = Some(parts.uri.path().chars().take(200).collect());
            event.detail = Some(detail.to_owned());
            event
        };
        let Some(token) = session::token_from(&parts.headers) else {
            audit::record(&state.db, refuse("no session")).await?;
            return Err(ApiError::unauthorized());
        };
        let Some(session) = session::find_live(&state.db, &token, state.config.session_idle()).await? else {
            audit::record(&state.db, refuse("session ended or unknown")).await?;
            return Err(ApiError::unauthorized());
        };
        let account: Option<AccountRow> = sqlx::query_as(
            "SELECT role, display_name, email, patient_id, practitioner_id, disabled_at FROM accounts WHERE id = $1",
        )
        .bind(session.account_id.clone())
        .fetch_optional(state.db.pool())
        .await?;
        let Some(account) = account.filter(|a| a.disabled_at.is_none()) else {
            session::delete(&state.db, &session.token_hash).await?;
            audit::record(&state.db, refuse("account disabled")).await?;
            return Err(ApiError::unauthorized());
        };
        let role = Role::parse(&account.role)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {:?}", account.role)))?;
        Ok(Self(Caller {
            account_id: session.account_id.clone(),
            role,
            display_name: account.display_name,
            email: account.email,
            patient_id: account.patient_id,
            practitioner_id: account.practitioner_id,
            session,
            meta,
        }))
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let SignInSession(caller) = SignInSession::from_request_parts(parts, state).await?;
        if caller.session.stage != Stage::Full {
            let mut event = caller.event("authenticate", Outcome::Denied);
            event.resource_type = Some(parts.uri.path().chars().take(200).collect());
            event.detail = Some(format!("sign-in not finished ({})", caller.session.stage.as_str()));
            audit::record(&state.db, event).await?;
            return Err(ApiError::new(ErrorCode::Unauthorized, "Finish signing in first."));
        }
        Ok(caller)
    }
}

/// What the caller is doing with a record, for the audit trail.
#[derive(Debug, Clone, Copy)]
pub struct Access<'a> {
    /// `read` for one item, `search` for a list.
    pub action: &'a str,
    /// The FHIR resource type (or portal view) reached.
    pub resource_type: &'a str,
    pub resource_id: Option<&'a str>,
}

impl Caller {
    /// An audit event by this caller.
    pub fn event(&self, action: &str, outcome: Outcome) -> AuditEvent {
        AuditEvent {
            actor_account_id: Some(self.account_id.clone()),
            actor_role: Some(self.role.as_str().to_owned()),
            ..self.meta.event(action, outcome)
        }
    }

    /// Opens `patient_id`'s health record for `access`, or refuses; either way the audit trail
    /// records it before anything is returned. The answer says how much of it the caller sees.
    pub async fn open_record(
        &self,
        state: &AppState,
        patient_id: &str,
        access: Access<'_>,
    ) -> Result<Opened, ApiError> {
        self.open_for(state, patient_id, ProxyScope::Records, access).await
    }

    /// Opens `patient_id`'s `scope` (records, appointments, messages, billing) for `access`.
    pub async fn open_for(
        &self,
        state: &AppState,
        patient_id: &str,
        scope: ProxyScope,
        access: Access<'_>,
    ) -> Result<Opened, ApiError> {
        let decision = access::decide(&state.db, self, patient_id, scope).await?;
        let outcome = if matches!(decision, Decision::Open(_)) { Outcome::Success } else { Outcome::Denied };
        let mut event = self.event(access.action, outcome);
        event.patient_id = Some(patient_id.to_owned());
        event.resource_type = Some(access.resource_type.to_owned());
        event.resource_id = access.resource_id.map(str::to_owned);
        match &decision {
            Decision::Open(Opened { via: Via::Proxy { link_id }, .. }) => {
                event.on_behalf_of = Some(patient_id.to_owned());
                event.detail = Some(format!("proxy {link_id}"));
            }
            Decision::Open(Opened { via: Via::BreakGlass { grant_id }, .. }) => {
                event.detail = Some(format!("{} {grant_id}", access::BREAK_GLASS_DETAIL));
            }
            Decision::BreakGlassRequired => event.detail = Some("no care relationship".to_owned()),
            _ => {}
        }
        audit::record(&state.db, event).await?;
        match decision {
            Decision::Open(opened) => Ok(opened),
            // Another patient's id gets the same answer as one that does not exist.
            Decision::NotFound => Err(ApiError::not_found()),
            Decision::Forbidden => Err(ApiError::forbidden()),
            Decision::BreakGlassRequired => Err(ApiError::new(
                ErrorCode::BreakGlassRequired,
                "This patient is not in your care. Open the record only in an emergency, and say why.",
            )),
        }
    }

    /// Refuses callers whose role is not among `roles`, auditing the refusal.
    pub async fn require_role(&self, state: &AppState, roles: &[Role], action: &str) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            return Ok(());
        }
        audit::record(&state.db, self.event(action, Outcome::Denied)).await?;
        Err(ApiError::forbidden())
    }
}
