//! The import preview: what will change and every problem, before
//! anything is replaced.

use yew::prelude::*;

use super::{dispatch, now, use_store};
use crate::i18n::{fill, tr};
use crate::state::{Action, ImportBlocked};

/// The import dialog, shown while an import waits.
#[function_component(ImportDialog)]
pub fn import_dialog() -> Html {
    let store = use_store();
    let dialog = super::use_dialog_focus(store.ui.import.is_some());
    let t = tr(store.lang);
    let lang = store.lang;
    let Some(import) = &store.ui.import else {
        return html! {};
    };
    let label = |id: &str| super::column_label(&store.results.rubric, id, lang);
    let cancel = dispatch(&store, |_: MouseEvent| Action::CancelImport);
    let body = match import {
        Err(blocked) => {
            let (file, messages): (String, Vec<String>) = match blocked {
                ImportBlocked::Format(e) => (e.file().to_string(), vec![e.message(lang)]),
                ImportBlocked::Data(e) => (
                    e.errors
                        .first()
                        .map(|e| e.source.clone())
                        .unwrap_or_default(),
                    e.errors.iter().map(|e| e.message(lang)).collect(),
                ),
            };
            html! {
                <>
                    <p class="error">{ fill(t.import_blocked, &[("file", &file)]) }</p>
                    <ul class="problems">{ for messages.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                    <div class="buttons"><button id="import-cancel" onclick={cancel}>{ t.close }</button></div>
                </>
            }
        }
        Ok(p) => {
            let confirm = dispatch(&store, |_: MouseEvent| Action::ConfirmImport { now: now() });
            let confirm_label = if p.problems.is_empty() {
                t.confirm_import.to_string()
            } else {
                fill(
                    t.confirm_import_with_errors,
                    &[("n", &p.problems.len().to_string())],
                )
            };
            html! {
                <>
                    <h3>{ fill(t.preview_title, &[("file", &p.file_name)]) }</h3>
                    if let Some(enc) = p.encoding {
                        <p class="meta">{ fill(t.preview_encoding, &[("encoding", enc)]) }</p>
                    }
                    if !p.layout.is_plain() {
                        <div class="layout-found" id="import-layout">
                            <p><strong>{ t.preview_layout }</strong></p>
                            <ul>{ for p.layout.describe(lang).into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
                        </div>
                    }
                    if p.is_noop() {
                        <p>{ t.preview_nothing }</p>
                    }
                    if !p.added.is_empty() {
                        <p><strong>{ t.preview_added }</strong>{ match lang { scoring_core::Lang::Zh => format!("（{}）：{}", p.added.len(), p.added.join("、")), scoring_core::Lang::En => format!(" ({}): {}", p.added.len(), p.added.join(", ")) } }</p>
                    }
                    if !p.removed.is_empty() {
                        <div class={classes!((!p.keep_others).then_some("warning"))} id="import-others">
                            <p><strong>{ t.preview_not_in_file }</strong>{ match lang { scoring_core::Lang::Zh => format!("（{}）：{}", p.removed.len(), p.removed.join("、")), scoring_core::Lang::En => format!(" ({}): {}", p.removed.len(), p.removed.join(", ")) } }</p>
                            <label><input type="radio" name="import-others" id="import-keep-others" checked={p.keep_others}
                                onchange={dispatch(&store, |_: Event| Action::ImportKeepOthers(true))} />{ t.preview_keep_others }</label>
                            <label><input type="radio" name="import-others" id="import-remove-others" checked={!p.keep_others}
                                onchange={dispatch(&store, |_: Event| Action::ImportKeepOthers(false))} />{ t.preview_remove_others }</label>
                        </div>
                    }
                    if !p.changed.is_empty() {
                        <div id="import-changes">
                            <strong>{ t.preview_changed }</strong>{ " " }
                            <span class="meta">{ t.preview_keep_hint }</span>{ " " }
                            <button class="link" id="import-take-all" onclick={dispatch(&store, |_: MouseEvent| Action::ImportKeepAll(false))}>{ t.preview_take_all }</button>{ " " }
                            <button class="link" id="import-keep-all" onclick={dispatch(&store, |_: MouseEvent| Action::ImportKeepAll(true))}>{ t.preview_keep_all }</button>
                            <ul class="changes">
                                { for p.changed.iter().map(|(name, changes)| html! {
                                    <li data-office={name.clone()}>
                                        { format!("{name}{}", super::colon(lang)) }
                                        { for changes.iter().enumerate().map(|(i, c)| {
                                            let kept = c.keep;
                                            let onchange = {
                                                let (office, input) = (name.clone(), c.input.clone());
                                                dispatch(&store, move |e: Event| Action::ImportKeep {
                                                    office: office.clone(),
                                                    input: input.clone(),
                                                    keep: super::checked(&e),
                                                })
                                            };
                                            html! {
                                                <span class={classes!("change", kept.then_some("kept"))} data-input={c.input.clone()}>
                                                    if i > 0 { { lang.pick("；", "; ") } }
                                                    if kept {
                                                        { fill(t.preview_change_kept, &[("label", &label(&c.input)), ("old", super::or_blank(&c.old, lang)), ("new", super::or_blank(&c.new, lang))]) }
                                                    } else {
                                                        { format!("{} {} → {}", label(&c.input), super::or_blank(&c.old, lang), super::or_blank(&c.new, lang)) }
                                                    }
                                                    if !c.reason.trim().is_empty() {
                                                        <span class="meta">{ fill(t.preview_has_reason, &[("reason", c.reason.trim())]) }</span>
                                                    }
                                                    // A blank has nothing to keep.
                                                    if !c.old.trim().is_empty() {
                                                        <label class="keep"><input type="checkbox" checked={kept} {onchange} />{ t.preview_keep_mine }</label>
                                                    }
                                                </span>
                                            }
                                        }) }
                                    </li>
                                }) }
                            </ul>
                        </div>
                    }
                    if p.unchanged > 0 {
                        <p class="meta">{ fill(t.preview_unchanged, &[("n", &p.unchanged.to_string())]) }</p>
                    }
                    if !p.problems.is_empty() {
                        <div class="problems">
                            <strong>{ t.preview_errors }</strong>
                            <ul>{ for p.problems.iter().map(|e| html! { <li>{ e.message(lang) }</li> }) }</ul>
                        </div>
                    }
                    <div class="buttons">
                        <button id="import-confirm" class="primary" onclick={confirm}>{ confirm_label }</button>
                        <button id="import-cancel" onclick={cancel}>{ t.cancel }</button>
                    </div>
                </>
            }
        }
    };
    html! {
        <div class="overlay no-print" onkeydown={super::dialog_keys(&store, Action::CancelImport)}>
            <div class="dialog" role="dialog" aria-modal="true" id="import-dialog" ref={dialog}>{ body }</div>
        </div>
    }
}
