//! Form building blocks: a labelled `Field` whose error is tied to it (`aria-describedby`,
//! `aria-invalid`), the `ErrorSummary` that takes focus when a form is sent with mistakes, a
//! `PasswordField` with show/hide and an optional strength hint read out politely, and a
//! `OneTimeCodeField` for the six digits from an authenticator app.

use std::time::Duration;

use gloo::timers::callback::Timeout;
use shared::auth::PasswordIssue;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api;
use crate::i18n::use_i18n;

/// The value of the input an event came from.
pub fn input_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// An `oninput` for one field of a form whose values live in one `draft`: `change` writes the
/// typed value into its part.
pub fn edit<T: Clone + 'static>(draft: &UseStateHandle<T>, change: fn(&mut T, String)) -> Callback<String> {
    let draft = draft.clone();
    Callback::from(move |value: String| {
        let mut next = (*draft).clone();
        change(&mut next, value);
        draft.set(next);
    })
}

/// One mistake in a form: the field's id (for the summary's link) and the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The id of the input to fix; `None` for a problem with the form as a whole.
    pub field: Option<AttrValue>,
    pub message: AttrValue,
}

impl FormError {
    pub fn field(field: &str, message: String) -> Self {
        Self { field: Some(AttrValue::from(field.to_owned())), message: message.into() }
    }

    pub fn form(message: String) -> Self {
        Self { field: None, message: message.into() }
    }
}

/// The message for `field` among `errors`, if any.
pub fn error_for(errors: &[FormError], field: &str) -> Option<AttrValue> {
    errors.iter().find(|e| e.field.as_deref() == Some(field)).map(|e| e.message.clone())
}

/// The ids of the hint and error that describe a field, for `aria-describedby`.
fn described_by(id: &str, hint: bool, error: bool, extra: Option<&str>) -> Option<String> {
    let parts: Vec<String> =
        [hint.then(|| format!("{id}-hint")), extra.map(str::to_owned), error.then(|| format!("{id}-error"))]
            .into_iter()
            .flatten()
            .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[derive(Debug, Properties, PartialEq)]
pub struct FieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    /// A text box this many lines tall (`<textarea>`) instead of a one-line input.
    #[prop_or_default]
    pub rows: Option<u32>,
}

/// A labelled input (or text box) with its hint and its error.
#[function_component]
pub fn Field(props: &FieldProps) -> Html {
    let id = props.id.to_string();
    let describedby = described_by(&id, props.hint.is_some(), props.error.is_some(), None);
    let invalid = props.error.is_some().then_some("true");
    let control = if let Some(rows) = props.rows {
        let oninput =
            props.oninput.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
        html! {
            <textarea id={props.id.clone()} name={props.id.clone()} rows={rows.to_string()}
                value={props.value.clone()} required={props.required}
                aria-invalid={invalid} aria-describedby={describedby} {oninput} />
        }
    } else {
        let oninput = props.oninput.reform(|e: InputEvent| input_value(&e));
        html! {
            <input
                id={props.id.clone()}
                name={props.id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                autocomplete={props.autocomplete.clone()}
                inputmode={props.inputmode.clone()}
                required={props.required}
                aria-invalid={invalid}
                aria-describedby={describedby}
                {oninput}
            />
        }
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("field-invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p> }
            if let Some(error) = &props.error {
                <p class="field-error" id={format!("{id}-error")}>{ error.clone() }</p>
            }
            { control }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub errors: Vec<FormError>,
    /// Unique on the page (a dialog's form may show its own summary over the page's).
    #[prop_or(AttrValue::Static("error-summary"))]
    pub id: AttrValue,
    /// Changes on every failed submit, so focus moves to the summary each time.
    pub attempt: u32,
}

/// The list of mistakes at the top of a form (GOV.UK and APG practice): it takes focus when a
/// submit fails, so a screen reader reads it, and each line links to its field.
#[function_component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let i18n = use_i18n();
    let node = use_node_ref();
    {
        let node = node.clone();
        let shown = !props.errors.is_empty();
        use_effect_with((props.attempt, shown), move |(_, shown)| {
            if *shown && let Some(el) = node.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    if props.errors.is_empty() {
        return html! {};
    }
    let title_id = format!("{}-title", props.id);
    html! {
        <div id={props.id.clone()} class="error-summary" tabindex="-1" ref={node} aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ i18n.t("form-error-title") }</h2>
            <ul>
                { for props.errors.iter().map(|error| match &error.field {
                    Some(field) => {
                        let target = field.clone();
                        let onclick = Callback::from(move |event: MouseEvent| {
                            event.prevent_default();
                            let input = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.get_element_by_id(&target));
                            if let Some(input) = input.and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok()) {
                                let _ = input.focus();
                            }
                        });
                        html! { <li><a href={format!("#{field}")} {onclick}>{ error.message.clone() }</a></li> }
                    }
                    None => html! { <li>{ error.message.clone() }</li> },
                }) }
            </ul>
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct PasswordFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// `current-password` to sign in, `new-password` to choose one.
    #[prop_or(AttrValue::Static("current-password"))]
    pub autocomplete: AttrValue,
    /// Ask the server how the password fares while typing, and say so politely.
    #[prop_or_default]
    pub strength: bool,
}

/// How long typing must pause before the strength hint asks the server.
const HINT_DELAY: Duration = Duration::from_millis(400);

/// The words for a password check's answer.
pub fn strength_words(i18n: &crate::i18n::Translations, check: &shared::auth::PasswordCheck) -> String {
    match check.issue {
        None if check.ok => i18n.t("password-strength-ok"),
        Some(PasswordIssue::TooLong) => i18n
            .t_count("password-too-long", &[("count", i64::try_from(check.rules.max_length).unwrap_or(128))]),
        Some(PasswordIssue::TooEasyToGuess) => i18n.t("password-too-easy"),
        Some(PasswordIssue::TooShort) | None => i18n
            .t_count("password-too-short", &[("count", i64::try_from(check.rules.min_length).unwrap_or(8))]),
    }
}

/// A password input with a show/hide button and, for new passwords, a strength hint.
#[function_component]
pub fn PasswordField(props: &PasswordFieldProps) -> Html {
    let i18n = use_i18n();
    let shown = use_state(|| false);
    let hint = use_state(String::new);
    let timer = use_mut_ref(|| None::<Timeout>);
    let id = props.id.to_string();
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let oninput = {
        let parent = props.oninput.clone();
        let strength = props.strength;
        let hint = hint.clone();
        let i18n = i18n.clone();
        Callback::from(move |event: InputEvent| {
            let value = input_value(&event);
            parent.emit(value.clone());
            if !strength {
                return;
            }
            if value.is_empty() {
                *timer.borrow_mut() = None;
                hint.set(String::new());
                return;
            }
            let hint = hint.clone();
            let i18n = i18n.clone();
            // Replacing the timer cancels the one before: only a pause in typing asks.
            *timer.borrow_mut() =
                Some(Timeout::new(u32::try_from(HINT_DELAY.as_millis()).unwrap_or(400), move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        // Without an answer the hint stays as it was; the server checks again on submit.
                        if let Ok(check) = api::check_password(&value).await {
                            hint.set(strength_words(&i18n, &check));
                        }
                    });
                }));
        })
    };
    let strength_id = format!("{id}-strength");
    let describedby =
        described_by(&id, false, props.error.is_some(), props.strength.then_some(strength_id.as_str()));
    let toggle_label = if *shown { i18n.t("password-hide") } else { i18n.t("password-show") };
    html! {
        <div class={classes!("field", "password-field", props.error.is_some().then_some("field-invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(error) = &props.error {
                <p class="field-error" id={format!("{id}-error")}>{ error.clone() }</p>
            }
            <div class="password-row">
                <input
                    id={props.id.clone()}
                    name={props.id.clone()}
                    type={if *shown { "text" } else { "password" }}
                    value={props.value.clone()}
                    autocomplete={props.autocomplete.clone()}
                    spellcheck="false"
                    autocapitalize="none"
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={describedby}
                    {oninput}
                />
                <button type="button" class="secondary show-password" aria-controls={props.id.clone()} onclick={toggle}>
                    { toggle_label }
                </button>
            </div>
            if props.strength {
                <p class="hint strength" id={strength_id} aria-live="polite">{ (*hint).clone() }</p>
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct OneTimeCodeFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A recovery code (letters and digits) instead of six digits.
    #[prop_or_default]
    pub recovery: bool,
}

/// The code from an authenticator app: a number pad on phones, and the phone's own offer to
/// fill in a code it received.
#[function_component]
pub fn OneTimeCodeField(props: &OneTimeCodeFieldProps) -> Html {
    let id = props.id.to_string();
    let oninput = props.oninput.reform(|e: InputEvent| input_value(&e));
    let describedby = described_by(&id, props.hint.is_some(), props.error.is_some(), None);
    let (inputmode, autocomplete, maxlength) =
        if props.recovery { ("text", "off", "32") } else { ("numeric", "one-time-code", "6") };
    html! {
        <div class={classes!("field", "code-field", props.error.is_some().then_some("field-invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p> }
            if let Some(error) = &props.error {
                <p class="field-error" id={format!("{id}-error")}>{ error.clone() }</p>
            }
            <input
                id={props.id.clone()}
                name={props.id.clone()}
                type="text"
                class="code-input"
                {inputmode}
                {autocomplete}
                {maxlength}
                spellcheck="false"
                autocapitalize="none"
                value={props.value.clone()}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={describedby}
                {oninput}
            />
        </div>
    }
}
