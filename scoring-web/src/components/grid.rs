//! The entry grid: offices as rows, inputs as columns (headed by their
//! Chinese labels, help on hover). Keyboard as in a spreadsheet: Tab,
//! Enter and the arrows move; a block copied from Excel pastes in place.
//! A bad cell is marked with its reason; its office is left out of the
//! results with a visible warning, never scored as 0.

use std::rc::Rc;

use scoring_core::{Lang, Rubric};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{now, use_store};
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::{Action, AppState, OfficeRow, RowStatus};

/// The id of a grid cell's input: column 0 is the office name.
pub fn cell_id(row: usize, col: usize) -> String {
    format!("cell-{row}-{col}")
}

#[derive(Properties, PartialEq)]
struct RowProps {
    index: usize,
    rows: usize,
    office: Rc<OfficeRow>,
    rubric: Rc<Rubric>,
    /// Problems per column (1… = inputs; 0 = the office itself), in words.
    problems: Vec<(usize, String)>,
    /// Blank cells filled from the item log: column and count.
    filled: Vec<(usize, String)>,
    status: RowStatus,
    lang: Lang,
    dispatch: UseReducerDispatcher<AppState>,
}

/// Moves focus from a cell on a navigation key; returns whether it did.
fn navigate(e: &KeyboardEvent, row: usize, col: usize, rows: usize, cols: usize) -> bool {
    let input = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
    let (start, end, len) = match &input {
        Some(i) => (
            i.selection_start().ok().flatten().unwrap_or(0),
            i.selection_end().ok().flatten().unwrap_or(0),
            i.value().chars().count() as u32,
        ),
        None => (0, 0, 0),
    };
    let target = match e.key().as_str() {
        "Enter" if e.shift_key() => row.checked_sub(1).map(|r| (r, col)),
        "Enter" | "ArrowDown" => (row + 1 < rows).then_some((row + 1, col)),
        "ArrowUp" => row.checked_sub(1).map(|r| (r, col)),
        // Left and right move between cells only at the text's edges.
        "ArrowLeft" if start == 0 && end == 0 => col.checked_sub(1).map(|c| (row, c)),
        "ArrowRight" if start == len && end == len => (col + 1 < cols).then_some((row, col + 1)),
        _ => return false,
    };
    if let Some((r, c)) = target {
        browser::focus(&cell_id(r, c));
    }
    // Enter never submits anything; keep it from doing so even at the edge.
    target.is_some() || e.key() == "Enter"
}

#[function_component(GridRow)]
fn grid_row(props: &RowProps) -> Html {
    let t = tr(props.lang);
    let office = &props.office;
    let key = office.key;
    let n_inputs = props.rubric.inputs().len();
    let cols = n_inputs + props.rubric.text_columns().len() + 1;
    let (row, rows) = (props.index, props.rows);

    let on_keydown = move |col: usize| {
        Callback::from(move |e: KeyboardEvent| {
            if navigate(&e, row, col, rows, cols) {
                e.prevent_default();
            }
        })
    };
    let on_paste = |col: usize| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let text = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            // A single value pastes as usual; a block fills the grid.
            if text.contains('\t') || text.trim_end_matches(['\r', '\n']).contains('\n') {
                e.prevent_default();
                dispatch.dispatch(Action::Paste {
                    office: key,
                    column: col,
                    text,
                    now: now(),
                });
            }
        })
    };
    let on_name = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                dispatch.dispatch(Action::RenameOffice {
                    office: key,
                    name: input.value(),
                    now: now(),
                });
            }
        })
    };
    let problem_of = |col: usize| {
        props
            .problems
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, m)| m.clone())
    };
    let name_problem = problem_of(0);

    let cells = props.rubric.inputs().items().enumerate().map(|(i, input)| {
        let col = i + 1;
        let id = input.id.clone();
        let dispatch = props.dispatch.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                dispatch.dispatch(Action::EditCell {
                    office: key,
                    input: id.clone(),
                    text: el.value(),
                    now: now(),
                });
            }
        });
        let problem = problem_of(col);
        let blank = office.cell(&input.id).is_empty();
        let filled = props.filled.iter().find(|(c, _)| *c == col).map(|(_, n)| n.clone());
        let class = classes!(
            "cell",
            problem.is_some().then_some(if blank { "blank" } else { "invalid" }),
            filled.is_some().then_some("from-log")
        );
        let title = problem
            .clone()
            .or_else(|| filled.as_ref().map(|_| t.from_log.to_string()))
            .unwrap_or_default();
        html! {
            <td {class}>
                <input id={cell_id(row, col)} data-input={input.id.clone()}
                    value={office.cell(&input.id).to_string()}
                    placeholder={filled.unwrap_or_default()}
                    {title}
                    aria-invalid={if problem.is_some() && !blank { "true" } else { "false" }}
                    inputmode={if matches!(input.kind, scoring_core::InputKind::Flag | scoring_core::InputKind::Choice) { "text" } else { "decimal" }}
                    {oninput} onkeydown={on_keydown(col)} onpaste={on_paste(col)} />
            </td>
        }
    });

    // Text columns (reasons, evidence): kept with the data, never scored.
    let texts = props
        .rubric
        .text_columns()
        .items()
        .enumerate()
        .map(|(k, column)| {
            let col = n_inputs + 1 + k;
            let id = column.id.clone();
            let dispatch = props.dispatch.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    dispatch.dispatch(Action::EditCell {
                        office: key,
                        input: id.clone(),
                        text: el.value(),
                        now: now(),
                    });
                }
            });
            let value = office.cell(&column.id).to_string();
            let title = value.clone();
            html! {
                <td class="cell text-cell">
                    <input id={cell_id(row, col)} data-input={column.id.clone()}
                        {title} {value}
                        {oninput} onkeydown={on_keydown(col)} onpaste={on_paste(col)} />
                </td>
            }
        });

    let status = match props.status {
        RowStatus::Scored => html! {},
        RowStatus::Incomplete => {
            html! { <span class="row-note incomplete">{ t.row_incomplete }</span> }
        }
        RowStatus::Excluded => {
            // Every reason, named by column (blank cells in an otherwise
            // wrong row are not worth listing).
            let reasons: Vec<String> = props
                .problems
                .iter()
                .filter(|(c, _)| {
                    *c == 0
                        || !office
                            .cell(
                                props
                                    .rubric
                                    .inputs()
                                    .items()
                                    .nth(c - 1)
                                    .map(|i| i.id.as_str())
                                    .unwrap_or(""),
                            )
                            .is_empty()
                })
                .map(|(c, m)| {
                    let label = match c {
                        0 => t.office.to_string(),
                        c => props
                            .rubric
                            .inputs()
                            .items()
                            .nth(c - 1)
                            .map(|i| i.label.get(props.lang).to_string())
                            .unwrap_or_default(),
                    };
                    format!("{label}：{m}")
                })
                .collect();
            html! {
                <span class="row-note excluded" role="alert">
                    { t.row_excluded }
                    <ul class="reasons">{ for reasons.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                </span>
            }
        }
    };

    let dispatch = props.dispatch.clone();
    let name = office.name.clone();
    let confirm_text = fill(t.confirm_remove_office, &[("name", &name)]);
    let on_remove = Callback::from(move |_| {
        if browser::confirm(&confirm_text) {
            dispatch.dispatch(Action::RemoveOffice {
                office: key,
                now: now(),
            });
        }
    });
    let mover = |delta: i32| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::MoveOffice {
                office: key,
                delta,
                now: now(),
            })
        })
    };

    html! {
        <tr class={classes!("office-row", format!("status-{:?}", props.status).to_lowercase())} data-office={office.name.clone()}>
            <td class="index">{ row + 1 }</td>
            <td class={classes!("cell", "name", name_problem.is_some().then_some("invalid"))}>
                <input id={cell_id(row, 0)} value={office.name.clone()}
                    title={name_problem.unwrap_or_default()}
                    oninput={on_name} onkeydown={on_keydown(0)} onpaste={on_paste(0)} />
            </td>
            { for cells }
            { for texts }
            <td class="row-actions">
                <button class="icon" title={t.move_up} disabled={row == 0} onclick={mover(-1)}>{ "↑" }</button>
                <button class="icon" title={t.move_down} disabled={row + 1 == rows} onclick={mover(1)}>{ "↓" }</button>
                <button class="icon remove" title={t.remove} onclick={on_remove}>{ "✕" }</button>
                { status }
            </td>
        </tr>
    }
}

/// The entry grid.
#[function_component(Grid)]
pub fn grid() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let results = &store.results;
    let rubric = results.rubric.clone();
    let a = store.assessment();
    let dispatch = store.dispatcher();
    let excluded = results.count(RowStatus::Excluded);
    let incomplete = results.count(RowStatus::Incomplete);
    let on_add = {
        let store = store.clone();
        Callback::from(move |_| {
            store.dispatch(Action::AddOffice { now: now() });
            let row = store.assessment().offices.len();
            // Focus the new row's name once it is drawn.
            let id = cell_id(row, 0);
            yew::platform::spawn_local(async move {
                browser::focus(&id);
            });
        })
    };

    html! {
        <section class="grid-view">
            <p class="hint no-print">{ t.grid_hint }</p>
            if excluded > 0 {
                <p class="warning" id="excluded-warning" role="alert">{ fill(t.warning_excluded, &[("n", &excluded.to_string())]) }</p>
            }
            if incomplete > 0 {
                <p class="note">{ fill(t.warning_incomplete, &[("n", &incomplete.to_string())]) }</p>
            }
            <div class="grid-scroll">
                // Fixed layout needs a set width: the columns' sum (see style.css).
                <table class="grid" style={format!("width: {}em", 32.0 + 6.5 * rubric.inputs().len() as f32 + 12.0 * rubric.text_columns().len() as f32)}>
                    <colgroup>
                        <col class="index" />
                        <col class="name" />
                        { for rubric.inputs().items().map(|_| html! { <col class="input" /> }) }
                        { for rubric.text_columns().items().map(|_| html! { <col class="text" /> }) }
                        <col class="actions" />
                    </colgroup>
                    <thead>
                        <tr>
                            <th class="index">{ "#" }</th>
                            <th class="name">{ t.office }</th>
                            { for rubric.inputs().items().map(|i| html! {
                                <th title={i.help.as_ref().map(|h| h.get(lang).to_string()).unwrap_or_default()} data-input={i.id.clone()}>
                                    { i.label.get(lang) }
                                </th>
                            }) }
                            { for rubric.text_columns().items().map(|c| html! {
                                <th class="text" title={c.help.as_ref().map(|h| h.get(lang).to_string()).unwrap_or_else(|| t.text_column_hint.to_string())} data-input={c.id.clone()}>
                                    { c.label.get(lang) }
                                </th>
                            }) }
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for a.offices.iter().enumerate().map(|(index, office)| {
                            let mut problems: Vec<(usize, String)> = rubric
                                .inputs()
                                .items()
                                .enumerate()
                                .filter_map(|(i, input)| {
                                    results
                                        .cell_problems
                                        .get(&(office.key, input.id.clone()))
                                        .map(|p| (i + 1, p.message(lang)))
                                })
                                .collect();
                            for (i, input) in rubric.inputs().items().enumerate() {
                                if let Some(p) = results.log_conflicts.get(&(office.key, input.id.clone())) {
                                    problems.push((i + 1, p.message(lang)));
                                }
                            }
                            if let Some(p) = results.office_problems.get(&office.key) {
                                problems.insert(0, (0, p.message(lang)));
                            }
                            let filled: Vec<(usize, String)> = rubric
                                .inputs()
                                .items()
                                .enumerate()
                                .filter_map(|(i, input)| {
                                    results.from_log.get(&(office.key, input.id.clone())).map(|n| (i + 1, n.clone()))
                                })
                                .collect();
                            let status = results.status.get(&office.key).copied().unwrap_or(RowStatus::Scored);
                            html! {
                                <GridRow key={office.key} {index} rows={a.offices.len()} office={office.clone()}
                                    rubric={rubric.clone()} {problems} {filled} {status} {lang} dispatch={dispatch.clone()} />
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if a.offices.is_empty() {
                <p class="empty">{ t.empty_grid }</p>
            }
            <button id="add-office" class="primary no-print" onclick={on_add}>{ t.add_office }</button>
        </section>
    }
}
