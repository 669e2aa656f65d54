//! `RequireSignIn`: shows its page only to a signed-in person. Anyone else goes to the sign-in
//! page, which brings them back here afterwards. `RequireRole` also asks for one role: anyone
//! else signed in is told the page is not for them, and the page itself never loads (the server
//! refuses its calls anyway).

use shared::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{Loading, NavLink, Page, Problem};
use crate::hooks::{Action, SessionState, use_session};
use crate::i18n::use_i18n;
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct RequireSignInProps {
    /// The page asked for, to return to after signing in.
    pub route: Route,
    pub children: Html,
}

#[function_component]
pub fn RequireSignIn(props: &RequireSignInProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let signed_out = matches!(session.state(), SessionState::SignedOut(_));
    {
        let (session, route) = (session.clone(), props.route.clone());
        use_effect_with(signed_out, move |&signed_out| {
            if signed_out {
                session.dispatch(Action::ReturnTo(Some(route)));
                if let Some(navigator) = navigator {
                    navigator.replace(&Route::SignIn);
                }
            }
        });
    }
    match session.state() {
        SessionState::Checking | SessionState::SignedOut(_) => html! { <Loading /> },
        SessionState::Unknown(error) => {
            let session = session.clone();
            let retry = Callback::from(move |()| session.reload());
            html! { <Problem error={error.clone()} {retry} /> }
        }
        SessionState::SignedIn(_) => props.children.clone(),
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct RequireRoleProps {
    /// The page asked for, to return to after signing in.
    pub route: Route,
    /// Who the page is for.
    pub role: Role,
    pub children: Html,
}

#[function_component]
pub fn RequireRole(props: &RequireRoleProps) -> Html {
    html! {
        <RequireSignIn route={props.route.clone()}>
            <RoleCheck role={props.role}>{ props.children.clone() }</RoleCheck>
        </RequireSignIn>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct RoleCheckProps {
    role: Role,
    children: Html,
}

/// Inside `RequireSignIn`: the page for its role, or a refusal for anyone else.
#[function_component]
fn RoleCheck(props: &RoleCheckProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    if session.info().is_some_and(|me| me.role == props.role) {
        return props.children.clone();
    }
    html! {
        <Page title={i18n.t("not-allowed-title")}>
            <p>{ i18n.t("not-allowed-body") }</p>
            <p><NavLink to={Route::Home}>{ i18n.t("not-found-home") }</NavLink></p>
        </Page>
    }
}
