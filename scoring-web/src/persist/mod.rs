//! Keeping the page's work in browser storage, so that nothing typed is
//! lost, and never overwriting what it cannot read.
//!
//! **Format 2** stores the state in parts, each under a key of its own:
//!
//! - `scoring-web.v2`, the *head*: the format version, a generation that
//!   grows with every save, which tab wrote it, the language, the current
//!   assessment, and the keys of everything else;
//! - `scoring-web.v2.a.<id>.<generation>`: one assessment, written when it
//!   changed (typing in one assessment rewrites that one only);
//! - `scoring-web.v2.r.<fingerprint>`: a rubric file the assessor loaded,
//!   written once.
//!
//! A save writes the changed parts under new keys first and the head last:
//! the head is the one write that commits. If any write fails (storage
//! full, or anything else), the parts already written are removed and the
//! previous head, and so the previous state, is intact. Parts the new head
//! no longer names are removed after it is written.
//!
//! Two tabs: the head's generation tells a tab whether another one saved
//! since it last read or wrote. A tab never saves over a generation it has
//! not seen ([`SaveError::Conflict`]); `app.rs` then shows the other tab's
//! work, or asks when this tab has changes of its own.
//!
//! What cannot be read (a corrupt head or part, or a head written by a
//! newer version) is kept: copied aside under a key of its own before
//! anything could be written over it, or, when even that fails, this tab
//! does not save at all. Format 1 (`scoring-web.v1`) is read and migrated,
//! and left as it was.
//!
//! Everything here is pure but for the [`Store`] it is handed: the browser's
//! local storage in the page, a map in the tests (which can fail on the Nth
//! write).

pub mod history;
mod merge;
mod saved;

pub use merge::{Clash, Merged, merge, same_work};
pub use saved::{
    Saved, SavedAssessment, SavedCalendar, SavedLog, SavedOffice, SavedRubric, V1, V1_KEY,
};

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::state::{AppState, Assessment, Kept, Notice};

/// The key of format 2's head.
pub const HEAD_KEY: &str = "scoring-web.v2";

/// The format version this page writes.
pub const VERSION: u32 = 2;

/// Every key this page's storage uses starts with this.
pub const PREFIX: &str = "scoring-web.";

/// The keys of a later format, which this page leaves alone.
const NEWER_KEYS: &[&str] = &["scoring-web.v3", "scoring-web.v4"];

/// Where the page's state is kept: the browser's local storage.
pub trait Store {
    /// The text under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` under `key`.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (nothing if absent).
    fn remove(&mut self, key: &str);
    /// Every key.
    fn keys(&self) -> Vec<String>;
}

/// Why a write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The storage is full (`QuotaExceededError`).
    Full,
    /// Anything else (storage disabled, private mode…).
    Other(String),
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved since this one last read or wrote.
    Conflict,
    /// A write failed; the previous state is intact.
    Store(StoreError),
    /// This tab does not save (see [`Notice::SavingOff`]).
    Off,
}

/// One rubric file in the head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct HeadRubric {
    file_name: String,
    key: String,
}

/// One assessment in the head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct HeadAssessment {
    id: u64,
    key: String,
}

/// Format 2's head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Head {
    version: u32,
    generation: u64,
    /// The tab that wrote it.
    writer: String,
    lang: String,
    welcome_dismissed: bool,
    current: u64,
    rubrics: Vec<HeadRubric>,
    assessments: Vec<HeadAssessment>,
}

/// Just the version of a head, to tell a newer format from a broken one.
#[derive(Deserialize)]
struct Version {
    version: u32,
}

/// What a tab knows of what it saved.
#[derive(Debug)]
pub struct Saver {
    /// This tab's name in heads it writes.
    tab: String,
    /// The generation of the head this tab last read or wrote (0: none).
    generation: u64,
    /// Who wrote that head: two tabs saving in the same moment write the
    /// same generation, told apart by this.
    writer: String,
    /// Each assessment as last written, and its key: an assessment whose
    /// `Rc` is the same is not written again.
    written: HashMap<u64, (Rc<Assessment>, String)>,
    /// Rubric files written, by key.
    rubrics: BTreeMap<String, String>,
    /// Why this tab does not save, if it does not.
    off: Option<String>,
    /// What the undo history last written was (the assessment, the ends of
    /// its stacks), so that an unchanged one is not written again.
    history: Option<HistorySig>,
}

/// What tells one undo history from another without walking it.
type HistorySig = (u64, usize, usize, usize, usize, usize);

fn history_sig(state: &AppState) -> HistorySig {
    let (undo, redo) = state.history.stacks();
    let ptr = |a: Option<&Rc<Assessment>>| a.map_or(0, |a| Rc::as_ptr(a) as usize);
    (
        state.assessment().id,
        undo.len(),
        redo.len(),
        ptr(undo.last()),
        ptr(redo.last()),
        Rc::as_ptr(&state.assessments[state.current]) as usize,
    )
}

/// What loading gave.
pub struct Loaded {
    /// The state to start from.
    pub state: AppState,
    /// What the tab knows of what is saved.
    pub saver: Saver,
}

/// The key of a rubric file's text.
fn rubric_key(fingerprint: &str) -> String {
    format!("{HEAD_KEY}.r.{}", &fingerprint[..fingerprint.len().min(16)])
}

/// A key to keep unreadable text under, not used yet.
fn aside_key(store: &dyn Store, from: &str, now: &str) -> String {
    let base = format!("{from}.unreadable-{now}");
    let keys = store.keys();
    let mut key = base.clone();
    let mut n = 2;
    while keys.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

impl Saver {
    /// A saver for a tab that found nothing saved.
    pub fn new(tab: &str) -> Saver {
        Saver {
            tab: tab.to_string(),
            generation: 0,
            writer: String::new(),
            written: HashMap::new(),
            rubrics: BTreeMap::new(),
            off: None,
            history: None,
        }
    }

    /// Whether this tab saves at all.
    pub fn is_on(&self) -> bool {
        self.off.is_none()
    }

    /// The generation this tab last read or wrote.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether `head` (the head's text, as another tab wrote it) is newer
    /// than what this tab last read or wrote.
    pub fn is_behind(&self, head: &str) -> bool {
        serde_json::from_str::<Head>(head)
            .is_ok_and(|h| h.generation != self.generation || h.writer != self.writer)
    }

    /// Each assessment as this tab last saved or read it: the base a merge
    /// with another tab's save starts from.
    pub fn base(&self) -> HashMap<u64, Rc<Assessment>> {
        self.written
            .iter()
            .map(|(id, (rc, _))| (*id, Rc::clone(rc)))
            .collect()
    }

    /// Whether the state differs from what this tab last saved (any
    /// assessment changed, added or removed).
    pub fn is_dirty(&self, state: &AppState) -> bool {
        state.assessments.len() != self.written.len()
            || state.assessments.iter().any(|a| {
                self.written
                    .get(&a.id)
                    .is_none_or(|(rc, _)| !Rc::ptr_eq(rc, a))
            })
    }

    /// Saves `state`: the parts that changed, then the head. With `force`,
    /// over another tab's save (the assessor chose to).
    pub fn save(
        &mut self,
        store: &mut dyn Store,
        state: &AppState,
        force: bool,
    ) -> Result<(), SaveError> {
        if self.off.is_some() {
            return Err(SaveError::Off);
        }
        let stored = store
            .get(HEAD_KEY)
            .and_then(|t| serde_json::from_str::<Head>(&t).ok());
        let stored_generation = stored.as_ref().map_or(0, |h| h.generation);
        let stored_writer = stored.as_ref().map_or("", |h| h.writer.as_str());
        if (stored_generation != self.generation || stored_writer != self.writer) && !force {
            return Err(SaveError::Conflict);
        }
        let generation = stored_generation.max(self.generation) + 1;
        let mut written_now: Vec<String> = Vec::new();
        let undo = |store: &mut dyn Store, keys: &[String]| {
            for k in keys {
                store.remove(k);
            }
        };

        // Rubric files, once each.
        let mut rubrics = Vec::new();
        for e in state.library.entries.iter().filter(|e| !e.bundled) {
            let key = rubric_key(e.fingerprint());
            if !self.rubrics.contains_key(&key) && store.get(&key).as_deref() != Some(&e.yaml) {
                if let Err(err) = store.set(&key, &e.yaml) {
                    undo(store, &written_now);
                    return Err(SaveError::Store(err));
                }
                written_now.push(key.clone());
            }
            rubrics.push(HeadRubric {
                file_name: e.file_name.clone(),
                key,
            });
        }

        // Assessments that changed, under new keys.
        let mut heads = Vec::new();
        let mut written = HashMap::new();
        for a in &state.assessments {
            let key = match self.written.get(&a.id) {
                Some((rc, key)) if Rc::ptr_eq(rc, a) && !force => key.clone(),
                _ => {
                    let key = format!("{HEAD_KEY}.a.{}.{generation}", a.id);
                    let json = serde_json::to_string(&SavedAssessment::of(a)).unwrap_or_default();
                    if let Err(err) = store.set(&key, &json) {
                        undo(store, &written_now);
                        return Err(SaveError::Store(err));
                    }
                    written_now.push(key.clone());
                    key
                }
            };
            heads.push(HeadAssessment {
                id: a.id,
                key: key.clone(),
            });
            written.insert(a.id, (Rc::clone(a), key));
        }

        // The head: the one write that commits.
        let head = Head {
            version: VERSION,
            generation,
            writer: self.tab.clone(),
            lang: state.lang.code().to_string(),
            welcome_dismissed: state.ui.welcome_dismissed,
            current: state.assessment().id,
            rubrics,
            assessments: heads,
        };
        let json = serde_json::to_string(&head).unwrap_or_default();
        if let Err(err) = store.set(HEAD_KEY, &json) {
            undo(store, &written_now);
            return Err(SaveError::Store(err));
        }

        // Parts the head no longer names: the previous versions of what
        // changed, deleted assessments, rubric files no longer loaded.
        let named: Vec<&str> = head
            .assessments
            .iter()
            .map(|a| a.key.as_str())
            .chain(head.rubrics.iter().map(|r| r.key.as_str()))
            .collect();
        let own_part = |k: &str| {
            k.strip_prefix(HEAD_KEY)
                .is_some_and(|rest| rest.starts_with(".a.") || rest.starts_with(".r."))
        };
        for key in store.keys() {
            if own_part(&key) && !named.contains(&key.as_str()) {
                store.remove(&key);
            }
        }
        // The undo history, once the work it leads to is saved: best
        // effort, a history that cannot be written is dropped.
        let sig = history_sig(state);
        if self.history != Some(sig) {
            history::save(store, state);
            self.history = Some(sig);
        }
        self.generation = generation;
        self.writer = head.writer.clone();
        self.written = written;
        self.rubrics = head
            .rubrics
            .iter()
            .map(|r| (r.key.clone(), r.file_name.clone()))
            .collect();
        Ok(())
    }

    /// Whether the head written now would differ from the stored one only
    /// in what a save changes (used to skip saves of nothing).
    pub fn head_matches(&self, store: &dyn Store, state: &AppState) -> bool {
        let Some(head) = store
            .get(HEAD_KEY)
            .and_then(|t| serde_json::from_str::<Head>(&t).ok())
        else {
            return false;
        };
        let rubrics: Vec<String> = state
            .library
            .entries
            .iter()
            .filter(|e| !e.bundled)
            .map(|e| rubric_key(e.fingerprint()))
            .collect();
        head.generation == self.generation
            && head.writer == self.writer
            && head.lang == state.lang.code()
            && head.welcome_dismissed == state.ui.welcome_dismissed
            && head.current == state.assessment().id
            && head.rubrics.iter().map(|r| &r.key).eq(rubrics.iter())
    }
}

/// Everything this page keeps in storage (its own keys, and any it keeps
/// aside), as one JSON object: what the page offers as a download when
/// saved data cannot be read here.
pub fn backup(store: &dyn Store) -> String {
    let mut all = BTreeMap::new();
    for key in store.keys() {
        if key.starts_with(PREFIX)
            && let Some(v) = store.get(&key)
        {
            all.insert(key, v);
        }
    }
    serde_json::to_string_pretty(&all).unwrap_or_default()
}

/// Keeps unreadable text aside: copied under a new key, unless it already
/// is under a key that nothing writes to. Returns the notice to show, and
/// whether the tab may still save.
fn keep_aside(
    store: &mut dyn Store,
    key: &str,
    text: &str,
    why: Kept,
    now: &str,
) -> (Notice, bool) {
    let aside = aside_key(store, key, now);
    match store.set(&aside, text) {
        Ok(()) => (Notice::KeptAside { key: aside, why }, true),
        Err(_) => (
            Notice::SavingOff {
                key: key.to_string(),
                why,
            },
            false,
        ),
    }
}

/// Loads what is saved: format 2, else format 1 (migrated on the first
/// save, and left in place), else a fresh state. `tab` names this tab;
/// `year` and `now` are the browser's.
pub fn load(store: &mut dyn Store, tab: &str, year: i32, now: &str) -> Loaded {
    // Another tab may save (and remove the parts it replaced) while this
    // one reads: a part gone missing under a head that changed meanwhile
    // is read again.
    let mut tries = 0;
    loop {
        let head = store.get(HEAD_KEY);
        let loaded = load_once(store, tab, year, now);
        let missing = loaded.state.ui.notices.iter().any(|n| {
            matches!(
                n,
                Notice::KeptAside {
                    why: Kept::Missing,
                    ..
                }
            )
        });
        tries += 1;
        if !missing || tries == 3 || store.get(HEAD_KEY) == head {
            return loaded;
        }
    }
}

fn load_once(store: &mut dyn Store, tab: &str, year: i32, now: &str) -> Loaded {
    let mut saver = Saver::new(tab);
    let mut notices = Vec::new();
    for key in NEWER_KEYS {
        if store.get(key).is_some() {
            notices.push(Notice::KeptAside {
                key: key.to_string(),
                why: Kept::Newer(key.trim_start_matches("scoring-web.v").parse().unwrap_or(0)),
            });
        }
    }
    let fresh = || AppState::new(scoring_core::Lang::Zh, year, now);
    let mut state = match store.get(HEAD_KEY) {
        Some(text) => match serde_json::from_str::<Head>(&text) {
            Ok(head) if head.version == VERSION => {
                let (mut state, kept) =
                    from_head(store, &head, year, now, &mut notices, &mut saver);
                if let Some(text) = store.get(&history::key(state.assessment().id))
                    && history::restore(&mut state, &text)
                {
                    saver.history = Some(history_sig(&state));
                }
                saver.generation = head.generation;
                saver.writer = head.writer.clone();
                if !kept {
                    // A part that cannot be read nor kept aside: saving
                    // would drop it from the head.
                    saver.off = Some("unreadable part".into());
                }
                state
            }
            other => {
                let newer = serde_json::from_str::<Version>(&text)
                    .ok()
                    .filter(|v| v.version > VERSION);
                if let Some(v) = newer {
                    // A newer page's head under this key: leave it alone.
                    saver.off = Some(format!("format {}", v.version));
                    notices.push(Notice::SavingOff {
                        key: HEAD_KEY.to_string(),
                        why: Kept::Newer(v.version),
                    });
                } else {
                    let detail = match other {
                        Err(e) => e.to_string(),
                        Ok(h) => format!("format {}", h.version),
                    };
                    let (notice, may_save) =
                        keep_aside(store, HEAD_KEY, &text, Kept::Unreadable(detail), now);
                    if !may_save {
                        saver.off = Some("unreadable head".into());
                    }
                    notices.push(notice);
                }
                fresh()
            }
        },
        None => match store.get(V1_KEY) {
            Some(text) => match Saved::from_v1_json(&text) {
                // Format 1 stays where it is: the first save writes format 2
                // beside it.
                Some(saved) => saved.restore(year, now),
                None => {
                    // Nothing writes to format 1's key any more: it is kept
                    // where it is.
                    let detail = serde_json::from_str::<Version>(&text)
                        .map(|v| format!("format {}", v.version))
                        .unwrap_or_else(|e| e.to_string());
                    notices.push(Notice::KeptAside {
                        key: V1_KEY.to_string(),
                        why: Kept::Unreadable(detail),
                    });
                    fresh()
                }
            },
            None => fresh(),
        },
    };
    for n in notices {
        if !state.ui.notices.contains(&n) {
            state.ui.notices.push(n);
        }
    }
    Loaded { state, saver }
}

/// The state a format 2 head describes. Parts that cannot be read are
/// kept aside (notices); returns whether every part was read or kept.
fn from_head(
    store: &mut dyn Store,
    head: &Head,
    year: i32,
    now: &str,
    notices: &mut Vec<Notice>,
    saver: &mut Saver,
) -> (AppState, bool) {
    let mut all_kept = true;
    let mut rubrics = Vec::new();
    for r in &head.rubrics {
        match store.get(&r.key) {
            Some(yaml) => {
                rubrics.push(SavedRubric {
                    file_name: r.file_name.clone(),
                    yaml,
                });
                saver.rubrics.insert(r.key.clone(), r.file_name.clone());
            }
            None => notices.push(Notice::DroppedRubric(r.file_name.clone())),
        }
    }
    let mut assessments = Vec::new();
    let mut keys = Vec::new();
    for a in &head.assessments {
        let text = store.get(&a.key);
        match text.as_deref().map(serde_json::from_str::<SavedAssessment>) {
            Some(Ok(saved)) => {
                assessments.push(saved);
                keys.push(a.key.clone());
            }
            Some(Err(e)) => {
                let (notice, kept) = keep_aside(
                    store,
                    &a.key,
                    text.as_deref().unwrap_or(""),
                    Kept::Unreadable(e.to_string()),
                    now,
                );
                all_kept &= kept;
                notices.push(notice);
            }
            None => notices.push(Notice::KeptAside {
                key: a.key.clone(),
                why: Kept::Missing,
            }),
        }
    }
    let saved = Saved {
        version: V1,
        lang: head.lang.clone(),
        welcome_dismissed: head.welcome_dismissed,
        current: head.current,
        rubrics,
        assessments,
    };
    let state = saved.restore(year, now);
    // What was read is what is stored: not written again until it changes.
    for (a, key) in state.assessments.iter().zip(keys) {
        saver.written.insert(a.id, (Rc::clone(a), key));
    }
    (state, all_kept)
}

/// A [`Store`] in memory, for tests: it can be made to fail on the Nth
/// write, or once full.
#[cfg(test)]
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    /// The keys and values.
    pub map: BTreeMap<String, String>,
    /// Writes so far.
    pub writes: usize,
    /// Fail the write with this number (1-based), and every one after it
    /// while `full`.
    pub fail_at: Option<usize>,
    /// The most bytes (keys and values) it holds.
    pub capacity: Option<usize>,
}

#[cfg(test)]
impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.writes += 1;
        if self.fail_at == Some(self.writes) {
            return Err(StoreError::Full);
        }
        if let Some(cap) = self.capacity {
            let used: usize = self
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > cap {
                return Err(StoreError::Full);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests;
