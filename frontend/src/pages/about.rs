//! Pages about the portal itself: the accessibility statement and the privacy notice.

use yew::prelude::*;

use crate::components::Page;
use crate::i18n::use_i18n;

/// A page of plain paragraphs, each a translation key.
fn text_page(title_key: &str, paragraph_keys: &[&str]) -> Html {
    html! { <TextPage title_key={title_key.to_owned()} keys={paragraph_keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>()} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct TextPageProps {
    title_key: String,
    keys: Vec<String>,
}

#[function_component]
fn TextPage(props: &TextPageProps) -> Html {
    let i18n = use_i18n();
    html! {
        <Page title={i18n.t(&props.title_key)}>
            { for props.keys.iter().map(|key| html! { <p>{ i18n.t(key) }</p> }) }
        </Page>
    }
}

#[function_component]
pub fn AccessibilityPage() -> Html {
    text_page(
        "accessibility-title",
        &[
            "accessibility-goal",
            "accessibility-keyboard",
            "accessibility-readers",
            "accessibility-language",
            "accessibility-contact",
        ],
    )
}

#[function_component]
pub fn PrivacyPage() -> Html {
    text_page("privacy-title", &["privacy-intro", "privacy-who", "privacy-log", "privacy-device"])
}
