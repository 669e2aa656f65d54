//! Hooks shared by pages.

mod use_fetch;
mod use_online;
mod use_record;
mod use_session;

pub use use_fetch::{Fetch, UseFetch, next_generation, use_fetch, use_fetch_with};
pub use use_online::use_online;
pub use use_record::{RecordChoice, RecordProvider, loaded, pick, use_record, use_record_item};
pub use use_session::{
    Action, Notice, SIGNED_OUT_KEY, Session, SessionProvider, SessionState, SignedOutReason, Store,
    use_session,
};
