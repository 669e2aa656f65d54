//! Visits: upcoming and past, on two tabs; each past visit opens its after-visit summary, the
//! provider's note, the results measured at it and its documents.

use std::rc::Rc;

use shared::chart::{Visit, VisitDetail};
use yew::prelude::*;

use super::results::{flag_class, flag_words, test_names, value_words};
use crate::api;
use crate::components::{Disclosure, FetchView, NavLink, RecordPage, Tab, Tabs, item_body};
use crate::format;
use crate::hooks::{loaded, use_fetch_with, use_record_item};
use crate::i18n::{Translations, use_i18n};
use crate::route::Route;

/// Past visits shown at first, and added by each "show more".
const PAGE_VISITS: usize = 20;

/// Whether a visit is still to come: planned (or booked) and starting after now.
pub fn is_upcoming(visit: &Visit, now_iso: &str) -> bool {
    matches!(visit.status.as_str(), "planned" | "arrived" | "triaged")
        && visit.start_at.as_deref().is_some_and(|start| start > now_iso)
}

/// Now as the server writes instants (`YYYY-MM-DDTHH:MM:SSZ`), for comparing with them.
pub fn now_iso() -> String {
    let now = js_sys::Date::new_0();
    let iso: String = now.to_iso_string().into();
    // `2026-12-03T10:00:00.000Z` → `2026-12-03T10:00:00Z`
    format!("{}Z", iso.get(..19).unwrap_or(&iso))
}

#[function_component]
pub fn VisitsPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Visits {patient_id} /> });
    html! { <RecordPage title={i18n.t("visits-title")} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct PatientProps {
    patient_id: AttrValue,
}

#[function_component]
fn Visits(props: &PatientProps) -> Html {
    let i18n = use_i18n();
    let visits = use_fetch_with(props.patient_id.clone(), |id| async move { api::visits(&id).await });
    let shown = use_state(|| PAGE_VISITS);
    let render = {
        let (i18n, shown) = (i18n.clone(), shown.clone());
        Callback::from(move |visits: Rc<Vec<Visit>>| {
            let now = now_iso();
            let (mut upcoming, past): (Vec<&Visit>, Vec<&Visit>) =
                visits.iter().partition(|v| is_upcoming(v, &now));
            // The server sends newest first; the next visit comes first.
            upcoming.reverse();
            let more = past.len() > *shown;
            let show_more = {
                let shown = shown.clone();
                Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE_VISITS))
            };
            let upcoming_panel = if upcoming.is_empty() {
                html! { <p>{ i18n.t("visits-none-upcoming") }</p> }
            } else {
                html! { <ul class="cards">{ for upcoming.iter().map(|v| visit_card(&i18n, v, false)) }</ul> }
            };
            let past_panel = if past.is_empty() {
                html! { <p>{ i18n.t("visits-none-past") }</p> }
            } else {
                html! {
                    <>
                        <ul class="cards">{ for past.iter().take(*shown).map(|v| visit_card(&i18n, v, true)) }</ul>
                        if more {
                            <button type="button" class="secondary" onclick={show_more}>{ i18n.t("visits-more") }</button>
                        }
                    </>
                }
            };
            let upcoming_label = i18n.t_count("visits-upcoming", &[("count", count(upcoming.len()))]);
            let past_label = i18n.t_count("visits-past", &[("count", count(past.len()))]);
            let tabs = vec![
                Tab::new("upcoming", upcoming_label, upcoming_panel),
                Tab::new("past", past_label, past_panel),
            ];
            html! { <Tabs id="visits" label={i18n.t("visits-tabs")} {tabs} /> }
        })
    };
    html! { <FetchView<Vec<Visit>> state={visits.state} retry={visits.retry} {render} /> }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// One visit as a card: when, what kind, with whom, where and why; past ones link to the visit.
pub fn visit_card(i18n: &Translations, v: &Visit, link: bool) -> Html {
    let lang = i18n.lang();
    let when = v.start_at.as_deref().map(|s| format::date_time(lang, s)).unwrap_or_default();
    let title = html! { <>{ &v.kind.display }{" · "}{ when }</> };
    html! {
        <li class="card">
            <h3>
                if link {
                    <NavLink to={Route::VisitDetail { id: v.id.clone() }}>{ title }</NavLink>
                } else {
                    { title }
                }
            </h3>
            <dl class="facts">
                if let Some(provider) = &v.provider {
                    <div><dt>{ i18n.t("visit-with") }</dt><dd>{ provider }</dd></div>
                }
                if let Some(location) = &v.location {
                    <div><dt>{ i18n.t("visit-where") }</dt><dd>{ location }</dd></div>
                }
                if let Some(reason) = &v.reason {
                    <div><dt>{ i18n.t("visit-why") }</dt><dd>{ reason }</dd></div>
                }
                if v.status == "cancelled" {
                    <div><dt>{ i18n.t("visit-status") }</dt><dd>{ i18n.t("visit-cancelled") }</dd></div>
                }
            </dl>
            if link && v.has_summary {
                <p class="has-summary">{ i18n.t("visit-has-summary") }</p>
            }
        </li>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct VisitDetailPageProps {
    pub id: AttrValue,
}

#[function_component]
pub fn VisitDetailPage(props: &VisitDetailPageProps) -> Html {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let detail =
        use_record_item(props.id.clone(), |patient_id, id| async move { api::visit(&patient_id, &id).await });
    let title = loaded(&detail.state).map_or_else(
        || i18n.t("visit-title"),
        |d| match d.visit.start_at.as_deref() {
            Some(start) => i18n.t_with(
                "visit-title-on",
                &[("kind", &d.visit.kind.display), ("date", &format::date(lang, start))],
            ),
            None => d.visit.kind.display.clone(),
        },
    );
    let render = item_body(&detail, |patient_id, detail| html! { <VisitView {patient_id} {detail} /> });
    html! { <RecordPage {title} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct VisitViewProps {
    patient_id: AttrValue,
    detail: Rc<VisitDetail>,
}

#[function_component]
fn VisitView(props: &VisitViewProps) -> Html {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let d = &props.detail;
    let v = &d.visit;
    html! {
        <>
            <p class="back"><NavLink to={Route::Visits}>{ i18n.t("visit-back") }</NavLink></p>
            <dl class="facts">
                if let Some(start) = &v.start_at {
                    <div><dt>{ i18n.t("visit-when") }</dt><dd>{ format::date_time(lang, start) }</dd></div>
                }
                if let Some(provider) = &v.provider {
                    <div><dt>{ i18n.t("visit-with") }</dt><dd>{ provider }</dd></div>
                }
                if let Some(location) = &v.location {
                    <div><dt>{ i18n.t("visit-where") }</dt><dd>{ location }</dd></div>
                }
                if let Some(reason) = &v.reason {
                    <div><dt>{ i18n.t("visit-why") }</dt><dd>{ reason }</dd></div>
                }
            </dl>
            <section aria-labelledby="visit-summary">
                <h2 id="visit-summary">{ i18n.t("visit-summary") }</h2>
                if let Some(summary) = &d.after_visit_summary {
                    <div class="prose">{ for summary.split("\n\n").map(|p| html! { <p>{ p }</p> }) }</div>
                } else {
                    <p>{ i18n.t("visit-no-summary") }</p>
                }
            </section>
            if let Some(note) = &d.note {
                <Disclosure id="visit-note" label={i18n.t("visit-note")}>
                    <div class="prose note">{ for note.split("\n\n").map(|p| html! { <p>{ p }</p> }) }</div>
                </Disclosure>
            }
            if !d.results.is_empty() {
                <section aria-labelledby="visit-results">
                    <h2 id="visit-results">{ i18n.t("visit-results") }</h2>
                    <ul class="plain result-links">
                        { for d.results.iter().map(|r| {
                            let route = Route::ResultDetail { id: r.id.clone() };
                            let value = if r.tests <= 1 { value_words(&i18n, r.value_num, r.value_text.as_deref(), r.unit.as_deref()) } else { None };
                            let flag = r.flag.filter(|_| r.tests <= 1).and_then(|f| flag_words(&i18n, f).map(|w| (f, w)));
                            html! {
                                <li>
                                    <NavLink to={route}>{ test_names(&i18n, &r.name).0 }</NavLink>
                                    if let Some(value) = value { {" · "}{ value } }
                                    if let Some((f, words)) = flag { {" "}<span class={flag_class(f)}>{ words }</span> }
                                    if r.is_new { {" "}<span class="tag tag-new">{ i18n.t("results-new") }</span> }
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }
            if !d.documents.is_empty() {
                <section aria-labelledby="visit-documents">
                    <h2 id="visit-documents">{ i18n.t("visit-documents") }</h2>
                    <ul class="plain">
                        { for d.documents.iter().flat_map(|doc| {
                            let name = doc.description.clone().unwrap_or_else(|| doc.kind.display.clone());
                            let patient_id = props.patient_id.clone();
                            doc.attachments.iter().map(move |a| {
                                let href = api::document_file_url(&patient_id, &doc.id, a.seq);
                                let label = a.title.clone().unwrap_or_else(|| name.clone());
                                html! { <li><a {href} download="">{ label }</a></li> }
                            }).collect::<Vec<_>>()
                        }) }
                    </ul>
                </section>
            }
        </>
    }
}
