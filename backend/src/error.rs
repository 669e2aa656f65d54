//! The API's one error type. Every failure becomes the shared JSON envelope: 4xx with a stable
//! code and a message, 5xx logged with their whole cause chain and answered with a generic
//! message and the request id, so nothing internal leaks to the caller.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shared::{ErrorBody, ErrorCode, ErrorDetail, FieldError};

use crate::request_id;

#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    message: String,
    fields: Vec<FieldError>,
    /// The cause of a 5xx, logged but never sent.
    source: Option<anyhow::Error>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), fields: Vec::new(), source: None }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadRequest, message)
    }

    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound, "Nothing was found at this address.")
    }

    pub fn unauthorized() -> Self {
        Self::new(ErrorCode::Unauthorized, "You need to sign in.")
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden, "You are not allowed to do this.")
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }

    /// A request whose fields failed validation; each entry names a field and why.
    pub fn validation(message: impl Into<String>, fields: Vec<FieldError>) -> Self {
        Self { fields, ..Self::new(ErrorCode::Validation, message) }
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unavailable, message)
    }

    pub fn internal(source: anyhow::Error) -> Self {
        Self { source: Some(source), ..Self::new(ErrorCode::Internal, "Something went wrong on our side.") }
    }

    /// The error a bare status turns into, for failures raised below the handlers.
    pub fn from_status(status: StatusCode) -> Self {
        let code = ErrorCode::from_status(status.as_u16());
        let message = status.canonical_reason().unwrap_or("Request failed").to_owned();
        Self::new(code, message)
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The cause of a 5xx, for an answer in another format (FHIR's `OperationOutcome`) that
    /// must still log it.
    pub fn into_source(self) -> Option<anyhow::Error> {
        self.source
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => Self::not_found(),
            sqlx::Error::PoolTimedOut => Self {
                source: Some(err.into()),
                ..Self::unavailable("The service is busy. Please try again.")
            },
            // Two requests racing to create the same thing (an email, say): the loser's check
            // passed before the winner committed, and the unique index refuses it.
            sqlx::Error::Database(ref db) if db.is_unique_violation() => {
                Self { source: None, ..Self::conflict("This was just taken. Please try again.") }
            }
            other => Self::internal(other.into()),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        Self::internal(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let request_id = request_id::current();
        if let Some(source) = &self.source {
            tracing::error!(request_id = request_id.as_deref(), error = ?source, "request failed");
        }
        let body = ErrorBody {
            error: ErrorDetail { code: self.code, message: self.message, request_id, fields: self.fields },
        };
        (status, Json(body)).into_response()
    }
}

/// `Json<T>` whose rejections (bad syntax, wrong shape, wrong content type, too large) are
/// answered with the error envelope.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let code = match rejection {
            JsonRejection::JsonDataError(_) => ErrorCode::Validation,
            JsonRejection::MissingJsonContentType(_) => ErrorCode::UnsupportedMediaType,
            ref other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
            _ => ErrorCode::BadRequest,
        };
        Self::new(code, rejection.body_text())
    }
}

/// `Query<T>` whose rejections (a malformed or wrongly typed query string) are answered with the
/// error envelope.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        Self::new(ErrorCode::BadRequest, rejection.body_text())
    }
}
