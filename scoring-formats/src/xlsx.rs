//! Excel workbooks: reading the first sheet into a [`Table`], writing
//! results and templates.
//!
//! XLSX stores every number as a binary double. Reading, a number becomes
//! the shortest decimal text that round-trips (`52000`, `0.5`): exactly what
//! the assessor typed. Writing, published figures (already rounded to the
//! rubric's precision) are stored as numbers formatted to that precision, so
//! that Excel can sort and sum them; the exact figures stay in the CSV and
//! JSON outputs.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use scoring_core::{Dataset, Lang, Rubric, Scorecard, Table, TableRow, explain};

use crate::FormatError;
use crate::csv_out::{ResultCell, Stamp, results_cells, results_header, template_header};

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

/// What an export says about itself on every sheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportInfo {
    /// The assessment's title (e.g. `2026年度政务公开考核`).
    pub title: String,
    /// The date of the export, `YYYY-MM-DD` (the caller's clock, not ours).
    pub date: String,
}

fn caption(rubric: &Rubric, stamp: &Stamp, info: &ExportInfo, lang: Lang) -> String {
    let short = scoring_core::fingerprint::short(&stamp.fingerprint);
    let mut s = match lang {
        Lang::Zh => format!(
            "评分细则：{}（{}，版本 {}，指纹 {short}）",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version()
        ),
        Lang::En => format!(
            "Rubric: {} ({}, version {}, fingerprint {short})",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version()
        ),
    };
    if !info.title.is_empty() {
        s = format!("{} — {s}", info.title);
    }
    if !info.date.is_empty() {
        s.push_str(&match lang {
            Lang::Zh => format!("；导出日期 {}", info.date),
            Lang::En => format!("; exported {}", info.date),
        });
    }
    s
}

/// A cell value: published figures as numbers, the rest as text.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    header: Format,
    number: Format,
}

impl Sheet<'_> {
    fn write_row(&mut self, cells: &[Cell<'_>], header: bool) -> Result<(), XlsxError> {
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(t) if header => {
                    self.ws
                        .write_string_with_format(self.row, col, *t, &self.header)?;
                }
                // write_string never evaluates text as a formula.
                Cell::Text(t) => {
                    self.ws.write_string(self.row, col, *t)?;
                }
                Cell::Number(n) => {
                    self.ws
                        .write_number_with_format(self.row, col, *n, &self.number)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }
}

fn number_format(rubric: &Rubric) -> Format {
    let pattern = match rubric.precision() {
        0 => "0".to_string(),
        p => format!("0.{}", "0".repeat(p as usize)),
    };
    Format::new().set_num_format(pattern)
}

fn new_sheet<'a>(
    workbook: &'a mut Workbook,
    name: &str,
    rubric: &Rubric,
    stamp: &Stamp,
    info: &ExportInfo,
    lang: Lang,
) -> Result<Sheet<'a>, XlsxError> {
    let ws = workbook.add_worksheet();
    ws.set_name(name)?;
    ws.write_string(0, 0, caption(rubric, stamp, info, lang))?;
    ws.write_string(
        1,
        0,
        format!(
            "{}{}",
            lang.pick("细则指纹（SHA-256）：", "Rubric fingerprint (SHA-256): "),
            stamp.fingerprint
        ),
    )?;
    Ok(Sheet {
        ws,
        row: 2,
        header: Format::new().set_bold().set_align(FormatAlign::Center),
        number: number_format(rubric),
    })
}

/// The results as a workbook: the ranking (place, office, total, groups,
/// adjustments, every leaf's score and points), each leaf's explanation
/// per office, and the inputs. Every sheet names the rubric and version.
pub fn results_xlsx(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    info: &ExportInfo,
    lang: Lang,
) -> Result<Vec<u8>, FormatError> {
    let stamp = Stamp::of(rubric);
    build(|workbook| {
        // Sheet 1: results, as in the CSV.
        let mut sheet = new_sheet(
            workbook,
            lang.pick("结果", "Results"),
            rubric,
            &stamp,
            info,
            lang,
        )?;
        let header = results_header(rubric, lang);
        sheet.write_row(
            &header.iter().map(|h| Cell::Text(h)).collect::<Vec<_>>(),
            true,
        )?;
        // Made in data order, written in ranking order.
        let mut rows: Vec<Vec<ResultCell<'_>>> = Vec::with_capacity(card.len());
        let mut published = card.published();
        while let Some(row) = published.next_office() {
            let mut cells = Vec::with_capacity(header.len());
            results_cells(rubric, &row, &stamp, lang, |c| cells.push(c));
            rows.push(cells);
        }
        for office in card.ranking() {
            let cells: Vec<Cell<'_>> = rows[office.ix().index()]
                .iter()
                .map(|c| match *c {
                    ResultCell::Place(p) => Cell::Number(f64::from(p)),
                    ResultCell::Office(name) | ResultCell::Text(name) => Cell::Text(name),
                    ResultCell::Figure(d) => Cell::Number(d.to_f64().unwrap_or_default()),
                    ResultCell::Stamp(s) => Cell::Text(s),
                })
                .collect();
            sheet.write_row(&cells, false)?;
        }
        sheet.ws.set_freeze_panes(3, 2)?;
        sheet.ws.set_column_width(1, 14)?;

        // Sheet 2: every leaf of every office, explained.
        let mut sheet = new_sheet(
            workbook,
            lang.pick("指标明细", "Indicator detail"),
            rubric,
            &stamp,
            info,
            lang,
        )?;
        let head = [
            lang.pick("处室", "Office"),
            lang.pick("指标", "Indicator"),
            lang.pick("名次", "Place"),
            lang.pick("得分", "Score"),
            lang.pick("折算分", "Points"),
            lang.pick("说明", "Explanation"),
        ];
        sheet.write_row(&head.map(Cell::Text), true)?;
        for office in card.offices() {
            for (slot, l) in rubric.leaves() {
                let r = office.leaf(slot);
                let place = r.placing.map(|p| p.place.to_string()).unwrap_or_default();
                let why = explain::leaf(rubric, data, card, office.ix(), slot, lang);
                let score = rubric.round(r.score).to_f64().unwrap_or_default();
                let points = rubric.round(r.points).to_f64().unwrap_or_default();
                let na = lang.pick("不适用", "N/A");
                let (score, points) = if r.not_applicable {
                    (Cell::Text(na), Cell::Text(na))
                } else {
                    (Cell::Number(score), Cell::Number(points))
                };
                sheet.write_row(
                    &[
                        Cell::Text(office.name()),
                        Cell::Text(l.name.get(lang)),
                        Cell::Text(&place),
                        score,
                        points,
                        Cell::Text(&why),
                    ],
                    false,
                )?;
            }
        }
        sheet.ws.set_column_width(1, 28)?;
        sheet.ws.set_column_width(5, 60)?;

        // Sheet 3: the inputs, as they were scored.
        let mut sheet = new_sheet(
            workbook,
            lang.pick("输入数据", "Inputs"),
            rubric,
            &stamp,
            info,
            lang,
        )?;
        let header = template_header(rubric, lang);
        sheet.write_row(
            &header.iter().map(|h| Cell::Text(h)).collect::<Vec<_>>(),
            true,
        )?;
        let inputs = Format::new().set_num_format("General");
        for office in data.offices() {
            let (o, office) = office;
            sheet.ws.write_string(sheet.row, 0, &office.name)?;
            let row = data.row(o);
            for ((i, v), (ix, input)) in row.iter().enumerate().zip(rubric.inputs()) {
                let col = i as u16 + 1;
                if data.is_na(o, ix) {
                    sheet.ws.write_string(sheet.row, col, "N/A")?;
                } else if input.kind == scoring_core::InputKind::Choice {
                    sheet.ws.write_string(sheet.row, col, input.typed(*v))?;
                } else {
                    let n = v.to_f64().unwrap_or_default();
                    sheet
                        .ws
                        .write_number_with_format(sheet.row, col, n, &inputs)?;
                }
            }
            // The text columns after the inputs, as the header has them.
            for (k, (t, _)) in rubric.text_columns().enumerate() {
                let col = (row.len() + k) as u16 + 1;
                sheet.ws.write_string(sheet.row, col, data.text(o, t))?;
            }
            sheet.row += 1;
        }
        Ok(())
    })
}

/// An empty input workbook for `rubric`: the header row (as in the CSV
/// template) and a second sheet describing every input.
pub fn template_xlsx(rubric: &Rubric, lang: Lang) -> Result<Vec<u8>, FormatError> {
    data_xlsx(rubric, None, lang)
}

/// An input workbook for `rubric` holding `data` (or empty): one row per
/// office under the template's headers, and a sheet describing every input.
/// It reads back with [`read_xlsx`] to the same dataset.
pub fn data_xlsx(
    rubric: &Rubric,
    data: Option<&Dataset>,
    lang: Lang,
) -> Result<Vec<u8>, FormatError> {
    build(|workbook| {
        let header_format = Format::new().set_bold();
        let ws = workbook.add_worksheet();
        ws.set_name(lang.pick("数据", "Data"))?;
        for (c, h) in template_header(rubric, lang).iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header_format)?;
            ws.set_column_width(c as u16, 14)?;
        }
        if let Some(data) = data {
            for (o, office) in data.offices() {
                let r = o.index() as u32 + 1;
                ws.write_string(r, 0, &office.name)?;
                let row = data.row(o);
                for ((i, v), (ix, input)) in row.iter().enumerate().zip(rubric.inputs()) {
                    let col = i as u16 + 1;
                    if data.is_na(o, ix) {
                        ws.write_string(r, col, "N/A")?;
                    } else if input.kind == scoring_core::InputKind::Choice {
                        ws.write_string(r, col, input.typed(*v))?;
                    } else {
                        ws.write_number(r, col, v.to_f64().unwrap_or_default())?;
                    }
                }
                // The text columns after the inputs, as the header has them.
                for (k, (t, _)) in rubric.text_columns().enumerate() {
                    let text = data.text(o, t);
                    if !text.is_empty() {
                        ws.write_string(r, (row.len() + k) as u16 + 1, text)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 1)?;
        let help = workbook.add_worksheet();
        help.set_name(lang.pick("说明", "Help"))?;
        let head = [
            lang.pick("列标识", "Column id"),
            lang.pick("列名", "Label"),
            lang.pick("类型", "Kind"),
            lang.pick("填写说明", "Help"),
        ];
        for (c, h) in head.iter().enumerate() {
            help.write_string_with_format(0, c as u16, *h, &header_format)?;
        }
        for (r, input) in rubric.inputs().items().enumerate() {
            let r = r as u32 + 1;
            let names: Vec<&str> = input.choices.iter().map(|c| c.get(lang)).collect();
            let kind = match (input.kind, lang) {
                (scoring_core::InputKind::Count, Lang::Zh) => "整数（≥0）".to_string(),
                (scoring_core::InputKind::Amount, Lang::Zh) => "数值（≥0）".to_string(),
                (scoring_core::InputKind::Flag, Lang::Zh) => "是/否（1/0）".to_string(),
                (scoring_core::InputKind::Choice, Lang::Zh) => format!("选项：{}", names.join("/")),
                (scoring_core::InputKind::Count, Lang::En) => "whole number ≥ 0".to_string(),
                (scoring_core::InputKind::Amount, Lang::En) => "number ≥ 0".to_string(),
                (scoring_core::InputKind::Flag, Lang::En) => "yes/no (1/0)".to_string(),
                (scoring_core::InputKind::Choice, Lang::En) => {
                    format!("one of: {}", names.join("/"))
                }
            };
            help.write_string(r, 0, &input.id)?;
            help.write_string(r, 1, input.label.get(lang))?;
            help.write_string(r, 2, &kind)?;
            help.write_string(r, 3, input.help.as_ref().map(|h| h.get(lang)).unwrap_or(""))?;
        }
        help.set_column_width(0, 24)?;
        help.set_column_width(1, 32)?;
        help.set_column_width(3, 60)?;
        Ok(())
    })
}

/// A template of an item log for `rubric` as a workbook: the items sheet
/// (the header and one example item per kind, dates as text in each
/// accepted form) and a sheet saying the kinds each indicator accepts and
/// the date forms. It reads back with [`read_xlsx`] as a log.
pub fn item_log_template_xlsx(rubric: &Rubric, lang: Lang) -> Result<Vec<u8>, FormatError> {
    let template = scoring_core::items::ItemLog::template(rubric, lang);
    build(|workbook| {
        let bold = Format::new().set_bold();
        let ws = workbook.add_worksheet();
        ws.set_name(lang.pick("事项登记", "Items"))?;
        for (r, row) in template.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if r == 0 {
                    ws.write_string_with_format(0, c as u16, cell, &bold)?;
                    ws.set_column_width(c as u16, 16)?;
                } else if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, cell)?;
                }
            }
        }
        let about = workbook.add_worksheet();
        about.set_name(lang.pick("说明", "About"))?;
        about.set_column_width(0, 28)?;
        about.set_column_width(1, 60)?;
        about.write_string_with_format(0, 0, lang.pick("指标", "Indicator"), &bold)?;
        about.write_string_with_format(
            0,
            1,
            lang.pick("“类别”可填", "The kind may be written"),
            &bold,
        )?;
        for (r, (name, kinds)) in template.kinds.iter().enumerate() {
            about.write_string(r as u32 + 1, 0, name)?;
            about.write_string(r as u32 + 1, 1, kinds.join(lang.pick("、", ", ")))?;
        }
        about.write_string(template.kinds.len() as u32 + 2, 0, &template.date_forms)?;
        Ok(())
    })
}

fn build(
    fill: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>,
) -> Result<Vec<u8>, FormatError> {
    let mut workbook = Workbook::new();
    fill(&mut workbook)
        .and_then(|_| workbook.save_to_buffer())
        .map_err(|e| FormatError::Spreadsheet {
            file: String::new(),
            detail: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(header, template_header(&rubric, Lang::Zh));
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
