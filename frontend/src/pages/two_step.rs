//! Setting up two-step sign-in: scan the QR code (or type the key), confirm with a code from
//! the app, then keep the recovery codes. Staff and new patients come here while signing in;
//! signed-in patients from the account page (after confirming it is them).

use std::rc::Rc;

use shared::auth::TotpSetup;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::form::error_for;
use crate::components::{
    ErrorSummary, FormError, Loading, OneTimeCodeField, Page, Problem, ReauthDialog, RecoveryCodesView,
    problem_words,
};
use crate::hooks::use_session;
use crate::i18n::use_i18n;
use crate::route::Route;

/// Where the set-up stands.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Starting,
    /// The server wants a fresh "confirm it is you" first.
    NeedsReauth,
    Failed(ApiError),
    Scan(Rc<TotpSetup>),
    Codes(Rc<Vec<String>>),
}

/// The key with a space between groups, so it is read (and typed) a few letters at a time.
pub fn key_groups(key: &str) -> String {
    let plain: Vec<char> = key.chars().filter(char::is_ascii_alphanumeric).collect();
    plain.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

#[function_component]
pub fn SetUpTwoStepPage() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator().expect("inside the router");
    let step = use_state(|| Step::Starting);
    let attempt = use_state(|| 0_u32);
    let code = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let tries = use_state(|| 0_u32);
    let busy = use_state(|| false);
    {
        let step = step.clone();
        use_effect_with(*attempt, move |_| {
            step.set(Step::Starting);
            wasm_bindgen_futures::spawn_local(async move {
                step.set(match api::start_totp().await {
                    Ok(setup) => Step::Scan(Rc::new(setup)),
                    Err(error) if error.status() == Some(403) => Step::NeedsReauth,
                    Err(error) => Step::Failed(error),
                });
            });
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    let onsubmit = {
        let (code, errors, tries, busy, step) =
            (code.clone(), errors.clone(), tries.clone(), busy.clone(), step.clone());
        let (i18n, session) = (i18n.clone(), session.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let value: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            if value.len() != 6 || !value.chars().all(|c| c.is_ascii_digit()) {
                errors.set(vec![FormError::field("setup-code", i18n.t("error-code-six-digits"))]);
                tries.set(*tries + 1);
                return;
            }
            busy.set(true);
            let (errors, tries, busy, step, i18n, session) =
                (errors.clone(), tries.clone(), busy.clone(), step.clone(), i18n.clone(), session.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::confirm_totp(&value).await;
                busy.set(false);
                match result {
                    Ok(codes) => {
                        if let Some(info) = codes.session {
                            session.signed_in(info);
                        } else {
                            session.refresh();
                        }
                        step.set(Step::Codes(Rc::new(codes.codes)));
                    }
                    Err(error) => {
                        let words = if error.status() == Some(401) {
                            i18n.t("code-wrong")
                        } else {
                            problem_words(&i18n, &error)
                        };
                        errors.set(vec![FormError::field("setup-code", words)]);
                        tries.set(*tries + 1);
                    }
                }
            });
        })
    };
    let title = i18n.t("setup-title");
    let body = match &*step {
        Step::Starting => html! { <Loading /> },
        Step::Failed(error) if error.status() == Some(401) => html! {
            <p>{ i18n.t("setup-sign-in-first") }{" "}<Link<Route> to={Route::SignIn}>{ i18n.t("nav-sign-in") }</Link<Route>></p>
        },
        Step::Failed(error) => html! { <Problem error={error.clone()} retry={retry.clone()} /> },
        Step::NeedsReauth => {
            let two_step = session.info().is_some_and(|i| i.two_step);
            let done = retry.reform(|_: String| ());
            let cancel = {
                let navigator = navigator.clone();
                Callback::from(move |()| navigator.push(&Route::AccountSecurity))
            };
            html! { <ReauthDialog {two_step} on_done={done} on_cancel={cancel} /> }
        }
        Step::Scan(setup) => html! {
            <>
                <ol class="steps">
                    <li>
                        <h2 id="scan-title">{ i18n.t("setup-scan-title") }</h2>
                        <p>{ i18n.t("setup-scan-body") }</p>
                        <img class="qr" src={setup.qr_svg_data_url.clone()} alt={i18n.t("setup-qr-alt")} width="200" height="200" />
                        <p>{ i18n.t("setup-key-label") }</p>
                        <p class="manual-key"><code>{ key_groups(&setup.manual_key) }</code></p>
                    </li>
                    <li>
                        <h2>{ i18n.t("setup-confirm-title") }</h2>
                        <form class="form" novalidate=true {onsubmit}>
                            <ErrorSummary errors={(*errors).clone()} attempt={*tries} />
                            <OneTimeCodeField id="setup-code" label={i18n.t("field-code")} hint={i18n.t("code-hint")}
                                value={(*code).clone()} error={error_for(&errors, "setup-code")}
                                oninput={Callback::from(move |v| code.set(v))} />
                            <button type="submit" aria-disabled={busy.then_some("true")}>{ i18n.t("setup-confirm") }</button>
                        </form>
                    </li>
                </ol>
            </>
        },
        Step::Codes(codes) => {
            let on_continue = {
                let navigator = navigator.clone();
                let session = session.clone();
                Callback::from(move |()| navigator.push(&session.return_to()))
            };
            html! { <RecoveryCodesView codes={(**codes).clone()} {on_continue} /> }
        }
    };
    html! {
        <Page {title}>
            <p>{ i18n.t("setup-intro") }</p>
            { body }
        </Page>
    }
}
