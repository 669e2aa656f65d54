//! `ReauthDialog`: "confirm it is you" before a sensitive change, when the server answers 403
//! because the last re-authentication is not fresh. Password (and a code, with two-step
//! sign-in); on success it hands the password on, as turning two-step sign-in off needs it.

use yew::prelude::*;

use super::form::{ErrorSummary, FormError, OneTimeCodeField, PasswordField, error_for};
use super::{Dialog, problem_words};
use crate::api;
use crate::i18n::use_i18n;

#[derive(Debug, Properties, PartialEq)]
pub struct ReauthDialogProps {
    /// Whether to ask for a code too.
    pub two_step: bool,
    pub on_done: Callback<String>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn ReauthDialog(props: &ReauthDialogProps) -> Html {
    let i18n = use_i18n();
    let password = use_state(String::new);
    let code = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let busy = use_state(|| false);
    let onsubmit = {
        let (password, code, errors, attempt, busy) =
            (password.clone(), code.clone(), errors.clone(), attempt.clone(), busy.clone());
        let (i18n, two_step, on_done) = (i18n.clone(), props.two_step, props.on_done.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let mut found = Vec::new();
            if password.is_empty() {
                found.push(FormError::field("reauth-password", i18n.t("error-password-missing")));
            }
            if two_step && code.trim().is_empty() {
                found.push(FormError::field("reauth-code", i18n.t("error-code-missing")));
            }
            if !found.is_empty() {
                errors.set(found);
                attempt.set(*attempt + 1);
                return;
            }
            busy.set(true);
            let (pw, c) = ((*password).clone(), (*code).clone());
            let (errors, attempt, busy, i18n, on_done) =
                (errors.clone(), attempt.clone(), busy.clone(), i18n.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::reauth(&pw, two_step.then_some(c.trim())).await;
                busy.set(false);
                match result {
                    Ok(_) => on_done.emit(pw),
                    Err(error) => {
                        let words = if error.status() == Some(401) {
                            i18n.t("reauth-wrong")
                        } else {
                            problem_words(&i18n, &error)
                        };
                        errors.set(vec![FormError::form(words)]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <Dialog id="reauth" title={i18n.t("reauth-title")} on_close={props.on_cancel.clone()} described=true
            initial_focus="#reauth-password">
            <p id="reauth-desc">{ i18n.t("reauth-intro") }</p>
            <form novalidate=true {onsubmit}>
                <ErrorSummary id="reauth-errors" errors={(*errors).clone()} attempt={*attempt} />
                <PasswordField id="reauth-password" label={i18n.t("field-password")} value={(*password).clone()}
                    error={error_for(&errors, "reauth-password")}
                    oninput={Callback::from(move |v| password.set(v))} />
                if props.two_step {
                    <OneTimeCodeField id="reauth-code" label={i18n.t("field-code")} value={(*code).clone()}
                        hint={i18n.t("reauth-code-hint")} recovery=true
                        error={error_for(&errors, "reauth-code")}
                        oninput={Callback::from(move |v| code.set(v))} />
                }
                <div class="actions">
                    <button type="submit" aria-disabled={busy.then_some("true")}>{ i18n.t("action-confirm") }</button>
                    <button type="button" class="secondary" onclick={cancel}>{ i18n.t("action-cancel") }</button>
                </div>
            </form>
        </Dialog>
    }
}
