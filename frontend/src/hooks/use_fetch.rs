//! `use_fetch`: runs an API call when the component mounts, and again on `retry`.

use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiError;

/// Where a call stands.
#[derive(Debug)]
pub enum Fetch<T> {
    Loading,
    Done(Rc<T>),
    Failed(ApiError),
}

// By hand: the value sits behind an `Rc`, so `T` itself need not be `Clone`.
impl<T> Clone for Fetch<T> {
    fn clone(&self) -> Self {
        match self {
            Self::Loading => Self::Loading,
            Self::Done(value) => Self::Done(Rc::clone(value)),
            Self::Failed(error) => Self::Failed(error.clone()),
        }
    }
}

#[derive(Debug)]
pub struct UseFetch<T> {
    pub state: Fetch<T>,
    pub retry: Callback<()>,
}

#[hook]
pub fn use_fetch<T, F, Fut>(call: F) -> UseFetch<T>
where
    T: 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Fetch::Loading);
    let attempt = use_state(|| 0_u32);
    {
        let state = state.clone();
        use_effect_with(*attempt, move |_| {
            state.set(Fetch::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match call().await {
                    Ok(value) => Fetch::Done(Rc::new(value)),
                    Err(err) => Fetch::Failed(err),
                });
            });
        });
    }
    let retry = Callback::from(move |()| attempt.set(*attempt + 1));
    UseFetch { state: (*state).clone(), retry }
}
