//! Another tab's save and this tab's unsaved changes, put together.
//!
//! When another tab saves while this one has changes of its own, the two
//! are merged the way a careful assessor would: each cell, and each field
//! of an assessment (title, year, rubric, period end, item log,
//! calendars), takes whichever side changed it since this tab last saved
//! (the *base*). Only a cell or field both sides changed, to different
//! values, or offices added, removed, renamed or moved on one side while
//! the other side changed them, is a *clash*, which the assessor settles.
//! Assessments added, deleted or changed on one side only are taken as
//! they are.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use crate::state::{AppState, Assessment, OfficeRow};

/// One thing both tabs changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// A cell: office name, input id, the value here, the other tab's.
    Cell {
        /// The assessment's title.
        assessment: String,
        /// The office.
        office: String,
        /// The input (or text column) id.
        input: String,
        /// The value in this tab.
        here: String,
        /// The value the other tab saved.
        there: String,
    },
    /// Something else of an assessment (`title`, `offices` for the list of
    /// offices, `deleted` for an assessment deleted on one side and
    /// changed on the other).
    Field {
        /// The assessment's title.
        assessment: String,
        /// What clashes.
        field: &'static str,
    },
}

/// Whether two versions of an assessment hold the same work (office keys,
/// revisions and times aside).
pub fn same_work(a: &Assessment, b: &Assessment) -> bool {
    a.title == b.title
        && a.year == b.year
        && a.rubric_key == b.rubric_key
        && a.period_end == b.period_end
        && a.item_log == b.item_log
        && a.calendars == b.calendars
        && a.sources == b.sources
        && a.counts_choice == b.counts_choice
        && a.offices.len() == b.offices.len()
        && a.offices
            .iter()
            .zip(&b.offices)
            .all(|(x, y)| x.name == y.name && x.cells == y.cells)
}

/// The three-way choice for one value: `Ok` with the value to keep, `Err`
/// when both sides changed it differently.
fn pick<T: PartialEq + Clone>(base: &T, here: &T, there: &T) -> Result<T, ()> {
    if here == base || here == there {
        Ok(there.clone())
    } else if there == base {
        Ok(here.clone())
    } else {
        Err(())
    }
}

fn names(a: &Assessment) -> Vec<&str> {
    a.offices.iter().map(|o| o.name.as_str()).collect()
}

/// Merges one assessment both tabs have; what clashes keeps this tab's
/// value, and is listed.
fn merge_one(base: &Assessment, here: &Assessment, there: &Assessment) -> (Assessment, Vec<Clash>) {
    let mut clashes = Vec::new();
    let title = here.title.clone();
    let field = |f: &'static str, clashes: &mut Vec<Clash>| {
        clashes.push(Clash::Field {
            assessment: title.clone(),
            field: f,
        })
    };
    let mut out = here.clone();
    match pick(&base.title, &here.title, &there.title) {
        Ok(v) => out.title = v,
        Err(()) => field("title", &mut clashes),
    }
    match pick(&base.year, &here.year, &there.year) {
        Ok(v) => out.year = v,
        Err(()) => field("year", &mut clashes),
    }
    match pick(&base.rubric_key, &here.rubric_key, &there.rubric_key) {
        Ok(v) => out.rubric_key = v,
        Err(()) => field("rubric", &mut clashes),
    }
    match pick(&base.period_end, &here.period_end, &there.period_end) {
        Ok(v) => out.period_end = v,
        Err(()) => field("period_end", &mut clashes),
    }
    match pick(&base.item_log, &here.item_log, &there.item_log) {
        Ok(v) => out.item_log = v,
        Err(()) => field("item_log", &mut clashes),
    }
    match pick(&base.calendars, &here.calendars, &there.calendars) {
        Ok(v) => out.calendars = v,
        Err(()) => field("calendars", &mut clashes),
    }
    match pick(&base.sources, &here.sources, &there.sources) {
        Ok(v) => out.sources = v,
        Err(()) => field("sources", &mut clashes),
    }
    match pick(
        &base.counts_choice,
        &here.counts_choice,
        &there.counts_choice,
    ) {
        Ok(v) => out.counts_choice = v,
        Err(()) => field("counts_choice", &mut clashes),
    }

    match pick(&base.approval, &here.approval, &there.approval) {
        Ok(v) => out.approval = v,
        Err(()) => field("approval", &mut clashes),
    }
    match pick(&base.reopened, &here.reopened, &there.reopened) {
        Ok(v) => out.reopened = v,
        Err(()) => field("reopened", &mut clashes),
    }
    match pick(&base.form_id, &here.form_id, &there.form_id) {
        Ok(v) => out.form_id = v,
        Err(()) => field("form_id", &mut clashes),
    }
    // The trail only grows: the other tab's, then what this tab added
    // since the version both started from.
    let mine = here.trail.get(base.trail.len()..).unwrap_or_default();
    let mut trail = there.trail.to_vec();
    trail.extend(mine.iter().cloned());
    out.trail = Rc::new(trail);

    // Offices: cell by cell, matched by name, on the list of offices that
    // one side changed (or both alike).
    let (nb, nh, nt) = (names(base), names(here), names(there));
    let cells_of = |a: &Assessment| -> HashMap<String, BTreeMap<String, String>> {
        a.offices
            .iter()
            .map(|o| (o.name.clone(), o.cells.clone()))
            .collect()
    };
    let (cb, ch, ct) = (cells_of(base), cells_of(here), cells_of(there));
    let changed_cells = |c: &HashMap<String, BTreeMap<String, String>>| -> BTreeSet<String> {
        c.iter()
            .filter(|(name, cells)| cb.get(*name) != Some(*cells))
            .map(|(name, _)| name.clone())
            .collect()
    };
    // Which side's list of offices (and rows) the result keeps.
    let list_from_there = if nh == nb || nh == nt {
        true
    } else if nt == nb {
        false
    } else {
        field("offices", &mut clashes);
        false
    };
    let (rows, other_cells): (&[Rc<OfficeRow>], _) = if list_from_there {
        (&there.offices, &ch)
    } else {
        (&here.offices, &ct)
    };
    // Offices whose cells the other side changed must still be there,
    // under their name (not renamed or removed on this side).
    let other_changed = changed_cells(other_cells);
    if other_changed
        .iter()
        .any(|n| !rows.iter().any(|r| &r.name == n))
    {
        field("offices", &mut clashes);
    }
    let mut merged_rows = Vec::with_capacity(rows.len());
    for row in rows {
        let name = &row.name;
        let empty = BTreeMap::new();
        let b = cb.get(name).unwrap_or(&empty);
        let h = ch.get(name).unwrap_or(&empty);
        let t = ct.get(name).unwrap_or(&empty);
        if h == t {
            merged_rows.push(Rc::clone(row));
            continue;
        }
        let keys: BTreeSet<&String> = b.keys().chain(h.keys()).chain(t.keys()).collect();
        let mut cells = BTreeMap::new();
        for key in keys {
            let get = |m: &BTreeMap<String, String>| m.get(key).cloned().unwrap_or_default();
            let (vb, vh, vt) = (get(b), get(h), get(t));
            match pick(&vb, &vh, &vt) {
                Ok(v) => {
                    if !v.is_empty() {
                        cells.insert(key.clone(), v);
                    }
                }
                Err(()) => {
                    clashes.push(Clash::Cell {
                        assessment: here.title.clone(),
                        office: name.clone(),
                        input: key.clone(),
                        here: vh.clone(),
                        there: vt,
                    });
                    if !vh.is_empty() {
                        cells.insert(key.clone(), vh);
                    }
                }
            }
        }
        merged_rows.push(Rc::new(OfficeRow {
            key: row.key,
            name: name.clone(),
            cells,
        }));
    }
    out.offices = merged_rows;
    (out, clashes)
}

/// Two tabs' work merged.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The state to show and save: the other tab's save, with this tab's
    /// changes on top; where they clash, this tab's values.
    pub state: AppState,
    /// What both changed differently (empty: nothing was lost).
    pub clashes: Vec<Clash>,
}

/// Merges this tab's state (`here`, with `base`: each assessment as this
/// tab last saved or read it) with what another tab saved (`there`, just
/// loaded): `there`'s state with this tab's changes on top, this tab's
/// view and current assessment kept, and what clashed.
pub fn merge(base: &HashMap<u64, Rc<Assessment>>, here: &AppState, there: &AppState) -> Merged {
    let mut clashes = Vec::new();
    let mut next_key = here.next_key.max(there.next_key);
    let mut merged: Vec<Rc<Assessment>> = Vec::new();
    let find = |s: &AppState, id: u64| s.assessments.iter().find(|a| a.id == id).cloned();
    let mut ids: Vec<u64> = there.assessments.iter().map(|a| a.id).collect();
    ids.extend(
        here.assessments
            .iter()
            .map(|a| a.id)
            .filter(|id| !ids.contains(id))
            .collect::<Vec<_>>(),
    );
    for id in ids {
        let (b, h, t) = (base.get(&id), find(here, id), find(there, id));
        let deleted = |title: &str, clashes: &mut Vec<Clash>| {
            clashes.push(Clash::Field {
                assessment: title.to_string(),
                field: "deleted",
            })
        };
        match (b, h, t) {
            (_, Some(h), Some(t)) if same_work(&h, &t) => merged.push(h),
            (Some(b), Some(h), Some(t)) => {
                if same_work(b, &h) {
                    merged.push(t);
                } else if same_work(b, &t) {
                    merged.push(h);
                } else {
                    let (mut a, c) = merge_one(b, &h, &t);
                    clashes.extend(c);
                    // A version neither tab had: a revision of its own, in
                    // no file yet.
                    a.revision = next_key;
                    next_key += 1;
                    a.file_saved = None;
                    a.updated = h.updated.clone().max(t.updated.clone());
                    merged.push(Rc::new(a));
                }
            }
            (None, Some(h), None) => merged.push(h),
            (None, None, Some(t)) => merged.push(t),
            (None, Some(h), Some(_)) => {
                // Added on both sides under one id, differently.
                deleted(&h.title, &mut clashes);
                merged.push(h);
            }
            (Some(b), None, Some(t)) => {
                // Deleted here: gone, unless the other tab changed it.
                if !same_work(b, &t) {
                    deleted(&t.title, &mut clashes);
                }
            }
            (Some(b), Some(h), None) => {
                // Deleted there: gone, unless this tab changed it.
                if !same_work(b, &h) {
                    deleted(&h.title, &mut clashes);
                    merged.push(h);
                }
            }
            (_, None, None) => {}
        }
    }
    if merged.is_empty() {
        return Merged {
            state: there.clone(),
            clashes,
        };
    }
    let current_id = here.assessment().id;
    let mut state = there.clone();
    state.assessments = merged;
    state.current = state
        .assessments
        .iter()
        .position(|a| a.id == current_id)
        .unwrap_or(0);
    state.next_key = next_key.max(
        state
            .assessments
            .iter()
            .flat_map(|a| a.offices.iter().map(|o| o.key).chain([a.id, a.revision]))
            .max()
            .unwrap_or(0)
            + 1,
    );
    state.lang = here.lang;
    state.ui = here.ui.clone();
    state.recompute();
    Merged { state, clashes }
}
