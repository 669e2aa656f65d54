//! Types shared by the portal's server and its browser app: the error envelope and every
//! request and response body, written once so the two sides cannot drift apart.

pub mod access;
pub mod assets;
pub mod auth;
pub mod chart;
pub mod error;
pub mod meta;
pub mod readability;

pub use auth::{PatientLink, Role, SessionInfo, SignInRequest, SignInResult};
pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldError};
pub use meta::{ClinicInfo, Health, HealthStatus, Readiness};

/// The prefix of every JSON API route.
pub const API_PREFIX: &str = "/api";
