//! `RecordSwitch`: for someone who may open more than one record (a parent, a caregiver), a menu
//! button in the header that names the record shown now and lists the others as radio items;
//! choosing one shows it on every record page.

use yew::prelude::*;

use super::{MenuButton, MenuItem};
use crate::hooks::use_record;
use crate::i18n::use_i18n;

#[function_component]
pub fn RecordSwitch() -> Html {
    let i18n = use_i18n();
    let record = use_record();
    let (Some(current), true) = (&record.current, record.patients.len() > 1) else {
        return Html::default();
    };
    let items = record
        .patients
        .iter()
        .map(|p| {
            let label = if p.is_self {
                i18n.t_with("record-switch-self", &[("name", &p.display_name)])
            } else {
                p.display_name.clone()
            };
            let choose = record.choose.clone();
            let id = p.patient_id.clone();
            MenuItem::radio(
                label,
                p.patient_id == current.patient_id,
                Callback::from(move |()| choose.emit(id.clone())),
            )
        })
        .collect::<Vec<_>>();
    let label = i18n.t_with("record-switch-current", &[("name", &current.display_name)]);
    html! { <MenuButton id="record-switch" {label} {items} class={classes!("record-switch")} /> }
}
