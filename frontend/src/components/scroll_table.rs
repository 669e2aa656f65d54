//! `ScrollTable`: a data table with its caption and column headers, inside a region that
//! scrolls sideways on a narrow screen. The region is named by the caption and reachable by Tab,
//! so a keyboard can scroll it too (WCAG 1.4.10 lets a table scroll; 2.1.1 needs the keyboard).

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct ScrollTableProps {
    /// Unique on the page: the caption's id, which names the region.
    pub id: AttrValue,
    pub caption: AttrValue,
    /// The column headers, in order.
    pub columns: Vec<String>,
    /// More classes for the table (its column widths).
    #[prop_or_default]
    pub class: Classes,
    /// The body's rows (`<tr>`s, each led by a row header).
    pub children: Html,
}

#[function_component]
pub fn ScrollTable(props: &ScrollTableProps) -> Html {
    html! {
        <div class="table-scroll" role="region" aria-labelledby={props.id.clone()} tabindex="0">
            <table class={classes!("access-log", props.class.clone())}>
                <caption id={props.id.clone()}>{ props.caption.clone() }</caption>
                <thead>
                    <tr>{ for props.columns.iter().map(|name| html! { <th scope="col">{ name }</th> }) }</tr>
                </thead>
                <tbody>{ props.children.clone() }</tbody>
            </table>
        </div>
    }
}
