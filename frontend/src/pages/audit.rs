//! The security officer's audit trail: a search by patient, account, action, outcome and dates;
//! the matching rows a page at a time, oldest first, with "Show more"; the same rows as a CSV
//! file; and a check that the chain of rows is whole. Counts and results are said in live regions.

use std::cell::RefCell;
use std::rc::Rc;

use shared::Role;
use shared::access::{AuditEntry, AuditPage, AuditVerification};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::date_mistakes;
use crate::api::{self, ApiError, AuditFilters};
use crate::components::form::{edit, error_for};
use crate::components::{Alert, AlertTone, ErrorSummary, Field, FormError, Page, ScrollTable, problem_words};
use crate::format;
use crate::hooks::use_session;
use crate::i18n::{I18n, Translations, use_i18n};

/// Rows asked for at once, and added by each "Show more".
const PAGE_ROWS: u32 = 50;

/// The outcomes the search offers, as the server names them; the first (empty) is "any".
const OUTCOMES: [(&str, &str); 4] = [
    ("", "audit-outcome-any"),
    ("success", "audit-outcome-success"),
    ("denied", "audit-outcome-denied"),
    ("failure", "audit-outcome-failure"),
];

/// A role (`Role::as_str`) in the words staff use.
fn role_words(i18n: &Translations, role: &str) -> String {
    let key = match Role::parse(role) {
        Some(Role::Patient) => "audit-role-patient",
        Some(Role::Proxy) => "audit-role-proxy",
        Some(Role::Clinician) => "audit-role-clinician",
        Some(Role::Nurse) => "audit-role-nurse",
        Some(Role::FrontDesk) => "audit-role-front-desk",
        Some(Role::Billing) => "audit-role-billing",
        Some(Role::Admin) => "audit-role-admin",
        Some(Role::SecurityOfficer) => "audit-role-security",
        // A value this build does not know is shown as the server wrote it.
        None => return role.to_owned(),
    };
    i18n.t(key)
}

/// An outcome in words.
fn outcome_words(i18n: &Translations, outcome: &str) -> String {
    OUTCOMES
        .iter()
        .find(|(value, _)| !value.is_empty() && *value == outcome)
        .map_or_else(|| outcome.to_owned(), |(_, key)| i18n.t(key))
}

/// The search form's values, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Draft {
    patient: String,
    actor: String,
    action: String,
    outcome: String,
    /// `YYYY-MM-DD`, or empty.
    from: String,
    to: String,
}

impl Draft {
    /// The search as the page's address keeps it (`?action=read&outcome=denied&from=2026-11-01`,
    /// the dates as typed), so a reload or a shared link runs it again. Never the patient or the
    /// person searched for: names and emails do not belong in the browser's history.
    fn from_address(search: &str) -> Self {
        let param = |name: &str| super::query_param(search, name).unwrap_or_default();
        let outcome = param("outcome");
        let outcome =
            if OUTCOMES.iter().any(|(value, _)| *value == outcome) { outcome } else { String::new() };
        Self { action: param("action"), outcome, from: param("from"), to: param("to"), ..Self::default() }
    }

    fn address_query(&self) -> String {
        api::query_string([
            ("action", Some(self.action.as_str())),
            ("outcome", Some(self.outcome.as_str())),
            ("from", Some(self.from.as_str())),
            ("to", Some(self.to.as_str())),
        ])
    }

    fn mistakes(&self, i18n: &Translations) -> Vec<FormError> {
        date_mistakes(&self.from, &self.to, ["audit-from", "audit-to"])
            .into_iter()
            .map(|(field, key)| FormError::field(field, i18n.t(key)))
            .collect()
    }

    /// The search the server runs: the dates are whole days where the officer is, the last one
    /// included.
    fn filters(&self) -> AuditFilters {
        let day = |date: &str, after| {
            if date.is_empty() {
                String::new()
            } else {
                format::local_day_start_utc(date, after).unwrap_or_default()
            }
        };
        AuditFilters {
            patient: self.patient.trim().to_owned(),
            actor: self.actor.trim().to_owned(),
            action: self.action.trim().to_owned(),
            outcome: self.outcome.clone(),
            from: day(&self.from, 0),
            to: day(&self.to, 1),
        }
    }
}

/// The rows found so far for the current search.
#[derive(Debug, Clone, Default, PartialEq)]
struct Trail {
    /// Bumped by every new search; answers for an older one are dropped.
    search: u64,
    filters: AuditFilters,
    entries: Rc<Vec<AuditEntry>>,
    next_after: Option<i64>,
    loading: bool,
    error: Option<ApiError>,
    /// Whether a search has answered yet (until then there is nothing to count).
    answered: bool,
    /// The first row a "Show more" added, to take focus.
    first_new: Option<usize>,
}

enum TrailAction {
    Search { search: u64, filters: AuditFilters },
    More,
    Loaded { search: u64, page: AuditPage },
    Failed { search: u64, error: ApiError },
}

impl Reducible for Trail {
    type Action = TrailAction;

    fn reduce(self: Rc<Self>, action: TrailAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            TrailAction::Search { search, filters } => {
                next = Self { search, filters, loading: true, ..Self::default() };
            }
            TrailAction::More => {
                next.loading = true;
                next.error = None;
                next.first_new = None;
            }
            TrailAction::Loaded { search, page } if search == self.search => {
                let before = self.entries.len();
                let mut entries = (*self.entries).clone();
                entries.extend(page.entries);
                next.first_new = (before > 0 && entries.len() > before).then_some(before);
                next.entries = Rc::new(entries);
                next.next_after = page.next_after;
                next.loading = false;
                next.answered = true;
            }
            TrailAction::Failed { search, error } if search == self.search => {
                next.loading = false;
                next.error = Some(error);
            }
            TrailAction::Loaded { .. } | TrailAction::Failed { .. } => return self,
        }
        Rc::new(next)
    }
}

/// Asks for one page of `filters` after `after`, and reports it to the trail.
fn fetch_page(trail: UseReducerDispatcher<Trail>, search: u64, filters: AuditFilters, after: Option<i64>) {
    wasm_bindgen_futures::spawn_local(async move {
        match api::audit(&filters, after, PAGE_ROWS).await {
            Ok(page) => trail.dispatch(TrailAction::Loaded { search, page }),
            Err(error) => trail.dispatch(TrailAction::Failed { search, error }),
        }
    });
}

/// A new search for `filters` (numbered from `searches`, so older answers are dropped) and its
/// first page.
fn start_search(trail: &UseReducerDispatcher<Trail>, searches: &RefCell<u64>, filters: AuditFilters) {
    let search = crate::hooks::next_generation(searches);
    trail.dispatch(TrailAction::Search { search, filters: filters.clone() });
    fetch_page(trail.clone(), search, filters, None);
}

/// The id of the row header of the `index`th row (from 0).
fn row_id(index: usize) -> String {
    format!("audit-row-{index}")
}

#[function_component]
pub fn AuditTrailPage() -> Html {
    let i18n = use_i18n();
    html! {
        <Page title={i18n.t("audit-title")}>
            <p>{ i18n.t("audit-intro") }</p>
            <AuditSearch />
            <ChainCheck />
        </Page>
    }
}

#[function_component]
fn AuditSearch() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let draft = use_state(|| Draft::from_address(&super::address_search()));
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let trail = use_reducer(Trail::default);
    let searches = use_mut_ref(|| 0_u64);

    // The search the address holds (a reload, a shared link), else the whole trail, oldest
    // first, until the officer narrows it. Dates in the wrong order are shown as a mistake.
    {
        let (dispatcher, searches, draft, errors, attempt, i18n) = (
            trail.dispatcher(),
            searches.clone(),
            draft.clone(),
            errors.clone(),
            attempt.clone(),
            i18n.clone(),
        );
        use_effect_with((), move |()| {
            let found = draft.mistakes(&i18n);
            if found.is_empty() {
                start_search(&dispatcher, &searches, draft.filters());
            } else {
                errors.set(found);
                attempt.set(*attempt + 1);
            }
        });
    }
    // A signed-out session ends here as everywhere else.
    {
        let session = session.clone();
        let ended = trail.error.as_ref().is_some_and(|e| e.status() == Some(401));
        use_effect_with(ended, move |&ended| {
            if ended {
                session.ended();
            }
        });
    }
    // "Show more" may disappear once everything is shown: focus moves to the first new row.
    use_effect_with(trail.first_new, |first_new| {
        if let Some(index) = *first_new {
            let row = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&row_id(index)))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(row) = row {
                let _ = row.focus();
            }
        }
    });

    let onsubmit = {
        let (draft, errors, attempt, i18n) = (draft.clone(), errors.clone(), attempt.clone(), i18n.clone());
        let dispatcher = trail.dispatcher();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let found = draft.mistakes(&i18n);
            let failed = !found.is_empty();
            errors.set(found);
            if failed {
                attempt.set(*attempt + 1);
                return;
            }
            super::replace_address_query(&draft.address_query());
            start_search(&dispatcher, &searches, draft.filters());
        })
    };
    let show_more = {
        let dispatcher = trail.dispatcher();
        let (search, filters, after, loading) =
            (trail.search, trail.filters.clone(), trail.next_after, trail.loading);
        Callback::from(move |_: MouseEvent| {
            if loading {
                return;
            }
            dispatcher.dispatch(TrailAction::More);
            fetch_page(dispatcher.clone(), search, filters.clone(), after);
        })
    };
    let edit = |change: fn(&mut Draft, String)| edit(&draft, change);
    let on_outcome = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            next.outcome = event.target_unchecked_into::<HtmlSelectElement>().value();
            draft.set(next);
        })
    };
    let date_hint: AttrValue = i18n.t("audit-date-hint").into();
    let count = i64::try_from(trail.entries.len()).unwrap_or(i64::MAX);
    let status = if trail.loading {
        i18n.t("audit-searching")
    } else if !trail.answered {
        String::new()
    } else if trail.next_after.is_some() {
        i18n.t_count("audit-count-more", &[("count", count)])
    } else {
        i18n.t_count("audit-count", &[("count", count)])
    };
    html! {
        <>
            <section aria-labelledby="audit-search-title">
                <h2 id="audit-search-title">{ i18n.t("audit-search-title") }</h2>
                <form class="form audit-filters" novalidate=true {onsubmit}>
                    <ErrorSummary id="audit-errors" errors={(*errors).clone()} attempt={*attempt} />
                    <Field id="audit-patient" label={i18n.t("audit-field-patient")} value={draft.patient.clone()}
                        autocomplete="off" oninput={edit(|d, v| d.patient = v)} />
                    <Field id="audit-account" label={i18n.t("audit-field-account")} value={draft.actor.clone()}
                        autocomplete="off" oninput={edit(|d, v| d.actor = v)} />
                    <Field id="audit-action" label={i18n.t("audit-field-action")} value={draft.action.clone()}
                        autocomplete="off" hint={i18n.t("audit-action-hint")} oninput={edit(|d, v| d.action = v)} />
                    <div class="field">
                        <label for="audit-outcome">{ i18n.t("audit-field-outcome") }</label>
                        <select id="audit-outcome" name="audit-outcome" onchange={on_outcome}>
                            { for OUTCOMES.iter().map(|(value, key)| html! {
                                <option value={*value} selected={draft.outcome == *value}>{ i18n.t(key) }</option>
                            }) }
                        </select>
                    </div>
                    <Field id="audit-from" label={i18n.t("audit-field-from")} value={draft.from.clone()} input_type="date"
                        hint={date_hint.clone()} error={error_for(&errors, "audit-from")} oninput={edit(|d, v| d.from = v)} />
                    <Field id="audit-to" label={i18n.t("audit-field-to")} value={draft.to.clone()} input_type="date"
                        hint={date_hint} error={error_for(&errors, "audit-to")} oninput={edit(|d, v| d.to = v)} />
                    <div class="actions">
                        <button type="submit">{ i18n.t("audit-search") }</button>
                    </div>
                </form>
            </section>
            <section aria-labelledby="audit-results-title">
                <h2 id="audit-results-title">{ i18n.t("audit-results-title") }</h2>
                <p class="status-line audit-count" role="status">{ status }</p>
                if let Some(error) = trail.error.as_ref().filter(|e| e.status() != Some(401)) {
                    <Alert>{ problem_words(&i18n, error) }</Alert>
                }
                if trail.answered {
                    { entries_table(&i18n, &trail.entries) }
                    if trail.next_after.is_some() {
                        <button type="button" class="secondary audit-more" onclick={show_more}
                            aria-disabled={trail.loading.then_some("true")}>{ i18n.t("audit-more") }</button>
                    }
                    if !trail.entries.is_empty() {
                        <p class="actions">
                            <a class="button secondary" href={api::audit_export_url(&trail.filters)} download="">
                                { i18n.t("audit-export") }
                            </a>
                        </p>
                    }
                }
            </section>
        </>
    }
}

fn entries_table(i18n: &I18n, entries: &[AuditEntry]) -> Html {
    if entries.is_empty() {
        return html! { <p class="empty">{ i18n.t("audit-none") }</p> };
    }
    let lang = i18n.lang();
    let blank = || html! { <span class="subtle">{ "—" }</span> };
    let text = |value: &Option<String>| {
        value.as_ref().map_or_else(blank, |v| html! { <span class="id">{ v }</span> })
    };
    // A person by name, their ID below it; the ID alone when the name is not known.
    let person = |name: &Option<String>, id: &Option<String>| match (name, id) {
        (Some(name), Some(id)) => html! { <>{ name }<span class="subtle id">{ id }</span></> },
        _ => text(id),
    };
    let columns = [
        "audit-col-when",
        "audit-col-who",
        "audit-col-on-behalf",
        "audit-col-patient",
        "audit-col-action",
        "audit-col-resource",
        "audit-col-outcome",
        "audit-col-address",
        "audit-col-request",
    ]
    .map(|key| i18n.t(key))
    .to_vec();
    html! {
        <ScrollTable id="audit-caption" caption={i18n.t("audit-caption")} {columns} class="audit-table">
                    { for entries.iter().enumerate().map(|(index, e)| html! {
                        <tr class={classes!((e.outcome != "success").then_some("audit-refused"))}>
                            <th scope="row" id={row_id(index)} tabindex="-1">{ format::date_time_seconds(lang, &e.at) }</th>
                            <td>
                                { person(&e.actor_name, &e.actor_account_id) }
                                if let Some(role) = &e.actor_role {
                                    <span class="subtle">{ role_words(i18n, role) }</span>
                                }
                            </td>
                            <td>{ person(&e.on_behalf_of_name, &e.on_behalf_of) }</td>
                            <td>{ person(&e.patient_name, &e.patient_id) }</td>
                            <td>{ &e.action }</td>
                            <td>
                                { text(&e.resource_type) }
                                if let Some(id) = &e.resource_id { <span class="subtle id">{ id }</span> }
                            </td>
                            <td>{ outcome_words(i18n, &e.outcome) }</td>
                            <td>{ text(&e.ip) }</td>
                            <td>{ text(&e.request_id) }</td>
                        </tr>
                    }) }
        </ScrollTable>
    }
}

/// Where the chain check stands.
#[derive(Debug, Clone, PartialEq)]
enum Check {
    Idle,
    Checking,
    Done(AuditVerification),
    Failed(ApiError),
}

/// "Check the audit trail": the server walks the chain of rows and says whether it is whole.
#[function_component]
fn ChainCheck() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let check = use_state(|| Check::Idle);
    let onclick = {
        let check = check.clone();
        Callback::from(move |_: MouseEvent| {
            if *check == Check::Checking {
                return;
            }
            check.set(Check::Checking);
            let (check, session) = (check.clone(), session.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::audit_verify().await {
                    Ok(answer) => check.set(Check::Done(answer)),
                    Err(error) if error.status() == Some(401) => session.ended(),
                    Err(error) => check.set(Check::Failed(error)),
                }
            });
        })
    };
    let lang = i18n.lang();
    // An intact chain is news, said politely; a broken one, or no answer, is an alert.
    let status = match &*check {
        Check::Checking => i18n.t("audit-verify-checking"),
        Check::Done(answer) if answer.intact => {
            let rows = format::number(lang, f64::from(u32::try_from(answer.rows).unwrap_or(u32::MAX)), 0);
            i18n.t_count_with("audit-verify-intact", &[("count", answer.rows)], &[("rows", &rows)])
        }
        _ => String::new(),
    };
    let alert = match &*check {
        Check::Done(answer) if !answer.intact => Some(
            i18n.t_with("audit-verify-broken", &[("fault", answer.fault.as_deref().unwrap_or_default())]),
        ),
        Check::Failed(error) => Some(problem_words(&i18n, error)),
        _ => None,
    };
    html! {
        <section aria-labelledby="audit-verify-title">
            <h2 id="audit-verify-title">{ i18n.t("audit-verify-title") }</h2>
            <p>{ i18n.t("audit-verify-intro") }</p>
            <p class="actions">
                <button type="button" class="audit-verify" {onclick}
                    aria-disabled={(*check == Check::Checking).then_some("true")}>{ i18n.t("audit-verify") }</button>
            </p>
            <p class="status-line audit-verified" role="status">{ status }</p>
            if let Some(alert) = alert {
                <Alert tone={AlertTone::Error}>{ alert }</Alert>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_role_and_outcome_has_words_in_both_languages() {
        for lang in Lang::ALL {
            let words = Translations::new(lang);
            for role in Role::ALL {
                let said = role_words(&words, role.as_str());
                assert!(!said.starts_with("audit-role"), "{} {role:?}", lang.code());
            }
            for (value, _) in OUTCOMES.iter().skip(1) {
                let said = outcome_words(&words, value);
                assert!(!said.starts_with("audit-outcome") && said != *value, "{} {value}", lang.code());
            }
            assert_eq!(role_words(&words, "auditor"), "auditor");
            assert_eq!(outcome_words(&words, "later"), "later");
        }
    }

    #[test]
    fn dates_in_the_wrong_order_are_refused_before_searching() {
        let words = Translations::new(Lang::En);
        let draft = Draft { from: "2026-11-24".to_owned(), to: "2026-11-01".to_owned(), ..Draft::default() };
        let fields: Vec<_> = draft.mistakes(&words).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [Some("audit-to".into())]);
        assert!(Draft::default().mistakes(&words).is_empty());
    }

    #[test]
    fn a_show_more_answer_adds_rows_and_an_old_searchs_answer_is_dropped() {
        let entry = |seq| AuditEntry {
            seq,
            at: "2026-11-24T10:00:00Z".to_owned(),
            actor_account_id: None,
            actor_name: None,
            actor_role: None,
            on_behalf_of: None,
            on_behalf_of_name: None,
            patient_id: None,
            patient_name: None,
            action: "read".to_owned(),
            resource_type: None,
            resource_id: None,
            outcome: "success".to_owned(),
            ip: None,
            user_agent: None,
            request_id: None,
            detail: None,
        };
        let trail = Rc::new(Trail::default())
            .reduce(TrailAction::Search { search: 1, filters: AuditFilters::default() })
            .reduce(TrailAction::Loaded {
                search: 1,
                page: AuditPage { entries: vec![entry(1)], next_after: Some(1) },
            });
        assert_eq!((trail.entries.len(), trail.first_new, trail.answered), (1, None, true));
        let trail = trail.reduce(TrailAction::More).reduce(TrailAction::Loaded {
            search: 1,
            page: AuditPage { entries: vec![entry(2)], next_after: None },
        });
        assert_eq!((trail.entries.len(), trail.first_new, trail.next_after), (2, Some(1), None));
        let trail = trail.reduce(TrailAction::Search { search: 2, filters: AuditFilters::default() }).reduce(
            TrailAction::Loaded { search: 1, page: AuditPage { entries: vec![entry(3)], next_after: None } },
        );
        assert!(trail.entries.is_empty() && trail.loading, "the first search's late answer is dropped");
    }
}
