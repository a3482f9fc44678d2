//! An assessment: one year's offices and their typed values, under one
//! rubric. Cells are kept as the text the assessor typed, keyed by input
//! id: nothing is parsed or rounded here (the core does that), and a value
//! typed wrong stays visible, as typed, until corrected.

use std::collections::BTreeMap;
use std::rc::Rc;

use scoring_core::{Rubric, Table, TableRow};

/// One office's row in the entry grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeRow {
    /// A stable key for the row (survives renames and moves).
    pub key: u64,
    /// The office's name.
    pub name: String,
    /// Typed text per input id, and per text-column id (missing = blank).
    pub cells: BTreeMap<String, String>,
}

impl OfficeRow {
    /// The text of one cell ("" when blank).
    pub fn cell(&self, input: &str) -> &str {
        self.cells.get(input).map(String::as_str).unwrap_or("")
    }
}

/// An item log, kept as the table it was read as (so that XLSX and CSV
/// alike survive a reload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFile {
    /// The file it came from.
    pub file_name: String,
    /// Its rows: line number and cells.
    pub rows: Vec<(u32, Vec<String>)>,
}

impl LogFile {
    /// The log as a table for the core.
    pub fn to_table(&self) -> Table {
        Table {
            source: self.file_name.clone(),
            rows: self
                .rows
                .iter()
                .map(|(line, cells)| TableRow::new(*line, cells))
                .collect(),
        }
    }

    /// A log from a table read by `scoring-formats`.
    pub fn from_table(table: &Table) -> LogFile {
        LogFile {
            file_name: table.source.clone(),
            rows: table
                .rows
                .iter()
                .map(|r| (r.line, r.cells().map(String::from).collect()))
                .collect(),
        }
    }
}

/// A calendar file uploaded by the assessor (holiday-cn JSON format).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFile {
    /// Its name.
    pub file_name: String,
    /// Its text.
    pub text: String,
}

/// One year's assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// A stable id.
    pub id: u64,
    /// A title (`2026年度政务公开考核`).
    pub title: String,
    /// The year assessed.
    pub year: i32,
    /// The key of the rubric in the library.
    pub rubric_key: String,
    /// The offices, in the order shown. Shared: an edit copies one row,
    /// and undo steps share every row they did not change.
    pub offices: Vec<Rc<OfficeRow>>,
    /// When it was last changed (ISO 8601, from the browser's clock).
    pub updated: String,
    /// The last day of the assessment period, as typed (`2026-12-31`).
    pub period_end: String,
    /// The item log, if one was imported.
    pub item_log: Option<Rc<LogFile>>,
    /// Calendar files for years not bundled.
    pub calendars: Vec<Rc<CalendarFile>>,
    /// How many changes it has had (one per undo step, typing in one cell
    /// counting as one).
    pub revision: u64,
    /// Its `revision` when it was last saved to (or opened from) a file:
    /// when it differs, there is work no file holds yet.
    pub file_saved: Option<u64>,
    /// The assessments it draws on, one per source of its rubric: the
    /// source's rubric id and the assessment's id in the list.
    pub sources: Vec<(String, u64)>,
    /// Which counts stand where an office's typed counts disagree with the
    /// item log, as the assessor chose: by office name, `""` for every
    /// office without a choice of its own.
    pub counts_choice: Vec<(String, scoring_core::items::CountsChoice)>,
    /// Its id on its entry forms, fixed when they are first sent ("" before
    /// then): see `scoring_formats::forms`.
    pub form_id: String,
    /// The approval (审定), while approved: no edits until reopened.
    pub approval: Option<scoring_formats::assessment::Approval>,
    /// Every reopening, oldest first (why, and the approval it ended).
    pub reopened: Vec<scoring_formats::assessment::Reopening>,
    /// Every change to the cells, oldest first (never undone: an undo is a
    /// change too).
    /// Shared between versions: a version that does not add to it costs a
    /// pointer.
    pub trail: Rc<Vec<scoring_formats::assessment::TrailEntry>>,
}

impl Assessment {
    /// Whether `other` holds the same work: everything but when it was
    /// changed and which revision it is.
    pub fn same_work(&self, other: &Assessment) -> bool {
        self.id == other.id
            && self.title == other.title
            && self.year == other.year
            && self.rubric_key == other.rubric_key
            && self.offices == other.offices
            && self.period_end == other.period_end
            && self.item_log == other.item_log
            && self.calendars == other.calendars
            && self.sources == other.sources
            && self.counts_choice == other.counts_choice
    }

    /// The assessor's choice of counts for an office (its own, or the one
    /// for every office), if any.
    pub fn counts_choice_for(&self, office: &str) -> Option<scoring_core::items::CountsChoice> {
        scoring_formats::assessment::counts_choice_in(&self.counts_choice, office)
    }

    /// Whether some of the work is in no file yet: changed since it was
    /// last saved to a file (or never saved, with offices in it).
    pub fn unsaved_to_file(&self) -> bool {
        !self.offices.is_empty() && self.file_saved != Some(self.revision)
    }

    /// The grid as a table for the core: a header of input ids, then one
    /// row per office. Row `i` (0-based) is on "line" `i + 2`, which is how
    /// errors are mapped back to offices.
    pub fn to_table(&self, rubric: &Rubric) -> Table {
        let mut rows = Vec::with_capacity(self.offices.len() + 1);
        let ids: Vec<&str> = rubric
            .inputs()
            .items()
            .map(|i| i.id.as_str())
            .chain(rubric.text_columns().items().map(|c| c.id.as_str()))
            .collect();
        rows.push(TableRow::new(
            1,
            std::iter::once("office").chain(ids.iter().copied()),
        ));
        for (i, office) in self.offices.iter().enumerate() {
            let mut row = TableRow::new(i as u32 + 2, [office.name.as_str()]);
            for id in &ids {
                row.push(office.cell(id));
            }
            rows.push(row);
        }
        Table {
            source: self.title.clone(),
            rows,
        }
    }

    /// The office index a table line refers to (see [`Assessment::to_table`]).
    pub fn office_at_line(&self, line: u32) -> Option<&OfficeRow> {
        self.offices
            .get((line as usize).checked_sub(2)?)
            .map(|o| &**o)
    }

    /// Finds an office by key.
    pub fn office(&self, key: u64) -> Option<&OfficeRow> {
        self.offices.iter().find(|o| o.key == key).map(|o| &**o)
    }

    /// An office to change, by key (copied first if shared).
    pub fn office_mut(&mut self, key: u64) -> Option<&mut OfficeRow> {
        self.offices
            .iter_mut()
            .find(|o| o.key == key)
            .map(Rc::make_mut)
    }

    /// Position of an office by key.
    pub fn position(&self, key: u64) -> Option<usize> {
        self.offices.iter().position(|o| o.key == key)
    }
}

/// Splits text copied from a spreadsheet (tab-separated, one row per line)
/// into rows of cells. A trailing newline (Excel adds one) makes no row.
/// Cells Excel quoted (because they hold a tab, a line break or a quote)
/// are read as one cell; blank lines stay blank rows, so that a column
/// with empty cells lands where it was copied from. Text whose quotes do
/// not pair up is split as it stands.
pub fn split_block(text: &str) -> Vec<Vec<String>> {
    if text.contains('"')
        && let Ok(table) = scoring_formats::csv_in::read_tsv_text("paste", text)
    {
        let mut rows: Vec<Vec<String>> = Vec::new();
        // Lines taken by line breaks inside earlier cells.
        let mut inside = 0usize;
        for row in &table.rows {
            let at = (row.line as usize).saturating_sub(1 + inside);
            while rows.len() < at {
                rows.push(vec![String::new()]);
            }
            let cells: Vec<String> = row.cells().map(str::to_string).collect();
            inside += cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
            rows.push(cells);
        }
        return rows;
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    text.split('\n')
        .map(|line| {
            line.strip_suffix('\r')
                .unwrap_or(line)
                .split('\t')
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_from_excel() {
        assert_eq!(
            split_block("1\t2\r\n3\t4\r\n"),
            vec![vec!["1", "2"], vec!["3", "4"]]
        );
        assert_eq!(split_block("x"), vec![vec!["x"]]);
        assert_eq!(split_block("a\t\tb\n"), vec![vec!["a", "", "b"]]);
        // A single column with a blank cell keeps its gap.
        assert_eq!(
            split_block("1\r\n\r\n3\r\n"),
            vec![vec!["1"], vec![""], vec!["3"]]
        );
    }

    #[test]
    fn quoted_cells_from_excel_stay_whole() {
        assert_eq!(
            split_block("\"审批\n处\"\t1\r\n\r\n\"say \"\"hi\"\"\"\t2\r\n"),
            vec![
                vec!["审批\n处".to_string(), "1".into()],
                vec!["".into()],
                vec!["say \"hi\"".into(), "2".into()],
            ]
        );
        // Quotes that do not pair up: split as typed.
        assert_eq!(split_block("\"abc\t1"), vec![vec!["\"abc", "1"]]);
    }
}
