//! An office filling in its own entry form in the page: the form as it
//! was opened, what the office has typed, and what it can know of its own
//! result (`scoring_formats::forms::own_result`). Nothing of it touches
//! the assessments the page keeps; it is kept as a draft of its own in
//! browser storage until the office closes it.

use std::collections::BTreeMap;
use std::rc::Rc;

use scoring_core::{Rubric, Table};
use scoring_formats::forms::{self, FormRefused, OwnResult, ReturnedForm};
use serde::{Deserialize, Serialize};

use super::library::Library;

/// A form being filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Filling {
    /// The file it was opened from: it is saved back under the same name,
    /// marked as filled in ([`Filling::saved_name`]).
    pub file: String,
    /// The form's sheet as opened (kept for the draft).
    pub table: Table,
    /// The form, read.
    pub form: ReturnedForm,
    /// The rubric it was made under.
    pub rubric: Rc<Rubric>,
    /// The values typed, by input id.
    pub values: BTreeMap<String, String>,
    /// The evidence given, by input id.
    pub evidence: BTreeMap<String, String>,
    /// What the office can know of its own result.
    pub own: OwnResult,
    /// Whether anything changed since it was opened or last saved.
    pub dirty: bool,
}

/// Why a file could not be opened to fill in.
#[derive(Debug, Clone, PartialEq)]
pub enum FillRefused {
    /// Not a form (or not readable).
    Form(FormRefused),
    /// A form whose fixed parts were changed (its digest no longer
    /// matches): saved from the page it would be signed anew, hiding the
    /// change from the assessor.
    FixedChanged(String),
    /// A form made under a rubric the page does not have: its title,
    /// version and fingerprint.
    UnknownRubric {
        /// The file.
        file: String,
        /// The rubric's title.
        title: String,
        /// Its version.
        version: String,
        /// Its fingerprint.
        fingerprint: String,
    },
}

impl Filling {
    /// Opens the form read from `file` (its first sheet `table`), with its
    /// rubric found among those the page has by fingerprint.
    pub fn open(file: &str, table: Table, library: &Library) -> Result<Filling, FillRefused> {
        let mut form = forms::read_form(&table).map_err(FillRefused::Form)?;
        form.file = file.to_string();
        if form.fixed_changed {
            return Err(FillRefused::FixedChanged(file.to_string()));
        }
        let Some(entry) = library
            .entries
            .iter()
            .find(|e| e.fingerprint() == form.header.fingerprint)
        else {
            return Err(FillRefused::UnknownRubric {
                file: file.to_string(),
                title: form.header.rubric_title.clone(),
                version: form.header.rubric_version.clone(),
                fingerprint: form.header.fingerprint.clone(),
            });
        };
        let values: BTreeMap<String, String> = form
            .values
            .iter()
            .map(|v| (v.input.clone(), v.text.clone()))
            .collect();
        let evidence = form.evidence.iter().cloned().collect();
        let rubric = Rc::clone(entry.rubric());
        let own = forms::own_result(&rubric, &form, &values);
        Ok(Filling {
            file: file.to_string(),
            table,
            form,
            rubric,
            values,
            evidence,
            own,
            dirty: false,
        })
    }

    /// Sets an input's value, and works out the result again.
    pub fn set_value(&mut self, input: &str, text: &str) {
        if self.values.get(input).map(String::as_str).unwrap_or("") == text {
            return;
        }
        self.values.insert(input.to_string(), text.to_string());
        self.own = forms::own_result(&self.rubric, &self.form, &self.values);
        self.dirty = true;
    }

    /// Sets an input's evidence.
    pub fn set_evidence(&mut self, input: &str, text: &str) {
        if self.evidence.get(input).map(String::as_str).unwrap_or("") == text {
            return;
        }
        if text.trim().is_empty() {
            self.evidence.remove(input);
        } else {
            self.evidence.insert(input.to_string(), text.to_string());
        }
        self.dirty = true;
    }

    /// The name the filled-in form is saved under: the file's, marked as
    /// filled in, so that it is not taken for the copy that came by
    /// e-mail (the assessor's merge goes by what a form holds, not its
    /// name).
    pub fn saved_name(&self) -> String {
        let (stem, ext) = match self.file.rsplit_once('.') {
            Some((stem, ext)) => (stem, ext),
            None => (self.file.as_str(), "xlsx"),
        };
        if stem.ends_with("（已填）") {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}（已填）.{ext}")
        }
    }

    /// The form as the office saves it to send back.
    pub fn book(&self) -> scoring_formats::book::Book {
        forms::refilled_book(&self.rubric, &self.form, &self.values, &self.evidence)
    }

    /// What the draft in browser storage holds.
    pub fn draft(&self) -> String {
        serde_json::to_string(&Draft {
            file: self.file.clone(),
            table: scoring_formats::book::table_json(&self.table),
            values: self.values.clone(),
            evidence: self.evidence.clone(),
            dirty: self.dirty,
        })
        .unwrap_or_default()
    }

    /// The form a draft holds, as the office left it; `None` when the
    /// draft cannot be read or its rubric is gone.
    pub fn from_draft(json: &str, library: &Library) -> Option<Filling> {
        let d: Draft = serde_json::from_str(json).ok()?;
        let table = scoring_formats::book::table_from_json(&d.file, &d.table).ok()?;
        let mut f = Filling::open(&d.file, table, library).ok()?;
        f.values = d.values;
        f.evidence = d.evidence;
        f.dirty = d.dirty;
        f.own = forms::own_result(&f.rubric, &f.form, &f.values);
        Some(f)
    }
}

/// A form being filled in, as kept in browser storage.
#[derive(Serialize, Deserialize)]
struct Draft {
    file: String,
    table: String,
    values: BTreeMap<String, String>,
    evidence: BTreeMap<String, String>,
    dirty: bool,
}
