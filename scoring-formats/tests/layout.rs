//! A workbook as a department keeps it, written as Excel writes one (a
//! merged title, a 序号 column, group titles merged over their inputs, a
//! 合计 row): read by its layout, it scores as the plain file does.

use rust_xlsxwriter::{Format, Workbook};
use scoring_core::{Lang, Rubric, bundled, score};

const DEPT6: &str = include_str!("../../tests/fixtures/dept6.csv");

#[test]
fn a_workbook_with_merged_titles_reads_as_the_plain_file() {
    let rubric = Rubric::from_yaml("s.yaml", bundled::SHANDONG_2017).unwrap();
    let mut lines = DEPT6.lines();
    let ids: Vec<&str> = lines.next().unwrap().split(',').skip(1).collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let n = ids.len() as u16;

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, n + 1, "某某厅2026年度政务公开考核数据", &plain)
        .unwrap();
    sheet.merge_range(1, 0, 2, 0, "序号", &plain).unwrap();
    sheet.merge_range(1, 1, 2, 1, "处室", &plain).unwrap();
    sheet.merge_range(1, 2, 1, 8, "政务公开", &plain).unwrap();
    sheet
        .merge_range(1, 9, 1, n + 1, "咨询、申请与网站", &plain)
        .unwrap();
    for (c, id) in ids.iter().enumerate() {
        let label = &rubric.input(id).unwrap().1.label.zh;
        sheet.write_string(2, c as u16 + 2, label).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let at = r as u32 + 3;
        sheet.write_number(at, 0, (r + 1) as f64).unwrap();
        sheet.write_string(at, 1, row[0]).unwrap();
        for (c, v) in row.iter().enumerate().skip(1) {
            sheet
                .write_number(at, c as u16 + 1, v.parse::<f64>().unwrap())
                .unwrap();
        }
    }
    let total = rows.len() as u32 + 3;
    sheet.write_string(total, 1, "合计").unwrap();
    for c in 0..n {
        let sum: f64 = rows
            .iter()
            .map(|r| r[c as usize + 1].parse::<f64>().unwrap())
            .sum();
        sheet.write_number(total, c + 2, sum).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();

    // Refused until accepted, naming what was found.
    let refused =
        scoring_formats::read_dataset_laid_out(&rubric, "wb.xlsx", &bytes, false).unwrap_err();
    let said = refused.message(Lang::Zh);
    assert!(
        said.contains("第1行“某某厅2026年度政务公开考核数据”是标题"),
        "{said}"
    );
    assert!(said.contains("表头占两行（第2–3行）"), "{said}");
    assert!(said.contains("第一列“序号”是序号"), "{said}");
    assert!(said.contains("第10行“合计”是合计行"), "{said}");
    assert_eq!(refused.diagnostics()[0].code, "data.layout");

    let (data, layout) =
        scoring_formats::read_dataset_laid_out(&rubric, "wb.xlsx", &bytes, true).unwrap();
    assert!(!layout.is_plain());
    let clean = scoring_formats::read_dataset(&rubric, "dept6.csv", DEPT6.as_bytes()).unwrap();
    let (a, b) = (
        score(&rubric, &data).unwrap(),
        score(&rubric, &clean).unwrap(),
    );
    let totals = |card: &scoring_core::Scorecard| {
        card.offices()
            .map(|o| (o.name().to_string(), rubric.publish(o.total())))
            .collect::<Vec<_>>()
    };
    assert_eq!(totals(&a), totals(&b));

    // The plain file is read as it is, row by row.
    let (_, layout) =
        scoring_formats::read_dataset_laid_out(&rubric, "dept6.csv", DEPT6.as_bytes(), false)
            .unwrap();
    assert!(layout.is_plain());
}

/// The item-log templates read back as a log of the rubric, in either
/// language and either format, one item per kind the rubric judges.
#[test]
fn item_log_templates_read_back_as_a_log() {
    use scoring_core::items::ItemLog;
    for yaml in [bundled::SHANDONG_2017, bundled::SHANDONG_2017_R2019] {
        let rubric = Rubric::from_yaml("r.yaml", yaml).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let csv = scoring_formats::item_log_template_csv(&rubric, lang);
            let xlsx = scoring_formats::item_log_template_xlsx(&rubric, lang).unwrap();
            for (name, bytes) in [("t.csv", csv), ("t.xlsx", xlsx)] {
                let table = scoring_formats::read_table(name, &bytes).unwrap();
                let log = ItemLog::from_table(&rubric, &table)
                    .unwrap_or_else(|e| panic!("{name} {lang:?}: {}", e.message(Lang::En)));
                assert_eq!(log.items.len(), 2, "{name} {lang:?}");
            }
        }
    }
}
