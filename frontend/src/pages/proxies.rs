//! "People who can see my record": the patient's proxies and the parents or guardians the clinic
//! recorded, each with what they may do in words; a form to give someone access (their email,
//! what they may do, whether they see private items); and taking access back after a
//! confirmation dialog. What happened is said in a polite live region.

use std::rc::Rc;

use shared::access::{ProxyAccess, ProxyGrant, ProxyKind, ProxyScope};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::form::{edit, error_for};
use crate::components::{Dialog, ErrorSummary, FetchView, Field, FormError, OwnRecordPage, problem_words};
use crate::format;
use crate::hooks::{Fetch, use_fetch, use_session};
use crate::i18n::{Translations, use_i18n};

/// The longest "who they are to you" the server takes.
const RELATIONSHIP_MAX: usize = 60;

/// The id of a scope's checkbox; the first one is where the error summary sends the patient.
fn scope_input_id(scope: ProxyScope) -> String {
    format!("proxy-scope-{}", scope.as_str())
}

fn scope_words(i18n: &Translations, scope: ProxyScope) -> String {
    i18n.t(match scope {
        ProxyScope::Records => "proxy-scope-records",
        ProxyScope::Appointments => "proxy-scope-appointments",
        ProxyScope::Messages => "proxy-scope-messages",
        ProxyScope::Billing => "proxy-scope-billing",
    })
}

#[function_component]
pub fn ProxiesPage() -> Html {
    let i18n = use_i18n();
    let render = Callback::from(|patient_id: AttrValue| html! { <Proxies {patient_id} /> });
    html! { <OwnRecordPage title={i18n.t("proxies-title")} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct ProxiesProps {
    patient_id: AttrValue,
}

/// The form's values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Draft {
    email: String,
    relationship: String,
    scopes: Vec<ProxyScope>,
    include_confidential: bool,
}

impl Draft {
    /// The mistakes the patient can fix before anything is sent.
    fn mistakes(&self, i18n: &Translations) -> Vec<FormError> {
        let mut found = Vec::new();
        let email = self.email.trim();
        if email.is_empty() || !email.contains('@') {
            found.push(FormError::field("proxy-email", i18n.t("proxy-error-email")));
        }
        if self.relationship.trim().chars().count() > RELATIONSHIP_MAX {
            let max = i64::try_from(RELATIONSHIP_MAX).unwrap_or(60);
            found.push(FormError::field(
                "proxy-relationship",
                i18n.t_count("proxy-error-relationship", &[("count", max)]),
            ));
        }
        if self.scopes.is_empty() {
            found.push(FormError::field(&scope_input_id(ProxyScope::ALL[0]), i18n.t("proxy-error-scopes")));
        }
        found
    }

    fn grant(&self) -> ProxyGrant {
        let relationship = self.relationship.trim();
        ProxyGrant {
            email: self.email.trim().to_owned(),
            // In the order the form lists them, whatever order they were ticked in.
            scopes: ProxyScope::ALL.into_iter().filter(|s| self.scopes.contains(s)).collect(),
            include_confidential: self.include_confidential,
            relationship: (!relationship.is_empty()).then(|| relationship.to_owned()),
        }
    }
}

/// What the server's refusal of a grant means for the form.
fn grant_refusal(i18n: &Translations, error: &ApiError) -> FormError {
    if error.field_code("scopes").is_some() {
        return FormError::field(&scope_input_id(ProxyScope::ALL[0]), i18n.t("proxy-error-scopes"));
    }
    if error.field_code("relationship").is_some() {
        let max = i64::try_from(RELATIONSHIP_MAX).unwrap_or(60);
        return FormError::field(
            "proxy-relationship",
            i18n.t_count("proxy-error-relationship", &[("count", max)]),
        );
    }
    match error.status() {
        Some(404) => FormError::field("proxy-email", i18n.t("proxy-error-no-account")),
        Some(409) => FormError::field("proxy-email", i18n.t("proxy-error-self")),
        _ => FormError::form(problem_words(i18n, error)),
    }
}

#[function_component]
fn Proxies(props: &ProxiesProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let list = {
        let patient_id = props.patient_id.clone();
        use_fetch(move || {
            let patient_id = patient_id.clone();
            async move { api::proxies(&patient_id).await }
        })
    };
    let status = use_state(String::new);
    let to_revoke = use_state(|| None::<Rc<ProxyAccess>>);
    let list_heading = use_node_ref();
    // After access is taken back its row (and the button that opened the dialog) is gone, so
    // focus goes to the list's heading once the list is read again.
    let focus_heading = use_state(|| false);
    {
        let (list_heading, focus_heading) = (list_heading.clone(), focus_heading.clone());
        let ready = matches!(list.state, Fetch::Done(_));
        use_effect_with((ready, *focus_heading), move |&(ready, wanted)| {
            if ready && wanted {
                if let Some(heading) = list_heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
                focus_heading.set(false);
            }
        });
    }

    let render_list = {
        let (i18n, to_revoke) = (i18n.clone(), to_revoke.clone());
        Callback::from(move |people: Rc<Vec<ProxyAccess>>| proxy_list(&i18n, &people, &to_revoke))
    };
    let revoking = Revoking {
        i18n: i18n.clone(),
        session,
        patient_id: props.patient_id.clone(),
        status: status.clone(),
        to_revoke: to_revoke.clone(),
        focus_heading,
        reload: list.retry.clone(),
    };
    let revoke_dialog = (*to_revoke).clone().map(|link| {
        let close = {
            let to_revoke = to_revoke.clone();
            Callback::from(move |()| to_revoke.set(None))
        };
        let yes = {
            let (revoking, link) = (revoking.clone(), link.clone());
            Callback::from(move |_: MouseEvent| revoking.clone().revoke(link.clone()))
        };
        let no = close.reform(|_: MouseEvent| ());
        html! {
            <Dialog id="revoke" title={i18n.t_with("proxy-remove-title", &[("name", &link.proxy_name)])}
                on_close={close} described=true>
                <p id="revoke-desc">{ i18n.t("proxy-remove-body") }</p>
                <div class="actions">
                    <button type="button" onclick={yes}>{ i18n.t("proxy-remove-confirm") }</button>
                    <button type="button" class="secondary" onclick={no}>{ i18n.t("action-cancel") }</button>
                </div>
            </Dialog>
        }
    });
    let on_granted = {
        let (i18n, status, reload) = (i18n.clone(), status.clone(), list.retry.clone());
        Callback::from(move |added: ProxyAccess| {
            status.set(i18n.t_with("proxy-added", &[("name", &added.proxy_name)]));
            reload.emit(());
        })
    };
    html! {
        <>
            <p>{ i18n.t("proxies-intro") }</p>
            <p class="status-line" role="status">{ (*status).clone() }</p>
            <section aria-labelledby="proxy-list-title">
                <h2 id="proxy-list-title" tabindex="-1" ref={list_heading}>{ i18n.t("proxies-list-title") }</h2>
                <FetchView<Vec<ProxyAccess>> state={list.state.clone()} retry={list.retry.clone()} render={render_list} />
            </section>
            <GrantForm patient_id={props.patient_id.clone()} {on_granted} />
            { revoke_dialog.unwrap_or_default() }
        </>
    }
}

/// What taking access back needs to report on.
#[derive(Clone)]
struct Revoking {
    i18n: crate::i18n::I18n,
    session: crate::hooks::Session,
    patient_id: AttrValue,
    status: UseStateHandle<String>,
    to_revoke: UseStateHandle<Option<Rc<ProxyAccess>>>,
    focus_heading: UseStateHandle<bool>,
    reload: Callback<()>,
}

impl Revoking {
    /// Takes `link` back, closes the dialog and says what happened.
    fn revoke(self, link: Rc<ProxyAccess>) {
        // Closed at once, so a second press cannot send it twice.
        self.to_revoke.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            match api::revoke_proxy(&self.patient_id, &link.id).await {
                Ok(()) => {
                    self.status.set(self.i18n.t_with("proxy-removed", &[("name", &link.proxy_name)]));
                    self.focus_heading.set(true);
                    self.reload.emit(());
                }
                Err(error) if error.status() == Some(401) => self.session.ended(),
                Err(error) => self.status.set(problem_words(&self.i18n, &error)),
            }
        });
    }
}

fn proxy_list(
    i18n: &crate::i18n::I18n,
    people: &[ProxyAccess],
    to_revoke: &UseStateHandle<Option<Rc<ProxyAccess>>>,
) -> Html {
    if people.is_empty() {
        return html! { <p>{ i18n.t("proxies-none") }</p> };
    }
    let lang = i18n.lang();
    html! {
        <ul class="proxies">
            { for people.iter().map(|person| {
                let guardian = person.kind == ProxyKind::Guardian;
                let name = match &person.relationship {
                    Some(relationship) => format!("{} ({relationship})", person.proxy_name),
                    None => person.proxy_name.clone(),
                };
                let can_id = format!("proxy-{}-can", person.id);
                let remove = {
                    let (to_revoke, person) = (to_revoke.clone(), Rc::new(person.clone()));
                    Callback::from(move |_: MouseEvent| to_revoke.set(Some(person.clone())))
                };
                html! {
                    <li class="proxy">
                        <h3>{ &name }</h3>
                        <p class="email">{ &person.proxy_email }</p>
                        if guardian {
                            <p><span class="tag">{ i18n.t("proxy-guardian") }</span></p>
                            <p>{ i18n.t("proxy-guardian-about") }</p>
                        }
                        <p id={can_id.clone()}>{ i18n.t("proxy-can") }</p>
                        <ul aria-labelledby={can_id}>
                            { for person.scopes.iter().map(|&scope| html! { <li>{ scope_words(i18n, scope) }</li> }) }
                        </ul>
                        if !guardian {
                            <p>{ i18n.t(if person.include_confidential { "proxy-private-yes" } else { "proxy-private-no" }) }</p>
                        }
                        <p>{ i18n.t_with("proxy-since", &[("when", &format::date_time(lang, &person.created_at))]) }</p>
                        if !guardian {
                            <button type="button" class="secondary" onclick={remove}>
                                { i18n.t("proxy-remove") }
                                <span class="visually-hidden">{ format!(" ({})", person.proxy_name) }</span>
                            </button>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct GrantFormProps {
    patient_id: AttrValue,
    on_granted: Callback<ProxyAccess>,
}

/// "Give someone access": their email, who they are, what they may do, and private items.
#[function_component]
fn GrantForm(props: &GrantFormProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let draft = use_state(Draft::default);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let busy = use_state(|| false);

    let onsubmit = {
        let (draft, errors, attempt, busy, i18n, session) =
            (draft.clone(), errors.clone(), attempt.clone(), busy.clone(), i18n.clone(), session.clone());
        let (patient_id, on_granted) = (props.patient_id.clone(), props.on_granted.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let found = draft.mistakes(&i18n);
            if !found.is_empty() {
                errors.set(found);
                attempt.set(*attempt + 1);
                return;
            }
            busy.set(true);
            let grant = draft.grant();
            let (draft, errors, attempt, busy, i18n, session) =
                (draft.clone(), errors.clone(), attempt.clone(), busy.clone(), i18n.clone(), session.clone());
            let (patient_id, on_granted) = (patient_id.clone(), on_granted.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::grant_proxy(&patient_id, &grant).await;
                busy.set(false);
                match result {
                    Ok(added) => {
                        draft.set(Draft::default());
                        errors.set(Vec::new());
                        on_granted.emit(added);
                    }
                    Err(error) if error.status() == Some(401) => session.ended(),
                    Err(error) => {
                        errors.set(vec![grant_refusal(&i18n, &error)]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    let edit = |change: fn(&mut Draft, String)| edit(&draft, change);
    let scopes_error = error_for(&errors, &scope_input_id(ProxyScope::ALL[0]));
    let toggle_confidential = {
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            let mut next = (*draft).clone();
            next.include_confidential = !next.include_confidential;
            draft.set(next);
        })
    };
    html! {
        <section aria-labelledby="proxy-add-title">
            <h2 id="proxy-add-title">{ i18n.t("proxy-add-title") }</h2>
            <p>{ i18n.t("proxy-add-intro") }</p>
            <form class="form" novalidate=true {onsubmit}>
                <ErrorSummary id="proxy-errors" errors={(*errors).clone()} attempt={*attempt} />
                <Field id="proxy-email" label={i18n.t("proxy-field-email")} value={draft.email.clone()}
                    input_type="email" autocomplete="off" hint={i18n.t("proxy-email-hint")}
                    error={error_for(&errors, "proxy-email")}
                    oninput={edit(|d, v| d.email = v)} />
                <Field id="proxy-relationship" label={i18n.t("proxy-field-relationship")}
                    value={draft.relationship.clone()} autocomplete="off" hint={i18n.t("proxy-relationship-hint")}
                    error={error_for(&errors, "proxy-relationship")}
                    oninput={edit(|d, v| d.relationship = v)} />
                <fieldset class={classes!("field", "choices", scopes_error.is_some().then_some("field-invalid"))}
                    aria-describedby={scopes_error.is_some().then_some("proxy-scopes-error")}>
                    <legend>{ i18n.t("proxy-scopes-legend") }</legend>
                    if let Some(error) = &scopes_error {
                        <p class="field-error" id="proxy-scopes-error">{ error.clone() }</p>
                    }
                    { for ProxyScope::ALL.into_iter().map(|scope| {
                        let id = scope_input_id(scope);
                        let toggle = {
                            let draft = draft.clone();
                            Callback::from(move |_: Event| {
                                let mut next = (*draft).clone();
                                if let Some(at) = next.scopes.iter().position(|&s| s == scope) {
                                    next.scopes.remove(at);
                                } else {
                                    next.scopes.push(scope);
                                }
                                draft.set(next);
                            })
                        };
                        html! {
                            <div class="checkbox">
                                <input type="checkbox" id={id.clone()} name="proxy-scopes" value={scope.as_str()}
                                    checked={draft.scopes.contains(&scope)} onchange={toggle} />
                                <label for={id}>{ scope_words(&i18n, scope) }</label>
                            </div>
                        }
                    }) }
                </fieldset>
                <fieldset class="field choices">
                    <legend>{ i18n.t("proxy-private-legend") }</legend>
                    <p class="hint" id="proxy-confidential-hint">{ i18n.t("proxy-private-hint") }</p>
                    <div class="checkbox">
                        <input type="checkbox" id="proxy-confidential" checked={draft.include_confidential}
                            aria-describedby="proxy-confidential-hint" onchange={toggle_confidential} />
                        <label for="proxy-confidential">{ i18n.t("proxy-private-allow") }</label>
                    </div>
                </fieldset>
                <button type="submit" aria-disabled={busy.then_some("true")}>{ i18n.t("proxy-add-submit") }</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn an_empty_form_names_the_email_and_the_choices() {
        let words = Translations::new(Lang::En);
        let fields: Vec<_> = Draft::default().mistakes(&words).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [Some("proxy-email".into()), Some("proxy-scope-records".into())]);
    }

    #[test]
    fn a_long_relationship_is_refused_before_it_is_sent() {
        let words = Translations::new(Lang::Es);
        let draft = Draft {
            email: "ana@example.com".to_owned(),
            relationship: "x".repeat(RELATIONSHIP_MAX + 1),
            scopes: vec![ProxyScope::Billing],
            include_confidential: false,
        };
        let mistakes = draft.mistakes(&words);
        assert_eq!(mistakes.len(), 1);
        assert_eq!(mistakes[0].message, "Use 60 caracteres como máximo.");
    }

    #[test]
    fn the_grant_lists_choices_in_the_forms_order_and_trims_what_was_typed() {
        let draft = Draft {
            email: "  ana@example.com ".to_owned(),
            relationship: "   ".to_owned(),
            scopes: vec![ProxyScope::Billing, ProxyScope::Records],
            include_confidential: true,
        };
        assert_eq!(
            draft.grant(),
            ProxyGrant {
                email: "ana@example.com".to_owned(),
                scopes: vec![ProxyScope::Records, ProxyScope::Billing],
                include_confidential: true,
                relationship: None,
            }
        );
    }
}
