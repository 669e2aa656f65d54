//! One module per route.

mod about;
mod home;
mod not_found;

pub use about::{AccessibilityPage, PrivacyPage};
pub use home::HomePage;
pub use not_found::NotFoundPage;
