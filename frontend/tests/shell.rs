//! The app shell in a real browser: the language switch, the skip link, focus and the tab title
//! on route changes, the current page in the navigation, and the idle clock shared between tabs.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use frontend::app::{App, AppProps};
use frontend::i18n::Lang;
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, HtmlElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The app mounted at `/` in its own element; queries look only inside that element, since
/// a destroyed app's nodes leave the page a little later.
struct Mounted {
    root: Element,
    handle: AppHandle<App>,
}

impl Mounted {
    fn new(lang: Lang) -> Self {
        let window = web_sys::window().unwrap();
        let history = window.history().unwrap();
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/")).unwrap();
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle =
            yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { lang: Some(lang) }).render();
        Self { root, handle }
    }

    fn query(&self, selector: &str) -> Option<HtmlElement> {
        self.root.query_selector(selector).unwrap().and_then(|e| e.dyn_into().ok())
    }

    fn unmount(self) {
        self.handle.destroy();
        self.root.remove();
    }
}

/// Waits until `found` returns something, checking after each turn of the event loop; fails
/// with `what` after two seconds.
async fn wait_for<T>(what: &str, found: impl Fn() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(value) = found() {
            return value;
        }
        gloo::timers::future::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn active_element() -> Option<Element> {
    document().active_element()
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_the_words_and_the_page_language() {
    let app = Mounted::new(Lang::En);
    let switch = wait_for("the language switch", || app.query(".language-switch")).await;
    assert_eq!(switch.text_content().as_deref(), Some("Español"));
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("es"));

    switch.click();

    wait_for("<html lang=es>", || {
        (document().document_element()?.get_attribute("lang")? == "es").then_some(())
    })
    .await;
    let home = wait_for("the Spanish home link", || app.query(".site-nav a")).await;
    assert_eq!(home.text_content().as_deref(), Some("Inicio"));
    assert_eq!(
        app.query(".skip-link").unwrap().text_content().as_deref(),
        Some("Saltar al contenido principal")
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn the_skip_link_moves_focus_to_the_main_region() {
    let app = Mounted::new(Lang::En);
    let skip = wait_for("the skip link", || app.query(".skip-link")).await;

    skip.click();

    let focused = wait_for("focus on main", || active_element().filter(|e| e.id() == "main")).await;
    assert_eq!(focused.tag_name(), "MAIN");
    app.unmount();
}

#[wasm_bindgen_test]
async fn moving_to_another_page_focuses_its_heading_and_names_the_tab() {
    let app = Mounted::new(Lang::En);
    wait_for("the home heading", || {
        app.query("h1").filter(|h| h.text_content().as_deref() == Some("Welcome"))
    })
    .await;
    // The first page of a visit does not steal focus.
    assert_ne!(active_element().map(|e| e.tag_name()), Some("H1".to_owned()));

    let link =
        wait_for("the accessibility link", || app.query(".site-footer a[href='/accessibility']")).await;
    link.click();

    let heading =
        wait_for("focus on the new heading", || active_element().filter(|e| e.tag_name() == "H1")).await;
    assert_eq!(heading.text_content().as_deref(), Some("Accessibility"));
    assert_eq!(document().title(), "Accessibility · Patient portal");
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/accessibility");
    app.unmount();
}

#[wasm_bindgen_test]
async fn the_current_page_is_marked_in_the_navigation() {
    let app = Mounted::new(Lang::En);
    let home = wait_for("the home link", || app.query(".site-nav a[href='/']")).await;
    assert_eq!(home.get_attribute("aria-current").as_deref(), Some("page"));
    let privacy = app.query(".site-footer a[href='/privacy']").unwrap();
    assert_eq!(privacy.get_attribute("aria-current"), None);

    privacy.click();

    wait_for("privacy marked current", || {
        (app.query(".site-footer a[href='/privacy']")?.get_attribute("aria-current")? == "page").then_some(())
    })
    .await;
    assert_eq!(app.query(".site-nav a[href='/']").unwrap().get_attribute("aria-current"), None);
    app.unmount();
}

#[wasm_bindgen_test]
async fn an_idle_clock_restart_announced_in_one_tab_is_heard_in_another_on_its_own_clock() {
    use std::cell::RefCell;
    use std::rc::Rc;

    use frontend::idle_sync::RestartChannel;

    let heard = Rc::new(RefCell::new(Vec::new()));
    let this_tab = {
        let heard = heard.clone();
        RestartChannel::open(move |at| heard.borrow_mut().push(at)).expect("BroadcastChannel")
    };
    let other_tab = RestartChannel::open(|_| {}).expect("BroadcastChannel");
    let restarted_at = js_sys::Date::now() - 60_000.0;

    other_tab.announce(restarted_at);

    let at = wait_for("the restart to arrive", || heard.borrow().first().copied()).await;
    assert!((at - restarted_at).abs() < 1_000.0, "heard {at}, announced {restarted_at}");
    assert_eq!(heard.borrow().len(), 1);
    drop(this_tab);
}
