//! Reading CSV (or tab-separated) text into a [`Table`].

use scoring_core::{Table, TableRow};

use crate::FormatError;
use crate::encoding::decode;

/// Reads CSV bytes in any supported encoding into a table.
///
/// Tab-separated text (Excel's "Unicode text") is recognised when the first
/// line holds tabs and no commas. Every row keeps the line it started on.
pub fn read_csv(source: &str, bytes: &[u8]) -> Result<Table, FormatError> {
    let decoded = decode(source, bytes)?;
    read_csv_text(source, &decoded.text)
}

/// Reads already-decoded CSV text into a table.
pub fn read_csv_text(source: &str, text: &str) -> Result<Table, FormatError> {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    read_delimited(source, text, delimiter)
}

/// Reads tab-separated text, as spreadsheets put a copied block on the
/// clipboard (cells holding tabs or line breaks quoted).
pub fn read_tsv_text(source: &str, text: &str) -> Result<Table, FormatError> {
    read_delimited(source, text, b'\t')
}

/// The line of a quote that opens a cell and is never closed, if any. A
/// quote opens a cell only at its start; inside, `""` is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    let (mut line, mut opened_at) = (1u64, None);
    let (mut at_start, mut quoted, mut pending) = (true, false, false);
    for b in text.bytes() {
        if quoted {
            if pending {
                pending = false;
                if b == b'"' {
                    continue;
                }
                quoted = false;
            } else if b == b'"' {
                pending = true;
                continue;
            }
        }
        if !quoted {
            if b == b'"' && at_start {
                quoted = true;
                opened_at = Some(line);
                at_start = false;
                continue;
            }
            at_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        if b == b'\n' {
            line += 1;
        }
    }
    (quoted && !pending).then_some(opened_at).flatten()
}

fn read_delimited(source: &str, text: &str, delimiter: u8) -> Result<Table, FormatError> {
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(FormatError::UnclosedQuote {
            file: source.to_string(),
            line,
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The reader's own line numbers count blank lines it skipped as part of
    // the next record, so lines are counted here from byte offsets.
    let bytes = text.as_bytes();
    let (mut at_byte, mut at_line) = (0usize, 1u64);
    for record in reader.records() {
        let record = record.map_err(|e| FormatError::Csv {
            file: source.to_string(),
            line: e.position().map(|p| p.line()),
            detail: match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
                _ => e.to_string(),
            },
        })?;
        let mut start = record
            .position()
            .map(|p| p.byte() as usize)
            .unwrap_or(at_byte);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= at_byte {
            at_line += bytes[at_byte..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            at_byte = start;
        }
        let line = at_line;
        rows.push(TableRow::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            record.iter(),
        ));
    }
    Ok(Table {
        source: source.to_string(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines() {
        let t = read_csv(
            "a.csv",
            "office,a\n\n\"办公室\",1\n\"multi\nline\",2\n".as_bytes(),
        )
        .unwrap();
        let lines: Vec<u32> = t.rows.iter().map(|r| r.line).collect();
        let firsts: Vec<&str> = t.rows.iter().map(|r| r.cell(0).unwrap()).collect();
        assert_eq!(firsts, ["office", "办公室", "multi\nline"]);
        assert_eq!(lines, [1, 3, 4]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error() {
        let err = read_csv("q.csv", "office,a\n\"x,1\ny,2\n".as_bytes()).unwrap_err();
        assert_eq!(
            err,
            FormatError::UnclosedQuote {
                file: "q.csv".into(),
                line: 2
            }
        );
        // Quotes inside a quoted cell, and inside an unquoted one, are fine.
        assert!(
            read_csv(
                "q.csv",
                "office,a\n\"say \"\"hi\"\"\",1\nab\"c,2\n".as_bytes()
            )
            .is_ok()
        );
        assert!(read_csv("q.csv", "office,a\n\"x\"".as_bytes()).is_ok());
    }

    #[test]
    fn copied_blocks_keep_quoted_tabs_and_line_breaks() {
        let t = read_tsv_text("paste", "\"a\tb\"\t1\r\n\"two\nlines\"\t2\r\n").unwrap();
        assert_eq!(t.rows[0].cells().collect::<Vec<_>>(), ["a\tb", "1"]);
        assert_eq!(t.rows[1].cells().collect::<Vec<_>>(), ["two\nlines", "2"]);
    }

    #[test]
    fn tab_separated() {
        let t = read_csv("a.txt", "office\ta\nx\t1\n".as_bytes()).unwrap();
        assert_eq!(t.rows[1].cells().collect::<Vec<_>>(), ["x", "1"]);
    }

    #[test]
    fn ragged_rows_are_kept_for_the_core_to_judge() {
        let t = read_csv("a.csv", b"office,a,b\nx,1\n").unwrap();
        assert_eq!(t.rows[1].cells().collect::<Vec<_>>(), ["x", "1"]);
    }
}
