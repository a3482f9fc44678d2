//! # scoring-web-xlsx
//!
//! The web page's XLSX code, built as a WebAssembly module of its own:
//! calamine (reading) and rust_xlsxwriter (writing) are about half of what
//! the page would otherwise download before it is ready, for something an
//! assessor may never use. The page (`scoring-web`, built without the
//! `xlsx` feature of `scoring-formats`) fetches this module with `import()`
//! the first time a workbook is read or written, and talks to it in plain
//! data:
//!
//! - [`read_sheet`]: workbook bytes in, the first sheet's rows out (JSON);
//! - [`write_book`]: a [`scoring_formats::book::Book`] in (JSON), XLSX
//!   bytes out.
//!
//! Errors are thrown as JavaScript `Error`s whose message is the reader's
//! or writer's own detail; the page wraps it in the same
//! `FormatError::Spreadsheet` the command line gives.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use scoring_formats::FormatError;
use scoring_formats::book::Book;
use wasm_bindgen::prelude::*;

/// The rows of a workbook's first sheet as JSON
/// ([`scoring_formats::book::table_json`]; the page reads it back with
/// `table_from_json`).
#[wasm_bindgen(js_name = readSheet)]
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<String, JsError> {
    let table = scoring_formats::read_xlsx(file_name, bytes).map_err(detail)?;
    Ok(scoring_formats::book::table_json(&table))
}

/// A zip archive of workbooks given as the JSON of `[[file name, Book],
/// …]` (entry forms for every office, in one download).
#[wasm_bindgen(js_name = writeZip)]
pub fn write_zip(books_json: &str) -> Result<Vec<u8>, JsError> {
    let books: Vec<(String, Book)> = serde_json::from_str(books_json)
        .map_err(|e| JsError::new(&format!("not a list of workbooks: {e}")))?;
    // Dated now, in the computer's local time (as zip archives are).
    let now = js_sys::Date::new_0();
    let part = |v: u32| u8::try_from(v).unwrap_or(0);
    let modified = (
        u16::try_from(now.get_full_year()).unwrap_or(1980),
        part(now.get_month() + 1),
        part(now.get_date()),
        part(now.get_hours()),
        part(now.get_minutes()),
        part(now.get_seconds()),
    );
    scoring_formats::write_zip(&books, Some(modified)).map_err(detail)
}

/// XLSX bytes of a workbook given as the JSON of a
/// [`scoring_formats::book::Book`].
#[wasm_bindgen(js_name = writeBook)]
pub fn write_book(book_json: &str) -> Result<Vec<u8>, JsError> {
    let book: Book = serde_json::from_str(book_json)
        .map_err(|e| JsError::new(&format!("not a workbook description: {e}")))?;
    scoring_formats::write_book(&book).map_err(detail)
}

fn detail(e: FormatError) -> JsError {
    match e {
        FormatError::Spreadsheet { detail, .. } => JsError::new(&detail),
        other => JsError::new(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use scoring_formats::book::{Book, Cell, Sheet, table_from_json, table_json};

    #[test]
    fn a_book_written_reads_back() {
        let book = Book {
            sheets: vec![Sheet {
                name: "数据".into(),
                rows: vec![
                    vec![Cell::header("处室"), Cell::header("a")],
                    vec![
                        Cell::text("办公室"),
                        Cell::Number {
                            value: "2.5".parse().unwrap(),
                            decimals: None,
                        },
                    ],
                ],
                widths: vec![(0, 14)],
                freeze: Some((1, 1)),
                protect: false,
                hidden: vec![],
                heights: vec![],
                wrap: vec![],
                print: None,
                // A note is written beside its cell, not into it.
                notes: vec![(1, 1, "填写为 3；计分用 2".into())],
            }],
        };
        // What the page sends and gets back, through the module's own
        // functions (native here; the browser tests run the wasm).
        let json = serde_json::to_string(&book).unwrap();
        let bytes = scoring_formats::write_book(&serde_json::from_str(&json).unwrap()).unwrap();
        let table = scoring_formats::read_xlsx("t.xlsx", &bytes).unwrap();
        let back = table_from_json("t.xlsx", &table_json(&table)).unwrap();
        assert_eq!(back, table);
        let cells: Vec<Vec<&str>> = back.rows.iter().map(|r| r.cells().collect()).collect();
        assert_eq!(cells, [vec!["处室", "a"], vec!["办公室", "2.5"]]);
        assert_eq!(back.rows[1].line, 2);
    }
}
