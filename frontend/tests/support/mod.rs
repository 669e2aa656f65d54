//! What the browser tests of components share: mounting a component, finding elements, waiting
//! for a condition, and pressing or typing as a keyboard would.
#![allow(dead_code, reason = "each test file uses the part of it that it needs")]

use std::time::Duration;

use wasm_bindgen::JsCast as _;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, InputEvent, InputEventInit, KeyboardEvent, KeyboardEventInit,
};
use yew::prelude::*;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits until `found` returns something, checking every 10 ms; fails with `what` after 2 s.
pub async fn wait_for<T>(what: &str, found: impl Fn() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(value) = found() {
            return value;
        }
        gloo::timers::future::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

pub fn active_id() -> String {
    document().active_element().map(|e| e.id()).unwrap_or_default()
}

pub async fn wait_for_focus(id: &str) {
    wait_for(&format!("focus on #{id} (it is on #{})", active_id()), || (active_id() == id).then_some(()))
        .await;
}

/// Presses `key` on the focused element, as a keyboard would (the event bubbles), with Shift
/// or Alt held.
pub fn press_keys(key: &str, shift: bool, alt: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_alt_key(alt);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let target: Element = document().active_element().unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Types `text` into the focused input, replacing what it held, as one input event.
pub fn type_text(text: &str) {
    let input: HtmlInputElement = document().active_element().unwrap().dyn_into().unwrap();
    input.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    init.set_data(Some(text));
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

pub fn mount<C: BaseComponent>(props: C::Properties) -> (Element, yew::AppHandle<C>) {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    (root, handle)
}

pub fn by_id(id: &str) -> Option<HtmlElement> {
    document().get_element_by_id(id).and_then(|e| e.dyn_into().ok())
}

pub fn attr(id: &str, name: &str) -> Option<String> {
    by_id(id)?.get_attribute(name)
}
