//! Building blocks shared by pages, each following the WAI-ARIA pattern it is named after.

mod language_switch;
mod layout;
mod nav_link;
mod page;
mod status;

pub use language_switch::LanguageSwitch;
pub use layout::Layout;
pub use nav_link::NavLink;
pub use page::{Page, PageFocus};
pub use status::{FetchView, Loading, Problem};
