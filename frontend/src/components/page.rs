//! `Page`: every screen's frame. It names the page in the browser tab and, when the patient
//! arrives from another page, moves focus to the page's heading so a screen reader announces
//! where they are (the first page of a visit keeps focus at the top, as browsers do).

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::use_i18n;

/// Whether a page has been shown yet in this visit; provided once by the app.
#[derive(Debug, Clone, Default)]
pub struct PageFocus(Rc<Cell<bool>>);

impl PartialEq for PageFocus {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct PageProps {
    /// The page's name: its heading and the first part of the tab title.
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[derive(Debug, Properties, PartialEq)]
pub struct OwnRecordPageProps {
    pub title: AttrValue,
    /// The page's body for the signed-in person's own record, given its patient id.
    pub render: Callback<AttrValue, Html>,
}

/// A page about the signed-in person's own record; someone without one (a proxy who only acts
/// for others, or staff) is told the page is not for them.
#[function_component]
pub fn OwnRecordPage(props: &OwnRecordPageProps) -> Html {
    let i18n = use_i18n();
    let session = crate::hooks::use_session();
    html! {
        <Page title={props.title.clone()}>
            if let Some(patient_id) = session.own_patient_id() {
                { props.render.emit(patient_id.into()) }
            } else {
                <p>{ i18n.t("own-record-only") }</p>
            }
        </Page>
    }
}

#[function_component]
pub fn Page(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let heading = use_node_ref();
    let focus = use_context::<PageFocus>().unwrap_or_default();

    let document_title = i18n.t_with("document-title", &[("page", &props.title)]);
    use_effect_with(document_title, |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(title);
        }
    });
    {
        let heading = heading.clone();
        use_effect_with((), move |()| {
            let arrived_from_another_page = focus.0.replace(true);
            if let Some(h1) = heading.cast::<web_sys::HtmlElement>().filter(|_| arrived_from_another_page) {
                let _ = h1.focus();
            }
        });
    }
    html! {
        <>
            <h1 id="page-title" tabindex="-1" ref={heading}>{ props.title.clone() }</h1>
            { props.children.clone() }
        </>
    }
}
