//! `RequireSignIn`: shows its page only to a signed-in person. Anyone else goes to the sign-in
//! page, which brings them back here afterwards.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{Loading, Problem};
use crate::hooks::{Action, SessionState, use_session};
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
