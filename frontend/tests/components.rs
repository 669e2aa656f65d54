//! The APG components in a real browser, by keyboard: the modal dialog (focus in, Tab trapped,
//! Escape, focus back to the opener), the error summary taking focus, the password field's
//! show/hide, the one-time-code input, and the recovery codes' "I saved these codes" check.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use frontend::components::{
    Dialog, DialogRole, ErrorSummary, FormError, OneTimeCodeField, PasswordField, RecoveryCodesView,
};
use frontend::i18n::{I18nProvider, Lang};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{active_id, by_id, document, mount, press_keys, wait_for};

/// Presses `key` on the focused element, with Shift held or not.
fn press(key: &str, shift: bool) {
    press_keys(key, shift, false);
}

#[derive(Properties, PartialEq)]
struct DialogHostProps {
    escape: bool,
}

/// An opener button and the dialog it opens, with three controls inside.
#[function_component]
fn DialogHost(props: &DialogHostProps) -> Html {
    let open = use_state(|| false);
    let show = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    html! {
        <I18nProvider initial={Some(Lang::En)}>
            <button id="opener" onclick={show}>{ "Open" }</button>
            if *open {
                <Dialog id="test-dialog" title="Test dialog" role={if props.escape { DialogRole::Dialog } else { DialogRole::AlertDialog }}
                    on_close={props.escape.then_some(close)}>
                    <input id="first" />
                    <button id="middle">{ "Middle" }</button>
                    <button id="last">{ "Last" }</button>
                </Dialog>
            }
        </I18nProvider>
    }
}

#[wasm_bindgen_test]
async fn the_dialog_takes_focus_traps_tab_closes_on_escape_and_returns_focus() {
    let (root, handle) = mount::<DialogHost>(DialogHostProps { escape: true });
    let opener = wait_for("the opener", || by_id("opener")).await;
    opener.focus().unwrap();
    opener.click();

    let dialog = wait_for("the dialog", || by_id("test-dialog")).await;
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("dialog"));
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let label = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(by_id(&label).unwrap().text_content().as_deref(), Some("Test dialog"));
    wait_for("focus on the first control", || (active_id() == "first").then_some(())).await;

    by_id("last").unwrap().focus().unwrap();
    press("Tab", false);
    assert_eq!(active_id(), "first", "Tab on the last control wraps to the first");
    press("Tab", true);
    assert_eq!(active_id(), "last", "Shift+Tab on the first control wraps to the last");

    press("Escape", false);
    wait_for("the dialog to close", || by_id("test-dialog").is_none().then_some(())).await;
    wait_for("focus back on the opener", || (active_id() == "opener").then_some(())).await;
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn an_alert_dialog_without_a_close_action_ignores_escape() {
    let (root, handle) = mount::<DialogHost>(DialogHostProps { escape: false });
    let opener = wait_for("the opener", || by_id("opener")).await;
    opener.focus().unwrap();
    opener.click();
    let dialog = wait_for("the dialog", || by_id("test-dialog")).await;
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("alertdialog"));
    wait_for("focus inside", || (active_id() == "first").then_some(())).await;

    press("Escape", false);
    gloo::timers::future::sleep(Duration::from_millis(50)).await;

    assert!(by_id("test-dialog").is_some(), "the dialog must be answered");
    handle.destroy();
    root.remove();
}

#[derive(Properties, PartialEq)]
struct FormHostProps {
    errors: Vec<FormError>,
}

#[function_component]
fn FormHost(props: &FormHostProps) -> Html {
    let value = use_state(String::new);
    let code = use_state(String::new);
    let error = props.errors.first().map(|e| e.message.clone());
    html! {
        <I18nProvider initial={Some(Lang::En)}>
            <ErrorSummary errors={props.errors.clone()} attempt={1} />
            <PasswordField id="pw" label="Password" value={(*value).clone()} {error}
                oninput={Callback::from(move |v| value.set(v))} />
            <OneTimeCodeField id="otp" label="Code" value={(*code).clone()}
                oninput={Callback::from(move |v| code.set(v))} />
        </I18nProvider>
    }
}

#[wasm_bindgen_test]
async fn the_error_summary_takes_focus_and_links_to_the_field_which_names_its_error() {
    let errors = vec![FormError::field("pw", "Enter your password.".to_owned())];
    let (root, handle) = mount::<FormHost>(FormHostProps { errors });
    let summary = wait_for("the summary", || root.query_selector(".error-summary").unwrap()).await;
    wait_for("focus on the summary", || (document().active_element()? == summary).then_some(())).await;
    let input = by_id("pw").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap();
    assert!(
        described
            .split(' ')
            .any(|id| by_id(id).and_then(|e| e.text_content()).as_deref() == Some("Enter your password."))
    );

    let link: HtmlElement = summary.query_selector("a").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("#pw"));
    link.click();
    assert_eq!(active_id(), "pw");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_password_can_be_shown_and_hidden_and_the_code_field_asks_for_digits() {
    let (root, handle) = mount::<FormHost>(FormHostProps { errors: Vec::new() });
    let input = wait_for("the password", || by_id("pw")).await;
    assert!(root.query_selector(".error-summary").unwrap().is_none());
    assert_eq!(input.get_attribute("type").as_deref(), Some("password"));
    let toggle: HtmlElement = root.query_selector(".show-password").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(toggle.text_content().as_deref(), Some("Show password"));
    assert_eq!(toggle.get_attribute("aria-controls").as_deref(), Some("pw"));

    toggle.click();

    wait_for("the password shown", || (by_id("pw")?.get_attribute("type")? == "text").then_some(())).await;
    assert_eq!(toggle.text_content().as_deref(), Some("Hide password"));

    let code = by_id("otp").unwrap();
    assert_eq!(code.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(code.get_attribute("autocomplete").as_deref(), Some("one-time-code"));
    let label = root.query_selector("label[for='otp']").unwrap().unwrap();
    assert_eq!(label.text_content().as_deref(), Some("Code"));
    handle.destroy();
    root.remove();
}

#[derive(Properties, PartialEq)]
struct CodesHostProps {
    done: Callback<()>,
}

#[function_component]
fn CodesHost(props: &CodesHostProps) -> Html {
    html! {
        <I18nProvider initial={Some(Lang::En)}>
            <RecoveryCodesView codes={vec!["aaaa-bbbb".to_owned(), "cccc-dddd".to_owned()]} on_continue={props.done.clone()} />
        </I18nProvider>
    }
}

#[wasm_bindgen_test]
async fn recovery_codes_need_the_saved_box_ticked_before_going_on() {
    let continued = std::rc::Rc::new(std::cell::Cell::new(false));
    let done = {
        let continued = continued.clone();
        Callback::from(move |()| continued.set(true))
    };
    let (root, handle) = mount::<CodesHost>(CodesHostProps { done });
    let codes = wait_for("the codes", || root.query_selector(".codes").unwrap()).await;
    assert_eq!(codes.query_selector_all("li").unwrap().length(), 2);
    wait_for("focus on the heading", || (active_id() == "recovery-title").then_some(())).await;
    let go_on: HtmlElement =
        root.query_selector(".recovery-codes > button").unwrap().unwrap().dyn_into().unwrap();

    go_on.click();

    wait_for("the summary", || root.query_selector(".error-summary").unwrap()).await;
    assert!(!continued.get());
    let check = by_id("recovery-saved").unwrap();
    assert_eq!(check.get_attribute("aria-invalid").as_deref(), Some("true"));
    check.click();
    wait_for("the box ticked", || {
        by_id("recovery-saved")?.dyn_into::<web_sys::HtmlInputElement>().ok()?.checked().then_some(())
    })
    .await;
    go_on.click();
    wait_for("continued", || continued.get().then_some(())).await;
    handle.destroy();
    root.remove();
}
