//! `use_fetch`: runs an API call when the component mounts, and again on `retry`.

use std::cell::RefCell;
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

/// Numbers a new request from `counter`: an answer whose number is no longer the counter's
/// belongs to a request since replaced, and is dropped.
pub fn next_generation(counter: &RefCell<u64>) -> u64 {
    let mut current = counter.borrow_mut();
    *current += 1;
    *current
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

/// Like [`use_fetch`], and runs the call again whenever `deps` change (another record, another
/// item): what a page shows always belongs to what it is about.
#[hook]
pub fn use_fetch_with<T, D, F, Fut>(deps: D, call: F) -> UseFetch<T>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Fetch::Loading);
    let attempt = use_state(|| 0_u32);
    // A slow answer for the previous `deps` must not land over the current one's.
    let generation = use_mut_ref(|| 0_u64);
    {
        let state = state.clone();
        use_effect_with((deps, *attempt), move |(deps, _)| {
            state.set(Fetch::Loading);
            let mine = next_generation(&generation);
            let future = call(deps.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = future.await;
                if *generation.borrow() == mine {
                    state.set(match outcome {
                        Ok(value) => Fetch::Done(Rc::new(value)),
                        Err(err) => Fetch::Failed(err),
                    });
                }
            });
        });
    }
    let retry = Callback::from(move |()| attempt.set(*attempt + 1));
    UseFetch { state: (*state).clone(), retry }
}
