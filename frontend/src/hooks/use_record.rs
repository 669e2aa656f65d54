//! Whose record the record pages show: the signed-in person's own, or the record of someone they
//! may act for (a child, a parent they care for). The choice lives in this tab's memory only —
//! never in storage — and falls back to the person's own record (else the first they may open)
//! whenever it is not one of the records the server lists for the session.

use std::future::Future;
use std::rc::Rc;

use shared::auth::PatientLink;
use yew::prelude::*;

use super::{Fetch, UseFetch, use_fetch_with, use_session};
use crate::api::ApiError;

/// What the context holds.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordChoice {
    /// Every record the person may open, their own first.
    pub patients: Rc<Vec<PatientLink>>,
    /// The record the pages show now; `None` for someone who may open none (staff).
    pub current: Option<PatientLink>,
    /// Shows another record (by patient id).
    pub choose: Callback<String>,
}

/// The record chosen among `patients`: `chosen` when it is one of them, else the person's own,
/// else the first.
pub fn pick(patients: &[PatientLink], chosen: Option<&str>) -> Option<PatientLink> {
    chosen
        .and_then(|id| patients.iter().find(|p| p.patient_id == id))
        .or_else(|| patients.iter().find(|p| p.is_self))
        .or_else(|| patients.first())
        .cloned()
}

/// The record context; outside a [`RecordProvider`] nobody's record is chosen.
#[hook]
pub fn use_record() -> RecordChoice {
    use_context::<RecordChoice>().unwrap_or_else(|| RecordChoice {
        patients: Rc::new(Vec::new()),
        current: None,
        choose: Callback::noop(),
    })
}

/// One item of the chosen record (a result, a visit) by its id: `call(patient_id, id)` runs
/// again whenever the record or the id changes, and answers `None` for someone who may open no
/// record.
#[hook]
pub fn use_record_item<T, F, Fut>(id: AttrValue, call: F) -> UseFetch<Option<T>>
where
    T: 'static,
    F: Fn(String, String) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let record = use_record();
    let patient_id = record.current.as_ref().map(|p| p.patient_id.clone());
    use_fetch_with((patient_id, id), move |(patient_id, id)| {
        let call = patient_id.map(|patient_id| call(patient_id, id.to_string()));
        async move {
            match call {
                Some(call) => call.await.map(Some),
                None => Ok(None),
            }
        }
    })
}

/// The item once loaded.
pub fn loaded<T>(state: &Fetch<Option<T>>) -> Option<&T> {
    match state {
        Fetch::Done(found) => found.as_ref().as_ref(),
        _ => None,
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct RecordProviderProps {
    pub children: Html,
}

#[function_component]
pub fn RecordProvider(props: &RecordProviderProps) -> Html {
    let session = use_session();
    let chosen = use_state(|| None::<String>);
    let patients = Rc::new(session.info().map(|info| info.patients.clone()).unwrap_or_default());
    let current = pick(&patients, chosen.as_deref());
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |id: String| chosen.set(Some(id)))
    };
    let context = RecordChoice { patients, current, choose };
    html! {
        <ContextProvider<RecordChoice> {context}>{ props.children.clone() }</ContextProvider<RecordChoice>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: &str, is_self: bool) -> PatientLink {
        PatientLink { patient_id: id.to_owned(), display_name: id.to_owned(), is_self }
    }

    #[test]
    fn the_own_record_comes_first_unless_another_is_chosen() {
        let patients = [link("child", false), link("me", true)];
        assert_eq!(pick(&patients, None).unwrap().patient_id, "me");
        assert_eq!(pick(&patients, Some("child")).unwrap().patient_id, "child");
    }

    #[test]
    fn a_choice_that_is_no_longer_allowed_falls_back() {
        let patients = [link("me", true)];
        assert_eq!(pick(&patients, Some("someone-else")).unwrap().patient_id, "me");
        let proxy_only = [link("parent", false)];
        assert_eq!(pick(&proxy_only, None).unwrap().patient_id, "parent");
        assert_eq!(pick(&[], Some("x")), None);
    }
}
