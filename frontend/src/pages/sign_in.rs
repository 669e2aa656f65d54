//! Signing in: the email and password step, then the second step (a code from the
//! authenticator app, a recovery code, or a passkey when the account has one).

use shared::SignInResult;
use shared::auth::{SecondFactorMethod, SsoError};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::form::error_for;
use crate::components::{
    ErrorSummary, Field, FormError, OneTimeCodeField, Page, PasswordField, problem_words,
};
use crate::hooks::{Action, SessionState, SignedOutReason, use_fetch, use_session};
use crate::i18n::{Translations, use_i18n};
use crate::route::Route;

/// The `name` parameter of a query string like `?a=b&name=value`.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| js_sys::decode_uri_component(value).ok().map(String::from)).flatten()
    })
}

fn sso_error_words(i18n: &Translations, error: SsoError) -> String {
    i18n.t(match error {
        SsoError::Unavailable => "sso-error-unavailable",
        SsoError::Cancelled => "sso-error-cancelled",
        SsoError::Expired => "sso-error-expired",
        SsoError::Failed => "sso-error-failed",
        SsoError::NoAccount => "sso-error-no-account",
        SsoError::NotAllowed => "sso-error-not-allowed",
    })
}

/// Where a finished password step leads.
pub fn after_sign_in(result: SignInResult, session: &crate::hooks::Session, navigator: &Navigator) {
    match result {
        SignInResult::SignedIn { session: info } => {
            let to = session.return_to();
            session.signed_in(info);
            navigator.push(&to);
        }
        SignInResult::SecondFactorRequired { methods } => {
            session.dispatch(Action::SecondStep(methods));
            navigator.push(&Route::SecondStep);
        }
        SignInResult::EnrolmentRequired { .. } => navigator.push(&Route::SetUpTwoStep),
    }
}

#[function_component]
pub fn SignInPage() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator().expect("inside the router");
    let location = use_location();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let busy = use_state(|| false);
    let sso = use_fetch(api::sso);

    if let SessionState::SignedIn(_) = session.state() {
        return html! { <Redirect<Route> to={session.return_to()} /> };
    }
    let query = location.map(|l| l.query_str().to_owned()).unwrap_or_default();
    let sso_error = query_param(&query, "sso_error").map(|code| {
        SsoError::parse(&code).map_or_else(|| i18n.t("sso-error-failed"), |e| sso_error_words(&i18n, e))
    });
    let reason = match session.state() {
        SessionState::SignedOut(Some(SignedOutReason::TimedOut)) => Some(i18n.t("signed-out-timed-out")),
        SessionState::SignedOut(Some(SignedOutReason::Ended)) => Some(i18n.t("signed-out-ended")),
        SessionState::SignedOut(Some(SignedOutReason::SignedOut)) => Some(i18n.t("signed-out")),
        _ => None,
    };

    let onsubmit = {
        let (email, password, errors, attempt, busy) =
            (email.clone(), password.clone(), errors.clone(), attempt.clone(), busy.clone());
        let (i18n, session, navigator) = (i18n.clone(), session.clone(), navigator.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let mut found = Vec::new();
            if !email.contains('@') {
                found.push(FormError::field("email", i18n.t("error-email-missing")));
            }
            if password.is_empty() {
                found.push(FormError::field("password", i18n.t("error-password-missing")));
            }
            if !found.is_empty() {
                errors.set(found);
                attempt.set(*attempt + 1);
                return;
            }
            busy.set(true);
            let (em, pw) = ((*email).clone(), (*password).clone());
            let (errors, attempt, busy, i18n, session, navigator) = (
                errors.clone(),
                attempt.clone(),
                busy.clone(),
                i18n.clone(),
                session.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::sign_in(em.trim(), &pw).await;
                busy.set(false);
                match result {
                    Ok(result) => after_sign_in(result, &session, &navigator),
                    Err(error) => {
                        let words = if error.status() == Some(401) {
                            i18n.t("sign-in-wrong")
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

    let sso_button = match &sso.state {
        crate::hooks::Fetch::Done(info) if info.enabled => {
            let return_to = session.return_to();
            let href = format!(
                "{}?return_to={}",
                info.start_path,
                String::from(js_sys::encode_uri_component(&return_to.to_path()))
            );
            let label = info.label.clone().unwrap_or_else(|| i18n.t("sso-button"));
            html! { <p><a class="button secondary" {href}>{ label }</a></p> }
        }
        _ => html! {},
    };

    html! {
        <Page title={i18n.t("sign-in-title")}>
            if let Some(reason) = reason { <p class="notice" role="status">{ reason }</p> }
            if let Some(message) = sso_error { <p class="problem" role="alert">{ message }</p> }
            <form class="form" novalidate=true {onsubmit}>
                <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
                <Field id="email" label={i18n.t("field-email")} value={(*email).clone()} input_type="email"
                    autocomplete="username" required=true error={error_for(&errors, "email")}
                    oninput={Callback::from(move |v| email.set(v))} />
                <PasswordField id="password" label={i18n.t("field-password")} value={(*password).clone()}
                    error={error_for(&errors, "password")}
                    oninput={Callback::from(move |v| password.set(v))} />
                <button type="submit" aria-disabled={busy.then_some("true")}>{ i18n.t("sign-in-submit") }</button>
            </form>
            { sso_button }
            <ul class="links">
                <li><Link<Route> to={Route::ForgotPassword}>{ i18n.t("sign-in-forgot") }</Link<Route>></li>
                <li><Link<Route> to={Route::CreateAccount}>{ i18n.t("sign-in-create") }</Link<Route>></li>
            </ul>
        </Page>
    }
}

/// The words for a failed second step.
fn second_step_words(i18n: &Translations, error: &ApiError) -> String {
    match error.status() {
        Some(401) => i18n.t("code-wrong"),
        Some(409) => i18n.t("code-start-over"),
        _ => problem_words(i18n, error),
    }
}

#[function_component]
pub fn SecondStepPage() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator().expect("inside the router");
    let code = use_state(String::new);
    let recovery = use_state(|| false);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let busy = use_state(|| false);

    let passkey_offered =
        session.second_step_methods().is_some_and(|m| m.contains(&SecondFactorMethod::Passkey))
            && crate::passkey::supported();

    if let SessionState::SignedIn(_) = session.state() {
        return html! { <Redirect<Route> to={session.return_to()} /> };
    }
    let passkey_click = {
        let (errors, attempt, busy) = (errors.clone(), attempt.clone(), busy.clone());
        let (i18n, session, navigator) = (i18n.clone(), session.clone(), navigator.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (errors, attempt, busy, i18n, session, navigator) = (
                errors.clone(),
                attempt.clone(),
                busy.clone(),
                i18n.clone(),
                session.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match api::passkey_sign_in_options().await {
                    Ok(options) => match crate::passkey::ask_browser(&options.public_key, false).await {
                        Ok(credential) => {
                            api::passkey_sign_in(credential).await.map_err(|e| second_step_words(&i18n, &e))
                        }
                        Err(_) => Err(i18n.t("passkey-not-used")),
                    },
                    Err(error) => Err(problem_words(&i18n, &error)),
                };
                busy.set(false);
                match outcome {
                    Ok(result) => after_sign_in(result, &session, &navigator),
                    Err(words) => {
                        errors.set(vec![FormError::form(words)]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    let onsubmit = {
        let (code, errors, attempt, busy, recovery) =
            (code.clone(), errors.clone(), attempt.clone(), busy.clone(), recovery.clone());
        let (i18n, session, navigator) = (i18n.clone(), session.clone(), navigator.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let value: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            if value.is_empty()
                || (!*recovery && (value.len() != 6 || !value.chars().all(|c| c.is_ascii_digit())))
            {
                let key = if *recovery { "error-recovery-code-missing" } else { "error-code-six-digits" };
                errors.set(vec![FormError::field("code", i18n.t(key))]);
                attempt.set(*attempt + 1);
                return;
            }
            busy.set(true);
            let (errors, attempt, busy, i18n, session, navigator) = (
                errors.clone(),
                attempt.clone(),
                busy.clone(),
                i18n.clone(),
                session.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::second_factor(&value).await;
                busy.set(false);
                match result {
                    Ok(result) => after_sign_in(result, &session, &navigator),
                    Err(error) => {
                        errors.set(vec![FormError::field("code", second_step_words(&i18n, &error))]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    let switch = {
        let (recovery, code, errors) = (recovery.clone(), code.clone(), errors.clone());
        Callback::from(move |_: MouseEvent| {
            recovery.set(!*recovery);
            code.set(String::new());
            errors.set(Vec::new());
            // The field changes its kind; put the cursor in it.
            if let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("code"))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = input.focus();
            }
        })
    };
    let (label, hint) = if *recovery {
        (i18n.t("field-recovery-code"), i18n.t("recovery-code-hint"))
    } else {
        (i18n.t("field-code"), i18n.t("code-hint"))
    };
    html! {
        <Page title={i18n.t("second-step-title")}>
            <form class="form" novalidate=true {onsubmit}>
                <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
                <OneTimeCodeField id="code" {label} {hint} value={(*code).clone()} recovery={*recovery}
                    error={error_for(&errors, "code")}
                    oninput={Callback::from(move |v| code.set(v))} />
                <button type="submit" aria-disabled={busy.then_some("true")}>{ i18n.t("second-step-submit") }</button>
            </form>
            <p>
                <button type="button" class="link-button" onclick={switch}>
                    { i18n.t(if *recovery { "second-step-use-app" } else { "second-step-use-recovery" }) }
                </button>
            </p>
            if passkey_offered {
                <p><button type="button" class="secondary" onclick={passkey_click}>{ i18n.t("second-step-passkey") }</button></p>
            }
            <p><Link<Route> to={Route::SignIn}>{ i18n.t("second-step-start-over") }</Link<Route>></p>
        </Page>
    }
}
