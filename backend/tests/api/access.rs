//! Who may open whose record: proxies the patient chooses, a child's guardians by the child's
//! age, the care team by care relationship or emergency access; and the trail that shows it.

use axum::http::{Method, StatusCode};
use backend::records::{self, Observation};
use serde_json::{Value, json};
use shared::access::{AuditPage, AuditVerification, BreakGlassGrant, ProxyAccess, RecordView};
use shared::chart::ResultsPage;
use shared::{ErrorCode, Role, SessionInfo};

use crate::helpers::{TestApp, TestResponse, assert_envelope, patient_row};

const JSON: (&str, &str) = ("content-type", "application/json");

async fn send(app: &TestApp, method: Method, cookie: &str, path: &str, body: Value) -> TestResponse {
    app.request(method, path, &[JSON, ("cookie", cookie)], body.to_string()).await
}

/// A patient record with one ordinary result and one confidential one (a pregnancy test).
async fn patient_with_results(app: &TestApp, id: &str, birth_date: &str) {
    let mut conn = app.db.pool().acquire().await.unwrap();
    let mut patient = patient_row(id, "Pat", id);
    patient.birth_date = Some(birth_date.to_owned());
    records::upsert(&mut conn, app.db.keys(), &[patient]).await.unwrap();
    let result = |suffix: &str, code: &str, confidential: i64| Observation {
        id: format!("{id}-{suffix}"),
        source: "test".into(),
        patient_id: id.into(),
        status: "final".into(),
        category: Some("laboratory".into()),
        code_system: Some("http://loinc.org".into()),
        code: Some(code.into()),
        code_display: Some(suffix.into()),
        value_type: "string".into(),
        value_text: Some("seen".into()),
        effective: Some("2026-01-01T00:00:00Z".into()),
        effective_at: Some("2026-01-01T00:00:00Z".into()),
        confidential,
        updated_at: "2026-01-01T00:00:00Z".into(),
        ..Observation::default()
    };
    records::upsert(
        &mut conn,
        app.db.keys(),
        &[result("glucose", "2345-7", 0), result("pregnancy", "2106-3", 1)],
    )
    .await
    .unwrap();
}

/// The ids of the results `cookie` sees in `patient`'s list, or the status when refused.
async fn visible_results(app: &TestApp, cookie: &str, patient: &str) -> Result<Vec<String>, StatusCode> {
    let response = app.get_as(cookie, &format!("/api/patients/{patient}/results")).await;
    if response.status != StatusCode::OK {
        return Err(response.status);
    }
    let page: ResultsPage = response.json();
    Ok(page.items.into_iter().map(|i| i.id).collect())
}

/// A birth date `years` ago today (UTC).
fn born_years_ago(years: i16) -> String {
    let today = backend::access::today();
    format!("{:04}-{:02}-{:02}", today.year() - years, today.month(), today.day())
}

#[tokio::test]
async fn a_proxy_the_patient_chose_reads_for_them_within_the_scopes_and_loses_it_when_revoked() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "ana", "1970-05-01").await;
    app.account(Role::Patient, "ana@example.org", Some("ana")).await;
    app.account(Role::Proxy, "carer@example.org", None).await;
    let ana = app.sign_in("ana@example.org").await;
    let carer = app.sign_in("carer@example.org").await;
    assert_eq!(visible_results(&app, &carer, "ana").await, Err(StatusCode::NOT_FOUND), "no link yet");

    let granted = send(
        &app,
        Method::POST,
        &ana,
        "/api/patients/ana/proxies",
        json!({
            "email": "Carer@example.org", "scopes": ["appointments"], "relationship": "daughter"
        }),
    )
    .await;
    assert_eq!(granted.status, StatusCode::CREATED, "{}", granted.text());
    assert_eq!(visible_results(&app, &carer, "ana").await, Err(StatusCode::NOT_FOUND), "records not granted");

    let granted = send(
        &app,
        Method::POST,
        &ana,
        "/api/patients/ana/proxies",
        json!({
            "email": "carer@example.org", "scopes": ["records", "appointments"]
        }),
    )
    .await;
    let link: ProxyAccess = granted.json();
    let listed: Vec<ProxyAccess> = app.get_as(&ana, "/api/patients/ana/proxies").await.json();
    assert_eq!(listed, vec![link.clone()], "a new grant replaces the old one");
    assert_eq!(
        visible_results(&app, &carer, "ana").await.unwrap(),
        ["ana-glucose"],
        "a proxy sees no confidential items unless the patient says so"
    );
    let session: SessionInfo = app.get_as(&carer, "/api/session").await.json();
    assert!(session.patients.iter().any(|p| p.patient_id == "ana" && !p.is_self));
    let read = app.audit_rows().await.into_iter().rev().find(|r| r.action == "search").unwrap();
    assert_eq!(read.on_behalf_of.as_deref(), Some("ana"), "the audit says on whose behalf");

    let revoked =
        send(&app, Method::DELETE, &ana, &format!("/api/patients/ana/proxies/{}", link.id), json!({})).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    assert_eq!(visible_results(&app, &carer, "ana").await, Err(StatusCode::NOT_FOUND));
    let session: SessionInfo = app.get_as(&carer, "/api/session").await.json();
    assert!(session.patients.is_empty());
}

#[tokio::test]
async fn a_patient_may_let_a_proxy_see_confidential_items_too() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "ana", "1970-05-01").await;
    app.account(Role::Patient, "ana@example.org", Some("ana")).await;
    app.account(Role::Proxy, "partner@example.org", None).await;
    let ana = app.sign_in("ana@example.org").await;
    let partner = app.sign_in("partner@example.org").await;

    send(
        &app,
        Method::POST,
        &ana,
        "/api/patients/ana/proxies",
        json!({
            "email": "partner@example.org", "scopes": ["records"], "include_confidential": true
        }),
    )
    .await;

    let mut seen = visible_results(&app, &partner, "ana").await.unwrap();
    seen.sort();
    assert_eq!(seen, ["ana-glucose", "ana-pregnancy"]);
}

#[tokio::test]
async fn only_the_patient_chooses_proxies_and_everyone_else_is_refused() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "ana", "1970-05-01").await;
    app.patient_with_account("bob", "bob@example.org").await;
    app.account(Role::Patient, "ana@example.org", Some("ana")).await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    app.account(Role::Billing, "billing@example.org", None).await;
    let (ana, bob) = (app.sign_in("ana@example.org").await, app.sign_in("bob@example.org").await);
    let (desk, billing) = (app.sign_in("desk@example.org").await, app.sign_in("billing@example.org").await);
    let grant = json!({ "email": "bob@example.org", "scopes": ["records"] });

    let stranger = send(&app, Method::POST, &bob, "/api/patients/ana/proxies", grant.clone()).await;
    assert_envelope(&stranger, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    let staff = send(&app, Method::POST, &desk, "/api/patients/ana/proxies", grant.clone()).await;
    assert_envelope(&staff, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    let anonymous = app.request(Method::POST, "/api/patients/ana/proxies", &[JSON], grant.to_string()).await;
    assert_envelope(&anonymous, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    let listing = app.get_as(&billing, "/api/patients/ana/proxies").await;
    assert_envelope(&listing, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_eq!(app.get_as(&bob, "/api/patients/ana/proxies").await.status, StatusCode::NOT_FOUND);

    let to_staff = send(
        &app,
        Method::POST,
        &ana,
        "/api/patients/ana/proxies",
        json!({
            "email": "desk@example.org", "scopes": ["records"]
        }),
    )
    .await;
    let to_nobody = send(
        &app,
        Method::POST,
        &ana,
        "/api/patients/ana/proxies",
        json!({ "email": "nobody@example.org", "scopes": ["records"] }),
    )
    .await;
    let staff = assert_envelope(&to_staff, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    let nobody = assert_envelope(&to_nobody, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    assert_eq!(staff.message, nobody.message, "a staff account is answered like no account");
    let no_scope = send(
        &app,
        Method::POST,
        &ana,
        "/api/patients/ana/proxies",
        json!({
            "email": "bob@example.org", "scopes": []
        }),
    )
    .await;
    assert_envelope(&no_scope, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    let listed: Vec<ProxyAccess> = app.get_as(&ana, "/api/patients/ana/proxies").await.json();
    assert!(listed.is_empty(), "refused requests changed nothing");
    let denied =
        app.audit_rows().await.into_iter().filter(|r| r.action == "proxy_grant" && r.outcome == "denied");
    assert_eq!(denied.count(), 2, "both refusals by a signed-in caller are audited");
}

#[tokio::test]
async fn a_guardian_sees_a_young_child_whole_then_without_confidential_items_and_not_at_all_at_18() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "kid", &born_years_ago(8)).await;
    app.account(Role::Patient, "kid@example.org", Some("kid")).await;
    app.account(Role::Proxy, "parent@example.org", None).await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    let (desk, parent) = (app.sign_in("desk@example.org").await, app.sign_in("parent@example.org").await);
    let kid = app.sign_in("kid@example.org").await;
    let linked = send(
        &app,
        Method::POST,
        &desk,
        "/api/patients/kid/guardians",
        json!({
            "email": "parent@example.org", "relationship": "mother"
        }),
    )
    .await;
    assert_eq!(linked.status, StatusCode::CREATED, "{}", linked.text());
    let set_age = |years: i16| {
        let app = &app;
        async move {
            sqlx::query("UPDATE patients SET birth_date = $1 WHERE id = 'kid'")
                .bind(born_years_ago(years))
                .execute(app.db.pool())
                .await
                .unwrap();
        }
    };

    assert_eq!(visible_results(&app, &parent, "kid").await.unwrap().len(), 2, "under 12: everything");

    set_age(12).await;
    assert_eq!(visible_results(&app, &parent, "kid").await.unwrap(), ["kid-glucose"], "12 to 17: hidden");
    let hidden = app.get_as(&parent, "/api/patients/kid/results/kid-pregnancy").await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "a hidden item answers as if it did not exist");
    let fhir: Value = app.get_as(&parent, "/fhir/r4/Observation?patient=kid").await.json();
    assert_eq!(fhir["total"], 1, "the FHIR API hides it too");
    let fhir_read = app.get_as(&parent, "/fhir/r4/Observation/kid-pregnancy").await;
    assert_eq!(fhir_read.status, StatusCode::NOT_FOUND);
    let everything: Value = app.get_as(&parent, "/fhir/r4/Patient/kid/$everything").await.json();
    let ids: Vec<&str> =
        everything["entry"].as_array().unwrap().iter().filter_map(|e| e["resource"]["id"].as_str()).collect();
    assert!(!ids.contains(&"kid-pregnancy"), "{ids:?}");
    assert_eq!(
        visible_results(&app, &kid, "kid").await.unwrap().len(),
        2,
        "the teen sees their own record whole"
    );

    set_age(18).await;
    assert_eq!(
        visible_results(&app, &parent, "kid").await,
        Err(StatusCode::NOT_FOUND),
        "18: an adult's record"
    );
    let session: SessionInfo = app.get_as(&parent, "/api/session").await.json();
    assert!(session.patients.is_empty());
}

#[tokio::test]
async fn guardians_are_recorded_only_by_the_front_desk_and_only_for_children() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "kid", &born_years_ago(5)).await;
    patient_with_results(&app, "adult", "1970-01-01").await;
    app.account(Role::Proxy, "parent@example.org", None).await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    app.account(Role::Nurse, "nurse@example.org", None).await;
    let (desk, nurse) = (app.sign_in("desk@example.org").await, app.sign_in("nurse@example.org").await);
    let parent = app.sign_in("parent@example.org").await;
    let body = json!({ "email": "parent@example.org" });

    for cookie in [&nurse, &parent] {
        let refused = send(&app, Method::POST, cookie, "/api/patients/kid/guardians", body.clone()).await;
        assert_envelope(&refused, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    }
    let adult = send(&app, Method::POST, &desk, "/api/patients/adult/guardians", body.clone()).await;
    assert_envelope(&adult, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    let nobody =
        send(&app, Method::POST, &desk, "/api/patients/kid/guardians", json!({ "email": "no@example.org" }))
            .await;
    assert_envelope(&nobody, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    let missing = send(&app, Method::POST, &desk, "/api/patients/nobody/guardians", body.clone()).await;
    assert_envelope(&missing, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    assert_eq!(visible_results(&app, &parent, "kid").await, Err(StatusCode::NOT_FOUND), "nothing was linked");
}

#[tokio::test]
async fn a_teenager_cannot_remove_a_parent_the_front_desk_recorded_but_the_front_desk_can() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "teen", &born_years_ago(15)).await;
    app.account(Role::Patient, "teen@example.org", Some("teen")).await;
    app.account(Role::Proxy, "parent@example.org", None).await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    let (desk, teen) = (app.sign_in("desk@example.org").await, app.sign_in("teen@example.org").await);
    let linked: Value = send(
        &app,
        Method::POST,
        &desk,
        "/api/patients/teen/guardians",
        json!({ "email": "parent@example.org", "relationship": "father" }),
    )
    .await
    .json();
    let path = format!("/api/patients/teen/proxies/{}", linked["id"].as_str().unwrap());

    let by_teen = send(&app, Method::DELETE, &teen, &path, json!({})).await;
    let still_listed: Vec<Value> =
        send(&app, Method::GET, &teen, "/api/patients/teen/proxies", json!({})).await.json();
    let by_desk = send(&app, Method::DELETE, &desk, &path, json!({})).await;

    assert_envelope(&by_teen, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_eq!(still_listed.len(), 1, "the refusal changed nothing");
    assert_eq!(by_desk.status, StatusCode::NO_CONTENT);
    let denied =
        app.audit_rows().await.into_iter().filter(|r| r.action == "proxy_revoke" && r.outcome == "denied");
    assert_eq!(denied.count(), 1, "the refusal is audited");
}

#[tokio::test]
async fn a_clinician_outside_the_patients_care_must_break_the_glass_which_is_flagged_for_review() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "ana", "1970-05-01").await;
    app.account(Role::Patient, "ana@example.org", Some("ana")).await;
    app.account(Role::Clinician, "er@example.org", None).await;
    app.account(Role::SecurityOfficer, "officer@example.org", None).await;
    let (ana, er) = (app.sign_in("ana@example.org").await, app.sign_in("er@example.org").await);
    let officer = app.sign_in("officer@example.org").await;

    let refused = app.get_as(&er, "/api/patients/ana/results").await;
    assert_envelope(&refused, StatusCode::FORBIDDEN, ErrorCode::BreakGlassRequired);
    let vague =
        send(&app, Method::POST, &er, "/api/patients/ana/break-glass", json!({ "reason": "need" })).await;
    assert_envelope(&vague, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    let by_officer = send(
        &app,
        Method::POST,
        &officer,
        "/api/patients/ana/break-glass",
        json!({
            "reason": "curious about this patient"
        }),
    )
    .await;
    assert_envelope(&by_officer, StatusCode::FORBIDDEN, ErrorCode::Forbidden);

    let opened = send(
        &app,
        Method::POST,
        &er,
        "/api/patients/ana/break-glass",
        json!({
            "reason": "Unconscious in the emergency room, no family reachable"
        }),
    )
    .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text());
    let grant: BreakGlassGrant = opened.json();
    assert!(grant.expires_at > grant.created_at);
    let mut seen = visible_results(&app, &er, "ana").await.unwrap();
    seen.sort();
    assert_eq!(seen, ["ana-glucose", "ana-pregnancy"], "emergency access shows the whole record");
    let read = app.audit_rows().await.into_iter().rev().find(|r| r.action == "search").unwrap();
    assert!(read.detail.as_deref().unwrap().starts_with("break-glass"), "{read:?}");

    let views: Vec<RecordView> = app.get_as(&ana, "/api/patients/ana/access-log").await.json();
    assert!(
        views.iter().any(|v| v.who == "er@example.org" && v.role == "clinician" && v.emergency),
        "{views:?}"
    );
    assert!(views.iter().all(|v| v.who != "ana@example.org"), "the patient's own reads are not listed");

    let pending: Vec<BreakGlassGrant> =
        app.get_as(&officer, "/api/security/break-glass?pending=true").await.json();
    assert_eq!(pending, vec![grant.clone()]);
    let by_clinician = app.get_as(&er, "/api/security/break-glass").await;
    assert_envelope(&by_clinician, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    let path = format!("/api/security/break-glass/{}/review", grant.id);
    let reviewed =
        send(&app, Method::POST, &officer, &path, json!({ "note": "Checked with the ER: justified." })).await;
    assert_eq!(reviewed.status, StatusCode::OK, "{}", reviewed.text());
    assert!(reviewed.json::<BreakGlassGrant>().reviewed_at.is_some());
    let again = send(&app, Method::POST, &officer, &path, json!({ "note": "again" })).await;
    assert_envelope(&again, StatusCode::CONFLICT, ErrorCode::Conflict);
    let pending: Vec<BreakGlassGrant> =
        app.get_as(&officer, "/api/security/break-glass?pending=true").await.json();
    assert!(pending.is_empty());
}

#[tokio::test]
async fn who_viewed_my_record_is_for_the_patient_alone() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "ana", "1970-05-01").await;
    app.patient_with_account("bob", "bob@example.org").await;
    app.account(Role::Patient, "ana@example.org", Some("ana")).await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let (ana, bob) = (app.sign_in("ana@example.org").await, app.sign_in("bob@example.org").await);
    let admin = app.sign_in("admin@example.org").await;

    assert_eq!(app.get_as(&ana, "/api/patients/ana/access-log").await.status, StatusCode::OK);
    assert_eq!(app.get_as(&bob, "/api/patients/ana/access-log").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get_as(&admin, "/api/patients/ana/access-log").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/patients/ana/access-log").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_security_officer_searches_exports_and_verifies_the_audit_trail() {
    let app = TestApp::spawn().await;
    patient_with_results(&app, "ana", "1970-05-01").await;
    app.account(Role::Patient, "ana@example.org", Some("ana")).await;
    app.account(Role::SecurityOfficer, "officer@example.org", None).await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let ana = app.sign_in("ana@example.org").await;
    let officer = app.sign_in("officer@example.org").await;
    let admin = app.sign_in("admin@example.org").await;
    app.get_as(&ana, "/api/patients/ana/results").await;
    app.get_as(&ana, "/api/patients/ana/summary").await;

    let page: AuditPage = app.get_as(&officer, "/api/security/audit?patient_id=ana&limit=1").await.json();
    assert_eq!(page.entries.len(), 1);
    assert_eq!(page.entries[0].patient_id.as_deref(), Some("ana"));
    let after = page.next_after.expect("more rows follow");
    let next: AuditPage =
        app.get_as(&officer, &format!("/api/security/audit?patient_id=ana&after={after}")).await.json();
    assert_eq!(next.entries.len(), 1, "the second read of ana's record");
    assert!(next.entries[0].seq > after);

    // Found by name or email as well as by ID, with the names on every row; a wildcard typed
    // is taken literally.
    let by_name: AuditPage = app.get_as(&officer, "/api/security/audit?patient=%20pat%20ANA%20").await.json();
    assert_eq!(by_name.entries.len(), 2, "{by_name:?}");
    assert!(by_name.entries.iter().all(|e| e.patient_name.as_deref() == Some("Pat ana")), "{by_name:?}");
    assert!(
        by_name.entries.iter().all(|e| e.actor_name.as_deref() == Some("ana@example.org")),
        "{by_name:?}"
    );
    let by_email: AuditPage =
        app.get_as(&officer, "/api/security/audit?actor=ANA@example.org&patient=ana").await.json();
    assert_eq!(by_email.entries, by_name.entries);
    for nobody in ["patient=%25", "patient=pat_ana", "actor=officer%40example.org&patient=ana"] {
        let page: AuditPage = app.get_as(&officer, &format!("/api/security/audit?{nobody}")).await.json();
        assert!(page.entries.is_empty(), "{nobody}: {page:?}");
    }

    let csv = app.get_as(&officer, "/api/security/audit?action=search&format=csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.header("content-disposition").starts_with("attachment"));
    let text = csv.text();
    assert!(text.starts_with("seq,at,actor_account_id,actor_name,"), "{text}");
    assert_eq!(text.lines().count(), 2, "the header and the one search: {text}");

    let verdict: AuditVerification = app.get_as(&officer, "/api/security/audit/verify").await.json();
    assert!(verdict.intact && verdict.rows > 0, "{verdict:?}");
    for path in ["/api/security/audit", "/api/security/audit/verify"] {
        assert_envelope(&app.get_as(&admin, path).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
        assert_eq!(app.get_as(&ana, path).await.status, StatusCode::FORBIDDEN);
    }
    let bad = app.get_as(&officer, "/api/security/audit?format=xml").await;
    assert_envelope(&bad, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    let exported = app.audit_rows().await.into_iter().filter(|r| r.action == "audit_export").count();
    assert_eq!(exported, 1, "reading the audit trail is itself audited");
}

#[tokio::test]
async fn portal_audit_verify_reports_an_intact_trail_and_fails_on_an_altered_row() {
    // The command works the same on either engine; it runs here on a SQLite data folder.
    let dir = tempfile::tempdir().unwrap();
    let db = backend::Db::open_in(dir.path(), 2, backend::crypto::KeyRing::generate("test").0).await.unwrap();
    db.migrate().await.unwrap();
    for action in ["read", "search", "read"] {
        let event = backend::audit::AuditEvent { action: action.to_owned(), ..Default::default() };
        backend::audit::record(&db, event).await.unwrap();
    }
    let verify = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["audit", "verify", "--data-dir"])
            .arg(dir.path())
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };

    let intact = verify();
    assert!(intact.status.success(), "{}", String::from_utf8_lossy(&intact.stderr));
    assert!(String::from_utf8_lossy(&intact.stdout).contains("intact: 3 rows"));

    sqlx::query("UPDATE audit_events SET action = 'delete' WHERE seq = 2").execute(db.pool()).await.unwrap();
    let broken = verify();
    assert!(!broken.status.success());
    assert!(
        String::from_utf8_lossy(&broken.stdout).contains("row 2 was altered"),
        "{}",
        String::from_utf8_lossy(&broken.stdout)
    );
    db.close().await;
}
