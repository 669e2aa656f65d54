//! The access matrix: every operation of the OpenAPI document, called anonymously, as every
//! role it does not name in `x-roles` (`anyone` is public, `signed_in` any account), and as
//! another patient, is refused — and the refusal is audited. The document is generated from the code, so a new route joins the matrix by itself;
//! one with a request body needs an example body here (a test says so).

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use shared::Role;

use crate::helpers::{TestApp, TestResponse};

/// The patient whose id fills `{patient_id}`; every other path parameter gets an id of nothing.
const ANA: &str = "ana";

/// A well-formed body for each operation that takes one, so that what answers is the access
/// check, not the body's validation.
fn example_bodies() -> BTreeMap<&'static str, Value> {
    BTreeMap::from([
        ("access_proxies_grant", json!({ "email": "bob@example.org", "scopes": ["records"] })),
        ("access_proxies_add_guardian", json!({ "email": "bob@example.org" })),
        ("access_break_glass_open", json!({ "reason": "Seen in the emergency room tonight" })),
        ("access_break_glass_review", json!({ "note": "Looked into it." })),
        ("accounts_email_change", json!({ "new_email": "new@example.org" })),
        ("accounts_email_verify", json!({ "token": "no-such-token" })),
        (
            "accounts_enrolment_enrol",
            json!({ "activation_code": "AAAA-BBBB-CCCC", "birth_date": "1980-01-01",
                    "email": "new@example.org", "password": "a long enough passphrase here" }),
        ),
        ("accounts_password_forgot", json!({ "email": "new@example.org" })),
        (
            "accounts_password_reset",
            json!({ "token": "no-such-token", "new_password": "a long enough passphrase" }),
        ),
        (
            "accounts_staff_create",
            json!({ "email": "new.nurse@example.org", "display_name": "New Nurse", "role": "nurse" }),
        ),
        ("auth_account_change_password", json!({ "new_password": "a long enough passphrase here" })),
        ("auth_account_check_password", json!({ "password": "hunter2" })),
        ("auth_mfa_confirm_totp", json!({ "code": "123456" })),
        ("auth_mfa_turn_off", json!({ "password": "a long test passphrase for everyone" })),
        ("auth_passkeys_reauth", json!({ "password": "x", "credential": {} })),
        ("auth_passkeys_register", json!({ "credential": {}, "name": "Phone" })),
        ("auth_passkeys_rename", json!({ "name": "Phone" })),
        ("auth_passkeys_sign_in", json!({ "credential": {} })),
        ("auth_signin_reauth", json!({ "password": "x" })),
        ("auth_signin_second_factor", json!({ "code": "123456" })),
        ("auth_signin_sign_in", json!({ "email": "nobody@example.org", "password": "x" })),
    ])
}

struct Operation {
    id: String,
    method: Method,
    path: String,
    roles: Vec<String>,
    body: Option<Value>,
}

fn operations() -> Vec<Operation> {
    let doc: Value = serde_json::to_value(backend::openapi::document()).unwrap();
    let bodies = example_bodies();
    let mut out = Vec::new();
    for (template, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap().to_owned();
            let body = operation.get("requestBody").map(|_| {
                bodies.get(id.as_str()).cloned().unwrap_or_else(|| panic!("add an example body for {id}"))
            });
            let required: Vec<String> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .map(|p| format!("{}=x", p["name"].as_str().unwrap()))
                .collect();
            let mut path = template
                .split('/')
                .map(|part| match part {
                    "{patient_id}" => ANA,
                    p if p.starts_with('{') && p.contains("seq") => "1",
                    p if p.starts_with('{') => "no-such-id",
                    p => p,
                })
                .collect::<Vec<_>>()
                .join("/");
            if !required.is_empty() {
                path = format!("{path}?{}", required.join("&"));
            }
            out.push(Operation {
                id,
                method: method.to_uppercase().parse().unwrap(),
                path,
                roles: operation["x-roles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_owned())
                    .collect(),
                body,
            });
        }
    }
    out
}

async fn call(app: &TestApp, op: &Operation, cookie: Option<&str>) -> TestResponse {
    let mut headers = vec![("content-type", "application/json")];
    if let Some(cookie) = cookie {
        headers.push(("cookie", cookie));
    }
    let body = op.body.as_ref().map(Value::to_string).unwrap_or_default();
    app.request(op.method.clone(), &op.path, &headers, body).await
}

async fn denied_rows(app: &TestApp) -> usize {
    app.audit_rows().await.iter().filter(|r| r.outcome == "denied").count()
}

#[tokio::test]
async fn every_route_refuses_the_anonymous_every_role_it_does_not_name_and_another_patient() {
    let app = TestApp::spawn().await;
    app.patient_with_account(ANA, "ana@example.org").await;
    app.patient_with_account("bob", "bob@example.org").await;
    let mut callers: Vec<(String, String)> = Vec::new();
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Patient) {
        let email = format!("{}@example.org", role.as_str());
        app.account(role, &email, None).await;
        callers.push((role.as_str().to_owned(), app.sign_in(&email).await));
    }
    let bob = app.sign_in("bob@example.org").await;
    let operations = operations();
    assert!(operations.len() >= 60, "only {} operations", operations.len());

    let mut checked = 0;
    for op in &operations {
        if !op.roles.iter().any(|r| r == "anyone") {
            let before = denied_rows(&app).await;
            let response = call(&app, op, None).await;
            assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{} anonymous: {}", op.id, response.text());
            assert!(denied_rows(&app).await > before, "{} anonymous: refusal not audited", op.id);
            checked += 1;
        }
        let open_to_all = op.roles.iter().any(|r| r == "anyone" || r == "signed_in");
        for (role, cookie) in callers.iter().filter(|(role, _)| !open_to_all && !op.roles.contains(role)) {
            let before = denied_rows(&app).await;
            let response = call(&app, op, Some(cookie)).await;
            assert!(
                matches!(response.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{} as {role}: {} {}",
                op.id,
                response.status,
                response.text()
            );
            assert!(denied_rows(&app).await > before, "{} as {role}: refusal not audited", op.id);
            checked += 1;
        }
        if op.path.contains(&format!("/patients/{ANA}/")) && op.roles.iter().any(|r| r == "patient") {
            let before = denied_rows(&app).await;
            let response = call(&app, op, Some(&bob)).await;
            assert!(
                matches!(response.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{} as another patient: {} {}",
                op.id,
                response.status,
                response.text()
            );
            assert!(denied_rows(&app).await > before, "{} as another patient: refusal not audited", op.id);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} refusals checked");
}

#[test]
fn every_example_body_belongs_to_an_operation_that_takes_one() {
    let with_bodies: Vec<String> =
        operations().into_iter().filter(|o| o.body.is_some()).map(|o| o.id).collect();
    for id in example_bodies().keys() {
        assert!(with_bodies.iter().any(|o| o == id), "{id} takes no body (or no longer exists)");
    }
}
