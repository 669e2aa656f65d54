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

/// These routes in the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(health, ready, clinic))]
pub(crate) struct Api;

/// Liveness: answers while the process runs, without touching the database.
#[utoipa::path(
    get,
    operation_id = "meta_health",
    path = "/api/health",
    tag = "meta",
    responses((status = 200, description = "Done.", body = shared::Health)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
async fn health() -> ApiJson<Health> {
    ApiJson(Health { status: HealthStatus::Ok, version: env!("CARGO_PKG_VERSION").to_owned() })
}

/// Readiness: 503 until the database answers, so a load balancer sends no traffic here.
#[utoipa::path(
    get,
    operation_id = "meta_ready",
    path = "/api/health/ready",
    tag = "meta",
    responses(
        (status = 200, description = "Ready.", body = shared::Readiness),
        (status = 503, description = "The database does not answer.", body = shared::Readiness)
    ),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
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
#[utoipa::path(
    get,
    operation_id = "meta_clinic",
    path = "/api/clinic",
    tag = "meta",
    responses((status = 200, description = "Done.", body = shared::ClinicInfo)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
async fn clinic(State(state): State<AppState>) -> ApiResult<ApiJson<ClinicInfo>> {
    let row: Option<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT name, phone, email FROM clinic_profile WHERE id = 1")
            .fetch_optional(state.db.pool())
            .await?;
    let (name, phone, email) = row.unwrap_or_else(|| ("Patient Portal".to_owned(), None, None));
    Ok(ApiJson(ClinicInfo { name, phone, email }))
}
