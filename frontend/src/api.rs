//! The typed API client: one function per route, each returning the route's `shared` type or an
//! [`ApiError`] that keeps the status and the server's envelope. The session travels in an
//! `HttpOnly` cookie the browser sends by itself; this code never sees a token.

use gloo::net::http::Request;
use serde::de::DeserializeOwned;
use shared::{ClinicInfo, ErrorBody, ErrorDetail};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached: offline, or the connection dropped.
    Network(String),
    /// The server answered with an error; `detail` is its envelope when it sent one.
    Status { status: u16, detail: Option<ErrorDetail> },
    /// The server answered, but not with what this build of the app expects.
    Decode(String),
}

impl ApiError {
    pub const fn is_network(&self) -> bool {
        matches!(self, Self::Network(_))
    }

    /// The server's request id, to read out to the help desk.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Status { detail: Some(detail), .. } => detail.request_id.as_deref(),
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Network(cause) => write!(f, "network error: {cause}"),
            Self::Status { status, detail: Some(d) } => write!(f, "{status} {:?}: {}", d.code, d.message),
            Self::Status { status, detail: None } => write!(f, "HTTP {status}"),
            Self::Decode(cause) => write!(f, "unexpected response: {cause}"),
        }
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        let detail = response.json::<ErrorBody>().await.ok().map(|body| body.error);
        return Err(ApiError::Status { status: response.status(), detail });
    }
    response.json::<T>().await.map_err(|e| ApiError::Decode(e.to_string()))
}

/// `GET /api/clinic`: the clinic's public name and contact details.
pub async fn clinic() -> Result<ClinicInfo, ApiError> {
    get("/api/clinic").await
}
