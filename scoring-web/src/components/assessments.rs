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
                    <th></th><th>{ t.updated }</th><th>{ t.file_status }</th><th></th>
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
                                </td>
                                <td>{ a.year }</td>
                                <td>{ rubric }</td>
                                <td>{ fill(t.offices_count, &[("n", &a.offices.len().to_string())]) }</td>
                                <td class="updated">{ a.updated.get(..16).unwrap_or(&a.updated).replace('T', " ") }</td>
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
        </section>
    }
}
