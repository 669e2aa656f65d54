//! `LanguageSwitch`: one button, labelled in the language it switches to (so a Spanish reader
//! finds "Español" on an English page), marked with that language for screen readers.

use yew::prelude::*;

use crate::i18n::{Lang, use_i18n};

#[function_component]
pub fn LanguageSwitch() -> Html {
    let i18n = use_i18n();
    let target = Lang::from_code(&i18n.t("language-switch-code")).unwrap_or(Lang::En);
    let onclick = {
        let set_lang = i18n.set_lang.clone();
        Callback::from(move |_| set_lang.emit(target))
    };
    html! {
        <button type="button" class="language-switch" lang={target.code()} {onclick}>
            { i18n.t("language-switch") }
        </button>
    }
}
