//! `Layout`: the frame around every page: skip link, header with the language switch, main
//! navigation, the main region, an offline notice and the footer. One `<main>`, and each
//! navigation landmark has its own name. On a phone a signed-in person's navigation folds
//! behind a "Menu" button (a disclosure: `aria-expanded`, Escape closes it and returns focus),
//! so the page starts near the top of the screen; it closes again on every new page. Pages
//! inside it can announce changes (`use_announce()`): the page's live regions follow the footer.

use shared::Role;
use yew::prelude::*;

use super::{IdleWarning, LanguageSwitch, LiveRegionProvider, NavLink, RecordSwitch};
use yew_router::prelude::*;

use crate::hooks::{SessionState, SignedOutReason, use_online, use_session};
use crate::i18n::use_i18n;
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

#[function_component]
pub fn Layout(props: &LayoutProps) -> Html {
    let i18n = use_i18n();
    let online = use_online();
    let session = use_session();
    let me = session.info();
    // Proxies and the access log are about one's own record, which not everyone has.
    let has_record = session.own_patient_id().is_some();
    // The record pages, for anyone who may open a record (their own or someone else's).
    let opens_records = me.as_ref().is_some_and(|me| !me.patients.is_empty());
    let security_officer = me.as_ref().is_some_and(|me| me.role == Role::SecurityOfficer);
    let navigator = use_navigator();
    // Signed out by choice, by the idle timeout or elsewhere: the sign-in page says which.
    let signed_out_now = matches!(session.state(), SessionState::SignedOut(Some(_)));
    use_effect_with(signed_out_now, move |&signed_out_now| {
        if let (true, Some(navigator)) = (signed_out_now, navigator) {
            navigator.push(&Route::SignIn);
        }
    });
    let sign_out = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| session.sign_out(SignedOutReason::SignedOut))
    };
    // `use_state_eq`: closing a closed menu redraws nothing.
    let nav_open = use_state_eq(|| false);
    let nav_toggle = use_node_ref();
    {
        let nav_open = nav_open.clone();
        let path = use_location().map(|l| l.path().to_owned());
        use_effect_with(path, move |_| nav_open.set(false));
    }
    let toggle_nav = {
        let nav_open = nav_open.clone();
        Callback::from(move |_: MouseEvent| nav_open.set(!*nav_open))
    };
    // A link followed closes the menu, also the one to the page already shown.
    let nav_followed = {
        let nav_open = nav_open.clone();
        Callback::from(move |_: MouseEvent| nav_open.set(false))
    };
    let nav_keys = {
        let (nav_open, nav_toggle) = (nav_open.clone(), nav_toggle.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *nav_open {
                nav_open.set(false);
                if let Some(button) = nav_toggle.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    let main = use_node_ref();
    // Focus the main region itself: following `#main` alone scrolls but leaves focus behind
    // in some browsers, and the router would treat the hash as a navigation.
    let skip = {
        let main = main.clone();
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            if let Some(main) = main.cast::<web_sys::HtmlElement>() {
                let _ = main.focus();
                main.scroll_into_view();
            }
        })
    };
    // Until the server says who is signed in, nothing is drawn: the header and navigation differ
    // for a signed-in person, and drawing them late would push the page down as it is read
    // (a layout shift Lighthouse measured at 0.57). The question takes one short request.
    if matches!(session.state(), SessionState::Checking) {
        return html! {
            <main id="main" tabindex="-1" ref={main}>
                <p class="visually-hidden" role="status">{ i18n.t("loading") }</p>
            </main>
        };
    }
    html! {
        <LiveRegionProvider>
            <a class="skip-link" href="#main" onclick={skip}>{ i18n.t("skip-to-main") }</a>
            <header class="site-header">
                <div class="brand">
                    <img src="/icons/icon.svg" alt="" width="32" height="32" />
                    <span>{ i18n.t("app-name") }</span>
                </div>
                <div class="header-tools">
                    <RecordSwitch />
                    if let Some(me) = &me {
                        <span class="signed-in-as">{ i18n.t_with("header-signed-in-as", &[("name", &me.display_name)]) }</span>
                        <button type="button" class="secondary sign-out" onclick={sign_out}>{ i18n.t("action-sign-out") }</button>
                    }
                    <LanguageSwitch />
                </div>
            </header>
            // Signed out there are two links: nothing to fold.
            <nav class={classes!("site-nav", me.is_some().then_some("foldable"), nav_open.then_some("open"))}
                aria-label={i18n.t("nav-main")} onkeydown={nav_keys}>
                if me.is_some() {
                    <button type="button" class="secondary nav-toggle" ref={nav_toggle} onclick={toggle_nav}
                        aria-expanded={(*nav_open).to_string()} aria-controls="site-nav-list">
                        <span class="icon" aria-hidden="true">{ "☰" }</span>{ i18n.t("nav-menu") }
                    </button>
                }
                <ul id="site-nav-list" onclick={nav_followed}>
                    <li><NavLink to={Route::Home}>{ i18n.t("nav-home") }</NavLink></li>
                    if opens_records {
                        <li><NavLink to={Route::Results}>{ i18n.t("nav-results") }</NavLink></li>
                        <li><NavLink to={Route::Health}>{ i18n.t("nav-health") }</NavLink></li>
                        <li><NavLink to={Route::Visits}>{ i18n.t("nav-visits") }</NavLink></li>
                    }
                    if security_officer {
                        <li><NavLink to={Route::SecurityAudit}>{ i18n.t("nav-audit") }</NavLink></li>
                        <li><NavLink to={Route::EmergencyAccess}>{ i18n.t("nav-emergency-access") }</NavLink></li>
                    }
                    if me.is_some() {
                        <li><NavLink to={Route::AccountSecurity}>{ i18n.t("nav-account-security") }</NavLink></li>
                        if has_record {
                            <li><NavLink to={Route::Proxies}>{ i18n.t("proxies-title") }</NavLink></li>
                            <li><NavLink to={Route::AccessLog}>{ i18n.t("access-log-title") }</NavLink></li>
                        }
                    } else {
                        <li><NavLink to={Route::SignIn}>{ i18n.t("nav-sign-in") }</NavLink></li>
                    }
                </ul>
            </nav>
            if !online {
                <p class="offline-banner" role="status">{ i18n.t("offline-banner") }</p>
            }
            <main id="main" tabindex="-1" ref={main}>{ props.children.clone() }</main>
            if let Some(me) = &me {
                <IdleWarning timeout_secs={me.idle_timeout_secs} />
            }
            <footer class="site-footer">
                <nav aria-label={i18n.t("nav-footer")}>
                    <ul>
                        <li><NavLink to={Route::Accessibility}>{ i18n.t("footer-accessibility") }</NavLink></li>
                        <li><NavLink to={Route::Privacy}>{ i18n.t("footer-privacy") }</NavLink></li>
                    </ul>
                </nav>
                <p>{ i18n.t("footer-note") }</p>
            </footer>
        </LiveRegionProvider>
    }
}
