//! The page for an address the app does not know.

use yew::prelude::*;

use crate::components::{NavLink, Page};
use crate::i18n::use_i18n;
use crate::route::Route;

#[function_component]
pub fn NotFoundPage() -> Html {
    let i18n = use_i18n();
    html! {
        <Page title={i18n.t("not-found-title")}>
            <p>{ i18n.t("not-found-body") }</p>
            <p><NavLink to={Route::Home}>{ i18n.t("not-found-home") }</NavLink></p>
        </Page>
    }
}
