//! The portal's browser app (Yew, compiled to WebAssembly). `start()` mounts it on the page and
//! registers the service worker that keeps the app shell for offline use.

pub mod api;
pub mod app;
pub mod components;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod idle;
pub mod idle_sync;
pub mod lab_guide;
pub mod pages;
pub mod passkey;
pub mod route;

use wasm_bindgen_futures::JsFuture;

/// Mounts the app on `<body>` and registers the service worker.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
    register_service_worker();
}

fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(err) = JsFuture::from(container.register("/sw.js")).await {
            web_sys::console::warn_2(&"service worker not registered:".into(), &err);
        }
    });
}

#[cfg(test)]
mod tests {
    /// A stylesheet with an unclosed block drops every rule after it without a word of warning.
    #[test]
    fn the_stylesheet_closes_every_block_it_opens() {
        let css = include_str!("../styles/app.css");
        let mut depth = 0_i32;
        let mut in_comment = false;
        let bytes = css.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            match (in_comment, b) {
                (false, b'/') if bytes.get(i + 1) == Some(&b'*') => in_comment = true,
                (true, b'/') if i > 0 && bytes[i - 1] == b'*' => in_comment = false,
                (false, b'{') => depth += 1,
                (false, b'}') => {
                    depth -= 1;
                    assert!(depth >= 0, "a `}}` without its `{{` at byte {i}");
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "app.css leaves {depth} block(s) open");
    }
}
