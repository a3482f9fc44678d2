//! Item logs: the register of every consultation and request, with the
//! dates received and answered, from which the answer-rate counts (asked,
//! answered, late) are computed with the working-day calendar instead of by
//! hand.
//!
//! A log is a table with the columns `office` (处室), `kind` (类别: the
//! answer-rate indicator's id or one of its `item_kinds`, such as
//! `consultation` / 咨询), `item` (编号), `received` (收到日期), `answered`
//! (答复日期, blank when not answered) and optionally `extended_to`
//! (延期至: a granted extension's new due date).
//!
//! Rules, written down:
//!
//! - The due date is the rubric's deadline in working days after receipt
//!   ([`Calendar::due_date`]); an extension replaces it, and may add at most
//!   the rubric's `max_extension_working_days`.
//! - An item answered on or before its due date is on time; after it, late.
//!   An item not answered by the end of the assessment period is late if
//!   its due date has passed by then, and open (neither) otherwise. An
//!   answer dated after the period's end does not count for this period.
//! - Counts: asked = items whose outcome is known at the period's end (on
//!   time or late); answered = those answered within the period; late =
//!   those late. Open items (not answered, not yet due) are counted in no
//!   period-end figure: they belong to the next period, and counting them as
//!   asked would lower the rate of an office for items it still had time to
//!   answer.
//! - When a log has items of an indicator, it is the source of that
//!   indicator's counts for every office in the data: blank counts are
//!   filled from it (0 for an office with no items), typed counts must agree
//!   with it — never both silently.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use jiff::civil::Date;

use crate::calendar::{Calendar, CalendarError, DueDate, describe_days, parse_date};
use crate::dataset::{ColumnMap, DataProblem, Table, TableRow, parse_cell};
use crate::diagnostic::{Diagnostic, serialize_as_diagnostics};
use crate::ix::LeafIx;
use crate::lang::{Lang, Text};
use crate::method::{AnswerRate, Method};
use crate::place::{Detail, lines, prefix};
use crate::rubric::{InputKind, Rubric};
use crate::suggest::closest;

/// The columns of an item log, with the headers accepted for each.
const COLUMNS: &[(Col, &[&str])] = &[
    (Col::Office, &["office", "处室"]),
    (Col::Kind, &["kind", "类别", "类型"]),
    (Col::Item, &["item", "编号", "事项编号"]),
    (Col::Received, &["received", "收到日期", "受理日期"]),
    (Col::Answered, &["answered", "答复日期"]),
    (Col::ExtendedTo, &["extended_to", "延期至", "延期答复日期"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Office,
    Kind,
    Item,
    Received,
    Answered,
    ExtendedTo,
}

/// A template of an item log ([`ItemLog::template`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogTemplate {
    /// The header, then one example item per kind.
    pub rows: Vec<Vec<String>>,
    /// Each answer-rate indicator's name and the kinds its items may be
    /// written as.
    pub kinds: Vec<(String, Vec<String>)>,
    /// The date forms accepted, in words.
    pub date_forms: String,
}

/// What is wrong with an item log (or with its agreement with the data).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ItemProblem {
    /// The log holds no rows.
    #[error("{}", self.message(Lang::En))]
    EmptyFile,
    /// A header but no items.
    #[error("{}", self.message(Lang::En))]
    NoItems,
    /// A required column is missing.
    #[error("{}", self.message(Lang::En))]
    MissingColumn {
        /// The column's id.
        column: &'static str,
    },
    /// A column that is not part of an item log.
    #[error("{}", self.message(Lang::En))]
    UnknownColumn {
        /// The header.
        header: String,
        /// The closest known header.
        suggestion: Option<String>,
    },
    /// A required cell is blank.
    #[error("{}", self.message(Lang::En))]
    Blank {
        /// The column's id.
        column: &'static str,
    },
    /// Not a date.
    #[error("{}", self.message(Lang::En))]
    BadDate {
        /// The cell's text.
        text: String,
    },
    /// A kind that names no answer-rate indicator.
    #[error("{}", self.message(Lang::En))]
    UnknownKind {
        /// The kind.
        kind: String,
        /// The closest accepted kind.
        suggestion: Option<String>,
    },
    /// The indicator has no deadline in the rubric.
    #[error("{}", self.message(Lang::En))]
    NoDeadline {
        /// The indicator's id.
        indicator: String,
    },
    /// The same item twice for one office and indicator.
    #[error("{}", self.message(Lang::En))]
    DuplicateItem {
        /// Where it first appears.
        first_line: u32,
    },
    /// Answered before it was received.
    #[error("{}", self.message(Lang::En))]
    AnsweredBeforeReceived {
        /// Date received.
        received: Date,
        /// Date answered.
        answered: Date,
    },
    /// Received after the end of the assessment period.
    #[error("{}", self.message(Lang::En))]
    ReceivedAfterPeriodEnd {
        /// Date received.
        received: Date,
        /// The period's end.
        period_end: Date,
    },
    /// An extension where the rubric allows none.
    #[error("{}", self.message(Lang::En))]
    ExtensionNotAllowed,
    /// An extension to a date before the due date.
    #[error("{}", self.message(Lang::En))]
    ExtensionBeforeDue {
        /// The due date.
        due: Date,
        /// The extension.
        extended_to: Date,
    },
    /// An extension longer than the rubric allows.
    #[error("{}", self.message(Lang::En))]
    ExtensionTooLong {
        /// Working days added.
        days: u32,
        /// The most allowed.
        max: u32,
    },
    /// The calendar does not cover a date needed.
    #[error("{}", self.message(Lang::En))]
    Calendar(CalendarError),
    /// An office in the log that is not in the data.
    #[error("{}", self.message(Lang::En))]
    UnknownOffice {
        /// The closest office in the data.
        suggestion: Option<String>,
    },
    /// The data table itself is wrong (its header).
    #[error("{}", self.message(Lang::En))]
    Data(DataProblem),
    /// A typed count that the log contradicts.
    #[error("{}", self.message(Lang::En))]
    CountsDisagree {
        /// The input's id.
        input: String,
        /// The input's label.
        label: Text,
        /// The count typed.
        typed: String,
        /// The count from the log.
        from_log: u32,
        /// The log's name.
        log: String,
    },
}

impl ItemProblem {
    /// A stable code for this kind of problem (`items.empty_file`…),
    /// listed in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        match self {
            ItemProblem::EmptyFile => "items.empty_file",
            ItemProblem::NoItems => "items.no_items",
            ItemProblem::MissingColumn { .. } => "items.missing_column",
            ItemProblem::UnknownColumn { .. } => "items.unknown_column",
            ItemProblem::Blank { .. } => "items.blank",
            ItemProblem::BadDate { .. } => "items.bad_date",
            ItemProblem::UnknownKind { .. } => "items.unknown_kind",
            ItemProblem::NoDeadline { .. } => "items.no_deadline",
            ItemProblem::DuplicateItem { .. } => "items.duplicate_item",
            ItemProblem::AnsweredBeforeReceived { .. } => "items.answered_before_received",
            ItemProblem::ReceivedAfterPeriodEnd { .. } => "items.received_after_period_end",
            ItemProblem::ExtensionNotAllowed => "items.extension_not_allowed",
            ItemProblem::ExtensionBeforeDue { .. } => "items.extension_before_due",
            ItemProblem::ExtensionTooLong { .. } => "items.extension_too_long",
            ItemProblem::Calendar(e) => e.code(),
            ItemProblem::UnknownOffice { .. } => "items.unknown_office",
            ItemProblem::Data(p) => p.code(),
            ItemProblem::CountsDisagree { .. } => "items.counts_disagree",
        }
    }
}

impl ItemProblem {
    /// The problem in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ItemProblem::*;
        let zh = lang == Lang::Zh;
        match self {
            EmptyFile => lang.pick("文件为空", "the file is empty").into(),
            NoItems => lang
                .pick(
                    "只有表头，没有任何事项（没有事项时请不要导入事项登记）",
                    "there is a header but no items (leave the item log out when there are none)",
                )
                .into(),
            MissingColumn { column } => {
                let names = COLUMNS
                    .iter()
                    .find(|(_, names)| names[0] == *column)
                    .map(|(_, names)| names.join(" / "))
                    .unwrap_or_default();
                if zh {
                    format!("缺少“{names}”列")
                } else {
                    format!("the column {names} is missing")
                }
            }
            UnknownColumn { header, suggestion } => match (suggestion, zh) {
                (Some(s), true) => format!("未知的列“{header}”（是否应为“{s}”？）"),
                (Some(s), false) => format!("unknown column `{header}` (did you mean `{s}`?)"),
                (None, true) => format!("未知的列“{header}”"),
                (None, false) => format!("unknown column `{header}`"),
            },
            Blank { column } => {
                if zh {
                    format!("{column} 不能为空")
                } else {
                    format!("{column} must not be blank")
                }
            }
            BadDate { text } => {
                if zh {
                    format!("“{text}”不是日期（可写 2026-03-05、2026/3/5 或 2026年3月5日）")
                } else {
                    format!("`{text}` is not a date (write 2026-03-05, 2026/3/5 or 2026年3月5日)")
                }
            }
            UnknownKind { kind, suggestion } => match (suggestion, zh) {
                (Some(s), true) => format!("类别“{kind}”不对应任何答复率指标（是否应为“{s}”？）"),
                (Some(s), false) => {
                    format!("kind `{kind}` names no answer-rate indicator (did you mean `{s}`?)")
                }
                (None, true) => format!("类别“{kind}”不对应任何答复率指标"),
                (None, false) => format!("kind `{kind}` names no answer-rate indicator"),
            },
            NoDeadline { indicator } => {
                if zh {
                    format!(
                        "评分细则没有为指标 `{indicator}` 规定答复期限（deadline），无法判断是否超期"
                    )
                } else {
                    format!(
                        "the rubric sets no deadline for `{indicator}`, so lateness cannot be judged"
                    )
                }
            }
            DuplicateItem { first_line } => {
                if zh {
                    format!("编号重复（第{first_line}行已出现）")
                } else {
                    format!("this item already appears on line {first_line}")
                }
            }
            AnsweredBeforeReceived { received, answered } => {
                if zh {
                    format!("答复日期 {answered} 早于收到日期 {received}")
                } else {
                    format!("answered {answered}, before it was received ({received})")
                }
            }
            ReceivedAfterPeriodEnd {
                received,
                period_end,
            } => {
                if zh {
                    format!("收到日期 {received} 晚于考核期截止日 {period_end}")
                } else {
                    format!("received {received}, after the period's end ({period_end})")
                }
            }
            ExtensionNotAllowed => lang
                .pick(
                    "评分细则不允许延期答复（未设 max_extension_working_days）",
                    "the rubric allows no extension (no max_extension_working_days)",
                )
                .into(),
            ExtensionBeforeDue { due, extended_to } => {
                if zh {
                    format!("延期至 {extended_to} 早于原期限 {due}")
                } else {
                    format!("extended to {extended_to}, before the due date {due}")
                }
            }
            ExtensionTooLong { days, max } => {
                if zh {
                    format!("延期{days}个工作日，超过上限{max}个工作日")
                } else {
                    format!(
                        "an extension of {}; at most {max} are allowed",
                        crate::lang::working_days(*days)
                    )
                }
            }
            Calendar(e) => e.message(lang),
            Data(p) => p.message(lang),
            UnknownOffice { suggestion } => match (suggestion, zh) {
                (Some(s), true) => format!("数据中没有这个处室（是否应为“{s}”？）"),
                (Some(s), false) => format!("this office is not in the data (did you mean {s}?)"),
                (None, true) => "数据中没有这个处室".into(),
                (None, false) => "this office is not in the data".into(),
            },
            // The input is named where the error is placed.
            CountsDisagree {
                typed,
                from_log,
                log,
                ..
            } => {
                if zh {
                    format!("填写为 {typed}，与事项登记（{log}）统计的 {from_log} 不一致")
                } else {
                    format!("typed as {typed}, but the item log ({log}) gives {from_log}")
                }
            }
        }
    }

    /// The offending text as written, where the problem has one.
    pub fn text(&self) -> Option<&str> {
        match self {
            ItemProblem::BadDate { text } => Some(text),
            ItemProblem::UnknownKind { kind, .. } => Some(kind),
            ItemProblem::UnknownColumn { header, .. } => Some(header),
            ItemProblem::Data(p) => p.text(),
            _ => None,
        }
    }
}

/// One located problem in an item log, or between a log and the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    /// The file the problem is in.
    pub source: String,
    /// 1-based line or row.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
    /// The office.
    pub office: Option<String>,
    /// The item's id.
    pub item: Option<String>,
    /// What is wrong.
    pub problem: ItemProblem,
}

impl ItemError {
    /// The error as data: its code, place, text and message in both
    /// languages.
    pub fn diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.problem.code(), |lang| self.message(lang));
        d.file = Some(self.source.clone());
        d.line = self.line;
        d.column = self.column;
        d.office = self.office.clone();
        d.item = self.item.clone();
        d.text = self.problem.text().map(str::to_string);
        if let ItemProblem::CountsDisagree { input, .. } = &self.problem {
            d.input = Some(input.clone());
        }
        d
    }

    /// The error with its place, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut details = Vec::new();
        if let Some(o) = &self.office {
            details.push(Detail::Office(o));
        }
        if let Some(i) = &self.item {
            details.push(Detail::Item(i));
        }
        if let ItemProblem::CountsDisagree { input, label, .. } = &self.problem {
            details.push(Detail::Input(input, Some(label)));
        }
        let mut out = prefix(lang, &self.source, self.line, self.column, &details);
        out.push_str(&self.problem.message(lang));
        out
    }
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ItemError {}

/// Every problem found (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct ItemErrors {
    /// The problems, in file order.
    pub errors: Vec<ItemError>,
}

impl ItemErrors {
    /// Every problem as data (see [`ItemError::diagnostic`]).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.errors.iter().map(ItemError::diagnostic).collect()
    }

    /// All problems, one per line, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        lines(&self.errors, |e| e.message(lang))
    }
}

/// One row of a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The line it came from.
    pub line: u32,
    /// The office.
    pub office: String,
    /// The answer-rate leaf it counts for.
    pub leaf: LeafIx,
    /// The item's id.
    pub id: String,
    /// Date received.
    pub received: Date,
    /// Date answered, if answered.
    pub answered: Option<Date>,
    /// A granted extension's new due date.
    pub extended_to: Option<Date>,
}

/// A checked item log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLog {
    /// The file it came from.
    pub source: String,
    /// Its items, in file order.
    pub items: Vec<Item>,
}

/// An item's standing at the end of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Answered on or before the due date.
    OnTime,
    /// Answered after the due date, or unanswered past it.
    Late,
    /// Unanswered, due date not yet passed.
    Open,
}

/// How one item was judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// Its position in the log.
    pub index: usize,
    /// The due date under the rubric's deadline, with the days skipped.
    pub due: DueDate,
    /// The extension: its date and the working days it adds.
    pub extension: Option<(Date, u32)>,
    /// The date answered within the period, if any.
    pub answered: Option<Date>,
    /// Working days from receipt to the answer (or to the period's end);
    /// `None` when that span runs into days the calendar does not know
    /// (29–31 December before the next year's notice): the item's status
    /// does not depend on it.
    pub taken: Option<u32>,
    /// Non-working days in that span.
    pub skipped: Vec<crate::calendar::Day>,
    /// On time, late or open.
    pub status: Status,
}

impl Judged {
    /// The date the answer was due, extension included.
    pub fn effective_due(&self) -> Date {
        self.extension.map(|(d, _)| d).unwrap_or(self.due.due)
    }
}

/// Counts of one office on one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Items received.
    pub asked: u32,
    /// Items answered within the period.
    pub answered: u32,
    /// Items late.
    pub late: u32,
    /// Items open.
    pub open: u32,
}

/// Which counts stand where an office's typed counts disagree with the
/// item log: the assessor's choice, never the program's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountsChoice {
    /// The log's counts replace the typed ones.
    Log,
    /// The typed counts stand; the log is not used for them.
    Typed,
}

/// A log judged against a calendar and a period end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// The log.
    pub log: ItemLog,
    /// The period's end.
    pub period_end: Date,
    /// Each item, in log order.
    pub items: Vec<Judged>,
    /// Counts by office and leaf.
    pub counts: BTreeMap<(String, LeafIx), Counts>,
}

fn answer_rate(rubric: &Rubric, leaf: LeafIx) -> Option<&AnswerRate> {
    match rubric.leaf(leaf).method() {
        Some(Method::AnswerRate(a)) => Some(a),
        _ => None,
    }
}

impl ItemLog {
    /// A template of an item log for `rubric`, as rows (the header first,
    /// in `lang`): one example item for each kind of item the rubric
    /// judges (each answer-rate indicator), its dates written in each of
    /// the forms accepted (2026-03-02, 2026/3/5, 2026年3月9日), one with
    /// an extension. Alongside, the kinds accepted for each indicator
    /// (its id, then its `item_kinds`) and the date forms, in words.
    pub fn template(rubric: &Rubric, lang: Lang) -> LogTemplate {
        let header = match lang {
            Lang::Zh => ["处室", "类别", "事项编号", "收到日期", "答复日期", "延期至"],
            Lang::En => [
                "office",
                "kind",
                "item",
                "received",
                "answered",
                "extended_to",
            ],
        };
        let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
        let mut kinds = Vec::new();
        let office = lang.pick("示例处室", "Example office");
        let dates = [
            ("2026-03-02", "2026-03-04", ""),
            ("2026/3/5", "2026/3/20", "2026/4/10"),
            ("2026年3月9日", "", ""),
        ];
        for (n, (_, l)) in rubric
            .leaves()
            .filter(|(_, l)| matches!(l.method(), Some(Method::AnswerRate(_))))
            .enumerate()
        {
            let Some(Method::AnswerRate(a)) = l.method() else {
                continue;
            };
            let mut names = vec![l.id.clone()];
            names.extend(a.item_kinds.iter().cloned());
            // A kind in the template's language where the rubric has one
            // (咨询 rather than consultation).
            let kind = a
                .item_kinds
                .iter()
                .find(|k| (lang == Lang::Zh) != k.is_ascii())
                .or(a.item_kinds.first())
                .cloned()
                .unwrap_or_else(|| l.id.clone());
            let (received, answered, extended) = dates[n % dates.len()];
            rows.push(vec![
                office.to_string(),
                kind,
                format!("{}-{:03}", lang.pick("示例", "EX"), n + 1),
                received.to_string(),
                answered.to_string(),
                extended.to_string(),
            ]);
            kinds.push((l.name.get(lang).to_string(), names));
        }
        LogTemplate {
            rows,
            kinds,
            date_forms: lang
                .pick(
                    "日期可写作 2026-03-02、2026/3/2 或 2026年3月2日；未答复的事项答复日期留空；延期至可留空",
                    "Dates as 2026-03-02, 2026/3/2 or 2026年3月2日; leave the answer date blank for an item not answered; extended_to may be blank",
                )
                .to_string(),
        }
    }

    /// `table`, an item log as read (not yet checked), with the items of
    /// the office `from` given to `to` (names compared without surrounding
    /// spaces): what renaming an office in the data does to its log, so
    /// that its items are not left under a name no office has. `None` when
    /// no item is `from`'s, or the table has no office column.
    pub fn renamed_office(table: &Table, from: &str, to: &str) -> Option<Table> {
        let from = from.trim();
        let mut rows = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.cells().all(|c| c.trim().is_empty()));
        let (first, header) = rows.next()?;
        let col = header.cells().position(|h| {
            let h = h.trim_start_matches('\u{feff}').trim();
            COLUMNS.iter().any(|(c, names)| {
                *c == Col::Office && names.iter().any(|n| n.eq_ignore_ascii_case(h))
            })
        })?;
        let mut out = table.clone();
        let mut moved = false;
        for row in &mut out.rows[first + 1..] {
            if row.cell(col).is_some_and(|o| o.trim() == from) {
                let cells: Vec<String> = row
                    .cells()
                    .enumerate()
                    .map(|(c, v)| {
                        if c == col {
                            to.to_string()
                        } else {
                            v.to_string()
                        }
                    })
                    .collect();
                *row = TableRow::new(row.line, cells);
                moved = true;
            }
        }
        moved.then_some(out)
    }

    /// Reads a log table against a rubric (for the kinds), reporting every
    /// problem at once.
    pub fn from_table(rubric: &Rubric, table: &Table) -> Result<ItemLog, ItemErrors> {
        let src = table.source.clone();
        let err = |line: Option<u32>, column: Option<u32>, problem| ItemError {
            source: src.clone(),
            line,
            column,
            office: None,
            item: None,
            problem,
        };
        let mut rows = table
            .rows
            .iter()
            .filter(|r| !r.cells().all(|c| c.trim().is_empty()));
        let Some(header) = rows.next() else {
            return Err(ItemErrors {
                errors: vec![err(None, None, ItemProblem::EmptyFile)],
            });
        };
        let mut errors = Vec::new();
        let mut at: HashMap<Col, usize> = HashMap::new();
        for (c, cell) in header.cells().enumerate() {
            let h = cell.trim_start_matches('\u{feff}').trim();
            if h.is_empty() {
                continue;
            }
            match COLUMNS
                .iter()
                .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(h)))
            {
                Some((col, _)) => {
                    at.insert(*col, c);
                }
                None => errors.push(err(
                    Some(header.line),
                    Some(c as u32 + 1),
                    ItemProblem::UnknownColumn {
                        header: h.to_string(),
                        suggestion: closest(h, COLUMNS.iter().flat_map(|(_, n)| n.iter().copied())),
                    },
                )),
            }
        }
        for (col, names) in COLUMNS {
            if *col != Col::ExtendedTo && !at.contains_key(col) {
                errors.push(err(
                    Some(header.line),
                    None,
                    ItemProblem::MissingColumn { column: names[0] },
                ));
            }
        }
        if !errors.is_empty() {
            return Err(ItemErrors { errors });
        }

        // Kinds: each answer-rate leaf's id and its item_kinds.
        let mut kinds: HashMap<String, LeafIx> = HashMap::new();
        for (slot, l) in rubric.leaves() {
            if let Some(Method::AnswerRate(a)) = l.method() {
                kinds.insert(l.id.to_lowercase(), slot);
                for k in &a.item_kinds {
                    kinds.insert(k.to_lowercase(), slot);
                }
            }
        }
        let mut items = Vec::new();
        let mut seen: HashMap<(String, LeafIx, String), u32> = HashMap::new();
        for row in rows {
            let cell =
                |col: Col| -> &str { at.get(&col).and_then(|&c| row.cell(c)).unwrap_or("").trim() };
            let column = |col: Col| at.get(&col).map(|&c| c as u32 + 1);
            let office = cell(Col::Office).to_string();
            let id = cell(Col::Item).to_string();
            let mut problems: Vec<(Option<u32>, ItemProblem)> = Vec::new();
            for (col, name) in [
                (Col::Office, "office"),
                (Col::Kind, "kind"),
                (Col::Item, "item"),
                (Col::Received, "received"),
            ] {
                if cell(col).is_empty() {
                    problems.push((column(col), ItemProblem::Blank { column: name }));
                }
            }
            let kind = cell(Col::Kind);
            let leaf = if kind.is_empty() {
                None
            } else {
                match kinds.get(&kind.to_lowercase()) {
                    Some(&slot) => Some(slot),
                    None => {
                        let suggestion = closest(kind, kinds.keys().map(String::as_str));
                        problems.push((
                            column(Col::Kind),
                            ItemProblem::UnknownKind {
                                kind: kind.to_string(),
                                suggestion,
                            },
                        ));
                        None
                    }
                }
            };
            let mut date = |col: Col| -> Option<Date> {
                let text = cell(col);
                if text.is_empty() {
                    return None;
                }
                let d = parse_date(text);
                if d.is_none() {
                    problems.push((
                        column(col),
                        ItemProblem::BadDate {
                            text: text.to_string(),
                        },
                    ));
                }
                d
            };
            let received = date(Col::Received);
            let answered = date(Col::Answered);
            let extended_to = date(Col::ExtendedTo);
            if let (Some(r), Some(a)) = (received, answered)
                && a < r
            {
                problems.push((
                    column(Col::Answered),
                    ItemProblem::AnsweredBeforeReceived {
                        received: r,
                        answered: a,
                    },
                ));
            }
            if let Some(slot) = leaf
                && !id.is_empty()
                && !office.is_empty()
            {
                match seen.get(&(office.clone(), slot, id.clone())) {
                    Some(&first_line) => problems
                        .push((column(Col::Item), ItemProblem::DuplicateItem { first_line })),
                    None => {
                        seen.insert((office.clone(), slot, id.clone()), row.line);
                    }
                }
            }
            if problems.is_empty() {
                if let (Some(leaf), Some(received)) = (leaf, received) {
                    items.push(Item {
                        line: row.line,
                        office,
                        leaf,
                        id,
                        received,
                        answered,
                        extended_to,
                    });
                }
            } else {
                for (column, problem) in problems {
                    errors.push(ItemError {
                        source: src.clone(),
                        line: Some(row.line),
                        column,
                        office: (!office.is_empty()).then(|| office.clone()),
                        item: (!id.is_empty()).then(|| id.clone()),
                        problem,
                    });
                }
            }
        }
        if errors.is_empty() && items.is_empty() {
            errors.push(err(Some(header.line), None, ItemProblem::NoItems));
        }
        if errors.is_empty() {
            Ok(ItemLog {
                source: table.source.clone(),
                items,
            })
        } else {
            Err(ItemErrors { errors })
        }
    }

    /// Judges every item by the rubric's deadlines and the calendar, as of
    /// the end of the period.
    pub fn judge(
        self,
        rubric: &Rubric,
        calendar: &Calendar,
        period_end: Date,
    ) -> Result<Judgement, ItemErrors> {
        let mut errors = Vec::new();
        let mut judged = Vec::with_capacity(self.items.len());
        let mut counts: BTreeMap<(String, LeafIx), Counts> = BTreeMap::new();
        for (index, item) in self.items.iter().enumerate() {
            let err = |problem| ItemError {
                source: self.source.clone(),
                line: Some(item.line),
                column: None,
                office: Some(item.office.clone()),
                item: Some(item.id.clone()),
                problem,
            };
            let Some(method) = answer_rate(rubric, item.leaf) else {
                continue;
            };
            let Some(deadline) = method.deadline else {
                errors.push(err(ItemProblem::NoDeadline {
                    indicator: rubric.leaf(item.leaf).id.clone(),
                }));
                continue;
            };
            if item.received > period_end {
                errors.push(err(ItemProblem::ReceivedAfterPeriodEnd {
                    received: item.received,
                    period_end,
                }));
                continue;
            }
            let due = match calendar.due_date(item.received, deadline.working_days) {
                Ok(d) => d,
                Err(e) => {
                    errors.push(err(ItemProblem::Calendar(e)));
                    continue;
                }
            };
            let extension = match item.extended_to {
                None => None,
                Some(x) => {
                    let Some(max) = deadline.max_extension_working_days else {
                        errors.push(err(ItemProblem::ExtensionNotAllowed));
                        continue;
                    };
                    if x < due.due {
                        errors.push(err(ItemProblem::ExtensionBeforeDue {
                            due: due.due,
                            extended_to: x,
                        }));
                        continue;
                    }
                    match calendar.working_days_between(due.due, x) {
                        Ok((days, _)) if days <= max => Some((x, days)),
                        Ok((days, _)) => {
                            errors.push(err(ItemProblem::ExtensionTooLong { days, max }));
                            continue;
                        }
                        Err(e) => {
                            errors.push(err(ItemProblem::Calendar(e)));
                            continue;
                        }
                    }
                }
            };
            let effective_due = extension.map(|(d, _)| d).unwrap_or(due.due);
            let answered = item.answered.filter(|&a| a <= period_end);
            let (status, until) = match answered {
                Some(a) if a <= effective_due => (Status::OnTime, a),
                Some(a) => (Status::Late, a),
                None if period_end > effective_due => (Status::Late, period_end),
                None => (Status::Open, period_end),
            };
            let (taken, skipped) = match calendar.working_days_between(item.received, until) {
                Ok((t, s)) => (Some(t), s),
                Err(_) => (None, Vec::new()),
            };
            let c = counts.entry((item.office.clone(), item.leaf)).or_default();
            // Open items are not yet due: their outcome belongs to a later
            // period, so they are not counted as asked here.
            match status {
                Status::Open => c.open += 1,
                Status::OnTime => {
                    c.asked += 1;
                    c.answered += 1;
                }
                Status::Late => {
                    c.asked += 1;
                    c.late += 1;
                    if answered.is_some() {
                        c.answered += 1;
                    }
                }
            }
            judged.push(Judged {
                index,
                due,
                extension,
                answered,
                taken,
                skipped,
                status,
            });
        }
        if errors.is_empty() {
            Ok(Judgement {
                log: self,
                period_end,
                items: judged,
                counts,
            })
        } else {
            Err(ItemErrors { errors })
        }
    }
}

impl Judgement {
    /// The leaves the log is the source for (those it has items of).
    pub fn leaves(&self) -> Vec<LeafIx> {
        let mut v: Vec<LeafIx> = self.log.items.iter().map(|i| i.leaf).collect();
        crate::sorting::sort_by(&mut v, Ord::cmp);
        v.dedup();
        v
    }

    /// Counts of one office on one leaf (zero when it has no items).
    pub fn counts(&self, office: &str, leaf: LeafIx) -> Counts {
        self.counts
            .get(&(office.to_string(), leaf))
            .copied()
            .unwrap_or_default()
    }

    /// The count the log gives an office for one input of `rubric` (an
    /// answer-rate indicator's asked, answered or late count); `None` for
    /// an input no indicator judged by the log reads. What a typed or
    /// submitted count is held against (one at a time: it looks the
    /// log's leaves up on each call).
    pub fn count_of(&self, rubric: &Rubric, office: &str, input: &str) -> Option<u32> {
        self.leaves().into_iter().find_map(|leaf| {
            let a = answer_rate(rubric, leaf)?;
            let c = self.counts(office.trim(), leaf);
            [
                (&a.asked, c.asked),
                (&a.answered, c.answered),
                (&a.late, c.late),
            ]
            .into_iter()
            .find(|(i, _)| i.id == input)
            .map(|(_, n)| n)
        })
    }

    /// The items of one office, in log order.
    pub fn items_of<'a>(
        &'a self,
        office: &'a str,
    ) -> impl Iterator<Item = (&'a Item, &'a Judged)> + 'a {
        self.items
            .iter()
            .map(|j| (&self.log.items[j.index], j))
            .filter(move |(i, _)| i.office == office)
    }

    /// Puts the log's counts into a data table: blank counts are filled,
    /// typed counts must agree; offices of the log must be in the table.
    /// Returns the table to read with [`crate::Dataset::from_table`].
    pub fn fill_table(&self, rubric: &Rubric, table: &Table) -> Result<Table, ItemErrors> {
        self.fill_table_with(rubric, table, &|_| None)
    }

    /// [`Judgement::fill_table`] with the assessor's choice of counts for
    /// offices whose typed counts disagree with the log (see
    /// [`Judgement::fill_table_choosing`]); a disagreement left without a
    /// choice is still an error.
    pub fn fill_table_with(
        &self,
        rubric: &Rubric,
        table: &Table,
        choice: &dyn Fn(&str) -> Option<CountsChoice>,
    ) -> Result<Table, ItemErrors> {
        let (filled, errors) = self.fill_table_choosing(rubric, table, choice)?;
        if errors.is_empty() {
            Ok(filled)
        } else {
            Err(ItemErrors { errors })
        }
    }

    /// Like [`Judgement::fill_table`], but keeps going: the rows of offices
    /// whose typed counts disagree with the log are left out of the table
    /// returned (neither count is used), and every problem is returned
    /// beside it. Only a table whose header is wrong is refused.
    pub fn fill_table_lenient(
        &self,
        rubric: &Rubric,
        table: &Table,
    ) -> Result<(Table, Vec<ItemError>), ItemErrors> {
        self.fill_table_choosing(rubric, table, &|_| None)
    }

    /// Like [`Judgement::fill_table_lenient`], with the assessor's choice
    /// for offices whose typed counts disagree with the log: `choice`
    /// gives, by office name, which counts to use ([`CountsChoice::Log`]:
    /// the log's replace the typed ones; [`CountsChoice::Typed`]: the
    /// typed ones stand), or `None` to leave the office out with the
    /// disagreement, as `fill_table_lenient` does. A choice is only ever
    /// applied where the two disagree; blank cells are filled from the
    /// log either way.
    pub fn fill_table_choosing(
        &self,
        rubric: &Rubric,
        table: &Table,
        choice: &dyn Fn(&str) -> Option<CountsChoice>,
    ) -> Result<(Table, Vec<ItemError>), ItemErrors> {
        let map = ColumnMap::read(rubric, table).map_err(|e| ItemErrors {
            errors: e
                .errors
                .into_iter()
                .map(|d| ItemError {
                    source: d.source.clone(),
                    line: d.line,
                    column: d.column,
                    office: d.office.clone(),
                    item: None,
                    problem: ItemProblem::Data(d.problem),
                })
                .collect(),
        })?;
        let leaves = self.leaves();
        let mut errors = Vec::new();
        let mut offices: Vec<String> = Vec::new();
        let mut rows = table.rows[..=map.header_row].to_vec();
        for row in &table.rows[map.header_row + 1..] {
            let office = row.cell(0).unwrap_or("").trim().to_string();
            let mut cells: Vec<String> = row.cells().map(String::from).collect();
            let mut conflict = false;
            let chosen = if office.is_empty() {
                None
            } else {
                choice(&office)
            };
            if !office.is_empty() {
                offices.push(office.clone());
                for &leaf in &leaves {
                    let Some(method) = answer_rate(rubric, leaf) else {
                        continue;
                    };
                    let c = self.counts(&office, leaf);
                    for (input, count) in [
                        (&method.asked, c.asked),
                        (&method.answered, c.answered),
                        (&method.late, c.late),
                    ] {
                        let col = map.input_column[input.index];
                        if cells.len() <= col {
                            cells.resize(col + 1, String::new());
                        }
                        let typed = cells[col].trim().to_string();
                        if typed.is_empty() {
                            cells[col] = count.to_string();
                        } else if parse_cell(InputKind::Count, &typed).ok()
                            != Some(rust_decimal::Decimal::from(count))
                        {
                            match chosen {
                                Some(CountsChoice::Log) => {
                                    cells[col] = count.to_string();
                                    continue;
                                }
                                Some(CountsChoice::Typed) => continue,
                                None => {}
                            }
                            conflict = true;
                            errors.push(ItemError {
                                source: table.source.clone(),
                                line: Some(row.line),
                                column: Some(col as u32 + 1),
                                office: Some(office.clone()),
                                item: None,
                                problem: ItemProblem::CountsDisagree {
                                    input: input.id.clone(),
                                    label: rubric.inputs[input.index].label.clone(),
                                    typed,
                                    from_log: count,
                                    log: self.log.source.clone(),
                                },
                            });
                        }
                    }
                }
            }
            if !conflict {
                rows.push(TableRow::new(row.line, cells));
            }
        }
        for item in &self.log.items {
            if !offices.contains(&item.office) {
                errors.push(ItemError {
                    source: self.log.source.clone(),
                    line: Some(item.line),
                    column: None,
                    office: Some(item.office.clone()),
                    item: Some(item.id.clone()),
                    problem: ItemProblem::UnknownOffice {
                        suggestion: closest(&item.office, offices.iter().map(String::as_str)),
                    },
                });
            }
        }
        Ok((
            Table {
                source: table.source.clone(),
                rows,
            },
            errors,
        ))
    }
}

/// One item, explained: received, due (and why), answered, working days
/// taken, the days not counted.
pub fn describe(item: &Item, judged: &Judged, period_end: Date, lang: Lang) -> String {
    let n = judged.due.working_days;
    let skipped_due = describe_days(&judged.due.skipped, lang);
    // A receipt on a day off, and a due date on a weekend worked, said
    // with the day: counting starts on the next working day; a Sunday may
    // be a working day (调休上班).
    let worked = |d: &crate::calendar::Day| {
        matches!(
            d.kind,
            crate::calendar::DayKind::MakeUpWorkday(_) | crate::calendar::DayKind::ExtraWorkday(_)
        )
        .then(|| {
            format!(
                "{}{}{}",
                crate::calendar::weekday_name(d.date.weekday(), lang),
                lang.pick("，", ", "),
                d.reason(lang)
            )
        })
    };
    let received_day = &judged.due.received_day;
    let off = (!received_day.is_working()).then(|| received_day.reason(lang));
    let received_worked = worked(received_day);
    let due_note = worked(&judged.due.due_day);
    let mut s = match lang {
        Lang::Zh => {
            let received = match (&off, &received_worked) {
                (Some(why), _) => format!("{}（{why}，自下一个工作日起算）", item.received),
                (None, Some(why)) => format!("{}（{why}）", item.received),
                (None, None) => item.received.to_string(),
            };
            let due_note = due_note.map(|d| format!("{d}；")).unwrap_or_default();
            let mut s = format!(
                "收到 {received}，期限 {}（{due_note}{}个工作日",
                judged.due.due, n
            );
            if !skipped_due.is_empty() {
                s.push_str(&format!("；不计：{skipped_due}"));
            }
            s.push('）');
            if let Some((x, days)) = judged.extension {
                s.push_str(&format!("，延期至 {x}（延长{days}个工作日）"));
            }
            s
        }
        Lang::En => {
            let received = match (&off, &received_worked) {
                (Some(why), _) => format!(
                    "{} ({why}: counted from the next working day)",
                    item.received
                ),
                (None, Some(why)) => format!("{} ({why})", item.received),
                (None, None) => item.received.to_string(),
            };
            let due_note = due_note.map(|d| format!("{d}; ")).unwrap_or_default();
            let mut s = format!(
                "received {received}, due {} ({due_note}{}",
                judged.due.due,
                crate::lang::working_days(n)
            );
            if !skipped_due.is_empty() {
                s.push_str(&format!("; not counted: {skipped_due}"));
            }
            s.push(')');
            if let Some((x, days)) = judged.extension {
                s.push_str(&format!(
                    ", extended to {x} (+{})",
                    crate::lang::working_days(days)
                ));
            }
            s
        }
    };
    let (zh_taken, en_taken) = match judged.taken {
        Some(t) => (
            format!("用时{t}个工作日"),
            format!("after {}", crate::lang::working_days(t)),
        ),
        None => (
            "工作日数待次年日历".to_string(),
            "working days unknown until next year's calendar".to_string(),
        ),
    };
    let (zh_past, en_past) = match judged.taken {
        Some(t) => (
            format!("（已过{t}个工作日）"),
            format!(" ({})", crate::lang::working_days(t)),
        ),
        None => (String::new(), String::new()),
    };
    s.push_str(&match (judged.answered, judged.status, lang) {
        (Some(a), Status::OnTime, Lang::Zh) => format!("，{a} 答复，{zh_taken}：按时"),
        (Some(a), Status::OnTime, Lang::En) => format!(", answered {a} {en_taken}: on time"),
        (Some(a), _, Lang::Zh) => format!("，{a} 答复，{zh_taken}：超期"),
        (Some(a), _, Lang::En) => format!(", answered {a} {en_taken}: late"),
        (None, Status::Late, Lang::Zh) => format!("，截至 {period_end} 未答复{zh_past}：超期"),
        (None, Status::Late, Lang::En) => format!(", not answered by {period_end}{en_past}: late"),
        (None, _, Lang::Zh) => format!("，截至 {period_end} 未答复，尚未到期：不计入本期"),
        (None, _, Lang::En) => {
            format!(", not answered by {period_end}, not yet due: not counted in this period")
        }
    });
    s
}

serialize_as_diagnostics!(one: ItemError);
serialize_as_diagnostics!(many: ItemErrors);
