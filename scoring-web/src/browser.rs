//! The few things the page needs from the browser: the clock, storage,
//! files, downloads, focus and printing. Everything else is pure.

use gloo_events::EventListener;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

use crate::persist::StoreError;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The current time, ISO 8601 (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// This computer's time zone now, in minutes from UTC (480 in China), for
/// the times written into exports.
pub fn utc_offset_minutes() -> i32 {
    // `getTimezoneOffset` counts the other way (-480 in China), in whole
    // minutes.
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// An ISO 8601 time (as `now` gives it, in UTC) in this computer's local
/// time, to the minute: `2026-11-26 23:43`. The text as given when it is
/// not one.
pub fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
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

/// The browser's local storage, as the saved state sees it
/// ([`crate::persist::Store`]). Writes that fail because it is full say
/// so ([`StoreError::Full`]).
pub struct LocalStore;

impl crate::persist::Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let written = LocalStorage::raw().set_item(key, value);
        if written.is_ok() {
            durable("set", key, Some(value));
        }
        written.map_err(|e| {
            let quota = e
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
            if quota {
                StoreError::Full
            } else {
                StoreError::Other(describe(e))
            }
        })
    }

    fn remove(&mut self, key: &str) {
        LocalStorage::delete(key);
        durable("remove", key, None);
    }

    fn keys(&self) -> Vec<String> {
        let raw = LocalStorage::raw();
        let n = LocalStorage::length();
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
    }
}

/// Copies a write to local storage into the copy on disk that `boot.js`
/// keeps in IndexedDB (`window.__scoringDurable`), because Chromium writes
/// local storage to disk only every few seconds. Nothing when there is no
/// such copy (a page started some other way).
fn durable(op: &str, key: &str, value: Option<&str>) {
    let Some(w) = window() else { return };
    let Ok(copy) = js_sys::Reflect::get(&w, &JsValue::from_str("__scoringDurable")) else {
        return;
    };
    let Some(f) = js_sys::Reflect::get(&copy, &JsValue::from_str(op))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let value = value.map_or(JsValue::NULL, JsValue::from_str);
    let _ = f.call2(&copy, &JsValue::from_str(key), &value);
}

thread_local! {
    static TAB: String = format!(
        "tab-{}-{:08x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    );
}

/// This tab's name, different from every other tab's.
pub fn tab_name() -> String {
    TAB.with(String::clone)
}

/// A value this tab keeps in session storage (kept across a reload, not
/// shared with other tabs); `None` when there is none or no storage.
pub fn session_get(key: &str) -> Option<String> {
    window()?.session_storage().ok()??.get_item(key).ok()?
}

/// Keeps `value` in this tab's session storage; a browser without one
/// (or refusing) keeps nothing, silently: it is a convenience.
pub fn session_set(key: &str, value: &str) {
    if let Some(storage) = window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

/// A number given in the page's address (`?name=…`), for tests.
pub fn url_number(name: &str) -> Option<u32> {
    let search = window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .and_then(|v| v.parse().ok())
}

/// Calls `on_change` with the new value whenever another tab writes `key`
/// in local storage. The listener lives as long as the value returned.
pub fn on_storage_change(
    key: &'static str,
    on_change: impl Fn(String) + 'static,
) -> Option<EventListener> {
    let window = window()?;
    Some(EventListener::new(&window, "storage", move |e| {
        if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>()
            && e.key().as_deref() == Some(key)
            && let Some(value) = e.new_value()
        {
            on_change(value);
        }
    }))
}

/// Reloads the page (its work is saved first by `on_leave`).
pub fn reload() {
    if let Some(window) = window() {
        let _ = window.location().reload();
    }
}

/// Calls `f` when the page's boot script says a new version of the page
/// is ready (`scoring-update`, from the service worker).
pub fn on_update_ready(f: impl Fn() + 'static) -> Option<EventListener> {
    let window = window()?;
    // Said before the page was listening: said now.
    let said = js_sys::Reflect::get(&window, &"__scoringUpdateReady".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if said {
        f();
    }
    Some(EventListener::new(&window, "scoring-update", move |_| f()))
}

/// Calls `on_leave` when the page is hidden or left (a tab switched, the
/// window closed, a reload): the moment to save what is pending.
pub fn on_leave(on_leave: impl Fn() + 'static) -> Vec<EventListener> {
    let Some(window) = window() else {
        return Vec::new();
    };
    let on_leave = std::rc::Rc::new(on_leave);
    let mut out = Vec::new();
    let f = std::rc::Rc::clone(&on_leave);
    out.push(EventListener::new(&window, "pagehide", move |_| f()));
    if let Some(document) = window.document() {
        let f = std::rc::Rc::clone(&on_leave);
        let doc = document.clone();
        out.push(EventListener::new(
            &document,
            "visibilitychange",
            move |_| {
                if doc.hidden() {
                    f();
                }
            },
        ));
    }
    out
}

/// Calls `on_undo(redo)` for Ctrl+Z (undo), and Ctrl+Y or Ctrl+Shift+Z
/// (redo), ⌘ on a Mac, wherever the focus is, and keeps the browser's own
/// text undo from acting too; but not in a field marked
/// `data-own-undo` (one whose text is not the page's data).
pub fn on_undo_keys(on_undo: impl Fn(bool) + 'static) -> Option<EventListener> {
    let document = window()?.document()?;
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                return;
            }
            let redo = match e.key().as_str() {
                "z" | "Z" if e.shift_key() => true,
                "z" | "Z" => false,
                "y" | "Y" => true,
                _ => return,
            };
            let own = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.has_attribute("data-own-undo"));
            if own {
                return;
            }
            e.prevent_default();
            on_undo(redo);
        },
    ))
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
    let file = gloo_file::File::from(file);
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(bytes) = gloo_file::futures::read_as_bytes(&file).await {
            done(file.name(), bytes);
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
            let text = decode_text(&name, &bytes)
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

/// Puts the focus on the element `id` without scrolling the page to it.
pub fn focus_in_place(id: &str) -> bool {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    el.focus_with_options(&options).is_ok()
}

/// Whether a key is typing: in a text field or list, or composing with an
/// input method (an Esc there takes the typing back, nothing more).
pub fn typing(e: &web_sys::KeyboardEvent) -> bool {
    e.is_composing()
        || e.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Moves keyboard focus to the first element `selector` matches.
pub fn focus_selector(selector: &str) -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// Opens the print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Prints with the `<details>` of id `details` open (folded content is not
/// printed), then folds it again as it was: the browser's print is modal.
pub fn print_unfolded(details: &str) {
    let el = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(details));
    let was_open = el.as_ref().is_some_and(|e| e.has_attribute("open"));
    if let Some(e) = &el {
        let _ = e.set_attribute("open", "");
    }
    print();
    if let (Some(e), false) = (&el, was_open) {
        let _ = e.remove_attribute("open");
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

/// Office keys in the order of their names as the browser collates them
/// for Chinese (by pinyin), for sorting the grid by name.
pub fn collate<'a>(names: impl Iterator<Item = (u64, &'a str)>) -> Vec<u64> {
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str("zh-CN"));
    let options = js_sys::Object::new();
    let mut all: Vec<(u64, js_sys::JsString, &str)> = names
        .map(|(k, n)| (k, js_sys::JsString::from(n.trim()), n))
        .collect();
    crate::sorting::sort_by(&mut all, |a, b| {
        a.1.locale_compare(b.2.trim(), &locales, &options).cmp(&0)
    });
    all.into_iter().map(|(k, _, _)| k).collect()
}

/// Decodes a text file's bytes as `scoring-formats` does (UTF-8, UTF-16,
/// GB18030), GB18030 by the browser's own `TextDecoder` rather than
/// tables in the page's module; bad bytes are located all the same.
pub fn decode_text(
    name: &str,
    bytes: &[u8],
) -> Result<scoring_formats::Decoded, scoring_formats::FormatError> {
    #[cfg(target_arch = "wasm32")]
    {
        let gb18030 = |bytes: &[u8], stream: bool| -> Option<String> {
            let options = web_sys::TextDecoderOptions::new();
            options.set_fatal(true);
            let decoder =
                web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
            let how = web_sys::TextDecodeOptions::new();
            how.set_stream(stream);
            decoder.decode_with_u8_array_and_options(bytes, &how).ok()
        };
        scoring_formats::encoding::decode_with(name, bytes, &gb18030)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        scoring_formats::decode(name, bytes)
    }
}
