//! One office's row of the grid: only the columns on screen are drawn,
//! and a row whose office, problems and cursor did not change is not
//! drawn again (its properties compare equal).

use std::rc::Rc;

use scoring_core::{InputKind, Lang};
use yew::prelude::*;

use super::cell_id;
use super::columns::{Columns, Holds, Pick};
use crate::components::now;
use crate::i18n::{fill, tr};
use crate::state::{Action, AppState, OfficeRow, RowStatus};

/// The cursor, when it is in this row.
#[derive(Debug, Clone, PartialEq)]
pub struct Active {
    /// Its column.
    pub col: usize,
    /// The pick list, open: the picks shown and the one highlighted.
    pub list: Option<(Vec<Pick>, usize)>,
    /// Whether notes and lists open upwards (the row is near the bottom
    /// of the screen).
    pub upwards: bool,
    /// Whether the cell is selected rather than being typed in or edited.
    pub selected: bool,
}

/// A problem with one of a row's cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Its column (0 = the name).
    pub col: usize,
    /// In words.
    pub message: String,
    /// Whether the cell is only blank (the office is not scored yet),
    /// rather than wrong.
    pub blank: bool,
}

/// A row's properties.
#[derive(Properties, PartialEq)]
pub struct RowProps {
    /// Its place in the order shown (0-based).
    pub view: usize,
    /// The office.
    pub office: Rc<OfficeRow>,
    /// The grid's columns.
    pub cols: Rc<Columns>,
    /// The scrolling columns drawn: `[first, end)`, counted from the
    /// first input (the row's buttons are the last).
    pub window: (usize, usize),
    /// The cursor, if in this row.
    pub active: Option<Active>,
    /// Problems, by column.
    pub problems: Vec<Problem>,
    /// Blank cells the item log fills: column and count.
    pub filled: Vec<(usize, String, String)>,
    /// Typed cells whose counts the item log differs from, where the
    /// assessor chose which stand: column, the log's count when it is the
    /// one scored, and why.
    pub chosen: Vec<(usize, Option<u32>, String)>,
    /// Whether the office was scored.
    pub status: RowStatus,
    /// Whether it may move up, and down (`None`: the grid is sorted or
    /// searched, and rows do not move).
    pub moves: Option<(bool, bool)>,
    /// Whether the assessment is approved: the row's buttons are off.
    pub locked: bool,
    /// The page's language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// An office's row.
#[function_component(GridRow)]
pub fn grid_row(props: &RowProps) -> Html {
    let t = tr(props.lang);
    let office = &props.office;
    let key = office.key;
    let cols = &props.cols;
    let n_scroll = cols.len(); // the inputs and text columns, then the buttons
    let (c0, c1) = props.window;
    let problem_of = |col: usize| props.problems.iter().find(|p| p.col == col);

    let cell = |col: usize| -> Html {
        let column = &cols.all[col];
        let raw: &str = if col == 0 {
            &office.name
        } else {
            office.cell(&column.id)
        };
        let active = props.active.as_ref().filter(|a| a.col == col);
        let problem = problem_of(col);
        let chosen = props
            .chosen
            .iter()
            .find(|(c, ..)| *c == col)
            .map(|(_, log, why)| (*log, why.clone()));
        // The log's count scored in its place: shown as the cell's value,
        // the typed one small and struck through, and typed into as ever.
        let scored_log = chosen
            .as_ref()
            .and_then(|(log, _)| *log)
            .filter(|_| active.is_none());
        let (filled, filled_title) = match props.filled.iter().find(|(c, ..)| *c == col) {
            Some((_, n, title)) => (Some(n.clone()), Some(title.clone())),
            None => (None, None),
        };
        // What an office's returned form says of the cell: a submitted
        // value the reviewed one differs from, evidence.
        let (reviewed, evidence) = match column.holds {
            Holds::Input { ix, .. } => {
                let submitted = office
                    .cells
                    .get(&scoring_formats::forms::submitted_key(&column.id))
                    .filter(|s| !scoring_formats::forms::same_value(&cols.rubric, ix, s, raw));
                let evidence = office
                    .cells
                    .get(&scoring_formats::forms::evidence_key(&column.id));
                (submitted.cloned(), evidence.cloned())
            }
            _ => (None, None),
        };
        let numeric = matches!(
            column.holds,
            Holds::Input {
                kind: InputKind::Count | InputKind::Amount,
                ..
            }
        );
        let class = classes!(
            "cell",
            (col == 0).then_some("name sticky1"),
            matches!(column.holds, Holds::Text).then_some("text-cell"),
            numeric.then_some("num"),
            problem.map(|p| if p.blank { "blank" } else { "invalid" }),
            filled.is_some().then_some("from-log"),
            chosen.as_ref().map(|(log, _)| if log.is_some() {
                "log-chosen"
            } else {
                "typed-chosen"
            }),
            reviewed.is_some().then_some("reviewed"),
            evidence.is_some().then_some("has-evidence"),
            active.is_some().then_some("active"),
            active.is_some_and(|a| a.upwards).then_some("upwards"),
        );
        // The cell being typed in or edited shows what is typed; a
        // selected one the same as the others, but for separators (a yes
        // or no and a choice by name, not as 1, 0 or a position).
        let picked = !column.picks.is_empty();
        let value = match (active, scored_log) {
            (_, Some(n)) => cols.shown(col, &n.to_string()),
            (Some(a), _) if !(a.selected && picked) => raw.to_string(),
            _ => cols.shown(col, raw),
        };
        let title = problem
            .map(|p| {
                if p.blank {
                    t.cell_blank.to_string()
                } else {
                    p.message.clone()
                }
            })
            .or(filled_title)
            .or_else(|| chosen.as_ref().map(|(_, why)| why.clone()))
            .or_else(|| {
                // The office's own value and evidence, on hover.
                let mut said = Vec::new();
                if let Some(s) = &reviewed {
                    said.push(fill(t.cell_reviewed, &[("submitted", &cols.shown(col, s))]));
                }
                if let Some(e) = &evidence {
                    said.push(fill(t.cell_evidence, &[("evidence", e)]));
                }
                (!said.is_empty()).then(|| said.join("\n"))
            })
            // A long name the column cuts: whole on hover.
            .unwrap_or_else(|| {
                if col == 0 {
                    office.name.trim().to_string()
                } else {
                    String::new()
                }
            });
        let note_id = format!("note-{}-{col}", props.view);
        let label = format!("{} {}", office.name.trim(), column.label);
        let invalid = problem.is_some_and(|p| !p.blank);
        // Keyed by column, so that a scroll sideways keeps each cell's
        // element (and the focus in it) with its column.
        html! {
            <td key={col} {class} data-typed={scored_log.map(|_| fill(t.typed_short, &[("typed", &cols.shown(col, raw))]))}>
                <input id={cell_id(props.view, col)}
                    data-row={props.view.to_string()} data-col={col.to_string()}
                    data-input={(col > 0).then(|| column.id.clone())}
                    aria-label={label}
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={(active.is_some() && problem.is_some()).then(|| note_id.clone())}
                    {value} {title}
                    placeholder={filled.unwrap_or_default()}
                    autocomplete="off" spellcheck="false" readonly={props.locked}
                    inputmode={if numeric { "decimal" } else { "text" }} />
                if let Some(a) = active {
                    if !column.picks.is_empty() && a.list.is_none() {
                        <span class="drop" data-open-list="1" title={t.open_list} aria-hidden="true">{ "▾" }</span>
                    }
                    if let Some(p) = problem.filter(|p| !p.blank && a.list.is_none()) {
                        <div class="cell-note" id={note_id} role="note">{ &p.message }</div>
                    }
                    if let Some((picks, at)) = &a.list {
                        <ul class="pick-list" role="listbox" aria-label={column.label.clone()} title={t.list_hint}>
                            { for picks.iter().enumerate().map(|(k, p)| html! {
                                <li role="option" data-pick={p.typed.clone()}
                                    class={classes!((k == *at).then_some("highlighted"))}
                                    aria-selected={if k == *at { "true" } else { "false" }}>
                                    { &p.shown }
                                </li>
                            }) }
                        </ul>
                    }
                }
            </td>
        }
    };

    let buttons = {
        let name = if office.name.trim().is_empty() {
            "—".to_string()
        } else {
            office.name.trim().to_string()
        };
        let dispatch = props.dispatch.clone();
        let confirm_text = fill(t.confirm_remove_office, &[("name", &name)]);
        let on_remove = Callback::from(move |_| {
            dispatch.dispatch(Action::Ask(Some(crate::state::Ask::RemoveOffice {
                office: key,
                question: confirm_text.clone(),
            })));
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
        let (up, down) = props.moves.unwrap_or((false, false));
        let locked = props.locked.then_some(t.locked);
        let off = locked.or(props.moves.is_none().then_some(t.moving_off));
        html! {
            <td key="actions" class="row-actions">
                <button class="icon" title={off.unwrap_or(t.move_up)} disabled={!up || props.locked}
                    aria-label={fill(t.move_up_named, &[("name", &name)])} onclick={mover(-1)}>{ "↑" }</button>
                <button class="icon" title={off.unwrap_or(t.move_down)} disabled={!down || props.locked}
                    aria-label={fill(t.move_down_named, &[("name", &name)])} onclick={mover(1)}>{ "↓" }</button>
                <button class="icon remove" title={locked.unwrap_or(t.remove)} disabled={props.locked}
                    aria-label={fill(t.remove_named, &[("name", &name)])} onclick={on_remove}>{ "✕" }</button>
            </td>
        }
    };

    let status_mark = match props.status {
        RowStatus::Scored => html! {},
        RowStatus::Incomplete => {
            html! { <span class="mark incomplete" aria-hidden="true">{ "…" }</span> }
        }
        RowStatus::Excluded => {
            html! { <span class="mark excluded" aria-hidden="true">{ "!" }</span> }
        }
    };
    let index_title = match props.status {
        RowStatus::Scored => String::new(),
        RowStatus::Incomplete => fill(
            t.problems_blank,
            &[("n", &props.problems.len().to_string())],
        ),
        RowStatus::Excluded => props
            .problems
            .iter()
            .map(|p| {
                format!(
                    "{}{}{}",
                    cols.all.get(p.col).map(|c| c.label.as_str()).unwrap_or(""),
                    super::super::colon(props.lang),
                    p.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    };

    html! {
        <tr class={classes!("office-row", format!("status-{:?}", props.status).to_lowercase())}
            data-office={office.name.clone()}>
            <td class="index sticky0" title={index_title}>{ props.view + 1 }{ status_mark }</td>
            { cell(0) }
            if c0 > 0 {
                <td class="pad" aria-hidden="true"></td>
            }
            // One keyed list of its own (`{ for … }` would be flattened
            // among the unkeyed cells around it and diffed by position).
            { (c0..c1).map(|k| if k + 1 < n_scroll { cell(k + 1) } else { buttons.clone() }).collect::<Html>() }
            if c1 < n_scroll {
                <td class="pad" aria-hidden="true"></td>
            }
        </tr>
    }
}
