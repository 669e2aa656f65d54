//! `TestSearch`: the words to look for in a test's name, in a search form of its own. The field
//! is an APG combobox that suggests the names of tests already in the list as the person types;
//! choosing one, pressing Enter or the search button looks for it, and one press clears it.

use yew::prelude::*;

use super::{Combobox, ListOption};
use crate::i18n::use_i18n;

/// Suggestions shown at most.
const MAX_SUGGESTIONS: usize = 8;

#[derive(Debug, Properties, PartialEq)]
pub struct TestSearchProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The words the list is filtered by now.
    pub value: String,
    /// Test names to suggest from.
    #[prop_or_default]
    pub names: Vec<String>,
    pub on_search: Callback<String>,
}

/// Lower case without accents, so "glucosa" finds "Glucosa" and "hemoglobina" finds "Hemoglobína".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            other => other,
        })
        .collect()
}

/// The names that contain every word typed, those starting with it first, without repeats.
pub fn suggestions(names: &[String], typed: &str) -> Vec<String> {
    let words: Vec<String> = fold(typed).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, String)> = Vec::new();
    for name in names {
        let folded = fold(name);
        if words.iter().all(|w| folded.contains(w.as_str())) && !found.iter().any(|(_, n)| n == name) {
            found.push((!folded.starts_with(words[0].as_str()), name.clone()));
        }
    }
    found.sort();
    found.into_iter().take(MAX_SUGGESTIONS).map(|(_, name)| name).collect()
}

#[function_component]
pub fn TestSearch(props: &TestSearchProps) -> Html {
    let i18n = use_i18n();
    let typed = use_state(|| props.value.clone());
    let options: Vec<ListOption> = suggestions(&props.names, &typed)
        .into_iter()
        .map(|name| ListOption::new(name.clone(), name))
        .collect();
    let on_input = {
        let (typed, on_search) = (typed.clone(), props.on_search.clone());
        let searching = !props.value.is_empty();
        Callback::from(move |text: String| {
            // A second Escape empties the field: the list shows everything again.
            if text.is_empty() && searching {
                on_search.emit(String::new());
            }
            typed.set(text);
        })
    };
    let on_select = {
        let (typed, on_search) = (typed.clone(), props.on_search.clone());
        Callback::from(move |option: ListOption| {
            typed.set(option.value.to_string());
            on_search.emit(option.value.to_string());
        })
    };
    let onsubmit = {
        let (typed, on_search) = (typed.clone(), props.on_search.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_search.emit((*typed).clone());
        })
    };
    let clear = {
        let (typed, on_search, id) = (typed.clone(), props.on_search.clone(), props.id.clone());
        Callback::from(move |_: MouseEvent| {
            typed.set(String::new());
            on_search.emit(String::new());
            let input = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&id))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(input) = input {
                let _ = input.focus();
            }
        })
    };
    html! {
        <form class="test-search" role="search" aria-label={props.label.clone()} {onsubmit}>
            <Combobox id={props.id.clone()} label={props.label.clone()} value={(*typed).clone()} {options} {on_input} {on_select} />
            <div class="actions">
                <button type="submit">{ i18n.t("results-search-button") }</button>
                if !props.value.is_empty() {
                    <button type="button" class="secondary" onclick={clear}>{ i18n.t("results-search-clear") }</button>
                }
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn suggestions_hold_every_word_typed_and_put_those_starting_with_it_first() {
        let all = names(&["Hemoglobin A1c", "Glucose in Blood", "Blood pressure", "Glucose in Blood"]);
        assert_eq!(suggestions(&all, "blood"), names(&["Blood pressure", "Glucose in Blood"]));
        assert_eq!(suggestions(&all, "glu blo"), names(&["Glucose in Blood"]));
        assert!(suggestions(&all, "  ").is_empty());
        assert!(suggestions(&all, "sodium").is_empty());
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let all = names(&["Hemoglobína glicosilada", "Glucosa"]);
        assert_eq!(suggestions(&all, "HEMOGLOBINA"), names(&["Hemoglobína glicosilada"]));
        assert_eq!(fold("Ñandú ÁRBOL"), "ñandu arbol");
    }
}
