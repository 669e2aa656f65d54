//! "Who viewed my record": a table of each time someone other than the patient opened their
//! record (staff and proxies), newest first: who, their role and what they looked at in words,
//! and when in the reader's language. Shown a page at a time.

use std::rc::Rc;

use shared::access::RecordView;
use yew::prelude::*;

use crate::api;
use crate::components::{FetchView, OwnRecordPage, ScrollTable};
use crate::format;
use crate::hooks::use_fetch;
use crate::i18n::{Translations, use_i18n};

/// Rows shown at first, and added by each "show more".
const PAGE_ROWS: usize = 20;

/// A role (`Role::as_str`) in words. A patient's account in someone else's log is a parent or
/// helper acting for them, as a proxy is.
fn role_words(i18n: &Translations, role: &str) -> String {
    i18n.t(match role {
        "clinician" => "viewer-role-clinician",
        "nurse" => "viewer-role-nurse",
        "front_desk" => "viewer-role-front-desk",
        "billing" => "viewer-role-billing",
        "admin" => "viewer-role-admin",
        "security_officer" => "viewer-role-security",
        "patient" | "proxy" => "viewer-role-proxy",
        _ => "viewer-role-other",
    })
}

/// What was looked at (a FHIR resource type or a portal view), in words.
fn what_words(i18n: &Translations, what: &str) -> String {
    i18n.t(match what {
        "Patient" => "viewer-what-summary",
        "Observation" | "DiagnosticReport" => "viewer-what-results",
        "Condition" => "viewer-what-problems",
        "AllergyIntolerance" => "viewer-what-allergies",
        "MedicationRequest" => "viewer-what-medicines",
        "Immunization" => "viewer-what-vaccines",
        "Encounter" => "viewer-what-visits",
        "DocumentReference" => "viewer-what-documents",
        "CarePlan" | "Goal" => "viewer-what-care-plans",
        "Coverage" => "viewer-what-insurance",
        _ => "viewer-what-other",
    })
}

#[function_component]
pub fn AccessLogPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <AccessLog {patient_id} /> });
    html! { <OwnRecordPage title={i18n.t("access-log-title")} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct AccessLogProps {
    patient_id: AttrValue,
}

#[function_component]
fn AccessLog(props: &AccessLogProps) -> Html {
    let i18n = use_i18n();
    let views = {
        let patient_id = props.patient_id.clone();
        use_fetch(move || {
            let patient_id = patient_id.clone();
            async move { api::access_log(&patient_id).await }
        })
    };
    let shown = use_state(|| PAGE_ROWS);
    // "Show more" may disappear once everything is shown: focus moves to the first new row.
    use_effect_with(*shown, |&shown| {
        if shown > PAGE_ROWS {
            let row = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&row_id(shown - PAGE_ROWS)))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(row) = row {
                let _ = row.focus();
            }
        }
    });
    let render = {
        let (i18n, shown) = (i18n.clone(), shown.clone());
        Callback::from(move |views: Rc<Vec<RecordView>>| views_table(&i18n, &views, &shown))
    };
    html! {
        <>
            <p>{ i18n.t("access-log-intro") }</p>
            <FetchView<Vec<RecordView>> state={views.state.clone()} retry={views.retry.clone()} {render} />
        </>
    }
}

/// The id of the row header of the `index`th view (from 0).
fn row_id(index: usize) -> String {
    format!("access-log-row-{index}")
}

fn views_table(i18n: &crate::i18n::I18n, views: &[RecordView], shown: &UseStateHandle<usize>) -> Html {
    if views.is_empty() {
        return html! { <p>{ i18n.t("access-log-none") }</p> };
    }
    let lang = i18n.lang();
    let more = views.len() > **shown;
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE_ROWS))
    };
    let columns = ["access-log-who", "access-log-role", "access-log-when", "access-log-what"]
        .map(|k| i18n.t(k))
        .to_vec();
    html! {
        <>
            <ScrollTable id="access-log-caption" caption={i18n.t("access-log-caption")} {columns}>
                { for views.iter().take(**shown).enumerate().map(|(index, view)| html! {
                    <tr>
                        <th scope="row" id={row_id(index)} tabindex="-1">{ &view.who }</th>
                        <td>{ role_words(i18n, &view.role) }</td>
                        <td>{ format::date_time(lang, &view.at) }</td>
                        <td>
                            { what_words(i18n, &view.what) }
                            if view.emergency {
                                {" "}<span class="tag">{ i18n.t("access-log-emergency") }</span>
                            }
                        </td>
                    </tr>
                }) }
            </ScrollTable>
            if more {
                <button type="button" class="secondary access-log-more" onclick={show_more}>{ i18n.t("access-log-more") }</button>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use shared::Role;

    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_role_and_part_of_the_record_has_words_in_both_languages() {
        let parts = [
            "Patient",
            "Observation",
            "DiagnosticReport",
            "Condition",
            "AllergyIntolerance",
            "MedicationRequest",
            "Immunization",
            "Encounter",
            "DocumentReference",
            "CarePlan",
            "Goal",
            "Coverage",
        ];
        for lang in Lang::ALL {
            let words = Translations::new(lang);
            let other_role = words.t("viewer-role-other");
            for role in Role::ALL {
                let said = role_words(&words, role.as_str());
                assert!(!said.starts_with("viewer-role"), "{} {role:?}", lang.code());
                assert_ne!(said, other_role, "{} {role:?} has its own words", lang.code());
            }
            let other_part = words.t("viewer-what-other");
            for part in parts {
                let said = what_words(&words, part);
                assert!(!said.starts_with("viewer-what"), "{} {part}", lang.code());
                assert_ne!(said, other_part, "{} {part} has its own words", lang.code());
            }
            assert_eq!(what_words(&words, "Something new"), other_part);
        }
    }
}
