//! How a page shows a call in progress or a call that failed: a polite live region while
//! loading, and an alert with a way to try again when it fails.

use yew::prelude::*;

use crate::api::ApiError;
use crate::hooks::Fetch;
use crate::i18n::use_i18n;

#[function_component]
pub fn Loading() -> Html {
    let i18n = use_i18n();
    html! { <p class="loading" role="status">{ i18n.t("loading") }</p> }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ProblemProps {
    pub error: ApiError,
    pub retry: Callback<()>,
}

/// A failed call: what happened in plain words, the request id for the help desk, and a retry.
#[function_component]
pub fn Problem(props: &ProblemProps) -> Html {
    let i18n = use_i18n();
    let message = if props.error.is_network() { i18n.t("error-offline") } else { i18n.t("error-generic") };
    let reference = props.error.request_id().map(|id| i18n.t_with("error-reference", &[("id", id)]));
    let retry = props.retry.reform(|_: MouseEvent| ());
    html! {
        <div class="problem" role="alert">
            <p>{ message }</p>
            if let Some(reference) = reference { <p class="reference">{ reference }</p> }
            <button type="button" onclick={retry}>{ i18n.t("action-retry") }</button>
        </div>
    }
}

#[derive(Properties)]
pub struct FetchViewProps<T: 'static> {
    pub state: Fetch<T>,
    pub retry: Callback<()>,
    pub render: Callback<std::rc::Rc<T>, Html>,
}

impl<T> PartialEq for FetchViewProps<T> {
    fn eq(&self, other: &Self) -> bool {
        let same_state = match (&self.state, &other.state) {
            (Fetch::Loading, Fetch::Loading) => true,
            (Fetch::Done(a), Fetch::Done(b)) => std::rc::Rc::ptr_eq(a, b),
            (Fetch::Failed(a), Fetch::Failed(b)) => a == b,
            _ => false,
        };
        same_state && self.retry == other.retry && self.render == other.render
    }
}

/// Shows loading, the failure, or the fetched value rendered by `render`.
#[function_component]
pub fn FetchView<T: 'static>(props: &FetchViewProps<T>) -> Html {
    match &props.state {
        Fetch::Loading => html! { <Loading /> },
        Fetch::Failed(error) => html! { <Problem error={error.clone()} retry={props.retry.clone()} /> },
        Fetch::Done(value) => props.render.emit(value.clone()),
    }
}

/// Plain words for a failed call, chosen by what happened (never the server's own message).
pub fn problem_words(i18n: &crate::i18n::Translations, error: &ApiError) -> String {
    if error.is_network() {
        return i18n.t("error-offline");
    }
    match error.status() {
        Some(429) => {
            let minutes = error.retry_after().map_or(1, |s| s.div_ceil(60).max(1));
            i18n.t_count("error-too-many", &[("minutes", i64::from(minutes))])
        }
        Some(404) => i18n.t("error-not-available"),
        _ => i18n.t("error-generic"),
    }
}
