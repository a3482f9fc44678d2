//! Importing a CSV or XLSX file: read it, check it against the rubric, and
//! show what would change before anything is replaced, with the choice of
//! what to keep: each value the file would change (a value with a review
//! reason is kept unless the assessor says otherwise), and the offices the
//! file does not have (kept unless the assessor says otherwise).

use std::collections::{BTreeMap, HashMap};

use scoring_core::{ColumnMap, DataError, DataErrors, Dataset, Rubric};
use scoring_formats::FormatError;

use super::assessment::Assessment;

/// One office's row as it would be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedOffice {
    /// The office's name.
    pub name: String,
    /// Cell texts by input id.
    pub cells: BTreeMap<String, String>,
}

/// One cell that an import would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    /// The input id.
    pub input: String,
    /// The text now.
    pub old: String,
    /// The text after the import.
    pub new: String,
    /// The reason given for the value now (核定理由), if any: a value set
    /// on purpose, kept unless the assessor chooses the file's.
    pub reason: String,
    /// Whether the assessor keeps the value now (at first: when it has a
    /// reason).
    pub keep: bool,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// The file read.
    pub file_name: String,
    /// The text encoding found (CSV only).
    pub encoding: Option<&'static str>,
    /// The rows to import, in file order.
    pub offices: Vec<ImportedOffice>,
    /// Offices in the file but not in the grid.
    pub added: Vec<String>,
    /// Offices in the grid but not in the file (they would go).
    pub removed: Vec<String>,
    /// Offices in both whose cells differ, with the cells.
    pub changed: Vec<(String, Vec<CellChange>)>,
    /// How many offices are in both, unchanged.
    pub unchanged: usize,
    /// Problems in the file's rows (the import is still possible; the
    /// cells will be marked).
    pub problems: Vec<DataError>,
    /// How the file is laid out around its offices: anything but a plain
    /// data file is said in the preview (what is skipped, and why).
    pub layout: scoring_formats::Layout,
    /// Whether the offices the file does not have stay (yes at first).
    pub keep_others: bool,
}

/// A data file the assessor chose, read: CSV at once, an XLSX workbook by
/// the XLSX module ([`crate::workbook`]) before it reaches the state.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    /// The file's name.
    pub name: String,
    /// Its cells, or why it cannot be read.
    pub table: Result<scoring_core::Table, FormatError>,
    /// The text encoding found (CSV only).
    pub encoding: Option<&'static str>,
}

impl DataFile {
    /// A CSV (or text) file's bytes, read.
    pub fn text(name: &str, bytes: &[u8]) -> DataFile {
        match crate::browser::decode_text(name, bytes) {
            Ok(decoded) => DataFile {
                name: name.to_string(),
                table: scoring_formats::csv_in::read_csv_text(name, &decoded.text),
                encoding: Some(decoded.encoding.name()),
            },
            Err(e) => DataFile {
                name: name.to_string(),
                table: Err(e),
                encoding: None,
            },
        }
    }

    /// A workbook as the XLSX module read it.
    pub fn workbook(name: &str, table: Result<scoring_core::Table, FormatError>) -> DataFile {
        DataFile {
            name: name.to_string(),
            table,
            encoding: None,
        }
    }

    /// Any data file's bytes, read at once (a workbook too: natively, in
    /// the tests, where this build reads XLSX itself).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn read(name: &str, bytes: &[u8]) -> DataFile {
        if scoring_formats::is_xlsx(bytes) {
            DataFile::workbook(name, scoring_formats::read_table(name, bytes))
        } else {
            DataFile::text(name, bytes)
        }
    }
}

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportBlocked {
    /// Not readable as CSV or XLSX.
    Format(FormatError),
    /// Its header does not fit the rubric, or it is empty.
    Data(DataErrors),
}

/// Reads a file and compares it with the current grid.
pub fn preview(
    file: &DataFile,
    rubric: &Rubric,
    current: &Assessment,
) -> Result<ImportPreview, ImportBlocked> {
    let file_name = file.name.as_str();
    let table = file.table.clone().map_err(ImportBlocked::Format)?;
    // Laid out as a workbook (a title, a 序号 column, a two-row header,
    // 合计 rows): read by its layout, which the preview says, for the
    // assessor to confirm.
    let layout = scoring_formats::find_layout(rubric, &table);
    let table = layout.apply(&table);
    // What another assessment fills in need not be in the file.
    let table = scoring_core::compose::with_source_columns(rubric, &table);
    let encoding = file.encoding;
    let map = ColumnMap::read(rubric, &table).map_err(ImportBlocked::Data)?;
    let (_, mut problems) =
        Dataset::from_table_lenient(rubric, &table).map_err(ImportBlocked::Data)?;
    // Blank cells another assessment fills are not problems.
    problems.retain(|p| {
        !(p.problem == scoring_core::DataProblem::Blank
            && rubric
                .sources()
                .iter()
                .any(|s| Some(&s.input.id) == p.input.as_ref()))
    });

    let mut offices = Vec::new();
    for row in table.rows.iter().skip(map.header_row + 1) {
        if row.cells().all(|c| c.trim().is_empty()) {
            continue;
        }
        let name = row.cell(0).unwrap_or("").trim().to_string();
        // Inputs, and the text columns the file has (reasons, evidence).
        let texts = rubric
            .text_columns()
            .items()
            .zip(&map.text_column)
            .filter_map(|(c, col)| col.map(|col| (&c.id, col)));
        let cells = rubric
            .inputs()
            .items()
            .zip(&map.input_column)
            .map(|(input, &col)| (&input.id, col))
            .chain(texts)
            .map(|(id, col)| (id.clone(), row.cell(col).unwrap_or("").trim().to_string()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        offices.push(ImportedOffice { name, cells });
    }

    // A name is matched once each way: the grid's first office of it with
    // the file's first row of it ([`ImportPreview::apply`] does the same);
    // any other row of the file is added (a repeated name is marked in the
    // grid).
    let mut existing: HashMap<&str, &BTreeMap<String, String>> = HashMap::new();
    for o in current.offices.iter().rev() {
        existing.insert(o.name.as_str(), &o.cells);
    }
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for office in &offices {
        match existing.remove(office.name.as_str()) {
            None => added.push(office.name.clone()),
            Some(old) => {
                let ids = rubric
                    .inputs()
                    .items()
                    .map(|i| &i.id)
                    .chain(rubric.text_columns().items().map(|c| &c.id));
                let changes: Vec<CellChange> = ids
                    .filter_map(|id| {
                        let o = old.get(id).map(String::as_str).unwrap_or("");
                        let n = office.cells.get(id).map(String::as_str).unwrap_or("");
                        // `是` and `1`, `12` and `12.0`: the same value.
                        let same = match rubric.input(id) {
                            Some((ix, _)) => scoring_formats::forms::same_value(rubric, ix, o, n),
                            None => o.trim() == n,
                        };
                        (!same).then(|| {
                            let reason = old
                                .get(&scoring_formats::forms::reason_key(id))
                                .cloned()
                                .unwrap_or_default();
                            CellChange {
                                input: id.clone(),
                                old: o.to_string(),
                                new: n.to_string(),
                                keep: !reason.trim().is_empty(),
                                reason,
                            }
                        })
                    })
                    .collect();
                if changes.is_empty() {
                    unchanged += 1;
                } else {
                    changed.push((office.name.clone(), changes));
                }
            }
        }
    }
    let incoming: Vec<&str> = offices.iter().map(|o| o.name.as_str()).collect();
    let removed = current
        .offices
        .iter()
        .filter(|o| !incoming.contains(&o.name.as_str()))
        .map(|o| o.name.clone())
        .collect();
    Ok(ImportPreview {
        keep_others: true,
        file_name: file_name.to_string(),
        encoding,
        offices,
        added,
        removed,
        changed,
        unchanged,
        problems,
        layout,
    })
}

impl ImportPreview {
    /// Whether importing would change nothing.
    pub fn is_noop(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// Whether the change of `office`'s `input` is kept as it is.
    pub fn keeps(&self, office: &str, input: &str) -> bool {
        self.change(office, input).is_some_and(|c| c.keep)
    }

    /// The change the file makes to `office`'s `input`.
    pub fn change(&self, office: &str, input: &str) -> Option<&CellChange> {
        self.changed
            .iter()
            .find(|(name, _)| name == office)?
            .1
            .iter()
            .find(|c| c.input == input)
    }

    /// Keeps the value now of `office`'s `input` (or takes the file's);
    /// every value's, with no office.
    pub fn set_keep(&mut self, office: Option<&str>, input: &str, keep: bool) {
        for (name, changes) in &mut self.changed {
            for c in changes.iter_mut() {
                if office.is_none_or(|o| o == name && c.input == input) {
                    c.keep = keep;
                }
            }
        }
    }

    /// The grid after the import, as chosen: the offices there now in
    /// their order, each with the file's values but those kept (and its
    /// submitted values, reasons and evidence as they are), those the file
    /// lacks if kept; then the offices new to the grid in the file's order
    /// (a name the file repeats, too: it is marked there). `key` gives a
    /// new office its key.
    pub fn apply(
        &self,
        current: &Assessment,
        mut key: impl FnMut() -> u64,
    ) -> Vec<std::rc::Rc<super::OfficeRow>> {
        use std::rc::Rc;
        // Linear scans: a few hundred offices at most, and no more generic
        // sets in the page's module.
        let mut rows = Vec::with_capacity(current.offices.len() + self.added.len());
        let mut seen: Vec<&str> = Vec::new();
        for o in &current.offices {
            if !self.offices.iter().any(|f| f.name == o.name) {
                if self.keep_others {
                    rows.push(Rc::clone(o));
                }
                continue;
            }
            // A second office of one name is left as it is: the file's row
            // was compared with the first.
            let first = !seen.contains(&o.name.as_str());
            seen.push(&o.name);
            let changes = self
                .changed
                .iter()
                .find(|(name, _)| *name == o.name)
                .filter(|_| first);
            let Some((_, changes)) = changes else {
                rows.push(Rc::clone(o));
                continue;
            };
            let mut row = (**o).clone();
            for c in changes.iter().filter(|c| !c.keep) {
                if c.new.is_empty() {
                    row.cells.remove(&c.input);
                } else {
                    row.cells.insert(c.input.clone(), c.new.clone());
                }
                // The reason was for the value replaced.
                if !c.reason.is_empty() {
                    row.cells
                        .remove(&scoring_formats::forms::reason_key(&c.input));
                }
            }
            rows.push(Rc::new(row));
        }
        let mut merged: Vec<&str> = Vec::new();
        for f in &self.offices {
            // The file's first row of an office there now was merged above;
            // any other row is new (a repeated name is marked in the grid).
            let there = current.offices.iter().any(|o| o.name == f.name);
            let first = !merged.contains(&f.name.as_str());
            if there && first {
                merged.push(&f.name);
            } else {
                rows.push(Rc::new(super::OfficeRow {
                    key: key(),
                    name: f.name.clone(),
                    cells: f.cells.clone(),
                }));
            }
        }
        rows
    }
}
