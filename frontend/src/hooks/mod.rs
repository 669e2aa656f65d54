//! Hooks shared by pages.

mod use_fetch;
mod use_online;

pub use use_fetch::{Fetch, use_fetch};
pub use use_online::use_online;
