//! `Disclosure`: a button that shows and hides the content after it (APG Disclosure: a native
//! button, so Enter and Space toggle it, with `aria-expanded` and `aria-controls`), optionally
//! inside a heading so the section can be found in a screen reader's list of headings.

use yew::prelude::*;

/// The heading level to wrap the button in, matching where the section sits in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    H2,
    H3,
    H4,
    H5,
    H6,
}

#[derive(Debug, Properties, PartialEq)]
pub struct DisclosureProps {
    /// Unique on the page: the button is `{id}-button`, the content `{id}-content`.
    pub id: AttrValue,
    /// The button's words, already in the reader's language.
    pub label: AttrValue,
    pub children: Html,
    /// Whether the content shows, when the page keeps that (controlled); it must then follow
    /// `on_toggle`.
    #[prop_or_default]
    pub open: Option<bool>,
    /// Whether the content shows at first when the component keeps that itself.
    #[prop_or_default]
    pub default_open: bool,
    /// Told whether the content now shows, after each press.
    #[prop_or_default]
    pub on_toggle: Option<Callback<bool>>,
    /// Put the button in a heading of this level.
    #[prop_or_default]
    pub heading: Option<HeadingLevel>,
}

#[function_component]
pub fn Disclosure(props: &DisclosureProps) -> Html {
    let own_open = use_state(|| props.default_open);
    let open = props.open.unwrap_or(*own_open);
    let onclick = {
        let (own_open, on_toggle) = (own_open.clone(), props.on_toggle.clone());
        Callback::from(move |_: MouseEvent| {
            own_open.set(!open);
            if let Some(on_toggle) = &on_toggle {
                on_toggle.emit(!open);
            }
        })
    };
    let content_id = format!("{}-content", props.id);
    let button = html! {
        <button
            type="button"
            class="disclosure-button"
            id={format!("{}-button", props.id)}
            aria-expanded={if open { "true" } else { "false" }}
            aria-controls={content_id.clone()}
            {onclick}
        >
            <span class="disclosure-icon" aria-hidden="true"></span>
            { props.label.clone() }
        </button>
    };
    html! {
        <div class={classes!("disclosure", open.then_some("disclosure-open"))}>
            { match props.heading {
                None => button,
                Some(HeadingLevel::H2) => html! { <h2 class="disclosure-heading">{ button }</h2> },
                Some(HeadingLevel::H3) => html! { <h3 class="disclosure-heading">{ button }</h3> },
                Some(HeadingLevel::H4) => html! { <h4 class="disclosure-heading">{ button }</h4> },
                Some(HeadingLevel::H5) => html! { <h5 class="disclosure-heading">{ button }</h5> },
                Some(HeadingLevel::H6) => html! { <h6 class="disclosure-heading">{ button }</h6> },
            } }
            <div class="disclosure-content" id={content_id} hidden={!open}>
                { props.children.clone() }
            </div>
        </div>
    }
}
