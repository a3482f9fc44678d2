//! The entry grid: offices as rows, inputs (then text columns) as columns.
//!
//! **As in a spreadsheet.** One cell is selected at a time. Typing into a
//! selected cell replaces its value; F2, Enter or a double click edit it
//! in place; Escape takes the edit back. The arrows, Tab, Enter, Home,
//! End and Page Up/Down move (Ctrl jumps to the edge); while a cell is
//! edited in place the left and right arrows move within its text. Choice
//! and yes/no cells (and cells that may be `不适用`) offer a list: it opens
//! as one types or edits, or with Alt+↓, and the arrows and Enter pick.
//! A block copied from Excel pastes in place. Undo and redo are the
//! page's (`app.rs`), wherever the focus is.
//!
//! **Only what is on screen is drawn.** The grid scrolls in a box of its
//! own, its header row and office column frozen (`position: sticky`), with
//! the rows and columns on screen (and a few beyond) drawn and the rest
//! replaced by spacers of their size: an edit or a move redraws a row or
//! two, whatever the number of offices. Every row has the same height
//! (`columns::ROW_H`) and every column a set width, so where each one is
//! follows from the scroll position alone.
//!
//! **Problems beside their cells.** A cell that is not valid is marked;
//! selected, it shows why beside it, and the bar above the grid says what
//! the cell takes. The list of problems jumps to each cell.
//!
//! **Views.** Sorting by a column and searching by name are views
//! ([`crate::state::GridView`]): the data, its stored order and undo are
//! untouched. Totals and averages of the offices shown sit under the grid.

mod columns;
mod keys;
mod row;

use std::cell::RefCell;
use std::rc::Rc;

use rust_decimal::RoundingStrategy;
use scoring_core::InputKind;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::{now, use_store};
use crate::i18n::{fill, tr};
use crate::state::grid::{grouped, summaries};
use crate::state::{Action, GridSort, RowStatus, SortColumn};
use columns::{Columns, Holds, ROW_H, W_INDEX, W_NAME};
use keys::Place;
use row::{Active, GridRow, Problem};

/// The id of a grid cell's input: row in the order shown, column 0 the
/// office's name.
pub fn cell_id(row: usize, col: usize) -> String {
    format!("cell-{row}-{col}")
}

/// Rows drawn beyond the screen, each way.
const OVERSCAN_ROWS: usize = 8;
/// Columns drawn beyond the screen, each way.
const OVERSCAN_COLS: usize = 1;
/// The most problems listed.
const MOST_PROBLEMS: usize = 200;

/// What keys do in the selected cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Mode {
    /// Selected: typing replaces the value, the arrows move.
    #[default]
    Select,
    /// Typed into: the arrows, Tab and Enter keep the value and move.
    Enter,
    /// Edited in place (F2, Enter, a double click): the left and right
    /// arrows move within the text.
    Edit,
}

/// The selected cell and what is happening in it.
#[derive(Debug, Clone, PartialEq, Default)]
struct Cursor {
    row: usize,
    col: usize,
    mode: Mode,
    /// Grows each time the focus should be put on the cursor's cell once
    /// drawn (a move, a click, a jump).
    focus: u64,
    /// The pick list, open, with this pick highlighted.
    list: Option<usize>,
    /// The cell's text before it was typed into (Escape puts it back).
    before: Option<String>,
    /// The column a run of Tabs along the row started from: Enter then
    /// goes down to it, as in a spreadsheet.
    tab_from: Option<usize>,
    /// The cell just typed into and left (its office's key, its column):
    /// the bar says what is wrong with it, if anything, until the next
    /// move.
    left: Option<(u64, usize)>,
    /// On the office that Enter at the end of the grid added: left
    /// untouched, it goes again ([`Action::DiscardNewOffice`]).
    fresh: bool,
}

impl Cursor {
    fn at(&self, row: usize, col: usize) -> Cursor {
        Cursor {
            row,
            col,
            mode: Mode::Select,
            focus: self.focus + 1,
            list: None,
            before: None,
            tab_from: None,
            left: None,
            fresh: false,
        }
    }

    /// The cursor moved by `key` to `(row, col)`, the run of Tabs kept
    /// ([`keys::after_tabs`]).
    fn moved(&self, key: &str, shift: bool, row: usize, col: usize) -> Cursor {
        let (col, tab_from) = keys::after_tabs(key, shift, self.tab_from, self.col, col);
        Cursor {
            tab_from,
            ..self.at(row, col)
        }
    }
}

/// The rows and scrolling columns drawn: `[r0, r1)` and `[c0, c1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Win {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
}

/// What is on screen for a scroll position and a box size.
fn window(top: f64, left: f64, width: f64, height: f64, rows: usize, widths: &[f64]) -> Win {
    let first = (top / ROW_H).floor().max(0.0) as usize;
    let last = ((top + height) / ROW_H).ceil().max(0.0) as usize;
    let r0 = first.saturating_sub(OVERSCAN_ROWS).min(rows);
    let r1 = (last + OVERSCAN_ROWS).min(rows).max(r0);
    // The scrolling columns start after the frozen ones.
    let seen = (width - W_INDEX - W_NAME).max(0.0);
    let (mut c0, mut c1) = (widths.len(), widths.len());
    let mut x = 0.0;
    for (k, w) in widths.iter().enumerate() {
        if c0 == widths.len() && x + w > left {
            c0 = k;
        }
        if x >= left + seen {
            c1 = k;
            break;
        }
        x += w;
    }
    let c0 = c0.saturating_sub(OVERSCAN_COLS).min(widths.len());
    let c1 = (c1 + OVERSCAN_COLS).min(widths.len()).max(c0);
    Win { r0, r1, c0, c1 }
}

/// An `Rc` compared by address (hook dependencies).
#[derive(Clone)]
struct ByPtr<T>(Rc<T>);
impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The grid cell an event happened in: its row and column.
fn cell_of(target: Option<web_sys::EventTarget>) -> Option<(usize, usize, HtmlInputElement)> {
    let input = target?.dyn_into::<HtmlInputElement>().ok()?;
    let row = input.get_attribute("data-row")?.parse().ok()?;
    let col = input.get_attribute("data-col")?.parse().ok()?;
    Some((row, col, input))
}

/// The nearest element (the target or above) with `attribute`.
fn closest_with(target: Option<web_sys::EventTarget>, attribute: &str) -> Option<Element> {
    let el = target?.dyn_into::<Element>().ok()?;
    el.closest(&format!("[{attribute}]")).ok().flatten()
}

/// Scrolls the grid's box so that the cell holding `input` is clear of
/// the frozen header, footer and office column.
fn reveal(port: &HtmlElement, input: &HtmlInputElement, col: usize) {
    let Some(cell) = input.parent_element() else {
        return;
    };
    let r = cell.get_bounding_client_rect();
    let p = port.get_bounding_client_rect();
    let height = |sel: &str| {
        port.query_selector(sel)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            .map_or(0.0, |e| f64::from(e.offset_height()))
    };
    let top = p.top() + height("thead");
    let bottom = p.top() + f64::from(port.client_height()) - height("tfoot");
    if r.top() < top {
        port.set_scroll_top(port.scroll_top() - (top - r.top()).ceil() as i32);
    } else if r.bottom() > bottom {
        port.set_scroll_top(port.scroll_top() + (r.bottom() - bottom).ceil() as i32);
    }
    if col > 0 {
        let left = p.left() + W_INDEX + W_NAME;
        let right = p.left() + f64::from(port.client_width());
        if r.left() < left {
            port.set_scroll_left(port.scroll_left() - (left - r.left()).ceil() as i32);
        } else if r.right() > right {
            port.set_scroll_left(port.scroll_left() + (r.right() - right).ceil() as i32);
        }
    }
}

/// A decimal for the footer: at most two places, thousands separated.
fn figure(v: rust_decimal::Decimal) -> String {
    let v = v
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let text = v.to_string();
    grouped(&text).unwrap_or(text)
}

/// The entry grid.
/// A length in whole CSS pixels (the grid's widths and heights are whole
/// already): written without the standard library's float formatting,
/// which would cost the first visit some 6 KB.
fn px(v: f64) -> String {
    format!("{}px", v.round() as i64)
}

#[function_component(Grid)]
pub fn grid() -> Html {
    let store = use_store();
    let lang = store.lang;
    let t = tr(lang);
    let results = &store.results;
    let a_rc = Rc::clone(&store.assessments[store.current]);
    let a = &*a_rc;
    let rubric = results.rubric.clone();
    let dispatch = store.dispatcher();
    let view = store.ui.grid.clone();

    let cols = use_memo((ByPtr(rubric.clone()), lang), |(r, lang)| {
        Columns::new(r.0.clone(), *lang)
    });
    let rows = use_memo((ByPtr(a_rc.clone()), view.clone()), |(a, view)| {
        view.rows(&a.0)
    });
    let keys: Rc<Vec<u64>> = Rc::new(rows.iter().map(|&i| a.offices[i].key).collect());
    let sums = use_memo(
        (
            ByPtr(a_rc.clone()),
            ByPtr(rows.clone()),
            ByPtr(rubric.clone()),
            ByPtr(store.results.clone()),
        ),
        |(a, rows, rubric, results)| summaries(&a.0, &rubric.0, &results.0, &rows.0),
    );
    let widths: Rc<Vec<f64>> = use_memo(ByPtr(cols.clone()), |c| c.0.scrolling_widths());
    let n_rows = rows.len();
    let n_cols = cols.len();
    let n_scroll = widths.len();

    let cursor = use_state(Cursor::default);
    let win = use_state_eq(|| window(0.0, 0.0, 1366.0, 600.0, n_rows, &widths));
    let port = use_node_ref();
    // The focus request last carried out, and tries at the one pending.
    let focused: Rc<RefCell<(u64, u32)>> = use_mut_ref(|| (0, 0));

    let cur_row = cursor.row.min(n_rows.saturating_sub(1));
    let cur_col = cursor.col.min(n_cols.saturating_sub(1));
    let page = (port
        .cast::<HtmlElement>()
        .map_or(600.0, |p| f64::from(p.client_height()))
        / ROW_H)
        .floor()
        .max(1.0) as usize
        - 1;

    // Keep what is drawn in step with the box, and carry out a focus
    // request once its cell is drawn.
    {
        let (port, win, cursor, focused, widths) = (
            port.clone(),
            win.clone(),
            (*cursor).clone(),
            Rc::clone(&focused),
            Rc::clone(&widths),
        );
        use_effect(move || {
            let Some(el) = port.cast::<HtmlElement>() else {
                return;
            };
            let measure = |el: &HtmlElement| {
                window(
                    f64::from(el.scroll_top()),
                    f64::from(el.scroll_left()),
                    f64::from(el.client_width()),
                    f64::from(el.client_height()),
                    n_rows,
                    &widths,
                )
            };
            win.set(measure(&el));
            let (done, tries) = *focused.borrow();
            if cursor.focus == done {
                return;
            }
            let (row, col) = (cursor.row.min(n_rows.saturating_sub(1)), cursor.col);
            let doc = el.owner_document();
            let input = doc
                .and_then(|d| d.get_element_by_id(&cell_id(row, col)))
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
            match input {
                Some(input) => {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = input.focus_with_options(&options);
                    reveal(&el, &input, col);
                    match cursor.mode {
                        Mode::Select => input.select(),
                        Mode::Edit => {
                            let end = input.value().encode_utf16().count() as u32;
                            let _ = input.set_selection_range(end, end);
                        }
                        Mode::Enter => {}
                    }
                    *focused.borrow_mut() = (cursor.focus, 0);
                }
                None if n_rows > 0 && tries < 3 => {
                    // Not drawn: bring its row (and column) on screen; the
                    // cell is focused once drawn.
                    let top = row as f64 * ROW_H - f64::from(el.client_height()) / 2.0;
                    el.set_scroll_top(top.max(0.0) as i32);
                    if col > 0 {
                        let x: f64 = widths[..col - 1].iter().sum();
                        el.set_scroll_left(x as i32);
                    }
                    *focused.borrow_mut() = (done, tries + 1);
                    win.set(measure(&el));
                }
                None => *focused.borrow_mut() = (cursor.focus, 0),
            }
        });
    }

    let on_scroll = {
        let (win, widths) = (win.clone(), Rc::clone(&widths));
        Callback::from(move |e: Event| {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                win.set(window(
                    f64::from(el.scroll_top()),
                    f64::from(el.scroll_left()),
                    f64::from(el.client_width()),
                    f64::from(el.client_height()),
                    n_rows,
                    &widths,
                ));
            }
        })
    };

    // The text of a cell, and an edit of it.
    let raw_of = {
        let (a, keys, cols) = (Rc::clone(&a_rc), Rc::clone(&keys), Rc::clone(&cols));
        move |row: usize, col: usize| -> String {
            let Some(office) = keys.get(row).and_then(|k| a.office(*k)) else {
                return String::new();
            };
            if col == 0 {
                office.name.clone()
            } else {
                cols.all
                    .get(col)
                    .map(|c| office.cell(&c.id).to_string())
                    .unwrap_or_default()
            }
        }
    };
    let edit = {
        let (dispatch, keys, cols) = (dispatch.clone(), Rc::clone(&keys), Rc::clone(&cols));
        move |row: usize, col: usize, text: String| {
            let Some(&office) = keys.get(row) else {
                return;
            };
            if col == 0 {
                dispatch.dispatch(Action::RenameOffice {
                    office,
                    name: text,
                    now: now(),
                });
            } else if let Some(c) = cols.all.get(col) {
                dispatch.dispatch(Action::EditCell {
                    office,
                    input: c.id.clone(),
                    text,
                    now: now(),
                });
            }
        }
    };
    // Whether a column's list opens by itself as one types or edits.
    let lists_by_itself = {
        let cols = Rc::clone(&cols);
        move |col: usize| {
            cols.all.get(col).is_some_and(|c| {
                matches!(
                    c.holds,
                    Holds::Input {
                        kind: InputKind::Choice | InputKind::Flag,
                        ..
                    }
                )
            })
        }
    };
    let filter_text = |c: &Cursor, raw: &str| -> String {
        if c.mode == Mode::Enter {
            raw.to_string()
        } else {
            String::new()
        }
    };

    // A new office: the last row shown, its name selected (`fresh`: by
    // Enter at the end, and taken back if left untouched).
    let add_row = {
        let (dispatch, cursor) = (dispatch.clone(), cursor.clone());
        Callback::from(move |fresh: bool| {
            dispatch.dispatch(Action::AddOffice { now: now() });
            cursor.set(Cursor {
                fresh,
                ..cursor.at(n_rows, 0)
            });
        })
    };
    // Leaving the office Enter added, untouched, takes it back.
    let leave_fresh = {
        let (dispatch, keys) = (dispatch.clone(), Rc::clone(&keys));
        move |cur: &Cursor, to_row: usize| {
            if cur.fresh
                && to_row != cur.row
                && let Some(&office) = keys.get(cur.row)
            {
                dispatch.dispatch(Action::DiscardNewOffice { office });
            }
        }
    };

    let on_keydown = {
        let (port, cursor, cols, raw_of, edit, lists_by_itself, add_row, keys, leave_fresh) = (
            port.clone(),
            cursor.clone(),
            Rc::clone(&cols),
            raw_of.clone(),
            edit.clone(),
            lists_by_itself.clone(),
            add_row.clone(),
            Rc::clone(&keys),
            leave_fresh.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let Some((r, c, input)) = cell_of(e.target()) else {
                return;
            };
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            if ctrl && matches!(key.as_str(), "z" | "Z" | "y" | "Y") {
                // The page's undo and redo (app.rs).
                return;
            }
            let cur = Cursor {
                row: r,
                col: c,
                ..(*cursor).clone()
            };
            let raw = raw_of(r, c);
            // The cell left, when it was typed into: the bar then says
            // what is wrong with it, not only the next cell's rule.
            let left = (cur.mode != Mode::Select)
                .then(|| keys.get(r).map(|&k| (k, c)))
                .flatten();
            let commit_move = |cursor: &UseStateHandle<Cursor>, key: &str, shift: bool| {
                let place = Place {
                    row: r,
                    col: c,
                    rows: n_rows,
                    cols: n_cols,
                    page,
                };
                if let Some((nr, nc)) = keys::target(key, false, shift, place) {
                    cursor.set(Cursor {
                        left,
                        ..cur.moved(key, shift, nr, nc)
                    });
                }
            };
            // The pick list, when open.
            if let Some(at) = cur.list {
                let picks = cols.picks_for(c, &filter_text(&cur, &raw));
                match key.as_str() {
                    "ArrowDown" | "ArrowUp" => {
                        e.prevent_default();
                        let n = picks.len().max(1);
                        let next = if key == "ArrowDown" {
                            (at + 1).min(n - 1)
                        } else {
                            at.saturating_sub(1)
                        };
                        cursor.set(Cursor {
                            list: Some(next),
                            ..cur
                        });
                        return;
                    }
                    "Enter" | "Tab" if !picks.is_empty() => {
                        e.prevent_default();
                        let pick = &picks[at.min(picks.len() - 1)];
                        if !cols.same_value(c, &pick.typed, &raw) {
                            edit(r, c, pick.typed.clone());
                        }
                        commit_move(&cursor, &key, e.shift_key());
                        return;
                    }
                    // With nothing to pick (what is typed matches no
                    // choice) Escape takes the typing back, as elsewhere.
                    "Escape" if !picks.is_empty() => {
                        e.prevent_default();
                        cursor.set(Cursor { list: None, ..cur });
                        return;
                    }
                    _ => {}
                }
            }
            let opens = !cols.all[c].picks.is_empty();
            match (cur.mode, key.as_str()) {
                (_, "Escape") => {
                    e.prevent_default();
                    if cur.mode == Mode::Select && cur.fresh && r > 0 {
                        // The office Enter added, not wanted after all.
                        leave_fresh(&cur, r - 1);
                        cursor.set(cur.at(r - 1, c));
                    } else if cur.mode != Mode::Select {
                        if let Some(before) = cur.before.clone()
                            && before != raw
                        {
                            edit(r, c, before);
                        }
                        cursor.set(cur.at(r, c));
                    }
                }
                (Mode::Select, "Enter") if !e.shift_key() => {
                    e.prevent_default();
                    let list = lists_by_itself(c).then(|| cols.pick_at(c, &raw));
                    cursor.set(Cursor {
                        mode: Mode::Edit,
                        before: Some(raw),
                        focus: cur.focus + 1,
                        list,
                        ..cur
                    });
                }
                (_, "F2") => {
                    e.prevent_default();
                    let list = lists_by_itself(c).then(|| cols.pick_at(c, &raw));
                    cursor.set(Cursor {
                        mode: Mode::Edit,
                        before: cur.before.clone().or(Some(raw)),
                        focus: cur.focus + 1,
                        list,
                        ..cur
                    });
                }
                (_, "ArrowDown") if e.alt_key() && opens => {
                    e.prevent_default();
                    cursor.set(Cursor {
                        list: Some(if cur.mode == Mode::Enter {
                            0
                        } else {
                            cols.pick_at(c, &raw)
                        }),
                        ..cur
                    });
                }
                (Mode::Edit, "ArrowLeft" | "ArrowRight" | "Home" | "End") => {}
                (Mode::Select, "Delete") => {
                    e.prevent_default();
                    if !raw.is_empty() {
                        edit(r, c, String::new());
                    }
                }
                (Mode::Select, k) if keys::types(k, ctrl, e.alt_key()) => {
                    // What is typed replaces the cell, whatever it shows (a
                    // yes or no shown by name may hold 1 or 0): a key is
                    // put in as the cell's text; an input method composes
                    // into a cell emptied first (one undo step with what
                    // it types).
                    if k == "Process" {
                        if !raw.is_empty() {
                            edit(r, c, String::new());
                        }
                        input.select();
                    } else {
                        e.prevent_default();
                        edit(r, c, k.to_string());
                    }
                    cursor.set(Cursor {
                        mode: Mode::Enter,
                        before: Some(raw),
                        list: lists_by_itself(c).then_some(0),
                        ..cur
                    });
                }
                (_, k) => {
                    let place = Place {
                        row: r,
                        col: c,
                        rows: n_rows,
                        cols: n_cols,
                        page,
                    };
                    if let Some((nr, nc)) = keys::target(k, ctrl, e.shift_key(), place) {
                        // Tab at a row's edge leaves it, as from any other
                        // control: the browser moves the focus on (to the
                        // row's buttons, the next row, out of the grid).
                        if k == "Tab" && (nr, nc) == (r, c) {
                            return;
                        }
                        e.prevent_default();
                        // Enter after typing in the last row starts a new
                        // office, its name selected (as the add button).
                        if k == "Enter"
                            && !e.shift_key()
                            && cur.mode != Mode::Select
                            && r + 1 == n_rows
                            && !raw_of(r, 0).trim().is_empty()
                        {
                            add_row.emit(true);
                            return;
                        }
                        leave_fresh(&cur, nr);
                        if nc == 0
                            && (k == "Home" || ctrl)
                            && let Some(el) = port.cast::<HtmlElement>()
                        {
                            // The name is always in view; Home and Ctrl+Home
                            // go back to the first columns too.
                            el.set_scroll_left(0);
                        }
                        cursor.set(Cursor {
                            left,
                            ..cur.moved(k, e.shift_key(), nr, nc)
                        });
                    }
                }
            }
        })
    };

    let on_input = {
        let (cursor, edit, raw_of, lists_by_itself) = (
            cursor.clone(),
            edit.clone(),
            raw_of.clone(),
            lists_by_itself.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let Some((r, c, input)) = cell_of(e.target()) else {
                return;
            };
            let before = raw_of(r, c);
            edit(r, c, input.value());
            let cur = (*cursor).clone();
            if cur.row != r || cur.col != c || cur.mode == Mode::Select {
                // Typed without a key first (an input method, a paste).
                cursor.set(Cursor {
                    row: r,
                    col: c,
                    mode: Mode::Enter,
                    before: Some(before),
                    list: lists_by_itself(c).then_some(0),
                    ..cur
                });
            } else if cur.list.is_some() {
                // What is typed narrows the list: highlight its first.
                cursor.set(Cursor {
                    list: Some(0),
                    ..cur
                });
            }
        })
    };

    let on_mousedown = {
        let (cursor, cols, raw_of, edit, leave_fresh) = (
            cursor.clone(),
            Rc::clone(&cols),
            raw_of.clone(),
            edit.clone(),
            leave_fresh.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 {
                return;
            }
            let cur = (*cursor).clone();
            if let Some(li) = closest_with(e.target(), "data-pick") {
                e.prevent_default();
                let typed = li.get_attribute("data-pick").unwrap_or_default();
                if !cols.same_value(cur.col, &typed, &raw_of(cur.row, cur.col)) {
                    edit(cur.row, cur.col, typed);
                }
                cursor.set(cur.at(cur.row, cur.col));
                return;
            }
            if closest_with(e.target(), "data-open-list").is_some() {
                e.prevent_default();
                cursor.set(Cursor {
                    list: Some(cols.pick_at(cur.col, &raw_of(cur.row, cur.col))),
                    ..cur
                });
                return;
            }
            let Some((r, c, input)) = cell_of(e.target()) else {
                return;
            };
            let focused = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_some_and(|a| a == **input);
            if r == cur.row && c == cur.col && cur.mode != Mode::Select && focused {
                // Edited in place: the click puts the caret. (Come back
                // to from elsewhere, it is selected as any cell clicked.)
                return;
            }
            e.prevent_default();
            leave_fresh(&cur, r);
            cursor.set(cur.at(r, c));
        })
    };

    let on_dblclick = {
        let (cursor, raw_of, lists_by_itself, cols) = (
            cursor.clone(),
            raw_of.clone(),
            lists_by_itself.clone(),
            Rc::clone(&cols),
        );
        Callback::from(move |e: MouseEvent| {
            let Some((r, c, _)) = cell_of(e.target()) else {
                return;
            };
            let cur = (*cursor).clone();
            if cur.mode == Mode::Edit && cur.row == r && cur.col == c {
                return;
            }
            cursor.set(Cursor {
                row: r,
                col: c,
                mode: Mode::Edit,
                before: Some(raw_of(r, c)),
                focus: cur.focus + 1,
                list: lists_by_itself(c).then(|| cols.pick_at(c, &raw_of(r, c))),
                tab_from: None,
                left: None,
                fresh: false,
            });
        })
    };

    let on_focusin = {
        let cursor = cursor.clone();
        Callback::from(move |e: FocusEvent| {
            let Some((r, c, input)) = cell_of(e.target()) else {
                return;
            };
            let cur = (*cursor).clone();
            // Come back to from outside the cells (the search box, a row's
            // button) while it was being typed into: selected again, so
            // that what is typed replaces the value rather than going in
            // at the caret (a 3 typed before a 5 made 35).
            // (Focus given back to the window has no element it came from:
            // the cell goes on being typed into.)
            let from = e.related_target();
            let from_elsewhere = from.is_some() && cell_of(from).is_none();
            if cur.row != r || cur.col != c || (from_elsewhere && cur.mode != Mode::Select) {
                // Reached without the grid's keys (Tab from outside it, a
                // click the grid did not see): selected, as a cell is.
                input.select();
                cursor.set(Cursor {
                    row: r,
                    col: c,
                    mode: Mode::Select,
                    list: None,
                    before: None,
                    focus: cur.focus,
                    tab_from: None,
                    left: None,
                    fresh: false,
                });
            }
        })
    };

    let on_paste = {
        let (dispatch, keys) = (dispatch.clone(), Rc::clone(&keys));
        Callback::from(move |e: Event| {
            let Some((r, c, _)) = cell_of(e.target()) else {
                return;
            };
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let text = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            // A single value pastes into the cell; a block fills the grid
            // from here, down the rows as shown.
            if text.contains('\t') || text.trim_end_matches(['\r', '\n']).contains('\n') {
                e.prevent_default();
                dispatch.dispatch(Action::Paste {
                    rows: keys[r.min(keys.len())..].to_vec(),
                    column: c,
                    text,
                    now: now(),
                });
            }
        })
    };

    // Views: sort by a column, search by name.
    // The office the cursor is on stays under it when the view changes.
    let follow: Rc<RefCell<Option<u64>>> = use_mut_ref(|| None);
    {
        let (follow, keys, cursor, port) = (
            Rc::clone(&follow),
            Rc::clone(&keys),
            cursor.clone(),
            port.clone(),
        );
        use_effect(move || {
            let Some(key) = follow.borrow_mut().take() else {
                return;
            };
            let Some(row) = keys.iter().position(|k| *k == key) else {
                return;
            };
            if row != cursor.row {
                cursor.set(Cursor {
                    row,
                    ..(*cursor).clone()
                });
            }
            // Its row in view (the focus stays where it is: on the sort
            // button, or in the search box).
            if let Some(el) = port.cast::<HtmlElement>() {
                let (top, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
                let y = row as f64 * ROW_H;
                if y < top || y + 3.0 * ROW_H > top + height {
                    el.set_scroll_top((y - height / 2.0).max(0.0) as i32);
                }
            }
        });
    }
    let set_view = {
        let (dispatch, a, follow, keys, cursor) = (
            dispatch.clone(),
            Rc::clone(&a_rc),
            Rc::clone(&follow),
            Rc::clone(&keys),
            cursor.clone(),
        );
        move |sort: Option<GridSort>, search: String| {
            *follow.borrow_mut() = keys.get(cursor.row).copied();
            let by_name = if sort.as_ref().is_some_and(|s| s.column == SortColumn::Name) {
                crate::browser::collate(a.offices.iter().map(|o| (o.key, o.name.as_str())))
            } else {
                Vec::new()
            };
            dispatch.dispatch(Action::SetGridView {
                sort,
                search,
                by_name,
            });
        }
    };
    let sort_button = |column: SortColumn, label: &str, help: &str| -> Html {
        let current = view.sort.as_ref().filter(|s| s.column == column);
        let next = match current {
            None => Some(GridSort {
                column: column.clone(),
                descending: false,
            }),
            Some(s) if !s.descending => Some(GridSort {
                column: column.clone(),
                descending: true,
            }),
            Some(_) => None,
        };
        let arrow = match current {
            None => "",
            Some(s) if s.descending => " ▼",
            Some(_) => " ▲",
        };
        let (set_view, search) = (set_view.clone(), view.search.clone());
        let onclick = Callback::from(move |_: MouseEvent| set_view(next.clone(), search.clone()));
        let title = if help.is_empty() {
            t.sort_hint.to_string()
        } else {
            format!("{help}\n{}", t.sort_hint)
        };
        html! {
            <button class="sort" {title} {onclick}>{ label }<span class="arrow">{ arrow }</span></button>
        }
    };
    let aria_sort = |column: &SortColumn| match view.sort.as_ref().filter(|s| s.column == *column) {
        None => "none",
        Some(s) if s.descending => "descending",
        Some(_) => "ascending",
    };

    let on_search = {
        let (set_view, sort) = (set_view.clone(), view.sort.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                set_view(sort.clone(), input.value());
            }
        })
    };
    let on_reset = {
        let set_view = set_view.clone();
        Callback::from(move |_: MouseEvent| set_view(None, String::new()))
    };

    // Going to a cell from the list of problems (the view gives way if
    // the office is not in it).
    let jump = {
        let (cursor, keys, set_view, a, follow) = (
            cursor.clone(),
            Rc::clone(&keys),
            set_view.clone(),
            Rc::clone(&a_rc),
            Rc::clone(&follow),
        );
        move |key: u64, col: usize| {
            let row = match keys.iter().position(|k| *k == key) {
                Some(r) => r,
                None => {
                    set_view(None, String::new());
                    *follow.borrow_mut() = Some(key);
                    a.position(key).unwrap_or(0)
                }
            };
            cursor.set(cursor.at(row, col));
        }
    };

    // After an undo or a redo, the cell it changed: nothing changes out
    // of sight (the view gives way if the office is not in it).
    {
        let (undone, jump, cols) = (store.ui.undone_at.clone(), jump.clone(), Rc::clone(&cols));
        let seen = use_mut_ref(|| undone.0);
        use_effect(move || {
            if *seen.borrow() == undone.0 {
                return;
            }
            *seen.borrow_mut() = undone.0;
            if let Some((key, id)) = &undone.1 {
                let col = cols.all.iter().position(|c| c.id == *id).unwrap_or(0);
                jump(*key, col);
            }
        });
    }

    // A cell asked for from elsewhere (the results' list of offices left
    // out): gone to once, then cleared.
    {
        let (go_to, jump, cols, dispatch) = (
            store.ui.go_to.clone(),
            jump.clone(),
            Rc::clone(&cols),
            dispatch.clone(),
        );
        use_effect(move || {
            if let Some((key, id)) = go_to {
                let col = cols.all.iter().position(|c| c.id == id).unwrap_or(0);
                jump(key, col);
                dispatch.dispatch(Action::WentToCell);
            }
        });
    }

    // An office removed (its row's button, now gone, had the focus): the
    // focus goes back to the grid, on the row that took its place.
    {
        let (cursor, count) = (cursor.clone(), a.offices.len());
        let seen = use_mut_ref(|| count);
        use_effect(move || {
            let before = std::mem::replace(&mut *seen.borrow_mut(), count);
            let lost = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_none_or(|e| e.tag_name() == "BODY");
            if count < before && lost && n_rows > 0 {
                cursor.set(cursor.at(cursor.row.min(n_rows - 1), cursor.col));
            }
        });
    }

    let on_add = {
        let add_row = add_row.clone();
        Callback::from(move |_: MouseEvent| add_row.emit(false))
    };

    // Problems, by office (grid order) and column.
    let problems_of = |key: u64| -> Vec<Problem> {
        let mut out: Vec<Problem> = Vec::new();
        if let Some(p) = results.office_problems.get(&key) {
            out.push(Problem {
                col: 0,
                message: p.message(lang),
                blank: false,
            });
        }
        for (col, c) in cols.all.iter().enumerate().skip(1) {
            let k = (key, c.id.clone());
            if let Some(p) = results.cell_problems.get(&k) {
                out.push(Problem {
                    col,
                    message: p.message(lang),
                    blank: matches!(p, scoring_core::DataProblem::Blank),
                });
            }
            if let Some(p) = results.log_conflicts.get(&k) {
                out.push(Problem {
                    col,
                    // Not an error to correct here: a choice, made elsewhere.
                    message: format!("{}{}", p.message(lang), t.log_conflict_where),
                    blank: false,
                });
            }
        }
        out
    };
    let status_of = |key: u64| {
        results
            .status
            .get(&key)
            .copied()
            .unwrap_or(RowStatus::Scored)
    };
    let excluded = results.count(RowStatus::Excluded);
    let incomplete = results.count(RowStatus::Incomplete);
    let problems_ref = use_node_ref();
    // The list of problems closes when the focus leaves it, and on Escape.
    let on_problems_out = {
        let list = problems_ref.clone();
        Callback::from(move |e: FocusEvent| {
            let Some(d) = list.cast::<Element>() else {
                return;
            };
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|n| d.contains(Some(&n)));
            if !inside {
                let _ = d.remove_attribute("open");
            }
        })
    };
    let on_problems_key = {
        let list = problems_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape"
                && let Some(d) = list.cast::<Element>()
            {
                let _ = d.remove_attribute("open");
            }
        })
    };
    let problem_list: Vec<Html> = {
        let mut items = Vec::new();
        for office in &a.offices {
            if items.len() >= MOST_PROBLEMS {
                break;
            }
            let status = status_of(office.key);
            if status == RowStatus::Scored {
                continue;
            }
            let problems = problems_of(office.key);
            let name = if office.name.trim().is_empty() {
                "—".to_string()
            } else {
                office.name.trim().to_string()
            };
            let mut go = |col: usize, what: String| {
                let (jump, list) = (jump.clone(), problems_ref.clone());
                let key = office.key;
                let onclick = Callback::from(move |_: MouseEvent| {
                    // The list closes: the cell is what matters now.
                    if let Some(d) = list.cast::<Element>() {
                        let _ = d.remove_attribute("open");
                    }
                    jump(key, col)
                });
                items.push(html! {
                    <li><button class="link" data-office={name.clone()} data-col={col.to_string()} {onclick}>{ what }</button></li>
                });
            };
            if status == RowStatus::Incomplete {
                let first = problems.first().map_or(1, |p| p.col);
                go(
                    first,
                    format!(
                        "{name}{}{}",
                        super::colon(lang),
                        fill(t.problems_blank, &[("n", &problems.len().to_string())])
                    ),
                );
                continue;
            }
            for Problem {
                col,
                message,
                blank,
            } in problems
            {
                // Cells only blank, in a row wrong elsewhere, are not worth
                // listing (a reason left out is).
                if blank {
                    continue;
                }
                let label = cols.all.get(col).map_or("", |c| c.label.as_str());
                go(
                    col,
                    format!("{name} · {label}{}{message}", super::colon(lang)),
                );
            }
        }
        items
    };

    // What is drawn.
    let w = *win;
    let (r0, r1) = (w.r0.min(n_rows), w.r1.min(n_rows).max(w.r0.min(n_rows)));
    let (c0, c1) = (
        w.c0.min(n_scroll),
        w.c1.min(n_scroll).max(w.c0.min(n_scroll)),
    );
    let left_pad: f64 = widths[..c0].iter().sum();
    let right_pad: f64 = widths[c1..].iter().sum();
    let table_width = W_INDEX + W_NAME + widths.iter().sum::<f64>();
    let span = 2 + usize::from(c0 > 0) + (c1 - c0) + usize::from(c1 < n_scroll);
    let screen_rows = page + 1;
    let first_on_screen = port
        .cast::<HtmlElement>()
        .map_or(0, |p| (f64::from(p.scroll_top()) / ROW_H) as usize);
    let moves_allowed = !view.is_active();

    let body_rows = (r0..r1).map(|v| {
        let office = Rc::clone(&a.offices[rows[v]]);
        let key = office.key;
        let active = (v == cur_row && n_rows > 0).then(|| {
            let raw = if cur_col == 0 {
                office.name.clone()
            } else {
                office.cell(&cols.all[cur_col].id).to_string()
            };
            Active {
                col: cur_col,
                list: cursor
                    .list
                    .map(|at| (cols.picks_for(cur_col, &filter_text(&cursor, &raw)), at))
                    .filter(|(p, _)| !p.is_empty())
                    .map(|(p, at)| {
                        let at = at.min(p.len() - 1);
                        (p, at)
                    }),
                upwards: v + 4 > first_on_screen + screen_rows,
                selected: cursor.mode == Mode::Select,
            }
        });
        let filled: Vec<(usize, String, String)> = cols
            .all
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(col, c)| {
                let id = (key, c.id.clone());
                results
                    .from_log
                    .get(&id)
                    .map(|n| (col, n.clone(), t.from_log.to_string()))
                    .or_else(|| {
                        let n = results.from_source.get(&id)?;
                        let title = results
                            .sources
                            .iter()
                            .find(|s| s.input == c.id)
                            .and_then(|s| s.linked.as_ref())
                            .map(|(_, title)| fill(t.from_source, &[("title", title)]))
                            .unwrap_or_default();
                        Some((col, n.clone(), title))
                    })
            })
            .collect();
        let chosen: Vec<(usize, Option<u32>, String)> = cols
            .all
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(col, c)| {
                let (n, choice) = results.log_chosen.get(&(key, c.id.clone()))?;
                let log = *choice == scoring_core::items::CountsChoice::Log;
                let why = fill(
                    if log {
                        t.chosen_log_cell
                    } else {
                        t.chosen_typed_cell
                    },
                    &[("n", &n.to_string())],
                );
                Some((col, log.then_some(*n), why))
            })
            .collect();
        let position = rows[v];
        html! {
            <GridRow key={key} view={v} {office} cols={Rc::clone(&cols)} window={(c0, c1)}
                {active} problems={problems_of(key)} {filled} {chosen} status={status_of(key)}
                moves={moves_allowed.then_some((position > 0, position + 1 < a.offices.len()))}
                locked={a.approval.is_some()} {lang} dispatch={dispatch.clone()} />
        }
    });

    let head = (c0..c1).map(|k| {
        if k + 1 < n_scroll {
            let c = &cols.all[k + 1];
            let column = SortColumn::Cell(c.id.clone());
            html! {
                <th key={k} scope="col" data-input={c.id.clone()} aria-sort={aria_sort(&column)}
                    class={classes!(matches!(c.holds, Holds::Text).then_some("text"))}>
                    { sort_button(column, &c.label, &c.help) }
                </th>
            }
        } else {
            html! { <th key="actions" class="actions-head" aria-hidden="true"></th> }
        }
    });
    let shown_count = n_rows;
    let foot = |mean: bool| -> Vec<Html> {
        (c0..c1)
            .map(|k| {
                // The summary of the input the column holds (summaries are
                // by input; text columns, a category among them, have none).
                let Some(c) = (k + 1 < n_scroll).then(|| cols.all.get(k + 1)).flatten() else {
                    return html! { <td></td> };
                };
                let Holds::Input { ix, .. } = c.holds else {
                    return html! { <td></td> };
                };
                let Some(s) = sums.get(ix.index()) else {
                    return html! { <td></td> };
                };
                let text = match (&c.holds, mean) {
                    (
                        Holds::Input {
                            kind: InputKind::Count | InputKind::Amount,
                            ..
                        },
                        false,
                    ) => s.sum.map(figure).unwrap_or_default(),
                    (
                        Holds::Input {
                            kind: InputKind::Count | InputKind::Amount,
                            ..
                        },
                        true,
                    ) => s.mean.map(figure).unwrap_or_default(),
                    (
                        Holds::Input {
                            kind: InputKind::Flag,
                            ..
                        },
                        false,
                    ) => s
                        .yes
                        .map(|n| fill(t.yes_count, &[("n", &n.to_string())]))
                        .unwrap_or_default(),
                    (
                        Holds::Input {
                            kind: InputKind::Choice,
                            ix,
                            ..
                        },
                        false,
                    ) => {
                        let input = rubric.input_at(*ix);
                        input
                            .choices
                            .iter()
                            .zip(&s.choices)
                            .filter(|(_, n)| **n > 0)
                            .map(|(c, n)| format!("{} {n}", c.get(lang)))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    }
                    _ => String::new(),
                };
                html! { <td class="num" data-input={c.id.clone()} title={text.clone()}>{ text }</td> }
            })
            .collect()
    };

    // The selected cell, in words.
    let bar = if n_rows == 0 {
        html! { <span class="muted">{ t.cell_bar_empty }</span> }
    } else {
        let office = &a.offices[rows[cur_row]];
        let c = &cols.all[cur_col];
        let problem = problems_of(office.key)
            .into_iter()
            .find(|p| p.col == cur_col)
            .map(|p| {
                if p.blank {
                    t.cell_blank.to_string()
                } else {
                    p.message
                }
            });
        // What the office's returned form says of the cell.
        let submitted = (cur_col > 0)
            .then(|| {
                office
                    .cells
                    .get(&scoring_formats::forms::submitted_key(&c.id))
            })
            .flatten()
            .filter(|sub| match c.holds {
                columns::Holds::Input { ix, .. } => {
                    !scoring_formats::forms::same_value(&cols.rubric, ix, sub, office.cell(&c.id))
                }
                _ => false,
            })
            .map(|sub| fill(t.cell_reviewed, &[("submitted", &cols.shown(cur_col, sub))]));
        let evidence = (cur_col > 0)
            .then(|| {
                office
                    .cells
                    .get(&scoring_formats::forms::evidence_key(&c.id))
            })
            .flatten()
            .map(|e| fill(t.cell_evidence, &[("evidence", e)]));
        // The item log's count scored in its place, or the typed one kept
        // against it: said where the cell is, not only on hover.
        let chosen = results
            .log_chosen
            .get(&(office.key, c.id.clone()))
            .map(|(n, choice)| {
                fill(
                    if *choice == scoring_core::items::CountsChoice::Log {
                        t.chosen_log_cell
                    } else {
                        t.chosen_typed_cell
                    },
                    &[("n", &n.to_string())],
                )
            });
        // What is wrong with the cell just typed into and left.
        let left_problem = cursor
            .left
            .filter(|&(key, col)| (key, col) != (office.key, cur_col))
            .and_then(|(key, col)| {
                let p = problems_of(key)
                    .into_iter()
                    .find(|p| p.col == col && !p.blank)?;
                let name = a
                    .offices
                    .iter()
                    .find(|o| o.key == key)
                    .map_or("", |o| o.name.trim());
                let label = cols.all.get(col).map_or("", |c| c.label.as_str());
                Some(fill(
                    t.cell_left_problem,
                    &[
                        ("cell", &format!("{name} · {label}")),
                        ("problem", &p.message),
                    ],
                ))
            });
        html! {
            <>
                if let Some(p) = left_problem {
                    <span class="problem left-problem" id="left-problem">{ p }</span>
                }
                <strong>{ format!("{} · {}", if office.name.trim().is_empty() { "—" } else { office.name.trim() }, c.label) }</strong>
                <span class="takes">{ &c.takes }</span>
                if !c.help.is_empty() && cur_col > 0 {
                    <span class="help">{ &c.help }</span>
                }
                if let Some(p) = problem {
                    <span class="problem">{ p }</span>
                }
                if let Some(r) = submitted {
                    <span class="reviewed-note">{ r }</span>
                }
                if let Some(e) = evidence {
                    <span class="evidence-note">{ e }</span>
                }
                if let Some(why) = chosen {
                    <span class="reviewed-note" id="chosen-note">{ why }</span>
                }
            </>
        }
    };
    // A legend for the marks, once any office's form has brought some.
    let has_marks = a.offices.iter().any(|o| {
        o.cells
            .keys()
            .any(|k| k.starts_with("submitted:") || k.starts_with("evidence:"))
    });

    let view_status = view.is_active().then(|| {
        let mut s = fill(
            t.view_status,
            &[
                ("shown", &n_rows.to_string()),
                ("total", &a.offices.len().to_string()),
            ],
        );
        if let Some(sort) = &view.sort {
            let column = match &sort.column {
                SortColumn::Name => t.office.to_string(),
                SortColumn::Cell(id) => cols
                    .all
                    .iter()
                    .find(|c| c.id == *id)
                    .map(|c| c.label.clone())
                    .unwrap_or_default(),
            };
            s.push_str(&fill(
                t.view_sorted,
                &[
                    ("column", &column),
                    (
                        "direction",
                        if sort.descending {
                            t.descending
                        } else {
                            t.ascending
                        },
                    ),
                ],
            ));
        }
        s
    });
    let n_problems = problem_list.len();

    html! {
        <section class="grid-view">
            // One line above the grid, whatever is said on it: a warning
            // that comes or goes never moves the grid under the cursor.
            <div class="grid-bar no-print">
                <input type="search" id="grid-search" data-own-undo="true" placeholder={t.grid_search}
                    aria-label={t.grid_search} value={view.search.clone()} oninput={on_search} />
                if let Some(s) = view_status {
                    <span class="view-status" id="view-status" title={t.view_note}>{ s }</span>
                    <button id="view-reset" onclick={on_reset}>{ t.view_reset }</button>
                }
                if n_problems > 0 {
                    <details class="problems" id="problems" ref={problems_ref}
                        onfocusout={on_problems_out} onkeydown={on_problems_key}>
                        <summary>{ fill(t.problems_button, &[("n", &n_problems.to_string())]) }</summary>
                        <div class="problems-list">
                            <p class="muted">{ t.problems_title }</p>
                            <ul>{ for problem_list }</ul>
                        </div>
                    </details>
                }
                if excluded > 0 {
                    {{
                        // Offices not filled in are said too: both are left out.
                        let mut text = fill(t.warning_excluded, &[("n", &excluded.to_string()), ("names", &results.excluded_names(a, 8, lang))]);
                        if incomplete > 0 {
                            text.push_str(lang.pick("", " "));
                            text.push_str(&fill(t.warning_incomplete, &[("n", &incomplete.to_string())]));
                        }
                        html! { <span class="bar-warning" id="excluded-warning" role="alert" title={text.clone()}>{ text }</span> }
                    }}
                } else if incomplete > 0 {
                    {{
                        let text = fill(t.warning_incomplete, &[("n", &incomplete.to_string())]);
                        html! { <span class="bar-note" title={text.clone()}>{ text }</span> }
                    }}
                } else if has_marks {
                    <span class="hint grid-legend" id="grid-legend" title={t.grid_marks_legend}>{ t.grid_marks_legend }</span>
                } else {
                    if store.assessment().approval.is_some() {
                        <span class="hint" id="grid-locked">{ t.locked }</span>
                    } else {
                        <span class="hint" title={t.grid_hint_full}>{ t.grid_hint }</span>
                    }
                }
                <button id="add-office" class="primary" onclick={on_add} disabled={store.assessment().approval.is_some()}>{ t.add_office }</button>
            </div>
            <div class="cell-bar no-print" id="cell-bar" aria-live="polite">{ bar }</div>
            // Above the (empty) grid, where it is seen, not below it.
            if a.offices.is_empty() {
                <p class="empty">{ t.empty_grid }</p>
            }
            <div class={classes!("grid-port", store.assessment().approval.is_some().then_some("locked"))} ref={port} onscroll={on_scroll} onkeydown={on_keydown}
                oninput={on_input} onmousedown={on_mousedown} ondblclick={on_dblclick}
                onfocusin={on_focusin} onpaste={on_paste}>
                <table class="grid" aria-label={t.grid_label} style={format!("width: {}", px(table_width))}>
                    <colgroup>
                        <col style={format!("width: {}", px(W_INDEX))} />
                        <col style={format!("width: {}", px(W_NAME))} />
                        if c0 > 0 {
                            <col style={format!("width: {}", px(left_pad))} />
                        }
                        { for (c0..c1).map(|k| html! { <col style={format!("width: {}", px(widths[k]))} /> }) }
                        if c1 < n_scroll {
                            <col style={format!("width: {}", px(right_pad))} />
                        }
                    </colgroup>
                    <thead>
                        <tr>
                            <th class="index sticky0" scope="col">{ "#" }</th>
                            <th class="name sticky1" scope="col" aria-sort={aria_sort(&SortColumn::Name)}>
                                { sort_button(SortColumn::Name, t.office, "") }
                            </th>
                            if c0 > 0 {
                                <th class="pad" aria-hidden="true"></th>
                            }
                            { head.collect::<Html>() }
                            if c1 < n_scroll {
                                <th class="pad" aria-hidden="true"></th>
                            }
                        </tr>
                    </thead>
                    <tbody>
                        if r0 > 0 {
                            <tr class="spacer" aria-hidden="true" style={format!("height: {}", px(r0 as f64 * ROW_H))}>
                                <td colspan={span.to_string()}></td>
                            </tr>
                        }
                        { body_rows.collect::<Html>() }
                        if r1 < n_rows {
                            <tr class="spacer" aria-hidden="true" style={format!("height: {}", px((n_rows - r1) as f64 * ROW_H))}>
                                <td colspan={span.to_string()}></td>
                            </tr>
                        }
                    </tbody>
                    if n_rows > 0 {
                        <tfoot>
                            <tr class="sum">
                                <td class="index sticky0"></td>
                                <td class="name sticky1">{ fill(t.total_row, &[("n", &shown_count.to_string())]) }</td>
                                if c0 > 0 { <td class="pad"></td> }
                                { for foot(false) }
                                if c1 < n_scroll { <td class="pad"></td> }
                            </tr>
                            <tr class="mean">
                                <td class="index sticky0"></td>
                                <td class="name sticky1">{ t.mean_row }</td>
                                if c0 > 0 { <td class="pad"></td> }
                                { for foot(true) }
                                if c1 < n_scroll { <td class="pad"></td> }
                            </tr>
                        </tfoot>
                    }
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_drawn_follows_the_scroll_position() {
        let widths = vec![100.0; 20];
        // 300 rows, a box 1 000 × 600 at the top left: 20 rows on screen
        // and 8 beyond; 8 of the 20 scrolling columns and one beyond.
        let w = window(0.0, 0.0, 1000.0, 600.0, 300, &widths);
        assert_eq!((w.r0, w.r1), (0, 28));
        assert_eq!((w.c0, w.c1), (0, 9));
        let w = window(3000.0, 500.0, 1000.0, 600.0, 300, &widths);
        assert_eq!((w.r0, w.r1), (92, 128));
        assert_eq!((w.c0, w.c1), (4, 14));
        // The bottom right: nothing past the ends.
        let w = window(9000.0, 5000.0, 1000.0, 600.0, 300, &widths);
        assert_eq!(w.r1, 300);
        assert_eq!(w.c1, 20);
        assert!(w.c0 < w.c1);
        // No rows.
        let w = window(0.0, 0.0, 1000.0, 600.0, 0, &widths);
        assert_eq!((w.r0, w.r1), (0, 0));
    }

    #[test]
    fn footer_figures() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(figure(d("12345")), "12,345");
        assert_eq!(figure(d("2.345")), "2.35");
        assert_eq!(figure(d("1234.5")), "1,234.5");
        assert_eq!(figure(d("7")), "7");
    }
}
