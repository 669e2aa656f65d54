//! The security officer's review of emergency ("break-the-glass") access: the grants waiting for
//! review (who, whose record, why, when and until when), each with a "Review" button that opens a
//! dialog for the finding, and the grants reviewed already with what was found. What happened is
//! said in a polite live region.

use std::rc::Rc;

use shared::access::BreakGlassGrant;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::api;
use crate::components::form::error_for;
use crate::components::{
    Dialog, ErrorSummary, FetchView, Field, FormError, Page, ScrollTable, problem_words,
};
use crate::format;
use crate::hooks::{use_fetch, use_session};
use crate::i18n::{I18n, Translations, use_i18n};

/// The longest finding the server takes.
const NOTE_MAX: usize = 2000;

/// What is wrong with a finding before it is sent, if anything.
fn note_mistake(i18n: &Translations, note: &str) -> Option<FormError> {
    let length = note.trim().chars().count();
    (length == 0 || length > NOTE_MAX).then(|| {
        FormError::field(
            "review-note",
            i18n.t_count("emergency-error-note", &[("count", i64::try_from(NOTE_MAX).unwrap_or(2000))]),
        )
    })
}

#[function_component]
pub fn EmergencyAccessPage() -> Html {
    let i18n = use_i18n();
    let grants = use_fetch(|| api::break_glass_grants(false));
    let status = use_state(String::new);
    let to_review = use_state(|| None::<Rc<BreakGlassGrant>>);
    // Grants reviewed on this visit, as the server answered: they move to the reviewed list at
    // once, without reading the lists again (which would take the lists, and focus, away).
    let reviewed_now = use_state(Vec::<BreakGlassGrant>::new);
    let reviewed_heading = use_node_ref();
    // After a review its row (and the button that opened the dialog) is gone, so focus goes to
    // the reviewed list's heading.
    let focus_heading = use_state(|| false);
    {
        let (reviewed_heading, focus_heading) = (reviewed_heading.clone(), focus_heading.clone());
        use_effect_with(*focus_heading, move |&wanted| {
            if wanted {
                if let Some(heading) = reviewed_heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
                focus_heading.set(false);
            }
        });
    }
    let review_dialog = (*to_review).clone().map(|grant| {
        let close = {
            let to_review = to_review.clone();
            Callback::from(move |()| to_review.set(None))
        };
        let on_reviewed = {
            let (i18n, status, to_review, focus_heading, reviewed_now, reload) = (
                i18n.clone(),
                status.clone(),
                to_review.clone(),
                focus_heading.clone(),
                reviewed_now.clone(),
                grants.retry.clone(),
            );
            Callback::from(move |reviewed: Option<BreakGlassGrant>| {
                to_review.set(None);
                if let Some(grant) = reviewed {
                    status.set(i18n.t_with("emergency-reviewed-done", &[("name", &grant.staff_name)]));
                    let mut now = (*reviewed_now).clone();
                    now.push(grant);
                    reviewed_now.set(now);
                    focus_heading.set(true);
                } else {
                    // Someone else's finding: only the server has it.
                    status.set(i18n.t("emergency-reviewed-already"));
                    reload.emit(());
                }
            })
        };
        html! { <ReviewDialog {grant} on_close={close} {on_reviewed} /> }
    });
    let render = {
        let (i18n, to_review, reviewed_heading, reviewed_now) =
            (i18n.clone(), to_review.clone(), reviewed_heading.clone(), reviewed_now.clone());
        Callback::from(move |grants: Rc<Vec<BreakGlassGrant>>| {
            let grants = with_reviews(&grants, &reviewed_now);
            grant_lists(&i18n, &grants, &to_review, &reviewed_heading)
        })
    };
    html! {
        <Page title={i18n.t("emergency-title")}>
            <p>{ i18n.t("emergency-intro") }</p>
            <p class="status-line" role="status">{ (*status).clone() }</p>
            <FetchView<Vec<BreakGlassGrant>> state={grants.state.clone()} retry={grants.retry.clone()} {render} />
            { review_dialog.unwrap_or_default() }
        </Page>
    }
}

/// The grants as the server listed them, with the reviews made since in place of the originals.
fn with_reviews(listed: &[BreakGlassGrant], reviewed: &[BreakGlassGrant]) -> Vec<BreakGlassGrant> {
    listed.iter().map(|grant| reviewed.iter().find(|r| r.id == grant.id).unwrap_or(grant).clone()).collect()
}

/// The cells every row of grants starts with: who, whose record, why and when.
fn grant_cells(i18n: &I18n, grant: &BreakGlassGrant) -> Html {
    html! {
        <>
            <th scope="row">{ &grant.staff_name }</th>
            <td><span class="id">{ &grant.patient_id }</span></td>
            <td class="reason">{ &grant.reason }</td>
            <td>{ format::date_time(i18n.lang(), &grant.created_at) }</td>
        </>
    }
}

fn grant_lists(
    i18n: &I18n,
    grants: &[BreakGlassGrant],
    to_review: &UseStateHandle<Option<Rc<BreakGlassGrant>>>,
    reviewed_heading: &NodeRef,
) -> Html {
    let lang = i18n.lang();
    let (waiting, reviewed): (Vec<&BreakGlassGrant>, Vec<&BreakGlassGrant>) =
        grants.iter().partition(|g| g.reviewed_at.is_none());
    let waiting_rows = waiting.iter().map(|grant| {
        let open = {
            let (to_review, grant) = (to_review.clone(), Rc::new((*grant).clone()));
            Callback::from(move |_: MouseEvent| to_review.set(Some(grant.clone())))
        };
        html! {
            <tr>
                { grant_cells(i18n, grant) }
                <td>{ format::date_time(lang, &grant.expires_at) }</td>
                <td>
                    <button type="button" class="secondary" onclick={open}>
                        { i18n.t("emergency-review") }
                        <span class="visually-hidden">{ format!(" ({})", grant.staff_name) }</span>
                    </button>
                </td>
            </tr>
        }
    });
    let reviewed_rows = reviewed.iter().map(|grant| {
        html! {
            <tr>
                { grant_cells(i18n, grant) }
                <td>{ grant.reviewed_at.as_deref().map(|at| format::date_time(lang, at)).unwrap_or_default() }</td>
                <td class="reason">{ grant.review_note.clone().unwrap_or_default() }</td>
            </tr>
        }
    });
    let columns = |last: [&str; 2]| {
        ["emergency-col-who", "emergency-col-patient", "emergency-col-reason", "emergency-col-started"]
            .into_iter()
            .chain(last)
            .map(|key| i18n.t(key))
            .collect::<Vec<_>>()
    };
    html! {
        <>
            <section aria-labelledby="emergency-waiting-title">
                <h2 id="emergency-waiting-title">{ i18n.t("emergency-waiting-title") }</h2>
                if waiting.is_empty() {
                    <p class="empty">{ i18n.t("emergency-waiting-none") }</p>
                } else {
                    <ScrollTable id="emergency-waiting-caption" caption={i18n.t("emergency-waiting-caption")}
                        columns={columns(["emergency-col-ends", "emergency-col-action"])}>
                        { for waiting_rows }
                    </ScrollTable>
                }
            </section>
            <section aria-labelledby="emergency-reviewed-title">
                <h2 id="emergency-reviewed-title" tabindex="-1" ref={reviewed_heading.clone()}>{ i18n.t("emergency-reviewed-title") }</h2>
                if reviewed.is_empty() {
                    <p class="empty">{ i18n.t("emergency-reviewed-none") }</p>
                } else {
                    <ScrollTable id="emergency-reviewed-caption" caption={i18n.t("emergency-reviewed-caption")}
                        columns={columns(["emergency-col-reviewed", "emergency-col-finding"])}>
                        { for reviewed_rows }
                    </ScrollTable>
                }
            </section>
        </>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ReviewDialogProps {
    grant: Rc<BreakGlassGrant>,
    on_close: Callback<()>,
    /// The grant as reviewed, or `None` when someone else reviewed it first.
    on_reviewed: Callback<Option<BreakGlassGrant>>,
}

/// The finding for one grant: what the officer found, then "Mark as reviewed".
#[function_component]
fn ReviewDialog(props: &ReviewDialogProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let note = use_state(String::new);
    let errors = use_state(Vec::<FormError>::new);
    let attempt = use_state(|| 0_u32);
    let busy = use_state(|| false);
    let onsubmit = {
        let (note, errors, attempt, busy, i18n) =
            (note.clone(), errors.clone(), attempt.clone(), busy.clone(), i18n.clone());
        let (grant, on_reviewed) = (props.grant.clone(), props.on_reviewed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            if let Some(mistake) = note_mistake(&i18n, &note) {
                errors.set(vec![mistake]);
                attempt.set(*attempt + 1);
                return;
            }
            busy.set(true);
            let (note, errors, attempt, busy, i18n, session) =
                (note.clone(), errors.clone(), attempt.clone(), busy.clone(), i18n.clone(), session.clone());
            let (grant, on_reviewed) = (grant.clone(), on_reviewed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::review_break_glass(&grant.id, note.trim()).await;
                busy.set(false);
                match result {
                    Ok(reviewed) => on_reviewed.emit(Some(reviewed)),
                    // Someone reviewed it first: the lists, read again, show their finding.
                    Err(error) if error.status() == Some(409) => on_reviewed.emit(None),
                    Err(error) if error.status() == Some(401) => session.ended(),
                    Err(error) => {
                        errors.set(vec![FormError::form(problem_words(&i18n, &error))]);
                        attempt.set(*attempt + 1);
                    }
                }
            });
        })
    };
    let oninput = {
        let note = note.clone();
        Callback::from(move |value: String| note.set(value))
    };
    let cancel = props.on_close.reform(|_: MouseEvent| ());
    let grant = &props.grant;
    html! {
        <Dialog id="review" title={i18n.t_with("emergency-review-title", &[("name", &grant.staff_name)])}
            on_close={props.on_close.clone()} described=true initial_focus="#review-note">
            <p id="review-desc">
                { i18n.t_with("emergency-review-about", &[("id", &grant.patient_id), ("when", &format::date_time(i18n.lang(), &grant.created_at))]) }
                <br />
                <q>{ &grant.reason }</q>
            </p>
            <form class="form" novalidate=true {onsubmit}>
                <ErrorSummary id="review-errors" errors={(*errors).clone()} attempt={*attempt} />
                <Field id="review-note" label={i18n.t("emergency-field-note")} hint={i18n.t("emergency-note-hint")}
                    error={error_for(&errors, "review-note")} value={(*note).clone()} rows={4} {oninput} />
                <div class="actions">
                    <button type="submit" aria-disabled={busy.then_some("true")}>{ i18n.t("emergency-review-submit") }</button>
                    <button type="button" class="secondary" onclick={cancel}>{ i18n.t("action-cancel") }</button>
                </div>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_review_made_here_takes_the_place_of_the_listed_grant() {
        let grant = |id: &str, note: Option<&str>| BreakGlassGrant {
            id: id.to_owned(),
            account_id: "a1".to_owned(),
            staff_name: "Dr. Priya Shah".to_owned(),
            patient_id: "p1".to_owned(),
            reason: "Seen in the emergency room".to_owned(),
            created_at: "2026-11-24T10:00:00Z".to_owned(),
            expires_at: "2026-11-24T14:00:00Z".to_owned(),
            reviewed_at: note.map(|_| "2026-11-25T09:00:00Z".to_owned()),
            reviewed_by: note.map(|_| "s1".to_owned()),
            review_note: note.map(str::to_owned),
        };
        let listed = [grant("g1", None), grant("g2", None)];
        let merged = with_reviews(&listed, &[grant("g2", Some("Checked."))]);
        assert_eq!(merged, [grant("g1", None), grant("g2", Some("Checked."))]);
    }

    #[test]
    fn a_finding_must_say_something_and_not_too_much() {
        let words = Translations::new(Lang::En);
        assert!(note_mistake(&words, "   ").is_some());
        assert!(note_mistake(&words, &"x".repeat(NOTE_MAX + 1)).is_some());
        assert!(note_mistake(&words, "Seen in the emergency room; fine.").is_none());
        let mistake = note_mistake(&Translations::new(Lang::Es), "").unwrap();
        assert_eq!(mistake.field.as_deref(), Some("review-note"));
        assert!(!mistake.message.starts_with("emergency-"));
    }
}
