//! The record's lists, one page each: medicines (taken now and in the past, how to take them,
//! who prescribed them, refills left and the pharmacy), vaccines (those due now by the CDC
//! schedule, then those given, as a sortable table), allergies (what to, how serious, what
//! happens) and health issues (current and past).

use std::rc::Rc;

use shared::chart::{Allergy, DueStatus, Immunization, Medication, Problem, VaccineDue, VaccineFamily};
use yew::prelude::*;

use crate::api;
use crate::components::{Column, FetchView, RecordPage, SortKind, SortableTable};
use crate::format;
use crate::hooks::use_fetch_with;
use crate::i18n::{Translations, use_i18n};

// ---- Medicines ----

#[function_component]
pub fn MedicationsPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Medications {patient_id} /> });
    html! { <RecordPage title={i18n.t("meds-title")} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct PatientProps {
    patient_id: AttrValue,
}

#[function_component]
fn Medications(props: &PatientProps) -> Html {
    let i18n = use_i18n();
    let meds = use_fetch_with(props.patient_id.clone(), |id| async move { api::medications(&id).await });
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |meds: Rc<Vec<Medication>>| {
            let (now, past): (Vec<&Medication>, Vec<&Medication>) = meds.iter().partition(|m| m.active);
            html! {
                <>
                    <section aria-labelledby="meds-now">
                        <h2 id="meds-now">{ i18n.t("meds-now") }</h2>
                        if now.is_empty() {
                            <p>{ i18n.t("meds-none-now") }</p>
                        } else {
                            <ul class="cards">{ for now.iter().map(|m| medication_card(&i18n, m)) }</ul>
                        }
                    </section>
                    if !past.is_empty() {
                        <section aria-labelledby="meds-past">
                            <h2 id="meds-past">{ i18n.t("meds-past") }</h2>
                            <ul class="cards">{ for past.iter().map(|m| medication_card(&i18n, m)) }</ul>
                        </section>
                    }
                </>
            }
        })
    };
    html! {
        <>
            <p>{ i18n.t("meds-intro") }</p>
            <FetchView<Vec<Medication>> state={meds.state} retry={meds.retry} {render} />
        </>
    }
}

/// A medicine's status in words, for those no longer taken.
fn med_status(i18n: &Translations, status: &str) -> Option<String> {
    match status {
        "completed" => Some(i18n.t("med-status-completed")),
        "stopped" | "cancelled" => Some(i18n.t("med-status-stopped")),
        "on-hold" => Some(i18n.t("med-status-on-hold")),
        _ => None,
    }
}

fn medication_card(i18n: &Translations, m: &Medication) -> Html {
    let lang = i18n.lang();
    let how = m.instructions.as_ref().or(m.dosage.as_ref());
    let refills =
        match (m.refills_remaining, m.refills_allowed) {
            (Some(0), _) if m.active => Some(i18n.t("med-refills-none")),
            (Some(left), Some(allowed)) => Some(i18n.t_count(
                "med-refills-left-of",
                &[("count", i64::from(left)), ("allowed", i64::from(allowed))],
            )),
            (Some(left), None) => Some(i18n.t_count("med-refills-left", &[("count", i64::from(left))])),
            _ => None,
        };
    html! {
        <li class="card">
            <h3>{ &m.name.display }</h3>
            if let Some(how) = how {
                <p class="how">{ how }</p>
            }
            <dl class="facts">
                if let Some(status) = med_status(i18n, &m.status) {
                    <div><dt>{ i18n.t("med-status") }</dt><dd>{ status }</dd></div>
                }
                if let Some(reason) = &m.reason {
                    <div><dt>{ i18n.t("med-for") }</dt><dd>{ reason }</dd></div>
                }
                if let Some(by) = &m.prescriber {
                    <div><dt>{ i18n.t("med-prescriber") }</dt><dd>{ by }</dd></div>
                }
                if let Some(on) = &m.authored_on {
                    <div><dt>{ i18n.t("med-started") }</dt><dd>{ format::date(lang, on) }</dd></div>
                }
                if let Some(quantity) = &m.quantity {
                    <div><dt>{ i18n.t("med-quantity") }</dt><dd>{ quantity }</dd></div>
                }
                if let Some(refills) = refills {
                    <div><dt>{ i18n.t("med-refills") }</dt><dd>{ refills }</dd></div>
                }
                if let Some(pharmacy) = &m.pharmacy {
                    <div>
                        <dt>{ i18n.t("med-pharmacy") }</dt>
                        <dd>
                            { &pharmacy.name }
                            if let Some(phone) = &pharmacy.phone {
                                {", "}<a href={format!("tel:{}", phone.replace(|c: char| !c.is_ascii_digit() && c != '+', ""))}>{ phone }</a>
                            }
                        </dd>
                    </div>
                }
            </dl>
        </li>
    }
}

// ---- Vaccines ----

/// A vaccine family's name in words.
pub fn family_words(i18n: &Translations, family: VaccineFamily) -> String {
    i18n.t(match family {
        VaccineFamily::HepatitisB => "vaccine-hepatitis-b",
        VaccineFamily::Rotavirus => "vaccine-rotavirus",
        VaccineFamily::Dtap => "vaccine-dtap",
        VaccineFamily::Hib => "vaccine-hib",
        VaccineFamily::Pneumococcal => "vaccine-pneumococcal",
        VaccineFamily::Polio => "vaccine-polio",
        VaccineFamily::Mmr => "vaccine-mmr",
        VaccineFamily::Varicella => "vaccine-varicella",
        VaccineFamily::HepatitisA => "vaccine-hepatitis-a",
        VaccineFamily::Flu => "vaccine-flu",
        VaccineFamily::Covid19 => "vaccine-covid-19",
        VaccineFamily::Tdap => "vaccine-tdap",
        VaccineFamily::Hpv => "vaccine-hpv",
        VaccineFamily::Meningococcal => "vaccine-meningococcal",
        VaccineFamily::Shingles => "vaccine-shingles",
        VaccineFamily::Rsv => "vaccine-rsv",
    })
}

/// One due vaccine as a list item: its name, which dose, since when, overdue or not.
pub fn due_item(i18n: &Translations, due: &VaccineDue) -> Html {
    let lang = i18n.lang();
    let dose = match (due.dose, due.doses) {
        (Some(dose), Some(doses)) if doses > 1 => {
            Some(i18n.t_count("vaccine-dose-of", &[("dose", i64::from(dose)), ("count", i64::from(doses))]))
        }
        _ => None,
    };
    let since = i18n.t_with("vaccine-due-since", &[("date", &format::date(lang, &due.due_since))]);
    html! {
        <li class={classes!("due", (due.status == DueStatus::Overdue).then_some("overdue"))}>
            <span class="due-name">{ family_words(i18n, due.family) }</span>
            if let Some(dose) = dose { {" · "}{ dose } }
            {" · "}{ since }
            if due.status == DueStatus::Overdue {
                {" "}<span class="tag tag-overdue">{ i18n.t("vaccine-overdue") }</span>
            }
        </li>
    }
}

/// A vaccine in plain words: the diseases it protects against; the product's own name when its
/// code is not one the schedule knows.
pub fn vaccine_words(i18n: &Translations, v: &Immunization) -> String {
    if v.families.is_empty() {
        v.vaccine.display.clone()
    } else {
        v.families.iter().map(|f| family_words(i18n, *f)).collect::<Vec<_>>().join(", ")
    }
}

/// A vaccine's table cell: its plain words, with the product's name below.
fn vaccine_cell(i18n: &Translations, v: &Immunization) -> Html {
    html! {
        <>
            { vaccine_words(i18n, v) }
            if !v.families.is_empty() {
                <span class="subtle">{ &v.vaccine.display }</span>
            }
        </>
    }
}

#[function_component]
pub fn VaccinesPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Vaccines {patient_id} /> });
    html! { <RecordPage title={i18n.t("vaccines-title")} {render} /> }
}

#[function_component]
fn Vaccines(props: &PatientProps) -> Html {
    let i18n = use_i18n();
    let due = use_fetch_with(props.patient_id.clone(), |id| async move { api::vaccines_due(&id).await });
    let given = use_fetch_with(props.patient_id.clone(), |id| async move { api::immunizations(&id).await });
    let render_due = {
        let i18n = i18n.clone();
        Callback::from(move |due: Rc<Vec<VaccineDue>>| {
            if due.is_empty() {
                html! { <p>{ i18n.t("vaccines-none-due") }</p> }
            } else {
                html! {
                    <>
                        <ul class="due-list">{ for due.iter().map(|d| due_item(&i18n, d)) }</ul>
                        <p>{ i18n.t("vaccines-due-ask") }</p>
                    </>
                }
            }
        })
    };
    let render_given = {
        let i18n = i18n.clone();
        Callback::from(move |given: Rc<Vec<Immunization>>| {
            if given.is_empty() {
                return html! { <p>{ i18n.t("vaccines-none-given") }</p> };
            }
            let lang = i18n.lang();
            let columns = Rc::new(vec![
                {
                    let words = i18n.clone();
                    let key = i18n.clone();
                    Column::new(i18n.t("vaccines-col-vaccine"), move |v: &Immunization| {
                        vaccine_cell(&words, v)
                    })
                    .sort_by(SortKind::Text, move |v: &Immunization| vaccine_words(&key, v).to_lowercase())
                },
                Column::new(i18n.t("vaccines-col-date"), move |v: &Immunization| {
                    let when = v.occurrence_at.as_deref().or(v.occurrence.as_deref());
                    html! { { when.map(|w| format::date(lang, w)).unwrap_or_default() } }
                })
                .sort_by(SortKind::Date, |v: &Immunization| {
                    v.occurrence_at.clone().or_else(|| v.occurrence.clone()).unwrap_or_default()
                }),
                Column::new(
                    i18n.t("vaccines-col-where"),
                    |v: &Immunization| html! { { v.location.clone().unwrap_or_default() } },
                ),
            ]);
            html! {
                <SortableTable<Immunization>
                    id="vaccines-given"
                    caption={i18n.t("vaccines-given-caption")}
                    {columns}
                    rows={given}
                />
            }
        })
    };
    html! {
        <>
            <section aria-labelledby="vaccines-due">
                <h2 id="vaccines-due">{ i18n.t("vaccines-due") }</h2>
                <FetchView<Vec<VaccineDue>> state={due.state} retry={due.retry} render={render_due} />
            </section>
            <section aria-labelledby="vaccines-given-heading">
                <h2 id="vaccines-given-heading">{ i18n.t("vaccines-given") }</h2>
                <FetchView<Vec<Immunization>> state={given.state} retry={given.retry} render={render_given} />
            </section>
        </>
    }
}

// ---- Allergies ----

#[function_component]
pub fn AllergiesPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Allergies {patient_id} /> });
    html! { <RecordPage title={i18n.t("allergies-title")} {render} /> }
}

fn allergy_category(i18n: &Translations, category: &str) -> Option<String> {
    Some(i18n.t(match category {
        "food" => "allergy-food",
        "medication" => "allergy-medicine",
        "environment" => "allergy-environment",
        "biologic" => "allergy-biologic",
        _ => return None,
    }))
}

fn severity_words(i18n: &Translations, severity: &str) -> Option<String> {
    Some(i18n.t(match severity {
        "mild" => "allergy-mild",
        "moderate" => "allergy-moderate",
        "severe" => "allergy-severe",
        _ => return None,
    }))
}

#[function_component]
fn Allergies(props: &PatientProps) -> Html {
    let i18n = use_i18n();
    let allergies = use_fetch_with(props.patient_id.clone(), |id| async move { api::allergies(&id).await });
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |allergies: Rc<Vec<Allergy>>| {
            let current: Vec<&Allergy> = allergies
                .iter()
                .filter(|a| !matches!(a.clinical_status.as_deref(), Some("inactive" | "resolved")))
                .collect();
            if current.is_empty() {
                return html! { <p>{ i18n.t("allergies-none") }</p> };
            }
            html! { <ul class="cards">{ for current.iter().map(|a| allergy_card(&i18n, a)) }</ul> }
        })
    };
    html! {
        <>
            <p>{ i18n.t("allergies-intro") }</p>
            <FetchView<Vec<Allergy>> state={allergies.state} retry={allergies.retry} {render} />
        </>
    }
}

fn allergy_card(i18n: &Translations, a: &Allergy) -> Html {
    let lang = i18n.lang();
    let high_risk = a.criticality.as_deref() == Some("high");
    html! {
        <li class="card">
            <h3>
                { &a.substance.display }
                if high_risk {
                    {" "}<span class="tag tag-warning">{ i18n.t("allergy-high-risk") }</span>
                }
            </h3>
            <dl class="facts">
                if let Some(kind) = a.category.as_deref().and_then(|c| allergy_category(i18n, c)) {
                    <div><dt>{ i18n.t("allergy-kind") }</dt><dd>{ kind }</dd></div>
                }
                if !a.reactions.is_empty() {
                    <div>
                        <dt>{ i18n.t("allergy-reactions") }</dt>
                        <dd>
                            <ul class="plain">
                                { for a.reactions.iter().map(|r| html! {
                                    <li>
                                        { &r.manifestation.display }
                                        if let Some(severity) = r.severity.as_deref().and_then(|s| severity_words(i18n, s)) {
                                            {" ("}{ severity }{")"}
                                        }
                                    </li>
                                }) }
                            </ul>
                        </dd>
                    </div>
                }
                if let Some(date) = &a.recorded_date {
                    <div><dt>{ i18n.t("allergy-recorded") }</dt><dd>{ format::date(lang, date) }</dd></div>
                }
            </dl>
        </li>
    }
}

// ---- Health issues ----

#[function_component]
pub fn HealthIssuesPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <HealthIssues {patient_id} /> });
    html! { <RecordPage title={i18n.t("issues-title")} {render} /> }
}

/// Whether a health issue is still going on.
pub fn is_current(problem: &Problem) -> bool {
    matches!(problem.clinical_status.as_deref(), None | Some("active" | "recurrence" | "relapse"))
}

#[function_component]
fn HealthIssues(props: &PatientProps) -> Html {
    let i18n = use_i18n();
    let problems = use_fetch_with(props.patient_id.clone(), |id| async move { api::problems(&id).await });
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |problems: Rc<Vec<Problem>>| {
            let (now, past): (Vec<&Problem>, Vec<&Problem>) = problems.iter().partition(|p| is_current(p));
            html! {
                <>
                    <section aria-labelledby="issues-now">
                        <h2 id="issues-now">{ i18n.t("issues-now") }</h2>
                        if now.is_empty() {
                            <p>{ i18n.t("issues-none-now") }</p>
                        } else {
                            <ul class="cards">{ for now.iter().map(|p| problem_card(&i18n, p)) }</ul>
                        }
                    </section>
                    if !past.is_empty() {
                        <section aria-labelledby="issues-past">
                            <h2 id="issues-past">{ i18n.t("issues-past") }</h2>
                            <ul class="cards">{ for past.iter().map(|p| problem_card(&i18n, p)) }</ul>
                        </section>
                    }
                </>
            }
        })
    };
    html! {
        <>
            <p>{ i18n.t("issues-intro") }</p>
            <FetchView<Vec<Problem>> state={problems.state} retry={problems.retry} {render} />
        </>
    }
}

fn problem_card(i18n: &Translations, p: &Problem) -> Html {
    let lang = i18n.lang();
    html! {
        <li class="card">
            <h3>{ &p.name.display }</h3>
            <dl class="facts">
                if let Some(onset) = &p.onset {
                    <div><dt>{ i18n.t("issue-since") }</dt><dd>{ format::date(lang, onset) }</dd></div>
                }
                if let Some(end) = &p.abatement {
                    <div><dt>{ i18n.t("issue-ended") }</dt><dd>{ format::date(lang, end) }</dd></div>
                }
                if p.clinical_status.as_deref() == Some("remission") {
                    <div><dt>{ i18n.t("issue-status") }</dt><dd>{ i18n.t("issue-remission") }</dd></div>
                }
            </dl>
        </li>
    }
}
