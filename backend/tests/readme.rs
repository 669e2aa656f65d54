//! The README documents every environment variable the server reads.

use std::path::Path;

fn rust_sources(dir: &Path, into: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
}

#[test]
fn every_environment_variable_is_documented_in_the_readme() {
    let backend = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(backend.join("../README.md")).expect("README.md at the root");
    let mut sources = String::new();
    rust_sources(&backend.join("src"), &mut sources);

    let variables: Vec<&str> =
        sources.split("env = \"").skip(1).filter_map(|rest| rest.split('"').next()).collect();

    assert!(variables.len() >= 8, "found the variables: {variables:?}");
    let missing: Vec<_> = variables.iter().filter(|v| !readme.contains(&format!("`{v}`"))).collect();
    assert!(missing.is_empty(), "README.md does not document {missing:?}");
}
