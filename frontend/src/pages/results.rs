//! Test results: the list, newest first, a page at a time — lab panels and single tests, each
//! with its date, a "New" mark until the reader opens it, and its value and flag in words (or,
//! for a panel, how many of its tests are outside the normal range). Filters: kind (all, lab
//! tests, vital signs), only results outside the range, only new ones, and words in the test's
//! name. How many results show is announced after every change.

use shared::chart::{Coded, Flag, ResultCategory, ResultSummary, ResultsPage as Page};
use wasm_bindgen::JsCast as _;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError, ResultsQuery};
use crate::components::{Problem, RecordPage, TestSearch, use_announce};
use crate::format;
use crate::i18n::{Translations, use_i18n};
use crate::route::Route;

/// A test's name in plain words when the portal has notes on it ("Blood sugar (glucose)"), with
/// the lab's own name beside it when that differs; else the lab's name alone.
pub fn test_names(i18n: &Translations, name: &Coded) -> (String, Option<String>) {
    match crate::lab_guide::guide_for(name) {
        Some(guide) => {
            let plain = i18n.t(&guide.name_id());
            let lab = (plain != name.display).then(|| name.display.clone());
            (plain, lab)
        }
        None => (name.display.clone(), None),
    }
}

/// A flag in words; `None` when there is no range to compare with.
pub fn flag_words(i18n: &Translations, flag: Flag) -> Option<String> {
    let key = match flag {
        Flag::Normal => "flag-normal",
        Flag::High => "flag-high",
        Flag::Low => "flag-low",
        Flag::CriticalHigh => "flag-critical-high",
        Flag::CriticalLow => "flag-critical-low",
        Flag::Abnormal => "flag-abnormal",
        Flag::None => return None,
    };
    Some(i18n.t(key))
}

/// The CSS class that marks a flag (with an icon as well as a colour).
pub const fn flag_class(flag: Flag) -> &'static str {
    match flag {
        Flag::Normal => "flag flag-normal",
        Flag::High | Flag::CriticalHigh => "flag flag-high",
        Flag::Low | Flag::CriticalLow => "flag flag-low",
        Flag::Abnormal => "flag flag-abnormal",
        Flag::None => "flag",
    }
}

/// A single test's value as a line of the list: "7.2 %" or "Negative".
pub fn value_words(
    i18n: &Translations,
    num: Option<f64>,
    text: Option<&str>,
    unit: Option<&str>,
) -> Option<String> {
    match (num, text) {
        (Some(value), _) => Some(crate::components::with_unit(i18n, value, unit)),
        (None, Some(text)) => Some(text.to_owned()),
        (None, None) => None,
    }
}

#[function_component]
pub fn ResultsPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <ResultsList {patient_id} /> });
    html! { <RecordPage title={i18n.t("results-title")} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct ResultsListProps {
    patient_id: AttrValue,
}

/// Where the list stands.
#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Failed(ApiError),
    Done,
}

/// The filters as the page's address holds them (`/results?new=1&kind=all`), so a link from the
/// home page opens the list already filtered. Lab tests by default: vital signs, measured at
/// every visit, would bury them.
fn query_from_location() -> ResultsQuery {
    ResultsQuery::from_address(&super::address_search())
}

#[function_component]
fn ResultsList(props: &ResultsListProps) -> Html {
    let i18n = use_i18n();
    let announce = use_announce();
    let query = use_state(query_from_location);
    let items = use_state(Vec::<ResultSummary>::new);
    let next = use_state(|| None::<String>);
    let load = use_state(|| Load::Loading);
    let attempt = use_state(|| 0_u32);
    // The index of the first line a "show more" added, to move focus there.
    let focus_from = use_state(|| None::<usize>);
    // Which list is current: an answer for an earlier filter (slower than the one after it)
    // or a "show more" of an earlier list must not land over it.
    let generation = use_mut_ref(|| 0_u64);

    // Following a link to this page while it is shown (the navigation's "Test results") starts
    // again from that link's filters.
    {
        let query = query.clone();
        let location = use_location();
        use_effect_with(location, move |_| {
            let asked = query_from_location();
            if asked != *query {
                query.set(asked);
            }
        });
    }
    // "Back" from a result, a reload or a shared link opens the list as it was.
    use_effect_with((*query).clone(), |query| super::replace_address_query(&query.address_query()));
    // A new query (or a retry) starts the list again.
    {
        let (items, next, load, announce, i18n, generation) =
            (items.clone(), next.clone(), load.clone(), announce.clone(), i18n.clone(), generation.clone());
        let patient_id = props.patient_id.clone();
        use_effect_with(((*query).clone(), *attempt), move |(query, _)| {
            load.set(Load::Loading);
            let query = query.clone();
            let mine = crate::hooks::next_generation(&generation);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = api::results(&patient_id, &query).await;
                if *generation.borrow() != mine {
                    return;
                }
                match outcome {
                    Ok(Page { items: page, next: more }) => {
                        announce.emit(count_words(&i18n, page.len(), more.is_some()));
                        items.set(page);
                        next.set(more);
                        load.set(Load::Done);
                    }
                    Err(error) => load.set(Load::Failed(error)),
                }
            });
        });
    }
    use_effect_with(*focus_from, |from| {
        if let Some(index) = from {
            let link = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&item_link_id(*index)))
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(link) = link {
                let _ = link.focus();
            }
        }
    });

    let show_more = {
        let (items, next, load, query, announce, i18n, focus_from, generation) = (
            items.clone(),
            next.clone(),
            load.clone(),
            query.clone(),
            announce.clone(),
            i18n.clone(),
            focus_from.clone(),
            generation.clone(),
        );
        let patient_id = props.patient_id.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(after) = (*next).clone() else { return };
            let mut page_query = (*query).clone();
            page_query.after = Some(after);
            let mine = *generation.borrow();
            let (items, next, load, announce, i18n, focus_from, patient_id, generation) = (
                items.clone(),
                next.clone(),
                load.clone(),
                announce.clone(),
                i18n.clone(),
                focus_from.clone(),
                patient_id.clone(),
                generation.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = api::results(&patient_id, &page_query).await;
                if *generation.borrow() != mine {
                    return;
                }
                match outcome {
                    Ok(Page { items: page, next: more }) => {
                        let mut all = (*items).clone();
                        let first_new = all.len();
                        all.extend(page);
                        announce.emit(count_words(&i18n, all.len(), more.is_some()));
                        items.set(all);
                        next.set(more);
                        focus_from.set(Some(first_new));
                    }
                    Err(error) => load.set(Load::Failed(error)),
                }
            });
        })
    };

    // The old list goes in the same redraw as the changed filter: it is never on screen under
    // a filter it does not answer.
    let set_query = {
        let (query, load) = (query.clone(), load.clone());
        move |change: &dyn Fn(&mut ResultsQuery)| {
            let mut next = (*query).clone();
            change(&mut next);
            next.after = None;
            if next != *query {
                load.set(Load::Loading);
            }
            query.set(next);
        }
    };
    let on_kind = {
        let set_query = set_query.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlInputElement>().value();
            set_query(&|q: &mut ResultsQuery| {
                q.category = match value.as_str() {
                    "all" => None,
                    "vitals" => Some(ResultCategory::VitalSigns),
                    _ => Some(ResultCategory::Laboratory),
                };
            });
        })
    };
    let on_abnormal = {
        let set_query = set_query.clone();
        Callback::from(move |event: Event| {
            let on = event.target_unchecked_into::<HtmlInputElement>().checked();
            set_query(&|q: &mut ResultsQuery| q.abnormal = on);
        })
    };
    let on_new = {
        let set_query = set_query.clone();
        Callback::from(move |event: Event| {
            let on = event.target_unchecked_into::<HtmlInputElement>().checked();
            set_query(&|q: &mut ResultsQuery| q.new = on);
        })
    };
    let on_search = {
        let set_query = set_query.clone();
        Callback::from(move |words: String| set_query(&|q: &mut ResultsQuery| q.words.clone_from(&words)))
    };
    let mark_all = {
        let (patient_id, attempt, announce, i18n) =
            (props.patient_id.clone(), attempt.clone(), announce.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            let (patient_id, attempt, announce, i18n) =
                (patient_id.clone(), attempt.clone(), announce.clone(), i18n.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if api::mark_results_seen(&patient_id).await.is_ok() {
                    announce.emit(i18n.t("results-all-read"));
                    attempt.set(*attempt + 1);
                }
            });
        })
    };
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };

    let kind = match query.category {
        Some(ResultCategory::Laboratory) => "lab",
        Some(ResultCategory::VitalSigns) => "vitals",
        _ => "all",
    };
    let any_new = items.iter().any(|r| r.is_new);
    let mut names: Vec<String> = items.iter().map(|r| r.name.display.clone()).collect();
    names.sort();
    names.dedup();
    html! {
        <>
            <p>{ i18n.t("results-intro") }</p>
            <div class="filters">
                <TestSearch id="results-search" label={i18n.t("results-search")} value={query.words.clone()} {names} {on_search} />
                <fieldset class="choices kinds">
                    <legend>{ i18n.t("results-kind") }</legend>
                    { for [("lab", "results-kind-lab"), ("vitals", "results-kind-vitals"), ("all", "results-kind-all")].into_iter().map(|(value, key)| {
                        let id = format!("results-kind-{value}");
                        html! {
                            <div class="radio">
                                <input type="radio" name="results-kind" id={id.clone()} value={value} checked={kind == value} onchange={on_kind.clone()} />
                                <label for={id}>{ i18n.t(key) }</label>
                            </div>
                        }
                    }) }
                </fieldset>
                <div class="checkbox">
                    <input type="checkbox" id="results-abnormal" checked={query.abnormal} onchange={on_abnormal} />
                    <label for="results-abnormal">{ i18n.t("results-only-abnormal") }</label>
                </div>
                <div class="checkbox">
                    <input type="checkbox" id="results-new" checked={query.new} onchange={on_new} />
                    <label for="results-new">{ i18n.t("results-only-new") }</label>
                </div>
            </div>
            if any_new {
                <div class="actions">
                    <button type="button" class="secondary" onclick={mark_all}>{ i18n.t("results-mark-all-read") }</button>
                </div>
            }
            { match &*load {
                Load::Loading => html! { <crate::components::Loading /> },
                Load::Failed(error) => html! { <Problem error={error.clone()} {retry} /> },
                Load::Done if items.is_empty() => html! { <p class="empty">{ i18n.t("results-none") }</p> },
                Load::Done => html! {
                    <>
                        <ul class="result-list" aria-label={i18n.t("results-title")}>
                            { for items.iter().enumerate().map(|(index, item)| html! { <ResultLine key={item.id.clone()} {index} item={item.clone()} /> }) }
                        </ul>
                        if next.is_some() {
                            <button type="button" class="secondary" onclick={show_more}>{ i18n.t("results-more") }</button>
                        }
                    </>
                },
            } }
        </>
    }
}

/// "Showing 50 results" (or "the first 50" when there are more).
fn count_words(i18n: &Translations, shown: usize, more: bool) -> String {
    let count = i64::try_from(shown).unwrap_or(i64::MAX);
    i18n.t_count(if more { "results-count-more" } else { "results-count" }, &[("count", count)])
}

fn item_link_id(index: usize) -> String {
    format!("result-link-{index}")
}

#[derive(Debug, Properties, PartialEq)]
struct ResultLineProps {
    index: usize,
    item: ResultSummary,
}

#[function_component]
fn ResultLine(props: &ResultLineProps) -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let item = &props.item;
    let route = Route::ResultDetail { id: item.id.clone() };
    let onclick = {
        let route = route.clone();
        Callback::from(move |event: MouseEvent| {
            if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                return;
            }
            if let Some(navigator) = &navigator {
                event.prevent_default();
                navigator.push(&route);
            }
        })
    };
    let lang = i18n.lang();
    let when = item.effective_at.as_deref().or(item.issued_at.as_deref()).map(|d| format::date(lang, d));
    let detail = if item.tests > 1 {
        let tests = i64::from(item.tests);
        let abnormal = i64::from(item.abnormal);
        if item.abnormal > 0 {
            i18n.t_count("results-panel-outside", &[("count", tests), ("outside", abnormal)])
        } else {
            i18n.t_count("results-panel-normal", &[("count", tests)])
        }
    } else {
        value_words(&i18n, item.value_num, item.value_text.as_deref(), item.unit.as_deref())
            .unwrap_or_default()
    };
    let flag = item.flag.filter(|_| item.tests <= 1).and_then(|f| flag_words(&i18n, f).map(|w| (f, w)));
    let (name, lab_name) = test_names(&i18n, &item.name);
    html! {
        <li class={classes!("result-line", item.is_new.then_some("is-new"))}>
            <h2 class="result-name">
                <a id={item_link_id(props.index)} href={route.to_path()} {onclick}>{ name }</a>
                if item.is_new {
                    {" "}<span class="tag tag-new">{ i18n.t("results-new") }</span>
                }
            </h2>
            if let Some(lab_name) = lab_name { <p class="lab-name">{ lab_name }</p> }
            <p class="result-facts">
                if let Some(when) = when { <span class="result-date">{ when }</span> }
                if !detail.is_empty() { <span class="result-value">{ detail }</span> }
                if let Some((flag, words)) = flag {
                    <span class={flag_class(flag)}>{ words }</span>
                }
            </p>
        </li>
    }
}
