//! The idle clock shared between the tabs of this origin: each tab tells the others, over a
//! `BroadcastChannel`, when a request of its own restarted the server's idle clock, so a tab
//! left alone never warns about, or signs out, a session in use in another tab.
//!
//! A message carries how long ago the restart was (`age_ms`), not a time: each tab reads it
//! against its own clock, so tabs whose clocks disagree (a test's fake clock, a tab frozen and
//! thawed) still agree on the restart to within the time a message takes. Nothing is stored:
//! unlike `localStorage`, the channel leaves no trace of the person's activity behind.

use gloo::events::EventListener;
use wasm_bindgen::JsValue;

/// The channel's name; every tab of the origin that opens it hears the others.
const CHANNEL: &str = "portal.session-activity";

/// This tab's end of the channel; closed when dropped.
pub struct RestartChannel {
    channel: web_sys::BroadcastChannel,
    _listener: EventListener,
}

impl RestartChannel {
    /// Opens the channel; `on_restart(at_ms)` hears each restart another tab announces, as a
    /// time on this tab's clock. `None` where the browser has no `BroadcastChannel`: each tab
    /// then keeps its own clock, which errs on the side of signing out.
    pub fn open(on_restart: impl Fn(f64) + 'static) -> Option<Self> {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let Some(event) = wasm_bindgen::JsCast::dyn_ref::<web_sys::MessageEvent>(event) else { return };
            if let Some(age) = event.data().as_f64().filter(|age| age.is_finite() && *age >= 0.0) {
                on_restart(js_sys::Date::now() - age);
            }
        });
        Some(Self { channel, _listener: listener })
    }

    /// Tells the other tabs the server's clock restarted at `at_ms` (on this tab's clock).
    pub fn announce(&self, at_ms: f64) {
        let age = (js_sys::Date::now() - at_ms).max(0.0);
        let _ = self.channel.post_message(&JsValue::from_f64(age));
    }
}

impl Drop for RestartChannel {
    fn drop(&mut self) {
        self.channel.close();
    }
}
