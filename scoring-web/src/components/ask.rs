//! The page's own questions before it approves, reopens, changes the
//! rubric over data, removes an office or closes an office's unsaved form:
//! asked in a dialog of the page rather than the browser's `confirm` and
//! `prompt` boxes, which a browser may stop showing, which name the
//! server's address rather than the page, and which give a reopening's
//! reason one short line.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{now, use_store};
use crate::i18n::tr;
use crate::state::{Action, Ask};

/// The question asked, if any: Escape or 取消 cancels, the first button
/// does it.
#[function_component(AskDialog)]
pub fn ask_dialog() -> Html {
    let store = use_store();
    let reason = use_state(String::new);
    let wanted = use_state(|| false);
    let asked = store.ui.ask.clone();
    let dialog = super::use_dialog_focus(asked.is_some());
    {
        // A new question: its field empty.
        let (reason, wanted) = (reason.clone(), wanted.clone());
        use_effect_with(asked.is_some(), move |open| {
            if *open {
                reason.set(String::new());
                wanted.set(false);
            }
        });
    }
    let Some(ask) = asked else {
        return html! {};
    };
    let t = tr(store.lang);
    let cancel = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Ask(None)))
    };
    let on_key = super::dialog_keys(&store, Action::Ask(None));
    let ok = {
        let (store, ask, reason, wanted) =
            (store.clone(), ask.clone(), reason.clone(), wanted.clone());
        Callback::from(move |_: MouseEvent| {
            let then = match &ask {
                Ask::Approve(_) => Action::Approve { now: now() },
                Ask::Reopen => {
                    let given = reason.trim().to_string();
                    if given.is_empty() {
                        wanted.set(true);
                        return;
                    }
                    Action::Reopen {
                        reason: given,
                        now: now(),
                    }
                }
                Ask::SelectRubric { key, .. } => Action::SelectRubric {
                    key: key.clone(),
                    now: now(),
                },
                Ask::RemoveOffice { office, .. } => Action::RemoveOffice {
                    office: *office,
                    now: now(),
                },
                Ask::CloseFill => Action::CloseFill,
            };
            store.dispatch(Action::Ask(None));
            store.dispatch(then);
        })
    };
    let (question, ok_label): (String, &str) = match &ask {
        Ask::Approve(q) => (q.clone(), t.approve),
        Ask::Reopen => (
            if *wanted {
                t.reopen_reason_required
            } else {
                t.reopen_prompt
            }
            .to_string(),
            t.reopen_ok,
        ),
        Ask::SelectRubric { question, .. } => (question.clone(), t.switch_rubric_ok),
        Ask::RemoveOffice { question, .. } => (question.clone(), t.remove_office_ok),
        Ask::CloseFill => (t.fill_close_unsaved.to_string(), t.fill_close),
    };
    let body = if matches!(ask, Ask::Reopen) {
        let on_input = {
            let (reason, wanted) = (reason.clone(), wanted.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(el) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                {
                    reason.set(el.value());
                    if !el.value().trim().is_empty() {
                        wanted.set(false);
                    }
                }
            })
        };
        // Ctrl+Enter (⌘+Enter) gives it, as the button does; Enter is a
        // new line of the reason.
        let on_textarea_key = {
            let ok = ok.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                    e.prevent_default();
                    if let Ok(click) = web_sys::MouseEvent::new("click") {
                        ok.emit(click);
                    }
                }
            })
        };
        html! {
            <>
                <label for="ask-reason" class={classes!("question", wanted.then_some("error"))}>{ question }</label>
                <textarea id="ask-reason" rows="3" value={(*reason).clone()} oninput={on_input} onkeydown={on_textarea_key} />
                <p class="hint">{ t.ask_reason_hint }</p>
            </>
        }
    } else {
        html! { <p class="question">{ question }</p> }
    };
    html! {
        <div class="overlay no-print" onkeydown={on_key}>
            <div class="dialog ask" role="alertdialog" aria-modal="true" id="ask-dialog" aria-labelledby="ask-question" ref={dialog}>
                <div id="ask-question">{ body }</div>
                <div class="buttons">
                    <button id="ask-ok" class="primary" onclick={ok}>{ ok_label }</button>
                    <button id="ask-cancel" onclick={cancel}>{ t.cancel }</button>
                </div>
            </div>
        </div>
    }
}
