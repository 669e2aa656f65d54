//! Building blocks shared by pages, each following the WAI-ARIA pattern it is named after.

mod dialog;
pub mod form;
mod guard;
mod idle_warning;
mod language_switch;
mod layout;
mod nav_link;
mod page;
mod reauth;
mod recovery_codes;
mod status;

pub use dialog::{Dialog, DialogRole};
pub use form::{ErrorSummary, Field, FormError, OneTimeCodeField, PasswordField};
pub use guard::RequireSignIn;
pub use idle_warning::IdleWarning;
pub use language_switch::LanguageSwitch;
pub use layout::Layout;
pub use nav_link::NavLink;
pub use page::{OwnRecordPage, Page, PageFocus};
pub use reauth::ReauthDialog;
pub use recovery_codes::RecoveryCodesView;
pub use status::{FetchView, Loading, Problem, problem_words};
