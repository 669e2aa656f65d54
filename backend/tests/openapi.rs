//! The committed OpenAPI document (`backend/openapi.json`) is the one the code generates. After
//! changing a route, write it anew with `PORTAL_WRITE_OPENAPI=1 cargo test -p backend --test openapi`.

use std::path::PathBuf;

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let generated = backend::openapi::json();
    if std::env::var_os("PORTAL_WRITE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("write backend/openapi.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "backend/openapi.json is out of date with the code; write it anew with \
         `PORTAL_WRITE_OPENAPI=1 cargo test -p backend --test openapi` and commit it"
    );
}

#[test]
fn every_operation_names_the_roles_that_may_call_it() {
    let doc: serde_json::Value = serde_json::from_str(&backend::openapi::json()).unwrap();
    let roles: Vec<&str> =
        shared::Role::ALL.iter().map(|r| r.as_str()).chain(["anyone", "signed_in"]).collect();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let declared =
                operation["x-roles"].as_array().unwrap_or_else(|| panic!("{method} {path} names no roles"));
            assert!(!declared.is_empty(), "{method} {path}");
            for role in declared {
                assert!(roles.contains(&role.as_str().unwrap()), "{method} {path}: unknown role {role}");
            }
        }
    }
    assert!(operations >= 60, "only {operations} operations documented");
}
