//! `use_online`: whether the browser believes it is online, kept up to date by its events.

use gloo::events::EventListener;
use yew::prelude::*;

#[hook]
pub fn use_online() -> bool {
    let online = use_state(|| web_sys::window().is_none_or(|w| w.navigator().on_line()));
    {
        let online = online.clone();
        use_effect_with((), move |()| {
            let window = web_sys::window().expect("a browser window");
            let on = {
                let online = online.clone();
                EventListener::new(&window, "online", move |_| online.set(true))
            };
            let off = EventListener::new(&window, "offline", move |_| online.set(false));
            move || drop((on, off))
        });
    }
    *online
}
