//! `Layout`: the frame around every page: skip link, header with the language switch, main
//! navigation, the main region, an offline notice and the footer. One `<main>`, and each
//! navigation landmark has its own name.

use yew::prelude::*;

use super::{LanguageSwitch, NavLink};
use crate::hooks::use_online;
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
    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip}>{ i18n.t("skip-to-main") }</a>
            <header class="site-header">
                <div class="brand">
                    <img src="/icons/icon.svg" alt="" width="32" height="32" />
                    <span>{ i18n.t("app-name") }</span>
                </div>
                <LanguageSwitch />
            </header>
            <nav class="site-nav" aria-label={i18n.t("nav-main")}>
                <ul>
                    <li><NavLink to={Route::Home}>{ i18n.t("nav-home") }</NavLink></li>
                </ul>
            </nav>
            if !online {
                <p class="offline-banner" role="status">{ i18n.t("offline-banner") }</p>
            }
            <main id="main" tabindex="-1" ref={main}>{ props.children.clone() }</main>
            <footer class="site-footer">
                <nav aria-label={i18n.t("nav-footer")}>
                    <ul>
                        <li><NavLink to={Route::Accessibility}>{ i18n.t("footer-accessibility") }</NavLink></li>
                        <li><NavLink to={Route::Privacy}>{ i18n.t("footer-privacy") }</NavLink></li>
                    </ul>
                </nav>
                <p>{ i18n.t("footer-note") }</p>
            </footer>
        </>
    }
}
