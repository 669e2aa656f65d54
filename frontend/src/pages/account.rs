//! The account security page: the email, two-step sign-in and recovery codes, a new password
//! (with the strength hint), the signed-in devices, passkeys where the server has them, and links
//! to who may see the record and who viewed it.
//! Sensitive changes ask "confirm it is you" first when the server says the last time is stale.

use std::rc::Rc;

use shared::auth::{AccountSecurity, PasskeyList, SessionSummary};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::form::error_for;
use crate::components::{
    Dialog, ErrorSummary, FetchView, FormError, Page, PasswordField, ReauthDialog, RecoveryCodesView,
    problem_words,
};
use crate::format;
use crate::hooks::{Action, Fetch, SignedOutReason, use_fetch, use_session};
use crate::i18n::{Translations, use_i18n};
use crate::route::Route;

/// A change that may need a fresh "confirm it is you".
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sensitive {
    ChangePassword(String),
    NewRecoveryCodes,
    TurnOffTwoStep,
    /// A new passkey with this name.
    AddPasskey(String),
    /// The passkey with this id.
    RemovePasskey(String),
}

/// The handles an action needs to report back.
#[derive(Clone)]
struct Ctx {
    i18n: crate::i18n::I18n,
    session: crate::hooks::Session,
    status: UseStateHandle<String>,
    reauth_for: UseStateHandle<Option<Sensitive>>,
    codes: UseStateHandle<Option<Rc<Vec<String>>>>,
    pw_errors: UseStateHandle<Vec<FormError>>,
    pw_attempt: UseStateHandle<u32>,
    new_password: UseStateHandle<String>,
    reload_security: Callback<()>,
    reload_sessions: Callback<()>,
    reload_passkeys: Callback<()>,
}

fn password_issue_words(i18n: &Translations, error: &ApiError, min: usize) -> Option<String> {
    let min = i64::try_from(min).unwrap_or(8);
    match error.field_code("new_password").or_else(|| error.field_code("password"))? {
        "too_short" | "TooShort" => Some(i18n.t_count("password-too-short", &[("count", min)])),
        "too_long" | "TooLong" => Some(i18n.t_count("password-too-long", &[("count", 128)])),
        _ => Some(i18n.t("password-too-easy")),
    }
}

/// Runs `action`; on a 403 asks to confirm it is you, then runs it again.
fn perform(ctx: Ctx, action: Sensitive, password: Option<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = match &action {
            Sensitive::ChangePassword(new) => api::change_password(new).await.map(|info| {
                ctx.session.signed_in(info);
                ctx.new_password.set(String::new());
                ctx.pw_errors.set(Vec::new());
                ctx.status.set(ctx.i18n.t("password-changed"));
                ctx.reload_sessions.emit(());
            }),
            Sensitive::NewRecoveryCodes => api::new_recovery_codes().await.map(|codes| {
                ctx.codes.set(Some(Rc::new(codes.codes)));
            }),
            Sensitive::AddPasskey(name) => match api::passkey_options().await {
                Ok(options) => {
                    let Ok(credential) = crate::passkey::ask_browser(&options.public_key, true).await else {
                        ctx.status.set(ctx.i18n.t("passkey-not-used"));
                        return;
                    };
                    api::add_passkey(credential, name).await.map(|added| {
                        ctx.status.set(ctx.i18n.t("passkey-added-now"));
                        if !added.recovery_codes.is_empty() {
                            ctx.codes.set(Some(Rc::new(added.recovery_codes)));
                        }
                        ctx.reload_passkeys.emit(());
                        ctx.reload_security.emit(());
                    })
                }
                Err(error) => Err(error),
            },
            Sensitive::RemovePasskey(id) => api::delete_passkey(id).await.map(|()| {
                ctx.status.set(ctx.i18n.t("passkey-removed"));
                ctx.reload_passkeys.emit(());
                ctx.reload_security.emit(());
            }),
            Sensitive::TurnOffTwoStep => {
                // The password is needed anyway: confirm it is you first, which asks for it.
                let Some(password) = password else {
                    ctx.reauth_for.set(Some(action.clone()));
                    return;
                };
                api::turn_off_two_step(&password).await.map(|()| {
                    ctx.status.set(ctx.i18n.t("two-step-turned-off"));
                    ctx.session.refresh();
                    ctx.reload_security.emit(());
                })
            }
        };
        match result {
            Ok(()) => {}
            Err(error) if error.status() == Some(403) => ctx.reauth_for.set(Some(action)),
            Err(error) if error.status() == Some(401) => ctx.session.ended(),
            Err(error) => {
                let words = password_issue_words(&ctx.i18n, &error, 8)
                    .unwrap_or_else(|| problem_words(&ctx.i18n, &error));
                match action {
                    Sensitive::ChangePassword(_) => {
                        ctx.pw_errors.set(vec![FormError::field("new-password", words)]);
                        ctx.pw_attempt.set(*ctx.pw_attempt + 1);
                    }
                    _ => ctx.status.set(words),
                }
            }
        }
    });
}

#[function_component]
pub fn AccountSecurityPage() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let security = use_fetch(api::account_security);
    let sessions = use_fetch(api::sessions);
    let passkeys = use_fetch(api::passkeys);
    let status = use_state(String::new);
    let reauth_for = use_state(|| None::<Sensitive>);
    let codes = use_state(|| None::<Rc<Vec<String>>>);
    let pw_errors = use_state(Vec::<FormError>::new);
    let pw_attempt = use_state(|| 0_u32);
    let new_password = use_state(String::new);
    let confirm_everywhere = use_state(|| false);
    let ctx = Ctx {
        i18n: i18n.clone(),
        session: session.clone(),
        status: status.clone(),
        reauth_for: reauth_for.clone(),
        codes: codes.clone(),
        pw_errors: pw_errors.clone(),
        pw_attempt: pw_attempt.clone(),
        new_password: new_password.clone(),
        reload_security: security.retry.clone(),
        reload_sessions: sessions.retry.clone(),
        reload_passkeys: passkeys.retry.clone(),
    };
    let two_step = session.info().is_some_and(|i| i.two_step);

    if let Some(list) = &*codes {
        let on_continue = {
            let (codes, reload) = (codes.clone(), security.retry.clone());
            Callback::from(move |()| {
                codes.set(None);
                reload.emit(());
            })
        };
        return html! {
            <Page title={i18n.t("account-title")}>
                <RecoveryCodesView codes={(**list).clone()} {on_continue} />
            </Page>
        };
    }

    let min_length = match &security.state {
        Fetch::Done(s) => s.password_rules.min_length,
        _ => 8,
    };
    let change_password = {
        let ctx = ctx.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let new = (*ctx.new_password).clone();
            if new.chars().count() < min_length {
                let min = i64::try_from(min_length).unwrap_or(8);
                ctx.pw_errors.set(vec![FormError::field(
                    "new-password",
                    ctx.i18n.t_count("password-too-short", &[("count", min)]),
                )]);
                ctx.pw_attempt.set(*ctx.pw_attempt + 1);
                return;
            }
            perform(ctx.clone(), Sensitive::ChangePassword(new), None);
        })
    };
    let reauth = reauth_for.as_ref().map(|action| {
        let on_done = {
            let (ctx, action) = (ctx.clone(), action.clone());
            Callback::from(move |password: String| {
                ctx.reauth_for.set(None);
                perform(ctx.clone(), action.clone(), Some(password));
            })
        };
        let on_cancel = {
            let reauth_for = reauth_for.clone();
            Callback::from(move |()| reauth_for.set(None))
        };
        html! { <ReauthDialog {two_step} {on_done} {on_cancel} /> }
    });

    let render_security = {
        let (ctx, i18n) = (ctx.clone(), i18n.clone());
        Callback::from(move |s: Rc<AccountSecurity>| security_section(&i18n, &ctx, &s))
    };
    let render_sessions = {
        let (ctx, i18n) = (ctx.clone(), i18n.clone());
        let confirm_everywhere = confirm_everywhere.clone();
        Callback::from(move |list: Rc<Vec<SessionSummary>>| {
            sessions_section(&i18n, &ctx, &list, &confirm_everywhere)
        })
    };
    let everywhere_dialog = (*confirm_everywhere).then(|| {
        let close = {
            let confirm_everywhere = confirm_everywhere.clone();
            Callback::from(move |()| confirm_everywhere.set(false))
        };
        let yes = {
            let session = session.clone();
            let status = status.clone();
            let i18n = i18n.clone();
            Callback::from(move |_: MouseEvent| {
                let (session, status, i18n) = (session.clone(), status.clone(), i18n.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match api::sign_out_everywhere().await {
                        Ok(()) => session.dispatch(Action::SignedOut(SignedOutReason::SignedOut)),
                        Err(error) => status.set(problem_words(&i18n, &error)),
                    }
                });
            })
        };
        let no = close.reform(|_: MouseEvent| ());
        html! {
            <Dialog id="everywhere" title={i18n.t("everywhere-title")} on_close={close} described=true>
                <p id="everywhere-desc">{ i18n.t("everywhere-body") }</p>
                <div class="actions">
                    <button type="button" onclick={yes}>{ i18n.t("everywhere-confirm") }</button>
                    <button type="button" class="secondary" onclick={no}>{ i18n.t("action-cancel") }</button>
                </div>
            </Dialog>
        }
    });
    let passkeys_section = match &passkeys.state {
        Fetch::Done(list) if list.available => html! {
            <PasskeysSection list={list.clone()}
                add={{
                    let ctx = ctx.clone();
                    Callback::from(move |name: String| perform(ctx.clone(), Sensitive::AddPasskey(name), None))
                }}
                remove={{
                    let ctx = ctx.clone();
                    Callback::from(move |id: String| perform(ctx.clone(), Sensitive::RemovePasskey(id), None))
                }} />
        },
        _ => html! {},
    };
    html! {
        <Page title={i18n.t("account-title")}>
            <p class="status-line" role="status">{ (*status).clone() }</p>
            <FetchView<AccountSecurity> state={security.state.clone()} retry={security.retry.clone()} render={render_security} />
            <section aria-labelledby="password-title">
                <h2 id="password-title">{ i18n.t("password-title") }</h2>
                <p>{ i18n.t_count("password-rules", &[("count", i64::try_from(min_length).unwrap_or(8))]) }</p>
                <form class="form" novalidate=true onsubmit={change_password}>
                    <ErrorSummary errors={(*pw_errors).clone()} attempt={*pw_attempt} />
                    <PasswordField id="new-password" label={i18n.t("field-new-password")} value={(*new_password).clone()}
                        autocomplete="new-password" strength=true error={error_for(&pw_errors, "new-password")}
                        oninput={Callback::from(move |v| new_password.set(v))} />
                    <button type="submit">{ i18n.t("password-submit") }</button>
                </form>
            </section>
            <FetchView<Vec<SessionSummary>> state={sessions.state.clone()} retry={sessions.retry.clone()} render={render_sessions} />
            { passkeys_section }
            if session.own_patient_id().is_some() {
                <section aria-labelledby="record-access-title">
                    <h2 id="record-access-title">{ i18n.t("record-access-title") }</h2>
                    <ul class="links">
                        <li><Link<Route> to={Route::Proxies}>{ i18n.t("proxies-title") }</Link<Route>></li>
                        <li><Link<Route> to={Route::AccessLog}>{ i18n.t("access-log-title") }</Link<Route>></li>
                    </ul>
                </section>
            }
            { reauth.unwrap_or_default() }
            { everywhere_dialog.unwrap_or_default() }
        </Page>
    }
}

fn security_section(i18n: &Translations, ctx: &Ctx, s: &AccountSecurity) -> Html {
    let new_codes = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| perform(ctx.clone(), Sensitive::NewRecoveryCodes, None))
    };
    let turn_off = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| perform(ctx.clone(), Sensitive::TurnOffTwoStep, None))
    };
    let two_step_on = s.totp || s.passkeys > 0;
    html! {
        <>
            <section aria-labelledby="email-title">
                <h2 id="email-title">{ i18n.t("account-email-title") }</h2>
                <p class="email">{ &s.email }</p>
                <p>{ i18n.t(if s.email_verified { "account-email-verified" } else { "account-email-not-verified" }) }</p>
            </section>
            <section aria-labelledby="two-step-title">
                <h2 id="two-step-title">{ i18n.t("two-step-title") }</h2>
                <p>{ i18n.t(if two_step_on { "two-step-on" } else { "two-step-off" }) }</p>
                if two_step_on {
                    <p>{ i18n.t_count("recovery-left", &[("count", i64::from(s.recovery_codes_left))]) }</p>
                    <div class="actions">
                        <button type="button" class="secondary" onclick={new_codes}>{ i18n.t("recovery-new") }</button>
                        <Link<Route> to={Route::SetUpTwoStep} classes="button secondary">{ i18n.t("two-step-new-app") }</Link<Route>>
                        if s.may_turn_off_two_step {
                            <button type="button" class="secondary" onclick={turn_off}>{ i18n.t("two-step-turn-off") }</button>
                        }
                    </div>
                    if s.may_turn_off_two_step {
                        <p class="hint">{ i18n.t("two-step-turn-off-hint") }</p>
                    }
                } else {
                    <p><Link<Route> to={Route::SetUpTwoStep} classes="button">{ i18n.t("two-step-turn-on") }</Link<Route>></p>
                }
            </section>
        </>
    }
}

fn device_words(i18n: &Translations, user_agent: Option<&str>) -> String {
    let device = format::device(user_agent.unwrap_or_default());
    match (device.browser, device.system) {
        (Some(browser), Some(system)) => {
            i18n.t_with("device-browser-on-system", &[("browser", browser), ("system", system)])
        }
        (Some(name), None) | (None, Some(name)) => name.to_owned(),
        (None, None) => i18n.t("device-unknown"),
    }
}

fn sessions_section(
    i18n: &crate::i18n::I18n,
    ctx: &Ctx,
    list: &[SessionSummary],
    confirm_everywhere: &UseStateHandle<bool>,
) -> Html {
    let lang = i18n.lang();
    let everywhere = {
        let confirm_everywhere = confirm_everywhere.clone();
        Callback::from(move |_: MouseEvent| confirm_everywhere.set(true))
    };
    html! {
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{ i18n.t("sessions-title") }</h2>
            <ul class="sessions">
                { for list.iter().map(|s| {
                    let device = device_words(i18n, s.user_agent.as_deref());
                    let end = {
                        let (ctx, id) = (ctx.clone(), s.id.clone());
                        Callback::from(move |_: MouseEvent| {
                            let (ctx, id) = (ctx.clone(), id.clone());
                            wasm_bindgen_futures::spawn_local(async move {
                                match api::end_session(&id).await {
                                    Ok(()) => {
                                        ctx.status.set(ctx.i18n.t("session-ended"));
                                        ctx.reload_sessions.emit(());
                                    }
                                    Err(error) => ctx.status.set(problem_words(&ctx.i18n, &error)),
                                }
                            });
                        })
                    };
                    html! {
                        <li class="session">
                            <p class="device">
                                <strong>{ &device }</strong>
                                if s.current { {" "}<span class="tag">{ i18n.t("session-this-device") }</span> }
                            </p>
                            <p>{ i18n.t_with("session-last-active", &[("when", &format::date_time(lang, &s.last_seen_at))]) }</p>
                            <p>{ i18n.t_with("session-signed-in", &[("when", &format::date_time(lang, &s.created_at))]) }</p>
                            if !s.current {
                                <button type="button" class="secondary" onclick={end}>
                                    { i18n.t("session-sign-out") }
                                    <span class="visually-hidden">{ format!(" ({device})") }</span>
                                </button>
                            }
                        </li>
                    }
                }) }
            </ul>
            <button type="button" onclick={everywhere}>{ i18n.t("everywhere-button") }</button>
        </section>
    }
}

#[derive(Properties)]
struct PasskeysSectionProps {
    list: Rc<PasskeyList>,
    add: Callback<String>,
    /// Removes the passkey with this id (through "confirm it is you" when the server asks).
    remove: Callback<String>,
}

impl PartialEq for PasskeysSectionProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.list, &other.list) && self.add == other.add && self.remove == other.remove
    }
}

/// The account's passkeys, each with "remove", and a form to add one on this device.
#[function_component]
fn PasskeysSection(props: &PasskeysSectionProps) -> Html {
    let i18n = use_i18n();
    let name = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let supported = crate::passkey::supported();
    let onsubmit = {
        let (name, errors, attempt, i18n, add) =
            (name.clone(), errors.clone(), attempt.clone(), i18n.clone(), props.add.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if name.trim().is_empty() {
                errors.set(vec![FormError::field("passkey-name", i18n.t("error-passkey-name-missing"))]);
                attempt.set(*attempt + 1);
                return;
            }
            errors.set(Vec::new());
            add.emit(name.trim().to_owned());
        })
    };
    html! {
        <>
            { passkeys_view(&i18n, &props.list, &props.remove) }
            if supported {
                <form class="form" novalidate=true {onsubmit}>
                    <ErrorSummary id="passkey-errors" errors={(*errors).clone()} attempt={*attempt} />
                    <crate::components::Field id="passkey-name" label={i18n.t("field-passkey-name")}
                        hint={i18n.t("passkey-name-hint")} value={(*name).clone()} autocomplete="off"
                        error={error_for(&errors, "passkey-name")}
                        oninput={Callback::from(move |v| name.set(v))} />
                    <button type="submit" class="secondary">{ i18n.t("passkey-add") }</button>
                </form>
            }
        </>
    }
}

fn passkeys_view(i18n: &crate::i18n::I18n, list: &PasskeyList, remove: &Callback<String>) -> Html {
    let lang = i18n.lang();
    html! {
        <section aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">{ i18n.t("passkeys-title") }</h2>
            if list.passkeys.is_empty() {
                <p>{ i18n.t("passkeys-none") }</p>
            }
            <ul class="passkeys">
                { for list.passkeys.iter().map(|p| {
                    let remove = {
                        let id = p.id.clone();
                        remove.reform(move |_: MouseEvent| id.clone())
                    };
                    html! {
                        <li>
                            <strong>{ &p.name }</strong>
                            <p>{ i18n.t_with("passkey-added", &[("when", &format::date_time(lang, &p.created_at))]) }</p>
                            <button type="button" class="secondary" onclick={remove}>
                                { i18n.t("passkey-remove") }
                                <span class="visually-hidden">{ format!(" ({})", p.name) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
