//! Assessment files: one year's assessment as one file, to keep outside
//! the browser, move to another PC, or hand to an auditor, and to score
//! with the command line (`scoring score --assessment FILE`).
//!
//! The file is JSON (UTF-8), versioned, and holds everything needed to
//! score the assessment again anywhere: its title and year, the rubric's
//! YAML text and fingerprint, every office's cells as typed (a bad cell
//! stays as typed, to be corrected), the declared text columns (reasons,
//! evidence), the item log and the period end, and the calendar files
//! added for years not bundled. `docs/assessment-file.md` describes it
//! field by field.
//!
//! ```
//! use scoring_formats::assessment::AssessmentFile;
//! let yaml = scoring_core::bundled::SHANDONG_2017;
//! let table = scoring_formats::read_table("dept6.csv", include_bytes!("../../tests/fixtures/dept6.csv")).unwrap();
//! let file = AssessmentFile::from_table("shandong.yaml", yaml, &table, "2026年度考核", 2026, "2026-11-26T09:00:00Z").unwrap();
//! let bytes = file.to_json();
//! let back = AssessmentFile::from_json("a.scoring.json", &bytes).unwrap();
//! assert_eq!(back, file);
//! assert_eq!(back.offices.len(), 6);
//! ```

use std::collections::BTreeMap;

use scoring_core::{
    ColumnMap, DataErrors, Diagnostic, Lang, Rubric, RubricErrors, Table, TableRow,
};
use serde::{Deserialize, Serialize};

/// The value of the `format` field: what the file is.
pub const FORMAT: &str = "scoring-assessment";

/// The version this library writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// The usual file name ending: `2026年度考核.scoring.json`.
pub const EXTENSION: &str = ".scoring.json";

/// The choice of counts for `office` among `choices` (office name, `""`
/// for every office without one of its own): its own, or the one for
/// every office. The one reading of `counts_choice`, the file's and the
/// page's.
pub fn counts_choice_in(
    choices: &[(String, scoring_core::items::CountsChoice)],
    office: &str,
) -> Option<scoring_core::items::CountsChoice> {
    let find = |name: &str| choices.iter().find(|(o, _)| o == name).map(|(_, c)| *c);
    find(office.trim()).or_else(|| find(""))
}

/// One assessment, as a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// The file format's version ([`VERSION`]).
    pub version: u32,
    /// The assessment's id on its entry forms (`docs/forms.md`), fixed
    /// when the assessment is made or its forms are first sent, so that a
    /// renamed assessment still knows its forms; absent in files written
    /// before forms, which then use [`AssessmentFile::form_id`]'s derived
    /// id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The assessment's title (`2026年度政务公开考核`).
    pub title: String,
    /// The year assessed.
    pub year: i32,
    /// When it was last changed (ISO 8601), as the page or the command
    /// that wrote it saw the time.
    pub updated: String,
    /// The rubric it is scored by.
    pub rubric: RubricText,
    /// The offices, in order, with their cells as typed.
    pub offices: Vec<Office>,
    /// The last day of the assessment period (`2026-12-31`), as typed; ""
    /// when not set.
    #[serde(default)]
    pub period_end: String,
    /// The item log, if one is used.
    #[serde(default)]
    pub item_log: Option<ItemLog>,
    /// Calendar files for years not bundled (holiday-cn JSON).
    #[serde(default)]
    pub calendars: Vec<CalendarText>,
    /// The assessments its rubric draws on (its `sources`: the disclosure
    /// assessment inside an annual appraisal), each a whole assessment of
    /// its own; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<AssessmentFile>,
    /// Which counts stand where an office's typed counts disagree with
    /// the item log, as the assessor chose: office name (`""`: every
    /// office without a choice of its own) and `log` or `typed`; absent
    /// when none was needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts_choice: Vec<(String, scoring_core::items::CountsChoice)>,
    /// The approval (审定), while the assessment is approved: no edits
    /// until it is reopened with a reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// Every reopening of an approved assessment, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopened: Vec<Reopening>,
    /// Every change made to the cells, oldest first ([`TrailEntry`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trail: Vec<TrailEntry>,
}

/// One change in an assessment's trail: when, by whom or from which file,
/// which office's which cell, old → new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    /// When (ISO 8601).
    pub at: String,
    /// Where it came from: `""` typed by the assessor, otherwise what did
    /// it (`form:<file>`, `import:<file>`, `undo`, `redo`, `approve`,
    /// `reopen`, `example`).
    pub by: String,
    /// The office ("" for the assessment itself).
    pub office: String,
    /// The cell's key: an input id, or `submitted:`, `reason:`,
    /// `evidence:` and an input id (see `forms`); `office:name` for the
    /// office itself (added: old blank; removed: new blank; renamed),
    /// `office:position` for its place in the list (1-based); for the
    /// assessment itself (`office` blank) `assessment:title`,
    /// `assessment:year`, `assessment:rubric` (the rubric's file and short
    /// fingerprint), `assessment:period_end`, `assessment:forms` (forms
    /// sent: how many), `assessment:example` (the worked example loaded:
    /// how many offices), `assessment:item_log` (the item log's file and
    /// rows of items), and `assessment:counts` with an office (blank for
    /// every office) for which counts stand where the typed ones and the
    /// item log's disagree (`log`, `typed`, or blank: no choice). Input ids
    /// never hold `:`.
    pub cell: String,
    /// The text before ("" when blank).
    pub old: String,
    /// The text after.
    pub new: String,
}

/// A time as files keep it (ISO 8601 in UTC: `2026-11-27T01:50:49.958Z`)
/// as a person reads it, to the minute, `offset_minutes` from UTC (the
/// caller's time zone, say 480 in China; 0 for UTC): `2026-11-27 09:50`.
/// Text that is not such a time is given back as it is.
///
/// ```
/// use scoring_formats::assessment::{time_shown, zone_shown};
/// assert_eq!(time_shown("2026-12-31T20:05:00.000Z", 480), "2027-01-01 04:05");
/// assert_eq!(zone_shown(480), "UTC+8");
/// assert_eq!(time_shown("2026-01-01T02:00:00Z", -300), "2025-12-31 21:00");
/// assert_eq!(time_shown("yesterday", 480), "yesterday");
/// ```
pub fn time_shown(iso: &str, offset_minutes: i32) -> String {
    let local = || -> Option<(jiff::civil::Date, i32)> {
        let b = iso.as_bytes();
        let at = |i: usize, c: u8| b.get(i) == Some(&c);
        if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && iso.ends_with('Z')) {
            return None;
        }
        let n = |r: std::ops::Range<usize>| iso.get(r)?.parse::<i16>().ok();
        let (y, mo, d, h, mi) = (n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?);
        if h > 23 || mi > 59 || !(-1440..=1440).contains(&offset_minutes) {
            return None;
        }
        let mut date = jiff::civil::Date::new(y, mo as i8, d as i8).ok()?;
        // The day moves by one at most (an offset is under a day): the
        // calendar's own next and previous day, not span arithmetic (which
        // would bring a good part of jiff into the page).
        let minutes = i32::from(h) * 60 + i32::from(mi) + offset_minutes;
        match minutes.div_euclid(1440) {
            1 => date = date.tomorrow().ok()?,
            -1 => date = date.yesterday().ok()?,
            _ => {}
        }
        Some((date, minutes.rem_euclid(1440)))
    };
    match local() {
        Some((date, m)) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            date.year(),
            date.month(),
            date.day(),
            m / 60,
            m % 60
        ),
        None => iso.to_string(),
    }
}

/// The time zone [`time_shown`] shows times in: `UTC`, `UTC+8`,
/// `UTC+5:30`, `UTC-3`.
pub fn zone_shown(offset_minutes: i32) -> String {
    let (sign, m) = if offset_minutes < 0 {
        ('-', -i64::from(offset_minutes))
    } else {
        ('+', i64::from(offset_minutes))
    };
    match (m / 60, m % 60) {
        (0, 0) => "UTC".to_string(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, mm) => format!("UTC{sign}{h}:{mm:02}"),
    }
}

/// The trail as CSV for Excel (UTF-8 with BOM): when (in the caller's time
/// zone, `offset_minutes` from UTC: see [`time_shown`]), source, office,
/// the cell's label, what it is (reviewed value, submitted value, reason,
/// evidence), old, new.
pub fn trail_csv(
    rubric: &scoring_core::Rubric,
    trail: &[TrailEntry],
    lang: scoring_core::Lang,
    offset_minutes: i32,
) -> Vec<u8> {
    use scoring_core::Lang;
    let mut out = String::from("\u{feff}");
    let zone = zone_shown(offset_minutes);
    let head = match lang {
        Lang::Zh => format!("时间（{zone}）,来源,处室,填报项,类别,原值,新值\r\n"),
        Lang::En => format!("When ({zone}),Source,Office,Input,What,Old,New\r\n"),
    };
    out.push_str(&head);
    let field = |s: &str| -> String {
        let s = crate::neutralise(s);
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.into_owned()
        }
    };
    for e in trail {
        let (label, what) = trail_cell(rubric, &e.cell, lang);
        let by = match e.by.split_once(':') {
            _ if e.by.is_empty() => lang.pick("考核人录入", "typed by the assessor").to_string(),
            Some(("form", f)) => format!("{}{f}", lang.pick("填报表 ", "form ")),
            Some(("import", f)) => format!("{}{f}", lang.pick("导入 ", "import ")),
            _ => match e.by.as_str() {
                "undo" => lang.pick("撤销", "undo").to_string(),
                "redo" => lang.pick("重做", "redo").to_string(),
                "approve" => lang.pick("审定", "approved").to_string(),
                "reopen" => lang.pick("重新打开", "reopened").to_string(),
                "example" => lang.pick("示例", "example").to_string(),
                "forms" => lang.pick("下发填报表", "forms sent").to_string(),
                other => other.to_string(),
            },
        };
        let at = time_shown(&e.at, offset_minutes);
        let (old, new) = (
            trail_value(&e.cell, &e.old, lang),
            trail_value(&e.cell, &e.new, lang),
        );
        let row = [at.as_str(), &by, &e.office, &label, what, &old, &new];
        out.push_str(&row.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// What a trail entry's cell is, as a person reads it: its label (an
/// input's, in `lang`, or what part of the office or assessment) and what
/// kind of value (reviewed value, submitted value, reason, evidence; ""
/// for the office or assessment itself).
pub fn trail_cell(
    rubric: &scoring_core::Rubric,
    cell: &str,
    lang: scoring_core::Lang,
) -> (String, &'static str) {
    let label = |id: &str| rubric.column_label(id, lang).unwrap_or(id).to_string();
    let own = |zh: &str, en: &str| (lang.pick(zh, en).to_string(), "");
    match cell.split_once(':') {
        Some(("submitted", id)) => (label(id), lang.pick("自评", "submitted")),
        Some(("reason", id)) => (label(id), lang.pick("核定理由", "reason")),
        Some(("evidence", id)) => (label(id), lang.pick("佐证材料", "evidence")),
        Some(("office", "name")) => own("处室（名称）", "office (name)"),
        Some(("office", "position")) => own("处室顺序", "order of the office"),
        Some(("assessment", "title")) => own("考核名称", "title"),
        Some(("assessment", "year")) => own("年度", "year"),
        Some(("assessment", "rubric")) => own("评分细则", "rubric"),
        Some(("assessment", "period_end")) => own("考核期末", "period end"),
        Some(("assessment", "forms")) => own("下发填报表（份）", "entry forms sent"),
        Some(("assessment", "example")) => {
            own("载入示例（处室数）", "the example loaded (offices)")
        }
        Some(("assessment", "item_log")) => {
            own("事项登记（文件及事项条数）", "item log (file, items)")
        }
        Some(("assessment", "counts")) => own(
            "与事项登记不一致时取用",
            "counts used where they disagree with the log",
        ),
        Some((_, id)) => (id.to_string(), ""),
        None if cell.is_empty() => (String::new(), ""),

        None => (label(cell), lang.pick("核定值", "value")),
    }
}

/// A trail entry's old or new value as a person reads it: a choice of
/// counts in words (`log` is 事项登记的数, `typed` 填写的数, none 未选择);
/// any other value as it is.
///
/// ```
/// use scoring_core::Lang;
/// use scoring_formats::assessment::trail_value;
///
/// assert_eq!(trail_value("assessment:counts", "log", Lang::Zh), "事项登记的数");
/// assert_eq!(trail_value("assessment:counts", "", Lang::En), "(none chosen)");
/// assert_eq!(trail_value("site_items", "log", Lang::Zh), "log");
/// ```
pub fn trail_value(cell: &str, value: &str, lang: scoring_core::Lang) -> String {
    match (cell, value) {
        ("assessment:counts", "log") => lang.pick("事项登记的数", "the log's counts").into(),
        ("assessment:counts", "typed") => lang.pick("填写的数", "the typed counts").into(),
        ("assessment:counts", "") => lang.pick("（未选择）", "(none chosen)").into(),
        _ => value.to_string(),
    }
}

/// An assessment approved (审定): when, and the fingerprint of its data and
/// results then ([`AssessmentFile::approval_fingerprint`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// When (ISO 8601, the clock of the page or command that approved).
    pub at: String,
    /// The fingerprint of the data and results approved (64 hex digits).
    pub fingerprint: String,
    /// The fingerprint's parts, so that a file that no longer matches
    /// says where it changed ([`AssessmentFile::approval_parts`]): each
    /// office's cells, the rest of the assessment, the results. Empty in
    /// files approved before they were kept.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub parts: std::collections::BTreeMap<String, String>,
}

impl Approval {
    /// The approval of `file` now, at `at`, with its results CSV.
    pub fn of(file: &AssessmentFile, results_csv: &[u8], at: &str) -> Approval {
        Approval {
            at: at.to_string(),
            fingerprint: file.approval_fingerprint(results_csv),
            parts: file.approval_parts(results_csv),
        }
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`: an approval's part.
fn short_digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An office's cells as its approval part digests them.
fn office_cells(o: &Office) -> Vec<u8> {
    serde_json::to_vec(&o.cells).unwrap_or_default()
}

/// The approval part of the offices' names in order.
fn order_digest<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut joined = Vec::new();
    for name in names {
        joined.extend_from_slice(name.as_bytes());
        joined.push(0);
    }
    short_digest(&joined)
}

/// Where an approved file no longer matches its approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// An office's cells (values, submitted values, reasons, evidence).
    Office(String),
    /// An office approved that the file no longer has.
    OfficeGone(String),
    /// An office the approval did not have.
    OfficeAdded(String),
    /// An office renamed, its cells as approved.
    OfficeRenamed {
        /// Its name when approved.
        from: String,
        /// Its name now.
        to: String,
    },
    /// The order of the offices (none added or gone).
    Order,
    /// The rest of the assessment: its title, year, rubric, item log,
    /// calendars (and, in approvals made before 2026-11-28, its offices'
    /// names and order).
    Assessment,
    /// The results.
    Results,
}

/// An approved assessment reopened: when, why, and the approval it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopening {
    /// When.
    pub at: String,
    /// Why (required).
    pub reason: String,
    /// The fingerprint of the approval it ended.
    pub fingerprint: String,
}

/// A rubric as its file: name, YAML text and fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricText {
    /// The file name it was loaded from (`shandong-commerce-2017.yaml`).
    pub file_name: String,
    /// The YAML text.
    pub yaml: String,
    /// Its fingerprint (64 hexadecimal digits), checked when the file is
    /// read: a rubric edited inside the file is refused.
    pub fingerprint: String,
}

/// One office's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// The office's name.
    pub name: String,
    /// Cell text by input id or text-column id, as typed; a blank cell is
    /// left out.
    pub cells: BTreeMap<String, String>,
}

/// An item log, as the table it was read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemLog {
    /// The file it came from.
    pub file_name: String,
    /// Its rows: line number and cells.
    pub rows: Vec<(u32, Vec<String>)>,
}

/// A calendar file (holiday-cn JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarText {
    /// The file it came from.
    pub file_name: String,
    /// Its text.
    pub text: String,
}

/// Why an assessment file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AssessmentError {
    /// Not JSON, or not an assessment's shape.
    #[error("{}", self.message(Lang::En))]
    Syntax {
        /// The file name.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the JSON reader said.
        detail: String,
    },
    /// JSON, but not an assessment file.
    #[error("{}", self.message(Lang::En))]
    NotAnAssessment {
        /// The file name.
        file: String,
    },
    /// Written by a newer version than this one reads.
    #[error("{}", self.message(Lang::En))]
    Newer {
        /// The file name.
        file: String,
        /// Its version.
        version: u32,
    },
    /// The rubric inside does not validate.
    #[error("{}", self.message(Lang::En))]
    Rubric(RubricErrors),
    /// The rubric inside does not have the fingerprint written beside it:
    /// it was changed after the file was written.
    #[error("{}", self.message(Lang::En))]
    Fingerprint {
        /// The file name.
        file: String,
        /// The fingerprint written in the file.
        written: String,
        /// The fingerprint of the rubric text.
        actual: String,
    },
}

impl AssessmentError {
    /// A stable code for this kind of problem, listed in `docs/errors.md`
    /// (a rubric's own problems keep their codes: see
    /// [`AssessmentError::diagnostics`]).
    pub fn code(&self) -> &'static str {
        match self {
            AssessmentError::Syntax { .. } => "assessment.syntax",
            AssessmentError::NotAnAssessment { .. } => "assessment.not_an_assessment",
            AssessmentError::Newer { .. } => "assessment.newer",
            AssessmentError::Rubric(_) => "assessment.rubric",
            AssessmentError::Fingerprint { .. } => "assessment.fingerprint",
        }
    }

    /// Every problem as data: the rubric's own problems when the rubric
    /// inside does not validate, otherwise one.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        if let AssessmentError::Rubric(e) = self {
            return e.diagnostics();
        }
        let mut d = Diagnostic::new(self.code(), |lang| self.message(lang));
        match self {
            AssessmentError::Syntax {
                file, line, column, ..
            } => {
                d.file = Some(file.clone());
                d.line = u32::try_from(*line).ok();
                d.column = u32::try_from(*column).ok();
            }
            AssessmentError::NotAnAssessment { file }
            | AssessmentError::Newer { file, .. }
            | AssessmentError::Fingerprint { file, .. } => d.file = Some(file.clone()),
            AssessmentError::Rubric(_) => {}
        }
        vec![d]
    }

    /// The problem in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                AssessmentError::Syntax {
                    file,
                    line,
                    column,
                    detail,
                },
                Lang::Zh,
            ) => format!("{file} 第{line}行第{column}列：不是可读的考核文件（{detail}）"),
            (
                AssessmentError::Syntax {
                    file,
                    line,
                    column,
                    detail,
                },
                Lang::En,
            ) => format!("{file}:{line}:{column}: not a readable assessment file ({detail})"),
            (AssessmentError::NotAnAssessment { file }, Lang::Zh) => {
                format!("{file} 不是考核文件（缺少 \"format\": \"{FORMAT}\"）")
            }
            (AssessmentError::NotAnAssessment { file }, Lang::En) => {
                format!("{file} is not an assessment file (no \"format\": \"{FORMAT}\")")
            }
            (AssessmentError::Newer { file, version }, Lang::Zh) => format!(
                "{file} 由更新的版本写入（格式版本 {version}），本版本只能读取版本 {VERSION} 及以前的文件"
            ),
            (AssessmentError::Newer { file, version }, Lang::En) => format!(
                "{file} was written by a newer version (format {version}); this version reads format {VERSION} and earlier"
            ),
            (AssessmentError::Rubric(e), lang) => e.message(lang),
            (
                AssessmentError::Fingerprint {
                    file,
                    written,
                    actual,
                },
                Lang::Zh,
            ) => format!(
                "{file} 中的评分细则与其指纹不符（写明 {}，实为 {}）：细则在文件写成后被改动过",
                scoring_core::fingerprint::short(written),
                scoring_core::fingerprint::short(actual)
            ),
            (
                AssessmentError::Fingerprint {
                    file,
                    written,
                    actual,
                },
                Lang::En,
            ) => format!(
                "{file}: the rubric inside does not match its fingerprint (written {}, actual {}): it was changed after the file was written",
                scoring_core::fingerprint::short(written),
                scoring_core::fingerprint::short(actual)
            ),
        }
    }
}

/// Just enough to tell what a JSON file is before reading it whole.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u32>,
}

impl AssessmentFile {
    /// Reads an assessment file: checks what it is and its version, then
    /// its rubric (it must validate and match its fingerprint).
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<AssessmentFile, AssessmentError> {
        let syntax = |e: serde_json::Error| AssessmentError::Syntax {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        };
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let head: Head = serde_json::from_slice(bytes).map_err(syntax)?;
        if head.format.as_deref() != Some(FORMAT) {
            return Err(AssessmentError::NotAnAssessment {
                file: file.to_string(),
            });
        }
        match head.version {
            Some(v) if v > VERSION => {
                return Err(AssessmentError::Newer {
                    file: file.to_string(),
                    version: v,
                });
            }
            _ => {}
        }
        let read: AssessmentFile = serde_json::from_slice(bytes).map_err(syntax)?;
        read.check(file)?;
        Ok(read)
    }

    /// Checks its rubric and those of the assessments it draws on, which
    /// must not draw on it in turn (nesting is limited to a few levels).
    fn check(&self, file: &str) -> Result<(), AssessmentError> {
        fn walk(a: &AssessmentFile, file: &str, depth: usize) -> Result<(), AssessmentError> {
            a.rubric(file)?;
            if depth > 4 && !a.sources.is_empty() {
                return Err(AssessmentError::NotAnAssessment {
                    file: file.to_string(),
                });
            }
            for s in &a.sources {
                walk(s, file, depth + 1)?;
            }
            Ok(())
        }
        walk(self, file, 0)
    }

    /// The file's bytes: pretty-printed JSON, UTF-8, ending with a newline.
    pub fn to_json(&self) -> Vec<u8> {
        // Strings, numbers and maps of strings always serialise.
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The fingerprint of the data and the results an approval stands for:
    /// the SHA-256 of the file (without when it was last changed, its
    /// approval and reopenings) and of the results as
    /// [`crate::results_csv`] writes them in Chinese, 64 hex digits. The
    /// page computes it when it approves; `scoring verify` computes it
    /// again from the file.
    pub fn approval_fingerprint(&self, results_csv: &[u8]) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.approved_data().to_json());
        h.update([0]);
        h.update(results_csv);
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The parts of the approval fingerprint, each the first 16 hex
    /// digits of a SHA-256: `office:<name>` of each office's cells,
    /// `rest` of the rest of the file (as the fingerprint takes it, without
    /// its offices), `order` of the offices' names in order, `results` of
    /// the results CSV. An office renamed keeps its cells' part, so that
    /// [`AssessmentFile::changed_since_approval`] can say it was renamed.
    ///
    /// Approvals made before 2026-11-28 kept `assessment` instead of `rest`
    /// and `order` (the rest with the offices' names and order in it); they
    /// are still read.
    pub fn approval_parts(&self, results_csv: &[u8]) -> std::collections::BTreeMap<String, String> {
        let mut parts = std::collections::BTreeMap::new();
        for o in &self.offices {
            parts.insert(format!("office:{}", o.name), short_digest(&office_cells(o)));
        }
        let mut rest = self.approved_data();
        rest.offices.clear();
        parts.insert("rest".into(), short_digest(&rest.to_json()));
        parts.insert(
            "order".into(),
            order_digest(self.offices.iter().map(|o| o.name.as_str())),
        );
        parts.insert("results".into(), short_digest(results_csv));
        parts
    }

    /// What an approval's fingerprint covers: the file without when it
    /// was last changed, its approval, reopenings and trail.
    fn approved_data(&self) -> AssessmentFile {
        let mut data = self.clone();
        data.updated.clear();
        data.approval = None;
        data.reopened.clear();
        data.trail.clear();
        data
    }

    /// Where the file no longer matches its approval's parts (nothing when
    /// it is not approved, or was approved before parts were kept): the
    /// rest of the assessment, then offices in the file's order (changed,
    /// renamed, added), those gone, the order, the results.
    pub fn changed_since_approval(&self, results_csv: &[u8]) -> Vec<Changed> {
        let Some(approval) = &self.approval else {
            return Vec::new();
        };
        if approval.parts.is_empty() {
            return Vec::new();
        }
        let now = self.approval_parts(results_csv);
        let was = &approval.parts;
        let differs = |key: &str| now.get(key) != was.get(key);
        let mut out = Vec::new();
        let rest_changed = if was.contains_key("assessment") {
            // An approval from before `rest` and `order`.
            let mut legacy = self.approved_data();
            for o in &mut legacy.offices {
                o.cells.clear();
            }
            was.get("assessment") != Some(&short_digest(&legacy.to_json()))
        } else {
            differs("rest")
        };
        if rest_changed {
            out.push(Changed::Assessment);
        }
        // Offices gone, by name (the approval's parts are sorted so); an office added
        // whose cells are those of one gone was renamed.
        let mut gone: Vec<&str> = was
            .keys()
            .filter_map(|k| k.strip_prefix("office:"))
            .filter(|name| !now.contains_key(&format!("office:{name}")))
            .collect();
        let mut renamed = Vec::new();
        for o in &self.offices {
            let key = format!("office:{}", o.name);
            if was.contains_key(&key) {
                if differs(&key) {
                    out.push(Changed::Office(o.name.clone()));
                }
                continue;
            }
            let from = gone
                .iter()
                .position(|g| was.get(&format!("office:{g}")) == now.get(&key));
            match from {
                Some(i) => {
                    let from = gone.remove(i).to_string();
                    renamed.push((from.clone(), o.name.clone()));
                    out.push(Changed::OfficeRenamed {
                        from,
                        to: o.name.clone(),
                    });
                }
                None => out.push(Changed::OfficeAdded(o.name.clone())),
            }
        }
        let (added, removed) = (
            out.iter().any(|c| matches!(c, Changed::OfficeAdded(_))),
            !gone.is_empty(),
        );
        out.extend(gone.iter().map(|g| Changed::OfficeGone(g.to_string())));
        // The order, where it can be told apart from offices added or
        // gone: the offices' names now, the renamed ones by their old name.
        if was.contains_key("order") && !added && !removed {
            let names = self.offices.iter().map(|o| {
                renamed
                    .iter()
                    .find(|(_, to)| *to == o.name)
                    .map_or(o.name.as_str(), |(from, _)| from.as_str())
            });
            if was.get("order") != Some(&order_digest(names)) {
                out.push(Changed::Order);
            }
        }
        if differs("results") {
            out.push(Changed::Results);
        }
        out
    }

    /// The rubric inside, validated, its fingerprint checked. `file` names
    /// the assessment file in errors.
    pub fn rubric(&self, file: &str) -> Result<Rubric, AssessmentError> {
        let source = format!("{file}（{}）", self.rubric.file_name);
        let rubric =
            Rubric::from_yaml(&source, &self.rubric.yaml).map_err(AssessmentError::Rubric)?;
        let actual = rubric.fingerprint();
        if actual != self.rubric.fingerprint {
            return Err(AssessmentError::Fingerprint {
                file: file.to_string(),
                written: self.rubric.fingerprint.clone(),
                actual,
            });
        }
        Ok(rubric)
    }

    /// The offices' cells as a table for the core: a header of input and
    /// text-column ids, then one row per office, office `i` on line `i +
    /// 2`. `source` names it in errors.
    pub fn table(&self, rubric: &Rubric, source: &str) -> Table {
        let ids: Vec<&str> = rubric
            .inputs()
            .items()
            .map(|i| i.id.as_str())
            .chain(rubric.text_columns().items().map(|c| c.id.as_str()))
            .collect();
        let mut rows = Vec::with_capacity(self.offices.len() + 1);
        rows.push(TableRow::new(
            1,
            std::iter::once("office").chain(ids.iter().copied()),
        ));
        for (i, office) in self.offices.iter().enumerate() {
            let mut row = TableRow::new(i as u32 + 2, [office.name.as_str()]);
            for id in &ids {
                row.push(office.cells.get(*id).map(String::as_str).unwrap_or(""));
            }
            rows.push(row);
        }
        Table {
            source: source.to_string(),
            rows,
        }
    }

    /// The assessor's choice of counts for an office whose typed counts
    /// disagree with the item log (its own, or the one for every office).
    pub fn counts_choice_for(&self, office: &str) -> Option<scoring_core::items::CountsChoice> {
        counts_choice_in(&self.counts_choice, office)
    }

    /// The item log as a table, if there is one.
    pub fn item_table(&self) -> Option<Table> {
        self.item_log.as_ref().map(|log| Table {
            source: log.file_name.clone(),
            rows: log
                .rows
                .iter()
                .map(|(line, cells)| TableRow::new(*line, cells))
                .collect(),
        })
    }

    /// An assessment made from a data file: the rubric file's name and
    /// text, the data as a table (its header must fit the rubric; its cells
    /// are kept as written, blank ones left out), a title, a year and the
    /// time.
    pub fn from_table(
        rubric_file: &str,
        rubric_yaml: &str,
        table: &Table,
        title: &str,
        year: i32,
        now: &str,
    ) -> Result<AssessmentFile, FromTableError> {
        let rubric = Rubric::from_yaml(rubric_file, rubric_yaml).map_err(FromTableError::Rubric)?;
        // What another assessment fills in need not be in the data.
        let table = &scoring_core::compose::with_source_columns(&rubric, table);
        let map = ColumnMap::read(&rubric, table).map_err(FromTableError::Data)?;
        let columns: Vec<(&str, usize)> = rubric
            .inputs()
            .items()
            .zip(&map.input_column)
            .map(|(i, &c)| (i.id.as_str(), c))
            .chain(
                rubric
                    .text_columns()
                    .items()
                    .zip(&map.text_column)
                    .filter_map(|(t, c)| c.map(|c| (t.id.as_str(), c))),
            )
            .collect();
        let offices = table
            .rows
            .iter()
            .skip(map.header_row + 1)
            .filter(|row| row.cells().any(|c| !c.trim().is_empty()))
            .map(|row| Office {
                name: row.cell(0).unwrap_or("").trim().to_string(),
                cells: columns
                    .iter()
                    .map(|&(id, c)| (id.to_string(), row.cell(c).unwrap_or("").trim().to_string()))
                    .filter(|(_, text)| !text.is_empty())
                    .collect(),
            })
            .collect();
        let mut file = AssessmentFile {
            approval: None,
            reopened: Vec::new(),
            trail: Vec::new(),
            format: FORMAT.to_string(),
            version: VERSION,
            id: String::new(),
            title: title.to_string(),
            year,
            updated: now.to_string(),
            rubric: RubricText {
                file_name: rubric_file.to_string(),
                yaml: rubric_yaml.to_string(),
                fingerprint: rubric.fingerprint(),
            },
            offices,
            period_end: String::new(),
            item_log: None,
            calendars: Vec::new(),
            sources: Vec::new(),
            counts_choice: Vec::new(),
        };
        // Made now: its id is fixed, whatever the title becomes.
        file.id = crate::forms::new_id(&[title, &year.to_string(), &file.rubric.fingerprint, now]);
        Ok(file)
    }

    /// A file name for the assessment: its title, with characters that
    /// file systems refuse replaced, and [`EXTENSION`].
    pub fn file_name(&self) -> String {
        let name: String = self
            .title
            .trim()
            .chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect();
        let name = if name.is_empty() {
            format!("{}", self.year)
        } else {
            name
        };
        format!("{name}{EXTENSION}")
    }
}

/// Why an assessment could not be made from a data file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FromTableError {
    /// The rubric does not validate.
    #[error("{}", self.message(Lang::En))]
    Rubric(RubricErrors),
    /// The data's header does not fit the rubric, or it has no rows.
    #[error("{}", self.message(Lang::En))]
    Data(DataErrors),
}

impl FromTableError {
    /// Every problem as data (the rubric's or the data's).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            FromTableError::Rubric(e) => e.diagnostics(),
            FromTableError::Data(e) => e.diagnostics(),
        }
    }

    /// The problems in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FromTableError::Rubric(e) => e.message(lang),
            FromTableError::Data(e) => e.message(lang),
        }
    }
}

crate::serialize_as_diagnostics!(many: AssessmentError, FromTableError);

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> AssessmentFile {
        let table = crate::read_table(
            "dept6.csv",
            include_bytes!("../../tests/fixtures/dept6.csv"),
        )
        .unwrap();
        AssessmentFile::from_table(
            scoring_core::bundled::SHANDONG_2017_FILE,
            scoring_core::bundled::SHANDONG_2017,
            &table,
            "示例",
            2026,
            "2026-11-26T09:00:00Z",
        )
        .unwrap()
    }

    #[test]
    fn written_then_read_is_the_same() {
        let file = example();
        let bytes = file.to_json();
        assert!(bytes.ends_with(b"}\n"));
        assert_eq!(AssessmentFile::from_json("a.json", &bytes).unwrap(), file);
        // With a byte-order mark, as Windows editors save.
        let mut bom = "\u{feff}".as_bytes().to_vec();
        bom.extend_from_slice(&bytes);
        assert_eq!(AssessmentFile::from_json("a.json", &bom).unwrap(), file);
    }

    #[test]
    fn the_table_scores_like_the_data_file() {
        let file = example();
        let rubric = file.rubric("a.json").unwrap();
        let data = scoring_core::Dataset::from_table(&rubric, &file.table(&rubric, "a")).unwrap();
        let card = scoring_core::score(&rubric, &data).unwrap();
        assert_eq!(card.ranking()[0].name(), "办公室");
        assert_eq!(rubric.publish(card.ranking()[0].total()), "96.85");
    }

    #[test]
    fn what_is_not_an_assessment_says_so() {
        let err = |bytes: &[u8]| {
            AssessmentFile::from_json("x.json", bytes)
                .unwrap_err()
                .message(Lang::En)
        };
        assert_eq!(
            err(b"{\"a\": 1}"),
            "x.json is not an assessment file (no \"format\": \"scoring-assessment\")"
        );
        assert!(
            err(b"{\"format\": \"scoring-assessment\",\n  \"version\": 1,")
                .starts_with("x.json:2:")
        );
        assert_eq!(
            err(b"{\"format\": \"scoring-assessment\", \"version\": 7}"),
            "x.json was written by a newer version (format 7); this version reads format 1 and earlier"
        );
        assert!(err(b"").starts_with("x.json:1:"), "{}", err(b""));
    }

    #[test]
    fn a_rubric_changed_inside_the_file_is_refused() {
        let mut file = example();
        file.rubric.yaml = file
            .rubric
            .yaml
            .replace("version: \"2017-10-20\"", "version: \"2017-10-21\"");
        let bytes = file.to_json();
        let e = AssessmentFile::from_json("a.json", &bytes).unwrap_err();
        assert!(matches!(e, AssessmentError::Fingerprint { .. }), "{e}");
        assert!(
            e.message(Lang::En)
                .contains("changed after the file was written")
        );
    }

    #[test]
    fn file_names_are_safe() {
        let mut file = example();
        file.title = "2026/年度:考核?".into();
        assert_eq!(file.file_name(), "2026_年度_考核_.scoring.json");
        file.title = "  ".into();
        assert_eq!(file.file_name(), "2026.scoring.json");
    }
}
