//! `FhirError`: every failure of the FHIR API, answered as an `OperationOutcome` in
//! `application/fhir+json`. 5xx are logged with their cause chain and answered with a generic
//! message and the request id, as the JSON API's errors are.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use shared::ErrorCode;

use crate::error::ApiError;
use crate::request_id;

/// The media type of every FHIR answer, errors included.
pub const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";

/// `OperationOutcome.issue.code`: what kind of failure, from FHIR's `issue-type` code system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueType {
    Login,
    Forbidden,
    NotFound,
    NotSupported,
    Invalid,
    TooCostly,
    TooLong,
    Conflict,
    Throttled,
    Timeout,
    Transient,
    Exception,
}

impl IssueType {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::NotSupported => "not-supported",
            Self::Invalid => "invalid",
            Self::TooCostly => "too-costly",
            Self::TooLong => "too-long",
            Self::Conflict => "conflict",
            Self::Throttled => "throttled",
            Self::Timeout => "timeout",
            Self::Transient => "transient",
            Self::Exception => "exception",
        }
    }
}

#[derive(Debug)]
pub struct FhirError {
    status: StatusCode,
    issue: IssueType,
    diagnostics: String,
    /// The cause of a 5xx, logged but never sent.
    source: Option<anyhow::Error>,
}

pub type FhirResult<T> = Result<T, FhirError>;

impl FhirError {
    pub fn new(status: StatusCode, issue: IssueType, diagnostics: impl Into<String>) -> Self {
        Self { status, issue, diagnostics: diagnostics.into(), source: None }
    }

    /// A search or read parameter whose value we cannot use.
    pub fn invalid(diagnostics: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, IssueType::Invalid, diagnostics)
    }

    /// Also the answer for another patient's data: the same as data that does not exist.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, IssueType::NotFound, "Nothing was found at this address.")
    }

    /// A resource type or interaction this server does not offer.
    pub fn not_supported(status: StatusCode, diagnostics: impl Into<String>) -> Self {
        Self::new(status, IssueType::NotSupported, diagnostics)
    }

    pub fn internal(source: anyhow::Error) -> Self {
        Self {
            source: Some(source),
            ..Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                IssueType::Exception,
                "Something went wrong on our side.",
            )
        }
    }

    /// The error a bare status turns into, for failures raised below the handlers (no route,
    /// wrong method, body too large, timeout).
    pub fn from_status(status: StatusCode) -> Self {
        let issue = issue_for(ErrorCode::from_status(status.as_u16()));
        let issue = match status {
            StatusCode::NOT_FOUND | StatusCode::NOT_ACCEPTABLE => IssueType::NotSupported,
            _ => issue,
        };
        let diagnostics = status.canonical_reason().unwrap_or("Request failed");
        Self::new(status, issue, diagnostics)
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn issue(&self) -> IssueType {
        self.issue
    }

    /// The `OperationOutcome` this error is answered with.
    pub fn outcome(&self, request_id: Option<&str>) -> Value {
        let diagnostics = match request_id {
            Some(id) if self.status.is_server_error() => format!("{} Request id: {id}.", self.diagnostics),
            _ => self.diagnostics.clone(),
        };
        json!({
            "resourceType": "OperationOutcome",
            "issue": [{
                "severity": if self.status.is_server_error() { "fatal" } else { "error" },
                "code": self.issue.as_str(),
                "diagnostics": diagnostics,
            }],
        })
    }
}

/// The issue type of each of the JSON API's error codes.
fn issue_for(code: ErrorCode) -> IssueType {
    match code {
        ErrorCode::Unauthorized => IssueType::Login,
        ErrorCode::Forbidden | ErrorCode::BreakGlassRequired => IssueType::Forbidden,
        ErrorCode::NotFound => IssueType::NotFound,
        ErrorCode::MethodNotAllowed | ErrorCode::UnsupportedMediaType => IssueType::NotSupported,
        ErrorCode::BadRequest | ErrorCode::Validation | ErrorCode::Unknown => IssueType::Invalid,
        ErrorCode::Conflict => IssueType::Conflict,
        ErrorCode::PayloadTooLarge => IssueType::TooLong,
        ErrorCode::TooManyRequests => IssueType::Throttled,
        ErrorCode::Timeout => IssueType::Timeout,
        ErrorCode::Unavailable => IssueType::Transient,
        ErrorCode::Internal => IssueType::Exception,
    }
}

impl From<ApiError> for FhirError {
    fn from(err: ApiError) -> Self {
        let code = err.code();
        let status = StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let diagnostics = err.message().to_owned();
        Self { status, issue: issue_for(code), diagnostics, source: err.into_source() }
    }
}

/// For the JSON API's routes that build FHIR (the record download): the same status, in the
/// JSON envelope.
impl From<FhirError> for ApiError {
    fn from(err: FhirError) -> Self {
        match err.source {
            Some(source) => Self::internal(source),
            None if err.status.is_server_error() => Self::internal(anyhow::anyhow!(err.diagnostics)),
            None => Self::new(ErrorCode::from_status(err.status.as_u16()), err.diagnostics),
        }
    }
}

impl From<sqlx::Error> for FhirError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::from(err).into()
    }
}

impl From<anyhow::Error> for FhirError {
    fn from(err: anyhow::Error) -> Self {
        Self::internal(err)
    }
}

impl IntoResponse for FhirError {
    fn into_response(self) -> Response {
        let request_id = request_id::current();
        if let Some(source) = &self.source {
            tracing::error!(request_id = request_id.as_deref(), error = ?source, "FHIR request failed");
        }
        let body = self.outcome(request_id.as_deref());
        fhir_json(self.status, &body)
    }
}

/// A FHIR JSON answer, kept out of every cache: answers hold health data.
pub fn fhir_json(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_json_api_error_keeps_its_status_and_gets_a_matching_issue_type() {
        let cases = [
            (ApiError::unauthorized(), 401, "login"),
            (ApiError::forbidden(), 403, "forbidden"),
            (ApiError::not_found(), 404, "not-found"),
            (ApiError::bad_request("no"), 400, "invalid"),
            (ApiError::internal(anyhow::anyhow!("boom")), 500, "exception"),
        ];
        for (api, status, issue) in cases {
            let err = FhirError::from(api);
            assert_eq!(err.status().as_u16(), status);
            assert_eq!(err.issue().as_str(), issue);
        }
    }

    #[test]
    fn a_server_error_names_the_request_but_not_its_cause() {
        let err = FhirError::internal(anyhow::anyhow!("database password is hunter2"));
        let body = err.outcome(Some("req-1")).to_string();
        assert!(body.contains("req-1"), "{body}");
        assert!(!body.contains("hunter2"), "{body}");
    }
}
