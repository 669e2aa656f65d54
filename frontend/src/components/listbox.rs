//! `Listbox` (APG Listbox, single select: one tab stop, Up and Down, Home and End, type-ahead,
//! selection follows focus) and `Combobox` (APG editable Combobox with list autocomplete: a
//! text input whose suggestions, chosen by the page, pop up in a listbox beneath it).

use web_sys::{FocusEvent, KeyboardEvent, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use super::form::input_value;
use super::keyboard::{Axis, Move, TypeAhead, find_by_prefix, now_ms, typed_char};
use crate::i18n::use_i18n;

/// One option of a listbox: the value the page knows it by and the words the reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOption {
    pub value: AttrValue,
    pub label: AttrValue,
}

impl ListOption {
    pub fn new(value: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Self {
        Self { value: value.into(), label: label.into() }
    }
}

fn option_id(id: &str, index: usize) -> String {
    format!("{id}-option-{index}")
}

/// Scrolls the option with `id` into its list's view, as little as needed.
fn reveal(id: &str) {
    let element = gloo::utils::document().get_element_by_id(id);
    if let Some(element) = element {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ListboxProps {
    /// Unique on the page: the list's id; its options are `{id}-option-{n}`.
    pub id: AttrValue,
    pub options: Vec<ListOption>,
    /// The id of the visible label naming the list (`aria-labelledby`); preferred.
    #[prop_or_default]
    pub labelled_by: Option<AttrValue>,
    /// The list's name (`aria-label`), when nothing visible names it.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The selected option's value, when the page keeps the selection (controlled).
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    /// The option selected at first when the component keeps the selection itself.
    #[prop_or_default]
    pub default_selected: Option<AttrValue>,
    /// Told each newly selected option (selection follows the keyboard's focus).
    #[prop_or_default]
    pub on_change: Option<Callback<ListOption>>,
}

/// A list of options to choose one from. Focus stays on the list itself; the option in focus
/// is named by `aria-activedescendant` and is the selected one.
#[function_component]
pub fn Listbox(props: &ListboxProps) -> Html {
    let own_choice = use_state(|| props.default_selected.clone());
    let typed = use_mut_ref(TypeAhead::default);
    let chosen = props.selected.clone().or_else(|| (*own_choice).clone());
    let selected = chosen.and_then(|value| props.options.iter().position(|o| o.value == value));
    let id = props.id.clone();
    {
        let id = id.clone();
        use_effect_with(selected, move |selected| {
            if let Some(index) = selected {
                reveal(&option_id(&id, *index));
            }
        });
    }
    let select = {
        let (own_choice, on_change, options) =
            (own_choice.clone(), props.on_change.clone(), props.options.clone());
        Callback::from(move |index: usize| {
            let Some(option) = options.get(index) else { return };
            if selected == Some(index) {
                return;
            }
            own_choice.set(Some(option.value.clone()));
            if let Some(on_change) = &on_change {
                on_change.emit(option.clone());
            }
        })
    };
    let onkeydown = {
        let (select, labels) =
            (select.clone(), props.options.iter().map(|o| o.label.clone()).collect::<Vec<_>>());
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            if let Some(step) = Move::from_key(&key, Axis::Vertical) {
                event.prevent_default();
                if let Some(next) = step.apply(selected, labels.len(), false) {
                    select.emit(next);
                }
            } else if let Some(ch) = typed_char(&key, event.ctrl_key(), event.alt_key(), event.meta_key()) {
                event.prevent_default();
                let mut typed = typed.borrow_mut();
                if let Some(next) = find_by_prefix(&labels, selected, typed.push(ch, now_ms())) {
                    select.emit(next);
                }
            }
        })
    };
    // With nothing chosen yet, arriving on the list chooses the first option (APG).
    let onfocus = {
        let select = select.clone();
        Callback::from(move |_: FocusEvent| {
            if selected.is_none() {
                select.emit(0);
            }
        })
    };
    html! {
        <ul
            class="listbox"
            role="listbox"
            id={id.clone()}
            tabindex="0"
            aria-label={props.label.clone()}
            aria-labelledby={props.labelled_by.clone()}
            aria-activedescendant={selected.map(|index| option_id(&id, index))}
            {onkeydown}
            {onfocus}
        >
            { for props.options.iter().enumerate().map(|(index, option)| {
                let is_selected = selected == Some(index);
                let onclick = select.reform(move |_: MouseEvent| index);
                html! {
                    <li
                        role="option"
                        id={option_id(&id, index)}
                        class="listbox-option"
                        aria-selected={if is_selected { "true" } else { "false" }}
                        {onclick}
                    >
                        { option.label.clone() }
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ComboboxProps {
    /// Unique on the page: the input's id; the list is `{id}-listbox`, its options
    /// `{id}-option-{n}`.
    pub id: AttrValue,
    /// The field's label, already in the reader's language.
    pub label: AttrValue,
    /// What the input holds (controlled): the page follows `on_input`, and usually sets it to
    /// the chosen option's label on `on_select`.
    pub value: AttrValue,
    /// The suggestions to show for `value`, already filtered by the page (from the server or a
    /// local list).
    pub options: Vec<ListOption>,
    /// Told the text after each change by the reader (and `""` when a second Escape clears it).
    pub on_input: Callback<String>,
    /// Told the option the reader chose (Enter on the active option, or a click).
    pub on_select: Callback<ListOption>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// A text input with suggestions. Focus stays in the input; Up and Down move through the
/// suggestions (opening the list, wrapping), named by `aria-activedescendant`; Enter takes the
/// active one; Escape closes the list, and a second Escape empties the input; Alt+Down opens
/// the list without moving. How many suggestions there are is said politely.
#[function_component]
pub fn Combobox(props: &ComboboxProps) -> Html {
    let i18n = use_i18n();
    let open = use_state_eq(|| false);
    let active = use_state_eq(|| None::<usize>);
    let len = props.options.len();
    // The page may have replaced the options since: a stale position names nothing.
    let active_index = (*active).filter(|&index| index < len);
    let expanded = *open && len > 0;
    let id = props.id.clone();
    let listbox_id = format!("{id}-listbox");
    let label_id = format!("{id}-label");
    {
        let id = id.clone();
        use_effect_with(active_index.filter(|_| expanded), move |active| {
            if let Some(index) = active {
                reveal(&option_id(&id, *index));
            }
        });
    }

    let choose = {
        let (open, active, on_select, options) =
            (open.clone(), active.clone(), props.on_select.clone(), props.options.clone());
        Callback::from(move |index: usize| {
            if let Some(option) = options.get(index) {
                on_select.emit(option.clone());
            }
            open.set(false);
            active.set(None);
        })
    };
    let oninput = {
        let (open, active, on_input) = (open.clone(), active.clone(), props.on_input.clone());
        Callback::from(move |event: InputEvent| {
            on_input.emit(input_value(&event));
            open.set(true);
            active.set(None);
        })
    };
    let onkeydown = {
        let (open, active, choose, on_input) =
            (open.clone(), active.clone(), choose.clone(), props.on_input.clone());
        let has_text = !props.value.is_empty();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "ArrowDown" | "ArrowUp" => {
                event.prevent_default();
                let down = event.key() == "ArrowDown";
                if event.alt_key() {
                    // Alt+Down shows the list as it is; Alt+Up puts it away.
                    open.set(down);
                    return;
                }
                let step = if down { Move::Next } else { Move::Previous };
                // From a closed list, Down lands on the first suggestion and Up on the last.
                let from = if *open { active_index } else { None };
                open.set(true);
                active.set(step.apply(from, len, true));
            }
            "Enter" => {
                // Without an active suggestion, Enter is the form's (it may send it).
                if let (true, Some(index)) = (expanded, active_index) {
                    event.prevent_default();
                    choose.emit(index);
                }
            }
            "Escape" => {
                if *open {
                    event.prevent_default();
                    open.set(false);
                    active.set(None);
                } else if has_text {
                    event.prevent_default();
                    on_input.emit(String::new());
                }
            }
            // The caret moves in the text again, so no suggestion is active any more.
            "ArrowLeft" | "ArrowRight" | "Home" | "End" => active.set(None),
            _ => {}
        })
    };
    let onblur = {
        let (open, active) = (open.clone(), active.clone());
        Callback::from(move |_: FocusEvent| {
            open.set(false);
            active.set(None);
        })
    };

    let described_by: Vec<String> = [
        props.hint.as_ref().map(|_| format!("{id}-hint")),
        props.error.as_ref().map(|_| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let status = (*open && !props.value.is_empty()).then(|| match len {
        0 => i18n.t("kit-combobox-none"),
        count => i18n.t_count("kit-combobox-count", &[("count", i64::try_from(count).unwrap_or(i64::MAX))]),
    });
    html! {
        <div class={classes!("field", "combobox", props.error.is_some().then_some("field-invalid"))}>
            <label id={label_id.clone()} for={id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p> }
            if let Some(error) = &props.error {
                <p class="field-error" id={format!("{id}-error")}>{ error.clone() }</p>
            }
            <div class="combobox-box">
                <input
                    id={id.clone()}
                    name={id.clone()}
                    type="text"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-expanded={if expanded { "true" } else { "false" }}
                    aria-controls={listbox_id.clone()}
                    aria-activedescendant={active_index.filter(|_| expanded).map(|index| option_id(&id, index))}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={(!described_by.is_empty()).then(|| described_by.join(" "))}
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="none"
                    value={props.value.clone()}
                    {oninput}
                    {onkeydown}
                    {onblur}
                />
                <ul class="listbox combobox-list" role="listbox" id={listbox_id} aria-labelledby={label_id} hidden={!expanded}>
                    { for props.options.iter().enumerate().map(|(index, option)| {
                        let is_active = active_index == Some(index);
                        // Pressing an option must not take focus from the input (which would close the list).
                        let onmousedown = Callback::from(|event: MouseEvent| event.prevent_default());
                        let onclick = choose.reform(move |_: MouseEvent| index);
                        html! {
                            <li
                                role="option"
                                id={option_id(&id, index)}
                                class="listbox-option"
                                aria-selected={if is_active { "true" } else { "false" }}
                                {onmousedown}
                                {onclick}
                            >
                                { option.label.clone() }
                            </li>
                        }
                    }) }
                </ul>
            </div>
            <p class="visually-hidden combobox-status" role="status">{ status }</p>
        </div>
    }
}
