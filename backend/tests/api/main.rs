//! Integration tests of the HTTP application, one binary (linking once) with a module per
//! capability. Every test gets a fresh database on the engine `PORTAL_TEST_DATABASE` names.

mod errors;
mod health;
mod helpers;
mod security_headers;
mod web;
