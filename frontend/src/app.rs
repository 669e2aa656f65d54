//! The root component: language, router, the page-focus rule and the layout around the routes.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{Layout, PageFocus};
use crate::i18n::{I18nProvider, Lang};
use crate::pages::{AccessibilityPage, HomePage, NotFoundPage, PrivacyPage};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq, Default)]
pub struct AppProps {
    /// Start in this language instead of the remembered or browser one (for tests).
    #[prop_or_default]
    pub lang: Option<Lang>,
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let focus = use_memo((), |()| PageFocus::default());
    html! {
        <I18nProvider initial={props.lang}>
            <BrowserRouter>
                <ContextProvider<PageFocus> context={(*focus).clone()}>
                    <Layout>
                        <Switch<Route> render={switch} />
                    </Layout>
                </ContextProvider<PageFocus>>
            </BrowserRouter>
        </I18nProvider>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Accessibility => html! { <AccessibilityPage /> },
        Route::Privacy => html! { <PrivacyPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}
