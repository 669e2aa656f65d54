//! `Tabs`: panels shown one at a time under a row of tabs (APG Tabs, automatic activation):
//! one tab stop for the row, Left and Right arrows (wrapping), Home and End move to a tab and
//! show its panel at once.

use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::keyboard::{Axis, Move, focus_id, focused_id};

/// One tab and its panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    /// Stable and unique among the tabs: what selection and `on_change` name, and part of the
    /// tab's and panel's ids.
    pub key: AttrValue,
    /// The tab's name, already in the reader's language.
    pub label: AttrValue,
    pub panel: Html,
}

impl Tab {
    pub fn new(key: impl Into<AttrValue>, label: impl Into<AttrValue>, panel: Html) -> Self {
        Self { key: key.into(), label: label.into(), panel }
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct TabsProps {
    /// Unique on the page: the tabs' and panels' ids start with it.
    pub id: AttrValue,
    pub tabs: Vec<Tab>,
    /// The tab list's name (`aria-label`), when no visible heading names it.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The id of a visible heading that names the tab list (`aria-labelledby`); preferred.
    #[prop_or_default]
    pub labelled_by: Option<AttrValue>,
    /// The selected tab's key, when the page keeps the selection (controlled); the page must
    /// then follow `on_change`.
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    /// The tab selected at first when the component keeps the selection itself; else the first.
    #[prop_or_default]
    pub default_selected: Option<AttrValue>,
    /// Told the key of each newly selected tab.
    #[prop_or_default]
    pub on_change: Option<Callback<AttrValue>>,
    /// Keep hidden panels' content mounted (their state survives a switch); by default only
    /// the selected panel's content is built, so hidden panels fetch nothing.
    #[prop_or_default]
    pub keep_mounted: bool,
}

fn tab_id(id: &str, key: &str) -> String {
    format!("{id}-{key}-tab")
}

fn panel_id(id: &str, key: &str) -> String {
    format!("{id}-{key}-panel")
}

#[function_component]
pub fn Tabs(props: &TabsProps) -> Html {
    let own_choice = use_state(|| props.default_selected.clone());
    let known = |key: &AttrValue| props.tabs.iter().any(|tab| &tab.key == key);
    let selected: Option<AttrValue> = props
        .selected
        .clone()
        .filter(known)
        .or_else(|| (*own_choice).clone().filter(known))
        .or_else(|| props.tabs.first().map(|tab| tab.key.clone()));

    let select = {
        let (own_choice, on_change, selected) =
            (own_choice.clone(), props.on_change.clone(), selected.clone());
        Callback::from(move |key: AttrValue| {
            if selected.as_ref() == Some(&key) {
                return;
            }
            own_choice.set(Some(key.clone()));
            if let Some(on_change) = &on_change {
                on_change.emit(key);
            }
        })
    };
    let onkeydown = {
        let (id, keys) = (props.id.clone(), props.tabs.iter().map(|tab| tab.key.clone()).collect::<Vec<_>>());
        let (select, selected) = (select.clone(), selected.clone());
        Callback::from(move |event: KeyboardEvent| {
            let Some(step) = Move::from_key(&event.key(), Axis::Horizontal) else { return };
            // Start from the focused tab, which a controlled list may not have selected yet.
            let focused = focused_id();
            let current = keys
                .iter()
                .position(|key| focused.as_deref() == Some(tab_id(&id, key).as_str()))
                .or_else(|| keys.iter().position(|key| Some(key) == selected.as_ref()));
            let Some(next) = step.apply(current, keys.len(), true) else { return };
            event.prevent_default();
            focus_id(&tab_id(&id, &keys[next]));
            select.emit(keys[next].clone());
        })
    };

    let id = props.id.as_str();
    html! {
        <div class="tabs">
            <div
                class="tab-list"
                role="tablist"
                aria-label={props.label.clone()}
                aria-labelledby={props.labelled_by.clone()}
                {onkeydown}
            >
                { for props.tabs.iter().map(|tab| {
                    let is_selected = selected.as_ref() == Some(&tab.key);
                    let onclick = {
                        let (select, key) = (select.clone(), tab.key.clone());
                        Callback::from(move |_: MouseEvent| select.emit(key.clone()))
                    };
                    html! {
                        <button
                            key={tab.key.as_str()}
                            type="button"
                            class="tab"
                            role="tab"
                            id={tab_id(id, &tab.key)}
                            aria-selected={if is_selected { "true" } else { "false" }}
                            aria-controls={panel_id(id, &tab.key)}
                            tabindex={if is_selected { "0" } else { "-1" }}
                            {onclick}
                        >
                            { tab.label.clone() }
                        </button>
                    }
                }) }
            </div>
            { for props.tabs.iter().map(|tab| {
                let is_selected = selected.as_ref() == Some(&tab.key);
                html! {
                    <div
                        key={tab.key.as_str()}
                        class="tab-panel"
                        role="tabpanel"
                        id={panel_id(id, &tab.key)}
                        aria-labelledby={tab_id(id, &tab.key)}
                        tabindex="0"
                        hidden={!is_selected}
                    >
                        if is_selected || props.keep_mounted { { tab.panel.clone() } }
                    </div>
                }
            }) }
        </div>
    }
}
