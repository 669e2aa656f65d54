//! Public routes that hold no health data: liveness, readiness and the clinic's public details.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use shared::{ClinicInfo, Health, HealthStatus, Readiness};

use crate::AppState;
use crate::error::{ApiJson, ApiResult};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/health/ready", get(ready))
        .route("/clinic", get(clinic))
}

/// Liveness: answers while the process runs, without touching the database.
async fn health() -> ApiJson<Health> {
    ApiJson(Health { status: HealthStatus::Ok, version: env!("CARGO_PKG_VERSION").to_owned() })
}

/// Readiness: 503 until the database answers, so a load balancer sends no traffic here.
async fn ready(State(state): State<AppState>) -> (StatusCode, ApiJson<Readiness>) {
    match state.db.ping().await {
        Ok(()) => {
            (StatusCode::OK, ApiJson(Readiness { status: HealthStatus::Ok, database: HealthStatus::Ok }))
        }
        Err(err) => {
            tracing::warn!(error = ?err, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                ApiJson(Readiness { status: HealthStatus::Unavailable, database: HealthStatus::Unavailable }),
            )
        }
    }
}

/// The clinic's name and contact details, for the pages a visitor sees before signing in.
async fn clinic(State(state): State<AppState>) -> ApiResult<ApiJson<ClinicInfo>> {
    let row: Option<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT name, phone, email FROM clinic_profile WHERE id = 1")
            .fetch_optional(state.db.pool())
            .await?;
    let (name, phone, email) = row.unwrap_or_else(|| ("Patient Portal".to_owned(), None, None));
    Ok(ApiJson(ClinicInfo { name, phone, email }))
}
