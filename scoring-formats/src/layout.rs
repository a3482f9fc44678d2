//! Workbooks as departments keep them: a title above the header, a 序号
//! (row number) column first, a header in two rows under merged group
//! titles, 合计 and 平均 rows at the bottom. [`find_layout`] recognises
//! these around the data a rubric expects; [`Layout::apply`] gives the
//! table as a plain data file would be (one header row naming the inputs,
//! one row per office). Nothing is decided silently: a layout that is not
//! plain is said in words ([`Layout::describe`]) for the assessor to
//! confirm (the page's import preview) or to accept (the command line's
//! `--accept-layout`).
//!
//! A plain file (the office header first in its first row, no totals row)
//! is left as it is, and reading it costs one look at its first row and
//! at each office's name.

use scoring_core::dataset::OFFICE_HEADERS;
use scoring_core::{Lang, Rubric, Table, TableRow};

/// First cells of a row-number column.
const ROW_NUMBER_HEADERS: &[&str] = &["序号", "编号", "序", "no", "no.", "#", "number"];

/// First cells of rows that sum or average the offices above them.
const TOTAL_NAMES: &[&str] = &[
    "合计", "总计", "小计", "共计", "汇总", "total", "totals", "sum", "subtotal",
];
const AVERAGE_NAMES: &[&str] = &["平均", "平均值", "平均数", "均值", "average", "mean"];

/// How many rows from the top the header is looked for in.
const HEADER_SEARCH_ROWS: usize = 10;

/// A row left out of the data, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// Its line (CSV) or row (spreadsheet), from 1.
    pub line: u32,
    /// Its first cell (the office column), as written.
    pub text: String,
    /// What it is.
    pub kind: SkippedKind,
}

/// What a row left out is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkippedKind {
    /// Text above the header (a title, a date, a unit).
    Title,
    /// A row that sums the offices (合计, 总计, 小计).
    Total,
    /// A row that averages them (平均).
    Average,
}

/// How a data file is laid out around its offices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// The header's lines: one, or two (group titles above the inputs').
    /// Empty when no header was recognised (the file is read as it is, and
    /// its header is reported wrong there).
    pub header_lines: Vec<u32>,
    /// Rows left out: titles above the header, totals and averages below.
    pub skipped: Vec<SkippedRow>,
    /// A first column numbering the rows (序号), left out: its header.
    pub row_numbers: Option<String>,
    /// Whether the header is the first row and nothing is left out: the
    /// file is read as it is.
    plain: bool,
}

impl Layout {
    /// A plain data file's layout: read as it is.
    pub fn plain() -> Layout {
        Layout {
            plain: true,
            ..Layout::default()
        }
    }

    /// The stable code of a file refused for its layout
    /// ([`crate::DataFileError::Layout`]), listed in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        "data.layout"
    }

    /// Whether the file is read as it is (nothing to confirm).
    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// What was found, in `lang`, one finding per entry (empty for a
    /// plain file).
    pub fn describe(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        if self.plain {
            return out;
        }
        let zh = lang == Lang::Zh;
        for s in self.skipped.iter().filter(|s| s.kind == SkippedKind::Title) {
            out.push(if zh {
                format!("第{}行“{}”是标题，不是表头，跳过", s.line, short(&s.text))
            } else {
                format!(
                    "line {} (“{}”) is a title, not the header: skipped",
                    s.line,
                    short(&s.text)
                )
            });
        }
        match self.header_lines.as_slice() {
            [one] if *one > 1 || !out.is_empty() => out.push(if zh {
                format!("表头在第{one}行")
            } else {
                format!("the header is line {one}")
            }),
            [top, bottom] => out.push(if zh {
                format!("表头占两行（第{top}–{bottom}行），按下面一行的列名读取")
            } else {
                format!("the header takes two lines ({top}–{bottom}): the columns are named by the lower one")
            }),
            _ => {}
        }
        if let Some(h) = &self.row_numbers {
            out.push(if zh {
                format!("第一列“{}”是序号，不是处室，不读取", short(h))
            } else {
                format!(
                    "the first column (“{}”) numbers the rows: not read",
                    short(h)
                )
            });
        }
        for s in self.skipped.iter().filter(|s| s.kind != SkippedKind::Title) {
            let what = match (s.kind, zh) {
                (SkippedKind::Average, true) => "平均行",
                (_, true) => "合计行",
                (SkippedKind::Average, false) => "an average row",
                (_, false) => "a totals row",
            };
            out.push(if zh {
                format!("第{}行“{}”是{what}，不是处室，跳过", s.line, short(&s.text))
            } else {
                format!(
                    "line {} (“{}”) is {what}, not an office: skipped",
                    s.line,
                    short(&s.text)
                )
            });
        }
        out
    }

    /// The table as a plain data file would hold it: the header (its
    /// columns named by the inputs' ids where recognised), then the
    /// offices, each row keeping its line in the file.
    pub fn apply(&self, table: &Table) -> Table {
        if self.plain || self.header_lines.is_empty() {
            return table.clone();
        }
        let skip: Vec<u32> = self.skipped.iter().map(|s| s.line).collect();
        let drop = usize::from(self.row_numbers.is_some());
        let by_line = |line: u32| table.rows.iter().find(|r| r.line == line);
        let mut rows = Vec::with_capacity(table.rows.len());
        // One header row.
        let lower = by_line(*self.header_lines.last().expect("not empty"));
        let upper = (self.header_lines.len() == 2)
            .then(|| by_line(self.header_lines[0]))
            .flatten();
        if let Some(lower) = lower {
            let width = lower.len().max(upper.map_or(0, TableRow::len));
            let cells: Vec<String> = (drop..width)
                .map(|c| {
                    let low = lower.cell(c).unwrap_or("").trim();
                    let up = upper.and_then(|u| u.cell(c)).unwrap_or("").trim();
                    // The lower row names the inputs; the upper one the
                    // office column when merged down, and any column the
                    // lower leaves blank.
                    if low.is_empty() || (c == drop && is_office_header(up)) {
                        up.to_string()
                    } else {
                        low.to_string()
                    }
                })
                .collect();
            rows.push(TableRow::new(lower.line, cells));
        }
        let last_header = *self.header_lines.last().expect("not empty");
        for row in table.rows.iter().filter(|r| r.line > last_header) {
            if skip.contains(&row.line) {
                continue;
            }
            rows.push(TableRow::new(row.line, row.cells().skip(drop)));
        }
        Table {
            source: table.source.clone(),
            rows,
        }
    }
}

/// At most 24 characters of a cell, for a message.
fn short(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= 24 {
        t.to_string()
    } else {
        format!("{}…", t.chars().take(24).collect::<String>())
    }
}

/// A header cell with spaces and line breaks taken out (a merged header
/// cell often wraps its label), in lower case.
fn norm(cell: &str) -> String {
    cell.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn is_office_header(cell: &str) -> bool {
    let n = norm(cell);
    OFFICE_HEADERS.iter().any(|h| *h == n)
}

fn is_row_number_header(cell: &str) -> bool {
    let n = norm(cell);
    ROW_NUMBER_HEADERS.iter().any(|h| *h == n)
}

fn is_blank(row: &TableRow) -> bool {
    row.cells().all(|c| c.trim().is_empty())
}

/// Whether an office's name is that of a totals or average row (合计,
/// 平均).
pub(crate) fn is_summary_name(name: &str) -> bool {
    // Asked of every office of a large file: most names are ruled out by
    // their first character, without a copy.
    let first = name
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next();
    matches!(
        first,
        Some(
            '合' | '总'
                | '小'
                | '共'
                | '汇'
                | '平'
                | '均'
                | 't'
                | 'T'
                | 's'
                | 'S'
                | 'a'
                | 'A'
                | 'm'
                | 'M'
        )
    ) && summary_kind(name).is_some()
}

/// What a row below the header is, by its office cell.
fn summary_kind(name: &str) -> Option<SkippedKind> {
    let n = norm(name);
    if TOTAL_NAMES.contains(&n.as_str()) {
        Some(SkippedKind::Total)
    } else if AVERAGE_NAMES.contains(&n.as_str()) {
        Some(SkippedKind::Average)
    } else {
        None
    }
}

/// The names a header cell may give an input or a text column: ids and
/// labels, normalised.
fn known_headers(rubric: &Rubric) -> Vec<String> {
    let mut names = Vec::new();
    for (_, i) in rubric.inputs() {
        names.push(norm(&i.id));
        names.push(norm(&i.label.zh));
        if let Some(en) = &i.label.en {
            names.push(norm(en));
        }
    }
    for (_, c) in rubric.text_columns() {
        names.push(norm(&c.id));
        names.push(norm(&c.label.zh));
        if let Some(en) = &c.label.en {
            names.push(norm(en));
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Finds how `table` is laid out around the data `rubric` expects. A file
/// whose first row starts with the office header and has no totals row is
/// plain; one where no header is recognised in its first rows is read as
/// it is (its header is then reported wrong, as for any file).
pub fn find_layout(rubric: &Rubric, table: &Table) -> Layout {
    let rows: Vec<&TableRow> = table.rows.iter().filter(|r| !is_blank(r)).collect();
    let Some(first) = rows.first() else {
        return Layout::plain();
    };
    let known = known_headers(rubric);
    let names = |r: &TableRow| {
        r.cells()
            .filter(|c| known.binary_search(&norm(c)).is_ok())
            .count()
    };
    // A second row naming more inputs than the first is the lower row of
    // a header in two.
    let two_rows = rows
        .get(1)
        .is_some_and(|second| names(second) > names(first));
    if first.cell(0).is_some_and(is_office_header) && !two_rows {
        // The fast path: only the names are looked at.
        let skipped = summaries(&rows[1..], 0);
        if skipped.is_empty() {
            return Layout::plain();
        }
        return Layout {
            header_lines: vec![first.line],
            skipped,
            row_numbers: None,
            plain: false,
        };
    }
    // The header: the row among the first that names the most inputs.
    let search = rows.len().min(HEADER_SEARCH_ROWS);
    let mut best: Option<(usize, usize)> = None;
    for (k, r) in rows[..search].iter().enumerate() {
        let n = names(r);
        if n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((k, n));
        }
    }
    let Some((h, _)) = best else {
        return Layout::plain();
    };
    let header = rows[h];
    // The office column: the first, or the second after a row number.
    let office_in = |r: &TableRow| -> Option<usize> {
        (0..2).find(|&c| r.cell(c).is_some_and(is_office_header))
    };
    let above = h.checked_sub(1).map(|k| rows[k]);
    let (top, office_col) = match (
        office_in(header),
        above.and_then(|a| office_in(a).map(|c| (a, c))),
    ) {
        (Some(c), _) => {
            // Group titles above the header's own row make it two rows:
            // cells right of the office column (a title has only its first).
            let two = above.is_some_and(|a| a.cells().skip(c + 1).any(|x| !x.trim().is_empty()));
            (if two { h - 1 } else { h }, c)
        }
        // 处室 merged down from the row above.
        (None, Some((_, c))) => (h - 1, c),
        (None, None) => return Layout::plain(),
    };
    let row_numbers = (office_col == 1)
        .then(|| {
            let head = if top < h {
                [rows[top].cell(0), header.cell(0)]
            } else {
                [header.cell(0), None]
            };
            head.into_iter()
                .flatten()
                .find(|c| is_row_number_header(c))
                .map(|c| c.trim().to_string())
        })
        .flatten();
    if office_col == 1 && row_numbers.is_none() {
        // Something else first: read as it is (and refused there).
        return Layout::plain();
    }
    let mut skipped: Vec<SkippedRow> = rows[..top]
        .iter()
        .map(|r| SkippedRow {
            line: r.line,
            text: r
                .cells()
                .find(|c| !c.trim().is_empty())
                .unwrap_or("")
                .to_string(),
            kind: SkippedKind::Title,
        })
        .collect();
    skipped.extend(summaries(&rows[h + 1..], office_col));
    Layout {
        header_lines: rows[top..=h].iter().map(|r| r.line).collect(),
        skipped,
        row_numbers,
        plain: false,
    }
}

/// The totals and average rows among `rows`, by their office cell.
fn summaries(rows: &[&TableRow], office_col: usize) -> Vec<SkippedRow> {
    rows.iter()
        .filter_map(|r| {
            let name = r.cell(office_col)?;
            summary_kind(name).map(|kind| SkippedRow {
                line: r.line,
                text: name.trim().to_string(),
                kind,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        Rubric::from_yaml("s.yaml", scoring_core::bundled::SHANDONG_2017).unwrap()
    }

    fn table(text: &str) -> Table {
        crate::read_csv("t.csv", text.as_bytes()).unwrap()
    }

    fn cells(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn a_plain_file_is_read_as_it_is() {
        let t = table("处室,decision_drafts\n办公室,1\n法规处,2\n");
        let l = find_layout(&rubric(), &t);
        assert!(l.is_plain());
        assert!(l.describe(Lang::Zh).is_empty());
        assert_eq!(l.apply(&t), t);
    }

    #[test]
    fn a_title_a_row_number_column_and_a_totals_row() {
        let t = table(
            "某某厅2024年度政务公开考核数据,,\n\
             序号,处室,重大决策和规范性文件草案公开数\n\
             1,办公室,4\n\
             2,法规处,6\n\
             ,合 计,10\n\
             ,平均,5\n",
        );
        let l = find_layout(&rubric(), &t);
        assert!(!l.is_plain());
        assert_eq!(l.header_lines, [2]);
        assert_eq!(l.row_numbers.as_deref(), Some("序号"));
        let kinds: Vec<(u32, SkippedKind)> = l.skipped.iter().map(|s| (s.line, s.kind)).collect();
        assert_eq!(
            kinds,
            [
                (1, SkippedKind::Title),
                (5, SkippedKind::Total),
                (6, SkippedKind::Average)
            ]
        );
        let said = l.describe(Lang::Zh).join("；");
        assert!(
            said.contains("第1行“某某厅2024年度政务公开考核数据”是标题"),
            "{said}"
        );
        assert!(said.contains("第一列“序号”是序号"), "{said}");
        assert!(said.contains("第5行“合 计”是合计行"), "{said}");
        assert!(said.contains("第6行“平均”是平均行"), "{said}");
        assert!(
            l.describe(Lang::En)
                .join("; ")
                .contains("line 5 (“合 计”) is a totals row")
        );
        let plain = l.apply(&t);
        assert_eq!(
            cells(&plain),
            [
                vec!["处室", "重大决策和规范性文件草案公开数"],
                vec!["办公室", "4"],
                vec!["法规处", "6"]
            ]
        );
        // Lines stay the file's, for messages.
        assert_eq!(plain.rows[1].line, 3);
    }

    #[test]
    fn a_two_row_header_under_merged_group_titles() {
        // 处室 merged down over two rows; group titles above the inputs.
        let t = table(
            "处室,决策公开,,咨询答复\n\
             ,重大决策和规范性文件草案公开数,意见征集及采纳情况公开数,consultations_asked\n\
             办公室,4,2,40\n",
        );
        let l = find_layout(&rubric(), &t);
        assert_eq!(l.header_lines, [1, 2]);
        assert!(
            l.describe(Lang::Zh)
                .join("")
                .contains("表头占两行（第1–2行）")
        );
        let plain = l.apply(&t);
        assert_eq!(
            cells(&plain)[0],
            [
                "处室",
                "重大决策和规范性文件草案公开数",
                "意见征集及采纳情况公开数",
                "consultations_asked"
            ]
        );
        assert_eq!(cells(&plain)[1], ["办公室", "4", "2", "40"]);
        // 处室 on the lower row, group titles above it: two rows too.
        let t = table(
            "标题,,\n,决策公开,\n处室,decision_drafts,opinion_reports\n办公室,1,2\n合计,1,2\n",
        );
        let l = find_layout(&rubric(), &t);
        assert_eq!(l.header_lines, [2, 3]);
        assert_eq!(l.skipped.len(), 2);
        assert_eq!(
            cells(&l.apply(&t)),
            [
                vec!["处室", "decision_drafts", "opinion_reports"],
                vec!["办公室", "1", "2"]
            ]
        );
    }

    #[test]
    fn labels_wrapped_in_their_cells_are_recognised() {
        let t = table("标题\n处室,\"重大决策和规范性\n文件草案公开数\"\n办公室,4\n");
        let l = find_layout(&rubric(), &t);
        assert_eq!(l.header_lines, [2]);
    }

    #[test]
    fn a_file_with_no_header_found_is_read_as_it_is() {
        let t = table("name,site_vists\nx,1\n");
        assert!(find_layout(&rubric(), &t).is_plain());
        // Something other than a row number before the office: as it is.
        let t = table("区域,处室,decision_drafts\n东,办公室,1\n");
        assert!(find_layout(&rubric(), &t).is_plain());
        assert!(find_layout(&rubric(), &table("")).is_plain());
    }
}
