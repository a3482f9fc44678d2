//! # scoring-formats
//!
//! The file formats assessors live in, shared by the `scoring` command and
//! the web app so that each is written once: reading CSV (UTF-8 with or
//! without BOM, GB18030/GBK as Chinese Excel saves it, UTF-16) and XLSX
//! workbooks into a [`scoring_core::Table`], writing results and templates
//! that Excel opens cleanly (CSV and XLSX), and assessment files (an
//! assessment kept outside the browser: [`assessment`]).
//!
//! Like the core, this crate does no I/O: bytes in, bytes out. It gives
//! tables no meaning either; that is [`scoring_core::Dataset::from_table`]'s
//! job.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod assessment;
pub mod book;
pub mod csv_in;
pub mod csv_out;
mod digits;
pub mod encoding;
pub mod examples;
pub mod forms;
pub mod json_out;
pub mod layout;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use book::{CellNote, ExportInfo, Feedback, Reviewed, ValueSource};
pub use csv_in::{read_csv, read_csv_rows};
pub use csv_out::{
    item_log_template_csv, neutralise, results_csv, template_csv, write_results_csv,
};
pub use encoding::{Decoded, TextEncoding, decode};
pub use examples::{ExampleOutcome, run_example};
pub use json_out::write_results_json;
pub use layout::{Layout, find_layout};
#[cfg(feature = "xlsx")]
pub use xlsx::{
    data_xlsx, item_log_template_xlsx, read_xlsx, results_xlsx, template_xlsx, write_book,
    write_zip,
};

/// Whether these bytes are an XLSX workbook (a zip archive) rather than
/// text.
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a data file by its content: an XLSX workbook (a zip archive) or
/// CSV text in any supported encoding. Built without the `xlsx` feature
/// (the web page, which reads workbooks with a module of its own), a
/// workbook is an error saying so.
pub fn read_table(source: &str, bytes: &[u8]) -> Result<scoring_core::Table, FormatError> {
    if is_xlsx(bytes) {
        read_workbook(source, bytes)
    } else {
        read_csv(source, bytes)
    }
}

#[cfg(feature = "xlsx")]
fn read_workbook(source: &str, bytes: &[u8]) -> Result<scoring_core::Table, FormatError> {
    read_xlsx(source, bytes)
}

#[cfg(not(feature = "xlsx"))]
fn read_workbook(source: &str, _: &[u8]) -> Result<scoring_core::Table, FormatError> {
    Err(FormatError::Spreadsheet {
        file: source.to_string(),
        detail:
            "XLSX reading is not built into this program (the `xlsx` feature of scoring-formats)"
                .into(),
    })
}

/// Reads a data file like [`read_table`], handing each row to `sink` as
/// it is read (a [`scoring_core::DatasetBuilder`] makes a dataset of a
/// large CSV file without holding its text twice).
pub fn read_rows(
    source: &str,
    bytes: &[u8],
    sink: &mut impl scoring_core::RowSink,
) -> Result<(), FormatError> {
    if is_xlsx(bytes) {
        let table = read_workbook(source, bytes)?;
        sink.expect_rows(table.rows.len());
        for row in &table.rows {
            sink.push_row(row);
        }
        Ok(())
    } else {
        read_csv_rows(source, bytes, sink)
    }
}

use scoring_core::{DataErrors, Dataset, DatasetBuilder, Diagnostic, Lang, Rubric};

/// Reads a data file (CSV in any supported encoding, or an XLSX workbook)
/// and checks it against a rubric: the dataset to score, or every problem
/// with the file at once.
///
/// ```
/// let rubric = scoring_core::Rubric::from_yaml("s.yaml", scoring_core::bundled::SHANDONG_2017)?;
/// let bad = "office,decision_drafts\n办公室,four\n";
/// let err = scoring_formats::read_dataset(&rubric, "bad.csv", bad.as_bytes()).unwrap_err();
/// let first = &err.diagnostics()[0];
/// assert_eq!((first.code.as_str(), first.line), ("data.missing_column", Some(1)));
/// # Ok::<(), scoring_core::RubricErrors>(())
/// ```
pub fn read_dataset(rubric: &Rubric, source: &str, bytes: &[u8]) -> Result<Dataset, DataFileError> {
    let mut builder = DatasetBuilder::new(rubric, source);
    read_rows(source, bytes, &mut builder)?;
    Ok(builder.finish()?)
}

/// Reads a data file as a table laid out as a plain data file: one laid
/// out as departments keep workbooks (a title above the header, a 序号
/// column, a header in two rows, 合计 rows; see [`layout`]) is read by its
/// layout when `accept_layout`, and refused with what was found otherwise.
pub fn read_data_table(
    rubric: &Rubric,
    source: &str,
    bytes: &[u8],
    accept_layout: bool,
) -> Result<(scoring_core::Table, Layout), DataFileError> {
    let table = read_table(source, bytes)?;
    let layout = find_layout(rubric, &table);
    if layout.is_plain() {
        return Ok((table, layout));
    }
    if !accept_layout {
        return Err(DataFileError::Layout {
            file: source.to_string(),
            layout,
        });
    }
    Ok((layout.apply(&table), layout))
}

/// Reads a data file into a dataset like [`read_dataset`] (row by row
/// when the file is plain), laid out as [`read_data_table`] says.
pub fn read_dataset_laid_out(
    rubric: &Rubric,
    source: &str,
    bytes: &[u8],
    accept_layout: bool,
) -> Result<(Dataset, Layout), DataFileError> {
    let streamed = read_dataset(rubric, source, bytes);
    // A plain file with no totals row: read as it is.
    if let Ok(data) = &streamed
        && !data
            .offices()
            .any(|(_, o)| layout::is_summary_name(&o.name))
    {
        return streamed.map(|d| (d, Layout::plain()));
    }
    let table = read_table(source, bytes)?;
    let layout = find_layout(rubric, &table);
    if layout.is_plain() {
        return streamed.map(|d| (d, layout));
    }
    if !accept_layout {
        return Err(DataFileError::Layout {
            file: source.to_string(),
            layout,
        });
    }
    let data = Dataset::from_table(rubric, &layout.apply(&table))?;
    Ok((data, layout))
}

/// A data file could not be read ([`FormatError`]), its content does not
/// fit the rubric ([`DataErrors`]), or it is laid out otherwise than a
/// plain data file and reading it so was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataFileError {
    /// Not readable as a table.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// Read, but with values or columns the rubric refuses.
    #[error(transparent)]
    Data(#[from] DataErrors),
    /// Laid out as a workbook (a title, a 序号 column, a two-row header,
    /// 合计 rows): what was found, to be confirmed.
    #[error("{}", self.message(Lang::En))]
    Layout {
        /// The file.
        file: String,
        /// What was found.
        layout: Layout,
    },
}

impl DataFileError {
    /// Every problem, in `lang`, one per line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DataFileError::Format(e) => e.message(lang),
            DataFileError::Data(e) => e.message(lang),
            DataFileError::Layout { file, layout } => {
                let found = layout.describe(lang);
                match lang {
                    Lang::Zh => format!(
                        "{file}：不是普通的数据表（第一行为表头、每行一个处室）：{}。请确认后按此版式读取",
                        found.join("；")
                    ),
                    Lang::En => format!(
                        "{file}: not laid out as a plain data file (the header first, one office per row): {}. Confirm to read it this way",
                        found.join("; ")
                    ),
                }
            }
        }
    }

    /// Every problem as data (code, place, text, both languages).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            DataFileError::Format(e) => vec![e.diagnostic()],
            DataFileError::Data(e) => e.diagnostics(),
            DataFileError::Layout { file, layout } => {
                let mut d = Diagnostic::new(layout.code(), |lang| self.message(lang));
                d.file = Some(file.clone());
                d.line = layout.header_lines.first().copied();
                vec![d]
            }
        }
    }
}

/// Serialises an error as its diagnostics: one object for one problem, a
/// list for several.
macro_rules! serialize_as_diagnostics {
    (one: $($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.diagnostic().serialize(serializer)
            }
        }
    )*};
    (many: $($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.diagnostics().serialize(serializer)
            }
        }
    )*};
}
pub(crate) use serialize_as_diagnostics;

serialize_as_diagnostics!(one: FormatError);
serialize_as_diagnostics!(many: DataFileError);

/// A file could not be read as a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The bytes are neither UTF-8 nor valid GB18030.
    #[error("{}", self.message(Lang::En))]
    Encoding {
        /// The file name.
        file: String,
        /// Byte offset of the first undecodable byte (from 0).
        offset: usize,
        /// The line it is on (from 1).
        line: u64,
    },
    /// Text with NUL characters: UTF-16 without a byte-order mark, or not
    /// text at all.
    #[error("{}", self.message(Lang::En))]
    NulBytes {
        /// The file name.
        file: String,
    },
    /// An Excel 97–2003 workbook (`.xls`), which is not read: it is saved
    /// as `.xlsx` or CSV first.
    #[error("{}", self.message(Lang::En))]
    OldExcel {
        /// The file name.
        file: String,
    },
    /// A quoted cell that is never closed.
    #[error("{}", self.message(Lang::En))]
    UnclosedQuote {
        /// The file name.
        file: String,
        /// The line where the quote opens.
        line: u64,
    },
    /// The CSV structure is broken (an unclosed quote…).
    #[error("{}", self.message(Lang::En))]
    Csv {
        /// The file name.
        file: String,
        /// The line where reading failed.
        line: Option<u64>,
        /// What the CSV reader said.
        detail: String,
    },
    /// The spreadsheet could not be read.
    #[error("{}", self.message(Lang::En))]
    Spreadsheet {
        /// The file name.
        file: String,
        /// What went wrong.
        detail: String,
    },
}

impl FormatError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            FormatError::Encoding { file, .. }
            | FormatError::NulBytes { file }
            | FormatError::OldExcel { file }
            | FormatError::UnclosedQuote { file, .. }
            | FormatError::Csv { file, .. }
            | FormatError::Spreadsheet { file, .. } => file,
        }
    }

    /// A stable code for this kind of problem, listed in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        match self {
            FormatError::Encoding { .. } => "format.encoding",
            FormatError::NulBytes { .. } => "format.nul_bytes",
            FormatError::OldExcel { .. } => "format.xls",
            FormatError::UnclosedQuote { .. } => "format.unclosed_quote",
            FormatError::Csv { .. } => "format.csv",
            FormatError::Spreadsheet { .. } => "format.spreadsheet",
        }
    }

    /// The error as data: its code, file, line and message in both
    /// languages.
    pub fn diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.code(), |lang| self.message(lang));
        let (file, line) = match self {
            FormatError::Encoding { file, line, .. } => (file, Some(*line)),
            FormatError::NulBytes { file }
            | FormatError::OldExcel { file }
            | FormatError::Spreadsheet { file, .. } => (file, None),
            FormatError::UnclosedQuote { file, line } => (file, Some(*line)),
            FormatError::Csv { file, line, .. } => (file, *line),
        };
        d.file = Some(file.clone());
        d.line = line.and_then(|l| u32::try_from(l).ok());
        d
    }

    /// The error in `lang`, naming the file and place.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FormatError::NulBytes { file }, Lang::Zh) => format!(
                "{file}：文件中有空字符（NUL），可能是不带 BOM 的 UTF-16 文本，或根本不是文本；请在 Excel 中另存为“CSV UTF-8”"
            ),
            (FormatError::NulBytes { file }, Lang::En) => format!(
                "{file}: the file holds NUL characters: UTF-16 without a byte-order mark, or not text at all; save it from Excel as \"CSV UTF-8\""
            ),
            (FormatError::OldExcel { file }, Lang::Zh) => format!(
                "{file}：这是旧版 Excel 工作簿（.xls，Excel 97–2003），无法直接读取；请在 Excel 中打开，另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8”后再导入"
            ),
            (FormatError::OldExcel { file }, Lang::En) => format!(
                "{file}: this is an old Excel workbook (.xls, Excel 97–2003), which cannot be read; open it in Excel and save it as \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8\", then import that"
            ),
            (FormatError::UnclosedQuote { file, line }, Lang::Zh) => {
                format!("{file} 第{line}行：引号没有闭合（从这里起的内容都会被当作一个单元格）")
            }
            (FormatError::UnclosedQuote { file, line }, Lang::En) => format!(
                "{file}:{line}: a quote opened here is never closed (everything after it would be one cell)"
            ),
            (
                FormatError::Encoding {
                    file: source,
                    offset,
                    line,
                },
                Lang::Zh,
            ) => format!(
                "{source} 第{line}行：有无法识别的字节（文件第{}个字节起既不是 UTF-8 也不是 GB18030/GBK），文件可能已损坏；请检查这一行，或在 Excel 中打开后另存为“CSV UTF-8”",
                offset + 1
            ),
            (
                FormatError::Encoding {
                    file: source,
                    offset,
                    line,
                },
                Lang::En,
            ) => format!(
                "{source}:{line}: unreadable bytes (from byte {} of the file, neither UTF-8 nor GB18030/GBK); the file may be damaged: check this line, or open it in Excel and save it as \"CSV UTF-8\"",
                offset + 1
            ),
            (
                FormatError::Csv {
                    file: source,
                    line,
                    detail,
                },
                Lang::Zh,
            ) => match line {
                Some(l) => format!("{source} 第{l}行：CSV 格式错误：{detail}"),
                None => format!("{source}：CSV 格式错误：{detail}"),
            },
            (
                FormatError::Csv {
                    file: source,
                    line,
                    detail,
                },
                Lang::En,
            ) => match line {
                Some(l) => format!("{source}:{l}: broken CSV: {detail}"),
                None => format!("{source}: broken CSV: {detail}"),
            },
            (
                FormatError::Spreadsheet {
                    file: source,
                    detail,
                },
                Lang::Zh,
            ) => {
                format!("{source}：无法读取电子表格：{detail}")
            }
            (
                FormatError::Spreadsheet {
                    file: source,
                    detail,
                },
                Lang::En,
            ) => {
                format!("{source}: cannot read the spreadsheet: {detail}")
            }
        }
    }
}
