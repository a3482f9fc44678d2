//! Messages shown until dismissed: imports done, storage failures.

use yew::prelude::*;

use super::{dispatch, download_backup, save_file, use_store};
use crate::app::{SaveControls, Store};
use crate::i18n::{fill, tr};
use crate::state::{Action, Kept, Notice};

/// The notices bar.
#[function_component(Notices)]
pub fn notices() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let controls = use_context::<SaveControls>();
    if store.ui.notices.is_empty() && !store.ui.xlsx_loading {
        return html! {};
    }
    let button = |id: &'static str, label: &'static str, on: Callback<MouseEvent>| {
        html! { <button class={classes!("notice-action", id)} onclick={on}>{ label }</button> }
    };
    let save = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| save_file(&store))
    };
    let backup = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| download_backup(&store))
    };
    let kept = |why: &Kept, key: &str, off: bool| match (why, off) {
        (Kept::Newer(n), true) => fill(t.saving_off_newer, &[("n", &n.to_string())]),
        (Kept::Newer(_), false) => fill(t.kept_newer, &[("key", key)]),
        (Kept::Unreadable(detail), true) => fill(t.saving_off_unreadable, &[("detail", detail)]),
        (Kept::Unreadable(detail), false) => {
            fill(t.kept_unreadable, &[("key", key), ("detail", detail)])
        }
        (Kept::Missing, _) => fill(t.kept_missing, &[("key", key)]),
    };
    html! {
        <div class="notices no-print">
            if store.ui.xlsx_loading {
                <div class="notice info loading" role="status" data-notice="xlsx-loading">
                    <span>{ t.xlsx_loading }</span>
                </div>
            }
            { for store.ui.notices.iter().enumerate().map(|(i, n)| {
                let mut actions: Vec<Html> = Vec::new();
                let (class, text) = match n {
                    Notice::Imported(file) => ("info", fill(t.import_done, &[("file", file)])),
                    Notice::UndoneElsewhere { redo, office, label, more } => (
                        "info",
                        {
                            let one = fill(
                                if *redo { t.redone_at } else { t.undone_at },
                                &[("office", office), ("label", label)],
                            );
                            if *more > 0 {
                                format!("{one}{}", fill(t.undone_more, &[("n", &more.to_string())]))
                            } else {
                                one
                            }
                        },
                    ),
                    Notice::ImportUndone(file, _) => ("info", fill(t.import_undone, &[("file", file)])),
                    Notice::StorageFailed(e) => ("error", fill(t.storage_failed, &[("error", e)])),
                    Notice::StorageFull => {
                        actions.push(button("notice-save-file", t.save_file, save.clone()));
                        ("error", t.storage_full.to_string())
                    }
                    Notice::KeptAside { key, why } => {
                        actions.push(button("notice-backup", t.download_backup, backup.clone()));
                        ("warning", kept(why, key, false))
                    }
                    Notice::SavingOff { key, why } => {
                        actions.push(button("notice-save-file", t.save_file, save.clone()));
                        actions.push(button("notice-backup", t.download_backup, backup.clone()));
                        ("error", kept(why, key, true))
                    }
                    Notice::ChangedElsewhere(clashes) => {
                        let text = fill(t.changed_elsewhere, &[("clashes", &describe_clashes(clashes, &store))]);
                        if let Some(c) = &controls {
                            let reload = c.reload.clone();
                            let overwrite = c.overwrite.clone();
                            actions.push(button("notice-use-other", t.use_other_tab, Callback::from(move |_| reload.emit(()))));
                            actions.push(button("notice-keep-this", t.keep_this_tab, Callback::from(move |_| overwrite.emit(()))));
                        }
                        actions.push(button("notice-save-file", t.save_file, save.clone()));
                        ("error", text)
                    }
                    Notice::FollowedOtherTab(edits) if edits.is_empty() => ("info", t.followed_other_tab_none.to_string()),
                    Notice::FollowedOtherTab(edits) => ("info", fill(t.followed_other_tab, &[("edits", &describe_edits(edits, &store))])),
                    Notice::MergedOtherTab => ("info", t.merged_other_tab.to_string()),
                    Notice::FileSaved(file) => ("info", fill(t.file_saved, &[("file", file)])),
                    Notice::FileOpened(file) => ("info", fill(t.file_opened, &[("file", file)])),
                    Notice::FileRefused(e) => ("error", fill(t.file_refused, &[("error", &e.message(store.lang))])),
                    Notice::OfferFile => {
                        actions.push(button("notice-save-file", t.save_file, save.clone()));
                        ("info", t.offer_file.to_string())
                    }
                    Notice::DroppedRubric(file) => ("error", fill(t.restore_dropped_rubric, &[("file", file)])),
                    Notice::RubricLoaded(file) => ("info", fill(t.rubric_loaded, &[("file", file)])),
                    Notice::ExportFailed(e) => ("error", fill(t.export_failed, &[("error", e)])),
                    Notice::UpdateReady => {
                        actions.push(button("notice-reload", t.reload_now, Callback::from(|_| crate::browser::reload())));
                        ("info", t.update_ready.to_string())
                    }
                    Notice::PasteClipped(n) => ("warning", fill(t.paste_clipped, &[("n", &n.to_string())])),
                    Notice::ExportedPartial { file, left_out } => ("warning", fill(t.exported_partial, &[
                        ("file", file),
                        ("n", &left_out.len().to_string()),
                        ("offices", &left_out.join(store.lang.pick("、", ", "))),
                    ])),
                    Notice::FileUnreadable(e) => ("error", fill(t.file_unreadable, &[("error", &e.message(store.lang))])),
                    Notice::CalendarRejected(e) => ("error", fill(t.calendar_rejected, &[("error", &e.message(store.lang))])),
                    Notice::XlsxUnavailable(e) => ("error", fill(t.xlsx_unavailable, &[("error", e)])),
                    Notice::Locked => ("warning", t.locked.to_string()),
                    Notice::Reopened => ("info", t.reopened_notice.to_string()),
                    Notice::CannotApprove { left_out, unexplained, offices } => {
                        // Only what stands in the way is said, with whose.
                        let why: Vec<String> = [
                            (*left_out, t.cannot_approve_left_out, &offices.0),
                            (*unexplained, t.cannot_approve_unexplained, &offices.1),
                        ]
                        .into_iter()
                        .filter(|(n, _, _)| *n > 0)
                        .map(|(n, text, names)| {
                            fill(text, &[
                                ("n", &n.to_string()),
                                ("offices", &list(names.clone(), 5, store.lang)),
                            ])
                        })
                        .collect();
                        // The way to the first reason still to give.
                        let first = offices.1.first().and_then(|name| {
                            store.assessment().offices.iter().find(|o| o.name == *name).map(|o| o.key)
                        });
                        if let Some(key) = first {
                            let s = store.clone();
                            actions.push(button(
                                "notice-give-reason",
                                t.give_reason,
                                Callback::from(move |_: MouseEvent| {
                                    s.dispatch(Action::SetView(crate::state::View::Results));
                                    s.dispatch(Action::SelectOffice(Some(key)));
                                    super::focus_reason_soon();
                                }),
                            ));
                        }
                        ("error", fill(t.cannot_approve, &[("why", &why.join(store.lang.pick("；", "; ")))]))
                    }
                    Notice::FillRefused(crate::state::FillRefused::Form(scoring_formats::forms::FormRefused::NotAForm { file })) => ("error", fill(t.fill_not_a_form, &[("file", file)])),
                    Notice::FillRefused(crate::state::FillRefused::Form(e)) => ("error", fill(t.fill_refused, &[("error", &e.message(store.lang))])),
                    Notice::FillRefused(crate::state::FillRefused::FixedChanged(file)) => ("error", fill(t.fill_fixed_changed, &[("file", file)])),
                    Notice::FillRefused(crate::state::FillRefused::UnknownRubric { file, title, version, fingerprint }) => ("error", fill(t.fill_unknown_rubric, &[
                        ("file", file),
                        ("title", title),
                        ("version", version),
                        ("fingerprint", scoring_core::fingerprint::short(fingerprint)),
                    ])),
                    Notice::FillSaved(file) => ("info", fill(t.fill_saved, &[("file", file)])),
                    Notice::FillResumed(file) => ("info", fill(t.fill_resumed, &[("file", file)])),
                    Notice::FileReplaced { file, title } => ("info", fill(t.file_replaced, &[("file", file), ("title", title)])),
                    Notice::AlreadyOpen { file, title, unsaved, list, in_file } => {
                        let replace = crate::components::dispatch(&store, |_: MouseEvent| Action::ResolveOpening { replace: true, now: crate::components::now() });
                        let copy = crate::components::dispatch(&store, |_: MouseEvent| Action::ResolveOpening { replace: false, now: crate::components::now() });
                        actions.push(button("notice-replace", t.open_replace, replace));
                        actions.push(button("notice-copy", t.open_copy, copy));
                        let both = fill(t.already_open_both, &[
                            ("n", &list.0.to_string()),
                            ("when", &crate::browser::local_time(&list.1)),
                            ("file_n", &in_file.0.to_string()),
                            ("file_when", &crate::browser::local_time(&in_file.1)),
                        ]);
                        let question = fill(if *unsaved { t.already_open_unsaved } else { t.already_open }, &[("file", file), ("title", title), ("both", &both)]);
                        ("warning", question)
                    }
                    Notice::WorkbookNotAssessment(file) => ("error", fill(t.workbook_not_assessment, &[("file", file)])),
                    Notice::FormNotData(file) => ("error", fill(t.form_not_data, &[("file", file)])),
                    Notice::ItemLogNotData(file) => {
                        let f = file.clone();
                        actions.push(button(
                            "notice-import-item-log",
                            t.import_as_item_log,
                            dispatch(&store, move |_: MouseEvent| Action::ImportItemLog {
                                file: (*f).clone(),
                                now: super::now(),
                            }),
                        ));
                        ("warning", fill(t.item_log_not_data, &[("file", &file.name)]))
                    }
                    Notice::FormsSent(n) => ("info", fill(t.forms_sent, &[("n", &n.to_string())])),
                    Notice::TypedNotScored { office, label, typed, log, for_all } => {
                        // The way to have the typed counts scored, right here.
                        let who = office.clone();
                        actions.push(button(
                            "notice-use-typed",
                            t.counts_use_typed,
                            dispatch(&store, move |_: MouseEvent| Action::ChooseCounts {
                                office: Some(who.clone()),
                                choice: Some(scoring_core::items::CountsChoice::Typed),
                                now: super::now(),
                            }),
                        ));
                        ("warning", fill(
                            if *for_all { t.typed_not_scored_all } else { t.typed_not_scored },
                            &[("office", office), ("label", label), ("typed", typed), ("n", &log.to_string())],
                        ))
                    }
                    Notice::FormsMerged { forms, cells, unexplained } => {
                        let mut text = fill(t.forms_merged, &[("forms", &forms.to_string()), ("cells", &cells.to_string())]);
                        if *unexplained > 0 {
                            text.push_str(&fill(t.forms_merged_reasons, &[("n", &unexplained.to_string())]));
                        }
                        ("info", text)
                    }
                };
                let kind = notice_kind(n);
                html! {
                    <div class={classes!("notice", class)} role="status" data-notice={kind}>
                        <span>{ text }</span>
                        { for actions }
                        // A question is declined, not acknowledged.
                        <button onclick={dispatch(&store, move |_: MouseEvent| Action::DismissNotice(i))}>{
                            if matches!(n, Notice::AlreadyOpen { .. }) { t.cancel } else { t.dismiss }
                        }</button>
                    </div>
                }
            }) }
        </div>
    }
}

/// A stable name for a notice's kind (`data-notice`), for tests and styles.
fn notice_kind(n: &Notice) -> &'static str {
    match n {
        Notice::Imported(_) => "imported",
        Notice::UndoneElsewhere { .. } => "undone-elsewhere",
        Notice::ImportUndone(..) => "import-undone",
        Notice::StorageFailed(_) => "storage-failed",
        Notice::StorageFull => "storage-full",
        Notice::KeptAside { .. } => "kept-aside",
        Notice::SavingOff { .. } => "saving-off",
        Notice::ChangedElsewhere(_) => "changed-elsewhere",
        Notice::FollowedOtherTab(_) => "followed-other-tab",
        Notice::MergedOtherTab => "merged-other-tab",
        Notice::FileSaved(_) => "file-saved",
        Notice::FileOpened(_) => "file-opened",
        Notice::FileRefused(_) => "file-refused",
        Notice::OfferFile => "offer-file",
        Notice::DroppedRubric(_) => "dropped-rubric",
        Notice::RubricLoaded(_) => "rubric-loaded",
        Notice::ExportFailed(_) => "export-failed",
        Notice::UpdateReady => "update-ready",
        Notice::PasteClipped(_) => "paste-clipped",
        Notice::ExportedPartial { .. } => "exported-partial",
        Notice::FileUnreadable(_) => "file-unreadable",
        Notice::CalendarRejected(_) => "calendar-rejected",
        Notice::XlsxUnavailable(_) => "xlsx-unavailable",
        Notice::FormsMerged { .. } => "forms-merged",
        Notice::TypedNotScored { .. } => "typed-not-scored",
        Notice::FormsSent(_) => "forms-sent",
        Notice::FillRefused(_) => "fill-refused",
        Notice::FillSaved(_) => "fill-saved",
        Notice::FillResumed(_) => "fill-resumed",
        Notice::AlreadyOpen { .. } => "already-open",
        Notice::FileReplaced { .. } => "file-replaced",
        Notice::WorkbookNotAssessment(_) => "workbook-not-assessment",
        Notice::FormNotData(_) => "form-not-data",
        Notice::ItemLogNotData(_) => "item-log-not-data",
        Notice::Locked => "locked",
        Notice::Reopened => "reopened",
        Notice::CannotApprove { .. } => "cannot-approve",
    }
}

/// An input's (or text column's) label in the current rubric, or its id.
fn label(store: &Store, id: &str) -> String {
    super::column_label(&store.results.rubric, id, store.lang)
}

/// A list, at most `max` items shown, with how many more.
fn list(items: Vec<String>, max: usize, lang: scoring_core::Lang) -> String {
    let n = items.len();
    let mut shown: Vec<String> = items.into_iter().take(max).collect();
    if n > max {
        shown.push(match lang {
            scoring_core::Lang::Zh => format!("等{n}处"),
            scoring_core::Lang::En => format!("and {} more", n - max),
        });
    }
    shown.join(lang.pick("；", "; "))
}

fn describe_clashes(clashes: &[crate::persist::Clash], store: &Store) -> String {
    use crate::persist::Clash;
    let t = tr(store.lang);
    let items = clashes
        .iter()
        .map(|c| match c {
            Clash::Cell {
                office,
                input,
                here,
                there,
                ..
            } => fill(
                t.clash_cell,
                &[
                    ("office", office),
                    ("input", &label(store, input)),
                    ("here", super::or_blank(here, store.lang)),
                    ("there", super::or_blank(there, store.lang)),
                ],
            ),
            Clash::Field { assessment, field } => {
                let field = match *field {
                    "title" => t.field_title,
                    "year" => t.field_year,
                    "rubric" => t.field_rubric,
                    "period_end" => t.field_period_end,
                    "item_log" => t.field_item_log,
                    "calendars" => t.field_calendars,
                    "offices" => t.field_offices,
                    "approval" | "reopened" => t.approve,
                    "form_id" => t.send_forms,
                    _ => t.field_deleted,
                };
                fill(
                    t.clash_field,
                    &[("assessment", assessment), ("field", field)],
                )
            }
        })
        .collect();
    list(items, 5, store.lang)
}

fn describe_edits(edits: &[crate::state::CellEdit], store: &Store) -> String {
    let items = edits
        .iter()
        .map(|e| {
            format!(
                "{}·{} {} → {}",
                e.office,
                label(store, &e.input),
                super::or_blank(&e.old, store.lang),
                super::or_blank(&e.new, store.lang)
            )
        })
        .collect();
    list(items, 5, store.lang)
}
