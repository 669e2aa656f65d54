//! What the browser's clock and `Intl` make of the values the app sends and shows: a date typed
//! in a search becomes the UTC instant its day starts where the reader is, and the audit
//! filters become a query string.
#![cfg(target_arch = "wasm32")]

use frontend::api::AuditFilters;
use frontend::format::local_day_start_utc;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_date_becomes_the_utc_instant_its_local_day_starts() {
    let start = local_day_start_utc("2026-11-24", 0).expect("a date");
    // Whatever the machine's time zone, the instant is local midnight of that day.
    let date = js_sys::Date::new(&start.as_str().into());
    assert_eq!((date.get_full_year(), date.get_month(), date.get_date()), (2026, 10, 24));
    assert_eq!((date.get_hours(), date.get_minutes(), date.get_seconds()), (0, 0, 0));
    assert!(start.ends_with(":00Z") && !start.contains('.'), "stored instants have no milliseconds: {start}");

    // The day after, across the end of a month and a year.
    let next = js_sys::Date::new(&local_day_start_utc("2026-12-31", 1).unwrap().as_str().into());
    assert_eq!((next.get_full_year(), next.get_month(), next.get_date()), (2027, 0, 1));

    for not_a_date in ["", "2026-13-01", "2026-11", "yesterday"] {
        assert_eq!(local_day_start_utc(not_a_date, 0), None, "{not_a_date:?}");
    }
}

#[wasm_bindgen_test]
fn audit_filters_send_only_what_was_given_escaped() {
    let filters = AuditFilters {
        patient: " Ana García ".to_owned(),
        outcome: "denied".to_owned(),
        from: "2026-11-24T05:00:00Z".to_owned(),
        ..AuditFilters::default()
    };
    assert_eq!(
        filters.to_query(Some(42), Some(50)),
        "patient=Ana%20Garc%C3%ADa&outcome=denied&from=2026-11-24T05%3A00%3A00Z&after=42&limit=50"
    );
    assert_eq!(AuditFilters::default().to_query(None, None), "");
    assert_eq!(frontend::api::audit_export_url(&AuditFilters::default()), "/api/security/audit?format=csv");
    assert_eq!(
        frontend::api::audit_export_url(&filters),
        format!("/api/security/audit?{}&format=csv", filters.to_query(None, None))
    );
}

#[wasm_bindgen_test]
fn the_results_filters_go_into_the_address_and_come_back() {
    use frontend::api::ResultsQuery;
    use shared::chart::ResultCategory;
    let lab = ResultsQuery::from_address("");
    assert_eq!(lab.category, Some(ResultCategory::Laboratory), "lab tests by default");
    assert_eq!(lab.address_query(), "", "the default is not written");
    let query = ResultsQuery {
        category: Some(ResultCategory::VitalSigns),
        abnormal: true,
        new: false,
        words: "blood sugar & más".to_owned(),
        after: Some("cursor".to_owned()),
    };
    let address = query.address_query();
    assert_eq!(address, "kind=vitals&abnormal=1", "no paging, and no words: a test's name is private");
    let back = ResultsQuery::from_address(&format!("?{address}&q=sugar"));
    assert_eq!(back, ResultsQuery { after: None, words: String::new(), ..query });
    let all = ResultsQuery::from_address("?kind=all&new=true");
    assert_eq!((all.category, all.new, all.abnormal), (None, true, false));
    assert_eq!(all.address_query(), "kind=all&new=1");
}
