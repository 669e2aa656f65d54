//! Building blocks shared by pages, each following the WAI-ARIA pattern it is named after.

pub mod chart_scale;
mod dialog;
mod disclosure;
pub mod form;
mod guard;
mod idle_warning;
mod keyboard;
mod language_switch;
mod layout;
mod listbox;
mod live_region;
mod menu_button;
mod nav_link;
mod page;
mod range_bar;
mod reauth;
mod record_page;
mod record_switch;
mod recovery_codes;
mod scroll_table;
mod sortable_table;
mod status;
mod tabs;
mod test_guide;
mod test_search;
mod trend_chart;

pub use dialog::{Dialog, DialogRole};
pub use disclosure::{Disclosure, HeadingLevel};
pub use form::{ErrorSummary, Field, FormError, OneTimeCodeField, PasswordField};
pub use guard::{RequireRole, RequireSignIn};
pub use idle_warning::IdleWarning;
pub use language_switch::LanguageSwitch;
pub use layout::Layout;
pub use listbox::{Combobox, ListOption, Listbox};
pub use live_region::{
    Alert, AlertTone, Announcer, LiveRegionProvider, Politeness, use_announce, use_announcer,
};
pub use menu_button::{MenuAction, MenuAlign, MenuButton, MenuItem};
pub use nav_link::NavLink;
pub use page::{OwnRecordPage, Page, PageFocus};
pub use range_bar::RangeBar;
pub use reauth::ReauthDialog;
pub use record_page::{RecordPage, item_body};
pub use record_switch::RecordSwitch;
pub use recovery_codes::RecoveryCodesView;
pub use scroll_table::ScrollTable;
pub use sortable_table::{Column, SortDirection, SortKind, SortState, SortableTable};
pub use status::{FetchView, Loading, Problem, problem_words};
pub use tabs::{Tab, Tabs};
pub use test_guide::TestGuide;
pub use test_search::TestSearch;
pub use trend_chart::{TrendChart, describe as describe_trend, with_unit};
