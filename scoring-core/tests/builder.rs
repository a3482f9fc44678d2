//! A `DatasetBuilder` reads a line of delimited text (`push_line`) (its shortcut for
//! plain counts) exactly as it reads the same cells given as a row: the
//! same offices, values and errors, whatever the line holds.

use proptest::prelude::*;
use scoring_core::{DatasetBuilder, RowSink, Rubric, TableRow, bundled};

fn rubric() -> Rubric {
    Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap()
}

/// Cells that are plain counts, and cells that are not, or not quite.
const CELLS: &[&str] = &[
    "0",
    "1",
    "2",
    "12",
    "40",
    "007",
    "999999999",
    "1000000000",
    "4294967295",
    "4294967296",
    " 3",
    "3 ",
    "",
    "x",
    "1.5",
    "-1",
    "是",
    "1e3",
];

const NAMES: &[&str] = &["办公室", "法规处", " 办公室", "", "  ", "a,"];

/// A line's cells: a name, then about one cell per input (sometimes one
/// fewer or one more), mostly plain counts that pass every check (flags 0
/// or 1, more asked than answered or late), sometimes anything.
fn line(rubric: &Rubric) -> impl Strategy<Value = Vec<String>> {
    let inputs = rubric.inputs().len();
    let asked: Vec<usize> = rubric
        .inputs()
        .items()
        .enumerate()
        .filter(|(_, i)| i.id.ends_with("_asked"))
        .map(|(n, _)| n)
        .collect();
    let flags: Vec<usize> = rubric
        .inputs()
        .items()
        .enumerate()
        .filter(|(_, i)| i.kind == scoring_core::InputKind::Flag)
        .map(|(n, _)| n)
        .collect();
    let odd = prop_oneof![
        8 => Just(None),
        1 => prop::sample::select(CELLS).prop_map(Some),
    ];
    (
        prop::sample::select(NAMES),
        prop::collection::vec((0u32..50, odd), inputs - 1..=inputs + 1),
    )
        .prop_map(move |(name, cells)| {
            // A name holding the delimiter is cut where it stands.
            let mut all = vec![name.replace(',', "")];
            all.extend(cells.into_iter().enumerate().map(|(i, (n, odd))| {
                let n = if flags.contains(&i) {
                    n % 2
                } else if asked.contains(&i) {
                    n + 50
                } else {
                    n
                };
                odd.map_or_else(|| n.to_string(), str::to_string)
            }));
            all
        })
}

fn header(rubric: &Rubric) -> Vec<String> {
    std::iter::once("office".to_string())
        .chain(rubric.inputs().items().map(|i| i.id.clone()))
        .collect()
}

proptest! {
    #[test]
    fn delimited_lines_read_like_rows(
        lines in prop::collection::vec(line(&rubric()), 0..12),
    ) {
        let rubric = rubric();
        prop_assert_eq!(rubric.inputs().len(), 21);
        let mut by_rows = DatasetBuilder::new(&rubric, "x.csv");
        let mut by_lines = DatasetBuilder::new(&rubric, "x.csv");
        let all = std::iter::once(header(&rubric)).chain(lines);
        for (n, cells) in all.enumerate() {
            let line = n as u32 + 1;
            by_rows.push_row(&TableRow::new(line, &cells));
            by_lines.push_line(line, &cells.join(","), b',');
        }
        prop_assert_eq!(by_lines.finish_lenient(), by_rows.finish_lenient());
    }
}

#[test]
fn columns_in_another_order_read_alike() {
    let rubric = rubric();
    // Input i holds 100 − i (answered and late below asked), flags 1.
    let value = |i: usize| match rubric.inputs().nth(i).unwrap().1.kind {
        scoring_core::InputKind::Flag => 1,
        _ => 100 - i as u32,
    };
    let mut head = header(&rubric);
    head[1..].reverse();
    let mut cells = vec!["处".to_string()];
    cells.extend((0..21).rev().map(|i| value(i).to_string()));
    let mut by_rows = DatasetBuilder::new(&rubric, "x.csv");
    let mut by_lines = DatasetBuilder::new(&rubric, "x.csv");
    for (n, cells) in [head, cells].into_iter().enumerate() {
        by_rows.push_row(&TableRow::new(n as u32 + 1, &cells));
        by_lines.push_line(n as u32 + 1, &cells.join(","), b',');
    }
    let (a, b) = (by_lines.finish().unwrap(), by_rows.finish().unwrap());
    assert_eq!(a, b);
    let expected: Vec<rust_decimal::Decimal> = (0..21).map(|i| value(i).into()).collect();
    assert_eq!(a.row(a.find("处").unwrap()), expected);
}

#[test]
fn lines_cut_at_any_byte_read_like_rows_and_never_panic() {
    let rubric = rubric();
    let head = header(&rubric);
    // 办 is E5 8A 9E: cutting at 0x8A falls inside it.
    for (text, delimiter) in [
        ("a办,1", 0x8A),
        ("办,办", 0x9E),
        ("x\ty", b'\t'),
        ("", b','),
    ] {
        let mut by_rows = DatasetBuilder::new(&rubric, "x.csv");
        let mut by_lines = DatasetBuilder::new(&rubric, "x.csv");
        by_rows.push_row(&TableRow::new(1, &head));
        by_lines.push_row(&TableRow::new(1, &head));
        // A table cuts the line as any sink does by default.
        let mut table = scoring_core::Table::default();
        table.push_line(2, text, delimiter);
        by_rows.push_row(&table.rows[0]);
        by_lines.push_line(2, text, delimiter);
        assert_eq!(
            by_lines.finish_lenient(),
            by_rows.finish_lenient(),
            "{text:?}"
        );
    }
}

#[test]
fn a_hint_of_more_rows_than_memory_holds_is_only_a_hint() {
    let rubric = rubric();
    let mut builder = DatasetBuilder::new(&rubric, "x.csv");
    // A file of a billion blank lines says so before its rows come.
    builder.expect_rows(usize::MAX);
    builder.push_row(&TableRow::new(1, header(&rubric)));
    let mut cells = vec!["处".to_string()];
    cells.extend(rubric.inputs().items().map(|_| "1".to_string()));
    builder.push_line(2, &cells.join(","), b',');
    assert_eq!(builder.finish().unwrap().len(), 1);
}
