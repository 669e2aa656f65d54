//! `RecoveryCodesView`: the recovery codes, shown once, with ways to keep them (copy, download
//! as a text file, print) and a checkbox the person ticks to say they kept them before going on.

use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use super::form::{ErrorSummary, FormError};
use crate::i18n::use_i18n;

#[derive(Debug, Properties, PartialEq)]
pub struct RecoveryCodesViewProps {
    pub codes: Vec<String>,
    pub on_continue: Callback<()>,
}

/// The codes as a text file's lines, with a heading saying what they are.
fn file_text(heading: &str, codes: &[String]) -> String {
    let mut text = format!("{heading}\r\n\r\n");
    for code in codes {
        text.push_str(code);
        text.push_str("\r\n");
    }
    text
}

fn download(name: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

#[function_component]
pub fn RecoveryCodesView(props: &RecoveryCodesViewProps) -> Html {
    let i18n = use_i18n();
    let saved = use_state(|| false);
    let status = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let heading = use_node_ref();
    {
        // The codes replace what was on screen: start reading at their heading.
        let heading = heading.clone();
        use_effect_with((), move |()| {
            if let Some(h2) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h2.focus();
            }
        });
    }
    let text = file_text(&i18n.t("recovery-file-heading"), &props.codes);
    let copy = {
        let (text, status, i18n) = (text.clone(), status.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else { return };
            let promise = window.navigator().clipboard().write_text(&text);
            let (status, i18n) = (status.clone(), i18n.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                status.set(i18n.t(if done { "recovery-copied" } else { "recovery-copy-failed" }));
            });
        })
    };
    let save = {
        let (status, i18n) = (status.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            if download("recovery-codes.txt", &text).is_some() {
                status.set(i18n.t("recovery-downloaded"));
            }
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let toggle = {
        let saved = saved.clone();
        Callback::from(move |_: Event| saved.set(!*saved))
    };
    let go_on = {
        let (saved, errors, attempt, i18n) = (saved.clone(), errors.clone(), attempt.clone(), i18n.clone());
        let on_continue = props.on_continue.clone();
        Callback::from(move |_: MouseEvent| {
            if *saved {
                on_continue.emit(());
            } else {
                errors.set(vec![FormError::field("recovery-saved", i18n.t("recovery-saved-missing"))]);
                attempt.set(*attempt + 1);
            }
        })
    };
    let invalid = !errors.is_empty() && !*saved;
    html! {
        <section class="recovery-codes" aria-labelledby="recovery-title">
            <h2 id="recovery-title" tabindex="-1" ref={heading}>{ i18n.t("recovery-title") }</h2>
            <ErrorSummary errors={if invalid { (*errors).clone() } else { Vec::new() }} attempt={*attempt} />
            <p>{ i18n.t("recovery-intro") }</p>
            <ol class="codes" aria-label={i18n.t("recovery-list")}>
                { for props.codes.iter().map(|code| html! { <li><code>{ code }</code></li> }) }
            </ol>
            <div class="actions">
                <button type="button" class="secondary" onclick={copy}>{ i18n.t("recovery-copy") }</button>
                <button type="button" class="secondary" onclick={save}>{ i18n.t("recovery-download") }</button>
                <button type="button" class="secondary" onclick={print}>{ i18n.t("recovery-print") }</button>
            </div>
            <p class="status-line" role="status">{ (*status).clone() }</p>
            <div class={classes!("field", "checkbox", invalid.then_some("field-invalid"))}>
                if invalid {
                    <p class="field-error" id="recovery-saved-error">{ i18n.t("recovery-saved-missing") }</p>
                }
                <input type="checkbox" id="recovery-saved" checked={*saved} onchange={toggle}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={invalid.then_some("recovery-saved-error")} />
                <label for="recovery-saved">{ i18n.t("recovery-saved") }</label>
            </div>
            <button type="button" onclick={go_on}>{ i18n.t("action-continue") }</button>
        </section>
    }
}
