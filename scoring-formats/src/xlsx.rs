//! Excel workbooks: reading the first sheet into a [`Table`], writing a
//! [`Book`] (the cells [`crate::book`] decides) as XLSX.
//!
//! Built with the `xlsx` feature (on by default). The web page builds
//! without it and loads this code as a second WebAssembly module when an
//! assessor reads or writes a workbook (`scoring-web-xlsx`).
//!
//! XLSX stores every number as a binary double. Reading, a number becomes
//! the shortest decimal text that round-trips (`52000`, `0.5`): exactly what
//! the assessor typed. Writing, see [`crate::book`].

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Note, Workbook,
    XlsxError,
};
use scoring_core::{Dataset, Lang, Rubric, Scorecard, Table, TableRow};

use crate::FormatError;
use crate::book::{self, Book, Cell, Check, ExportInfo};

/// Reads the first sheet of an XLSX workbook into a table. Row numbers are
/// the sheet's own (1-based); cells keep their sheet columns (a table that
/// starts in column C has two blank cells first).
pub fn read_xlsx(source: &str, bytes: &[u8]) -> Result<Table, FormatError> {
    let err = |detail: String| FormatError::Spreadsheet {
        file: source.to_string(),
        detail,
    };
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| err(e.to_string()))?;
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(err(e.to_string())),
        None => return Err(err("the workbook has no sheets".into())),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for (i, cells) in range.rows().enumerate() {
        let mut row = TableRow::new(first_row + i as u32 + 1, std::iter::empty::<&str>());
        for _ in 0..first_col {
            row.push("");
        }
        for cell in cells {
            row.push(&cell_text(cell));
        }
        rows.push(row);
    }
    Ok(Table {
        source: source.to_string(),
        rows,
    })
}

/// The text of one cell, as the assessor sees it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => serial_date(d.as_f64()).unwrap_or_else(|| float_text(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        #[allow(unreachable_patterns)]
        _ => String::new(),
    }
}

/// The shortest decimal text that reads back as the same double (Rust's
/// `Display` for `f64` never uses an exponent).
fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel date serial (days since 1899-12-30, the 1900 system) as
/// `YYYY-MM-DD`, when it is a whole day.
fn serial_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) || serial.fract() != 0.0 {
        return None;
    }
    // Days from 1970-01-01, then the civil-from-days algorithm (H. Hinnant).
    let z = serial as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Writes a workbook built by the builders of [`crate::book`] as XLSX
/// bytes.
pub fn write_book(book: &Book) -> Result<Vec<u8>, FormatError> {
    let mut workbook = Workbook::new();
    fill(&mut workbook, book)
        .and_then(|_| workbook.save_to_buffer())
        .map_err(|e| FormatError::Spreadsheet {
            file: String::new(),
            detail: e.to_string(),
        })
}

fn fill(workbook: &mut Workbook, book: &Book) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    // Headers wrap within their column's width rather than being cut off
    // by the next column (long indicator names).
    let centred = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let general = Format::new().set_num_format("General");
    let unlocked = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xFF_F8_DC));
    let wrapped = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let mut places: Vec<(u32, Format)> = Vec::new();
    for sheet in &book.sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    // write_string never evaluates text as a formula.
                    Cell::Text(text) if sheet.wrap.contains(&c) => {
                        ws.write_string_with_format(r, c, text, &wrapped)?;
                    }
                    Cell::Text(text) => {
                        ws.write_string(r, c, text)?;
                    }
                    Cell::Header {
                        text,
                        centred: true,
                    } => {
                        ws.write_string_with_format(r, c, text, &centred)?;
                    }
                    Cell::Header { text, .. } => {
                        ws.write_string_with_format(r, c, text, &bold)?;
                    }
                    Cell::Input { value, check } => {
                        let number = value
                            .trim()
                            .parse::<Decimal>()
                            .ok()
                            .and_then(|d| d.to_f64());
                        match number {
                            Some(n) if *check != Check::Text => {
                                ws.write_number_with_format(r, c, n, &unlocked)?;
                            }
                            _ => {
                                ws.write_string_with_format(r, c, value, &unlocked)?;
                            }
                        }
                        if let Some(rule) = validation(check)? {
                            ws.add_data_validation(r, c, r, c, &rule)?;
                        }
                    }
                    Cell::Number { value, decimals } => {
                        let n = value.to_f64().unwrap_or_default();
                        let format = match decimals {
                            None => &general,
                            Some(p) => {
                                let i = match places.iter().position(|(q, _)| q == p) {
                                    Some(i) => i,
                                    None => {
                                        places.push((*p, number_format(*p)));
                                        places.len() - 1
                                    }
                                };
                                &places[i].1
                            }
                        };
                        ws.write_number_with_format(r, c, n, format)?;
                    }
                }
            }
        }
        for &(col, width) in &sheet.widths {
            ws.set_column_width(col, width)?;
        }
        for (row, col, text) in &sheet.notes {
            ws.insert_note(*row, *col, &Note::new(text).add_author_prefix(false))?;
        }
        if let Some((rows, cols)) = sheet.freeze {
            ws.set_freeze_panes(rows, cols)?;
        }
        if sheet.protect {
            ws.protect();
        }
        for &col in &sheet.hidden {
            ws.set_column_hidden(col)?;
        }
        for &(row, height) in &sheet.heights {
            ws.set_row_height(row, f64::from(height))?;
        }
        if let Some(print) = &sheet.print {
            // A4.
            ws.set_paper_size(9);
            if print.landscape {
                ws.set_landscape();
            }
            if print.fit_width {
                ws.set_print_fit_to_pages(1, 0);
            }
            if let Some((first, last)) = print.repeat_rows {
                ws.set_repeat_rows(first, last)?;
            }
        }
    }
    Ok(())
}

/// The spreadsheet's own check of an input cell, with its message in
/// both languages.
fn validation(check: &Check) -> Result<Option<DataValidation>, XlsxError> {
    let rule = match check {
        Check::Text => return Ok(None),
        Check::WholeNumber => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_message("请填写不小于 0 的整数。A whole number, 0 or more.")?,
        Check::Number => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_message("请填写不小于 0 的数。A number, 0 or more.")?,
        Check::OneOf(choices) => DataValidation::new()
            .allow_list_strings(choices)?
            .set_error_message("请从列表中选择。Pick one from the list.")?,
    };
    Ok(Some(
        rule.set_error_title("填报值不符合要求 / Not accepted")?,
    ))
}

fn number_format(places: u32) -> Format {
    let pattern = match places {
        0 => "0".to_string(),
        p => format!("0.{}", "0".repeat(p as usize)),
    };
    Format::new().set_num_format(pattern)
}

/// Workbooks written as XLSX into one zip archive, each under its file
/// name (entry forms for every office, in one download), each dated
/// `modified` (the caller's local time: year, month, day, hour, minute,
/// second), or 1980-01-01 (the zip format's "no date") without one: a form
/// taken out of the archive and sent back unedited then says when it was
/// made, not 1980.
pub fn write_zip(
    books: &[(String, Book)],
    modified: Option<(u16, u8, u8, u8, u8, u8)>,
) -> Result<Vec<u8>, FormatError> {
    use std::io::Write;
    let err = |detail: String| FormatError::Spreadsheet {
        file: String::new(),
        detail,
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    if let Some((y, mo, d, h, mi, s)) = modified
        && let Ok(at) = zip::DateTime::from_date_and_time(y, mo, d, h, mi, s)
    {
        options = options.last_modified_time(at);
    }
    for (name, book) in books {
        let bytes = write_book(book)?;
        zip.start_file(name.as_str(), options)
            .map_err(|e| err(e.to_string()))?;
        zip.write_all(&bytes).map_err(|e| err(e.to_string()))?;
    }
    zip.finish()
        .map(|c| c.into_inner())
        .map_err(|e| err(e.to_string()))
}

/// The results as a workbook ([`crate::book::results_book`], written).
pub fn results_xlsx(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    items: Option<&scoring_core::items::Judgement>,
    info: &ExportInfo,
    lang: Lang,
) -> Result<Vec<u8>, FormatError> {
    write_book(&book::results_book(rubric, data, card, items, info, lang))
}

/// An empty input workbook ([`crate::book::template_book`], written).
pub fn template_xlsx(rubric: &Rubric, lang: Lang) -> Result<Vec<u8>, FormatError> {
    write_book(&book::template_book(rubric, lang))
}

/// An input workbook holding `data` ([`crate::book::data_book`],
/// written). It reads back with [`read_xlsx`] to the same dataset.
pub fn data_xlsx(
    rubric: &Rubric,
    data: Option<&Dataset>,
    lang: Lang,
) -> Result<Vec<u8>, FormatError> {
    write_book(&book::data_book(rubric, data, lang))
}

/// A template of an item log as a workbook
/// ([`crate::book::item_log_template_book`], written). It reads back with
/// [`read_xlsx`] as a log.
pub fn item_log_template_xlsx(rubric: &Rubric, lang: Lang) -> Result<Vec<u8>, FormatError> {
    write_book(&book::item_log_template_book(rubric, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forms taken out of the archive say when they were made, not 1980.
    #[test]
    fn a_zip_s_workbooks_are_dated_as_asked() {
        let rubric =
            scoring_core::Rubric::from_yaml("r", scoring_core::bundled::SHANDONG_2017).unwrap();
        let books = vec![("a.xlsx".to_string(), book::template_book(&rubric, Lang::Zh))];
        let dated = |bytes: Vec<u8>| {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            let entry = zip.by_index(0).unwrap();
            let t = entry.last_modified().unwrap();
            (t.year(), t.month(), t.day(), t.hour(), t.minute())
        };
        let stamped = write_zip(&books, Some((2026, 11, 27, 9, 50, 4))).unwrap();
        assert_eq!(dated(stamped), (2026, 11, 27, 9, 50));
        assert_eq!(dated(write_zip(&books, None).unwrap()), (1980, 1, 1, 0, 0));
    }

    #[test]
    fn excel_serials_are_dates() {
        assert_eq!(serial_date(45_658.0).as_deref(), Some("2025-01-01"));
        assert_eq!(serial_date(46_082.0).as_deref(), Some("2026-03-01"));
        assert_eq!(serial_date(43_462.0).as_deref(), Some("2018-12-28"));
        assert_eq!(serial_date(1.5), None);
    }

    #[test]
    fn floats_read_as_typed() {
        assert_eq!(float_text(52000.0), "52000");
        assert_eq!(float_text(0.5), "0.5");
        assert_eq!(float_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_text(12.0), "12");
    }

    #[test]
    fn template_round_trips_through_the_reader() {
        let rubric = Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017).unwrap();
        let bytes = template_xlsx(&rubric, Lang::Zh).unwrap();
        let table = read_xlsx("t.xlsx", &bytes).unwrap();
        assert_eq!(table.rows.len(), 1);
        let header: Vec<&str> = table.rows[0].cells().collect();
        assert_eq!(header, crate::csv_out::template_header(&rubric, Lang::Zh));
    }

    #[test]
    fn data_round_trips_through_the_reader_with_categories_and_flags() {
        // Categories come first in the header: the rows must follow.
        let rubric = Rubric::from_yaml("c", scoring_core::bundled::CITY_CLASSES).unwrap();
        let csv = include_str!("../../tests/fixtures/city-classes.csv");
        let table = crate::csv_in::read_csv_text("c.csv", csv).unwrap();
        let data = scoring_core::Dataset::from_table(&rubric, &table).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let bytes = data_xlsx(&rubric, Some(&data), lang).unwrap();
            let back = read_xlsx("c.xlsx", &bytes).unwrap();
            let again = scoring_core::Dataset::from_table(&rubric, &back).unwrap();
            assert_eq!(again, data, "{lang:?}");
            // What a class is not assessed on is blank, not 0.
            let not_assessed = back.rows.iter().skip(1).any(|r| {
                let class = r.cell(1).unwrap_or("");
                class.starts_with('B') && r.cells().skip(2).any(|c| c.is_empty())
            });
            assert!(not_assessed, "{lang:?}");
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = read_xlsx("x.xlsx", b"not a zip file").unwrap_err();
        assert!(
            err.message(Lang::En)
                .starts_with("x.xlsx: cannot read the spreadsheet")
        );
    }
}
