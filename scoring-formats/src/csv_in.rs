//! Reading CSV (or tab-separated) text into a [`Table`], or row by row
//! into any [`RowSink`] (such as a `DatasetBuilder`).

use scoring_core::dataset::RowSink;
use scoring_core::{Table, TableRow};

use crate::FormatError;
use crate::encoding::decode_borrowed;

/// Reads CSV bytes in any supported encoding into a table.
///
/// Tab-separated text (Excel's "Unicode text") is recognised when the first
/// line holds tabs and no commas. Every row keeps the line it started on.
pub fn read_csv(source: &str, bytes: &[u8]) -> Result<Table, FormatError> {
    let mut table = Table {
        source: source.to_string(),
        rows: Vec::new(),
    };
    read_csv_rows(source, bytes, &mut table)?;
    Ok(table)
}

/// Reads CSV bytes in any supported encoding, handing each row to `sink`
/// as it is read (see [`read_csv`]): a large file never waits in memory
/// as a whole table. UTF-8 text is read where it lies, not copied.
pub fn read_csv_rows(
    source: &str,
    bytes: &[u8],
    sink: &mut impl RowSink,
) -> Result<(), FormatError> {
    let (text, _) = decode_borrowed(source, bytes)?;
    csv_text_rows(source, &text, sink)
}

/// Reads already-decoded CSV text into a table.
pub fn read_csv_text(source: &str, text: &str) -> Result<Table, FormatError> {
    let mut table = Table {
        source: source.to_string(),
        rows: Vec::new(),
    };
    csv_text_rows(source, text, &mut table)?;
    Ok(table)
}

/// Reads decoded CSV or tab-separated text row by row.
fn csv_text_rows(source: &str, text: &str, sink: &mut impl RowSink) -> Result<(), FormatError> {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    delimited_rows(source, text, delimiter, sink)
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
    let mut table = Table {
        source: source.to_string(),
        rows: Vec::new(),
    };
    delimited_rows(source, text, delimiter, &mut table)?;
    Ok(table)
}

fn delimited_rows(
    source: &str,
    text: &str,
    delimiter: u8,
    sink: &mut impl RowSink,
) -> Result<(), FormatError> {
    sink.expect_rows(expected_lines(text));
    if is_plain(text) {
        plain_rows(text, delimiter, sink);
        return Ok(());
    }
    quoted_rows(source, text, delimiter, sink)
}

/// How many lines `text` holds (every row ends a line, or the text), for
/// the sink to allocate once.
fn expected_lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// Whether text can be split without a CSV reader: no quotes at all, and
/// every line ends in `\n` or `\r\n` (an old Mac's lone `\r` ends a
/// line too, which the reader handles).
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.contains(&b'"')
        && (!bytes.contains(&b'\r')
            || bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\r')
                .all(|(i, _)| bytes.get(i + 1) == Some(&b'\n')))
}

/// Splits quote-free text into lines, each a row whose cells are cut at
/// every delimiter: what the CSV reader would give (blank lines skipped,
/// each row with its line), several times faster on the large files a
/// whole department makes. The sink cuts the cells itself.
fn plain_rows(text: &str, delimiter: u8, sink: &mut impl RowSink) {
    // Byte-order marks opening the text are not data (a file saved twice
    // may have two; decoding removes one).
    let text = text.trim_start_matches('\u{feff}');
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for (n, end) in ends.enumerate() {
        // Line breaks are ASCII: `start` and `end` are character boundaries.
        let line = &text[start..end];
        start = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.is_empty() {
            sink.push_line(u32::try_from(n + 1).unwrap_or(u32::MAX), line, delimiter);
        }
    }
}

/// Reads text that holds quotes with the CSV reader.
fn quoted_rows(
    source: &str,
    text: &str,
    delimiter: u8,
    sink: &mut impl RowSink,
) -> Result<(), FormatError> {
    // Byte-order marks opening the text are not data. The reader would drop
    // one itself, but then count record positions inconsistently; they hold
    // no line break, so lines are counted the same without them.
    let text = text.trim_start_matches('\u{feff}');
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
    let mut row = TableRow::default();
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
        row.clear(u32::try_from(at_line).unwrap_or(u32::MAX));
        for cell in &record {
            row.push(cell);
        }
        sink.push_row(&row);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted() {
        assert_eq!(expected_lines(""), 1);
        assert_eq!(expected_lines("a,b\nc,d\n"), 3);
        let large: String = (0..20_000).map(|n| format!("处室{n},1,2,3\n")).collect();
        assert_eq!(expected_lines(&large), 20_001);
    }

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

    /// Quote-free text is split by hand; the result must be the CSV
    /// reader's, blank lines, line endings, ragged rows and all.
    #[test]
    fn plain_text_splits_like_the_csv_reader() {
        let pieces = [
            "office",
            "办公室",
            "1",
            "",
            " ",
            ",",
            "\n",
            "\r\n",
            "\t",
            "a b",
            "\n\n",
        ];
        // Every sequence of up to four pieces, and some longer ones.
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        texts.push("office,a,b\r\n\r\nx,1,2\r\ny,,\r\n,,\r\nz,3".into());
        // A byte-order mark in front (doubled, as a file saved twice may
        // have it: decoding removes one), alone on its line, or alone.
        let with_bom: Vec<String> = texts.iter().map(|t| format!("\u{feff}{t}")).collect();
        texts.extend(with_bom);
        texts.push("\u{feff}\u{feff}\noffice,a\nx,1\n".into());
        for text in &texts {
            assert!(is_plain(text), "{text:?}");
            for delimiter in [b',', b'\t'] {
                let mut plain = Table::default();
                plain_rows(text, delimiter, &mut plain);
                let mut quoted = Table::default();
                quoted_rows("p.csv", text, delimiter, &mut quoted).unwrap();
                assert_eq!(plain, quoted, "{text:?} split by {delimiter}");
            }
        }
        // A doubled mark on a line of its own: a blank line, in both paths.
        for text in [
            "\u{feff}\u{feff}\noffice,a\nx,1\n",
            "\u{feff}\u{feff}\n\"office\",a\nx,1\n",
        ] {
            let t = read_csv("bom.csv", text.as_bytes()).unwrap();
            let lines: Vec<u32> = t.rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 3], "{text:?}");
            assert_eq!(t.rows[0].cells().collect::<Vec<_>>(), ["office", "a"]);
        }
        assert!(!is_plain("a,\"b\"\n"));
        assert!(!is_plain("a,b\rc,d\n"));
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
