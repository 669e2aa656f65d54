//! Passkeys through the browser's WebAuthn API, called by name through `js_sys` (no extra
//! `web-sys` features): the server's options go through `PublicKeyCredential.parse…FromJSON()`,
//! and the credential comes back as its `toJSON()`, as the server expects.

use js_sys::{Function, JSON, Promise, Reflect};
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a passkey could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasskeyError {
    /// This browser has no WebAuthn JSON helpers.
    Unsupported,
    /// The person cancelled, or no passkey on this device fits.
    Cancelled,
}

fn get(target: &JsValue, name: &str) -> Result<JsValue, PasskeyError> {
    Reflect::get(target, &JsValue::from_str(name)).map_err(|_| PasskeyError::Unsupported)
}

fn call(target: &JsValue, name: &str, arg: &JsValue) -> Result<JsValue, PasskeyError> {
    let function: Function = get(target, name)?.dyn_into().map_err(|_| PasskeyError::Unsupported)?;
    function.call1(target, arg).map_err(|_| PasskeyError::Unsupported)
}

/// Whether this browser can use passkeys the way the app asks for them.
pub fn supported() -> bool {
    let Some(window) = web_sys::window() else { return false };
    get(&window, "PublicKeyCredential")
        .and_then(|pkc| get(&pkc, "parseRequestOptionsFromJSON"))
        .is_ok_and(|f| f.is_function())
}

/// `navigator.credentials.get()` (`create = false`) or `.create()` with the server's
/// `publicKey` options; the credential's `toJSON()`.
pub async fn ask_browser(
    public_key: &serde_json::Value,
    create: bool,
) -> Result<serde_json::Value, PasskeyError> {
    let window = web_sys::window().ok_or(PasskeyError::Unsupported)?;
    let class = get(&window, "PublicKeyCredential")?;
    let parser = if create { "parseCreationOptionsFromJSON" } else { "parseRequestOptionsFromJSON" };
    let options_json = JSON::parse(&public_key.to_string()).map_err(|_| PasskeyError::Unsupported)?;
    let options = call(&class, parser, &options_json)?;
    let request = js_sys::Object::new();
    Reflect::set(&request, &JsValue::from_str("publicKey"), &options)
        .map_err(|_| PasskeyError::Unsupported)?;
    let credentials = get(&window.navigator(), "credentials")?;
    let promise: Promise = call(&credentials, if create { "create" } else { "get" }, &request)?
        .dyn_into()
        .map_err(|_| PasskeyError::Unsupported)?;
    let credential = JsFuture::from(promise).await.map_err(|_| PasskeyError::Cancelled)?;
    if credential.is_null() {
        return Err(PasskeyError::Cancelled);
    }
    let json = call(&credential, "toJSON", &JsValue::UNDEFINED)?;
    let text: String = JSON::stringify(&json).map_err(|_| PasskeyError::Unsupported)?.into();
    serde_json::from_str(&text).map_err(|_| PasskeyError::Unsupported)
}
