//! Telling a screen reader about a change it was not moved to: the `LiveRegionProvider` with
//! its two visually hidden live regions (polite and assertive) and `use_announce()` to speak in
//! them, and `Alert` (APG Alert pattern) for an important message shown after an action.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// How soon a message is read: after what the reader is saying (`Polite`), or at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Politeness {
    Polite,
    /// Interrupts the reader: only for what cannot wait (prefer [`Alert`] next to the cause).
    Assertive,
}

impl Politeness {
    const fn slot(self) -> usize {
        match self {
            Self::Polite => 0,
            Self::Assertive => 1,
        }
    }
}

/// What the provider gives its descendants: a way to speak in one of its regions.
#[derive(Debug, Clone, PartialEq)]
pub struct Announcer(Option<Callback<(Politeness, String)>>);

impl Announcer {
    /// Reads `text` once the reader has finished what it is saying.
    pub fn polite(&self, text: impl Into<String>) {
        self.say(Politeness::Polite, text.into());
    }

    /// Reads `text` at once, interrupting the reader.
    pub fn assertive(&self, text: impl Into<String>) {
        self.say(Politeness::Assertive, text.into());
    }

    fn say(&self, politeness: Politeness, text: String) {
        if let Some(announce) = &self.0 {
            announce.emit((politeness, text));
        }
    }
}

/// The announcer of the nearest [`LiveRegionProvider`]; outside one (a component tested on its
/// own), announcements go nowhere rather than failing.
#[hook]
pub fn use_announcer() -> Announcer {
    use_context::<Announcer>().unwrap_or(Announcer(None))
}

/// A callback that reads its text politely ("Showing 42 results"). Saying the same text again
/// reads it again.
#[hook]
pub fn use_announce() -> Callback<String> {
    let announcer = use_announcer();
    use_callback(announcer, |text: String, announcer| announcer.polite(text))
}

/// How long a region stays empty before its new words go in. Screen readers announce what is
/// added to a live region; emptying it first, then adding a new node, makes a repeat of the same
/// words an addition too.
const CLEAR_MS: u32 = 100;

#[derive(Debug, Clone, PartialEq)]
struct Message {
    /// A new key for every message, so Yew adds a new node instead of reusing the old one.
    key: u64,
    text: AttrValue,
}

#[derive(Debug, Default, PartialEq)]
struct Regions {
    shown: [Option<Message>; 2],
    next_key: u64,
}

enum RegionAction {
    Clear(Politeness),
    Show(Politeness, String),
}

impl Reducible for Regions {
    type Action = RegionAction;

    fn reduce(self: Rc<Self>, action: RegionAction) -> Rc<Self> {
        let mut next = Self { shown: self.shown.clone(), next_key: self.next_key };
        match action {
            RegionAction::Clear(politeness) => next.shown[politeness.slot()] = None,
            RegionAction::Show(politeness, text) => {
                next.next_key += 1;
                next.shown[politeness.slot()] = Some(Message { key: next.next_key, text: text.into() });
            }
        }
        Rc::new(next)
    }
}

/// Words waiting for their region to be emptied; several said close together are read as one.
#[derive(Default)]
struct Pending {
    texts: Vec<String>,
    armed: bool,
    timer: Option<Timeout>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct LiveRegionProviderProps {
    pub children: Html,
}

/// Renders its children and, after them, the page's two live regions (present from the start,
/// since screen readers only watch regions that already exist when their content changes).
#[function_component]
pub fn LiveRegionProvider(props: &LiveRegionProviderProps) -> Html {
    let regions = use_reducer(Regions::default);
    let pending = use_mut_ref(|| [Pending::default(), Pending::default()]);
    let announcer = {
        let dispatcher = regions.dispatcher();
        use_memo((), move |()| {
            Announcer(Some(Callback::from(move |(politeness, text): (Politeness, String)| {
                let slot = politeness.slot();
                {
                    let mut all = pending.borrow_mut();
                    let waiting = &mut all[slot];
                    if !waiting.texts.contains(&text) {
                        waiting.texts.push(text);
                    }
                    if waiting.armed {
                        return;
                    }
                    waiting.armed = true;
                }
                dispatcher.dispatch(RegionAction::Clear(politeness));
                let timer = {
                    let (dispatcher, pending) = (dispatcher.clone(), Rc::clone(&pending));
                    Timeout::new(CLEAR_MS, move || {
                        let texts = take_pending(&pending, slot);
                        dispatcher.dispatch(RegionAction::Show(politeness, texts.join(" ")));
                    })
                };
                // Replaced only when the next message arms it, never from inside its own
                // callback, which is still running then.
                pending.borrow_mut()[slot].timer = Some(timer);
            })))
        })
    };
    let region = |message: &Option<Message>| match message {
        Some(message) => html! { <p key={message.key}>{ message.text.clone() }</p> },
        None => html! {},
    };
    html! {
        <ContextProvider<Announcer> context={(*announcer).clone()}>
            { props.children.clone() }
            <div class="visually-hidden live-region live-region-polite" aria-live="polite" aria-atomic="true">
                { region(&regions.shown[Politeness::Polite.slot()]) }
            </div>
            <div class="visually-hidden live-region live-region-assertive" aria-live="assertive" aria-atomic="true">
                { region(&regions.shown[Politeness::Assertive.slot()]) }
            </div>
        </ContextProvider<Announcer>>
    }
}

fn take_pending(pending: &Rc<RefCell<[Pending; 2]>>, slot: usize) -> Vec<String> {
    let mut all = pending.borrow_mut();
    all[slot].armed = false;
    std::mem::take(&mut all[slot].texts)
}

/// How an [`Alert`] looks; its role is the same whatever the tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertTone {
    /// Something went wrong.
    #[default]
    Error,
    /// Something needs care.
    Warning,
    /// Something worked.
    Success,
}

#[derive(Debug, Properties, PartialEq)]
pub struct AlertProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub tone: AlertTone,
    /// The message, already in the reader's language.
    pub children: Html,
}

/// An important message shown in answer to something the patient did (`role="alert"`, read at
/// once without moving focus). Render it only when there is something to say: an alert that is
/// on the page from the start is not announced.
#[function_component]
pub fn Alert(props: &AlertProps) -> Html {
    let tone = match props.tone {
        AlertTone::Error => "alert-error",
        AlertTone::Warning => "alert-warning",
        AlertTone::Success => "alert-success",
    };
    html! {
        <div id={props.id.clone()} class={classes!("alert", tone)} role="alert">
            { props.children.clone() }
        </div>
    }
}
