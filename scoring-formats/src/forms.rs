//! Entry forms: one workbook per office, sent out by the assessor, filled
//! in by the office (in a spreadsheet program), returned and merged.
//!
//! A form is one protected sheet (so that [`crate::read_xlsx`] reads it
//! like any data file): the assessment's id, title and year, the office,
//! the rubric's title, id, version and fingerprint, then one row per input
//! with its id, label (Chinese and English), help, the kind of value, a
//! value cell and an evidence cell (a note or a link). Only the value and
//! evidence cells are unlocked; value cells carry the spreadsheet's own
//! check (whole numbers ≥ 0, 是/否, the allowed choices).
//!
//! The reader cannot see sheet protection, so the form carries a digest
//! (SHA-256) of its fixed cells: a form whose fixed parts were changed is
//! recognised on return ([`ReturnedForm::fixed_changed`]).
//!
//! [`collect`] matches returned forms to the assessment's offices and says,
//! before anything changes, what each would do (new values, old → new),
//! which are refused and why, which are flagged (two forms for one office,
//! fixed parts changed) and which offices have not returned one; [`merge`]
//! then applies it to an assessment file.

use std::collections::BTreeMap;

use scoring_core::{DataError, InputKind, Lang, Rubric, Table};
use sha2::{Digest, Sha256};

use crate::assessment::AssessmentFile;
use crate::book::{Book, Cell, Check, Sheet, kind_text};

/// What a form says about itself: which assessment, rubric and office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormHeader {
    /// The assessment's id ([`AssessmentFile::form_id`]).
    pub assessment_id: String,
    /// The assessment's title.
    pub title: String,
    /// The year assessed.
    pub year: i32,
    /// The office the form is for.
    pub office: String,
    /// The rubric's title (Chinese).
    pub rubric_title: String,
    /// The rubric's id.
    pub rubric_id: String,
    /// The rubric's version.
    pub rubric_version: String,
    /// The rubric's fingerprint (64 hex digits).
    pub fingerprint: String,
}

/// The labels of the header rows, in order: column A of a form.
const KEYS: [&str; 9] = [
    "考核编号 Assessment id",
    "考核名称 Assessment",
    "年度 Year",
    "处室 Office",
    "评分细则 Rubric",
    "细则编号 Rubric id",
    "细则版本 Rubric version",
    "细则指纹 Rubric fingerprint",
    "校验码 Form digest",
];

/// The header of the input rows (the row after the form's header).
const COLUMNS: [&str; 8] = [
    "编号 Id",
    "填报项",
    "Item",
    "填写说明",
    "Help",
    "填写要求 Kind",
    "填报值 Value",
    "佐证材料（说明或链接） Evidence (a note or a link)",
];
const VALUE: usize = 6;
const EVIDENCE: usize = 7;
/// The first input row (0-based): a title, the header rows, a blank row,
/// the column header.
const FIRST_INPUT: usize = 1 + KEYS.len() + 2;

impl AssessmentFile {
    /// The id forms carry: stable while the assessment's title, year and
    /// rubric stay the same (the first 16 hex digits of their SHA-256).
    pub fn form_id(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.title.as_bytes());
        h.update([0]);
        h.update(self.year.to_string().as_bytes());
        h.update([0]);
        h.update(self.rubric.fingerprint.as_bytes());
        hex(&h.finalize())[..16].to_string()
    }

    /// The header of the form for `office`.
    pub fn form_header(&self, rubric: &Rubric, office: &str) -> FormHeader {
        FormHeader {
            assessment_id: self.form_id(),
            title: self.title.clone(),
            year: self.year,
            office: office.to_string(),
            rubric_title: rubric.title().get(Lang::Zh).to_string(),
            rubric_id: rubric.id().to_string(),
            rubric_version: rubric.version().to_string(),
            fingerprint: self.rubric.fingerprint.clone(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The check a value cell carries for an input.
fn check_of(input: &scoring_core::Input) -> Check {
    match input.kind {
        InputKind::Count => Check::WholeNumber,
        InputKind::Amount => Check::Number,
        InputKind::Flag => Check::OneOf(vec!["是".into(), "否".into()]),
        InputKind::Choice => Check::OneOf(
            input
                .choices
                .iter()
                .map(|c| c.get(Lang::Zh).to_string())
                .collect(),
        ),
    }
}

/// The text a fixed cell is written as, and read back as.
fn fixed_text(cell: &Cell) -> Option<&str> {
    match cell {
        Cell::Text(t) | Cell::Header { text: t, .. } => Some(t),
        _ => None,
    }
}

/// The digest of a form's fixed cells, given as (row, column, text) of
/// every non-empty fixed cell but the digest's own.
fn digest<'a>(cells: impl Iterator<Item = (usize, usize, &'a str)>) -> String {
    let mut h = Sha256::new();
    for (r, c, text) in cells {
        let text = text.trim();
        if !text.is_empty() {
            h.update(format!("{r}\t{c}\t{text}\n").as_bytes());
        }
    }
    hex(&h.finalize())
}

/// Whether a cell is filled by the office (a value or evidence cell of an
/// input row) or is the digest's own.
fn is_open(r: usize, c: usize) -> bool {
    (r >= FIRST_INPUT && (c == VALUE || c == EVIDENCE)) || (r == KEYS.len() && c == 1)
}

/// An office's entry form as a workbook: the header, then one row per
/// input with its current value (`values`, by input id) and evidence
/// (`evidence`, by input id) filled in.
pub fn form_book(
    rubric: &Rubric,
    header: &FormHeader,
    values: &BTreeMap<String, String>,
    evidence: &BTreeMap<String, String>,
) -> Book {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    rows.push(vec![Cell::header(format!(
        "{} — {} 填报表 / Entry form",
        header.title, header.office
    ))]);
    let fields = [
        header.assessment_id.clone(),
        header.title.clone(),
        header.year.to_string(),
        header.office.clone(),
        header.rubric_title.clone(),
        header.rubric_id.clone(),
        header.rubric_version.clone(),
        header.fingerprint.clone(),
        String::new(),
    ];
    for (key, value) in KEYS.iter().zip(fields) {
        rows.push(vec![Cell::header(*key), Cell::text(value)]);
    }
    rows.push(Vec::new());
    rows.push(COLUMNS.iter().map(|c| Cell::header(*c)).collect());
    for input in rubric.inputs().items() {
        // Sourced inputs are filled from another assessment, not asked.
        if rubric.sources().iter().any(|s| s.input.id == input.id) {
            continue;
        }
        let help = |lang| input.help.as_ref().map(|h| h.get(lang)).unwrap_or("");
        let value = values.get(&input.id).cloned().unwrap_or_default();
        // A flag as it is asked: 是/否.
        let value = match (input.kind, value.trim()) {
            (InputKind::Flag, "1") => "是".to_string(),
            (InputKind::Flag, "0") => "否".to_string(),
            _ => value,
        };
        rows.push(vec![
            Cell::text(&input.id),
            Cell::text(input.label.get(Lang::Zh)),
            Cell::text(input.label.get(Lang::En)),
            Cell::text(help(Lang::Zh)),
            Cell::text(help(Lang::En)),
            Cell::text(format!(
                "{} / {}",
                kind_text(input, Lang::Zh),
                kind_text(input, Lang::En)
            )),
            Cell::Input {
                value,
                check: check_of(input),
            },
            Cell::Input {
                value: evidence.get(&input.id).cloned().unwrap_or_default(),
                check: Check::Text,
            },
        ]);
    }
    let sum = digest(rows.iter().enumerate().flat_map(|(r, row)| {
        row.iter()
            .enumerate()
            .filter(move |(c, _)| !is_open(r, *c))
            .filter_map(move |(c, cell)| fixed_text(cell).map(|t| (r, c, t)))
    }));
    rows[KEYS.len()][1] = Cell::text(sum);
    let sheet = Sheet {
        name: "填报表 Form".into(),
        rows,
        widths: vec![
            (0, 24),
            (1, 26),
            (2, 26),
            (3, 40),
            (4, 40),
            (5, 22),
            (6, 14),
            (7, 40),
        ],
        freeze: Some((FIRST_INPUT as u32, 3)),
        protect: true,
    };
    Book {
        sheets: vec![sheet],
    }
}

/// A returned form, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedForm {
    /// The file it came from.
    pub file: String,
    /// What it says about itself.
    pub header: FormHeader,
    /// Whether its fixed parts differ from what was sent (its digest does
    /// not match them).
    pub fixed_changed: bool,
    /// Each input's value as filled in: input id, text, sheet row (1-based).
    pub values: Vec<(String, String, u32)>,
    /// Each input's evidence, where given: input id, text.
    pub evidence: Vec<(String, String)>,
}

/// Why a file is not a form that can be merged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FormRefused {
    /// The file could not be read as a workbook or text.
    #[error("{0}")]
    Unreadable(crate::FormatError),
    /// A workbook or table, but not an entry form.
    #[error("{file}: not an entry form")]
    NotAForm {
        /// The file.
        file: String,
    },
    /// A form of another assessment.
    #[error("{file}: a form of another assessment")]
    OtherAssessment {
        /// The file.
        file: String,
        /// The assessment it names.
        title: String,
        /// The id it carries.
        id: String,
    },
    /// A form made under another version of the rubric.
    #[error("{file}: a form of another rubric")]
    OtherRubric {
        /// The file.
        file: String,
        /// The fingerprint it carries.
        fingerprint: String,
    },
    /// A form for an office the assessment does not have.
    #[error("{file}: office not in the assessment")]
    UnknownOffice {
        /// The file.
        file: String,
        /// The office it names.
        office: String,
    },
    /// Values that fail the rubric's checks: nothing from the form is
    /// merged.
    #[error("{file}: values refused")]
    BadValues {
        /// The file.
        file: String,
        /// Each, located (file, row, input).
        errors: Vec<DataError>,
    },
}

impl FormRefused {
    /// The reason in `lang`, naming the file.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FormRefused::Unreadable(e), _) => e.message(lang),
            (FormRefused::NotAForm { file }, Lang::Zh) => {
                format!("{file}：不是填报表（没有“考核编号”等表头）")
            }
            (FormRefused::NotAForm { file }, Lang::En) => {
                format!("{file}: not an entry form (no assessment id and the rest above the items)")
            }
            (FormRefused::OtherAssessment { file, title, id }, Lang::Zh) => {
                format!("{file}：是另一次考核的填报表（“{title}”，编号 {id}）")
            }
            (FormRefused::OtherAssessment { file, title, id }, Lang::En) => {
                format!("{file}: a form of another assessment (\"{title}\", id {id})")
            }
            (FormRefused::OtherRubric { file, fingerprint }, Lang::Zh) => format!(
                "{file}：填报表所用的评分细则与本次考核不同（指纹 {}）",
                scoring_core::fingerprint::short(fingerprint)
            ),
            (FormRefused::OtherRubric { file, fingerprint }, Lang::En) => format!(
                "{file}: the form was made under another rubric (fingerprint {})",
                scoring_core::fingerprint::short(fingerprint)
            ),
            (FormRefused::UnknownOffice { file, office }, Lang::Zh) => {
                format!("{file}：本次考核中没有处室“{office}”")
            }
            (FormRefused::UnknownOffice { file, office }, Lang::En) => {
                format!("{file}: the assessment has no office \"{office}\"")
            }
            (FormRefused::BadValues { errors, .. }, _) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Reads a returned form from its first sheet (as [`crate::read_table`]
/// gives it). Checks only that it is a form; [`collect`] checks the rest.
pub fn read_form(table: &Table) -> Result<ReturnedForm, FormRefused> {
    let not_a_form = || FormRefused::NotAForm {
        file: table.source.clone(),
    };
    // The sheet as a grid by 0-based row (rows may be missing or short).
    let mut grid: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for row in &table.rows {
        let r = (row.line as usize).checked_sub(1).ok_or_else(not_a_form)?;
        grid.insert(r, row.cells().map(str::to_string).collect());
    }
    let cell = |r: usize, c: usize| -> &str {
        grid.get(&r)
            .and_then(|row| row.get(c))
            .map(String::as_str)
            .unwrap_or("")
            .trim()
    };
    for (i, key) in KEYS.iter().enumerate() {
        if cell(1 + i, 0) != *key {
            return Err(not_a_form());
        }
    }
    if cell(FIRST_INPUT - 1, 0) != COLUMNS[0] {
        return Err(not_a_form());
    }
    let field = |i: usize| cell(1 + i, 1).to_string();
    let header = FormHeader {
        assessment_id: field(0),
        title: field(1),
        year: field(2).parse().map_err(|_| not_a_form())?,
        office: field(3),
        rubric_title: field(4),
        rubric_id: field(5),
        rubric_version: field(6),
        fingerprint: field(7),
    };
    let written = field(8);
    let sum = digest(grid.iter().flat_map(|(&r, row)| {
        row.iter()
            .enumerate()
            .filter(move |(c, _)| !is_open(r, *c))
            .map(move |(c, t)| (r, c, t.as_str()))
    }));
    let mut values = Vec::new();
    let mut evidence = Vec::new();
    for (&r, row) in grid.range(FIRST_INPUT..) {
        let id = row.first().map(|s| s.trim()).unwrap_or("");
        if id.is_empty() {
            continue;
        }
        let get = |c: usize| row.get(c).map(|s| s.trim().to_string()).unwrap_or_default();
        values.push((id.to_string(), get(VALUE), r as u32 + 1));
        let note = get(EVIDENCE);
        if !note.is_empty() {
            evidence.push((id.to_string(), note));
        }
    }
    Ok(ReturnedForm {
        file: table.source.clone(),
        header,
        fixed_changed: sum != written,
        values,
        evidence,
    })
}

/// A change a form makes to one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    /// The input's id.
    pub input: String,
    /// The text now ("" when blank).
    pub old: String,
    /// The text the form gives.
    pub new: String,
}

/// A form that can be merged, with what it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The form, read.
    pub form: ReturnedForm,
    /// The cells it changes (blank values leave a cell as it is).
    pub changes: Vec<CellChange>,
    /// A later form for the same office replaces this one (its file).
    pub superseded_by: Option<String>,
}

/// What merging a set of returned forms would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Collection {
    /// Forms that can be merged, in the order given.
    pub accepted: Vec<Accepted>,
    /// Files refused, with the reason: nothing from them is merged.
    pub refused: Vec<FormRefused>,
    /// Offices of the assessment no accepted form is for.
    pub missing: Vec<String>,
}

impl Collection {
    /// Whether anything needs confirming: two forms for one office, or a
    /// form whose fixed parts were changed.
    pub fn flagged(&self) -> bool {
        self.accepted
            .iter()
            .any(|a| a.superseded_by.is_some() || a.form.fixed_changed)
    }
}

/// Matches returned forms (each file's name and what reading it gave) to
/// `file`'s offices and checks them against `rubric` (the assessment's):
/// the merge preview. Nothing changes until [`merge`].
pub fn collect(
    file: &AssessmentFile,
    rubric: &Rubric,
    forms: Vec<(String, Result<Table, crate::FormatError>)>,
) -> Collection {
    let id = file.form_id();
    let mut out = Collection::default();
    for (name, table) in forms {
        let form = match table
            .map_err(FormRefused::Unreadable)
            .and_then(|t| read_form(&t))
        {
            Ok(form) => form,
            Err(e) => {
                out.refused.push(e);
                continue;
            }
        };
        let h = &form.header;
        if h.assessment_id != id {
            out.refused.push(FormRefused::OtherAssessment {
                file: name,
                title: h.title.clone(),
                id: h.assessment_id.clone(),
            });
            continue;
        }
        if h.fingerprint != file.rubric.fingerprint {
            out.refused.push(FormRefused::OtherRubric {
                file: name,
                fingerprint: h.fingerprint.clone(),
            });
            continue;
        }
        let Some(office) = file.offices.iter().find(|o| o.name == h.office) else {
            out.refused.push(FormRefused::UnknownOffice {
                file: name,
                office: h.office.clone(),
            });
            continue;
        };
        let mut errors = Vec::new();
        let mut changes = Vec::new();
        for (input_id, text, row) in &form.values {
            let Some((ix, input)) = rubric.input(input_id) else {
                // An id the rubric lacks can only come from changed fixed
                // parts, which the digest flags.
                continue;
            };
            if text.is_empty() {
                continue;
            }
            if let Err(problem) = rubric.read_cell(ix, text) {
                errors.push(DataError {
                    source: name.clone(),
                    line: Some(*row),
                    column: Some(VALUE as u32 + 1),
                    office: Some(h.office.clone()),
                    input: Some(input.id.clone()),
                    input_label: Some(input.label.clone()),
                    row_index: None,
                    problem,
                });
                continue;
            }
            let old = office.cells.get(input_id).cloned().unwrap_or_default();
            if !same(input, &old, text) {
                changes.push(CellChange {
                    input: input_id.clone(),
                    old,
                    new: text.clone(),
                });
            }
        }
        if !errors.is_empty() {
            out.refused
                .push(FormRefused::BadValues { file: name, errors });
            continue;
        }
        // The later of two forms for one office wins; both are shown.
        for earlier in out.accepted.iter_mut() {
            if earlier.form.header.office == h.office && earlier.superseded_by.is_none() {
                earlier.superseded_by = Some(name.clone());
            }
        }
        out.accepted.push(Accepted {
            form: ReturnedForm { file: name, ..form },
            changes,
            superseded_by: None,
        });
    }
    out.missing = file
        .offices
        .iter()
        .filter(|o| !out.accepted.iter().any(|a| a.form.header.office == o.name))
        .map(|o| o.name.clone())
        .collect();
    out
}

/// Whether two texts of an input say the same (`1` and `是` for a flag,
/// `12` and `12.0`).
fn same(input: &scoring_core::Input, a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return true;
    }
    let flag = |s: &str| match s {
        "1" | "是" | "yes" | "Yes" | "YES" | "true" => Some(true),
        "0" | "否" | "no" | "No" | "NO" | "false" => Some(false),
        _ => None,
    };
    if input.kind == InputKind::Flag {
        return flag(a).is_some() && flag(a) == flag(b);
    }
    match (
        a.parse::<rust_decimal::Decimal>(),
        b.parse::<rust_decimal::Decimal>(),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Merges what `collection` accepted into `file` (the later form of an
/// office winning); returns how many cells changed. Evidence is read
/// ([`ReturnedForm::evidence`]) and shown, not kept: the assessment file
/// has no place for it yet.
pub fn merge(file: &mut AssessmentFile, collection: &Collection) -> usize {
    let mut changed = 0;
    for a in collection
        .accepted
        .iter()
        .filter(|a| a.superseded_by.is_none())
    {
        if let Some(office) = file
            .offices
            .iter_mut()
            .find(|o| o.name == a.form.header.office)
        {
            for c in &a.changes {
                office.cells.insert(c.input.clone(), c.new.clone());
                changed += 1;
            }
        }
    }
    changed
}
