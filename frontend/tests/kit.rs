//! The component kit in a real browser, by keyboard: tabs (arrows, Home, End, wrapping, the
//! right panel shown), the disclosure, the menu button (opening keys, moving, type-ahead,
//! Escape, Tab, choosing, a press outside), the listbox and the combobox (filtering, the active
//! descendant, Enter, Escape twice, Alt+Down), the sortable table (sorting, `aria-sort`, the
//! announcement) and the live regions and alert.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use frontend::components::{
    Alert, Column, Combobox, Disclosure, HeadingLevel, ListOption, Listbox, LiveRegionProvider, MenuButton,
    MenuItem, SortKind, SortableTable, Tab, Tabs, use_announce, use_announcer,
};
use frontend::i18n::{I18nProvider, Lang};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{active_id, attr, by_id, mount, press_keys, type_text, wait_for, wait_for_focus};

/// Presses `key` on the focused element, with Alt held or not.
fn press_with(key: &str, alt: bool) {
    press_keys(key, false, alt);
}

fn press(key: &str) {
    press_keys(key, false, false);
}

/// What the callbacks of a host component were told, in order.
type Log = Rc<RefCell<Vec<String>>>;

fn log_into(log: &Log) -> Callback<String> {
    let log = log.clone();
    Callback::from(move |entry: String| log.borrow_mut().push(entry))
}

// ---- Tabs ----------------------------------------------------------------------------------

#[derive(Properties, PartialEq)]
struct TabsHostProps {
    changes: Callback<String>,
}

#[function_component]
fn TabsHost(props: &TabsHostProps) -> Html {
    let tabs = vec![
        Tab::new("results", "Results", html! { <p id="results-body">{ "Your results" }</p> }),
        Tab::new("medicines", "Medicines", html! { <p id="medicines-body">{ "Your medicines" }</p> }),
        Tab::new("visits", "Visits", html! { <p id="visits-body">{ "Your visits" }</p> }),
    ];
    let on_change = props.changes.reform(|key: AttrValue| key.to_string());
    html! {
        <>
            <h2 id="record-heading">{ "Your record" }</h2>
            <Tabs id="record" {tabs} labelled_by="record-heading" {on_change} />
        </>
    }
}

fn assert_selected_tab(selected: &str) {
    for key in ["results", "medicines", "visits"] {
        let tab = format!("record-{key}-tab");
        let panel = format!("record-{key}-panel");
        let is = key == selected;
        assert_eq!(attr(&tab, "aria-selected").as_deref(), Some(if is { "true" } else { "false" }), "{tab}");
        assert_eq!(
            attr(&tab, "tabindex").as_deref(),
            Some(if is { "0" } else { "-1" }),
            "{tab}: one tab stop"
        );
        assert_eq!(by_id(&panel).unwrap().hidden(), !is, "{panel}");
        assert_eq!(by_id(&format!("{key}-body")).is_some(), is, "only the selected panel's content is built");
    }
}

#[wasm_bindgen_test]
async fn arrow_keys_home_and_end_move_through_the_tabs_and_show_each_ones_panel() {
    let changes = Log::default();
    let (root, handle) = mount::<TabsHost>(TabsHostProps { changes: log_into(&changes) });
    let first = wait_for("the first tab", || by_id("record-results-tab")).await;
    let list = root.query_selector("[role=tablist]").unwrap().unwrap();
    assert_eq!(list.get_attribute("aria-labelledby").as_deref(), Some("record-heading"));
    assert_eq!(first.get_attribute("role").as_deref(), Some("tab"));
    assert_eq!(first.get_attribute("aria-controls").as_deref(), Some("record-results-panel"));
    let panel = by_id("record-results-panel").unwrap();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("tabpanel"));
    assert_eq!(panel.get_attribute("aria-labelledby").as_deref(), Some("record-results-tab"));
    assert_eq!(panel.get_attribute("tabindex").as_deref(), Some("0"));
    assert_selected_tab("results");

    first.focus().unwrap();
    press("ArrowRight");
    wait_for_focus("record-medicines-tab").await;
    wait_for("Medicines selected", || by_id("medicines-body")).await;
    assert_selected_tab("medicines");

    press("End");
    wait_for_focus("record-visits-tab").await;
    wait_for("Visits selected", || by_id("visits-body")).await;
    assert_selected_tab("visits");

    press("ArrowRight");
    wait_for_focus("record-results-tab").await;
    wait_for("Results selected again", || by_id("results-body")).await;
    assert_selected_tab("results");

    press("ArrowLeft");
    wait_for_focus("record-visits-tab").await;
    wait_for("ArrowLeft wraps to the last tab", || by_id("visits-body")).await;

    press("Home");
    wait_for_focus("record-results-tab").await;
    wait_for("Home goes to the first tab", || by_id("results-body")).await;
    assert_selected_tab("results");
    assert_eq!(*changes.borrow(), ["medicines", "visits", "results", "visits", "results"]);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_click_selects_a_tab_and_other_keys_do_nothing() {
    let changes = Log::default();
    let (root, handle) = mount::<TabsHost>(TabsHostProps { changes: log_into(&changes) });
    let visits = wait_for("the last tab", || by_id("record-visits-tab")).await;
    visits.click();
    wait_for("Visits selected", || by_id("visits-body")).await;
    assert_selected_tab("visits");

    visits.focus().unwrap();
    press("ArrowDown");
    press("a");
    gloo::timers::future::sleep(Duration::from_millis(50)).await;
    assert_eq!(active_id(), "record-visits-tab");
    assert_selected_tab("visits");
    assert_eq!(*changes.borrow(), ["visits"]);
    handle.destroy();
    root.remove();
}

// ---- Disclosure ----------------------------------------------------------------------------

#[derive(Properties, PartialEq)]
struct DisclosureHostProps {
    toggles: Callback<String>,
}

#[function_component]
fn DisclosureHost(props: &DisclosureHostProps) -> Html {
    let on_toggle = props.toggles.reform(|open: bool| open.to_string());
    html! {
        <Disclosure id="more" label="More about this test" heading={HeadingLevel::H3} {on_toggle}>
            <p id="more-text">{ "It checks your blood sugar." }</p>
        </Disclosure>
    }
}

#[wasm_bindgen_test]
async fn the_disclosure_button_shows_and_hides_its_content_and_says_which() {
    let toggles = Log::default();
    let (root, handle) = mount::<DisclosureHost>(DisclosureHostProps { toggles: log_into(&toggles) });
    let button = wait_for("the button", || by_id("more-button")).await;
    assert_eq!(button.tag_name(), "BUTTON");
    assert_eq!(button.parent_element().unwrap().tag_name(), "H3", "the button sits in a heading");
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(button.get_attribute("aria-controls").as_deref(), Some("more-content"));
    let content = by_id("more-content").unwrap();
    assert!(content.hidden());
    assert!(content.contains(by_id("more-text").as_deref().map(AsRef::as_ref)));

    // Enter and Space on a native button click it.
    button.focus().unwrap();
    button.click();
    wait_for("expanded", || (attr("more-button", "aria-expanded")? == "true").then_some(())).await;
    assert!(!by_id("more-content").unwrap().hidden());
    assert_eq!(active_id(), "more-button", "focus stays on the button");

    button.click();
    wait_for("collapsed", || (attr("more-button", "aria-expanded")? == "false").then_some(())).await;
    assert!(by_id("more-content").unwrap().hidden());
    assert_eq!(*toggles.borrow(), ["true", "false"]);
    handle.destroy();
    root.remove();
}

// ---- Menu button ---------------------------------------------------------------------------

#[derive(Properties, PartialEq)]
struct MenuHostProps {
    chosen: Callback<String>,
}

/// A menu of actions, a download and two "whose record" choices, with a control after it.
#[function_component]
fn MenuHost(props: &MenuHostProps) -> Html {
    let whose = use_state(|| "me".to_owned());
    let action = |name: &'static str| props.chosen.reform(move |()| name.to_owned());
    let choose = |who: &'static str| {
        let (whose, chosen) = (whose.clone(), props.chosen.clone());
        Callback::from(move |()| {
            whose.set(who.to_owned());
            chosen.emit(format!("record of {who}"));
        })
    };
    let items = vec![
        MenuItem::action("Print", action("print")),
        MenuItem::download("Download", "/files/summary.pdf", "summary.pdf"),
        MenuItem::action("Delete", action("delete")),
        MenuItem::radio("My record", *whose == "me", choose("me")),
        MenuItem::radio("Mateo's record", *whose == "mateo", choose("mateo")),
    ];
    html! {
        <>
            <MenuButton id="actions" label="Actions" {items} />
            <button id="after">{ "After" }</button>
        </>
    }
}

fn menu_open() -> bool {
    attr("actions", "aria-expanded").as_deref() == Some("true") && !by_id("actions-menu").unwrap().hidden()
}

async fn wait_closed() {
    wait_for("the menu closed", || {
        (attr("actions", "aria-expanded").as_deref() == Some("false") && by_id("actions-menu")?.hidden())
            .then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn arrow_down_opens_the_menu_on_its_first_item_arrows_wrap_and_escape_returns_to_the_button() {
    let chosen = Log::default();
    let (root, handle) = mount::<MenuHost>(MenuHostProps { chosen: log_into(&chosen) });
    let button = wait_for("the button", || by_id("actions")).await;
    assert_eq!(button.get_attribute("aria-haspopup").as_deref(), Some("menu"));
    assert_eq!(button.get_attribute("aria-controls").as_deref(), Some("actions-menu"));
    assert_eq!(attr("actions-menu", "role").as_deref(), Some("menu"));
    assert_eq!(attr("actions-menu", "aria-labelledby").as_deref(), Some("actions"));
    assert!(!menu_open());

    button.focus().unwrap();
    press("ArrowDown");
    wait_for_focus("actions-item-0").await;
    assert!(menu_open());
    assert_eq!(attr("actions-item-0", "role").as_deref(), Some("menuitem"));

    press("ArrowDown");
    assert_eq!(active_id(), "actions-item-1");
    press("ArrowUp");
    press("ArrowUp");
    assert_eq!(active_id(), "actions-item-4", "ArrowUp on the first item wraps to the last");
    press("ArrowDown");
    assert_eq!(active_id(), "actions-item-0", "ArrowDown on the last item wraps to the first");
    press("End");
    assert_eq!(active_id(), "actions-item-4");
    press("Home");
    assert_eq!(active_id(), "actions-item-0");

    press("Escape");
    wait_closed().await;
    assert_eq!(active_id(), "actions", "Escape returns focus to the button");
    assert!(chosen.borrow().is_empty(), "Escape chooses nothing");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_letter_moves_to_the_next_item_starting_with_it() {
    let chosen = Log::default();
    let (root, handle) = mount::<MenuHost>(MenuHostProps { chosen: log_into(&chosen) });
    let button = wait_for("the button", || by_id("actions")).await;
    button.focus().unwrap();
    press("Enter");
    wait_for_focus("actions-item-0").await;

    press("d");
    assert_eq!(active_id(), "actions-item-1", "Download");
    press("d");
    assert_eq!(active_id(), "actions-item-2", "then Delete");
    press("D");
    assert_eq!(active_id(), "actions-item-1", "wrapping around, whatever the case");
    press("m");
    assert_eq!(active_id(), "actions-item-3");
    press("x");
    assert_eq!(active_id(), "actions-item-3", "a letter no item starts with changes nothing");
    assert!(menu_open());
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn arrow_up_opens_on_the_last_item_and_choosing_runs_it_closes_and_returns_focus() {
    let chosen = Log::default();
    let (root, handle) = mount::<MenuHost>(MenuHostProps { chosen: log_into(&chosen) });
    let button = wait_for("the button", || by_id("actions")).await;
    assert_eq!(attr("actions-item-3", "role").as_deref(), Some("menuitemradio"));
    assert_eq!(attr("actions-item-3", "aria-checked").as_deref(), Some("true"));
    assert_eq!(attr("actions-item-4", "aria-checked").as_deref(), Some("false"));
    let download = by_id("actions-item-1").unwrap();
    assert_eq!(download.tag_name(), "A");
    assert_eq!(download.get_attribute("role").as_deref(), Some("menuitem"));
    assert_eq!(download.get_attribute("download").as_deref(), Some("summary.pdf"));

    button.focus().unwrap();
    press("ArrowUp");
    wait_for_focus("actions-item-4").await;
    press(" ");
    wait_closed().await;
    wait_for_focus("actions").await;
    wait_for("Mateo's record checked", || (attr("actions-item-4", "aria-checked")? == "true").then_some(()))
        .await;
    assert_eq!(attr("actions-item-3", "aria-checked").as_deref(), Some("false"));

    press(" ");
    wait_for_focus("actions-item-0").await;
    press("Enter");
    wait_closed().await;
    wait_for_focus("actions").await;
    assert_eq!(*chosen.borrow(), ["record of mateo", "print"]);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn tab_and_a_press_outside_close_the_menu() {
    let chosen = Log::default();
    let (root, handle) = mount::<MenuHost>(MenuHostProps { chosen: log_into(&chosen) });
    let button = wait_for("the button", || by_id("actions")).await;
    button.focus().unwrap();
    press("ArrowDown");
    wait_for_focus("actions-item-0").await;
    press("Tab");
    wait_closed().await;
    // The browser's own Tab then carries on from the button to the next control.
    assert_eq!(active_id(), "actions");

    button.click();
    wait_for_focus("actions-item-0").await;
    assert!(menu_open(), "a click opens the menu on its first item");
    let init = EventInit::new();
    init.set_bubbles(true);
    let outside = Event::new_with_event_init_dict("pointerdown", &init).unwrap();
    by_id("after").unwrap().dispatch_event(&outside).unwrap();
    wait_closed().await;

    // A real click focuses the button first (focus may still sit on the hidden item).
    button.focus().unwrap();
    button.click();
    wait_for_focus("actions-item-0").await;
    button.focus().unwrap();
    assert!(menu_open(), "focus moving to the button does not close the menu");
    button.click();
    wait_closed().await;
    assert!(chosen.borrow().is_empty());
    handle.destroy();
    root.remove();
}

// ---- Listbox and combobox -------------------------------------------------------------------

const MEDICINES: [&str; 6] = ["Amlodipine", "Aspirin", "Atenolol", "Ibuprofen", "Insulin", "Metformin"];

fn medicine_options() -> Vec<ListOption> {
    MEDICINES.iter().map(|name| ListOption::new(name.to_lowercase(), *name)).collect()
}

#[derive(Properties, PartialEq)]
struct ListboxHostProps {
    changes: Callback<String>,
}

#[function_component]
fn ListboxHost(props: &ListboxHostProps) -> Html {
    let on_change = props.changes.reform(|option: ListOption| option.value.to_string());
    html! {
        <>
            <p id="pharmacy-label">{ "Medicine" }</p>
            <Listbox id="medicine" labelled_by="pharmacy-label" options={medicine_options()} {on_change} />
        </>
    }
}

fn selected_option(id: &str) -> Option<String> {
    let active = attr(id, "aria-activedescendant")?;
    (attr(&active, "aria-selected")? == "true").then(|| by_id(&active)?.text_content()).flatten()
}

#[wasm_bindgen_test]
async fn the_listbox_selects_the_option_focus_moves_to_by_arrows_home_end_and_typing() {
    let changes = Log::default();
    let (root, handle) = mount::<ListboxHost>(ListboxHostProps { changes: log_into(&changes) });
    let list = wait_for("the list", || by_id("medicine")).await;
    assert_eq!(list.get_attribute("role").as_deref(), Some("listbox"));
    assert_eq!(list.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(list.get_attribute("aria-labelledby").as_deref(), Some("pharmacy-label"));
    assert_eq!(attr("medicine-option-0", "role").as_deref(), Some("option"));

    list.focus().unwrap();
    wait_for("the first option chosen on arrival", || {
        (selected_option("medicine")? == "Amlodipine").then_some(())
    })
    .await;
    press("ArrowDown");
    wait_for("Aspirin", || (selected_option("medicine")? == "Aspirin").then_some(())).await;
    press("End");
    wait_for("the last option", || (selected_option("medicine")? == "Metformin").then_some(())).await;
    press("ArrowDown");
    gloo::timers::future::sleep(Duration::from_millis(30)).await;
    assert_eq!(selected_option("medicine").as_deref(), Some("Metformin"), "a listbox does not wrap");
    press("Home");
    wait_for("the first option", || (selected_option("medicine")? == "Amlodipine").then_some(())).await;
    press("i");
    wait_for("the first starting with i", || (selected_option("medicine")? == "Ibuprofen").then_some(()))
        .await;
    press("n");
    wait_for("typing on refines the match", || (selected_option("medicine")? == "Insulin").then_some(()))
        .await;
    assert_eq!(root.query_selector_all("[aria-selected=true]").unwrap().length(), 1, "one selected option");
    assert_eq!(active_id(), "medicine", "focus stays on the list");
    assert_eq!(
        *changes.borrow(),
        ["amlodipine", "aspirin", "metformin", "amlodipine", "ibuprofen", "insulin"]
    );
    handle.destroy();
    root.remove();
}

#[derive(Properties, PartialEq)]
struct ComboboxHostProps {
    chosen: Callback<String>,
}

/// A medicine search filtering a local list, as a page would (or from the server).
#[function_component]
fn ComboboxHost(props: &ComboboxHostProps) -> Html {
    let text = use_state(String::new);
    let options: Vec<ListOption> = if text.is_empty() {
        medicine_options()
    } else {
        medicine_options()
            .into_iter()
            .filter(|o| o.label.to_lowercase().contains(&text.to_lowercase()))
            .collect()
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |value: String| text.set(value))
    };
    let on_select = {
        let (text, chosen) = (text.clone(), props.chosen.clone());
        Callback::from(move |option: ListOption| {
            text.set(option.label.to_string());
            chosen.emit(option.value.to_string());
        })
    };
    html! {
        <I18nProvider initial={Some(Lang::En)}>
            <Combobox id="search" label="Medicine" hint="Type part of the name." value={(*text).clone()}
                {options} {on_input} {on_select} />
        </I18nProvider>
    }
}

fn expanded() -> bool {
    attr("search", "aria-expanded").as_deref() == Some("true")
}

fn input_value() -> String {
    by_id("search").unwrap().dyn_into::<HtmlInputElement>().unwrap().value()
}

#[wasm_bindgen_test]
async fn typing_filters_the_suggestions_arrows_set_the_active_option_and_enter_takes_it() {
    let chosen = Log::default();
    let (root, handle) = mount::<ComboboxHost>(ComboboxHostProps { chosen: log_into(&chosen) });
    let input = wait_for("the input", || by_id("search")).await;
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(input.get_attribute("aria-autocomplete").as_deref(), Some("list"));
    assert_eq!(input.get_attribute("aria-controls").as_deref(), Some("search-listbox"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("search-hint"));
    assert_eq!(attr("search-listbox", "role").as_deref(), Some("listbox"));
    assert_eq!(attr("search-listbox", "aria-labelledby").as_deref(), Some("search-label"));
    assert!(!expanded());

    input.focus().unwrap();
    type_text("in");
    wait_for("the filtered list", || expanded().then_some(())).await;
    let listbox = by_id("search-listbox").unwrap();
    assert!(!listbox.hidden());
    let shown: Vec<String> = (0..listbox.child_element_count())
        .filter_map(|i| listbox.children().item(i)?.text_content())
        .collect();
    assert_eq!(shown, ["Amlodipine", "Aspirin", "Insulin", "Metformin"]);
    assert_eq!(input.get_attribute("aria-activedescendant"), None, "typing makes no option active");
    let status = root.query_selector(".combobox-status").unwrap().unwrap();
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(status.text_content().as_deref(), Some("4 choices"));

    press("ArrowDown");
    wait_for("the first option active", || {
        (attr("search", "aria-activedescendant")? == "search-option-0").then_some(())
    })
    .await;
    assert_eq!(attr("search-option-0", "aria-selected").as_deref(), Some("true"));
    press("ArrowDown");
    wait_for("the second", || (attr("search", "aria-activedescendant")? == "search-option-1").then_some(()))
        .await;
    assert_eq!(attr("search-option-0", "aria-selected").as_deref(), Some("false"));
    press("ArrowUp");
    wait_for("back to the first", || {
        (attr("search", "aria-activedescendant")? == "search-option-0").then_some(())
    })
    .await;
    press("ArrowUp");
    wait_for("ArrowUp wraps to the last", || {
        (attr("search", "aria-activedescendant")? == "search-option-3").then_some(())
    })
    .await;
    assert_eq!(active_id(), "search", "focus stays in the input");

    press("Enter");
    wait_for("the list closed", || (!expanded()).then_some(())).await;
    assert_eq!(input_value(), "Metformin");
    assert_eq!(input.get_attribute("aria-activedescendant"), None);
    assert!(by_id("search-listbox").unwrap().hidden());
    assert_eq!(*chosen.borrow(), ["metformin"]);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn escape_closes_the_list_a_second_escape_clears_and_alt_down_opens_without_moving() {
    let chosen = Log::default();
    let (root, handle) = mount::<ComboboxHost>(ComboboxHostProps { chosen: log_into(&chosen) });
    let input = wait_for("the input", || by_id("search")).await;
    input.focus().unwrap();
    type_text("zz");
    wait_for("no match said", || {
        (root.query_selector(".combobox-status").ok()??.text_content()? == "No choices").then_some(())
    })
    .await;
    assert!(!expanded(), "an empty list is not shown");

    type_text("a");
    wait_for("the list", || expanded().then_some(())).await;
    press("ArrowDown");
    wait_for("an active option", || attr("search", "aria-activedescendant")).await;
    press("Escape");
    wait_for("the list closed", || (!expanded()).then_some(())).await;
    assert_eq!(input.get_attribute("aria-activedescendant"), None);
    assert_eq!(input_value(), "a", "the first Escape keeps the text");

    press_with("ArrowDown", true);
    wait_for("Alt+ArrowDown opens the list", || expanded().then_some(())).await;
    assert_eq!(input.get_attribute("aria-activedescendant"), None, "without moving into it");
    press("Escape");
    wait_for("closed again", || (!expanded()).then_some(())).await;
    press("Escape");
    wait_for("the text cleared", || input_value().is_empty().then_some(())).await;

    press("ArrowUp");
    wait_for("ArrowUp opens on the last option", || {
        (attr("search", "aria-activedescendant")? == "search-option-5").then_some(())
    })
    .await;
    assert!(chosen.borrow().is_empty());
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn clicking_a_suggestion_takes_it_without_losing_focus() {
    let chosen = Log::default();
    let (root, handle) = mount::<ComboboxHost>(ComboboxHostProps { chosen: log_into(&chosen) });
    let input = wait_for("the input", || by_id("search")).await;
    input.focus().unwrap();
    type_text("as");
    wait_for("the list", || expanded().then_some(())).await;
    by_id("search-option-0").unwrap().click();
    wait_for("the list closed", || (!expanded()).then_some(())).await;
    assert_eq!(input_value(), "Aspirin");
    assert_eq!(*chosen.borrow(), ["aspirin"]);
    handle.destroy();
    root.remove();
}

// ---- Sortable table -------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
struct Reading {
    test: &'static str,
    date: &'static str,
    value: u32,
}

#[function_component]
fn TableHost() -> Html {
    let rows = use_memo((), |()| {
        vec![
            Reading { test: "Glucose", date: "2026-03-01", value: 110 },
            Reading { test: "A1c", date: "2026-01-15", value: 7 },
            Reading { test: "Potassium", date: "2026-02-20", value: 4 },
        ]
    });
    let columns = use_memo((), |()| {
        vec![
            Column::new("Test", |r: &Reading| html! { r.test }).sort_by(SortKind::Text, |r| r.test),
            Column::new("Date", |r: &Reading| html! { r.date }).sort_by(SortKind::Date, |r| r.date),
            Column::new("Value", |r: &Reading| html! { r.value }),
        ]
    });
    html! {
        <I18nProvider initial={Some(Lang::En)}>
            <LiveRegionProvider>
                <SortableTable<Reading> id="results" caption="Your test results" {columns} {rows} />
            </LiveRegionProvider>
        </I18nProvider>
    }
}

fn column_texts(root: &Element, column: usize) -> Vec<String> {
    let cells = root.query_selector_all(&format!("tbody tr > :nth-child({})", column + 1)).unwrap();
    (0..cells.length()).filter_map(|i| cells.item(i)?.text_content()).collect()
}

fn aria_sorts(root: &Element) -> Vec<Option<String>> {
    let headers = root.query_selector_all("thead th").unwrap();
    (0..headers.length())
        .map(|i| headers.item(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("aria-sort"))
        .collect()
}

fn polite(root: &Element) -> Option<String> {
    root.query_selector(".live-region-polite").ok()??.text_content()
}

fn header_button(root: &Element, column: usize) -> HtmlElement {
    root.query_selector(&format!("thead th:nth-child({}) button", column + 1))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_header_button_sorts_the_rows_sets_aria_sort_says_so_and_a_second_press_reverses() {
    let (root, handle) = mount::<TableHost>(());
    wait_for("the table", || by_id("results")).await;
    let region = root.query_selector(".table-scroll").unwrap().unwrap();
    assert_eq!(region.get_attribute("role").as_deref(), Some("region"));
    assert_eq!(region.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(region.get_attribute("aria-labelledby").as_deref(), Some("results-caption"));
    assert!(by_id("results-caption").unwrap().text_content().unwrap().starts_with("Your test results"));
    assert_eq!(
        root.query_selector_all("tbody th[scope=row]").unwrap().length(),
        3,
        "the first column heads each row"
    );
    assert!(root.query_selector("thead th:nth-child(3) button").unwrap().is_none(), "Value does not sort");
    assert_eq!(column_texts(&root, 0), ["Glucose", "A1c", "Potassium"]);
    assert_eq!(aria_sorts(&root), [None, None, None], "no aria-sort before sorting");

    let by_test = header_button(&root, 0);
    by_test.focus().unwrap();
    by_test.click();
    wait_for("sorted by test", || (column_texts(&root, 0) == ["A1c", "Glucose", "Potassium"]).then_some(()))
        .await;
    assert_eq!(aria_sorts(&root), [Some("ascending".to_owned()), None, None]);
    wait_for("the order said", || (polite(&root)? == "Sorted by Test, A to Z.").then_some(())).await;

    by_test.click();
    wait_for("reversed", || (column_texts(&root, 0) == ["Potassium", "Glucose", "A1c"]).then_some(())).await;
    assert_eq!(aria_sorts(&root), [Some("descending".to_owned()), None, None]);
    wait_for("the new order said", || (polite(&root)? == "Sorted by Test, Z to A.").then_some(())).await;
    assert_eq!(active_id(), by_test.id(), "focus stays on the button");

    header_button(&root, 1).click();
    wait_for("sorted by date", || {
        (column_texts(&root, 1) == ["2026-01-15", "2026-02-20", "2026-03-01"]).then_some(())
    })
    .await;
    assert_eq!(
        aria_sorts(&root),
        [None, Some("ascending".to_owned()), None],
        "only the sorted column has aria-sort"
    );
    wait_for("said with date words", || (polite(&root)? == "Sorted by Date, oldest first.").then_some(()))
        .await;
    handle.destroy();
    root.remove();
}

// ---- Live regions and alert -----------------------------------------------------------------

#[function_component]
fn Announcing() -> Html {
    let announce = use_announce();
    let announcer = use_announcer();
    let polite = Callback::from(move |_: MouseEvent| announce.emit("Showing 42 results".to_owned()));
    let urgent = Callback::from(move |_: MouseEvent| announcer.assertive("You are offline"));
    html! {
        <>
            <button id="say" onclick={polite}>{ "Say" }</button>
            <button id="urgent" onclick={urgent}>{ "Urgent" }</button>
        </>
    }
}

#[function_component]
fn AnnounceHost() -> Html {
    html! { <LiveRegionProvider><Announcing /></LiveRegionProvider> }
}

#[wasm_bindgen_test]
async fn an_announcement_lands_in_the_polite_region_and_a_repeat_is_added_again() {
    let (root, handle) = mount::<AnnounceHost>(());
    let say = wait_for("the button", || by_id("say")).await;
    let region = root.query_selector(".live-region-polite").unwrap().unwrap();
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(region.class_list().contains("visually-hidden"));
    assert_eq!(region.text_content().as_deref(), Some(""), "the region is there, empty, from the start");

    say.click();
    let first = wait_for("the words", || {
        region.first_element_child().filter(|p| p.text_content().as_deref() == Some("Showing 42 results"))
    })
    .await;
    say.click();
    wait_for("the region emptied", || (region.child_element_count() == 0).then_some(())).await;
    let second = wait_for("the same words again", || {
        region.first_element_child().filter(|p| p.text_content().as_deref() == Some("Showing 42 results"))
    })
    .await;
    assert!(first != second, "a repeat is a new node, which screen readers read again");
    assert!(!first.is_connected());

    by_id("urgent").unwrap().click();
    let assertive = root.query_selector(".live-region-assertive").unwrap().unwrap();
    assert_eq!(assertive.get_attribute("aria-live").as_deref(), Some("assertive"));
    wait_for("the urgent words", || (assertive.text_content()? == "You are offline").then_some(())).await;
    assert_eq!(
        region.text_content().as_deref(),
        Some("Showing 42 results"),
        "each region keeps its own words"
    );
    handle.destroy();
    root.remove();
}

#[function_component]
fn AlertHost() -> Html {
    let shown = use_state(|| false);
    let onclick = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(true))
    };
    html! {
        <>
            <button id="send" {onclick}>{ "Send" }</button>
            if *shown { <Alert id="sent-alert"><p>{ "We could not send your message." }</p></Alert> }
        </>
    }
}

#[wasm_bindgen_test]
async fn an_alert_appears_with_role_alert_and_leaves_focus_where_it_was() {
    let (root, handle) = mount::<AlertHost>(());
    let send = wait_for("the button", || by_id("send")).await;
    assert!(root.query_selector("[role=alert]").unwrap().is_none(), "nothing to say yet");
    send.focus().unwrap();
    send.click();
    let alert = wait_for("the alert", || by_id("sent-alert")).await;
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(alert.text_content().as_deref(), Some("We could not send your message."));
    assert!(alert.class_list().contains("alert-error"));
    assert_eq!(active_id(), "send");
    handle.destroy();
    root.remove();
}
