//! The home page. Before sign-in it welcomes the visitor and says who runs the portal and how
//! to get help. Signed in, for a record, it leads with what needs attention — new test results,
//! the next visits, vaccines due — then the ways into the record. The security officer's home
//! says how much emergency access waits for review and leads to their screens.

use std::rc::Rc;

use shared::access::BreakGlassGrant;
use shared::chart::HealthSummary;
use shared::{ClinicInfo, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use super::record_lists::due_item;
use crate::api;
use crate::components::{FetchView, NavLink, Page, RecordPage};
use crate::format;
use crate::hooks::{use_fetch, use_fetch_with, use_record, use_session};
use crate::i18n::use_i18n;
use crate::route::Route;

#[function_component]
pub fn HomePage() -> Html {
    let session = use_session();
    let record = use_record();
    match (session.info(), record.current) {
        (Some(me), _) if me.role == Role::SecurityOfficer => {
            html! { <SecurityHome name={me.display_name.clone()} /> }
        }
        (Some(me), Some(_)) => html! { <PatientHome name={me.display_name.clone()} /> },
        _ => html! { <Welcome /> },
    }
}

#[function_component]
fn Welcome() -> Html {
    let i18n = use_i18n();
    let clinic = use_fetch(api::clinic);
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |clinic: Rc<ClinicInfo>| {
            html! {
                <section class="clinic" aria-labelledby="clinic-name">
                    <p id="clinic-name">{ i18n.t_with("home-clinic", &[("clinic", &clinic.name)]) }</p>
                    if let Some(phone) = &clinic.phone {
                        <p>{ i18n.t_with("home-help-phone", &[("phone", phone)]) }</p>
                    }
                    if let Some(email) = &clinic.email {
                        <p>{ i18n.t_with("home-help-email", &[("email", email)]) }</p>
                    }
                </section>
            }
        })
    };
    html! {
        <Page title={i18n.t("home-title")}>
            <p class="lead">{ i18n.t("home-intro") }</p>
            <FetchView<ClinicInfo> state={clinic.state} retry={clinic.retry} {render} />
        </Page>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct HomeProps {
    name: AttrValue,
}

#[function_component]
fn SecurityHome(props: &HomeProps) -> Html {
    let i18n = use_i18n();
    let waiting = use_fetch(|| api::break_glass_grants(true));
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |grants: Rc<Vec<BreakGlassGrant>>| {
            let count = i64::try_from(grants.len()).unwrap_or(i64::MAX);
            html! { <p>{ i18n.t_count("home-security-waiting", &[("count", count)]) }</p> }
        })
    };
    html! {
        <Page title={i18n.t_with("home-hello", &[("name", &props.name)])}>
            <section aria-labelledby="security-work">
                <h2 id="security-work">{ i18n.t("home-security-work") }</h2>
                <FetchView<Vec<BreakGlassGrant>> state={waiting.state} retry={waiting.retry} {render} />
                <ul class="quick-links">
                    <li><NavLink to={Route::EmergencyAccess}>{ i18n.t("home-security-emergency") }</NavLink></li>
                    <li><NavLink to={Route::SecurityAudit}>{ i18n.t("home-security-audit") }</NavLink></li>
                </ul>
            </section>
        </Page>
    }
}

#[function_component]
fn PatientHome(props: &HomeProps) -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Attention {patient_id} /> });
    html! {
        <RecordPage title={i18n.t_with("home-hello", &[("name", &props.name)])} {render} />
    }
}

#[derive(Debug, Properties, PartialEq)]
struct AttentionProps {
    patient_id: AttrValue,
}

#[function_component]
fn Attention(props: &AttentionProps) -> Html {
    let i18n = use_i18n();
    let summary =
        use_fetch_with(props.patient_id.clone(), |id| async move { api::health_summary(&id).await });
    let navigator = use_navigator();
    // The results list, already showing only the new ones.
    let new_results_link = Callback::from(move |event: MouseEvent| {
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
            return;
        }
        if let Some(navigator) = &navigator {
            event.prevent_default();
            let _ = navigator.push_with_query(&Route::Results, &[("new", "1"), ("kind", "all")]);
        }
    });
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |s: Rc<HealthSummary>| {
            let lang = i18n.lang();
            let nothing = s.new_results == 0 && s.upcoming_visits.is_empty() && s.vaccines_due.is_empty();
            let new_results = i64::from(s.new_results);
            html! {
                <section class="attention" aria-labelledby="attention-title">
                    <h2 id="attention-title">{ i18n.t("home-attention") }</h2>
                    if nothing {
                        <p>{ i18n.t("home-caught-up") }</p>
                    }
                    <ul class="attention-list">
                        if s.new_results > 0 {
                            <li class="attention-item">
                                <a href="/results?new=1&kind=all" onclick={new_results_link.clone()}>{ i18n.t_count("home-new-results", &[("count", new_results)]) }</a>
                            </li>
                        }
                        { for s.upcoming_visits.iter().take(3).map(|v| {
                            let when = v.start_at.as_deref().map(|w| format::date_time(lang, w)).unwrap_or_default();
                            let with = v.provider.clone().unwrap_or_default();
                            let words = if with.is_empty() {
                                i18n.t_with("home-visit", &[("kind", &v.kind.display), ("when", &when)])
                            } else {
                                i18n.t_with("home-visit-with", &[("kind", &v.kind.display), ("when", &when), ("who", &with)])
                            };
                            html! {
                                <li class="attention-item">
                                    <NavLink to={Route::Visits}>{ words }</NavLink>
                                    if let Some(place) = &v.location { <span class="subtle">{ place }</span> }
                                </li>
                            }
                        }) }
                        if !s.vaccines_due.is_empty() {
                            <li class="attention-item">
                                <NavLink to={Route::Vaccines}>
                                    { i18n.t_count("home-vaccines-due", &[("count", i64::try_from(s.vaccines_due.len()).unwrap_or(0))]) }
                                </NavLink>
                                <ul class="due-list">{ for s.vaccines_due.iter().take(4).map(|d| due_item(&i18n, d)) }</ul>
                            </li>
                        }
                    </ul>
                </section>
            }
        })
    };
    html! {
        <>
            <FetchView<HealthSummary> state={summary.state} retry={summary.retry} {render} />
            <section aria-labelledby="quick-links">
                <h2 id="quick-links">{ i18n.t("home-quick") }</h2>
                <ul class="quick-links">
                    <li><NavLink to={Route::Results}>{ i18n.t("results-title") }</NavLink></li>
                    <li><NavLink to={Route::Health}>{ i18n.t("health-title") }</NavLink></li>
                    <li><NavLink to={Route::Medications}>{ i18n.t("meds-title") }</NavLink></li>
                    <li><NavLink to={Route::Visits}>{ i18n.t("visits-title") }</NavLink></li>
                    <li><NavLink to={Route::Documents}>{ i18n.t("documents-title") }</NavLink></li>
                    <li><NavLink to={Route::DownloadRecord}>{ i18n.t("download-title") }</NavLink></li>
                </ul>
            </section>
        </>
    }
}
