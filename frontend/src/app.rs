//! The root component: language, router, the page-focus rule and the layout around the routes.

use yew::prelude::*;
use yew_router::prelude::*;

use shared::Role;

use crate::components::{Layout, PageFocus, RequireRole, RequireSignIn};
use crate::hooks::{RecordProvider, SessionProvider};
use crate::i18n::{I18nProvider, Lang};
use crate::pages::{
    AccessLogPage, AccessibilityPage, AccountSecurityPage, AllergiesPage, AuditTrailPage, CreateAccountPage,
    DocumentsPage, DownloadRecordPage, EmergencyAccessPage, ForgotPasswordPage, HealthIssuesPage, HealthPage,
    HomePage, MedicationsPage, NotFoundPage, PrivacyPage, ProxiesPage, RecordSummaryPage, ResetPasswordPage,
    ResultDetailPage, ResultsPage, SecondStepPage, SetUpTwoStepPage, SignInPage, VaccinesPage,
    VerifyEmailPage, VisitDetailPage, VisitsPage,
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
                <RecordProvider>
                <BrowserRouter>
                    <ContextProvider<PageFocus> context={(*focus).clone()}>
                        <Layout>
                            <Switch<Route> render={switch} />
                        </Layout>
                    </ContextProvider<PageFocus>>
                </BrowserRouter>
                </RecordProvider>
            </SessionProvider>
        </I18nProvider>
    }
}

/// A page only a signed-in person sees.
fn signed_in(route: Route, page: Html) -> Html {
    html! { <RequireSignIn {route}>{ page }</RequireSignIn> }
}

/// A page only the security officer sees.
fn security_officer(route: Route, page: Html) -> Html {
    html! { <RequireRole {route} role={Role::SecurityOfficer}>{ page }</RequireRole> }
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
        Route::Results => signed_in(route, html! { <ResultsPage /> }),
        Route::ResultDetail { id } => {
            let page = html! { <ResultDetailPage id={id.clone()} /> };
            signed_in(Route::ResultDetail { id }, page)
        }
        Route::Health => signed_in(route, html! { <HealthPage /> }),
        Route::Medications => signed_in(route, html! { <MedicationsPage /> }),
        Route::Vaccines => signed_in(route, html! { <VaccinesPage /> }),
        Route::Allergies => signed_in(route, html! { <AllergiesPage /> }),
        Route::HealthIssues => signed_in(route, html! { <HealthIssuesPage /> }),
        Route::Visits => signed_in(route, html! { <VisitsPage /> }),
        Route::VisitDetail { id } => {
            let page = html! { <VisitDetailPage id={id.clone()} /> };
            signed_in(Route::VisitDetail { id }, page)
        }
        Route::Documents => signed_in(route, html! { <DocumentsPage /> }),
        Route::DownloadRecord => signed_in(route, html! { <DownloadRecordPage /> }),
        Route::RecordSummary => signed_in(route, html! { <RecordSummaryPage /> }),
        Route::SecurityAudit => security_officer(route, html! { <AuditTrailPage /> }),
        Route::EmergencyAccess => security_officer(route, html! { <EmergencyAccessPage /> }),
        Route::CreateAccount => html! { <CreateAccountPage /> },
        Route::ForgotPassword => html! { <ForgotPasswordPage /> },
        Route::ResetPassword => html! { <ResetPasswordPage /> },
        Route::VerifyEmail => html! { <VerifyEmailPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}
