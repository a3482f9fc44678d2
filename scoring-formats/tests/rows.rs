//! Reading a file row by row into a `DatasetBuilder` gives exactly what
//! reading it into a table and then into a dataset gives: the same
//! offices, values and errors, each at the same line.

use scoring_core::{DataProblem, Dataset, DatasetBuilder, Rubric, bundled};
use scoring_formats::{encoding::encode_gb18030, read_rows, read_table};

const DEPT6: &str = include_str!("../../tests/fixtures/dept6.csv");

fn rubric() -> Rubric {
    Rubric::from_yaml(bundled::SHANDONG_2017_FILE, bundled::SHANDONG_2017).unwrap()
}

/// Both ways of reading `bytes`, which must agree.
fn both(rubric: &Rubric, bytes: &[u8]) -> Result<(Dataset, Vec<scoring_core::DataError>), String> {
    let streamed = {
        let mut builder = DatasetBuilder::new(rubric, "x.csv");
        read_rows("x.csv", bytes, &mut builder).map_err(|e| e.to_string())?;
        builder.finish_lenient()
    };
    let tabled = read_table("x.csv", bytes)
        .map_err(|e| e.to_string())
        .map(|table| Dataset::from_table_lenient(rubric, &table))?;
    assert_eq!(streamed, tabled, "{}", String::from_utf8_lossy(bytes));
    streamed.map_err(|e| e.to_string())
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

#[test]
fn every_way_of_writing_the_file_reads_the_same() {
    let rubric = rubric();
    let rows = lines(DEPT6);
    let (plain, errors) = both(&rubric, DEPT6.as_bytes()).unwrap();
    assert!(errors.is_empty());
    assert_eq!(plain.len(), rows.len() - 1);
    let quoted: String = rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r.split(',').map(|c| format!("\"{c}\"")).collect();
            cells.join(",") + "\r\n"
        })
        .collect();
    let spaced = format!("\n\n{}\n\n", rows.join("\n\n"));
    let tabbed = rows.join("\n").replace(',', "\t");
    let with_bom = format!("\u{feff}{DEPT6}");
    for text in [&quoted, &spaced, &tabbed, &with_bom] {
        let (data, errors) = both(&rubric, text.as_bytes()).unwrap();
        assert!(errors.is_empty(), "{text}");
        assert_eq!(data.offices().len(), plain.offices().len());
        for ((o, a), (p, b)) in data.offices().zip(plain.offices()) {
            assert_eq!(a.name, b.name);
            assert_eq!(data.row(o), plain.row(p));
        }
    }
    let (data, _) = both(&rubric, &encode_gb18030(DEPT6)).unwrap();
    assert_eq!(data.row(first(&data)), plain.row(first(&plain)));
    // A workbook's rows are handed over one by one too.
    let (data, errors) = both(&rubric, include_bytes!("../../tests/fixtures/dept6.xlsx")).unwrap();
    assert!(errors.is_empty());
    assert_eq!(data.len(), plain.len());
    assert_eq!(data.row(last(&data)), plain.row(last(&plain)));
}

#[test]
fn refused_rows_are_left_out_and_their_names_still_count() {
    let rubric = rubric();
    let mut rows = lines(DEPT6);
    let first = rows[1].clone();
    let name = first.split(',').next().unwrap().to_string();
    // Row 2 (line 2) gets a word for a count: refused. Line 8 repeats its
    // name: a duplicate of line 2, though line 2 was refused. Line 9 has a
    // fraction (the quoted reader's path is not needed for that).
    rows[1] = first.replacen(",4,", ",four,", 1);
    rows.push(first.clone());
    rows.push(
        first
            .replacen(&name, "新处室", 1)
            .replacen(",4,", ",4.5,", 1),
    );
    let text = rows.join("\n");
    let (data, errors) = both(&rubric, text.as_bytes()).unwrap();
    let names: Vec<&str> = data.offices().items().map(|o| o.name.as_str()).collect();
    assert!(!names.contains(&name.as_str()), "{names:?}");
    assert_eq!(data.len(), rows.len() - 4);
    let found: Vec<(Option<u32>, Option<usize>)> =
        errors.iter().map(|e| (e.line, e.row_index)).collect();
    let last = rows.len() as u32;
    assert_eq!(
        found,
        [
            (Some(2), Some(0)),
            (Some(last - 1), Some(rows.len() - 3)),
            (Some(last), Some(rows.len() - 2)),
        ]
    );
    assert!(matches!(
        errors[1].problem,
        DataProblem::DuplicateOffice {
            first_line: Some(2)
        }
    ));
}

#[test]
fn files_without_offices_are_refused_alike() {
    let rubric = rubric();
    let header = lines(DEPT6)[0].clone();
    for text in [
        String::new(),
        "\n\n".to_string(),
        header.clone(),
        format!("\n{header}\n\n"),
        header.replace("decision_drafts", "decision_draft") + "\nx,1",
    ] {
        assert!(both(&rubric, text.as_bytes()).is_err(), "{text:?}");
    }
}

fn first(data: &scoring_core::Dataset) -> scoring_core::OfficeIx {
    data.offices().next().unwrap().0
}

fn last(data: &scoring_core::Dataset) -> scoring_core::OfficeIx {
    data.offices().next_back().unwrap().0
}
