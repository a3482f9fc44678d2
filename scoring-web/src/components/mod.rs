//! The page's parts. Components only render the state and dispatch
//! actions; anything that computes lives in `state` or in the core.

pub mod ask;
pub mod assessments;
pub mod chart;
pub mod compare;
pub mod counts;
pub mod detail;
pub mod fill;
pub mod forms;
pub mod grid;
pub mod import;
pub mod items;
pub mod notices;
pub mod print;
pub mod results;
pub mod rubric_view;
pub mod sources;
pub mod toolbar;
pub mod welcome;

use yew::prelude::*;

use crate::app::Store;
use crate::browser;
use crate::state::{Action, Notice};

/// The state handle, from the context the root provides.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components live under App's context")
}

/// A dialog's focus: when it opens, the focus goes into it (a field to
/// fill in, else its button that does something, else its first button);
/// when it closes, back to where it was. The rest of the page is `inert`
/// meanwhile (`app.rs`), so the focus cannot wander behind it. Returns the
/// ref for the dialog's element.
#[hook]
pub fn use_dialog_focus(open: bool) -> NodeRef {
    let dialog = use_node_ref();
    let before: std::rc::Rc<std::cell::RefCell<Option<web_sys::HtmlElement>>> =
        use_mut_ref(|| None);
    {
        let dialog = dialog.clone();
        use_effect_with(open, move |open| {
            use wasm_bindgen::JsCast;
            let active = || {
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            };
            if *open {
                *before.borrow_mut() = active();
                if let Some(el) = dialog.cast::<web_sys::Element>() {
                    let first = [
                        "textarea",
                        "button.primary:not([disabled])",
                        "button:not([disabled])",
                    ]
                    .iter()
                    .find_map(|s| el.query_selector(s).ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(first) = first {
                        let _ = first.focus();
                    }
                }
            } else {
                // Where it was, or (that gone, or hidden: a file chooser)
                // the page's main part, rather than nowhere.
                let back = before
                    .borrow_mut()
                    .take()
                    .filter(|el| el.is_connected())
                    .is_some_and(|el| el.focus().is_ok() && active().is_some_and(|a| a == el));
                if !back {
                    // Without scrolling to it: what the dialog did (an
                    // approval's banner) stays in view.
                    browser::focus_in_place("main");
                }
            }
        });
    }
    dialog
}

/// Once the office's detail is drawn, the focus in its first reason still
/// to give (or on the detail).
pub fn focus_reason_soon() {
    gloo_timers::callback::Timeout::new(0, || {
        if !browser::focus_selector("#office-detail input.reason.missing") {
            browser::focus("office-detail");
        }
    })
    .forget();
}

/// A dialog's keys, on its overlay: Escape does `cancel`; Tab and
/// Shift+Tab go round its controls rather than out of it.
pub fn dialog_keys(store: &Store, cancel: Action) -> Callback<KeyboardEvent> {
    use wasm_bindgen::JsCast;
    let store = store.clone();
    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Escape" => {
            e.prevent_default();
            store.dispatch(cancel.clone());
        }
        "Tab" => {
            // (Yew hands events on from its root: the overlay is found
            // from the element the key was pressed in.)
            let Some(overlay) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest(".overlay").ok().flatten())
            else {
                return;
            };
            let Ok(all) = overlay.query_selector_all(
                "button:not([disabled]), input:not([disabled]), textarea, select, [href]",
            ) else {
                return;
            };
            let at = |i: u32| {
                all.item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            };
            let (Some(first), Some(last)) = (at(0), at(all.length().saturating_sub(1))) else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let on = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.as_ref());
            if e.shift_key() && on(&first) {
                e.prevent_default();
                let _ = last.focus();
            } else if !e.shift_key() && on(&last) {
                e.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    })
}

/// A callback that dispatches an action built from the event.
pub fn dispatch<E: 'static>(store: &Store, f: impl Fn(E) -> Action + 'static) -> Callback<E> {
    let store = store.clone();
    Callback::from(move |e| store.dispatch(f(e)))
}

/// A colon as each language writes it: `：` in Chinese, `: ` in English.
pub fn colon(lang: scoring_core::Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// A value as shown to a person: the text, or `（空）`/`(blank)` for
/// nothing (a sign like `∅` read as a programmer's symbol).
pub fn or_blank(text: &str, lang: scoring_core::Lang) -> &str {
    if text.is_empty() {
        crate::i18n::tr(lang).blank
    } else {
        text
    }
}

/// Whether the checkbox an event came from is ticked.
pub fn checked(e: &Event) -> bool {
    e.target_dyn_into::<web_sys::HtmlInputElement>()
        .is_some_and(|i| i.checked())
}

/// ↓ and ↑ on a table row: the focus to the next or previous focusable row
/// (`tabindex`), skipping headings between them. Whether it was one of
/// those keys.
pub fn step_between_rows(e: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let down = match e.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return false,
    };
    e.prevent_default();
    let mut at = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    while let Some(el) = at {
        at = if down {
            el.next_element_sibling()
        } else {
            el.previous_element_sibling()
        };
        if let Some(row) = at.as_ref().filter(|r| r.has_attribute("tabindex")) {
            if let Some(row) = row.dyn_ref::<web_sys::HtmlElement>() {
                let _ = row.focus();
            }
            break;
        }
    }
    true
}

/// A list as each language joins it: `、` in Chinese, `, ` in English.
pub fn joined(items: &[String], lang: scoring_core::Lang) -> String {
    items.join(lang.pick("、", ", "))
}

/// The current time for actions that record it.
pub fn now() -> String {
    browser::now_iso()
}

/// Saves the current assessment as a file (a download), and notes that the
/// file holds it as it is now.
pub fn save_file(store: &Store) {
    let a = store.assessment();
    let Some(file) = store.assessment_file(a.id) else {
        return;
    };
    let name = file.file_name();
    match browser::download(&name, "application/json", &file.to_json()) {
        Ok(()) => {
            store.dispatch(Action::SavedToFile {
                id: a.id,
                revision: a.revision,
            });
            store.dispatch(Action::Notify(Notice::FileSaved(name)));
        }
        Err(e) => store.dispatch(Action::Notify(Notice::ExportFailed(e))),
    }
}

/// A button that saves the current assessment as a file.
pub fn save_file_button(store: &Store, id: &'static str) -> Html {
    let t = crate::i18n::tr(store.lang);
    let unsaved = store.assessment().unsaved_to_file();
    let s = store.clone();
    html! {
        <button {id} class={classes!("save-file", unsaved.then_some("unsaved"))}
            title={unsaved.then_some(t.unsaved_hint)}
            onclick={Callback::from(move |_: MouseEvent| save_file(&s))}>
            { t.save_file }
            if unsaved { <span class="dot" aria-label={t.unsaved_hint}>{ " ●" }</span> }
        </button>
    }
}

/// A file input that opens an assessment file.
pub fn open_file_input(store: &Store, id: &'static str) -> Html {
    let t = crate::i18n::tr(store.lang);
    let s = store.clone();
    let on_change = Callback::from(move |e: Event| {
        if let Some(file) = browser::chosen_file(&e) {
            let s = s.clone();
            browser::read_file(file, move |file_name, bytes| {
                s.dispatch(Action::OpenAssessmentFile {
                    file_name,
                    bytes,
                    now: now(),
                })
            });
        }
    });
    html! {
        <label class="file-button">{ t.open_file }
            <input {id} type="file" accept=".json,application/json" onchange={on_change} />
        </label>
    }
}

/// Offers everything this page keeps in browser storage as one JSON file
/// (what the page could not read included).
pub fn download_backup(store: &Store) {
    let text = crate::persist::backup(&browser::LocalStore);
    let name = format!("scoring-web-backup-{}.json", browser::today());
    if let Err(e) = browser::download(&name, "application/json", text.as_bytes()) {
        store.dispatch(Action::Notify(Notice::ExportFailed(e)));
    }
}

/// An input's (or text column's) label in `rubric`, in `lang`; its id when
/// the rubric has no such column. The one lookup the views share.
pub fn column_label(rubric: &scoring_core::Rubric, id: &str, lang: scoring_core::Lang) -> String {
    rubric.column_label(id, lang).unwrap_or(id).to_string()
}
