//! An office fills in its own entry form: opened from the file the
//! assessor sent, its inputs with their help, what its own values score
//! (`state::Filling`), and the form saved back as a file to return.

use scoring_core::{InputKind, Lang};
use scoring_formats::forms::OwnOutcome;
use yew::prelude::*;

use super::{joined, use_store};
use crate::app::Store;
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::{Action, Notice};

/// The button that opens an office's form to fill in.
pub fn fill_button(store: &Store, id: &'static str) -> Html {
    let t = tr(store.lang);
    let dispatch = store.dispatcher().to_callback();
    let on_change = Callback::from(move |e: Event| {
        if let Some(file) = browser::chosen_file(&e) {
            let d = dispatch.clone();
            crate::workbook::read_data_file(file, dispatch.clone(), move |f| {
                d.emit(Action::OpenFill {
                    file: f.name,
                    table: f.table,
                })
            });
        }
    });
    html! {
        <label class="file-button fill-open" title={t.fill_open_hint}>{ t.fill_open }
            <input {id} type="file" accept=".xlsx" onchange={on_change} />
        </label>
    }
}

/// Saves the filled-in form as a file: the name it was opened from,
/// marked as filled in.
fn save(store: &Store) {
    let Some(f) = store.filling.clone() else {
        return;
    };
    let book = f.book();
    let name = f.saved_name();
    let dispatch = store.dispatcher().to_callback();
    crate::workbook::spawn(
        dispatch.clone(),
        async move { crate::workbook::write(&book).await },
        move |bytes| match bytes.and_then(|b| {
            browser::download(
                &name,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &b,
            )
        }) {
            Ok(()) => dispatch.emit(Action::FillSaved(name)),
            Err(e) => dispatch.emit(Action::Notify(Notice::ExportFailed(e))),
        },
    );
}

/// The form being filled in.
#[function_component(FillView)]
pub fn fill_view() -> Html {
    let store = use_store();
    let Some(f) = store.filling.clone() else {
        return html! {};
    };
    let lang = store.lang;
    let t = tr(lang);
    let rubric = &f.rubric;
    let h = &f.form.header;
    let error_of = |id: &str| -> Vec<String> {
        f.own
            .errors
            .iter()
            .filter(|e| e.input.as_deref() == Some(id))
            .map(|e| e.problem.message(lang).to_string())
            .collect()
    };
    // An error said for the web form: the input and what is wrong (the
    // form's row and column are for a spreadsheet).
    let error_text = |e: &scoring_core::DataError| -> String {
        let label = e
            .input_label
            .as_ref()
            .map(|l| l.get(lang).to_string())
            .or_else(|| e.input.clone())
            .unwrap_or_default();
        format!("{label}{}{}", super::colon(lang), e.problem.message(lang))
    };
    let wrong: Vec<&str> = f
        .own
        .errors
        .iter()
        .filter_map(|e| e.input.as_deref())
        .collect();
    let rows = f.form.values.iter().filter_map(|v| {
        let (_, input) = rubric.input(&v.input)?;
        let id = input.id.clone();
        let value = f.values.get(&id).cloned().unwrap_or_default();
        let evidence = f.evidence.get(&id).cloned().unwrap_or_default();
        let errors = error_of(&id);
        let field_id = format!("fill-{id}");
        let on_value = {
            let (store, id) = (store.clone(), id.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    store.dispatch(Action::FillValue { input: id.clone(), text: el.value() });
                }
            })
        };
        let on_pick = {
            let (store, id) = (store.clone(), id.clone());
            Callback::from(move |e: Event| {
                if let Some(el) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                    store.dispatch(Action::FillValue { input: id.clone(), text: el.value() });
                }
            })
        };
        let on_evidence = {
            let (store, id) = (store.clone(), id.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    store.dispatch(Action::FillEvidence { input: id.clone(), text: el.value() });
                }
            })
        };
        let invalid = !errors.is_empty();
        // Flags and choices are picked; the form's own words are kept as
        // the values (是/否, the choices' Chinese names).
        let picks: Option<Vec<(String, String)>> = match input.kind {
            InputKind::Flag => Some(vec![
                ("是".into(), lang.pick("是", "yes").into()),
                ("否".into(), lang.pick("否", "no").into()),
            ]),
            InputKind::Choice => Some(
                input
                    .choices
                    .iter()
                    .map(|c| (c.get(Lang::Zh).to_string(), c.get(lang).to_string()))
                    .collect(),
            ),
            _ => None,
        };
        let field = match picks {
            Some(picks) => {
                // A value typed elsewhere that is none of the picks (1/0)
                // is kept as it is.
                let known = value.is_empty() || picks.iter().any(|(v, _)| *v == value);
                html! {
                    <select id={field_id.clone()} data-input={id.clone()} onchange={on_pick}
                        aria-invalid={invalid.then_some("true")}>
                        <option value="" selected={value.is_empty()}>{ t.fill_blank_choice }</option>
                        if !known {
                            <option value={value.clone()} selected=true>{ value.clone() }</option>
                        }
                        { for picks.into_iter().map(|(v, shown)| html! {
                            <option selected={v == value} value={v.clone()}>{ shown }</option>
                        }) }
                    </select>
                }
            }
            None => html! {
                <input id={field_id.clone()} data-input={id.clone()} type="text"
                    inputmode={if input.kind == InputKind::Count { "numeric" } else { "decimal" }}
                    value={value} oninput={on_value} autocomplete="off"
                    aria-invalid={invalid.then_some("true")} />
            },
        };
        let help = input.help.as_ref().map(|h| h.get(lang).to_string()).unwrap_or_default();
        Some(html! {
            <tr key={id.clone()} data-input={id.clone()} class={classes!(invalid.then_some("invalid"))}>
                <th scope="row">
                    <label for={field_id}>{ input.label.get(lang) }</label>
                    if !help.is_empty() { <div class="fill-help">{ help }</div> }
                    <div class="fill-kind">{ scoring_formats::book::kind_text(input, lang) }</div>
                </th>
                <td class="fill-value">
                    { field }
                    <div class="fill-error" role="alert" hidden={errors.is_empty()}>{ errors.join(" ") }</div>
                </td>
                <td class="fill-evidence">
                    <input type="text" data-evidence={id.clone()} value={evidence} oninput={on_evidence}
                        aria-label={format!("{} · {}", input.label.get(lang), t.fill_evidence)} autocomplete="off" />
                </td>
            </tr>
        })
    });

    let pick = |pair: &[String; 2]| match lang {
        Lang::Zh => pair[0].clone(),
        Lang::En => pair[1].clone(),
    };
    let scored = f
        .own
        .leaves
        .iter()
        .filter(|l| matches!(l.outcome, OwnOutcome::Scored { .. }))
        .count();
    let results = f.own.leaves.iter().map(|l| {
        let leaf = rubric.leaf(l.leaf);
        let (class, points, why) = match &l.outcome {
            OwnOutcome::Scored { points, why, .. } => ("scored", points.to_string(), pick(why)),
            OwnOutcome::DependsOnOthers => ("depends", "—".to_string(), t.fill_depends.to_string()),
            OwnOutcome::FromElsewhere => {
                ("elsewhere", "—".to_string(), t.fill_elsewhere.to_string())
            }
            OwnOutcome::Incomplete(ids) => {
                // Wrong ones, and blank ones; a value filled in that waits
                // for a blank one beside it (answered, while asked is
                // blank) is neither.
                let labels = |bad: bool| -> Vec<String> {
                    ids.iter()
                        .filter(|id| {
                            if bad {
                                wrong.contains(&id.as_str())
                            } else {
                                !wrong.contains(&id.as_str())
                                    && f.values.get(*id).is_none_or(|v| v.trim().is_empty())
                            }
                        })
                        .map(|id| super::column_label(rubric, id, lang))
                        .collect()
                };
                let (bad, blank) = (labels(true), labels(false));
                let mut said = Vec::new();
                if !bad.is_empty() {
                    said.push(fill(t.fill_wrong, &[("inputs", &joined(&bad, lang))]));
                }
                if !blank.is_empty() {
                    said.push(fill(t.fill_incomplete, &[("inputs", &joined(&blank, lang))]));
                }
                if said.is_empty() {
                    // Waiting on a value elsewhere on the form.
                    let all: Vec<String> = ids
                        .iter()
                        .map(|id| super::column_label(rubric, id, lang))
                        .collect();
                    said.push(fill(t.fill_incomplete, &[("inputs", &joined(&all, lang))]));
                }
                ("incomplete", "—".to_string(), said.join(lang.pick("；", "; ")))
            }
        };
        html! {
            <tr class={class} data-leaf={leaf.id.clone()}>
                <th scope="row">{ leaf.name.get(lang) }</th>
                <td class="num">{ format!("{}%", scoring_core::num::plain(rubric.weight_percent(leaf.weight))) }</td>
                <td class="num points">{ points }</td>
                <td class="why">{ why }</td>
            </tr>
        }
    });

    let on_save = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| save(&store))
    };
    let on_close = {
        let store = store.clone();
        let dirty = f.dirty;
        Callback::from(move |_: MouseEvent| {
            store.dispatch(if dirty {
                Action::Ask(Some(crate::state::Ask::CloseFill))
            } else {
                Action::CloseFill
            });
        })
    };
    let n_errors = f.own.errors.len();
    html! {
        <section id="fill-form" class="fill">
            <h2>{ if h.title.contains(&h.year.to_string()) {
                fill(t.fill_title_no_year, &[("office", &h.office), ("title", &h.title)])
            } else {
                fill(t.fill_title, &[("office", &h.office), ("title", &h.title), ("year", &h.year.to_string())])
            } }</h2>
            <p class="fill-meta">{ fill(t.fill_meta, &[
                ("rubric", rubric.title().get(lang)),
                ("version", &h.rubric_version),
                ("fingerprint", scoring_core::fingerprint::short(&h.fingerprint)),
                ("file", &f.file),
            ]) }</p>
            <p class="fill-how">{ t.fill_how }</p>
            // Always there (hidden when empty): a node coming and going
            // above the fields would have them drawn anew, taking the
            // focus from the field being typed in.
            <div id={(n_errors > 0).then_some("fill-errors")} class="fill-errors" role="alert" hidden={n_errors == 0}>
                if n_errors > 0 {
                    { fill(t.fill_errors, &[("n", &n_errors.to_string())]) }
                    <ul>{ for f.own.errors.iter().map(|e| html! { <li>{ error_text(e) }</li> }) }</ul>
                }
            </div>
            <div class="fill-actions">
                <button id="save-filled" class="primary" disabled={n_errors > 0} onclick={on_save}>
                    { t.fill_save }
                    if f.dirty { <span class="dot">{ " ●" }</span> }
                </button>
                <button id="close-fill" onclick={on_close}>{ t.fill_close }</button>
            </div>
            <table class="fill-table">
                <thead><tr>
                    <th scope="col">{ t.fill_item }</th>
                    <th scope="col">{ t.fill_value }</th>
                    <th scope="col">{ t.fill_evidence }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <section id="fill-result" class="fill-result">
                <h3>{ t.fill_result_title }</h3>
                <p>{ t.fill_result_intro }</p>
                if let Some(why) = &f.own.not_alone {
                    <p class="fill-not-alone">{ fill(t.fill_not_alone, &[("error", &pick(why))]) }</p>
                } else {
                    <table class="fill-scores">
                        <thead><tr>
                            <th scope="col">{ t.fill_indicator }</th>
                            <th scope="col">{ t.fill_weight }</th>
                            <th scope="col">{ t.fill_points }</th>
                            <th scope="col">{ t.fill_why }</th>
                        </tr></thead>
                        <tbody>{ for results }</tbody>
                    </table>
                    <p id="fill-sum">{ fill(t.fill_scored_sum, &[("n", &scored.to_string()), ("of", &f.own.leaves.len().to_string()), ("points", &f.own.scored_points.to_string())]) }</p>
                }
            </section>
        </section>
    }
}
