//! The session: who is signed in, as the server says (`GET /api/session` at start; the cookie
//! itself is `HttpOnly`, so the app never holds a token), kept in a context by
//! [`SessionProvider`] and read with [`use_session`]. It also carries what sign-in hands from
//! one screen to the next: the second-step methods, recovery codes to show once, and a notice.

use std::rc::Rc;

use gloo::events::EventListener;
use shared::SessionInfo;
use shared::auth::SecondFactorMethod;
use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use crate::api::{self, ApiError};

/// A key in `localStorage` another tab writes when it signs out, so every tab follows. It holds
/// only why and when (`timed-out:1700000000000`), nothing about the person.
pub const SIGNED_OUT_KEY: &str = "portal.signed-out";

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server.
    Checking,
    /// The server could not be asked (offline): public pages work, signed-in ones offer a retry.
    Unknown(ApiError),
    SignedOut(Option<SignedOutReason>),
    SignedIn(Rc<SessionInfo>),
}

/// Why the person is signed out, for the sign-in page to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedOutReason {
    /// They chose to.
    SignedOut,
    /// They were away too long.
    TimedOut,
    /// The server ended the session (signed out elsewhere, or its time was up).
    Ended,
}

/// A message for the next page to show once, in a polite status region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    PasswordChanged,
    TwoStepOff,
    SessionSignedOut,
}

/// What the context holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    pub state: SessionState,
    /// The second-step methods the password step offered, while a sign-in is half done.
    pub methods: Option<Vec<SecondFactorMethod>>,
    /// Recovery codes just made, to show once; never stored anywhere else.
    pub recovery_codes: Option<Rc<Vec<String>>>,
    pub notice: Option<Notice>,
    /// The signed-in page the person asked for before signing in, to go back to after.
    pub return_to: Option<crate::route::Route>,
}

/// Changes to the session.
#[derive(Debug)]
pub enum Action {
    Loaded(Result<SessionInfo, ApiError>),
    SignedIn(SessionInfo),
    SecondStep(Vec<SecondFactorMethod>),
    SignedOut(SignedOutReason),
    RecoveryCodes(Option<Vec<String>>),
    Notice(Option<Notice>),
    ReturnTo(Option<crate::route::Route>),
    Checking,
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Checking => next.state = SessionState::Checking,
            Action::Loaded(Ok(info)) | Action::SignedIn(info) => {
                next.state = SessionState::SignedIn(Rc::new(info));
                next.methods = None;
            }
            Action::Loaded(Err(error)) if error.status() == Some(401) => {
                next.state = SessionState::SignedOut(None);
            }
            Action::Loaded(Err(error)) => next.state = SessionState::Unknown(error),
            Action::SecondStep(methods) => next.methods = Some(methods),
            Action::SignedOut(reason) => {
                // Nothing of the person's outlives their session in this tab.
                next = Self {
                    state: SessionState::SignedOut(Some(reason)),
                    methods: None,
                    recovery_codes: None,
                    notice: None,
                    return_to: None,
                };
            }
            Action::ReturnTo(route) => next.return_to = route,
            Action::RecoveryCodes(codes) => next.recovery_codes = codes.map(Rc::new),
            Action::Notice(notice) => next.notice = notice,
        }
        Rc::new(next)
    }
}

/// The session context, with what may be done to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    store: UseReducerHandle<Store>,
}

impl Session {
    pub fn state(&self) -> &SessionState {
        &self.store.state
    }

    /// The signed-in person, if any.
    pub fn info(&self) -> Option<Rc<SessionInfo>> {
        match &self.store.state {
            SessionState::SignedIn(info) => Some(info.clone()),
            _ => None,
        }
    }

    /// The id of the signed-in person's own record; `None` for someone without one (a proxy
    /// who only acts for others, or staff).
    pub fn own_patient_id(&self) -> Option<String> {
        let info = self.info()?;
        info.patients.iter().find(|p| p.is_self).map(|p| p.patient_id.clone())
    }

    pub fn second_step_methods(&self) -> Option<&[SecondFactorMethod]> {
        self.store.methods.as_deref()
    }

    pub fn recovery_codes(&self) -> Option<Rc<Vec<String>>> {
        self.store.recovery_codes.clone()
    }

    pub fn notice(&self) -> Option<Notice> {
        self.store.notice
    }

    /// Where to go once signed in: the page asked for, or the home page.
    pub fn return_to(&self) -> crate::route::Route {
        self.store.return_to.clone().unwrap_or(crate::route::Route::Home)
    }

    pub fn dispatch(&self, action: Action) {
        self.store.dispatch(action);
    }

    /// Signing in finished (or the server sent a fresh view of the session).
    pub fn signed_in(&self, info: SessionInfo) {
        self.store.dispatch(Action::SignedIn(info));
    }

    /// Asks the server again who is signed in.
    pub fn reload(&self) {
        let store = self.store.clone();
        store.dispatch(Action::Checking);
        wasm_bindgen_futures::spawn_local(async move {
            store.dispatch(Action::Loaded(api::session().await));
        });
    }

    /// Refreshes the signed-in person's details without leaving the page.
    pub fn refresh(&self) {
        let store = self.store.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match api::session().await {
                Ok(info) => store.dispatch(Action::SignedIn(info)),
                Err(error) if error.status() == Some(401) => {
                    store.dispatch(Action::SignedOut(SignedOutReason::Ended));
                }
                // Offline for a moment: the details on screen stay as they were.
                Err(_) => {}
            }
        });
    }

    /// Signs this browser out on the server, then here; other tabs follow.
    pub fn sign_out(&self, reason: SignedOutReason) {
        let store = self.store.clone();
        wasm_bindgen_futures::spawn_local(async move {
            // Offline, the server's own idle timeout ends the session; this tab forgets it now.
            let _ = api::sign_out().await;
            announce_sign_out(reason);
            store.dispatch(Action::SignedOut(reason));
        });
    }

    /// The server answered 401 to a signed-in call: the session is already gone.
    pub fn ended(&self) {
        if matches!(self.store.state, SessionState::SignedIn(_)) {
            self.store.dispatch(Action::SignedOut(SignedOutReason::Ended));
        }
    }
}

fn announce_sign_out(reason: SignedOutReason) {
    // A tab that timed out speaks for the others too: their clocks run together (see `IdleWarning`).
    let why = if reason == SignedOutReason::TimedOut { "timed-out" } else { "signed-out" };
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(SIGNED_OUT_KEY, &format!("{why}:{}", js_sys::Date::now()));
    }
}

/// What another tab's sign-out means here.
fn reason_from_other_tab(value: Option<&str>) -> SignedOutReason {
    if value.is_some_and(|v| v.starts_with("timed-out:")) {
        SignedOutReason::TimedOut
    } else {
        SignedOutReason::Ended
    }
}

/// The session context; panics outside a [`SessionProvider`], which is a programming error.
#[hook]
pub fn use_session() -> Session {
    use_context::<Session>().expect("use_session() called outside <SessionProvider>")
}

#[derive(Debug, Properties, PartialEq)]
pub struct SessionProviderProps {
    pub children: Html,
}

#[function_component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let store = use_reducer(|| Store {
        state: SessionState::Checking,
        methods: None,
        recovery_codes: None,
        notice: None,
        return_to: None,
    });
    {
        let store = store.clone();
        use_effect_with((), move |()| {
            let loading = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                loading.dispatch(Action::Loaded(api::session().await));
            });
            // Another tab signed out: this one is signed out too (the cookie is shared), and says
            // why as that tab does.
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "storage", move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
                    if event.key().as_deref() == Some(SIGNED_OUT_KEY)
                        && matches!(store.state, SessionState::SignedIn(_))
                    {
                        store
                            .dispatch(Action::SignedOut(reason_from_other_tab(event.new_value().as_deref())));
                    }
                })
            });
            move || drop(listener)
        });
    }
    let context = Session { store };
    html! {
        <ContextProvider<Session> {context}>{ props.children.clone() }</ContextProvider<Session>>
    }
}
