//! The home page. Before sign-in it welcomes the visitor and says who runs the portal and how
//! to get help, read from the API through the `shared` types.

use std::rc::Rc;

use shared::ClinicInfo;
use yew::prelude::*;

use crate::api;
use crate::components::{FetchView, Page};
use crate::hooks::use_fetch;
use crate::i18n::use_i18n;

#[function_component]
pub fn HomePage() -> Html {
    let i18n = use_i18n();
    let clinic = use_fetch(api::clinic);
    let render = {
        let i18n = i18n.clone();
        Callback::from(move |clinic: Rc<ClinicInfo>| {
            html! {
                <section class="clinic" aria-labelledby="clinic-name">
                    <p id="clinic-name">{ i18n.t_with("home-clinic", &[("clinic", &clinic.name)]) }</p>
                    if let Some(phone) = &clinic.phone {
                        <p>{ i18n.t_with("home-help-phone", &[("phone", phone)]) }</p>
                    }
                    if let Some(email) = &clinic.email {
                        <p>{ i18n.t_with("home-help-email", &[("email", email)]) }</p>
                    }
                </section>
            }
        })
    };
    html! {
        <Page title={i18n.t("home-title")}>
            <p class="lead">{ i18n.t("home-intro") }</p>
            <FetchView<ClinicInfo> state={clinic.state} retry={clinic.retry} {render} />
        </Page>
    }
}
