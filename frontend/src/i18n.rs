//! Translations: the Fluent files for each language, the current language in a context, and
//! `use_i18n()` to look words up. The choice is remembered on this device (it is not health
//! data) and written to `<html lang>` so screen readers pronounce the page correctly.

use std::rc::Rc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;
use yew::prelude::*;

const STORAGE_KEY: &str = "portal.lang";

/// A language the portal is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::En, Self::Es];

    /// The BCP 47 code, as used in `lang` attributes.
    pub const fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.get(..2)?.to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "es" => Some(Self::Es),
            _ => None,
        }
    }

    /// The Fluent sources for this language, compiled into the app: one file per part of the
    /// app (`locales/{lang}/*.ftl`), so each part's words sit together.
    pub const fn sources(self) -> &'static [&'static str] {
        match self {
            Self::En => &[
                include_str!("../locales/en/app.ftl"),
                include_str!("../locales/en/record.ftl"),
                include_str!("../locales/en/lab-tests.ftl"),
                include_str!("../locales/en/kit.ftl"),
                include_str!("../locales/en/security.ftl"),
            ],
            Self::Es => &[
                include_str!("../locales/es/app.ftl"),
                include_str!("../locales/es/record.ftl"),
                include_str!("../locales/es/lab-tests.ftl"),
                include_str!("../locales/es/kit.ftl"),
                include_str!("../locales/es/security.ftl"),
            ],
        }
    }
}

/// The words of one language.
pub struct Translations {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translations").field("lang", &self.lang).finish_non_exhaustive()
    }
}

impl PartialEq for Translations {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
    }
}

impl Translations {
    pub fn new(lang: Lang) -> Self {
        let id: LanguageIdentifier = lang.code().parse().expect("a valid language code");
        let mut bundle = FluentBundle::new(vec![id]);
        // Unicode isolation marks would end up in titles and copied text.
        bundle.set_use_isolating(false);
        for source in lang.sources() {
            let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| {
                panic!("{} translations do not parse: {errors:?}", lang.code())
            });
            bundle.add_resource(resource).expect("translation keys are unique across a language's files");
        }
        Self { lang, bundle }
    }

    pub const fn lang(&self) -> Lang {
        self.lang
    }

    /// The words for `key`, or the key itself (and a console error) when it is missing.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The words for `key` with its `{ $name }` placeholders filled in.
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fluent_args))
    }

    /// The words for `key` with number placeholders, which plural forms can select on
    /// (`{ $minutes -> [one] … *[other] … }`).
    pub fn t_count(&self, key: &str, args: &[(&str, i64)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fluent_args))
    }

    /// The words for `key` with both text and number placeholders.
    pub fn t_count_with(&self, key: &str, numbers: &[(&str, i64)], texts: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in numbers {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        for (name, value) in texts {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            report_missing(self.lang, key);
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors).into_owned();
        if !errors.is_empty() {
            report_missing(self.lang, key);
        }
        text
    }
}

fn report_missing(lang: Lang, key: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&format!("missing {} translation: {key}", lang.code()).into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (lang, key);
}

/// What the language context holds: the words, and a way to change language.
#[derive(Debug, Clone, PartialEq)]
pub struct I18n {
    pub words: Rc<Translations>,
    pub set_lang: Callback<Lang>,
}

impl std::ops::Deref for I18n {
    type Target = Translations;
    fn deref(&self) -> &Translations {
        &self.words
    }
}

/// The language context; panics outside an [`I18nProvider`], which is a programming error.
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().expect("use_i18n() called outside <I18nProvider>")
}

#[derive(Debug, Properties, PartialEq)]
pub struct I18nProviderProps {
    /// The language to start in; by default the remembered one, else the browser's.
    #[prop_or_default]
    pub initial: Option<Lang>,
    pub children: Html,
}

#[function_component]
pub fn I18nProvider(props: &I18nProviderProps) -> Html {
    let lang = use_state(|| props.initial.unwrap_or_else(preferred_lang));
    let words = use_memo(*lang, |lang| Translations::new(*lang));
    use_effect_with(*lang, |lang| {
        set_document_lang(*lang);
    });
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            remember_lang(next);
            lang.set(next);
        })
    };
    let context = I18n { words, set_lang };
    html! {
        <ContextProvider<I18n> {context}>{ props.children.clone() }</ContextProvider<I18n>>
    }
}

fn preferred_lang() -> Lang {
    let window = web_sys::window();
    let stored = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code));
    let browser = || window.as_ref().and_then(|w| w.navigator().language()).and_then(|c| Lang::from_code(&c));
    stored.or_else(browser).unwrap_or(Lang::En)
}

fn remember_lang(lang: Lang) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // A full or blocked storage only means the choice is not remembered next time.
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every message key in a language's file.
    fn keys(lang: Lang) -> Vec<String> {
        lang.sources()
            .iter()
            .flat_map(|source| {
                let resource = FluentResource::try_new((*source).to_owned()).expect("parses");
                resource
                    .entries()
                    .filter_map(|entry| match entry {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn every_key_is_in_every_language() {
        let sets: Vec<(Lang, BTreeSet<String>)> =
            Lang::ALL.iter().map(|&l| (l, keys(l).into_iter().collect())).collect();
        let all: BTreeSet<&String> = sets.iter().flat_map(|(_, keys)| keys).collect();
        for (lang, keys) in &sets {
            let missing: Vec<_> = all.iter().filter(|k| !keys.contains(**k)).collect();
            assert!(missing.is_empty(), "{} is missing {missing:?}", lang.code());
        }
        assert!(all.len() > 20, "the files hold the app's words");
    }

    /// Every message of `lang` formatted with sample arguments, by key; formatting errors fail.
    fn every_message(lang: Lang) -> Vec<(String, String)> {
        let words = Translations::new(lang);
        keys(lang)
            .into_iter()
            .map(|key| {
                let message = words.bundle.get_message(&key).unwrap();
                let pattern = message.value().unwrap_or_else(|| panic!("{key} has no value"));
                let mut args = FluentArgs::new();
                for name in [
                    "page",
                    "phone",
                    "email",
                    "clinic",
                    "id",
                    "name",
                    "device",
                    "when",
                    "field",
                    "browser",
                    "system",
                    "time",
                    "from",
                    "to",
                    "latest",
                    "latestDate",
                    "lowest",
                    "highest",
                    "low",
                    "high",
                    "range",
                    "kind",
                    "who",
                    "date",
                    "rows",
                    "fault",
                ] {
                    args.set(name, "x");
                }
                for name in ["count", "minutes", "seconds", "min", "outside", "allowed", "dose"] {
                    args.set(name, 2);
                }
                let mut errors = Vec::new();
                let text = words.bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
                assert!(errors.is_empty(), "{} {key}: {errors:?}", lang.code());
                (key, text)
            })
            .collect()
    }

    #[test]
    fn every_message_formats_without_errors_in_every_language() {
        for lang in Lang::ALL {
            for (key, text) in every_message(lang) {
                assert!(!text.trim().is_empty(), "{} {key} is empty", lang.code());
            }
        }
    }

    /// The app's words as a reader meets them: each message a sentence of its own.
    fn all_words(lang: Lang) -> String {
        every_message(lang)
            .into_iter()
            .map(|(_, text)| text.replace(['\u{2068}', '\u{2069}'], ""))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// Prints the reading grade of the app's English words and their Spanish ease (`cargo xtask
    /// test` shows them), and fails above grade 8 or below an ease of 70; also names the
    /// hardest English messages, which are where to start when the grade climbs.
    #[test]
    fn reading_grade_of_the_apps_words() {
        use shared::readability::{fernandez_huerta_ease, flesch_kincaid_grade};

        let english = all_words(Lang::En);
        let grade = flesch_kincaid_grade(&english);
        let ease = fernandez_huerta_ease(&all_words(Lang::Es));
        let mut hardest: Vec<(f64, String)> = every_message(Lang::En)
            .into_iter()
            .filter(|(_, text)| text.split_whitespace().count() >= 8)
            .map(|(key, text)| (flesch_kincaid_grade(&text), key))
            .collect();
        hardest.sort_by(|a, b| b.0.total_cmp(&a.0));
        let words = english.split_whitespace().count();
        println!("reading grade of the app's English words: {grade:.1} (Flesch-Kincaid, {words} words)");
        println!(
            "reading ease of the app's Spanish words: {ease:.1} (Fernandez Huerta, 70 or more is grade 8 or lower)"
        );
        for (grade, key) in hardest.iter().take(5) {
            println!("  hardest: {key} (grade {grade:.1})");
        }
        assert!(grade <= 8.0, "the English words read at grade {grade:.1}; hardest: {hardest:?}");
        assert!(ease >= 70.0, "the Spanish words read at ease {ease:.1}");
    }

    #[test]
    fn placeholders_are_filled_in() {
        let es = Translations::new(Lang::Es);
        assert_eq!(es.t_with("home-help-phone", &[("phone", "555")]), "¿Necesita ayuda? Llame al 555.");
        assert_eq!(es.t_with("document-title", &[("page", "Inicio")]), "Inicio · Portal del paciente");
    }

    #[test]
    fn counts_choose_the_plural_form() {
        let en = Translations::new(Lang::En);
        assert_eq!(en.t_count("idle-minutes", &[("count", 1)]), "1 minute");
        assert_eq!(en.t_count("idle-minutes", &[("count", 2)]), "2 minutes");
        let es = Translations::new(Lang::Es);
        assert_eq!(es.t_count("idle-seconds", &[("count", 1)]), "1 segundo");
        assert_eq!(es.t_count("idle-seconds", &[("count", 30)]), "30 segundos");
    }

    #[test]
    fn a_missing_key_shows_the_key_rather_than_nothing() {
        assert_eq!(Translations::new(Lang::En).t("no-such-key"), "no-such-key");
    }

    #[test]
    fn language_codes_are_read_from_browser_tags() {
        assert_eq!(Lang::from_code("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_code("EN-us"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code("e"), None);
    }
}
