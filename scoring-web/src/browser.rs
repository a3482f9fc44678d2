//! The few things the page needs from the browser: the clock, storage,
//! files, downloads, focus and printing. Everything else is pure.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The current time, ISO 8601 (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Today's local date, `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The current local year.
pub fn current_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// Reads a value from local storage.
pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a value to local storage; the error says why it failed (quota,
/// private mode).
pub fn storage_set(key: &str, value: &str) -> Result<(), String> {
    let storage = storage().ok_or_else(|| "localStorage unavailable".to_string())?;
    storage.set_item(key, value).map_err(describe)
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Offers bytes as a file download.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(describe)
}

/// Reads a chosen file, then calls `done` with its name and bytes.
pub fn read_file(file: web_sys::File, done: impl FnOnce(String, Vec<u8>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        if let Ok(buffer) = JsFuture::from(file.array_buffer()).await {
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            done(name, bytes);
        }
    });
}

/// The first file of a file input's change event, clearing the input so
/// that choosing the same file again fires again.
pub fn chosen_file(e: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = e.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

/// Reads the file chosen in a file input as text (UTF-8, GB18030 or UTF-16,
/// as `scoring-formats` decodes it), then calls `done` with its name and
/// text.
pub fn read_text_file(e: &web_sys::Event, done: impl FnOnce(String, String) + 'static) {
    if let Some(file) = chosen_file(e) {
        read_file(file, move |name, bytes| {
            let text = scoring_formats::decode(&name, &bytes)
                .map(|d| d.text)
                .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned());
            done(name, text);
        });
    }
}

/// Moves keyboard focus to the element with this id, selecting its text.
pub fn focus(id: &str) -> bool {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return false;
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        input.select();
        true
    } else if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        el.focus().is_ok()
    } else {
        false
    }
}

/// Asks the user to confirm.
pub fn confirm(message: &str) -> bool {
    window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Opens the print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Sets the document's language attribute and title, when they change
/// (setting `lang` on the root, even to the same value, makes the browser
/// restyle the whole page).
pub fn set_document_lang(lang: &str, title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element()
            && root.get_attribute("lang").as_deref() != Some(lang)
        {
            let _ = root.set_attribute("lang", lang);
        }
        if doc.title() != title {
            doc.set_title(title);
        }
    }
}
