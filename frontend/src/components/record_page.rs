//! `RecordPage`: the frame of every page about a health record. It shows the record chosen in
//! the record context (the person's own, or one they act for, said plainly at the top so nobody
//! mistakes a child's record for their own), and tells someone who may open no record so. The
//! body is rebuilt whenever the chosen record changes, so nothing of one record lingers in the
//! other's page.

use std::rc::Rc;

use yew::prelude::*;

use super::{Loading, Page, Problem};
use crate::hooks::{Fetch, UseFetch, use_record};
use crate::i18n::use_i18n;

#[derive(Debug, Properties, PartialEq)]
pub struct RecordPageProps {
    pub title: AttrValue,
    /// The page's body for a patient id.
    pub render: Callback<AttrValue, Html>,
}

#[function_component]
pub fn RecordPage(props: &RecordPageProps) -> Html {
    let i18n = use_i18n();
    let record = use_record();
    html! {
        <Page title={props.title.clone()}>
            if let Some(patient) = &record.current {
                if !patient.is_self {
                    <p class="acting-for">{ i18n.t_with("record-viewing", &[("name", &patient.display_name)]) }</p>
                }
                <div class="record-body" key={patient.patient_id.clone()}>
                    { props.render.emit(patient.patient_id.clone().into()) }
                </div>
            } else {
                <p>{ i18n.t("record-none") }</p>
            }
        </Page>
    }
}

/// The body of a page about one item of the record (see `use_record_item`): loading, the
/// failure with a retry, or `view(patient_id, item)`.
pub fn item_body<T: Clone + 'static>(
    fetch: &UseFetch<Option<T>>,
    view: impl Fn(AttrValue, Rc<T>) -> Html + 'static,
) -> Callback<AttrValue, Html> {
    let (state, retry) = (fetch.state.clone(), fetch.retry.clone());
    Callback::from(move |patient_id: AttrValue| match &state {
        Fetch::Loading => html! { <Loading /> },
        Fetch::Failed(error) => html! { <Problem error={error.clone()} retry={retry.clone()} /> },
        Fetch::Done(found) => match found.as_ref() {
            Some(item) => view(patient_id, Rc::new(item.clone())),
            None => Html::default(),
        },
    })
}
