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

mod own;

pub use own::{OwnLeaf, OwnOutcome, OwnResult, own_result};

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

/// What the office is asked to do, under the title (a line a row, each
/// within the form's width).
const INSTRUCTIONS: [&str; 3] = [
    "请只在黄色单元格中填写“填报值”，必要时附“佐证材料”（说明或链接）；不要改动其他内容、不要增删行、不要改文件名。填好后保存，交回考核人。",
    "Fill in the yellow cells only: a value, and evidence where needed (a note or a link).",
    "Change nothing else, add or remove no rows, keep the file name; save it and return it to the assessor.",
];

/// The header of the input rows (the row after the form's header).
const COLUMNS: [&str; 7] = [
    "填报项 Item",
    "填写说明 Help",
    "填写要求 Kind",
    "填报值 Value",
    "佐证材料（说明或链接） Evidence (a note or a link)",
    "编号 Id",
    "下发时的值 Value when sent",
];
const VALUE: usize = 3;
const EVIDENCE: usize = 4;
/// The input's id (hidden, fixed): how a row is matched to its input.
const ID: usize = 5;
/// The value as the form was sent (hidden, fixed): what the office did
/// not change is told from what it did.
const SENT: usize = 6;
/// Column widths in characters: the value and evidence cells within
/// reach of a laptop's screen.
const WIDTHS: [u16; 5] = [30, 46, 16, 12, 36];
/// The first header row (0-based): after the title and the instructions.
const FIRST_KEY: usize = 1 + INSTRUCTIONS.len();
/// The digest's row (0-based): the last header row.
const DIGEST_ROW: usize = FIRST_KEY + KEYS.len() - 1;
/// The first input row (0-based): the header rows, a blank row, the
/// column header.
const FIRST_INPUT: usize = FIRST_KEY + KEYS.len() + 2;

/// The key under which an office's evidence for an input is kept among
/// its cells (input ids never hold `:`).
pub fn evidence_key(input: &str) -> String {
    format!("evidence:{input}")
}

/// The key under which an office's submitted value (自评) for an input is
/// kept among its cells, beside the reviewed value (核定) the input's own
/// key holds.
pub fn submitted_key(input: &str) -> String {
    format!("submitted:{input}")
}

/// The key under which the assessor's reason is kept where the reviewed
/// value differs from the submitted one.
pub fn reason_key(input: &str) -> String {
    format!("reason:{input}")
}

/// Where an office's reviewed value (核定) differs from what it submitted
/// (自评): the input's id, the submitted and reviewed values, and the
/// reason given ("" when none yet), in the rubric's order.
///
/// The reviewed value is the one the office was scored on: `scored`, when
/// given, are its values as scored ([`scored_cells`]), where the item
/// log's counts chosen by the assessor (or filling a blank) replace the
/// typed ones; otherwise its typed cells.
pub fn reviewed_differences(
    rubric: &Rubric,
    cells: &BTreeMap<String, String>,
    scored: Option<&BTreeMap<String, String>>,
) -> Vec<(String, String, String, String)> {
    rubric
        .inputs()
        .filter_map(|(ix, input)| {
            let submitted = cells.get(&submitted_key(&input.id))?;
            let reviewed = scored
                .and_then(|s| s.get(&input.id))
                .or_else(|| cells.get(&input.id))
                .map(String::as_str)
                .unwrap_or("");
            (!same_value(rubric, ix, submitted, reviewed)).then(|| {
                (
                    input.id.clone(),
                    submitted.clone(),
                    reviewed.to_string(),
                    cells
                        .get(&reason_key(&input.id))
                        .cloned()
                        .unwrap_or_default(),
                )
            })
        })
        .collect()
}

/// An office's values as scored, by input id: its row (by name) of
/// `scored`, the table scored with its header of input ids, as
/// [`AssessmentFile::table`] makes it and the item log
/// (`Judgement::fill_table_choosing`) or an assessment drawn on fill it.
/// `None` when the office is not in it (left out).
pub fn scored_cells(scored: &Table, office: &str) -> Option<BTreeMap<String, String>> {
    let header = scored.rows.first()?;
    let row = scored
        .rows
        .iter()
        .skip(1)
        .find(|r| r.cell(0).is_some_and(|n| n.trim() == office.trim()))?;
    Some(
        header
            .cells()
            .zip(row.cells())
            .skip(1)
            .map(|(id, v)| (id.to_string(), v.to_string()))
            .collect(),
    )
}

/// An office's cells with its submitted values (自评) in place of the
/// reviewed ones: scored with everyone else's reviewed values, its
/// self-assessed total.
pub fn as_submitted(cells: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut out = cells.clone();
    for (k, v) in cells {
        if let Some(input) = k.strip_prefix("submitted:") {
            out.insert(input.to_string(), v.clone());
        }
    }
    out
}

/// An office's evidence, by input id, from its cells.
pub fn evidence_of(cells: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    cells
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("evidence:")?.to_string(), v.clone())))
        .collect()
}

/// The key under which the returned form last merged for an office is
/// kept among its cells: its file name, and when it was last modified.
pub const RETURNED_KEY: &str = "form:returned";

impl AssessmentFile {
    /// The id forms carry: the file's `id`, or for a file without one, the
    /// first 16 hex digits of the SHA-256 of its title, year and rubric
    /// fingerprint (stable while those stay the same).
    pub fn form_id(&self) -> String {
        if self.id.is_empty() {
            new_id(&[
                &self.title,
                &self.year.to_string(),
                &self.rubric.fingerprint,
            ])
        } else {
            self.id.clone()
        }
    }

    /// Where reviewed values differ from what the offices submitted, with
    /// the reasons, office by office in the file's order. `scored` gives
    /// an office's values as scored (by its name) where the item log or an
    /// assessment drawn on put values in place of the typed ones (see
    /// [`reviewed_differences`]; from the table scored: [`scored_cells`]),
    /// or `None` for its typed cells.
    pub fn reviewed(
        &self,
        rubric: &Rubric,
        scored: &dyn Fn(&str) -> Option<BTreeMap<String, String>>,
    ) -> Vec<crate::book::Reviewed> {
        self.offices
            .iter()
            .flat_map(|o| {
                let values = scored(&o.name);
                reviewed_differences(rubric, &o.cells, values.as_ref())
                    .into_iter()
                    .map(
                        |(input, submitted, reviewed, reason)| crate::book::Reviewed {
                            office: o.name.clone(),
                            input,
                            submitted,
                            reviewed,
                            reason,
                        },
                    )
            })
            .collect()
    }

    /// What its exports say about themselves: its title, the date given,
    /// its approval and the reviewed values, against the values `scored`
    /// (see [`AssessmentFile::reviewed`]); times in UTC: a caller that
    /// knows its time zone sets [`ExportInfo::utc_offset_minutes`].
    ///
    /// [`ExportInfo::utc_offset_minutes`]: crate::book::ExportInfo::utc_offset_minutes
    pub fn export_info(
        &self,
        rubric: &Rubric,
        date: &str,
        scored: &dyn Fn(&str) -> Option<BTreeMap<String, String>>,
    ) -> crate::book::ExportInfo {
        crate::book::ExportInfo {
            title: self.title.clone(),
            date: date.to_string(),
            approval: self.approval.clone(),
            reviewed: self.reviewed(rubric, scored),
            utc_offset_minutes: 0,
            // In the caller's words (the page says them as its detail does).
            sources: Vec::new(),
            cell_notes: Vec::new(),
        }
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

/// An id for an assessment: the first 16 hex digits of the SHA-256 of
/// `parts` (its title, year, rubric fingerprint, and the time it was made
/// where known).
pub fn new_id(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0]);
        }
        h.update(part.as_bytes());
    }
    hex(&h.finalize())[..16].to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A cell's text as a form shows it: a flag as 是/否.
pub fn shown(input: &scoring_core::Input, text: &str) -> String {
    match (input.kind, text.trim()) {
        (InputKind::Flag, "1") => "是".to_string(),
        (InputKind::Flag, "0") => "否".to_string(),
        (_, t) => t.to_string(),
    }
}

/// The check a value cell carries for an input.
fn check_of(input: &scoring_core::Input) -> Check {
    match input.kind {
        InputKind::Count => Check::WholeNumber,
        InputKind::Amount => Check::Number,
        // As the help of such inputs says: 是/否, or 1/0.
        InputKind::Flag => Check::OneOf(vec!["是".into(), "否".into(), "1".into(), "0".into()]),
        InputKind::Choice => Check::OneOf(
            input
                .choices
                .iter()
                .map(|c| c.get(Lang::Zh).to_string())
                .collect(),
        ),
    }
}

/// How many lines `text` takes in a column `width` characters wide (a
/// CJK character counting two).
fn wrapped_lines(text: &str, width: u16) -> usize {
    let width = usize::from(width.max(4)) - 2;
    text.split('\n')
        .map(|line| {
            let w: usize = line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            w.div_ceil(width).max(1)
        })
        .sum()
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
    (r >= FIRST_INPUT && (c == VALUE || c == EVIDENCE)) || (r == DIGEST_ROW && c == 1)
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
    build(rubric, header, values, None, evidence)
}

/// A form the office filled in (in the page) as it saves it to send back:
/// `form` as it was opened, with `values` and `evidence` (by input id) in
/// its entry cells. Its header and the values as sent are kept as they
/// came, so that the assessor's [`collect`] tells what the office changed
/// and finds the fixed parts as sent.
pub fn refilled_book(
    rubric: &Rubric,
    form: &ReturnedForm,
    values: &BTreeMap<String, String>,
    evidence: &BTreeMap<String, String>,
) -> Book {
    let sent: BTreeMap<String, String> = form
        .values
        .iter()
        .map(|v| (v.input.clone(), v.sent.clone()))
        .collect();
    build(rubric, &form.header, values, Some(&sent), evidence)
}

/// A form's workbook: `sent`, when given, is the hidden copy of the
/// values as first sent (by input id); otherwise the values are.
fn build(
    rubric: &Rubric,
    header: &FormHeader,
    values: &BTreeMap<String, String>,
    sent: Option<&BTreeMap<String, String>>,
    evidence: &BTreeMap<String, String>,
) -> Book {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut heights: Vec<(u32, u16)> = Vec::new();
    rows.push(vec![Cell::header(format!(
        "{} — {} 填报表 / Entry form",
        header.title, header.office
    ))]);
    for line in INSTRUCTIONS {
        rows.push(vec![Cell::text(line)]);
    }
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
        let value = shown(
            input,
            values.get(&input.id).map(String::as_str).unwrap_or(""),
        );
        // Chinese, with the English beside it (below, in the same cell).
        let both = |zh: &str, en: &str| match (zh.is_empty(), en.is_empty() || en == zh) {
            (_, true) => zh.to_string(),
            (true, false) => en.to_string(),
            (false, false) => format!("{zh}\n{en}"),
        };
        let item = both(input.label.get(Lang::Zh), input.label.get(Lang::En));
        let help = both(help(Lang::Zh), help(Lang::En));
        let kind = both(&kind_text(input, Lang::Zh), &kind_text(input, Lang::En));
        // Tall enough for the wrapped texts (Excel does not fit rows to
        // wrapped text when it opens a file).
        let lines = [(&item, WIDTHS[0]), (&help, WIDTHS[1]), (&kind, WIDTHS[2])]
            .iter()
            .map(|(text, width)| wrapped_lines(text, *width))
            .max()
            .unwrap_or(1);
        heights.push((rows.len() as u32, 15 * lines.max(1) as u16));
        rows.push(vec![
            Cell::text(item),
            Cell::text(help),
            Cell::text(kind),
            Cell::Input {
                value: value.clone(),
                check: check_of(input),
            },
            Cell::Input {
                value: evidence.get(&input.id).cloned().unwrap_or_default(),
                check: Check::Text,
            },
            Cell::text(&input.id),
            Cell::text(match sent {
                Some(sent) => sent.get(&input.id).cloned().unwrap_or_default(),
                None => value,
            }),
        ]);
    }
    let sum = digest(rows.iter().enumerate().flat_map(|(r, row)| {
        row.iter()
            .enumerate()
            .filter(move |(c, _)| !is_open(r, *c))
            .filter_map(move |(c, cell)| fixed_text(cell).map(|t| (r, c, t)))
    }));
    rows[DIGEST_ROW][1] = Cell::text(sum);
    let sheet = Sheet {
        name: "填报表 Form".into(),
        rows,
        widths: WIDTHS
            .iter()
            .enumerate()
            .map(|(c, &w)| (c as u16, w))
            .collect(),
        heights,
        wrap: vec![0, 1, 2, 4],
        // No frozen rows: the header block would fill a small screen.
        freeze: None,
        protect: true,
        // The ids (for matching) and the values as sent (for telling what
        // the office changed) are kept, not shown.
        hidden: vec![ID as u16, SENT as u16],
        // On A4, every column within the page's width.
        print: Some(crate::book::Print {
            landscape: false,
            fit_width: true,
            repeat_rows: None,
        }),
        notes: Vec::new(),
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
    /// Each input's value as filled in.
    pub values: Vec<ReturnedValue>,
    /// When the file was last modified (ISO 8601, as the caller knows it):
    /// of two forms for one office, the later one is used.
    pub modified: Option<String>,
    /// Each input's evidence, where given: input id, text.
    pub evidence: Vec<(String, String)>,
}

/// One input's value on a returned form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedValue {
    /// The input's id.
    pub input: String,
    /// The value as returned.
    pub text: String,
    /// The value as the form was sent.
    pub sent: String,
    /// Its sheet row (1-based).
    pub row: u32,
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
                format!("{file}：不是填报表（没有“考核编号”等表头）；普通的数据表请用“导入”")
            }
            (FormRefused::NotAForm { file }, Lang::En) => {
                format!(
                    "{file}: not an entry form (no assessment id and the rest above the items); import an ordinary data file instead"
                )
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
        if cell(FIRST_KEY + i, 0) != *key {
            return Err(not_a_form());
        }
    }
    if cell(FIRST_INPUT - 1, 0) != COLUMNS[0] || cell(FIRST_INPUT - 1, ID) != COLUMNS[ID] {
        return Err(not_a_form());
    }
    let field = |i: usize| cell(FIRST_KEY + i, 1).to_string();
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
        let id = row.get(ID).map(|s| s.trim()).unwrap_or("");
        if id.is_empty() {
            continue;
        }
        let get = |c: usize| row.get(c).map(|s| s.trim().to_string()).unwrap_or_default();
        values.push(ReturnedValue {
            input: id.to_string(),
            text: get(VALUE),
            sent: get(SENT),
            row: r as u32 + 1,
        });
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
        modified: None,
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
    /// Whether the assessor keeps the value now as the reviewed one (核定):
    /// the office's is still recorded as submitted (自评), and the two then
    /// differ and want a reason. No by default.
    pub keep: bool,
}

/// A cell the office left as it was sent, which the assessor has changed
/// since: the assessor's value is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptCell {
    /// The input's id.
    pub input: String,
    /// The value on the form (as sent).
    pub sent: String,
    /// The value now, kept.
    pub now: String,
}

/// A cell both the office and the assessor changed since the form was
/// sent: merging it (on confirmation) takes the office's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The input's id.
    pub input: String,
    /// The value as the form was sent.
    pub sent: String,
    /// The assessor's value now.
    pub now: String,
    /// The office's value.
    pub new: String,
    /// Whether the assessor keeps their value as the reviewed one (as in
    /// [`CellChange::keep`]). No by default: the office's value is merged.
    pub keep: bool,
}

/// A form that can be merged, with what it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The form, read.
    pub form: ReturnedForm,
    /// The cells it changes: values the office changed (blank values,
    /// and values the office left as sent, change nothing).
    pub changes: Vec<CellChange>,
    /// Values the office left as sent that the assessor has changed since
    /// (the assessor's are kept).
    pub kept: Vec<KeptCell>,
    /// Values both changed since the form was sent (merged on
    /// confirmation: the office's value).
    pub conflicts: Vec<Conflict>,
    /// The evidence it gives that differs from what is kept: input id and
    /// note.
    pub evidence: Vec<(String, String)>,
    /// A later form for the same office (later modified, or given later
    /// when the times are not known) replaces this one: its file.
    pub superseded_by: Option<String>,
}

impl Accepted {
    /// Whether merging it changes anything (a value kept still records
    /// what the office submitted).
    pub fn changes_anything(&self) -> bool {
        !self.changes.is_empty() || !self.conflicts.is_empty() || !self.evidence.is_empty()
    }

    /// Keeps the assessor's value of `input` as the reviewed one, or takes
    /// the office's: whether the form changes that input at all.
    pub fn set_keep(&mut self, input: &str, keep: bool) -> bool {
        let change = self.changes.iter_mut().find(|c| c.input == input);
        if let Some(c) = change {
            c.keep = keep;
            return true;
        }
        match self.conflicts.iter_mut().find(|c| c.input == input) {
            Some(c) => {
                c.keep = keep;
                true
            }
            None => false,
        }
    }
}

/// What merging a set of returned forms would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Collection {
    /// Forms that can be merged, oldest first.
    pub accepted: Vec<Accepted>,
    /// Files refused, with the reason: nothing from them is merged.
    pub refused: Vec<FormRefused>,
    /// Offices of the assessment with no accepted form, in this set or
    /// merged before.
    pub missing: Vec<String>,
}

impl Collection {
    /// Whether anything needs confirming: two forms for one office, a
    /// form whose fixed parts were changed, a value both the office and
    /// the assessor changed.
    pub fn flagged(&self) -> bool {
        self.accepted
            .iter()
            .any(|a| a.superseded_by.is_some() || a.form.fixed_changed || !a.conflicts.is_empty())
    }

    /// Whether any form can be merged.
    pub fn mergeable(&self) -> bool {
        self.accepted.iter().any(|a| a.superseded_by.is_none())
    }
}

/// A returned file as the caller read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnedFile {
    /// Its name.
    pub name: String,
    /// When it was last modified (ISO 8601), where known.
    pub modified: Option<String>,
    /// What reading it gave.
    pub table: Result<Table, crate::FormatError>,
}

/// Matches returned forms to `file`'s offices and checks them against
/// `rubric` (the assessment's): the merge preview. Nothing changes until
/// [`merge`].
pub fn collect(file: &AssessmentFile, rubric: &Rubric, mut forms: Vec<ReturnedFile>) -> Collection {
    let id = file.form_id();
    let mut out = Collection::default();
    // Oldest first, so that the later of two forms for an office wins
    // (the order given where times are not known).
    forms.sort_by(|a, b| a.modified.cmp(&b.modified));
    for ReturnedFile {
        name,
        modified,
        table,
    } in forms
    {
        let form = match table
            .map_err(FormRefused::Unreadable)
            .and_then(|t| read_form(&t))
        {
            Ok(form) => ReturnedForm {
                file: name.clone(),
                modified,
                ..form
            },
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
        let mut accepted = Accepted {
            form: form.clone(),
            changes: Vec::new(),
            kept: Vec::new(),
            conflicts: Vec::new(),
            evidence: Vec::new(),
            superseded_by: None,
        };
        for v in &form.values {
            let Some((ix, input)) = rubric.input(&v.input) else {
                // An id the rubric lacks can only come from changed fixed
                // parts, which the digest flags.
                continue;
            };
            if v.text.is_empty() {
                continue;
            }
            if let Err(problem) = rubric.read_cell(ix, &v.text) {
                errors.push(DataError {
                    source: name.clone(),
                    line: Some(v.row),
                    column: Some(VALUE as u32 + 1),
                    office: Some(h.office.clone()),
                    input: Some(input.id.clone()),
                    input_label: Some(input.label.clone()),
                    row_index: None,
                    problem,
                });
                continue;
            }
            let now = office.cells.get(&v.input).cloned().unwrap_or_default();
            let office_changed = !same_value(rubric, ix, &v.sent, &v.text);
            let assessor_changed = !same_value(rubric, ix, &v.sent, &now);
            match (office_changed, assessor_changed) {
                (false, false) => {}
                (false, true) => accepted.kept.push(KeptCell {
                    input: v.input.clone(),
                    sent: v.sent.clone(),
                    now,
                }),
                (true, _) if same_value(rubric, ix, &now, &v.text) => {}
                (true, false) => accepted.changes.push(CellChange {
                    input: v.input.clone(),
                    old: now,
                    new: v.text.clone(),
                    keep: false,
                }),
                (true, true) => accepted.conflicts.push(Conflict {
                    input: v.input.clone(),
                    sent: v.sent.clone(),
                    now,
                    new: v.text.clone(),
                    keep: false,
                }),
            }
        }
        if !errors.is_empty() {
            out.refused
                .push(FormRefused::BadValues { file: name, errors });
            continue;
        }
        for (input, note) in &form.evidence {
            if office.cells.get(&evidence_key(input)) != Some(note) {
                accepted.evidence.push((input.clone(), note.clone()));
            }
        }
        for earlier in out.accepted.iter_mut() {
            if earlier.form.header.office == h.office && earlier.superseded_by.is_none() {
                earlier.superseded_by = Some(name.clone());
            }
        }
        out.accepted.push(accepted);
    }
    out.missing = file
        .offices
        .iter()
        .filter(|o| {
            !o.cells.contains_key(RETURNED_KEY)
                && !out.accepted.iter().any(|a| a.form.header.office == o.name)
        })
        .map(|o| o.name.clone())
        .collect();
    out
}

/// Whether two texts are the same value of the rubric's input `input`, as
/// the rubric reads a cell (`1` and `是` for a yes/no input; `12`, `12.0`,
/// `１２` and `1,2` for a number… as a data file's cell is read); two
/// texts that are not values are the same when they are the same text.
pub fn same_value(rubric: &Rubric, input: scoring_core::InputIx, a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b
        || matches!(
            (rubric.read_cell(input, a), rubric.read_cell(input, b)),
            (Ok(x), Ok(y)) if x == y
        )
}

/// The cells merging `a` sets on its office: values (the office's, where
/// both changed, but those the assessor keeps), what it submitted
/// (`submitted:<input>`), evidence (`evidence:<input>`) and the form it
/// came from ([`RETURNED_KEY`]). A value the office left as sent, which
/// the assessor has changed since, stays the assessor's, as does one the
/// assessor keeps ([`CellChange::keep`]): it then differs from what was
/// submitted, and wants a reason.
pub fn merged_cells(a: &Accepted) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = a
        .changes
        .iter()
        .filter(|c| !c.keep)
        .map(|c| (c.input.clone(), c.new.clone()))
        .chain(
            a.conflicts
                .iter()
                .filter(|c| !c.keep)
                .map(|c| (c.input.clone(), c.new.clone())),
        )
        .chain(a.evidence.iter().map(|(i, n)| (evidence_key(i), n.clone())))
        .collect();
    // What the office submitted (自评), every value it gave: the reviewed
    // value (核定) starts equal to it.
    for v in a.form.values.iter().filter(|v| !v.text.is_empty()) {
        out.push((submitted_key(&v.input), v.text.clone()));
    }
    let when = a.form.modified.as_deref().unwrap_or("");
    out.push((
        RETURNED_KEY.to_string(),
        format!("{} {when}", a.form.file).trim().to_string(),
    ));
    out
}

/// Merges what `collection` accepted into `file` (the later form of an
/// office winning, conflicts taking the office's value), each cell it
/// changes added to the file's trail at `now`; returns how many values
/// changed.
pub fn merge(file: &mut AssessmentFile, collection: &Collection, now: &str) -> usize {
    let mut changed = 0;
    let mut trail = Vec::new();
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
            changed += a.changes.iter().filter(|c| !c.keep).count()
                + a.conflicts.iter().filter(|c| !c.keep).count();
            for (key, value) in merged_cells(a) {
                let old = office.cells.insert(key.clone(), value.clone());
                if old.as_ref() != Some(&value) {
                    trail.push(crate::assessment::TrailEntry {
                        at: now.to_string(),
                        by: format!("form:{}", a.form.file),
                        office: office.name.clone(),
                        cell: key,
                        old: old.unwrap_or_default(),
                        new: value,
                    });
                }
            }
        }
    }
    file.trail.extend(trail);
    changed
}
