//! The app's routes: one variant per page.

use yew_router::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/accessibility")]
    Accessibility,
    #[at("/privacy")]
    Privacy,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}
