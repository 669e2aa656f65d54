//! `IdleWarning`: the sign-out warning of WCAG 2.2.1. It follows the server's idle clock (every
//! request the app makes to the session restarts it; see `crate::idle`), in step with the other
//! tabs of the same session (`crate::idle_sync`), opens an alert dialog two minutes before the
//! end with "Stay signed in" and "Sign out", and signs out at zero.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use super::{Dialog, DialogRole};
use crate::api;
use crate::hooks::{SignedOutReason, use_session};
use crate::i18n::use_i18n;
use crate::idle::{IdleClock, IdlePhase, milestone};
use crate::idle_sync::RestartChannel;

#[derive(Debug, Properties, PartialEq)]
pub struct IdleWarningProps {
    pub timeout_secs: u64,
}

#[function_component]
pub fn IdleWarning(props: &IdleWarningProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let phase = use_state_eq(|| IdlePhase::Active);
    let clock = use_mut_ref(|| IdleClock::new(props.timeout_secs, js_sys::Date::now()));
    {
        let (clock, phase, session) = (clock.clone(), phase.clone(), session.clone());
        use_effect_with(props.timeout_secs, move |&timeout| {
            *clock.borrow_mut() = IdleClock::new(timeout, js_sys::Date::now());
            // Another tab's restart moves this clock on, and closes a warning at once.
            let channel = {
                let (clock, phase) = (clock.clone(), phase.clone());
                RestartChannel::open(move |at| {
                    let mut clock = clock.borrow_mut();
                    clock.adopt(at);
                    phase.set(clock.phase(js_sys::Date::now()));
                })
            };
            let channel = Rc::new(channel);
            // A tab opened on a live session may know of a later restart than the others.
            if let Some(channel) = &*channel {
                channel.announce(clock.borrow().restarted_at());
            }
            let listener: Rc<dyn Fn(f64)> = {
                let clock = clock.clone();
                let channel = channel.clone();
                Rc::new(move |at| {
                    // Only a restart the server surely made is shared, so no tab believes in
                    // more time than the server gives.
                    if clock.borrow_mut().record_request(at)
                        && let Some(channel) = &*channel
                    {
                        channel.announce(at);
                    }
                })
            };
            api::on_session_activity(Some(listener));
            let signing_out = Rc::new(RefCell::new(false));
            let tick = Interval::new(1000, move || {
                let now = clock.borrow().phase(js_sys::Date::now());
                if now == IdlePhase::Expired && !signing_out.replace(true) {
                    session.sign_out(SignedOutReason::TimedOut);
                }
                phase.set(now);
            });
            move || {
                api::on_session_activity(None);
                drop(tick);
                drop(channel);
            }
        });
    }
    let IdlePhase::Warning { seconds_left } = *phase else { return html! {} };
    let stay = {
        let session = session.clone();
        let phase = phase.clone();
        let clock = clock.clone();
        Callback::from(move |_: MouseEvent| {
            let (session, phase, clock) = (session.clone(), phase.clone(), clock.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::session().await {
                    // The call itself restarted the clock (through the activity listener).
                    Ok(info) => {
                        phase.set(clock.borrow().phase(js_sys::Date::now()));
                        session.signed_in(info);
                    }
                    Err(error) if error.status() == Some(401) => session.ended(),
                    Err(_) => {}
                }
            });
        })
    };
    let sign_out = Callback::from(move |_: MouseEvent| session.sign_out(SignedOutReason::SignedOut));
    let minutes = i64::from(seconds_left.div_ceil(60));
    let visible = if seconds_left > 60 {
        i18n.t_count("idle-minutes", &[("count", minutes)])
    } else {
        i18n.t_count("idle-seconds", &[("count", i64::from(seconds_left))])
    };
    // Only a few moments are spoken; the number on screen changes every second.
    let spoken = milestone(seconds_left).map(|m| {
        if m == 60 {
            i18n.t_count("idle-minutes", &[("count", 1)])
        } else {
            i18n.t_count("idle-seconds", &[("count", i64::from(m))])
        }
    });
    html! {
        <Dialog id="idle-warning" title={i18n.t("idle-title")} role={DialogRole::AlertDialog} described=true
            initial_focus="#idle-stay">
            <p id="idle-warning-desc">{ i18n.t("idle-body") }</p>
            <p class="countdown" aria-hidden="true">{ i18n.t_with("idle-left", &[("time", &visible)]) }</p>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">
                { spoken.map(|time| i18n.t_with("idle-left", &[("time", &time)])).unwrap_or_default() }
            </p>
            <div class="actions">
                <button type="button" id="idle-stay" onclick={stay}>{ i18n.t("idle-stay") }</button>
                <button type="button" class="secondary" onclick={sign_out}>{ i18n.t("action-sign-out") }</button>
            </div>
        </Dialog>
    }
}
