//! The saved form of the page's state, and the way back to a state.
//!
//! What is saved: every assessment (title, year, rubric key, offices and
//! their typed cells, item log, period end, calendars, when it was last
//! saved to a file), the rubric files the assessor loaded (their YAML
//! text), the current assessment, the language, and whether the welcome was
//! dismissed. Undo history and open panels are not saved.
//!
//! [`Saved`] is that snapshot. Format 1 stored it whole, as one JSON text
//! under [`V1_KEY`]; format 2 (`persist/mod.rs`) stores its parts under
//! keys of their own, and reads format 1 to migrate it.

use std::collections::BTreeMap;
use std::rc::Rc;

use scoring_core::Lang;
use serde::{Deserialize, Serialize};

use crate::state::{AppState, Assessment, CalendarFile, LogFile, Notice, OfficeRow};

/// The storage key of format 1 (one JSON text).
pub const V1_KEY: &str = "scoring-web.v1";

/// The version format 1 wrote.
pub const V1: u32 = 1;

/// The saved state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// Format version.
    pub version: u32,
    /// `zh` or `en`.
    pub lang: String,
    /// Whether the welcome panel was dismissed.
    pub welcome_dismissed: bool,
    /// The id of the current assessment.
    pub current: u64,
    /// Rubric files loaded by the assessor.
    pub rubrics: Vec<SavedRubric>,
    /// Every assessment.
    pub assessments: Vec<SavedAssessment>,
}

/// A rubric file loaded by the assessor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedRubric {
    /// Its file name.
    pub file_name: String,
    /// Its YAML text.
    pub yaml: String,
}

/// One assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedAssessment {
    /// Its id.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// The year assessed.
    pub year: i32,
    /// The rubric's key in the library.
    pub rubric: String,
    /// When it was last changed.
    pub updated: String,
    /// Its offices.
    pub offices: Vec<SavedOffice>,
    /// The period's last day, as typed.
    #[serde(default)]
    pub period_end: String,
    /// The item log, if any.
    #[serde(default)]
    pub item_log: Option<SavedLog>,
    /// Calendar files for years not bundled.
    #[serde(default)]
    pub calendars: Vec<SavedCalendar>,
    /// Changes it has had.
    #[serde(default)]
    pub revision: u64,
    /// Its revision when it was last saved to a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_saved: Option<u64>,
    /// The assessments it draws on: a source's rubric id, an assessment's
    /// id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<(String, u64)>,
    /// The assessor's choices of counts where typed ones disagree with the
    /// item log: office name (`""`: every office), choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts_choice: Vec<(String, scoring_core::items::CountsChoice)>,
    /// Its id on its entry forms, once they were sent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form_id: String,
    /// Its approval, while approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<scoring_formats::assessment::Approval>,
    /// Its reopenings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopened: Vec<scoring_formats::assessment::Reopening>,
    /// Its trail of changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trail: Vec<scoring_formats::assessment::TrailEntry>,
}

/// An item log as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedLog {
    /// The file's name.
    pub file_name: String,
    /// Its rows: line number and cells.
    pub rows: Vec<(u32, Vec<String>)>,
}

/// A calendar file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedCalendar {
    /// The file's name.
    pub file_name: String,
    /// Its text.
    pub text: String,
}

/// One office's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedOffice {
    /// The office's name.
    pub name: String,
    /// Typed text by input id.
    pub cells: BTreeMap<String, String>,
}

impl Saved {
    /// The saved form of a state.
    pub fn of(state: &AppState) -> Saved {
        Saved {
            version: V1,
            lang: state.lang.code().to_string(),
            welcome_dismissed: state.ui.welcome_dismissed,
            current: state.assessment().id,
            rubrics: state
                .library
                .entries
                .iter()
                .filter(|e| !e.bundled)
                .map(|e| SavedRubric {
                    file_name: e.file_name.clone(),
                    yaml: e.yaml.clone(),
                })
                .collect(),
            assessments: state
                .assessments
                .iter()
                .map(|a| SavedAssessment::of(a))
                .collect(),
        }
    }

    /// The JSON text stored.
    pub fn to_json(&self) -> String {
        // Plain strings and numbers always serialise.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Restores a state. Assessments whose rubric is gone fall back to the
    /// default rubric (their cells are kept as typed); rubric files that no
    /// longer validate are left out, with a notice.
    pub fn restore(self, year: i32, now: &str) -> AppState {
        let lang = Lang::parse(&self.lang).unwrap_or_default();
        let mut state = AppState::new(lang, year, now);
        state.ui.welcome_dismissed = self.welcome_dismissed;
        let library = Rc::make_mut(&mut state.library);
        let mut notices = Vec::new();
        for r in &self.rubrics {
            if library.add_file(&r.file_name, &r.yaml).is_err() {
                notices.push(Notice::DroppedRubric(r.file_name.clone()));
            }
        }
        let default_key = library.default_key();
        let mut next_key = 1;
        let mut assessments = Vec::new();
        for a in self.assessments {
            let rubric_key = if library.get(&a.rubric).is_some() {
                a.rubric.clone()
            } else if let Some(e) = library.get_legacy(&a.rubric) {
                e.key.clone()
            } else {
                default_key.clone()
            };
            let keys: Vec<u64> = (0..a.offices.len())
                .map(|_| {
                    next_key += 1;
                    next_key
                })
                .collect();
            assessments.push(Rc::new(a.into_assessment(rubric_key, keys)));
        }
        if !assessments.is_empty() {
            let max_id = assessments
                .iter()
                .map(|a| a.id.max(a.revision))
                .max()
                .unwrap_or(0);
            state.current = assessments
                .iter()
                .position(|a| a.id == self.current)
                .unwrap_or(0);
            state.assessments = assessments;
            state.next_key = next_key.max(max_id) + 1;
        }
        state.ui.notices = notices;
        state.recompute();
        state
    }

    /// Reads format 1's JSON. `None` if it is not a format 1 saved state
    /// (the caller keeps the text aside, never overwrites it).
    pub fn from_v1_json(text: &str) -> Option<Saved> {
        let saved: Saved = serde_json::from_str(text).ok()?;
        (saved.version == V1).then_some(saved)
    }
}

impl SavedAssessment {
    /// The saved form of an assessment.
    pub fn of(a: &Assessment) -> SavedAssessment {
        SavedAssessment {
            id: a.id,
            title: a.title.clone(),
            year: a.year,
            rubric: a.rubric_key.clone(),
            updated: a.updated.clone(),
            offices: a
                .offices
                .iter()
                .map(|o| SavedOffice {
                    name: o.name.clone(),
                    cells: o.cells.clone(),
                })
                .collect(),
            period_end: a.period_end.clone(),
            item_log: a.item_log.as_ref().map(|l| SavedLog {
                file_name: l.file_name.clone(),
                rows: l.rows.clone(),
            }),
            calendars: a
                .calendars
                .iter()
                .map(|c| SavedCalendar {
                    file_name: c.file_name.clone(),
                    text: c.text.clone(),
                })
                .collect(),
            revision: a.revision,
            file_saved: a.file_saved,
            sources: a.sources.clone(),
            counts_choice: a.counts_choice.clone(),
            form_id: a.form_id.clone(),
            approval: a.approval.clone(),
            reopened: a.reopened.clone(),
            trail: a.trail.to_vec(),
        }
    }

    /// The assessment back, under `rubric_key`, its offices keyed by
    /// `keys` (one per office).
    pub fn into_assessment(self, rubric_key: String, keys: Vec<u64>) -> Assessment {
        Assessment {
            id: self.id,
            title: self.title,
            year: self.year,
            rubric_key,
            offices: self
                .offices
                .into_iter()
                .zip(keys)
                .map(|(o, key)| {
                    Rc::new(OfficeRow {
                        key,
                        name: o.name,
                        cells: o.cells,
                    })
                })
                .collect(),
            updated: self.updated,
            period_end: self.period_end,
            item_log: self.item_log.map(|l| {
                Rc::new(LogFile {
                    file_name: l.file_name,
                    rows: l.rows,
                })
            }),
            calendars: self
                .calendars
                .into_iter()
                .map(|c| {
                    Rc::new(CalendarFile {
                        file_name: c.file_name,
                        text: c.text,
                    })
                })
                .collect(),
            revision: self.revision,
            file_saved: self.file_saved,
            sources: self.sources,
            counts_choice: self.counts_choice,
            form_id: self.form_id,
            approval: self.approval,
            reopened: self.reopened,
            trail: Rc::new(self.trail),
        }
    }
}
