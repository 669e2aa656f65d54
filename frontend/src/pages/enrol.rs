//! Creating a patient account: the activation code from the clinic, the date of birth, an email
//! and a password (with the strength hint); setting up two-step sign-in comes next.

use shared::auth::EnrolmentRequest;
use yew::prelude::*;
use yew_router::prelude::*;

use super::sign_in::after_sign_in;
use crate::api;
use crate::components::form::error_for;
use crate::components::{ErrorSummary, Field, FormError, Page, PasswordField, problem_words};
use crate::hooks::use_session;
use crate::i18n::use_i18n;
use crate::route::Route;

#[function_component]
pub fn CreateAccountPage() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator().expect("inside the router");
    let code = use_state(String::new);
    let birth = use_state(String::new);
    let email = use_state(String::new);
    let password = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let busy = use_state(|| false);
    let onsubmit = {
        let (code, birth, email, password) = (code.clone(), birth.clone(), email.clone(), password.clone());
        let (errors, attempt, busy) = (errors.clone(), attempt.clone(), busy.clone());
        let (i18n, session, navigator) = (i18n.clone(), session.clone(), navigator.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let mut found = Vec::new();
            if code.trim().is_empty() {
                found.push(FormError::field("activation-code", i18n.t("error-activation-code-missing")));
            }
            if birth.is_empty() {
                found.push(FormError::field("birth-date", i18n.t("error-birth-date-missing")));
            }
            if !email.contains('@') {
                found.push(FormError::field("enrol-email", i18n.t("error-email-missing")));
            }
            if password.chars().count() < 8 {
                found.push(FormError::field(
                    "enrol-password",
                    i18n.t_count("password-too-short", &[("count", 8)]),
                ));
            }
            if !found.is_empty() {
                errors.set(found);
                attempt.set(*attempt + 1);
                return;
            }
            busy.set(true);
            let request = EnrolmentRequest {
                activation_code: code.trim().to_owned(),
                birth_date: (*birth).clone(),
                email: email.trim().to_owned(),
                password: (*password).clone(),
                language: Some(i18n.lang().code().to_owned()),
            };
            let (errors, attempt, busy, i18n, session, navigator) = (
                errors.clone(),
                attempt.clone(),
                busy.clone(),
                i18n.clone(),
                session.clone(),
                navigator.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::enrol(&request).await;
                busy.set(false);
                match result {
                    Ok(result) => after_sign_in(result, &session, &navigator),
                    Err(error) => {
                        let words = match error.status() {
                            Some(401 | 409 | 422) if error.field_code("password").is_some() => {
                                i18n.t("password-too-easy")
                            }
                            Some(401 | 409 | 422) => i18n.t("enrol-wrong"),
                            _ => problem_words(&i18n, &error),
                        };
                        errors.set(vec![FormError::form(words)]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    html! {
        <Page title={i18n.t("enrol-title")}>
            <p>{ i18n.t("enrol-intro") }</p>
            <form class="form" novalidate=true {onsubmit}>
                <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
                <Field id="activation-code" label={i18n.t("field-activation-code")} hint={i18n.t("enrol-code-hint")}
                    value={(*code).clone()} autocomplete="off" error={error_for(&errors, "activation-code")}
                    oninput={Callback::from(move |v| code.set(v))} />
                <Field id="birth-date" label={i18n.t("field-birth-date")} input_type="date" value={(*birth).clone()}
                    autocomplete="bday" error={error_for(&errors, "birth-date")}
                    oninput={Callback::from(move |v| birth.set(v))} />
                <Field id="enrol-email" label={i18n.t("field-email")} input_type="email" value={(*email).clone()}
                    autocomplete="email" error={error_for(&errors, "enrol-email")}
                    oninput={Callback::from(move |v| email.set(v))} />
                <PasswordField id="enrol-password" label={i18n.t("field-new-password")} value={(*password).clone()}
                    autocomplete="new-password" strength=true error={error_for(&errors, "enrol-password")}
                    oninput={Callback::from(move |v| password.set(v))} />
                <button type="submit" aria-disabled={busy.then_some("true")}>{ i18n.t("enrol-submit") }</button>
            </form>
            <p><Link<Route> to={Route::SignIn}>{ i18n.t("enrol-have-account") }</Link<Route>></p>
        </Page>
    }
}
