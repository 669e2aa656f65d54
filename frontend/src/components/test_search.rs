//! `TestSearch`: the words to look for in a test's name, sent when the person presses Enter or
//! the search button, and cleared with one press.

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::use_i18n;

#[derive(Debug, Properties, PartialEq)]
pub struct TestSearchProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The words the list is filtered by now.
    pub value: String,
    pub on_search: Callback<String>,
}

#[function_component]
pub fn TestSearch(props: &TestSearchProps) -> Html {
    let i18n = use_i18n();
    let typed = use_state(|| props.value.clone());
    let input = use_node_ref();
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onkeydown = {
        let (typed, on_search) = (typed.clone(), props.on_search.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                on_search.emit((*typed).clone());
            }
        })
    };
    let search = {
        let (typed, on_search) = (typed.clone(), props.on_search.clone());
        Callback::from(move |_: MouseEvent| on_search.emit((*typed).clone()))
    };
    let clear = {
        let (typed, on_search, input) = (typed.clone(), props.on_search.clone(), input.clone());
        Callback::from(move |_: MouseEvent| {
            typed.set(String::new());
            on_search.emit(String::new());
            if let Some(input) = input.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        })
    };
    html! {
        <div class="field search-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="search-row">
                <input type="search" id={props.id.clone()} value={(*typed).clone()} ref={input} {oninput} {onkeydown} autocomplete="off" />
                <button type="button" onclick={search}>{ i18n.t("results-search-button") }</button>
                if !props.value.is_empty() {
                    <button type="button" class="secondary" onclick={clear}>{ i18n.t("results-search-clear") }</button>
                }
            </div>
        </div>
    }
}
