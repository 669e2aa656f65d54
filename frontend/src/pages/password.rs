//! Forgotten passwords: asking for a link by mail, and choosing a new password from it. The
//! link's token rides in the address's fragment, which browsers never send to a server.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::form::error_for;
use crate::components::{ErrorSummary, Field, FormError, Page, PasswordField, problem_words};
use crate::i18n::use_i18n;
use crate::route::Route;

/// The `token=` value of the page's fragment (`#token=…`).
pub fn fragment_token() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

#[function_component]
pub fn ForgotPasswordPage() -> Html {
    let i18n = use_i18n();
    let email = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let sent = use_state(|| false);
    let onsubmit = {
        let (email, errors, attempt, sent, i18n) =
            (email.clone(), errors.clone(), attempt.clone(), sent.clone(), i18n.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !email.contains('@') {
                errors.set(vec![FormError::field("forgot-email", i18n.t("error-email-missing"))]);
                attempt.set(*attempt + 1);
                return;
            }
            let (value, errors, attempt, sent, i18n) =
                (email.trim().to_owned(), errors.clone(), attempt.clone(), sent.clone(), i18n.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::forgot_password(&value).await {
                    Ok(()) => sent.set(true),
                    Err(error) => {
                        errors.set(vec![FormError::form(problem_words(&i18n, &error))]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    html! {
        <Page title={i18n.t("forgot-title")}>
            if *sent {
                <p class="notice" role="status">{ i18n.t("forgot-sent") }</p>
            } else {
                <p>{ i18n.t("forgot-intro") }</p>
                <form class="form" novalidate=true {onsubmit}>
                    <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
                    <Field id="forgot-email" label={i18n.t("field-email")} input_type="email" value={(*email).clone()}
                        autocomplete="email" error={error_for(&errors, "forgot-email")}
                        oninput={Callback::from(move |v| email.set(v))} />
                    <button type="submit">{ i18n.t("forgot-submit") }</button>
                </form>
            }
            <p><Link<Route> to={Route::SignIn}>{ i18n.t("back-to-sign-in") }</Link<Route>></p>
        </Page>
    }
}

#[function_component]
pub fn ResetPasswordPage() -> Html {
    let i18n = use_i18n();
    let token = use_memo((), |()| fragment_token());
    let password = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let done = use_state(|| false);
    let onsubmit = {
        let (password, errors, attempt, done, i18n, token) =
            (password.clone(), errors.clone(), attempt.clone(), done.clone(), i18n.clone(), token.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(token) = (*token).clone() else { return };
            if password.chars().count() < 8 {
                errors.set(vec![FormError::field(
                    "reset-password",
                    i18n.t_count("password-too-short", &[("count", 8)]),
                )]);
                attempt.set(*attempt + 1);
                return;
            }
            let (value, errors, attempt, done, i18n) =
                ((*password).clone(), errors.clone(), attempt.clone(), done.clone(), i18n.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::reset_password(&token, &value).await {
                    Ok(()) => done.set(true),
                    Err(error) => {
                        let words = match error.status() {
                            Some(422) if error.field_code("new_password").is_some() => {
                                i18n.t("password-too-easy")
                            }
                            Some(400 | 401 | 404 | 410 | 422) => i18n.t("reset-link-bad"),
                            _ => problem_words(&i18n, &error),
                        };
                        errors.set(vec![FormError::field("reset-password", words)]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    html! {
        <Page title={i18n.t("reset-title")}>
            if *done {
                <p class="notice" role="status">{ i18n.t("reset-done") }</p>
                <p><Link<Route> to={Route::SignIn}>{ i18n.t("nav-sign-in") }</Link<Route>></p>
            } else if token.is_none() {
                <p>{ i18n.t("reset-link-bad") }</p>
                <p><Link<Route> to={Route::ForgotPassword}>{ i18n.t("reset-ask-again") }</Link<Route>></p>
            } else {
                <form class="form" novalidate=true {onsubmit}>
                    <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
                    <PasswordField id="reset-password" label={i18n.t("field-new-password")} value={(*password).clone()}
                        autocomplete="new-password" strength=true error={error_for(&errors, "reset-password")}
                        oninput={Callback::from(move |v| password.set(v))} />
                    <button type="submit">{ i18n.t("reset-submit") }</button>
                </form>
            }
        </Page>
    }
}

#[function_component]
pub fn VerifyEmailPage() -> Html {
    let i18n = use_i18n();
    let outcome = use_state(|| None::<Result<shared::auth::EmailVerified, api::ApiError>>);
    {
        let outcome = outcome.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = match fragment_token() {
                    Some(token) => api::verify_email(&token).await,
                    None => Err(api::ApiError::Status { status: 400, detail: None, retry_after: None }),
                };
                outcome.set(Some(result));
            });
        });
    }
    let body = match &*outcome {
        None => html! { <crate::components::Loading /> },
        Some(Ok(verified)) => html! {
            <p class="notice" role="status">{ i18n.t_with("verify-done", &[("email", &verified.email)]) }</p>
        },
        Some(Err(error)) if error.is_network() || error.status().is_some_and(|s| s >= 429) => {
            html! { <p class="problem" role="alert">{ problem_words(&i18n, error) }</p> }
        }
        Some(Err(_)) => html! { <p class="problem" role="alert">{ i18n.t("verify-bad") }</p> },
    };
    html! {
        <Page title={i18n.t("verify-title")}>
            { body }
            <p><Link<Route> to={Route::Home}>{ i18n.t("not-found-home") }</Link<Route>></p>
        </Page>
    }
}
