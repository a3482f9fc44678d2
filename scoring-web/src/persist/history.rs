//! The undo history of the current assessment, kept beside the saved
//! state so that a reload can still undo (bounded: the latest
//! [`MAX_STEPS`] steps each way, at most [`MAX_CHARS`] of text).
//!
//! It is stored under `scoring-web.v2.h.<assessment id>`, a key format 2's
//! head does not name: a page that does not know it leaves it alone, and
//! nothing else depends on it. Each version of the assessment lists its
//! offices as positions in one table of rows, so that a row shared by many
//! versions (nearly all of them, typing changes one) is stored once.
//!
//! The history is used only if the version it ends at is the assessment
//! as loaded, cell for cell: a history written by another tab, or before
//! a save that failed, is ignored, never applied over the saved work.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::saved::{SavedAssessment, SavedCalendar, SavedLog, SavedOffice};
use super::{HEAD_KEY, Store};
use crate::state::{AppState, Assessment, CalendarFile, History, LogFile, OfficeRow};

/// The version of this record.
const VERSION: u32 = 1;

/// The most undo (and redo) steps kept across a reload.
pub const MAX_STEPS: usize = 100;

/// The most text the record may take (characters of JSON, roughly).
pub const MAX_CHARS: usize = 512 * 1024;

/// The key of an assessment's history.
pub fn key(assessment: u64) -> String {
    format!("{HEAD_KEY}.h.{assessment}")
}

/// Whether `k` is a history key, and of which assessment.
pub fn assessment_of(k: &str) -> Option<u64> {
    k.strip_prefix(HEAD_KEY)?.strip_prefix(".h.")?.parse().ok()
}

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    version: u32,
    assessment: u64,
    rows: Vec<Row>,
    logs: Vec<SavedLog>,
    calendars: Vec<SavedCalendar>,
    /// As in memory: the oldest first.
    undo: Vec<Version>,
    current: Version,
    /// As in memory: the farthest first.
    redo: Vec<Version>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Row {
    key: u64,
    name: String,
    cells: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Version {
    title: String,
    year: i32,
    rubric: String,
    updated: String,
    offices: Vec<u32>,
    period_end: String,
    item_log: Option<u32>,
    calendars: Vec<u32>,
    revision: u64,
    file_saved: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<(String, u64)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    counts_choice: Vec<(String, scoring_core::items::CountsChoice)>,
}

/// Builds the record, sharing what versions share.
#[derive(Default)]
struct Encoder {
    rows: Vec<Row>,
    row_at: HashMap<*const OfficeRow, u32>,
    logs: Vec<SavedLog>,
    log_at: HashMap<*const LogFile, u32>,
    calendars: Vec<SavedCalendar>,
    calendar_at: HashMap<*const CalendarFile, u32>,
    chars: usize,
}

impl Encoder {
    fn version(&mut self, a: &Assessment) -> Version {
        let mut offices = Vec::with_capacity(a.offices.len());
        for o in &a.offices {
            let at = match self.row_at.get(&Rc::as_ptr(o)) {
                Some(&at) => at,
                None => {
                    let at = self.rows.len() as u32;
                    self.chars += 24
                        + o.name.len()
                        + o.cells
                            .iter()
                            .map(|(k, v)| k.len() + v.len() + 6)
                            .sum::<usize>();
                    self.rows.push(Row {
                        key: o.key,
                        name: o.name.clone(),
                        cells: o.cells.clone(),
                    });
                    self.row_at.insert(Rc::as_ptr(o), at);
                    at
                }
            };
            offices.push(at);
        }
        self.chars += 160 + a.title.len() + offices.len() * 5;
        let item_log = a
            .item_log
            .as_ref()
            .map(|l| match self.log_at.get(&Rc::as_ptr(l)) {
                Some(&at) => at,
                None => {
                    let at = self.logs.len() as u32;
                    self.chars += l
                        .rows
                        .iter()
                        .map(|(_, cells)| 12 + cells.iter().map(|c| c.len() + 3).sum::<usize>())
                        .sum::<usize>();
                    self.logs.push(SavedLog {
                        file_name: l.file_name.clone(),
                        rows: l.rows.clone(),
                    });
                    self.log_at.insert(Rc::as_ptr(l), at);
                    at
                }
            });
        let calendars = a
            .calendars
            .iter()
            .map(|c| match self.calendar_at.get(&Rc::as_ptr(c)) {
                Some(&at) => at,
                None => {
                    let at = self.calendars.len() as u32;
                    self.chars += c.text.len() + 40;
                    self.calendars.push(SavedCalendar {
                        file_name: c.file_name.clone(),
                        text: c.text.clone(),
                    });
                    self.calendar_at.insert(Rc::as_ptr(c), at);
                    at
                }
            })
            .collect();
        Version {
            title: a.title.clone(),
            year: a.year,
            rubric: a.rubric_key.clone(),
            updated: a.updated.clone(),
            offices,
            period_end: a.period_end.clone(),
            item_log,
            calendars,
            revision: a.revision,
            file_saved: a.file_saved,
            sources: a.sources.clone(),
            counts_choice: a.counts_choice.clone(),
        }
    }

    /// The versions of `stack` (as in memory, the farthest first) that
    /// fit, the nearest kept first.
    fn stack(&mut self, stack: &[Rc<Assessment>]) -> Vec<Version> {
        let mut out = Vec::new();
        for a in stack.iter().rev().take(MAX_STEPS) {
            let before = self.chars;
            let v = self.version(a);
            if self.chars > MAX_CHARS {
                // Rows and files it added stay in the tables unused; they
                // are few, and the record is thrown away when too large.
                self.chars = before;
                break;
            }
            out.push(v);
        }
        out.reverse();
        out
    }
}

/// The current assessment's history as the text to store, or `None` when
/// there is nothing to undo or redo, or its current version alone is too
/// large to keep twice.
pub fn encode(state: &AppState) -> Option<String> {
    let (undo, redo) = state.history.stacks();
    if undo.is_empty() && redo.is_empty() {
        return None;
    }
    let mut enc = Encoder::default();
    let current = enc.version(state.assessment());
    if enc.chars > MAX_CHARS {
        return None;
    }
    let undo = enc.stack(undo);
    let redo = enc.stack(redo);
    let record = Record {
        version: VERSION,
        assessment: state.assessment().id,
        rows: enc.rows,
        logs: enc.logs,
        calendars: enc.calendars,
        undo,
        current,
        redo,
    };
    serde_json::to_string(&record).ok()
}

/// Puts back the current assessment's history from `text`, if it ends at
/// the assessment as loaded; returns whether it did.
pub fn restore(state: &mut AppState, text: &str) -> bool {
    let Ok(record) = serde_json::from_str::<Record>(text) else {
        return false;
    };
    if record.version != VERSION || record.assessment != state.assessment().id {
        return false;
    }
    let loaded = Rc::clone(&state.assessments[state.current]);
    // The version it ends at must be what was loaded, cell for cell.
    let Some(current) = decode_saved(&record, &record.current) else {
        return false;
    };
    let mut as_loaded = SavedAssessment::of(&loaded);
    as_loaded.rubric = record.current.rubric.clone();
    // The forms' id is not part of the work the history steps through.
    as_loaded.form_id = String::new();
    as_loaded.approval = None;
    as_loaded.reopened.clear();
    as_loaded.trail.clear();
    if current != as_loaded || record.current.rubric != loaded.rubric_key {
        return false;
    }
    // Rows keep their keys as loaded; the others get new ones.
    let mut keys: HashMap<u64, u64> = HashMap::new();
    let mut shared: HashMap<u32, Rc<OfficeRow>> = HashMap::new();
    for (&at, row) in record.current.offices.iter().zip(&loaded.offices) {
        keys.insert(record.rows[at as usize].key, row.key);
        shared.insert(at, Rc::clone(row));
    }
    let mut logs: HashMap<u32, Rc<LogFile>> = HashMap::new();
    if let (Some(at), Some(log)) = (record.current.item_log, &loaded.item_log) {
        logs.insert(at, Rc::clone(log));
    }
    let mut calendars: HashMap<u32, Rc<CalendarFile>> = HashMap::new();
    for (&at, c) in record.current.calendars.iter().zip(&loaded.calendars) {
        calendars.insert(at, Rc::clone(c));
    }
    let mut build = |state: &mut AppState, v: &Version| -> Option<Rc<Assessment>> {
        state.library.get(&v.rubric)?;
        let mut offices = Vec::with_capacity(v.offices.len());
        for &at in &v.offices {
            let row = match shared.get(&at) {
                Some(rc) => Rc::clone(rc),
                None => {
                    let r = record.rows.get(at as usize)?;
                    let key = match keys.get(&r.key) {
                        Some(&k) => k,
                        None => {
                            let k = state.next_key;
                            state.next_key += 1;
                            keys.insert(r.key, k);
                            k
                        }
                    };
                    let rc = Rc::new(OfficeRow {
                        key,
                        name: r.name.clone(),
                        cells: r.cells.clone(),
                    });
                    shared.insert(at, Rc::clone(&rc));
                    rc
                }
            };
            offices.push(row);
        }
        let item_log = match v.item_log {
            None => None,
            Some(at) => Some(match logs.get(&at) {
                Some(rc) => Rc::clone(rc),
                None => {
                    let l = record.logs.get(at as usize)?;
                    let rc = Rc::new(LogFile {
                        file_name: l.file_name.clone(),
                        rows: l.rows.clone(),
                    });
                    logs.insert(at, Rc::clone(&rc));
                    rc
                }
            }),
        };
        let mut cals = Vec::new();
        for &at in &v.calendars {
            cals.push(match calendars.get(&at) {
                Some(rc) => Rc::clone(rc),
                None => {
                    let c = record.calendars.get(at as usize)?;
                    let rc = Rc::new(CalendarFile {
                        file_name: c.file_name.clone(),
                        text: c.text.clone(),
                    });
                    calendars.insert(at, Rc::clone(&rc));
                    rc
                }
            });
        }
        Some(Rc::new(Assessment {
            id: loaded.id,
            title: v.title.clone(),
            year: v.year,
            rubric_key: v.rubric.clone(),
            offices,
            updated: v.updated.clone(),
            period_end: v.period_end.clone(),
            item_log,
            calendars: cals,
            revision: v.revision,
            file_saved: v.file_saved,
            sources: v.sources.clone(),
            counts_choice: v.counts_choice.clone(),
            // Not part of the work: every version keeps the one loaded.
            form_id: loaded.form_id.clone(),
            approval: loaded.approval.clone(),
            reopened: loaded.reopened.clone(),
            trail: loaded.trail.clone(),
        }))
    };
    // Nearest first, stopping at a version that cannot be rebuilt (its
    // rubric is gone): the steps beyond it could not be reached.
    let mut undo = Vec::new();
    for v in record.undo.iter().rev() {
        match build(state, v) {
            Some(a) => undo.push(a),
            None => break,
        }
    }
    undo.reverse();
    let mut redo = Vec::new();
    for v in record.redo.iter().rev() {
        match build(state, v) {
            Some(a) => redo.push(a),
            None => break,
        }
    }
    redo.reverse();
    if undo.is_empty() && redo.is_empty() {
        return false;
    }
    state.history = History::restored(undo, redo);
    true
}

/// A version in saved form (to compare with what was loaded).
fn decode_saved(record: &Record, v: &Version) -> Option<SavedAssessment> {
    Some(SavedAssessment {
        id: record.assessment,
        form_id: String::new(),
        approval: None,
        reopened: Vec::new(),
        trail: Vec::new(),
        title: v.title.clone(),
        year: v.year,
        rubric: v.rubric.clone(),
        updated: v.updated.clone(),
        offices: v
            .offices
            .iter()
            .map(|&at| {
                record.rows.get(at as usize).map(|r| SavedOffice {
                    name: r.name.clone(),
                    cells: r.cells.clone(),
                })
            })
            .collect::<Option<Vec<_>>>()?,
        period_end: v.period_end.clone(),
        item_log: match v.item_log {
            Some(at) => Some(record.logs.get(at as usize)?.clone()),
            None => None,
        },
        calendars: v
            .calendars
            .iter()
            .map(|&at| record.calendars.get(at as usize).cloned())
            .collect::<Option<Vec<_>>>()?,
        revision: v.revision,
        file_saved: v.file_saved,
        sources: v.sources.clone(),
        counts_choice: v.counts_choice.clone(),
    })
}

/// Writes the current assessment's history (or removes it when there is
/// none); a write that fails leaves no history behind rather than an old
/// one. History of assessments no longer there is removed.
pub fn save(store: &mut dyn Store, state: &AppState) {
    let id = state.assessment().id;
    match encode(state) {
        Some(text) => {
            if store.set(&key(id), &text).is_err() {
                store.remove(&key(id));
            }
        }
        None => store.remove(&key(id)),
    }
    for k in store.keys() {
        if let Some(a) = assessment_of(&k)
            && !state.assessments.iter().any(|x| x.id == a)
        {
            store.remove(&k);
        }
    }
}
