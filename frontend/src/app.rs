//! The root component: language, router, the page-focus rule and the layout around the routes.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{Layout, PageFocus, RequireSignIn};
use crate::hooks::SessionProvider;
use crate::i18n::{I18nProvider, Lang};
use crate::pages::{
    AccessLogPage, AccessibilityPage, AccountSecurityPage, CreateAccountPage, ForgotPasswordPage, HomePage,
    NotFoundPage, PrivacyPage, ProxiesPage, ResetPasswordPage, SecondStepPage, SetUpTwoStepPage, SignInPage,
    VerifyEmailPage,
};
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
            <SessionProvider>
                <BrowserRouter>
                    <ContextProvider<PageFocus> context={(*focus).clone()}>
                        <Layout>
                            <Switch<Route> render={switch} />
                        </Layout>
                    </ContextProvider<PageFocus>>
                </BrowserRouter>
            </SessionProvider>
        </I18nProvider>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Accessibility => html! { <AccessibilityPage /> },
        Route::Privacy => html! { <PrivacyPage /> },
        Route::SignIn => html! { <SignInPage /> },
        Route::SecondStep => html! { <SecondStepPage /> },
        Route::SetUpTwoStep => html! { <SetUpTwoStepPage /> },
        Route::AccountSecurity => html! {
            <RequireSignIn {route}><AccountSecurityPage /></RequireSignIn>
        },
        Route::Proxies => html! {
            <RequireSignIn {route}><ProxiesPage /></RequireSignIn>
        },
        Route::AccessLog => html! {
            <RequireSignIn {route}><AccessLogPage /></RequireSignIn>
        },
        Route::CreateAccount => html! { <CreateAccountPage /> },
        Route::ForgotPassword => html! { <ForgotPasswordPage /> },
        Route::ResetPassword => html! { <ResetPasswordPage /> },
        Route::VerifyEmail => html! { <VerifyEmailPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}
