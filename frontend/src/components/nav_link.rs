//! `NavLink`: a link to one of the app's routes that marks the current page with
//! `aria-current="page"` and navigates without reloading (unless a modifier key asks the browser
//! for a new tab or window).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct NavLinkProps {
    pub to: Route,
    pub children: Html,
}

#[function_component]
pub fn NavLink(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let current = use_route::<Route>();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |event: MouseEvent| {
            let modified = event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if modified || event.button() != 0 {
                return;
            }
            if let Some(navigator) = &navigator {
                event.prevent_default();
                navigator.push(&to);
            }
        })
    };
    let aria_current = (current == Some(props.to.clone())).then_some("page");
    html! {
        <a href={props.to.to_path()} aria-current={aria_current} {onclick}>{ props.children.clone() }</a>
    }
}
