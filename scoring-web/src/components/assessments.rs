//! Saved assessments: list, open, duplicate, delete (with confirmation).

use yew::prelude::*;

use super::{dispatch, now, open_file_input, save_file_button, use_store};
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::Action;

/// The list of assessments.
#[function_component(Assessments)]
pub fn assessments() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let current = store.assessment().id;
    let confirm = store.ui.confirm_delete.and_then(|id| {
        store.assessments.iter().find(|a| a.id == id).map(|a| {
            html! {
                <div class="confirm" role="alertdialog" id="confirm-delete">
                    <p>{ fill(t.confirm_delete, &[("title", &a.title)]) }</p>
                    // Those that draw on it lose what it fills.
                    { for store.assessments.iter().filter(|b| b.sources.iter().any(|(_, s)| *s == a.id)).map(|b| html! {
                        <p class="warning">{ fill(t.confirm_delete_drawn, &[("title", &b.title)]) }</p>
                    }) }
                    <button class="danger" id="confirm-delete-yes"
                        onclick={dispatch(&store, |_: MouseEvent| Action::ConfirmDelete)}>{ t.delete }</button>
                    <button onclick={dispatch(&store, |_: MouseEvent| Action::CancelDelete)}>{ t.cancel }</button>
                </div>
            }
        })
    });
    html! {
        <section class="assessments-view">
            <div class="buttons">
                <button id="new-assessment" class="primary"
                    onclick={dispatch(&store, |_: MouseEvent| Action::NewAssessment { year: browser::current_year(), now: now() })}>
                    { t.new_assessment }
                </button>
                { open_file_input(&store, "open-file") }
                { save_file_button(&store, "save-file-list") }
            </div>
            { for confirm }
            <table class="assessments">
                <thead><tr>
                    <th>{ t.assessment_title }</th><th>{ t.year }</th><th>{ t.rubric }</th>
                    <th>{ t.offices_column }</th><th>{ t.updated }</th><th>{ t.file_status }</th><th></th>
                </tr></thead>
                <tbody>
                    { for store.assessments.iter().map(|a| {
                        let id = a.id;
                        let rubric = store
                            .library
                            .get(&a.rubric_key)
                            .map(|e| e.label(lang))
                            .unwrap_or_default();
                        html! {
                            <tr class={classes!((id == current).then_some("current"))} data-assessment={a.title.clone()}>
                                <td>
                                    { &a.title }
                                    if id == current { <span class="badge">{ t.current }</span> }
                                    if a.approval.is_some() { <span class="badge approved">{ t.approved_badge }</span> }
                                </td>
                                <td>{ a.year }</td>
                                <td>{ rubric }</td>
                                <td>{ fill(t.offices_count, &[("n", &a.offices.len().to_string())]) }</td>
                                <td class="updated">{ browser::local_time(&a.updated) }</td>
                                <td class={classes!("file-status", a.unsaved_to_file().then_some("unsaved"))}>
                                    { match (a.unsaved_to_file(), a.file_saved.is_some()) {
                                        (true, _) => t.file_status_unsaved,
                                        (false, true) => t.file_status_saved,
                                        (false, false) => "",
                                    } }
                                </td>
                                <td class="row-actions">
                                    <button class="open" onclick={dispatch(&store, move |_: MouseEvent| Action::OpenAssessment(id))}>{ t.open }</button>
                                    <button class="duplicate" onclick={dispatch(&store, move |_: MouseEvent| Action::DuplicateAssessment { id, now: now() })}>{ t.duplicate }</button>
                                    <button class="delete danger" onclick={dispatch(&store, move |_: MouseEvent| Action::RequestDelete(id))}>{ t.delete }</button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { trail_view(&store) }
        </section>
    }
}

/// How many trail entries the page lists (the newest; the CSV has all).
const TRAIL_SHOWN: usize = 200;

/// The current assessment's trail: every change to its cells, newest
/// first, and the whole of it as CSV.
fn trail_view(store: &crate::app::Store) -> Html {
    let t = tr(store.lang);
    let lang = store.lang;
    let a = store.assessment();
    let rubric = &store.results.rubric;
    let export = {
        let s = store.clone();
        Callback::from(move |_: MouseEvent| {
            let a = s.assessment();
            let bytes = scoring_formats::assessment::trail_csv(
                &s.results.rubric,
                &a.trail,
                s.lang,
                crate::browser::utc_offset_minutes(),
            );
            let name = format!(
                "{}-{}.csv",
                a.title.trim(),
                s.lang.pick("变更记录", "trail")
            );
            if let Err(e) = browser::download(&name, super::toolbar::CSV, &bytes) {
                s.dispatch(Action::Notify(crate::state::Notice::ExportFailed(e)));
            }
        })
    };
    // The reviewed value is the cell itself: said only in the CSV.
    let what = |cell: &str| -> (String, &'static str) {
        match scoring_formats::assessment::trail_cell(rubric, cell, lang) {
            (label, _) if !cell.contains(':') && !cell.is_empty() => (label, ""),
            said => said,
        }
    };
    let by = |by: &str| -> String {
        match by.split_once(':') {
            _ if by.is_empty() => t.trail_by_assessor.to_string(),
            Some(("form", f)) => fill(t.trail_by_form, &[("file", f)]),
            Some(("import", f)) => fill(t.trail_by_import, &[("file", f)]),
            _ => match by {
                "undo" => t.undo.to_string(),
                "redo" => t.redo.to_string(),
                "approve" => t.approve.to_string(),
                "reopen" => t.reopen.trim_end_matches('…').to_string(),
                "example" => t.trail_by_example.to_string(),
                "forms" => t.send_forms.to_string(),
                other => other.to_string(),
            },
        }
    };
    // The page lists the changes a person reads for; what each form
    // submitted and which form was merged are in the CSV.
    let shown: Vec<&scoring_formats::assessment::TrailEntry> = a
        .trail
        .iter()
        .rev()
        .filter(|e| !e.cell.starts_with("submitted:") && !e.cell.starts_with("form:"))
        .collect();
    html! {
        <div class="trail" id="trail">
            <h3>{ fill(t.trail_title, &[("title", &a.title), ("n", &a.trail.len().to_string())]) }</h3>
            if a.trail.is_empty() {
                <p class="meta">{ t.trail_empty }</p>
            } else {
                <button id="export-trail" onclick={export}>{ t.trail_export }</button>
                <table class="trail-table">
                    <thead><tr>
                        <th>{ t.trail_when }</th><th>{ t.trail_source }</th><th>{ t.office }</th>
                        <th>{ t.indicator_input }</th><th>{ t.trail_old }</th><th>{ t.trail_new }</th>
                    </tr></thead>
                    <tbody>
                        { for shown.iter().take(TRAIL_SHOWN).map(|e| {
                            let (label, kind) = what(&e.cell);
                            let label = if kind.is_empty() { label } else { format!("{label}（{kind}）") };
                            // An approval's fingerprint short; a reopening's reason said.
                            let short = |f: &str| scoring_core::fingerprint::short(f).to_string();
                            let (old, new) = match e.by.as_str() {
                                "approve" => (String::new(), fill(t.trail_fingerprint, &[("f", &short(&e.new))])),
                                "reopen" => (fill(t.trail_fingerprint, &[("f", &short(&e.old))]), fill(t.trail_reason, &[("reason", &e.new)])),
                                _ => (
                                    scoring_formats::assessment::trail_value(&e.cell, &e.old, lang),
                                    scoring_formats::assessment::trail_value(&e.cell, &e.new, lang),
                                ),
                            };
                            html! {
                                <tr>
                                    <td>{ browser::local_time(&e.at) }</td>
                                    <td>{ by(&e.by) }</td>
                                    <td>{ e.office.clone() }</td>
                                    <td>{ label }</td>
                                    <td class="old">{ old }</td>
                                    <td class="new">{ new }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p class="meta">{ t.trail_note }</p>
                if shown.len() > TRAIL_SHOWN {
                    <p class="meta">{ fill(t.trail_more, &[("n", &(shown.len() - TRAIL_SHOWN).to_string())]) }</p>
                }
            }
        </div>
    }
}
