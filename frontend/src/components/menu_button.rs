//! `MenuButton`: a button that opens a menu of actions, links or one-of-several choices (APG
//! Menu Button with a `role="menu"`): Enter, Space or Down open it on the first item, Up on the
//! last; in it Up and Down wrap, Home and End, a letter jumps to the next item starting with it,
//! Escape closes it and returns to the button, Tab closes it; a click outside closes it too.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast as _;
use web_sys::{Element, FocusEvent, KeyboardEvent, Node};
use yew::prelude::*;
use yew_router::prelude::*;

use super::keyboard::{Axis, Move, find_by_prefix, focus_id, focused_id, typed_char};
use crate::route::Route;

/// What choosing a menu item does.
#[derive(Debug, Clone, PartialEq)]
pub enum MenuAction {
    /// Runs the callback (`role="menuitem"`).
    Action(Callback<()>),
    /// Opens another of the portal's pages without reloading the app (`role="menuitem"` link).
    Route(Route),
    /// Follows a link (`role="menuitem"` link); with `download`, saves the file under that name
    /// and stays on the page.
    Link { href: AttrValue, download: Option<AttrValue> },
    /// One choice of several (`role="menuitemradio"` with `aria-checked`), such as whose
    /// record is shown; `on_select` runs when it is chosen.
    Radio { checked: bool, on_select: Callback<()> },
}

/// One item of a [`MenuButton`]'s menu.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuItem {
    /// The item's words, already in the reader's language.
    pub label: AttrValue,
    pub action: MenuAction,
}

impl MenuItem {
    pub fn action(label: impl Into<AttrValue>, on_activate: Callback<()>) -> Self {
        Self { label: label.into(), action: MenuAction::Action(on_activate) }
    }

    pub fn route(label: impl Into<AttrValue>, route: Route) -> Self {
        Self { label: label.into(), action: MenuAction::Route(route) }
    }

    pub fn link(label: impl Into<AttrValue>, href: impl Into<AttrValue>) -> Self {
        Self { label: label.into(), action: MenuAction::Link { href: href.into(), download: None } }
    }

    pub fn download(
        label: impl Into<AttrValue>,
        href: impl Into<AttrValue>,
        file_name: impl Into<AttrValue>,
    ) -> Self {
        Self {
            label: label.into(),
            action: MenuAction::Link { href: href.into(), download: Some(file_name.into()) },
        }
    }

    pub fn radio(label: impl Into<AttrValue>, checked: bool, on_select: Callback<()>) -> Self {
        Self { label: label.into(), action: MenuAction::Radio { checked, on_select } }
    }
}

/// Which edge of the button the menu lines up with: the end for a button near the right of
/// the screen, so the menu opens towards the middle instead of off the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MenuAlign {
    #[default]
    Start,
    End,
}

#[derive(Debug, Properties, PartialEq)]
pub struct MenuButtonProps {
    /// Unique on the page: the button's id; the menu is `{id}-menu`, its items `{id}-item-{n}`.
    pub id: AttrValue,
    /// The button's words (which also name the menu), already in the reader's language.
    pub label: AttrValue,
    pub items: Vec<MenuItem>,
    /// Extra classes for the button, such as `secondary`.
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub align: MenuAlign,
}

fn item_id(id: &str, index: usize) -> String {
    format!("{id}-item-{index}")
}

/// Where focus goes once the menu has been drawn open.
#[derive(Debug, Clone, Copy)]
enum FocusAfterOpen {
    Item(usize),
}

/// Whether `target` is inside `root`.
fn inside(root: &NodeRef, target: Option<&web_sys::EventTarget>) -> bool {
    let (Some(root), Some(node)) = (root.cast::<Element>(), target.and_then(|t| t.dyn_ref::<Node>())) else {
        return false;
    };
    root.contains(Some(node))
}

#[function_component]
pub fn MenuButton(props: &MenuButtonProps) -> Html {
    // Not `use_state_eq`: opening an open menu again must still draw, to focus its item.
    let open = use_state(|| false);
    let container = use_node_ref();
    let focus_after_open = use_mut_ref(|| None::<FocusAfterOpen>);
    let navigator = use_navigator();

    // Items can be focused only once the menu is no longer hidden, which is after a render that
    // drew it open. A busy browser may run a closed render's effects late, after the next
    // opening key was pressed: such an effect must leave the pending focus to the open render.
    {
        let focus_after_open = focus_after_open.clone();
        let (id, drawn_open) = (props.id.clone(), *open);
        use_effect(move || {
            if drawn_open && let Some(FocusAfterOpen::Item(index)) = focus_after_open.borrow_mut().take() {
                focus_id(&item_id(&id, index));
            }
        });
    }
    // A press anywhere outside closes the menu (focus stays where the press put it).
    {
        let (open, container) = (open.clone(), container.clone());
        use_effect_with(*open, move |&is_open| {
            let listener = is_open.then(|| {
                let document = gloo::utils::document();
                EventListener::new(&document, "pointerdown", move |event| {
                    if !inside(&container, event.target().as_ref()) {
                        open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let len = props.items.len();
    let open_at = {
        let (open, focus_after_open) = (open.clone(), focus_after_open.clone());
        Rc::new(move |step: Move| {
            if let Some(index) = step.apply(None, len, false) {
                *focus_after_open.borrow_mut() = Some(FocusAfterOpen::Item(index));
            }
            open.set(true);
        })
    };
    let close: Close = {
        let (open, id) = (open.clone(), props.id.clone());
        Rc::new(move |return_focus: bool| {
            open.set(false);
            if return_focus {
                focus_id(&id);
            }
        })
    };

    let button_click = {
        let (open, open_at, close) = (open.clone(), open_at.clone(), close.clone());
        Callback::from(move |_: MouseEvent| if *open { close(false) } else { open_at(Move::First) })
    };
    let button_keydown = {
        let open_at = open_at.clone();
        Callback::from(move |event: KeyboardEvent| {
            let step = match event.key().as_str() {
                "Enter" | " " | "ArrowDown" => Move::First,
                "ArrowUp" => Move::Last,
                _ => return,
            };
            // Stops Enter and Space from also clicking the button, which would close it again.
            event.prevent_default();
            open_at(step);
        })
    };

    // Choosing an action or a radio item: run it, close, and go back to the button.
    let choose: Choose = {
        let close = close.clone();
        Rc::new(move |action: &MenuAction| {
            match action {
                MenuAction::Action(callback) | MenuAction::Radio { on_select: callback, .. } => {
                    callback.emit(());
                }
                MenuAction::Route(_) | MenuAction::Link { .. } => return,
            }
            close(true);
        })
    };

    let menu_keydown = {
        let (id, close, choose) = (props.id.clone(), close.clone(), choose.clone());
        let items = props.items.clone();
        Callback::from(move |event: KeyboardEvent| {
            let focused = focused_id();
            let current =
                (0..items.len()).find(|&index| focused.as_deref() == Some(item_id(&id, index).as_str()));
            let key = event.key();
            if let Some(step) = Move::from_key(&key, Axis::Vertical) {
                event.prevent_default();
                if let Some(next) = step.apply(current, items.len(), true) {
                    focus_id(&item_id(&id, next));
                }
                return;
            }
            match key.as_str() {
                "Escape" => {
                    event.prevent_default();
                    close(true);
                }
                // Focus goes to the button first, so the browser's own Tab carries on from
                // there to the next control rather than from inside a hidden menu.
                "Tab" => close(true),
                "Enter" | " " => {
                    let Some(index) = current else { return };
                    match &items[index].action {
                        // Enter follows a link by itself; Space does not, so it clicks.
                        MenuAction::Route(_) | MenuAction::Link { .. } => {
                            if key == " " {
                                event.prevent_default();
                                click_id(&item_id(&id, index));
                            }
                        }
                        action => {
                            event.prevent_default();
                            choose(action);
                        }
                    }
                }
                _ => {
                    let Some(ch) = typed_char(&key, event.ctrl_key(), event.alt_key(), event.meta_key())
                    else {
                        return;
                    };
                    event.prevent_default();
                    let labels: Vec<&str> = items.iter().map(|item| item.label.as_str()).collect();
                    if let Some(next) = find_by_prefix(&labels, current, &ch.to_string()) {
                        focus_id(&item_id(&id, next));
                    }
                }
            }
        })
    };
    // Focus moving to something else on the page (a screen reader's cursor, say) closes it.
    let onfocusout = {
        let (open, container) = (open.clone(), container.clone());
        Callback::from(move |event: FocusEvent| {
            let to = event.related_target();
            // Without a new target (Safari does not focus a clicked button) the press outside
            // is left to the pointer listener.
            if to.is_some() && !inside(&container, to.as_ref()) {
                open.set(false);
            }
        })
    };

    let id = props.id.as_str();
    let menu_id = format!("{id}-menu");
    html! {
        <div class="menu-button" ref={container} {onfocusout}>
            <button
                type="button"
                id={props.id.clone()}
                class={classes!("menu-button-trigger", props.class.clone())}
                aria-haspopup="menu"
                aria-expanded={if *open { "true" } else { "false" }}
                aria-controls={menu_id.clone()}
                onclick={button_click}
                onkeydown={button_keydown}
            >
                { props.label.clone() }
                <span class="menu-button-icon" aria-hidden="true"></span>
            </button>
            <ul class={classes!("menu", (props.align == MenuAlign::End).then_some("menu-end"))} role="menu" id={menu_id} aria-labelledby={props.id.clone()} hidden={!*open} onkeydown={menu_keydown}>
                { for props.items.iter().enumerate().map(|(index, item)| {
                    menu_item(id, index, item, &choose, &close, navigator.as_ref())
                }) }
            </ul>
        </div>
    }
}

fn click_id(id: &str) {
    let element =
        gloo::utils::document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        element.click();
    }
}

type Choose = Rc<dyn Fn(&MenuAction)>;
type Close = Rc<dyn Fn(bool)>;

fn menu_item(
    id: &str,
    index: usize,
    item: &MenuItem,
    choose: &Choose,
    close: &Close,
    navigator: Option<&Navigator>,
) -> Html {
    let item_id = item_id(id, index);
    match &item.action {
        MenuAction::Action(_) | MenuAction::Radio { .. } => {
            let onclick = {
                let (choose, action) = (choose.clone(), item.action.clone());
                Callback::from(move |_: MouseEvent| choose(&action))
            };
            let checked = match &item.action {
                MenuAction::Radio { checked, .. } => Some(if *checked { "true" } else { "false" }),
                _ => None,
            };
            let role = if checked.is_some() { "menuitemradio" } else { "menuitem" };
            html! {
                <li {role} id={item_id} class="menu-item" tabindex="-1" aria-checked={checked} {onclick}>
                    { item.label.clone() }
                </li>
            }
        }
        MenuAction::Route(route) => {
            let onclick = {
                let (close, route, navigator) = (close.clone(), route.clone(), navigator.cloned());
                Callback::from(move |event: MouseEvent| {
                    // A new tab or window is the browser's to open; the menu just closes.
                    let modified =
                        event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
                    if let (false, Some(navigator)) = (modified, &navigator) {
                        event.prevent_default();
                        navigator.push(&route);
                    }
                    // The new page moves focus to its own heading.
                    close(false);
                })
            };
            html! {
                <li role="none">
                    <a role="menuitem" id={item_id} class="menu-item" href={route.to_path()} tabindex="-1" {onclick}>
                        { item.label.clone() }
                    </a>
                </li>
            }
        }
        MenuAction::Link { href, download } => {
            let stays = download.is_some();
            let onclick = {
                let close = close.clone();
                // A download leaves the page where it is, so focus goes back to the button.
                Callback::from(move |_: MouseEvent| close(stays))
            };
            html! {
                <li role="none">
                    <a role="menuitem" id={item_id} class="menu-item" href={href.clone()} download={download.clone()} tabindex="-1" {onclick}>
                        { item.label.clone() }
                    </a>
                </li>
            }
        }
    }
}
