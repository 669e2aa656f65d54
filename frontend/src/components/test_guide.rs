//! `TestGuide`: "What this test measures" for a result, as a disclosure: the test's plain name,
//! what it checks, what a high or low (or positive) value can mean — the one that matches the
//! result first — and a link to read more on MedlinePlus in the reader's language. Tests the
//! portal has no notes for show nothing.

use shared::chart::{Coded, Flag};
use yew::prelude::*;

use super::Disclosure;
use crate::i18n::use_i18n;
use crate::lab_guide::{self, Kind};

#[derive(Debug, Properties, PartialEq)]
pub struct TestGuideProps {
    /// Unique on the page.
    pub id: AttrValue,
    pub name: Coded,
    /// The result's flag, so the matching meaning comes first.
    #[prop_or(Flag::None)]
    pub flag: Flag,
}

#[function_component]
pub fn TestGuide(props: &TestGuideProps) -> Html {
    let i18n = use_i18n();
    let Some(guide) = lab_guide::guide_for(&props.name) else { return Html::default() };
    let code = props.name.code.clone().unwrap_or_default();
    // The meaning that matches this result first, then the other side.
    let mut meanings: Vec<String> = Vec::new();
    if let Some(matching) = guide.meaning_id(props.flag) {
        meanings.push(matching);
    }
    for id in [guide.high_id(), guide.low_id(), guide.abnormal_id()].into_iter().flatten() {
        if !meanings.contains(&id) {
            meanings.push(id);
        }
    }
    let label = if guide.kind == Kind::Panel {
        i18n.t_with("guide-panel-button", &[("name", &i18n.t(&guide.name_id()))])
    } else {
        i18n.t_with("guide-button", &[("name", &i18n.t(&guide.name_id()))])
    };
    let meaning_title =
        if guide.has_abnormal() { "lab-guide-abnormal-title" } else { "lab-guide-meaning-title" };
    html! {
        <Disclosure id={props.id.clone()} {label}>
            <div class="test-guide">
                <p>{ i18n.t(&guide.what_id()) }</p>
                if !meanings.is_empty() {
                    <h3>{ i18n.t(meaning_title) }</h3>
                    { for meanings.iter().map(|id| html! { <p>{ i18n.t(id) }</p> }) }
                    <p class="subtle">{ i18n.t("lab-guide-not-diagnosis") }</p>
                }
                if guide.kind != Kind::Vital {
                    <p>
                        <a href={lab_guide::medlineplus_url(&code, i18n.lang())} rel="noopener noreferrer external">{ i18n.t("lab-guide-more") }</a>
                        <span class="subtle">{ i18n.t("lab-guide-more-note") }</span>
                    </p>
                }
            </div>
        </Disclosure>
    }
}
