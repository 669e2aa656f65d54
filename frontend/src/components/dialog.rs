//! `Dialog`: the WAI-ARIA Authoring Practices modal dialog (and alert dialog). Focus moves into
//! it when it opens (to `initial_focus`, else its first control), Tab and Shift+Tab cycle
//! inside it, Escape closes it (unless it must be answered), and focus goes back to whatever
//! opened it. It is labelled by its heading and marked `aria-modal`; the page behind is covered.

use wasm_bindgen::JsCast as _;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Which of the two APG patterns the dialog follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DialogRole {
    #[default]
    Dialog,
    /// An urgent message that needs an answer (`role="alertdialog"`).
    AlertDialog,
}

#[derive(Debug, Properties, PartialEq)]
pub struct DialogProps {
    /// Unique on the page: the heading's and description's ids derive from it.
    pub id: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub role: DialogRole,
    /// Called on Escape; without it, Escape does nothing (the dialog must be answered).
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
    /// A CSS selector, inside the dialog, of the element to focus first.
    #[prop_or_default]
    pub initial_focus: Option<AttrValue>,
    /// Whether `{id}-desc` describes the dialog (`aria-describedby`).
    #[prop_or_default]
    pub described: bool,
    pub children: Html,
}

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]):not([type='hidden']), \
                         select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The elements Tab reaches inside `root`, in order.
fn focusables(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn active_element() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

#[function_component]
pub fn Dialog(props: &DialogProps) -> Html {
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        let initial = props.initial_focus.clone();
        use_effect_with((), move |()| {
            let opener = active_element().and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(root) = panel.cast::<Element>() {
                let first = initial
                    .and_then(|selector| root.query_selector(&selector).ok().flatten())
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                    .or_else(|| focusables(&root).into_iter().next());
                if let Some(first) = first {
                    let _ = first.focus();
                }
            }
            move || {
                // The opener may be gone (a list row that was removed); then focus stays put.
                if let Some(opener) = opener.filter(|o| o.is_connected()) {
                    let _ = opener.focus();
                }
            }
        });
    }
    let onkeydown = {
        let panel = panel.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Escape" => {
                if let Some(on_close) = &on_close {
                    event.prevent_default();
                    event.stop_propagation();
                    on_close.emit(());
                }
            }
            "Tab" => {
                let Some(root) = panel.cast::<Element>() else { return };
                let items = focusables(&root);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    event.prevent_default();
                    return;
                };
                let active = active_element();
                let at =
                    |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<Element>());
                let inside =
                    active.as_ref().is_some_and(|a| root.contains(Some(a.unchecked_ref::<web_sys::Node>())));
                if event.shift_key() && (at(first) || !inside) {
                    event.prevent_default();
                    let _ = last.focus();
                } else if !event.shift_key() && (at(last) || !inside) {
                    event.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        })
    };
    let role = match props.role {
        DialogRole::Dialog => "dialog",
        DialogRole::AlertDialog => "alertdialog",
    };
    let title_id = format!("{}-title", props.id);
    let described = props.described.then(|| format!("{}-desc", props.id));
    html! {
        <div class="dialog-backdrop">
            <div
                id={props.id.clone()}
                class="dialog"
                {role}
                aria-modal="true"
                aria-labelledby={title_id.clone()}
                aria-describedby={described}
                ref={panel}
                {onkeydown}
            >
                <h2 id={title_id}>{ props.title.clone() }</h2>
                { props.children.clone() }
            </div>
        </div>
    }
}
