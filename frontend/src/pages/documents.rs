//! Documents and the whole record: the record's documents as a sortable table with a download
//! link for each file; "Download my record" (one FHIR R4 file for a chosen span of dates, for
//! another doctor or an app) and the printable health summary.

use std::rc::Rc;

use shared::chart::{DocumentSummary, HealthSummary};
use yew::prelude::*;

use super::record_lists::{due_item, is_current};
use super::results::{flag_class, flag_words, value_words};
use crate::api;
use crate::components::form::error_for;
use crate::components::{
    Column, ErrorSummary, FetchView, Field, FormError, NavLink, RecordPage, SortKind, SortableTable,
};
use crate::format;
use crate::hooks::use_fetch_with;
use crate::i18n::use_i18n;
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
struct PatientProps {
    patient_id: AttrValue,
}

// ---- Documents ----

#[function_component]
pub fn DocumentsPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Documents {patient_id} /> });
    html! { <RecordPage title={i18n.t("documents-title")} {render} /> }
}

#[function_component]
fn Documents(props: &PatientProps) -> Html {
    let i18n = use_i18n();
    let documents = use_fetch_with(props.patient_id.clone(), |id| async move { api::documents(&id).await });
    let render = {
        let (i18n, patient_id) = (i18n.clone(), props.patient_id.clone());
        Callback::from(move |documents: Rc<Vec<DocumentSummary>>| {
            if documents.is_empty() {
                return html! { <p>{ i18n.t("documents-none") }</p> };
            }
            let lang = i18n.lang();
            let files = {
                let (i18n, patient_id) = (i18n.clone(), patient_id.clone());
                move |d: &DocumentSummary| {
                    let name = d.description.clone().unwrap_or_else(|| d.kind.display.clone());
                    html! {
                        <ul class="plain">
                            { for d.attachments.iter().map(|a| {
                                let href = api::document_file_url(&patient_id, &d.id, a.seq);
                                let label = a.title.clone().unwrap_or_else(|| name.clone());
                                let size = a.size.map(|s| format::file_size(lang, s));
                                html! {
                                    <li>
                                        <a {href} download="">{ i18n.t_with("documents-download", &[("name", &label)]) }</a>
                                        if let Some(size) = size { {" ("}{ size }{")"} }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                }
            };
            let name_cell = |d: &DocumentSummary| {
                html! {
                    <>
                        { d.description.clone().unwrap_or_else(|| d.kind.display.clone()) }
                        if d.description.is_some() {
                            <span class="subtle">{ &d.kind.display }</span>
                        }
                    </>
                }
            };
            let columns = Rc::new(vec![
                Column::new(i18n.t("documents-col-name"), name_cell).sort_by(
                    SortKind::Text,
                    |d: &DocumentSummary| {
                        d.description.clone().unwrap_or_else(|| d.kind.display.clone()).to_lowercase()
                    },
                ),
                Column::new(i18n.t("documents-col-date"), move |d: &DocumentSummary| {
                    html! { { d.date_at.as_deref().map(|w| format::date(lang, w)).unwrap_or_default() } }
                })
                .sort_by(SortKind::Date, |d: &DocumentSummary| d.date_at.clone().unwrap_or_default()),
                Column::new(
                    i18n.t("documents-col-author"),
                    |d: &DocumentSummary| html! { { d.author.clone().unwrap_or_default() } },
                )
                .sort_by(SortKind::Text, |d: &DocumentSummary| d.author.clone().unwrap_or_default()),
                Column::new(i18n.t("documents-col-files"), files),
            ]);
            html! {
                <SortableTable<DocumentSummary> id="documents" caption={i18n.t("documents-caption")} {columns} rows={documents} />
            }
        })
    };
    html! {
        <>
            <p>{ i18n.t("documents-intro") }</p>
            <FetchView<Vec<DocumentSummary>> state={documents.state} retry={documents.retry} {render} />
        </>
    }
}

// ---- Download my record ----

#[function_component]
pub fn DownloadRecordPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <DownloadRecord {patient_id} /> });
    html! { <RecordPage title={i18n.t("download-title")} {render} /> }
}

/// Checks a "From" and "To" date someone typed: each empty or a date, and the first not after
/// the last. Each mistake is the id of its input (`ids` are the two inputs') and its message key.
pub fn date_mistakes<'a>(from: &str, to: &str, ids: [&'a str; 2]) -> Vec<(&'a str, &'static str)> {
    let valid = |d: &str| d.is_empty() || format::precision(d) == Some(format::Precision::Day);
    let mut found = Vec::new();
    if !valid(from) {
        found.push((ids[0], "download-error-date"));
    }
    if !valid(to) {
        found.push((ids[1], "download-error-date"));
    }
    if found.is_empty() && !from.is_empty() && !to.is_empty() && from > to {
        found.push((ids[1], "download-error-order"));
    }
    found
}

#[function_component]
fn DownloadRecord(props: &PatientProps) -> Html {
    let i18n = use_i18n();
    let from = use_state(String::new);
    let to = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let on_from = {
        let from = from.clone();
        Callback::from(move |value: String| from.set(value))
    };
    let on_to = {
        let to = to.clone();
        Callback::from(move |value: String| to.set(value))
    };
    let href = api::record_export_url(&props.patient_id, &from, &to);
    // The link downloads directly; dates that cannot work stop it and say why.
    let onclick = {
        let (from, to, errors, attempt, i18n) =
            (from.clone(), to.clone(), errors.clone(), attempt.clone(), i18n.clone());
        Callback::from(move |event: MouseEvent| {
            let found: Vec<FormError> = date_mistakes(&from, &to, ["download-from", "download-to"])
                .into_iter()
                .map(|(field, key)| FormError::field(field, i18n.t(key)))
                .collect();
            if !found.is_empty() {
                event.prevent_default();
                attempt.set(*attempt + 1);
            }
            errors.set(found);
        })
    };
    let hint: AttrValue = i18n.t("download-date-hint").into();
    html! {
        <>
            <section aria-labelledby="download-file">
                <h2 id="download-file">{ i18n.t("download-file-title") }</h2>
                <p>{ i18n.t("download-file-intro") }</p>
                <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
                <div class="form">
                    <Field id="download-from" label={i18n.t("download-from")} value={(*from).clone()} oninput={on_from}
                        input_type="date" hint={hint.clone()} error={error_for(&errors, "download-from")} />
                    <Field id="download-to" label={i18n.t("download-to")} value={(*to).clone()} oninput={on_to}
                        input_type="date" {hint} error={error_for(&errors, "download-to")} />
                    <p>{ i18n.t("download-dates-empty") }</p>
                    <p class="actions"><a class="button" {href} download="" {onclick}>{ i18n.t("download-file-button") }</a></p>
                </div>
            </section>
            <section aria-labelledby="download-print">
                <h2 id="download-print">{ i18n.t("download-print-title") }</h2>
                <p>{ i18n.t("download-print-intro") }</p>
                <p><NavLink to={Route::RecordSummary}>{ i18n.t("download-print-link") }</NavLink></p>
            </section>
        </>
    }
}

// ---- The health summary (a screen, and printable) ----

#[function_component]
pub fn HealthPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Summary {patient_id} printable={false} /> });
    html! { <RecordPage title={i18n.t("health-title")} {render} /> }
}

#[function_component]
pub fn RecordSummaryPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Summary {patient_id} printable={true} /> });
    html! { <RecordPage title={i18n.t("summary-title")} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct SummaryProps {
    patient_id: AttrValue,
    /// The printable page: everything in full, a print button, no links to other pages.
    printable: bool,
}

#[function_component]
fn Summary(props: &SummaryProps) -> Html {
    let i18n = use_i18n();
    let summary =
        use_fetch_with(props.patient_id.clone(), |id| async move { api::health_summary(&id).await });
    let printable = props.printable;
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |s: Rc<HealthSummary>| summary_view(&i18n, &s, printable))
    };
    html! { <FetchView<HealthSummary> state={summary.state} retry={summary.retry} {render} /> }
}

fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

fn summary_view(i18n: &crate::i18n::I18n, s: &HealthSummary, printable: bool) -> Html {
    let lang = i18n.lang();
    let p = &s.patient;
    html! {
        <div class={classes!("summary", printable.then_some("printable"))}>
            if printable {
                <p class="actions no-print">
                    <button type="button" onclick={Callback::from(|_: MouseEvent| print())}>{ i18n.t("summary-print") }</button>
                </p>
            }
            <section aria-labelledby="summary-about">
                <h2 id="summary-about">{ i18n.t("summary-about") }</h2>
                <dl class="facts">
                    <div><dt>{ i18n.t("summary-name") }</dt><dd>{ &p.name }</dd></div>
                    if let Some(birth) = &p.birth_date {
                        <div><dt>{ i18n.t("summary-birth-date") }</dt><dd>{ format::date(lang, birth) }</dd></div>
                    }
                    if let Some(mrn) = &p.medical_record_number {
                        <div><dt>{ i18n.t("summary-mrn") }</dt><dd>{ mrn }</dd></div>
                    }
                    if let Some(pcp) = &p.primary_care {
                        <div><dt>{ i18n.t("summary-primary-care") }</dt><dd>{ pcp }</dd></div>
                    }
                    if printable {
                        <div><dt>{ i18n.t("summary-printed") }</dt><dd>{ format::date_time(lang, &super::visits::now_iso()) }</dd></div>
                    }
                </dl>
            </section>
            { issues_and_allergies(i18n, s, printable) }
            { medicines_and_vaccines(i18n, s, printable) }
            { vitals(i18n, s) }
            if !printable {
                <section aria-labelledby="summary-more">
                    <h2 id="summary-more">{ i18n.t("summary-more") }</h2>
                    <ul class="links">
                        <li><NavLink to={Route::Documents}>{ i18n.t("documents-title") }</NavLink></li>
                        <li><NavLink to={Route::DownloadRecord}>{ i18n.t("download-title") }</NavLink></li>
                        <li><NavLink to={Route::RecordSummary}>{ i18n.t("download-print-link") }</NavLink></li>
                    </ul>
                </section>
            }
        </div>
    }
}

/// "All medicines" and the like, on the screen only: paper has no links.
fn see_all(i18n: &crate::i18n::I18n, printable: bool, route: Route, key: &str) -> Html {
    if printable {
        Html::default()
    } else {
        html! { <p class="see-all"><NavLink to={route}>{ i18n.t(key) }</NavLink></p> }
    }
}

fn issues_and_allergies(i18n: &crate::i18n::I18n, s: &HealthSummary, printable: bool) -> Html {
    let lang = i18n.lang();
    let problems: Vec<_> = s.problems.iter().filter(|p| is_current(p)).collect();
    html! {
        <>
            <section aria-labelledby="summary-issues">
                <h2 id="summary-issues">{ i18n.t("issues-now") }</h2>
                if problems.is_empty() {
                    <p>{ i18n.t("issues-none-now") }</p>
                } else {
                    <ul>{ for problems.iter().map(|p| html! {
                        <li>
                            { &p.name.display }
                            if let Some(onset) = &p.onset { {" · "}{ i18n.t_with("summary-since", &[("date", &format::date(lang, onset))]) } }
                        </li>
                    }) }</ul>
                }
                { see_all(i18n, printable, Route::HealthIssues, "summary-all-issues") }
            </section>
            <section aria-labelledby="summary-allergies">
                <h2 id="summary-allergies">{ i18n.t("allergies-title") }</h2>
                if s.allergies.is_empty() {
                    <p>{ i18n.t("allergies-none") }</p>
                } else {
                    <ul>{ for s.allergies.iter().map(|a| html! {
                        <li>
                            { &a.substance.display }
                            if !a.reactions.is_empty() {
                                {": "}{ a.reactions.iter().map(|r| r.manifestation.display.clone()).collect::<Vec<_>>().join(", ") }
                            }
                        </li>
                    }) }</ul>
                }
                { see_all(i18n, printable, Route::Allergies, "summary-all-allergies") }
            </section>
        </>
    }
}

fn medicines_and_vaccines(i18n: &crate::i18n::I18n, s: &HealthSummary, printable: bool) -> Html {
    let lang = i18n.lang();
    html! {
        <>
            <section aria-labelledby="summary-meds">
                <h2 id="summary-meds">{ i18n.t("meds-now") }</h2>
                if s.medications.is_empty() {
                    <p>{ i18n.t("meds-none-now") }</p>
                } else {
                    <ul>{ for s.medications.iter().map(|m| html! {
                        <li>
                            { &m.name.display }
                            if let Some(how) = m.instructions.as_ref().or(m.dosage.as_ref()) { {" · "}{ how } }
                        </li>
                    }) }</ul>
                }
                { see_all(i18n, printable, Route::Medications, "summary-all-meds") }
            </section>
            <section aria-labelledby="summary-vaccines">
                <h2 id="summary-vaccines">{ i18n.t("vaccines-title") }</h2>
                if !s.vaccines_due.is_empty() {
                    <h3>{ i18n.t("vaccines-due") }</h3>
                    <ul class="due-list">{ for s.vaccines_due.iter().map(|d| due_item(i18n, d)) }</ul>
                }
                if !s.immunizations.is_empty() {
                    <h3>{ i18n.t("summary-latest-vaccines") }</h3>
                    <ul>{ for s.immunizations.iter().map(|v| html! {
                        <li>
                            { super::record_lists::vaccine_words(i18n, v) }
                            if let Some(when) = v.occurrence_at.as_deref().or(v.occurrence.as_deref()) { {" · "}{ format::date(lang, when) } }
                        </li>
                    }) }</ul>
                }
                { see_all(i18n, printable, Route::Vaccines, "summary-all-vaccines") }
            </section>
        </>
    }
}

fn vitals(i18n: &crate::i18n::I18n, s: &HealthSummary) -> Html {
    if s.vitals.is_empty() {
        return Html::default();
    }
    let lang = i18n.lang();
    html! {
        <section aria-labelledby="summary-vitals">
            <h2 id="summary-vitals">{ i18n.t("summary-vitals") }</h2>
            <ul>{ for s.vitals.iter().map(|v| {
                let value = value_words(i18n, v.value_num, v.value_text.as_deref(), v.unit.as_deref()).unwrap_or_default();
                let flag = flag_words(i18n, v.flag).filter(|_| v.flag.is_abnormal());
                html! {
                    <li>
                        { super::results::test_names(i18n, &v.name).0 }{": "}{ value }
                        if let Some(words) = flag { {" "}<span class={flag_class(v.flag)}>{ words }</span> }
                        if let Some(when) = &v.effective_at { {" · "}{ format::date(lang, when) } }
                    </li>
                }
            }) }</ul>
        </section>
    }
}
