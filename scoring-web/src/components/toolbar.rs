//! The assessment's title, year and rubric; loading rubric files;
//! importing data; exporting results and templates.

use scoring_formats::{ExportInfo, book};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{now, save_file_button, use_store};
use crate::app::Store;
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::{Action, Notice};

pub(crate) const CSV: &str = "text/csv;charset=utf-8";
pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file name made from the assessment's title.
fn file_stem(title: &str) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    if clean.trim().is_empty() {
        "scoring".into()
    } else {
        clean.trim().to_string()
    }
}

/// Where each office's figures came from, as its detail says it (an item
/// log's counts, a linked assessment's total): the workbook's 数据来源.
fn export_sources(store: &crate::state::AppState) -> Vec<scoring_formats::ValueSource> {
    let results = &store.results;
    let mut out = Vec::new();
    for &key in &results.scored {
        let Some(ix) = results.scored_index(key) else {
            continue;
        };
        let office = results.card.office(ix).name();
        for (slot, leaf) in results.rubric.leaves() {
            if let Some(text) = super::detail::value_sources(store, key, slot) {
                out.push(scoring_formats::ValueSource {
                    office: office.to_string(),
                    indicator: leaf.id.clone(),
                    text,
                });
            }
        }
    }
    out
}

/// The cells scored from the item log rather than as typed in them: a
/// note on each in the workbook's inputs, saying what was typed.
fn export_cell_notes(store: &crate::state::AppState) -> Vec<scoring_formats::CellNote> {
    let t = tr(store.lang);
    let mut out: Vec<scoring_formats::CellNote> = store
        .results
        .log_chosen
        .iter()
        .filter(|(_, (_, c))| *c == scoring_core::items::CountsChoice::Log)
        .filter_map(|((key, input), (n, _))| {
            let office = store.assessment().office(*key)?;
            Some(scoring_formats::CellNote {
                office: office.name.clone(),
                input: input.clone(),
                text: fill(
                    t.note_log_chosen,
                    &[("typed", office.cell(input).trim()), ("n", &n.to_string())],
                ),
            })
        })
        .collect();
    // The same workbook for the same assessment, whatever the map's order.
    crate::sorting::sort_by(&mut out, |a, b| {
        (&a.office, &a.input).cmp(&(&b.office, &b.input))
    });
    out
}

fn export(store: &Store, what: &'static str) -> Callback<MouseEvent> {
    let store = store.clone();
    Callback::from(move |_| {
        let lang = store.lang;
        let results = &store.results;
        let rubric = &results.rubric;
        // Results with offices left out are stamped provisional, in the
        // file's name and the workbook's title; so are those of an
        // assessment reopened and not approved again.
        let a = store.assessment();
        let stamp = if results.provisional() {
            crate::i18n::tr(lang).provisional_stamp
        } else if a.approval.is_none() && !a.reopened.is_empty() {
            crate::i18n::tr(lang).reopened_title_stamp
        } else {
            ""
        };
        let stem = file_stem(&store.assessment().title);
        // Every sheet carries the approval, and the reviewed values have a
        // sheet of their own.
        let info = ExportInfo {
            title: format!("{}{stamp}", store.assessment().title),
            utc_offset_minutes: browser::utc_offset_minutes(),
            // As scored: an item log's count chosen over an office's own.
            ..store
                .assessment_file(store.assessment().id)
                .map(|f| {
                    f.export_info(rubric, &browser::today(), &|name| {
                        store.scored_by_name(name)
                    })
                })
                .unwrap_or_default()
        };
        // Approved results say so in their name, with the short
        // fingerprint (the CSV cannot hold the fingerprint taken of it).
        let approved = store
            .assessment()
            .approval
            .as_ref()
            .map(|a| {
                format!(
                    "-{}{}",
                    lang.pick("审定", "approved-"),
                    scoring_core::fingerprint::short(&a.fingerprint)
                )
            })
            .unwrap_or_default();
        let results_name = |ext: &str| {
            format!(
                "{stem}-{}{}{approved}.{ext}",
                lang.pick("结果", "results"),
                stamp.trim()
            )
        };
        let template_name =
            |ext: &str| format!("{}-{}.{ext}", rubric.id(), lang.pick("模板", "template"));
        // What to say once the file is offered: who a results file leaves
        // out, and the assessment file while it holds work no file does.
        let left_out = if what == "csv" || what == "xlsx" {
            results.left_out(store.assessment())
        } else {
            Vec::new()
        };
        let offer_file = store.assessment().unsaved_to_file();
        let dispatch = store.dispatcher().to_callback();
        let after = move |name: String, result: Result<(), String>| match result {
            Err(e) => dispatch.emit(Action::Notify(Notice::ExportFailed(e))),
            Ok(()) => {
                if !left_out.is_empty() {
                    dispatch.emit(Action::Notify(Notice::ExportedPartial {
                        file: name,
                        left_out,
                    }));
                }
                if offer_file {
                    dispatch.emit(Action::Notify(Notice::OfferFile));
                }
            }
        };
        match what {
            "csv" => {
                let name = results_name("csv");
                let bytes = scoring_formats::results_csv(rubric, &results.card, lang);
                let result = browser::download(&name, CSV, &bytes);
                after(name, result);
            }
            "template-csv" => {
                let name = template_name("csv");
                let result =
                    browser::download(&name, CSV, &scoring_formats::template_csv(rubric, lang));
                after(name, result);
            }
            "feedback" => {
                let name = format!(
                    "{stem}-{}{}.zip",
                    lang.pick("反馈表", "feedback"),
                    stamp.trim()
                );
                let books = feedback_books(&store, &info, None);
                let dispatch = store.dispatcher().to_callback();
                crate::workbook::spawn(
                    dispatch,
                    async move { crate::workbook::write_zip(&books).await },
                    move |bytes| {
                        let result =
                            bytes.and_then(|b| browser::download(&name, "application/zip", &b));
                        after(name, result);
                    },
                );
            }
            _ => {
                let (name, book) = if what == "xlsx" {
                    (
                        results_name("xlsx"),
                        book::results_book(
                            rubric,
                            &results.data,
                            &results.card,
                            match &results.items {
                                Some(crate::state::ItemsState::Applied { judgement, .. }) => {
                                    Some(&**judgement)
                                }
                                _ => None,
                            },
                            &ExportInfo {
                                sources: export_sources(&store),
                                cell_notes: export_cell_notes(&store),
                                ..info.clone()
                            },
                            lang,
                        ),
                    )
                } else {
                    (template_name("xlsx"), book::template_book(rubric, lang))
                };
                download_book(store.dispatcher().to_callback(), name, book, after);
            }
        }
    })
}

/// The feedback sheet (反馈表) of every scored office, or of the one
/// keyed `only`, each a workbook named after the assessment and office.
pub(crate) fn feedback_books(
    store: &Store,
    info: &ExportInfo,
    only: Option<u64>,
) -> Vec<(String, scoring_formats::book::Book)> {
    let results = &store.results;
    let a = store.assessment();
    let stem = file_stem(&a.title);
    results
        .card
        .ranking()
        .iter()
        .filter_map(|o| {
            let key = results.scored[o.ix().index()];
            if only.is_some_and(|k| k != key) {
                return None;
            }
            let row = a.office(key)?;
            let feedback = book::Feedback {
                self_assessed: store.self_assessed_total(key),
                evidence: scoring_formats::forms::evidence_of(&row.cells),
            };
            let name = format!(
                "{stem}-{}-{}.xlsx",
                file_stem(o.name()),
                store.lang.pick("反馈表", "feedback")
            );
            let book = book::feedback_book(
                &results.rubric,
                &results.data,
                &results.card,
                info,
                o.ix(),
                &feedback,
                store.lang,
            );
            Some((name, book))
        })
        .collect()
}

/// Writes `book` with the XLSX module and offers it as `name`; `after`
/// hears how that went.
pub(crate) fn download_book(
    dispatch: Callback<Action>,
    name: String,
    book: scoring_formats::book::Book,
    after: impl FnOnce(String, Result<(), String>) + 'static,
) {
    crate::workbook::spawn(
        dispatch,
        async move { crate::workbook::write(&book).await },
        move |bytes| {
            let result = bytes.and_then(|b| browser::download(&name, XLSX, &b));
            after(name, result);
        },
    );
}

/// 审定 (approve), while the assessment is not approved.
fn approval_button(store: &Store) -> Html {
    let t = tr(store.lang);
    if store.assessment().approval.is_some() {
        return html! {};
    }
    let s = store.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        // What stands in the way is said before the question, not after.
        if let Some(blocked) = s.cannot_approve() {
            s.dispatch(Action::Notify(blocked));
            return;
        }
        let t = tr(s.lang);
        let mut question = t.approve_confirm.to_string();
        // What the item log could not use is not in the scores.
        let log_problems = match &s.results.items {
            Some(crate::state::results::ItemsState::Applied { errors, .. }) => errors
                .iter()
                .filter(|e| {
                    !matches!(
                        e.problem,
                        scoring_core::items::ItemProblem::CountsDisagree { .. }
                    )
                })
                .count(),
            Some(crate::state::results::ItemsState::Failed { errors, calendar }) => {
                errors.len() + calendar.len()
            }
            _ => 0,
        };
        if log_problems > 0 {
            question.push_str(&fill(
                t.approve_log_problems,
                &[("n", &log_problems.to_string())],
            ));
        }
        let missing = s.forms_not_returned();
        if !missing.is_empty() {
            question.push_str(&fill(
                t.approve_forms_missing,
                &[
                    ("n", &missing.len().to_string()),
                    ("offices", &super::joined(&missing, s.lang)),
                ],
            ));
        }
        s.dispatch(Action::Ask(Some(crate::state::Ask::Approve(question))));
    });
    html! { <button id="approve" title={t.approve_hint} {onclick}>{ t.approve }</button> }
}

/// While approved: when, the fingerprint, and a way to reopen with a
/// reason.
pub(crate) fn approved_banner(store: &Store) -> Html {
    let t = tr(store.lang);
    let Some(approval) = &store.assessment().approval else {
        // Reopened and not approved again: said as long as it lasts, not
        // only in a notice that is dismissed.
        return match store.assessment().reopened.last() {
            Some(last) => html! {
                <div class="reopened-status no-print" id="reopened-status" role="status">
                    { fill(t.reopened_stamp, &[
                        ("when", &browser::local_time(&last.at)),
                        ("reason", &last.reason),
                    ]) }
                </div>
            },
            None => html! {},
        };
    };
    // A reason is required: the dialog asks for it (components::ask).
    let reopen = super::dispatch(store, |_: MouseEvent| {
        Action::Ask(Some(crate::state::Ask::Reopen))
    });
    let when = browser::local_time(&approval.at);
    // Its first 12 digits, as file names and the trail give it; the whole
    // of it on hover and in every export.
    let short = scoring_core::fingerprint::short(&approval.fingerprint);
    html! {
        <div class="approved no-print" id="approved" role="status" data-fingerprint={approval.fingerprint.clone()}>
            <span title={fill(t.approved_fingerprint_full, &[("fingerprint", &approval.fingerprint)])}>
                { fill(t.approved_banner, &[("when", &when), ("fingerprint", short)]) }
            </span>
            <button id="reopen" onclick={reopen}>{ t.reopen }</button>
        </div>
    }
}

/// The toolbar above the grid and the results.
#[function_component(Toolbar)]
pub fn toolbar() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let a = store.assessment();
    // Approved: nothing here may change the work.
    let locked = a.approval.is_some();

    let on_title = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                store.dispatch(Action::SetTitle {
                    title: input.value(),
                    now: now(),
                });
            }
        })
    };
    let on_year = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>()
                && let Ok(year) = input.value().trim().parse::<i32>()
            {
                store.dispatch(Action::SetYear { year, now: now() });
            }
        })
    };
    // The chooser shows the rubric in use whatever was picked in it (a
    // "no" to the question, an undo): an option's `selected` attribute
    // does not move a selection the assessor has made.
    let rubric_select = use_node_ref();
    {
        let rubric_select = rubric_select.clone();
        use_effect_with(a.rubric_key.clone(), move |key| {
            if let Some(select) = rubric_select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(key);
            }
        });
    }
    let on_rubric = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                // Over data, asked first: every score changes, and forms
                // sent out were made for the rubric in use.
                let a = store.assessment();
                let t = tr(store.lang);
                let chosen = select.value();
                if !a.offices.is_empty() {
                    let target = store.library.get(&chosen);
                    let title = target.map(|e| e.label(store.lang)).unwrap_or_default();
                    let mut question = fill(t.switch_rubric_confirm, &[("title", &title)]);
                    // Columns the new rubric does not share start blank.
                    if let Some(target) = target {
                        let now = &store.results.rubric;
                        let (n, same) =
                            target.rubric().inputs().fold((0, 0), |(n, same), (_, i)| {
                                (n + 1, same + usize::from(now.input(&i.id).is_some()))
                            });
                        if same < n {
                            question.push_str(&fill(
                                t.switch_rubric_inputs,
                                &[("n", &n.to_string()), ("same", &same.to_string())],
                            ));
                        }
                    }
                    if a.trail.iter().any(|e| e.by == "forms") {
                        question.push_str(t.switch_rubric_forms);
                    }
                    // The chooser shows the rubric in use until the
                    // question is answered yes.
                    select.set_value(&a.rubric_key);
                    store.dispatch(Action::Ask(Some(crate::state::Ask::SelectRubric {
                        key: chosen,
                        question,
                    })));
                    return;
                }
                store.dispatch(Action::SelectRubric {
                    key: chosen,
                    now: now(),
                });
            }
        })
    };
    let on_rubric_file = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let store = store.clone();
            browser::read_text_file(&e, move |file_name, text| {
                store.dispatch(Action::LoadRubricFile {
                    file_name,
                    text,
                    now: now(),
                });
            });
        })
    };
    let on_import = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = browser::chosen_file(&e) {
                let dispatch = store.dispatcher().to_callback();
                crate::workbook::read_data_file(file, dispatch.clone(), move |file| {
                    dispatch.emit(Action::ImportFile(file))
                });
            }
        })
    };

    let rubric_errors = store.ui.rubric_errors.as_ref().map(|(file, errors)| {
        let dismiss = {
            let store = store.clone();
            Callback::from(move |_| store.dispatch(Action::DismissRubricErrors))
        };
        html! {
            <div class="rubric-errors" role="alert">
                <p>{ fill(t.rubric_errors_title, &[("file", file)]) }</p>
                <ul>
                    { for errors.errors.iter().map(|e| html! { <li>{ e.message(store.lang) }</li> }) }
                </ul>
                <button onclick={dismiss}>{ t.dismiss }</button>
            </div>
        }
    });

    html! {
        <>
        <div class="toolbar no-print">
            <label>{ t.assessment_title }
                <input id="title" value={a.title.clone()} onchange={on_title} disabled={locked} />
            </label>
            <label>{ t.year }
                <input id="year" class="year" type="number" value={a.year.to_string()} onchange={on_year} disabled={locked} />
            </label>
            <label>{ t.rubric }
                <select id="rubric" ref={rubric_select} onchange={on_rubric} disabled={locked}>
                    { for store.library.entries.iter().map(|e| html! {
                        <option value={e.key.clone()} selected={e.key == a.rubric_key}>
                            { e.label(store.lang) }
                        </option>
                    }) }
                </select>
            </label>
            <label class="file-button">{ t.load_rubric }
                <input id="rubric-file" type="file" accept=".yaml,.yml,text/yaml" onchange={on_rubric_file} disabled={locked} />
            </label>
            <label class="file-button">{ t.import }
                <input id="import-file" type="file" accept=".csv,.txt,.xlsx,.xls" onchange={on_import} disabled={locked} />
            </label>
            // Beside saving: opening one is found without the list.
            { super::open_file_input(&store, "open-file-toolbar") }
            { save_file_button(&store, "save-file") }
            { super::forms::forms_buttons(&store) }
            { approval_button(&store) }
            <span class="exports">
                <button id="export-csv" onclick={export(&store, "csv")}>{ t.export_csv }</button>
                <button id="export-xlsx" onclick={export(&store, "xlsx")}>{ t.export_xlsx }</button>
                <button id="template-csv" onclick={export(&store, "template-csv")}>{ t.template_csv }</button>
                <button id="template-xlsx" onclick={export(&store, "template-xlsx")}>{ t.template_xlsx }</button>
                <button id="export-feedback" title={t.export_feedback_hint} onclick={export(&store, "feedback")}>{ t.export_feedback }</button>
            </span>
        </div>
        { for rubric_errors }
        { approved_banner(&store) }
        </>
    }
}
