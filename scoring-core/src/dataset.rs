//! A year's data: one row per office, one value per declared input.
//!
//! Text grids (a CSV file, a spreadsheet, the web app's entry grid) arrive
//! as a [`Table`]; [`Dataset::from_table`] gives them meaning against a
//! rubric and refuses anything doubtful with a located [`DataError`]: a
//! missing or unknown column, a blank, non-numeric, negative or fractional
//! count, a flag that is not yes or no, more answered than asked, a
//! duplicate office. Nothing is guessed and nothing becomes 0 by default.

use std::collections::HashMap;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, serialize_as_diagnostics};
use crate::ix::{InputIx, OfficeIx, Positions, TextIx};
use crate::lang::{Lang, Text};
use crate::num::{parse_decimal, plain};
use crate::place::{Detail, lines, prefix};
use crate::rubric::{Input, InputKind, Rubric};
use crate::suggest::closest;

/// The largest value an input accepts (10¹⁵): more than any count an
/// office reports, and small enough that no tally or product overflows.
pub const MAX_VALUE: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// The headers accepted for the first (office name) column.
pub const OFFICE_HEADERS: &[&str] = &["office", "处室"];

/// A grid of text cells, as read from a file, before it means anything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Where the grid came from (a file name), for error messages.
    pub source: String,
    /// The rows, header first. Wholly blank rows may be included; they are
    /// skipped.
    pub rows: Vec<TableRow>,
}

/// One row of a [`Table`]: cell texts, left to right, kept in one buffer
/// (a file of 100 000 rows should not cost two million allocations).
#[derive(Clone, Default)]
pub struct TableRow {
    /// The 1-based line (CSV) or row number (spreadsheet) it came from.
    pub line: u32,
    /// Each cell followed by one separator byte (which one does not
    /// matter), so that a line of delimited text is stored as it is.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<u32>,
}

/// The line and the cells (not the buffer they are kept in).
impl fmt::Debug for TableRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableRow")
            .field("line", &self.line)
            .field("cells", &self.cells().collect::<Vec<_>>())
            .finish()
    }
}

impl PartialEq for TableRow {
    fn eq(&self, other: &TableRow) -> bool {
        self.line == other.line && self.cells().eq(other.cells())
    }
}

impl Eq for TableRow {}

impl TableRow {
    /// A row from its cells.
    pub fn new<I, S>(line: u32, cells: I) -> TableRow
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut row = TableRow {
            line,
            text: String::new(),
            ends: Vec::new(),
        };
        for c in cells {
            row.push(c.as_ref());
        }
        row
    }

    /// Empties the row (keeping its memory) for the cells of `line`.
    pub fn clear(&mut self, line: u32) {
        self.line = line;
        self.text.clear();
        self.ends.clear();
    }

    /// A row from one line of text (without its line break) whose cells
    /// are separated by `delimiter`, an ASCII byte (`,` or a tab): the
    /// line cut at every delimiter, with no quoting. (Cut at any other
    /// byte, a cell that does not fall on character boundaries reads as
    /// empty.)
    pub(crate) fn from_line(line: u32, text: &str, delimiter: u8) -> TableRow {
        let mut row = TableRow::default();
        row.set_line(line, text, delimiter);
        row
    }

    /// Makes the row one line of text cut at every `delimiter`, like
    /// [`TableRow::from_line`], in the row's own memory.
    pub(crate) fn set_line(&mut self, line: u32, text: &str, delimiter: u8) {
        self.clear(line);
        self.text.push_str(text);
        self.text.push(',');
        let ends = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == delimiter)
            .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX));
        self.ends.extend(ends);
        self.ends
            .push(u32::try_from(text.len()).unwrap_or(u32::MAX));
    }

    /// Appends a cell.
    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len() as u32);
        self.text.push(',');
    }

    /// The cell in column `i` (0-based), if the row is that long.
    pub fn cell(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] as usize + 1
        };
        Some(self.text.get(start..end).unwrap_or(""))
    }

    /// Every cell, left to right.
    pub fn cells(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.cell(i).unwrap_or(""))
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// One office in a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// The office's name (处室), unique within the dataset.
    pub name: String,
    /// The line it was read from, if it came from a table.
    pub line: Option<u32>,
}

/// Validated values for a set of offices, one column per rubric input.
///
/// Values are stored by column: scoring reads one input for every office
/// at a time, and a column is contiguous in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    input_ids: Vec<String>,
    /// Shared with the scorecards made from this dataset.
    offices: Arc<Vec<Office>>,
    /// Shared with the scorecards that read a column as it is.
    columns: Vec<Arc<Column>>,
    /// The rubric's text columns, by column then office ("" when the
    /// file has no such column or the cell is blank).
    texts: Vec<Vec<String>>,
    /// For each input that holds any `N/A`, which offices' cells do (the
    /// column holds 0 there).
    na: Vec<Option<Arc<Vec<bool>>>>,
}

/// One input's values for every office, in office order.
///
/// Counts, the bulk of any dataset, are kept as 32-bit whole numbers (a
/// quarter of a `Decimal`'s size: 100 000 offices with 21 inputs hold 8 MB
/// instead of 34 MB); a column holding any fraction or any larger number
/// keeps decimals. Either way every value reads back as the exact
/// `Decimal` it was.
#[derive(Debug, Clone)]
pub(crate) enum Column {
    /// Whole numbers from 0 to `u32::MAX`.
    Whole(Vec<u32>),
    /// Any other values.
    Decimal(Vec<Decimal>),
}

impl Column {
    /// An empty column of whole numbers, with room for `capacity` values.
    fn with_capacity(capacity: usize) -> Column {
        Column::Whole(Vec::with_capacity(capacity))
    }

    /// Appends a value, switching to decimals the first time a value is
    /// not a whole number that fits.
    fn push(&mut self, value: Decimal) {
        match self {
            Column::Whole(whole) => match whole_u32(value) {
                Some(w) => whole.push(w),
                None => {
                    let mut decimals: Vec<Decimal> = Vec::with_capacity(whole.capacity());
                    decimals.extend(whole.iter().map(|&w| Decimal::from(w)));
                    decimals.push(value);
                    *self = Column::Decimal(decimals);
                }
            },
            Column::Decimal(decimals) => decimals.push(value),
        }
    }

    /// Makes room for `more` values if memory allows (a hint: the column
    /// grows as needed anyway).
    fn try_reserve(&mut self, more: usize) {
        let _ = match self {
            Column::Whole(v) => v.try_reserve(more),
            Column::Decimal(v) => v.try_reserve(more),
        };
    }

    /// Appends a whole number.
    fn push_whole(&mut self, value: u32) {
        match self {
            Column::Whole(whole) => whole.push(value),
            Column::Decimal(decimals) => decimals.push(Decimal::from(value)),
        }
    }

    /// The value of office `o`.
    pub fn get(&self, o: usize) -> Decimal {
        match self {
            Column::Whole(v) => Decimal::from(v[o]),
            Column::Decimal(v) => v[o],
        }
    }

    /// Whether office `o`'s value is not zero (a flag that is set).
    pub(crate) fn is_set(&self, o: usize) -> bool {
        match self {
            Column::Whole(v) => v[o] != 0,
            Column::Decimal(v) => !v[o].is_zero(),
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Column::Whole(v) => v.len(),
            Column::Decimal(v) => v.len(),
        }
    }

    /// Every value, in office order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Decimal> + '_ {
        (0..self.len()).map(|o| self.get(o))
    }
}

/// Columns are equal when their values are, however they are stored.
impl PartialEq for Column {
    fn eq(&self, other: &Column) -> bool {
        match (self, other) {
            (Column::Whole(a), Column::Whole(b)) => a == b,
            _ => self.len() == other.len() && self.iter().eq(other.iter()),
        }
    }
}

impl Eq for Column {}

/// A value as a 32-bit whole number, if it is one.
fn whole_u32(value: Decimal) -> Option<u32> {
    if value.is_sign_negative() && !value.is_zero() {
        return None;
    }
    let normal = if value.scale() == 0 {
        value
    } else {
        value.normalize()
    };
    if normal.scale() != 0 {
        return None;
    }
    u32::try_from(normal.mantissa()).ok()
}

/// What is wrong with one value or one part of a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DataProblem {
    /// The file holds no rows at all.
    #[error("{}", self.message(Lang::En))]
    EmptyFile,
    /// A header but no offices.
    #[error("{}", self.message(Lang::En))]
    NoOffices,
    /// The first column is not the office name.
    #[error("{}", self.message(Lang::En))]
    OfficeHeader {
        /// The header found instead.
        found: String,
    },
    /// A column header that is neither an input id nor its label.
    #[error("{}", self.message(Lang::En))]
    UnknownColumn {
        /// The header.
        header: String,
        /// The closest input id or label.
        suggestion: Option<String>,
    },
    /// The same input in two columns.
    #[error("{}", self.message(Lang::En))]
    DuplicateColumn {
        /// The header.
        header: String,
        /// The column it first appears in.
        first_column: u32,
    },
    /// A declared input with no column.
    #[error("{}", self.message(Lang::En))]
    MissingColumn,
    /// A row without an office name.
    #[error("{}", self.message(Lang::En))]
    BlankOffice,
    /// An office named twice.
    #[error("{}", self.message(Lang::En))]
    DuplicateOffice {
        /// Where it first appears.
        first_line: Option<u32>,
    },
    /// An empty cell.
    #[error("{}", self.message(Lang::En))]
    Blank,
    /// A cell that is not a number.
    #[error("{}", self.message(Lang::En))]
    NotANumber {
        /// The cell's text.
        text: String,
    },
    /// A negative number.
    #[error("{}", self.message(Lang::En))]
    Negative {
        /// The cell's text.
        text: String,
    },
    /// A count with a fraction.
    #[error("{}", self.message(Lang::En))]
    Fractional {
        /// The cell's text.
        text: String,
    },
    /// A number with more digits than a decimal holds exactly (28
    /// significant digits always fit; 29 sometimes do).
    #[error("{}", self.message(Lang::En))]
    TooPrecise {
        /// The cell's text.
        text: String,
    },
    /// A flag that is not 1/0, yes/no, true/false, 是/否.
    #[error("{}", self.message(Lang::En))]
    BadFlag {
        /// The cell's text.
        text: String,
    },
    /// A value outside its allowed range (a direct score above 100).
    #[error("{}", self.message(Lang::En))]
    OutOfRange {
        /// The value.
        value: String,
        /// Lowest allowed.
        min: String,
        /// Highest allowed.
        max: String,
    },
    /// A value larger than another input allows (more answered, or more
    /// late, than asked).
    #[error("{}", self.message(Lang::En))]
    Exceeds {
        /// The value that is too large.
        value: String,
        /// The input it may not exceed.
        limit_input: String,
        /// Its label.
        limit_label: Text,
        /// That input's value.
        limit: String,
    },
    /// A cell beyond the last header.
    #[error("{}", self.message(Lang::En))]
    ExtraCell {
        /// The cell's text.
        text: String,
    },
    /// A rubric this one draws on (`sources`) was not scored alongside.
    #[error("{}", self.message(Lang::En))]
    SourceNotScored {
        /// Its id.
        rubric: String,
    },
    /// An office the assessment drawn on does not have.
    #[error("{}", self.message(Lang::En))]
    NotInSource {
        /// The other rubric's id.
        rubric: String,
        /// The other assessment's name, as the rubric's `sources` gives it.
        name: Text,
    },
    /// A value typed that differs from the assessment drawn on.
    #[error("{}", self.message(Lang::En))]
    SourceDisagrees {
        /// The value typed.
        typed: String,
        /// The other assessment's published total.
        total: String,
        /// The other rubric's id.
        rubric: String,
        /// The other assessment's name, as the rubric's `sources` gives it.
        name: Text,
    },
    /// A judgement that deducts without its reason (the error is at the
    /// reason's cell).
    #[error("{}", self.message(Lang::En))]
    ReasonRequired {
        /// The input holding the deduction.
        column: String,
        /// Its label.
        label: Text,
    },
    /// `N/A` (不适用) in a cell whose input may not be not applicable.
    #[error("{}", self.message(Lang::En))]
    NaNotAllowed {
        /// The cell's text.
        text: String,
    },
    /// A value in a cell that the office's category is not scored on.
    #[error("{}", self.message(Lang::En))]
    NotForCategory {
        /// The cell's text.
        text: String,
        /// The office's category.
        category: Text,
    },
    /// A category cell that names none of the rubric's categories.
    #[error("{}", self.message(Lang::En))]
    UnknownCategory {
        /// The cell's text.
        text: String,
        /// The categories' names, `A类/B类`.
        categories: Text,
    },
    /// A cell of a `choice` input that names none of its choices.
    #[error("{}", self.message(Lang::En))]
    UnknownChoice {
        /// The cell's text.
        text: String,
        /// The choices, `优/良/一般/差` (`excellent/good/fair/poor`).
        choices: Text,
    },
}

impl DataProblem {
    /// A stable code for this kind of problem (`data.empty_file`…),
    /// listed in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        match self {
            DataProblem::EmptyFile => "data.empty_file",
            DataProblem::NoOffices => "data.no_offices",
            DataProblem::OfficeHeader { .. } => "data.office_header",
            DataProblem::UnknownColumn { .. } => "data.unknown_column",
            DataProblem::DuplicateColumn { .. } => "data.duplicate_column",
            DataProblem::MissingColumn => "data.missing_column",
            DataProblem::BlankOffice => "data.blank_office",
            DataProblem::DuplicateOffice { .. } => "data.duplicate_office",
            DataProblem::Blank => "data.blank",
            DataProblem::NotANumber { .. } => "data.not_a_number",
            DataProblem::Negative { .. } => "data.negative",
            DataProblem::Fractional { .. } => "data.fractional",
            DataProblem::TooPrecise { .. } => "data.too_precise",
            DataProblem::BadFlag { .. } => "data.bad_flag",
            DataProblem::OutOfRange { .. } => "data.out_of_range",
            DataProblem::Exceeds { .. } => "data.exceeds",
            DataProblem::ExtraCell { .. } => "data.extra_cell",
            DataProblem::UnknownChoice { .. } => "data.unknown_choice",
            DataProblem::NaNotAllowed { .. } => "data.na_not_allowed",
            DataProblem::UnknownCategory { .. } => "data.unknown_category",
            DataProblem::NotForCategory { .. } => "data.not_for_category",
            DataProblem::ReasonRequired { .. } => "data.reason_required",
            DataProblem::SourceNotScored { .. } => "data.source_not_scored",
            DataProblem::NotInSource { .. } => "data.not_in_source",
            DataProblem::SourceDisagrees { .. } => "data.source_disagrees",
        }
    }
}

impl DataProblem {
    /// The offending text as written, where the problem has one (a cell,
    /// a header).
    pub fn text(&self) -> Option<&str> {
        use DataProblem::*;
        match self {
            NotANumber { text }
            | Negative { text }
            | Fractional { text }
            | TooPrecise { text }
            | BadFlag { text }
            | ExtraCell { text }
            | UnknownChoice { text, .. }
            | UnknownCategory { text, .. }
            | NotForCategory { text, .. }
            | NaNotAllowed { text }
            | SourceDisagrees { typed: text, .. } => Some(text),
            OutOfRange { value, .. } | Exceeds { value, .. } => Some(value),
            OfficeHeader { found } => Some(found),
            UnknownColumn { header, .. } | DuplicateColumn { header, .. } => Some(header),
            _ => None,
        }
    }

    /// The problem in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use DataProblem::*;
        let zh = lang == Lang::Zh;
        match self {
            EmptyFile => lang.pick("文件为空", "the file is empty").into(),
            NoOffices => lang
                .pick(
                    "只有表头，没有任何处室的数据",
                    "there is a header but no office rows",
                )
                .into(),
            OfficeHeader { found } => {
                if zh {
                    format!("第一列的表头应为“处室”或“office”，实际为“{found}”")
                } else {
                    format!("the first column must be headed `office` or `处室`, not `{found}`")
                }
            }
            UnknownColumn { header, suggestion } => {
                let hint = match (suggestion, zh) {
                    (Some(s), true) => format!("（是否应为“{s}”？）"),
                    (Some(s), false) => format!(" (did you mean `{s}`?)"),
                    (None, _) => String::new(),
                };
                if zh {
                    format!("未知的列“{header}”{hint}")
                } else {
                    format!("unknown column `{header}`{hint}")
                }
            }
            DuplicateColumn {
                header,
                first_column,
            } => {
                let letter = column_letter(*first_column);
                if zh {
                    format!("列“{header}”与第{letter}列重复")
                } else {
                    format!("column `{header}` repeats column {letter}")
                }
            }
            MissingColumn => lang.pick("缺少此列", "this column is missing").into(),
            BlankOffice => lang.pick("处室名称为空", "the office name is blank").into(),
            DuplicateOffice { first_line } => match (first_line, zh) {
                (Some(l), true) => format!("处室名称重复（第{l}行已出现）"),
                (Some(l), false) => format!("this office already appears on line {l}"),
                (None, true) => "处室名称重复".into(),
                (None, false) => "this office appears twice".into(),
            },
            Blank => lang
                .pick(
                    "单元格为空（如为零请填 0）",
                    "the cell is blank (write 0 for zero)",
                )
                .into(),
            NotANumber { text } => {
                if zh {
                    format!("“{text}”不是数字")
                } else {
                    format!("`{text}` is not a number")
                }
            }
            Negative { text } => {
                if zh {
                    format!("不能为负数：{text}")
                } else {
                    format!("must not be negative: {text}")
                }
            }
            Fractional { text } => {
                if zh {
                    format!("应为整数：{text}")
                } else {
                    format!("must be a whole number: {text}")
                }
            }
            TooPrecise { text } => {
                if zh {
                    format!("数字位数过多，无法精确保存（最多28位有效数字）：{text}")
                } else {
                    format!(
                        "too many digits to hold exactly (28 significant digits at most): {text}"
                    )
                }
            }
            BadFlag { text } => {
                if zh {
                    format!("“{text}”不是是/否值（可填 是/否、1/0、yes/no、true/false）")
                } else {
                    format!("`{text}` is not a yes or no (use yes/no, 1/0, true/false, 是/否)")
                }
            }
            OutOfRange { value, min, max } => {
                if zh {
                    format!("{value} 超出范围，应在 {min} 到 {max} 之间")
                } else {
                    format!("{value} is out of range: it must be from {min} to {max}")
                }
            }
            Exceeds {
                value,
                limit_input,
                limit_label,
                limit,
            } => {
                // The other input by its label, as the grid and the
                // template show it (its id is in the diagnostic's data).
                let _ = limit_input;
                if zh {
                    format!("{value} 大于{}（{limit}）", limit_label.zh)
                } else {
                    format!(
                        "{value} is more than {} ({limit})",
                        limit_label.get(Lang::En)
                    )
                }
            }
            ExtraCell { text } => {
                if zh {
                    format!("表头之外多出的单元格：“{text}”")
                } else {
                    format!("a cell beyond the last header: `{text}`")
                }
            }
            SourceNotScored { rubric } => {
                if zh {
                    format!(
                        "本细则引用 {rubric} 的总分，但没有一并评分（命令行用 --source 给出其细则与数据）"
                    )
                } else {
                    format!(
                        "this rubric draws on {rubric}'s totals, which were not scored alongside (give its rubric and data with --source)"
                    )
                }
            }
            NotInSource { rubric, name } => {
                if zh {
                    format!("{}（{rubric}）的结果中没有这个处室", name.zh)
                } else {
                    format!("{} ({rubric}) has no such office", name.get(lang))
                }
            }
            SourceDisagrees {
                typed,
                total,
                rubric,
                name,
            } => {
                if zh {
                    format!(
                        "填写为 {typed}，与{}（{rubric}）中该处室的总分 {total} 不一致",
                        name.zh
                    )
                } else {
                    format!(
                        "typed as {typed}, but the office's total in {} ({rubric}) is {total}",
                        name.get(lang)
                    )
                }
            }
            ReasonRequired { column: _, label } => {
                if zh {
                    format!("已填“{}”，须在此写明扣分理由", label.zh)
                } else {
                    format!(
                        "\"{}\" deducts points: write the reason here",
                        label.get(Lang::En)
                    )
                }
            }
            NaNotAllowed { text } => {
                if zh {
                    format!("“{text}”：这一项不能填“不适用”（细则未规定其可不适用）")
                } else {
                    format!(
                        "`{text}`: this input cannot be not applicable (the rubric does not allow it)"
                    )
                }
            }
            NotForCategory { text, category } => {
                if zh {
                    format!("“{text}”：{}不考核此项，请留空", category.zh)
                } else {
                    format!(
                        "{text}: {} is not scored on this input; leave it blank",
                        category.get(Lang::En)
                    )
                }
            }
            UnknownCategory { text, categories } if text.is_empty() => {
                if zh {
                    format!("请填写类别（{}）", categories.zh)
                } else {
                    format!("the category is blank ({})", categories.get(Lang::En))
                }
            }
            UnknownCategory { text, categories } => {
                if zh {
                    format!("“{text}”不是评分细则的类别（{}）", categories.zh)
                } else {
                    format!(
                        "`{text}` is not one of the rubric's categories ({})",
                        categories.get(Lang::En)
                    )
                }
            }
            UnknownChoice { text, choices } => {
                if zh {
                    format!("“{text}”不是可选的值（{}）", choices.zh)
                } else {
                    format!(
                        "`{text}` is not one of the choices ({})",
                        choices.get(Lang::En)
                    )
                }
            }
        }
    }
}

/// One located problem in a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file (or other source) name.
    pub source: String,
    /// 1-based line or spreadsheet row.
    pub line: Option<u32>,
    /// 1-based column (A = 1).
    pub column: Option<u32>,
    /// The office the row belongs to, when known.
    pub office: Option<String>,
    /// The input id of the column, when known.
    pub input: Option<String>,
    /// The input's label, when known.
    pub input_label: Option<Text>,
    /// Index of the row among the table's data rows (0 = first office row),
    /// for callers that mark cells.
    pub row_index: Option<usize>,
    /// What is wrong.
    pub problem: DataProblem,
}

impl DataError {
    /// The error as data: its code, place, text and message in both
    /// languages.
    pub fn diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.problem.code(), |lang| self.message(lang));
        d.file = Some(self.source.clone());
        d.line = self.line;
        d.column = self.column;
        d.office = self.office.clone();
        d.input = self.input.clone();
        d.text = self.problem.text().map(str::to_string);
        d
    }

    /// The error with its place, in `lang`.
    ///
    /// `dept6.csv 第3行第E列，处室“法规处”，咨询答复量（consultations_answered）：…`
    pub fn message(&self, lang: Lang) -> String {
        let mut details = Vec::new();
        if let Some(o) = &self.office {
            details.push(Detail::Office(o));
        }
        if let Some(i) = &self.input {
            details.push(Detail::Input(i, self.input_label.as_ref()));
        }
        let mut out = prefix(lang, &self.source, self.line, self.column, &details);
        out.push_str(&self.problem.message(lang));
        out
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DataError {}

/// Every problem found in one dataset (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct DataErrors {
    /// The problems, in table order.
    pub errors: Vec<DataError>,
}

impl DataErrors {
    /// Every problem as data (see [`DataError::diagnostic`]).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.errors.iter().map(DataError::diagnostic).collect()
    }

    /// All problems, one per line, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        lines(&self.errors, |e| e.message(lang))
    }
}

/// Spreadsheet column letter: 1 → A, 26 → Z, 27 → AA.
pub(crate) fn column_letter(column: u32) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads one cell as a value of `kind`.
///
/// Counts are whole numbers ≥ 0 (`1,234` with thousands separators is
/// accepted, `12.0` is 12, `12.5` is refused); amounts are decimals ≥ 0;
/// flags are `1/0`, `yes/no`, `y/n`, `true/false` (any case) or `是/否`,
/// read as 1 or 0.
pub(crate) fn parse_cell(kind: InputKind, text: &str) -> Result<Decimal, DataProblem> {
    // Fast path: plain digits, as nearly every count is (a file of 100 000
    // offices holds two million of them).
    if let Some(n) = plain_digits(text) {
        return match kind {
            InputKind::Flag if n > 1 => Err(DataProblem::BadFlag { text: text.into() }),
            _ => Ok(Decimal::from(n)),
        };
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(DataProblem::Blank);
    }
    // Typed full-width with a Chinese input method (１２, ３．５): the
    // same characters as ASCII.
    if t.chars().any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c)) {
        let ascii: String = t
            .chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        return parse_cell(kind, &ascii);
    }
    // Plain digits with spaces around them.
    if t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: u64 = t.bytes().fold(0, |n, b| n * 10 + u64::from(b - b'0'));
        return match kind {
            InputKind::Flag if n > 1 => Err(DataProblem::BadFlag { text: t.into() }),
            _ => Ok(Decimal::from(n)),
        };
    }
    if kind == InputKind::Flag {
        return match t.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "y" | "是" => Ok(Decimal::ONE),
            "0" | "false" | "no" | "n" | "否" => Ok(Decimal::ZERO),
            _ => Err(DataProblem::BadFlag { text: t.into() }),
        };
    }
    let digits = strip_thousands(t);
    let plain_text = digits.as_deref().unwrap_or(t);
    let value = match parse_decimal(plain_text) {
        Some(v) => v,
        // Digits, but more than a decimal holds: too large, or too many
        // decimal places.
        None if looks_numeric(plain_text) => {
            let int_digits = plain_text
                .trim_start_matches(['-', '+'])
                .split('.')
                .next()
                .unwrap_or("")
                .trim_start_matches('0')
                .len();
            return Err(if int_digits > 16 {
                DataProblem::OutOfRange {
                    value: t.into(),
                    min: "0".into(),
                    max: plain(MAX_VALUE),
                }
            } else {
                DataProblem::TooPrecise { text: t.into() }
            });
        }
        None => return Err(DataProblem::NotANumber { text: t.into() }),
    };
    check_value(kind, value).map_err(|p| match p {
        DataProblem::Negative { .. } => DataProblem::Negative { text: t.into() },
        DataProblem::Fractional { .. } => DataProblem::Fractional { text: t.into() },
        other => other,
    })
}

/// Whether a cell says the input does not apply: `N/A`, `NA`, `不适用`.
pub(crate) fn is_na_text(text: &str) -> bool {
    let t = text.trim();
    t.eq_ignore_ascii_case("n/a") || t.eq_ignore_ascii_case("na") || t == "不适用"
}

/// Reads one cell as a value of `input`: a choice's position among its
/// choices (matched by name in either language, any case), or a number as
/// [`parse_cell`] reads it.
pub(crate) fn parse_input(input: &Input, text: &str) -> Result<Decimal, DataProblem> {
    if input.kind != InputKind::Choice {
        return parse_cell(input.kind, text);
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(DataProblem::Blank);
    }
    let lower = t.to_lowercase();
    let found = input.choices.iter().position(|c| {
        c.zh.to_lowercase() == lower || c.en.as_ref().is_some_and(|e| e.to_lowercase() == lower)
    });
    match found {
        Some(k) => Ok(Decimal::from(k)),
        None => Err(DataProblem::UnknownChoice {
            text: t.to_string(),
            choices: Text::new(
                input
                    .choices
                    .iter()
                    .map(|c| c.zh.clone())
                    .collect::<Vec<_>>()
                    .join("/"),
                input
                    .choices
                    .iter()
                    .map(|c| c.get(Lang::En).to_string())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
        }),
    }
}

/// The value of 1 to 15 ASCII digits and nothing else.
#[inline]
fn plain_digits(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 15 {
        return None;
    }
    let mut n = 0u64;
    for &b in bytes {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + u64::from(d);
    }
    Some(n)
}

/// Checks a number against an input kind (no negatives; counts whole;
/// flags 0 or 1). Returns the value normalised (`12.0` → `12`).
pub(crate) fn check_value(kind: InputKind, value: Decimal) -> Result<Decimal, DataProblem> {
    let text = || plain(value);
    if value.is_sign_negative() && !value.is_zero() {
        return Err(DataProblem::Negative { text: text() });
    }
    if value > MAX_VALUE {
        return Err(DataProblem::OutOfRange {
            value: text(),
            min: "0".into(),
            max: plain(MAX_VALUE),
        });
    }
    match kind {
        InputKind::Count if !value.fract().is_zero() => {
            Err(DataProblem::Fractional { text: text() })
        }
        InputKind::Flag if value != Decimal::ZERO && value != Decimal::ONE => {
            Err(DataProblem::BadFlag { text: text() })
        }
        _ => Ok(value.normalize()),
    }
}

/// Whether text has the shape of a plain decimal number.
fn looks_numeric(t: &str) -> bool {
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("");
    !(int.is_empty() && frac.is_empty())
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// `1,234,567` → `1234567` when the commas group digits by three.
fn strip_thousands(t: &str) -> Option<String> {
    if !t.contains(',') {
        return None;
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok =
        (1..=3).contains(&groups[0].len()) && groups[0].chars().all(|c| c.is_ascii_digit());
    let rest_ok = groups[1..]
        .iter()
        .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if !(first_ok && rest_ok) {
        return None;
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

fn is_blank_row(row: &TableRow) -> bool {
    row.cells().all(|c| c.trim().is_empty())
}

fn norm_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}').trim().to_string()
}

/// Cross-input checks on one office's values, as the rubric's methods
/// declare them (answered and late never more than asked; scores entered
/// by hand within [0, 100]). Returns `(input index, problem)` pairs.
#[cfg(test)]
fn check_row(rubric: &Rubric, values: &[Decimal]) -> Vec<(usize, DataProblem)> {
    RowChecks::new(rubric).check(rubric, values)
}

/// One cell of input `i` read alone ([`Rubric::read_cell`]): N/A where
/// allowed, the input's value, and the checks of that input alone (a
/// judgement's range) that the dataset applies to the row.
pub(crate) fn read_cell(
    rubric: &Rubric,
    i: usize,
    text: &str,
) -> Result<crate::rubric::CellValue, DataProblem> {
    use crate::rubric::CellValue;
    if is_na_text(text) {
        return if rubric.na_inputs.get(i).copied().unwrap_or(false) {
            Ok(CellValue::NotApplicable)
        } else {
            Err(DataProblem::NaNotAllowed {
                text: text.trim().to_string(),
            })
        };
    }
    let v = parse_input(&rubric.inputs[i], text)?;
    if let Some(&Some((min, max))) = rubric.cell_ranges.get(i)
        && !(min..=max).contains(&v)
    {
        return Err(DataProblem::OutOfRange {
            value: plain(v),
            min: plain(min),
            max: plain(max),
        });
    }
    Ok(CellValue::Value(v))
}

/// A check on one office's row that a method declares
/// ([`crate::method::LeafMethod::row_checks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowCheck {
    /// Input `input` is at most input `limit` (answered ≤ asked).
    AtMost {
        /// The input checked.
        input: usize,
        /// The input it may not exceed.
        limit: usize,
    },
    /// Input `input` is 0, or text column `text` says why (a judgement's
    /// reason).
    Reason {
        /// The input checked.
        input: usize,
        /// The text column that must not be blank when it is not 0.
        text: usize,
    },
    /// Input `input` lies within `[min, max]`.
    Within {
        /// The input checked.
        input: usize,
        /// The smallest value allowed.
        min: Decimal,
        /// The largest value allowed.
        max: Decimal,
    },
}

/// The cross-input checks of a rubric, gathered once for many rows, in
/// leaf order.
#[derive(Debug)]
struct RowChecks(Vec<RowCheck>);

impl RowChecks {
    fn new(rubric: &Rubric) -> RowChecks {
        RowChecks(
            rubric
                .leaves
                .iter()
                .filter_map(|&leaf| rubric.node(leaf).method())
                .flat_map(|m| m.behaviour().row_checks())
                .collect(),
        )
    }

    /// Whether a row passes (the common case, checked without allocating).
    fn passes(&self, values: &[Decimal]) -> bool {
        self.0.iter().all(|check| match *check {
            RowCheck::AtMost { input, limit } => values[input] <= values[limit],
            RowCheck::Within { input, min, max } => (min..=max).contains(&values[input]),
            // Checked with the row's texts (`reasons`).
            RowCheck::Reason { .. } => true,
        })
    }

    /// The inputs that need a reason when not 0, and the text column
    /// holding it.
    fn reasons(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.0.iter().filter_map(|check| match *check {
            RowCheck::Reason { input, text } => Some((input, text)),
            _ => None,
        })
    }

    /// Whether a row of whole numbers passes (every entry is `Some`).
    fn passes_whole(&self, values: &[Option<u32>]) -> bool {
        self.passes_counts(|i| values[i].unwrap_or(0))
    }

    /// Whether a row of whole numbers, input `i` being `v(i)`, passes.
    fn passes_counts(&self, v: impl Fn(usize) -> u32) -> bool {
        self.0.iter().all(|check| match *check {
            RowCheck::AtMost { input, limit } => v(input) <= v(limit),
            RowCheck::Within { input, min, max } => (min..=max).contains(&Decimal::from(v(input))),
            RowCheck::Reason { .. } => true,
        })
    }

    fn check(&self, rubric: &Rubric, values: &[Decimal]) -> Vec<(usize, DataProblem)> {
        let mut out: Vec<(usize, DataProblem)> = Vec::new();
        if self.passes(values) {
            return out;
        }
        for check in &self.0 {
            let (input, problem) = match *check {
                RowCheck::AtMost { input, limit } => {
                    let v = values[input];
                    if v <= values[limit] {
                        continue;
                    }
                    (
                        input,
                        DataProblem::Exceeds {
                            value: plain(v),
                            limit_input: rubric.inputs[limit].id.clone(),
                            limit_label: rubric.inputs[limit].label.clone(),
                            limit: plain(values[limit]),
                        },
                    )
                }
                RowCheck::Reason { .. } => continue,
                RowCheck::Within { input, min, max } => {
                    let v = values[input];
                    if (min..=max).contains(&v) {
                        continue;
                    }
                    (
                        input,
                        DataProblem::OutOfRange {
                            value: plain(v),
                            min: plain(min),
                            max: plain(max),
                        },
                    )
                }
            };
            // One problem per input: the first check it fails.
            if !out.iter().any(|(i, _)| *i == input) {
                out.push((input, problem));
            }
        }
        out
    }
}

/// Which input each column of a table holds, once its header is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// For each input (rubric order), its 0-based column.
    pub input_column: Vec<usize>,
    /// For each text column (rubric order), its 0-based column, if the
    /// table has it.
    pub text_column: Vec<Option<usize>>,
    /// The number of header cells (trailing blank ones left out).
    pub width: usize,
    /// The index in [`Table::rows`] of the header row (the first row that
    /// is not blank); data rows follow it.
    pub header_row: usize,
}

impl ColumnMap {
    /// Reads a table's header against a rubric: the office column first,
    /// then every input once, by id, Chinese label or English label.
    pub fn read(rubric: &Rubric, table: &Table) -> Result<ColumnMap, DataErrors> {
        let Some(header_row) = table.rows.iter().position(|r| !is_blank_row(r)) else {
            return Err(DataErrors {
                errors: vec![DataError {
                    source: table.source.clone(),
                    line: None,
                    column: None,
                    office: None,
                    input: None,
                    input_label: None,
                    row_index: None,
                    problem: DataProblem::EmptyFile,
                }],
            });
        };
        let (input_column, text_column, width) =
            read_header(rubric, &table.source, &table.rows[header_row])
                .map_err(|errors| DataErrors { errors })?;
        Ok(ColumnMap {
            input_column,
            text_column,
            width,
            header_row,
        })
    }
}

/// Every header an input or a text column is accepted under (id and
/// English label in lower case, Chinese label as written), to the input's
/// index; text column `k` is `inputs + k`.
fn header_names(rubric: &Rubric) -> HashMap<String, usize> {
    let mut names = HashMap::new();
    let labels = rubric
        .inputs
        .iter()
        .map(|i| (&i.id, &i.label))
        .chain(rubric.text_columns.iter().map(|c| (&c.id, &c.label)));
    for (i, (id, label)) in labels.enumerate() {
        names.insert(id.to_lowercase(), i);
        names.insert(label.zh.clone(), i);
        if let Some(en) = &label.en {
            names.insert(en.to_lowercase(), i);
        }
    }
    names
}

/// The input a header names, if any.
fn header_input(names: &HashMap<String, usize>, header: &str) -> Option<usize> {
    let h = norm_header(header);
    names
        .get(&h)
        .or_else(|| names.get(&h.to_lowercase()))
        .copied()
}

impl Table {
    /// The table without the columns that name an input of `other` but none
    /// of `rubric`'s: one data file holding the columns of two rubrics (a
    /// revision that adds or drops an input) reads under each.
    pub fn for_rubric(&self, rubric: &Rubric, other: &Rubric) -> Table {
        let Some(header_row) = self.rows.iter().position(|r| !is_blank_row(r)) else {
            return self.clone();
        };
        let (mine, theirs) = (header_names(rubric), header_names(other));
        let keep: Vec<bool> = self.rows[header_row]
            .cells()
            .enumerate()
            .map(|(c, h)| {
                c == 0 || header_input(&mine, h).is_some() || header_input(&theirs, h).is_none()
            })
            .collect();
        Table {
            source: self.source.clone(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    TableRow::new(
                        r.line,
                        r.cells()
                            .enumerate()
                            .filter(|(c, _)| keep.get(*c).copied().unwrap_or(true))
                            .map(|(_, v)| v),
                    )
                })
                .collect(),
        }
    }
}

/// Reads a header row: the column of each input and of each text column
/// present, and the number of header cells.
#[allow(clippy::type_complexity)]
fn read_header(
    rubric: &Rubric,
    source: &str,
    header: &TableRow,
) -> Result<(Vec<usize>, Vec<Option<usize>>, usize), Vec<DataError>> {
    let mut errors = Vec::new();
    let inputs = rubric.inputs.len();
    let err = |column: Option<u32>, input: Option<usize>, problem| DataError {
        source: source.to_string(),
        line: Some(header.line),
        column,
        office: None,
        input: input.map(|i: usize| rubric.inputs[i].id.clone()),
        input_label: input.map(|i| rubric.inputs[i].label.clone()),
        row_index: None,
        problem,
    };
    let first = header.cell(0).map(norm_header).unwrap_or_default();
    if !OFFICE_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(&first))
    {
        errors.push(err(
            Some(1),
            None,
            DataProblem::OfficeHeader { found: first },
        ));
    }
    let names = header_names(rubric);
    // Inputs first, then text columns.
    let mut column_of: Vec<Option<usize>> = vec![None; inputs + rubric.text_columns.len()];
    let mut width = header.len();
    // Trailing blank header cells (Excel leaves them) are not columns.
    while width > 1 && header.cell(width - 1).is_some_and(|c| c.trim().is_empty()) {
        width -= 1;
    }
    for (col, cell) in header.cells().enumerate().take(width).skip(1) {
        let h = norm_header(cell);
        let found = header_input(&names, cell);
        match found {
            Some(i) => match column_of[i] {
                Some(first) => errors.push(err(
                    Some(col as u32 + 1),
                    (i < inputs).then_some(i),
                    DataProblem::DuplicateColumn {
                        header: h,
                        first_column: first as u32 + 1,
                    },
                )),
                None => column_of[i] = Some(col),
            },
            None => {
                let candidates = rubric
                    .inputs
                    .iter()
                    .flat_map(|i| [i.id.as_str(), i.label.zh.as_str()])
                    .chain(
                        rubric
                            .text_columns
                            .iter()
                            .flat_map(|c| [c.id.as_str(), c.label.zh.as_str()]),
                    );
                let suggestion = closest(&h, candidates);
                errors.push(err(
                    Some(col as u32 + 1),
                    None,
                    DataProblem::UnknownColumn {
                        header: h,
                        suggestion,
                    },
                ));
            }
        }
    }
    for (i, c) in column_of.iter().enumerate().take(inputs) {
        if c.is_none() {
            errors.push(err(None, Some(i), DataProblem::MissingColumn));
        }
    }
    if let Some(cats) = rubric.categories()
        && column_of[inputs + cats.column.index()].is_none()
    {
        // Which category an office is in decides how it is scored.
        let c = &rubric.text_columns[cats.column.index()];
        let mut e = err(None, None, DataProblem::MissingColumn);
        e.input = Some(c.id.clone());
        e.input_label = Some(c.label.clone());
        errors.push(e);
    }
    if errors.is_empty() {
        let texts = column_of.split_off(inputs);
        Ok((column_of.into_iter().flatten().collect(), texts, width))
    } else {
        Err(errors)
    }
}

impl Dataset {
    /// Reads a table against a rubric, refusing it if anything is wrong.
    ///
    /// Every problem is reported, each with its line, column, office and
    /// input.
    pub fn from_table(rubric: &Rubric, table: &Table) -> Result<Dataset, DataErrors> {
        let (dataset, errors) = Self::from_table_lenient(rubric, table)?;
        if errors.is_empty() {
            Ok(dataset)
        } else {
            Err(DataErrors { errors })
        }
    }

    /// Reads a table against a rubric, leaving out the offices whose rows
    /// have a problem and returning those problems beside the rest.
    ///
    /// A table whose header is wrong, or that holds no rows, is refused
    /// outright: there is nothing sound to keep.
    pub fn from_table_lenient(
        rubric: &Rubric,
        table: &Table,
    ) -> Result<(Dataset, Vec<DataError>), DataErrors> {
        let mut builder = DatasetBuilder::new(rubric, &table.source);
        builder.expect_rows(table.rows.len());
        for row in &table.rows {
            builder.push_row(row);
        }
        builder.finish_lenient()
    }

    /// Builds a dataset from numbers, checked like a table's cells.
    ///
    /// Each row gives an office name and one value per rubric input, in the
    /// rubric's input order (a `choice` input's value is the position of
    /// its choice, from 0). `source` names the data in error messages.
    pub fn from_values<I, S>(rubric: &Rubric, source: &str, rows: I) -> Result<Dataset, DataErrors>
    where
        I: IntoIterator<Item = (S, Vec<Decimal>)>,
        S: Into<String>,
    {
        let mut table = Table {
            source: source.to_string(),
            rows: vec![TableRow::new(
                1,
                std::iter::once("office").chain(rubric.inputs.iter().map(|i| i.id.as_str())),
            )],
        };
        for (n, (name, values)) in rows.into_iter().enumerate() {
            let mut row = TableRow::new(n as u32 + 2, [name.into()]);
            for (k, v) in values.into_iter().enumerate() {
                // A choice's position reads as its name.
                match rubric.inputs.get(k) {
                    Some(input) if input.kind == InputKind::Choice => row.push(&input.typed(v)),
                    _ => row.push(&v.to_string()),
                }
            }
            table.rows.push(row);
        }
        Dataset::from_table(rubric, &table)
    }

    /// An empty dataset for `rubric`.
    pub fn empty(rubric: &Rubric) -> Dataset {
        Dataset {
            input_ids: rubric.inputs.iter().map(|i| i.id.clone()).collect(),
            offices: Arc::new(Vec::new()),
            columns: (0..rubric.inputs.len())
                .map(|_| Arc::new(Column::Whole(Vec::new())))
                .collect(),
            texts: vec![Vec::new(); rubric.text_columns.len()],
            na: vec![None; rubric.inputs.len()],
        }
    }

    /// Whether an office's cell of an input holds `N/A` (不适用).
    pub fn is_na(&self, office: OfficeIx, input: InputIx) -> bool {
        self.na_at(office.index(), input.index())
    }

    /// Whether an office's cell of an input holds `N/A`, by untyped
    /// positions.
    pub(crate) fn na_at(&self, office: usize, input: usize) -> bool {
        self.na
            .get(input)
            .and_then(Option::as_ref)
            .is_some_and(|m| m.get(office).copied().unwrap_or(false))
    }

    /// Which offices' cells of an input hold `N/A`, if any do.
    pub(crate) fn na_column(&self, input: usize) -> Option<&Arc<Vec<bool>>> {
        self.na.get(input).and_then(Option::as_ref)
    }

    /// Number of offices.
    pub fn len(&self) -> usize {
        self.offices.len()
    }

    /// Whether there are no offices.
    pub fn is_empty(&self) -> bool {
        self.offices.is_empty()
    }

    /// The offices, in data order, with their positions.
    pub fn offices(&self) -> Positions<'_, OfficeIx, Office> {
        Positions::all(&self.offices)
    }

    /// One office.
    pub fn office(&self, office: OfficeIx) -> &Office {
        &self.offices[office.index()]
    }

    /// The offices, shared (cheap to clone).
    pub(crate) fn shared_offices(&self) -> Arc<Vec<Office>> {
        Arc::clone(&self.offices)
    }

    /// One input's column, shared (cheap to clone).
    pub(crate) fn shared_column(&self, input: usize) -> Arc<Column> {
        Arc::clone(&self.columns[input])
    }

    /// The input ids the values are laid out by.
    pub fn input_ids(&self) -> &[String] {
        &self.input_ids
    }

    /// Finds an office by name.
    pub fn find(&self, name: &str) -> Option<OfficeIx> {
        self.offices
            .iter()
            .position(|o| o.name == name)
            .map(OfficeIx::new)
    }

    /// One office's value of one input.
    pub fn value(&self, office: OfficeIx, input: InputIx) -> Decimal {
        self.columns[input.index()].get(office.index())
    }

    /// One office's value of one input, by untyped positions.
    pub(crate) fn value_at(&self, office: usize, input: usize) -> Decimal {
        self.columns[input].get(office)
    }

    /// Every office's value of one input, in office order.
    pub(crate) fn column(&self, input: usize) -> &Column {
        &self.columns[input]
    }

    /// One office's text in one of the rubric's text columns, trimmed; ""
    /// when blank or when the data has no such column.
    pub fn text(&self, office: OfficeIx, column: TextIx) -> &str {
        self.texts
            .get(column.index())
            .and_then(|t| t.get(office.index()))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// One office's values, in the rubric's input order (a copy).
    pub fn row(&self, office: OfficeIx) -> Vec<Decimal> {
        self.columns.iter().map(|c| c.get(office.index())).collect()
    }

    /// The offices at `positions` (ascending), as a dataset of their own
    /// without its texts: what leaves are scored on within one category.
    pub(crate) fn subset(&self, positions: &[usize]) -> Dataset {
        let column = |c: &Column| match c {
            Column::Whole(v) => Column::Whole(positions.iter().map(|&o| v[o]).collect()),
            Column::Decimal(v) => Column::Decimal(positions.iter().map(|&o| v[o]).collect()),
        };
        Dataset {
            input_ids: self.input_ids.clone(),
            offices: Arc::new(positions.iter().map(|&o| self.offices[o].clone()).collect()),
            columns: self.columns.iter().map(|c| Arc::new(column(c))).collect(),
            // Scoring reads no text: none are copied.
            texts: vec![Vec::new(); self.texts.len()],
            na: self
                .na
                .iter()
                .map(|m| {
                    m.as_ref()
                        .map(|m| Arc::new(positions.iter().map(|&o| m[o]).collect()))
                })
                .collect(),
        }
    }

    /// Whether this dataset was read for a rubric with these inputs.
    pub fn fits(&self, rubric: &Rubric) -> bool {
        self.input_ids.len() == rubric.inputs.len()
            && self
                .input_ids
                .iter()
                .zip(&rubric.inputs)
                .all(|(a, b)| *a == b.id)
    }
}

/// Receives a table's rows one at a time, in order, as a reader
/// produces them: a [`Table`] keeps them all, a [`DatasetBuilder`] reads
/// each as it comes.
pub trait RowSink {
    /// How many rows are about to come, at most: a hint for memory.
    fn expect_rows(&mut self, _rows: usize) {}

    /// The next row. The caller may reuse it for the row after.
    fn push_row(&mut self, row: &TableRow);

    /// The next row as one line of text (without its line break) whose
    /// cells are separated by `delimiter`, with no quoting: what a reader
    /// of plain CSV has at hand. Made into a [`TableRow`]
    /// (cut at every delimiter) unless the sink reads such lines itself.
    fn push_line(&mut self, line: u32, text: &str, delimiter: u8) {
        self.push_row(&TableRow::from_line(line, text, delimiter));
    }
}

impl RowSink for Table {
    fn expect_rows(&mut self, rows: usize) {
        self.rows.reserve(rows);
    }

    fn push_row(&mut self, row: &TableRow) {
        self.rows.push(row.clone());
    }

    fn push_line(&mut self, line: u32, text: &str, delimiter: u8) {
        self.rows.push(TableRow::from_line(line, text, delimiter));
    }
}

/// Builds a [`Dataset`] from rows handed over one at a time: the header
/// (the first row that is not blank), then one office per row, each
/// checked exactly as [`Dataset::from_table`] checks it.
///
/// A reader can hand rows straight from a file (the builder is a
/// [`RowSink`]), so that a large file never waits in memory as a
/// [`Table`]: 100 000 offices need a quarter of the memory.
///
/// ```
/// use scoring_core::{DatasetBuilder, Rubric, TableRow, bundled};
/// use scoring_core::dataset::RowSink;
/// let rubric = Rubric::from_yaml("shandong", bundled::SHANDONG_2017).unwrap();
/// let csv = include_str!("../../tests/fixtures/dept6.csv");
/// let mut builder = DatasetBuilder::new(&rubric, "dept6.csv");
/// let mut row = TableRow::default();
/// for (n, line) in csv.lines().enumerate() {
///     row.clear(n as u32 + 1);
///     line.split(',').for_each(|cell| row.push(cell));
///     builder.push_row(&row);
/// }
/// let data = builder.finish().unwrap();
/// assert_eq!(data.offices().next().map(|(_, o)| o.name.as_str()), Some("办公室"));
/// ```
#[derive(Debug)]
pub struct DatasetBuilder<'r> {
    rubric: &'r Rubric,
    source: String,
    header: Header,
    /// Rows expected (a hint), for the columns' first allocation.
    capacity: usize,
    /// Data rows seen (blank ones left out): the next row's index.
    data_rows: usize,
    /// Every office named so far, accepted or not (a later row repeating a
    /// refused office's name is still a duplicate).
    offices: Vec<Office>,
    /// Positions in `offices` of the offices whose rows were refused.
    refused: Vec<usize>,
    /// The names in `offices`.
    seen: Names,
    columns: Vec<Column>,
    /// The text columns' cells, by column then accepted office.
    texts: Vec<Vec<String>>,
    /// Which accepted offices' cells hold `N/A`, by input (empty until
    /// one does).
    na: Vec<Vec<bool>>,
    /// One row's `N/A` cells, by input.
    row_na: Vec<bool>,
    errors: Vec<DataError>,
    checks: RowChecks,
    /// One row's values, reused from row to row.
    row_values: Vec<Decimal>,
    row_whole: Vec<Option<u32>>,
    /// For a delimited line: its counts, by input.
    row_counts: Vec<u32>,
    /// For a delimited line: the input in each column after the first.
    column_inputs: Vec<usize>,
    /// A row's memory, for lines that need [`TableRow`]s.
    scratch: TableRow,
    /// With categories: by category, the inputs its offices do not need
    /// (their cells may be blank).
    unneeded: Vec<Vec<bool>>,
}

/// Office names seen so far, found by their position in a list of
/// offices. Each entry keeps half its name's hash beside the position, so
/// that a lookup seldom reads a name that only looks alike.
#[derive(Debug, Default)]
struct Names {
    table: hashbrown::HashTable<(u32, u32)>,
    hasher: FixedState,
}

impl Names {
    fn hash(&self, name: &str) -> u64 {
        self.hasher.hash_one(name)
    }

    /// The position of `name` (whose hash is `hash`) in `offices`.
    fn find(&self, hash: u64, name: &str, offices: &[Office]) -> Option<usize> {
        let tag = (hash >> 32) as u32;
        self.table
            .find(hash, |&(t, o)| t == tag && offices[o as usize].name == name)
            .map(|&(_, o)| o as usize)
    }

    /// Notes that `offices[position]` (whose name's hash is `hash`) was
    /// seen.
    fn insert(&mut self, hash: u64, position: usize, offices: &[Office]) {
        let hasher = &self.hasher;
        let entry = (
            (hash >> 32) as u32,
            u32::try_from(position).unwrap_or(u32::MAX),
        );
        self.table.insert_unique(hash, entry, |&(_, o)| {
            hasher.hash_one(offices[o as usize].name.as_str())
        });
    }

    /// Makes room for `more` names if memory allows.
    fn try_reserve(&mut self, more: usize, offices: &[Office]) {
        let hasher = &self.hasher;
        let _ = self.table.try_reserve(more, |&(_, o)| {
            hasher.hash_one(offices[o as usize].name.as_str())
        });
    }
}

/// The most rows a [`DatasetBuilder`] reserves memory for before they come
/// (about 130 MB for a rubric of 21 inputs).
const RESERVED_ROWS: usize = 1 << 20;

/// Where a [`DatasetBuilder`] stands with the header.
#[derive(Debug)]
enum Header {
    /// Only blank rows so far (the count).
    Waiting(usize),
    /// Read (on the line given): data rows follow.
    Read(ColumnMap, u32),
    /// Wrong: the rows that follow cannot be read.
    Refused(DataErrors),
}

impl<'r> DatasetBuilder<'r> {
    /// A builder for data read against `rubric`; `source` names the data
    /// (a file name) in errors.
    pub fn new(rubric: &'r Rubric, source: &str) -> DatasetBuilder<'r> {
        let n_inputs = rubric.inputs.len();
        DatasetBuilder {
            rubric,
            source: source.to_string(),
            header: Header::Waiting(0),
            capacity: 0,
            data_rows: 0,
            offices: Vec::new(),
            refused: Vec::new(),
            seen: Names::default(),
            columns: (0..n_inputs).map(|_| Column::with_capacity(0)).collect(),
            texts: vec![Vec::new(); rubric.text_columns.len()],
            na: vec![Vec::new(); n_inputs],
            row_na: vec![false; n_inputs],
            errors: Vec::new(),
            checks: RowChecks::new(rubric),
            row_values: vec![Decimal::ZERO; n_inputs],
            row_whole: vec![None; n_inputs],
            row_counts: vec![0; n_inputs],
            column_inputs: Vec::new(),
            scratch: TableRow::default(),
            unneeded: rubric
                .categories()
                .map(|c| {
                    (0..c.list.len())
                        .map(|k| {
                            (0..n_inputs)
                                .map(|i| !rubric.input_in_category(InputIx::new(i), k))
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Every office read so far, with the problems of the rows left out;
    /// refused outright when the header is wrong or there are no rows
    /// (see [`Dataset::from_table_lenient`]).
    pub fn finish_lenient(mut self) -> Result<(Dataset, Vec<DataError>), DataErrors> {
        let header_line = match std::mem::replace(&mut self.header, Header::Waiting(0)) {
            Header::Waiting(_) => {
                return Err(self.refusal(None, DataProblem::EmptyFile));
            }
            Header::Refused(errors) => return Err(errors),
            Header::Read(_, line) => line,
        };
        if self.data_rows == 0 {
            return Err(self.refusal(Some(header_line), DataProblem::NoOffices));
        }
        if !self.refused.is_empty() {
            let mut position = 0;
            let refused = &self.refused;
            let mut next = 0;
            self.offices.retain(|_| {
                let keep = refused.get(next) != Some(&position);
                if !keep {
                    next += 1;
                }
                position += 1;
                keep
            });
        }
        let dataset = Dataset {
            input_ids: self.rubric.inputs.iter().map(|i| i.id.clone()).collect(),
            offices: Arc::new(self.offices),
            columns: self.columns.into_iter().map(Arc::new).collect(),
            texts: self.texts,
            na: self
                .na
                .into_iter()
                .map(|m| m.iter().any(|&b| b).then(|| Arc::new(m)))
                .collect(),
        };
        Ok((dataset, self.errors))
    }

    /// The dataset, or every problem found (see [`Dataset::from_table`]).
    pub fn finish(self) -> Result<Dataset, DataErrors> {
        let (dataset, errors) = self.finish_lenient()?;
        if errors.is_empty() {
            Ok(dataset)
        } else {
            Err(DataErrors { errors })
        }
    }

    /// The one error refusing the whole data.
    fn refusal(&self, line: Option<u32>, problem: DataProblem) -> DataErrors {
        DataErrors {
            errors: vec![DataError {
                source: self.source.clone(),
                line,
                column: None,
                office: None,
                input: None,
                input_label: None,
                row_index: None,
                problem,
            }],
        }
    }

    /// Reads one office's row against the header.
    fn data_row(&mut self, row: &TableRow) {
        let Header::Read(layout, _) = &self.header else {
            return;
        };
        let rubric = self.rubric;
        let row_index = self.data_rows;
        self.data_rows += 1;
        let errors = &mut self.errors;
        let before = errors.len();
        let name = row.cell(0).map(str::trim).unwrap_or_default();
        let source = &self.source;
        let err = |column: Option<usize>, input: Option<usize>, problem| DataError {
            source: source.clone(),
            line: Some(row.line),
            column: column.map(|c| c as u32 + 1),
            office: (!name.is_empty()).then(|| name.to_string()),
            input: input.map(|i: usize| rubric.inputs[i].id.clone()),
            input_label: input.map(|i| rubric.inputs[i].label.clone()),
            row_index: Some(row_index),
            problem,
        };
        // The office's name hashed once, to find and then to note it.
        let mut new_name = None;
        if name.is_empty() {
            errors.push(err(Some(0), None, DataProblem::BlankOffice));
        } else {
            let hash = self.seen.hash(name);
            let offices = &self.offices;
            match self.seen.find(hash, name, offices) {
                Some(first) => errors.push(err(
                    Some(0),
                    None,
                    DataProblem::DuplicateOffice {
                        first_line: offices[first].line,
                    },
                )),
                None => new_name = Some(hash),
            }
        }
        // The office's category, where the rubric has them.
        let mut unneeded: &[bool] = &[];
        let mut category: Option<&Text> = None;
        if let Some(cats) = rubric.categories() {
            let k = cats.column.index();
            let col = layout.text_column.get(k).copied().flatten();
            let cell = col.and_then(|c| row.cell(c)).unwrap_or("").trim();
            match cats.find(cell) {
                Some(found) => {
                    unneeded = &self.unneeded[found];
                    category = Some(&cats.list[found].name);
                }
                None => {
                    let c = &rubric.text_columns[k];
                    let names = |lang: Lang| {
                        cats.list
                            .iter()
                            .map(|c| c.name.get(lang).to_string())
                            .collect::<Vec<_>>()
                            .join("/")
                    };
                    let mut e = err(
                        col,
                        None,
                        DataProblem::UnknownCategory {
                            text: cell.to_string(),
                            categories: Text {
                                zh: names(Lang::Zh),
                                en: Some(names(Lang::En)),
                            },
                        },
                    );
                    e.input = Some(c.id.clone());
                    e.input_label = Some(c.label.clone());
                    errors.push(e);
                }
            }
        }
        // Plain digits, as nearly every cell is, are read as whole numbers
        // without a call; a row of them is checked and stored without
        // decimals at all.
        let (row_values, row_whole) = (&mut self.row_values, &mut self.row_whole);
        let mut all_whole = true;
        for (i, input) in rubric.inputs.iter().enumerate() {
            let col = layout.input_column[i];
            let text = row.cell(col).unwrap_or("");
            self.row_na[i] = false;
            if unneeded.get(i).copied().unwrap_or(false) {
                // Not scored for the office's category: blank (or 0) is
                // 0; anything else is said, never dropped unseen.
                match parse_input(input, text) {
                    Err(DataProblem::Blank) => {
                        row_whole[i] = Some(0);
                        continue;
                    }
                    Ok(v) if v.is_zero() => {
                        row_whole[i] = Some(0);
                        continue;
                    }
                    Ok(_) => {
                        errors.push(err(
                            Some(col),
                            Some(i),
                            DataProblem::NotForCategory {
                                text: text.trim().to_string(),
                                category: category.cloned().unwrap_or_default(),
                            },
                        ));
                        row_whole[i] = None;
                        all_whole = false;
                        continue;
                    }
                    Err(_) => {}
                }
            }
            if is_na_text(text) {
                if rubric.na_inputs.get(i).copied().unwrap_or(false) {
                    // Not applicable: kept as 0, marked.
                    self.row_na[i] = true;
                    row_whole[i] = Some(0);
                    continue;
                }
                errors.push(err(
                    Some(col),
                    Some(i),
                    DataProblem::NaNotAllowed {
                        text: text.trim().to_string(),
                    },
                ));
                row_whole[i] = None;
                all_whole = false;
                continue;
            }
            if let Some(n) = plain_digits(text)
                && (input.kind != InputKind::Flag || n <= 1)
                && input.kind != InputKind::Choice
                && let Ok(w) = u32::try_from(n)
            {
                row_whole[i] = Some(w);
                continue;
            }
            row_whole[i] = None;
            all_whole = false;
            match parse_input(input, text) {
                Ok(v) => row_values[i] = v,
                Err(problem) => errors.push(err(Some(col), Some(i), problem)),
            }
        }
        let whole_passes = all_whole && self.checks.passes_whole(row_whole);
        if !whole_passes {
            for (v, w) in row_values.iter_mut().zip(row_whole.iter()) {
                if let Some(w) = w {
                    *v = Decimal::from(*w);
                }
            }
        }
        for col in layout.width..row.len() {
            let cell = row.cell(col).unwrap_or("");
            if !cell.trim().is_empty() {
                errors.push(err(
                    Some(col),
                    None,
                    DataProblem::ExtraCell {
                        text: cell.trim().into(),
                    },
                ));
            }
        }
        if errors.len() == before && !whole_passes {
            for (i, problem) in self.checks.check(rubric, row_values) {
                errors.push(err(Some(layout.input_column[i]), Some(i), problem));
            }
        }
        // A judgement that deducts anything says why.
        for (input, text) in self.checks.reasons() {
            let value = match row_whole[input] {
                Some(w) => Decimal::from(w),
                None => row_values[input],
            };
            let column = layout.text_column.get(text).copied().flatten();
            let why = column.and_then(|c| row.cell(c)).unwrap_or("").trim();
            if !value.is_zero() && why.is_empty() {
                // At the reason's cell (the one to fill), named as the
                // column it is.
                let c = &rubric.text_columns[text];
                let mut e = err(
                    Some(column.unwrap_or(layout.input_column[input])),
                    None,
                    DataProblem::ReasonRequired {
                        column: rubric.inputs[input].id.clone(),
                        label: rubric.inputs[input].label.clone(),
                    },
                );
                e.input = Some(c.id.clone());
                e.input_label = Some(c.label.clone());
                errors.push(e);
            }
        }
        let accepted = errors.len() == before;
        if let Some(hash) = new_name {
            let position = self.offices.len();
            self.offices.push(Office {
                name: name.to_string(),
                line: Some(row.line),
            });
            self.seen.insert(hash, position, &self.offices);
            if !accepted {
                self.refused.push(position);
            }
        }
        if accepted {
            if self.row_na.iter().any(|&b| b) || self.na.iter().any(|m| !m.is_empty()) {
                let accepted_before = self.columns.first().map_or(0, Column::len);
                for (m, &b) in self.na.iter_mut().zip(&self.row_na) {
                    if m.len() < accepted_before {
                        m.resize(accepted_before, false);
                    }
                    m.push(b);
                }
            }
            for (texts, column) in self.texts.iter_mut().zip(&layout.text_column) {
                let cell = column.and_then(|c| row.cell(c)).unwrap_or("");
                texts.push(cell.trim().to_string());
            }
            if whole_passes {
                for (column, w) in self.columns.iter_mut().zip(row_whole.iter()) {
                    column.push_whole(w.unwrap_or(0));
                }
            } else {
                for (column, v) in self.columns.iter_mut().zip(row_values.iter()) {
                    column.push(*v);
                }
            }
        }
    }

    /// Reads a line of text holding an office's name and one plain count
    /// per input, nothing else, each cell followed by `delimiter` but the
    /// last, that passes every check, as [`DatasetBuilder::data_row`]
    /// would, in one pass over its bytes (nearly every line of a large
    /// file). Returns `false`, having changed nothing, for any other line.
    fn plain_line(&mut self, line: u32, text: &str, delimiter: u8) -> bool {
        let Header::Read(layout, _) = &self.header else {
            return false;
        };
        // Reasons are text: such rows take the general way.
        if self.checks.reasons().next().is_some() {
            return false;
        }
        let Some(last) = self.column_inputs.len().checked_sub(1) else {
            return false;
        };
        if self.column_inputs.len() + 1 != layout.width {
            return false;
        }
        if !delimiter.is_ascii() {
            return false;
        }
        let bytes = text.as_bytes();
        let Some(first) = bytes.iter().position(|&b| b == delimiter) else {
            return false;
        };
        // An ASCII delimiter is a character of its own: `first` is a
        // character boundary.
        let Some(name) = text.get(..first).map(str::trim) else {
            return false;
        };
        if name.is_empty() {
            return false;
        }
        let inputs = &self.rubric.inputs;
        let mut at = first + 1;
        for (c, &input) in self.column_inputs.iter().enumerate() {
            let start = at;
            let mut n = 0u32;
            while let Some(&b) = bytes.get(at) {
                if b == delimiter {
                    break;
                }
                let d = b.wrapping_sub(b'0');
                if d > 9 {
                    return false;
                }
                // Nine digits at most (checked below) cannot overflow.
                n = n.wrapping_mul(10).wrapping_add(u32::from(d));
                at += 1;
            }
            if at == start || at - start > 9 {
                return false;
            }
            // Every cell but the last ends at a delimiter; the last ends
            // the line.
            if (c < last) != (at < bytes.len()) {
                return false;
            }
            at += 1;
            if (n > 1 && inputs[input].kind == InputKind::Flag)
                || inputs[input].kind == InputKind::Choice
            {
                return false;
            }
            self.row_counts[input] = n;
        }
        let counts = &self.row_counts;
        if !self.checks.passes_counts(|i| counts[i]) {
            return false;
        }
        let hash = self.seen.hash(name);
        if self.seen.find(hash, name, &self.offices).is_some() {
            return false;
        }
        self.data_rows += 1;
        let position = self.offices.len();
        self.offices.push(Office {
            name: name.to_string(),
            line: Some(line),
        });
        self.seen.insert(hash, position, &self.offices);
        for (column, &n) in self.columns.iter_mut().zip(&self.row_counts) {
            column.push_whole(n);
        }
        // Text columns the file does not have (a line of plain counts has
        // none).
        for texts in &mut self.texts {
            texts.push(String::new());
        }
        true
    }

    /// Reserves room for `rows` offices (the first allocation only).
    ///
    /// The number of rows is a hint (a file's line count, blank lines
    /// included): at most [`RESERVED_ROWS`] are reserved, and only as far
    /// as memory allows, so that a file of empty lines cannot ask for
    /// gigabytes up front. Beyond, everything grows as rows come.
    fn reserve(&mut self) {
        let rows = self.capacity.min(RESERVED_ROWS);
        let _ = self.offices.try_reserve(rows);
        self.seen.try_reserve(rows, &self.offices);
        for column in &mut self.columns {
            column.try_reserve(rows);
        }
    }
}

impl RowSink for DatasetBuilder<'_> {
    fn expect_rows(&mut self, rows: usize) {
        self.capacity = rows;
    }

    fn push_line(&mut self, line: u32, text: &str, delimiter: u8) {
        if !self.plain_line(line, text, delimiter) {
            let mut row = std::mem::take(&mut self.scratch);
            row.set_line(line, text, delimiter);
            self.push_row(&row);
            self.scratch = row;
        }
    }

    fn push_row(&mut self, row: &TableRow) {
        match &self.header {
            Header::Waiting(blank) => {
                if is_blank_row(row) {
                    self.header = Header::Waiting(blank + 1);
                    return;
                }
                let blank = *blank;
                self.header = match read_header(self.rubric, &self.source, row) {
                    Ok((input_column, text_column, width)) => {
                        self.capacity = self.capacity.saturating_sub(blank + 1);
                        self.reserve();
                        let mut column_inputs = vec![usize::MAX; width.saturating_sub(1)];
                        for (input, &c) in input_column.iter().enumerate() {
                            if let Some(slot) =
                                c.checked_sub(1).and_then(|c| column_inputs.get_mut(c))
                            {
                                *slot = input;
                            }
                        }
                        // Every column after the first holds an input, or
                        // lines are read the long way.
                        if column_inputs.contains(&usize::MAX) {
                            column_inputs.clear();
                        }
                        self.column_inputs = column_inputs;
                        Header::Read(
                            ColumnMap {
                                input_column,
                                text_column,
                                width,
                                header_row: blank,
                            },
                            row.line,
                        )
                    }
                    Err(errors) => Header::Refused(DataErrors { errors }),
                };
            }
            Header::Read(..) => {
                if !is_blank_row(row) {
                    self.data_row(row);
                }
            }
            Header::Refused(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rows_from_delimited_lines_read_like_pushed_cells() {
        let line = "办公室,1,,2";
        let row = TableRow::from_line(7, line, b',');
        assert_eq!(row.cells().collect::<Vec<_>>(), ["办公室", "1", "", "2"]);
        assert_eq!(row, TableRow::new(7, ["办公室", "1", "", "2"]));
        assert_ne!(row, TableRow::new(8, ["办公室", "1", "", "2"]));
        // A reused row forgets the cells it held.
        let mut reused = TableRow::from_line(1, "a\tb\tc\td\te", b'\t');
        reused.set_line(7, line, b',');
        assert_eq!(reused, row);
        assert_eq!(
            TableRow::from_line(2, "a\t,b\t", b'\t'),
            TableRow::new(2, ["a", ",b", ""])
        );
        assert_eq!(TableRow::from_line(3, "", b',').len(), 1);
    }

    #[test]
    fn rows_show_their_cells() {
        let row = TableRow::from_line(3, "办公室,1,,2", b',');
        assert_eq!(
            format!("{row:?}"),
            r#"TableRow { line: 3, cells: ["办公室", "1", "", "2"] }"#
        );
    }

    #[test]
    fn a_row_of_values_is_checked_across_inputs() {
        let rubric = Rubric::from_yaml("b", crate::bundled::SHANDONG_2017).unwrap();
        let id = |id: &str| rubric.inputs.iter().position(|i| i.id == id).unwrap();
        let mut values = vec![Decimal::ONE; rubric.inputs.len()];
        assert!(check_row(&rubric, &values).is_empty());
        values[id("consultations_answered")] = dec!(2);
        let problems = check_row(&rubric, &values);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, id("consultations_answered"));
        assert!(matches!(problems[0].1, DataProblem::Exceeds { .. }));
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(26), "Z");
        assert_eq!(column_letter(27), "AA");
        assert_eq!(column_letter(52), "AZ");
        assert_eq!(column_letter(703), "AAA");
    }

    #[test]
    fn one_cell_read_alone_agrees_with_the_dataset() {
        use crate::rubric::CellValue;
        // Every input of rubrics with counts, amounts, flags, choices and
        // N/A, against texts of every sort: the error a whole file reports
        // at that cell is the one `read_cell` gives, and a good cell's value
        // is the dataset's.
        let texts = [
            "",
            " ",
            "0",
            "1",
            "2",
            "12",
            " 7 ",
            "1,234",
            "2.5",
            "-1",
            "abc",
            "是",
            "否",
            "yes",
            "N/A",
            "na",
            "不适用",
            "优",
            "良",
            "good",
            "很好",
            "是，部分",
            "12.0",
            "1e3",
        ];
        for yaml in [
            crate::bundled::TOWN_MONTHLY,
            crate::bundled::BUREAU_OFFICES,
            crate::bundled::SHANDONG_2017,
        ] {
            let rubric = Rubric::from_yaml("r.yaml", yaml).unwrap();
            // A row that is valid everywhere: the first choice, 0 elsewhere.
            let good: Vec<String> = rubric
                .inputs
                .iter()
                .map(|i| {
                    i.choices
                        .first()
                        .map(|c| c.zh.clone())
                        .unwrap_or_else(|| "0".into())
                })
                .collect();
            let texts_cols: Vec<&str> = rubric.text_columns.iter().map(|c| c.id.as_str()).collect();
            for (i, input) in rubric.inputs.iter().enumerate() {
                let mut header = vec!["office".to_string()];
                header.extend(rubric.inputs.iter().map(|i| i.id.clone()));
                header.extend(texts_cols.iter().map(|c| c.to_string()));
                let mut rows = vec![TableRow::new(1, &header)];
                for (k, text) in texts.iter().enumerate() {
                    let mut cells = vec![format!("处室{k}")];
                    cells.extend(good.iter().cloned());
                    cells[i + 1] = text.to_string();
                    cells.extend(texts_cols.iter().map(|_| "理由".to_string()));
                    rows.push(TableRow::new(k as u32 + 2, &cells));
                }
                let table = Table {
                    source: "t.csv".into(),
                    rows,
                };
                let (data, errors) = Dataset::from_table_lenient(&rubric, &table).unwrap();
                for (k, text) in texts.iter().enumerate() {
                    let line = k as u32 + 2;
                    let alone = rubric.read_cell(InputIx::new(i), text);
                    // Checks across inputs (answered ≤ asked) are the row's.
                    let in_file = errors.iter().find(|e| {
                        e.line == Some(line)
                            && e.input.as_deref() == Some(input.id.as_str())
                            && !matches!(e.problem, DataProblem::Exceeds { .. })
                    });
                    match (&alone, in_file) {
                        (Err(p), Some(e)) => assert_eq!(*p, e.problem, "{} {text:?}", input.id),
                        (Ok(v), None) => {
                            let Some(o) = data.find(&format!("处室{k}")) else {
                                // Left out for a check across inputs.
                                continue;
                            };
                            match v {
                                CellValue::Value(v) => assert_eq!(
                                    data.value(o, InputIx::new(i)),
                                    *v,
                                    "{} {text:?}",
                                    input.id
                                ),
                                CellValue::NotApplicable => {
                                    assert!(data.is_na(o, InputIx::new(i)), "{} {text:?}", input.id)
                                }
                            }
                        }
                        _ => panic!(
                            "{} {text:?}: alone {alone:?}, in a file {in_file:?}",
                            input.id
                        ),
                    }
                }
            }
        }
    }

    #[test]
    fn cells_by_kind() {
        use InputKind::*;
        let ok = |k, t| parse_cell(k, t).unwrap();
        assert_eq!(ok(Count, " 12 "), dec!(12));
        assert_eq!(ok(Count, "12.0"), dec!(12));
        assert_eq!(ok(Count, "52,000"), dec!(52000));
        assert_eq!(ok(Count, "1,234,567"), dec!(1234567));
        assert_eq!(ok(Amount, "2.5"), dec!(2.5));
        assert_eq!(ok(Flag, "是"), dec!(1));
        assert_eq!(ok(Flag, "TRUE"), dec!(1));
        assert_eq!(ok(Flag, "否"), dec!(0));
        assert_eq!(ok(Flag, "0"), dec!(0));
        // Full-width, as a Chinese input method types them; the ideographic
        // space around them is space.
        assert_eq!(ok(Count, "２５"), dec!(25));
        assert_eq!(ok(Count, "\u{3000}１，２３４\u{3000}"), dec!(1234));
        assert_eq!(ok(Amount, "３．５"), dec!(3.5));
        assert_eq!(ok(Flag, "１"), dec!(1));
        let bad = |k, t| parse_cell(k, t).unwrap_err();
        assert!(matches!(bad(Count, "－２"), DataProblem::Negative { .. }));
        assert!(matches!(bad(Count, "２x"), DataProblem::NotANumber { .. }));
        assert_eq!(bad(Count, ""), DataProblem::Blank);
        assert_eq!(bad(Count, "  "), DataProblem::Blank);
        assert_eq!(
            bad(Count, "-1"),
            DataProblem::Negative { text: "-1".into() }
        );
        assert_eq!(
            bad(Count, "2.5"),
            DataProblem::Fractional { text: "2.5".into() }
        );
        assert_eq!(
            bad(Count, "abc"),
            DataProblem::NotANumber { text: "abc".into() }
        );
        assert_eq!(
            bad(Count, "1,23"),
            DataProblem::NotANumber {
                text: "1,23".into()
            }
        );
        assert_eq!(
            bad(Count, "12,3456"),
            DataProblem::NotANumber {
                text: "12,3456".into()
            }
        );
        assert_eq!(
            bad(Flag, "maybe"),
            DataProblem::BadFlag {
                text: "maybe".into()
            }
        );
        assert_eq!(bad(Flag, "2"), DataProblem::BadFlag { text: "2".into() });
        assert_eq!(
            bad(Amount, "-0.5"),
            DataProblem::Negative {
                text: "-0.5".into()
            }
        );
        assert_eq!(ok(Count, "-0"), dec!(0));
        assert_eq!(MAX_VALUE, dec!(1_000_000_000_000_000));
        assert_eq!(ok(Count, "1000000000000000"), MAX_VALUE);
        assert!(matches!(
            bad(Count, "1000000000000001"),
            DataProblem::OutOfRange { .. }
        ));
        assert!(matches!(
            bad(Count, "99999999999999999999999999999"),
            DataProblem::OutOfRange { .. }
        ));
        assert!(matches!(
            bad(Amount, "0.12345678901234567890123456789"),
            DataProblem::TooPrecise { .. }
        ));
        // 28 decimal places are not the limit: 28 significant digits are.
        assert_eq!(
            ok(Amount, "0.1234567890123456789012345678"),
            dec!(0.1234567890123456789012345678)
        );
        let refused = bad(Amount, "12.1234567890123456789012345678");
        assert!(matches!(refused, DataProblem::TooPrecise { .. }));
        assert!(
            refused
                .message(Lang::En)
                .contains("28 significant digits at most"),
            "{}",
            refused.message(Lang::En)
        );
    }

    #[test]
    fn flags_read_as_people_write_them() {
        let ok = |t| parse_cell(InputKind::Flag, t).unwrap();
        for yes in ["1", "yes", "YES", "Y", "y", "true", "True", "是"] {
            assert_eq!(ok(yes), dec!(1), "{yes}");
        }
        for no in ["0", "no", "No", "N", "n", "false", "否"] {
            assert_eq!(ok(no), dec!(0), "{no}");
        }
        let refused = parse_cell(InputKind::Flag, "maybe").unwrap_err();
        assert_eq!(
            refused.message(Lang::En),
            "`maybe` is not a yes or no (use yes/no, 1/0, true/false, 是/否)"
        );
        assert!(parse_cell(InputKind::Flag, "2").is_err());
    }
}

serialize_as_diagnostics!(one: DataError);
serialize_as_diagnostics!(many: DataErrors);
