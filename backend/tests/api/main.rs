//! Integration tests of the HTTP application, one binary (linking once) with a module per
//! capability. Every test gets a fresh database on the engine `PORTAL_TEST_DATABASE` names.

mod access;
mod accounts;
mod auth;
mod chart;
mod demo;
mod errors;
mod export;
mod fhir;
mod health;
mod helpers;
mod import;
mod matrix;
mod new_results;
mod passkeys;
mod records;
mod sealing;
mod security_headers;
mod sso;
mod web;
