//! Messages shown until dismissed: imports done, storage failures.

use yew::prelude::*;

use super::{dispatch, use_store};
use crate::i18n::{fill, tr};
use crate::state::{Action, Notice};

/// The notices bar.
#[function_component(Notices)]
pub fn notices() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    if store.ui.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="notices no-print">
            { for store.ui.notices.iter().enumerate().map(|(i, n)| {
                let (class, text) = match n {
                    Notice::Imported(file) => ("info", fill(t.import_done, &[("file", file)])),
                    Notice::StorageFailed(e) => ("error", fill(t.storage_failed, &[("error", e)])),
                    Notice::RestoredCorrupt(key) => ("error", fill(t.restored_corrupt, &[("key", key)])),
                    Notice::DroppedRubric(file) => ("error", fill(t.restore_dropped_rubric, &[("file", file)])),
                    Notice::ExportFailed(e) => ("error", fill(t.export_failed, &[("error", e)])),
                    Notice::PasteClipped(n) => ("warning", fill(t.paste_clipped, &[("n", &n.to_string())])),
                    Notice::ExportedPartial { file, left_out } => ("warning", fill(t.exported_partial, &[
                        ("file", file),
                        ("n", &left_out.len().to_string()),
                        ("offices", &left_out.join(store.lang.pick("、", ", "))),
                    ])),
                    Notice::FileUnreadable(e) => ("error", fill(t.file_unreadable, &[("error", &e.message(store.lang))])),
                    Notice::CalendarRejected(e) => ("error", fill(t.calendar_rejected, &[("error", &e.message(store.lang))])),
                };
                html! {
                    <div class={classes!("notice", class)} role="status">
                        <span>{ text }</span>
                        <button onclick={dispatch(&store, move |_: MouseEvent| Action::DismissNotice(i))}>{ t.dismiss }</button>
                    </div>
                }
            }) }
        </div>
    }
}
