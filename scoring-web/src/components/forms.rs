//! Entry forms: one workbook per office sent out (all in one zip), the
//! returned ones merged after a preview (`scoring_formats::forms`).

use scoring_formats::forms::Accepted;
use yew::prelude::*;

use super::{dispatch, now, use_store};
use crate::app::Store;
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::Action;

/// A file name from a title (characters Windows refuses replaced).
fn clean(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    if s.trim().is_empty() {
        "scoring".into()
    } else {
        s.trim().to_string()
    }
}

/// Writes every office's entry form into one zip and offers it.
fn send_forms(store: &Store) {
    let a = store.assessment();
    let Some(mut file) = store.assessment_file(a.id) else {
        return;
    };
    // The id forms carry is fixed when they are first sent: renaming the
    // assessment later does not make its forms another assessment's.
    if file.id.is_empty() {
        file.id = scoring_formats::forms::new_id(&[
            &file.title,
            &file.year.to_string(),
            &file.rubric.fingerprint,
            &now(),
        ]);
        store.dispatch(Action::SetFormId(file.id.clone()));
    }
    let rubric = &store.results.rubric;
    let title = clean(&file.title);
    let books: Vec<(String, scoring_formats::book::Book)> = a
        .offices
        .iter()
        .map(|o| {
            let header = file.form_header(rubric, &o.name);
            let evidence = scoring_formats::forms::evidence_of(&o.cells);
            // What is scored: the item log's counts where they stand (a
            // choice made, a blank filled), not a typed value set aside.
            let mut values = o.cells.clone();
            values.extend(store.results.scored_cells(o));
            let book = scoring_formats::forms::form_book(rubric, &header, &values, &evidence);
            (format!("{title}-{}-填报表.xlsx", clean(&o.name)), book)
        })
        .collect();
    let name = format!("{title}-填报表.zip");
    let count = books.len();
    let id = a.id;
    let dispatch = store.dispatcher().to_callback();
    crate::workbook::spawn(
        dispatch.clone(),
        async move { crate::workbook::write_zip(&books).await },
        move |bytes| match bytes.and_then(|b| browser::download(&name, "application/zip", &b)) {
            Ok(()) => dispatch.emit(Action::FormsSent {
                id,
                count,
                now: now(),
            }),
            Err(e) => dispatch.emit(Action::Notify(crate::state::Notice::ExportFailed(e))),
        },
    );
}

/// Reads the returned forms chosen, each by the XLSX module, then
/// previews the merge.
fn read_forms(store: &Store, e: &Event) {
    let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
        return;
    };
    let Some(list) = input.files() else {
        return;
    };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    input.set_value("");
    if files.is_empty() {
        return;
    }
    let dispatch = store.dispatcher().to_callback();
    crate::workbook::spawn(
        dispatch.clone(),
        async move {
            let mut read = Vec::new();
            for file in files {
                let name = file.name();
                let when = file.last_modified();
                let bytes = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file))
                    .await
                    .unwrap_or_default();
                let table = if scoring_formats::is_xlsx(&bytes) {
                    crate::workbook::read(&name, &bytes).await?
                } else {
                    crate::state::DataFile::text(&name, &bytes).table
                };
                // When it was last modified: of two forms for one office,
                // the later one wins.
                let modified = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(when))
                    .to_iso_string()
                    .as_string();
                read.push(scoring_formats::forms::ReturnedFile {
                    name,
                    modified,
                    table,
                });
            }
            Ok(read)
        },
        move |read| dispatch.emit(Action::PreviewForms(read)),
    );
}

/// The buttons: send the forms out, take the returned ones in.
pub fn forms_buttons(store: &Store) -> Html {
    let t = tr(store.lang);
    let send = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| send_forms(&store))
    };
    let take = {
        let store = store.clone();
        Callback::from(move |e: Event| read_forms(&store, &e))
    };
    let none = store.assessment().offices.is_empty();
    let locked = store.assessment().approval.is_some();
    html! {
        <span class="forms-buttons">
            <button id="send-forms" title={if store.assessment().approval.is_some() { t.locked } else { t.send_forms_hint }}
                disabled={none || store.assessment().approval.is_some()} onclick={send}>{ t.send_forms }</button>
            <label class="file-button" title={t.take_forms_hint}>{ t.take_forms }
                <input id="forms-file" type="file" multiple=true accept=".xlsx" onchange={take} disabled={locked} />
            </label>
            // On a first visit the welcome panel offers it, with words.
            if store.ui.welcome_dismissed || !store.assessment().offices.is_empty() {
                { super::fill::fill_button(store, "fill-form-file") }
            }
        </span>
    }
}

/// The merge preview of returned forms.
#[function_component(FormsDialog)]
pub fn forms_dialog() -> Html {
    let store = use_store();
    let dialog = super::use_dialog_focus(store.ui.forms.is_some());
    let t = tr(store.lang);
    let lang = store.lang;
    let Some((c, accepted)) = &store.ui.forms else {
        return html! {};
    };
    let label = |id: &str| super::column_label(&store.results.rubric, id, lang);
    let list = |names: &[String]| names.join(lang.pick("、", ", "));
    let form = |a: &Accepted| {
        let h = &a.form.header;
        let input = |id: &str| store.results.rubric.input(id).map(|(_, i)| i);
        let show = |id: &str, text: &str| -> String {
            if text.is_empty() {
                return t.blank.into();
            }
            input(id).map_or(text.to_string(), |i| scoring_formats::forms::shown(i, text))
        };
        // Each value the office changed: the assessor may keep their own as
        // the reviewed one (it then wants a reason).
        let merging = a.superseded_by.is_none();
        let keep_box = |input: &str, keep: bool| {
            let (office, input) = (h.office.clone(), input.to_string());
            let onchange = dispatch(&store, move |e: Event| Action::KeepFormValue {
                office: office.clone(),
                input: input.clone(),
                keep: super::checked(&e),
            });
            html! {
                if merging {
                    <label class="keep" title={t.forms_keep_mine_hint}><input type="checkbox" checked={keep} {onchange} />{ t.forms_keep_mine }</label>
                }
            }
        };
        let changes: Vec<Html> = a
            .changes
            .iter()
            .enumerate()
            .map(|(i, ch)| {
                // A count the item log contradicts: said before the merge,
                // not found after it.
                let rubric = &store.results.rubric;
                let against_log = store
                    .results
                    .log_count(&h.office, &ch.input)
                    .filter(|&n| {
                        !ch.keep
                            && rubric.input(&ch.input).is_some_and(|(ix, _)| {
                                matches!(
                                    rubric.read_cell(ix, &ch.new),
                                    Ok(scoring_core::rubric::CellValue::Value(v)) if v != n.into()
                                )
                            })
                    })
                    .and_then(|n| {
                        let said = match store.assessment().counts_choice_for(&h.office) {
                            None => t.forms_log_differs,
                            Some(scoring_core::items::CountsChoice::Log) => t.forms_log_chosen,
                            Some(scoring_core::items::CountsChoice::Typed) => return None,
                        };
                        Some(fill(said, &[("n", &n.to_string())]))
                    });
                html! {
                    <span class={classes!("change", ch.keep.then_some("kept"))} data-input={ch.input.clone()}>
                        if i > 0 { { lang.pick("；", "; ") } }
                        if ch.keep {
                            { fill(t.forms_change_kept, &[
                                ("label", &label(&ch.input)),
                                ("old", &show(&ch.input, &ch.old)),
                                ("new", &show(&ch.input, &ch.new)),
                            ]) }
                        } else {
                            { format!(
                                "{} {} → {}",
                                label(&ch.input),
                                show(&ch.input, &ch.old),
                                show(&ch.input, &ch.new)
                            ) }
                        }
                        if let Some(note) = against_log {
                            <span class="error against-log">{ note }</span>
                        }
                        { keep_box(&ch.input, ch.keep) }
                    </span>
                }
            })
            .collect();
        let kept: Vec<String> = a
            .kept
            .iter()
            .map(|k| {
                let said = fill(
                    t.forms_kept,
                    &[
                        ("sent", &show(&k.input, &k.sent)),
                        ("now", &show(&k.input, &k.now)),
                    ],
                );
                format!("{}{}{said}", label(&k.input), super::colon(lang))
            })
            .collect();
        let conflicts: Vec<(String, Html)> = a
            .conflicts
            .iter()
            .map(|k| {
                let said = fill(
                    t.forms_conflict,
                    &[
                        ("now", &show(&k.input, &k.now)),
                        ("new", &show(&k.input, &k.new)),
                        ("sent", &show(&k.input, &k.sent)),
                    ],
                );
                (
                    format!("{}{}{said}", label(&k.input), super::colon(lang)),
                    keep_box(&k.input, k.keep),
                )
            })
            .collect();
        let evidence = a
            .evidence
            .iter()
            .map(|(id, note)| format!("{}{}{note}", label(id), super::colon(lang)))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "));
        // 1980-01-01 is a zip archive's "no date" (an archive written
        // before its entries were dated): not said.
        let when = a
            .form
            .modified
            .as_ref()
            .filter(|w| w.as_str() >= "1980-01-02")
            .map(|w| {
                let w: String = w.replace('T', " ").chars().take(16).collect();
                fill(t.forms_modified, &[("when", &w)])
            });
        html! {
            <li class={classes!(a.superseded_by.is_some().then_some("superseded"))} data-office={h.office.clone()}>
                <strong>{ format!("{}（{}）", h.office, a.form.file) }</strong>
                if let Some(when) = when { <span class="meta">{ when }</span> }
                { super::colon(lang) }
                if a.changes.is_empty() && a.conflicts.is_empty() && a.evidence.is_empty() { { t.forms_no_change } } else { { for changes } }
                { for conflicts.into_iter().map(|(c, keep)| html! { <div class="warning flag conflict">{ c }{ keep }</div> }) }
                { for kept.into_iter().map(|k| html! { <div class="meta kept">{ k }</div> }) }
                if let Some(later) = &a.superseded_by {
                    <div class="warning flag">{ fill(t.forms_superseded, &[("file", later)]) }</div>
                }
                if a.form.fixed_changed {
                    <div class="warning flag">{ t.forms_fixed_changed }</div>
                }
                if !evidence.is_empty() {
                    <div class="meta evidence">{ t.forms_evidence }{ evidence }</div>
                }
            </li>
        }
    };
    let flagged = c.flagged();
    let confirm = dispatch(&store, |_: MouseEvent| Action::ConfirmForms { now: now() });
    let cancel = dispatch(&store, |_: MouseEvent| Action::CancelForms);
    let on_accept = dispatch(&store, |e: Event| {
        Action::AcceptFlaggedForms(super::checked(&e))
    });
    let mergeable = c.mergeable();
    html! {
        <div class="overlay no-print" onkeydown={super::dialog_keys(&store, Action::CancelForms)}>
            <div class="dialog" role="dialog" aria-modal="true" id="forms-dialog" ref={dialog}>
                <h2>{ t.forms_preview_title }</h2>
                if c.accepted.iter().any(|a| a.superseded_by.is_none()) {
                    <div>
                        <strong>{ t.forms_accepted }</strong>
                        <ul class="changes">{ for c.accepted.iter().filter(|a| a.superseded_by.is_none()).map(&form) }</ul>
                    </div>
                }
                if c.accepted.iter().any(|a| a.superseded_by.is_some()) {
                    <div id="forms-superseded">
                        <strong>{ t.forms_superseded_title }</strong>
                        <ul class="changes">{ for c.accepted.iter().filter(|a| a.superseded_by.is_some()).map(&form) }</ul>
                    </div>
                }
                if !c.refused.is_empty() {
                    <div class="problems" id="forms-refused">
                        <strong>{ t.forms_refused }</strong>
                        <ul>{ for c.refused.iter().flat_map(|r| r.message(lang).lines().map(str::to_string).collect::<Vec<_>>()).map(|m| html! { <li>{ m }</li> }) }</ul>
                    </div>
                }
                if !c.missing.is_empty() {
                    <p class="meta" id="forms-missing">{ fill(t.forms_missing, &[("n", &c.missing.len().to_string()), ("offices", &list(&c.missing))]) }</p>
                }
                if flagged {
                    <label class="confirm-flagged">
                        <input id="forms-accept-flagged" type="checkbox" checked={*accepted} onchange={on_accept} />
                        { t.forms_accept_flagged }
                    </label>
                }
                <div class="buttons">
                    if mergeable {
                        <button id="forms-confirm" class="primary" disabled={flagged && !*accepted} onclick={confirm}>{ t.forms_confirm }</button>
                    }
                    <button id="forms-cancel" onclick={cancel}>{ if mergeable { t.cancel } else { t.close } }</button>
                </div>
            </div>
        </div>
    }
}
