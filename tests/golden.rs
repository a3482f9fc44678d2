//! The worked example (`fixtures/dept6.csv`, computed independently with
//! exact decimals in `fixtures/dept6.expected.json`) through the formats
//! crate and the core, in every encoding an assessor's file may come in.

use scoring_core::{Dataset, Rubric, bundled, score};

const CSV: &str = include_str!("fixtures/dept6.csv");
const EXPECTED: &str = include_str!("fixtures/dept6.expected.json");

fn check(bytes: &[u8]) {
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap();
    let table = scoring_formats::read_csv("dept6.csv", bytes).unwrap();
    let data = Dataset::from_table(&rubric, &table).unwrap();
    let card = score(&rubric, &data).unwrap();
    let expected: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
    for (o, e) in card.offices().zip(expected.as_array().unwrap()) {
        assert_eq!(o.name(), e["office"]);
        assert_eq!(rubric.publish(o.total()), e["total"], "{}", o.name());
        assert_eq!(
            u64::from(o.place()),
            e["rank"].as_u64().unwrap(),
            "{}",
            o.name()
        );
        for (slot, l) in rubric.leaves() {
            let id = &l.id;
            let leaf = o.leaf(slot);
            assert_eq!(
                rubric.publish(leaf.score),
                e["indicators"][id]["score"],
                "{} {id}",
                o.name()
            );
            assert_eq!(
                rubric.publish(leaf.points),
                e["indicators"][id]["points"],
                "{} {id}",
                o.name()
            );
        }
    }
    assert_eq!(card.len(), 6);
}

/// dept6.csv with the Chinese labels as headers (处室 first).
fn chinese_headers() -> String {
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap();
    let mut lines = CSV.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|h| {
            rubric
                .input(h)
                .map(|(_, i)| i.label.zh.clone())
                .unwrap_or("处室".into())
        })
        .collect();
    std::iter::once(header.join(","))
        .chain(lines.map(String::from))
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn utf8() {
    check(CSV.as_bytes());
}

#[test]
fn utf8_with_bom_and_crlf() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(CSV.replace('\n', "\r\n").as_bytes());
    check(&bytes);
}

#[test]
fn gb18030_with_chinese_headers() {
    let bytes = scoring_formats::encoding::encode_gb18030(&chinese_headers());
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    check(&bytes);
}

#[test]
fn results_csv_round_trips_through_the_reader() {
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap();
    let data = Dataset::from_table(
        &rubric,
        &scoring_formats::read_csv("d", CSV.as_bytes()).unwrap(),
    )
    .unwrap();
    let card = score(&rubric, &data).unwrap();
    let out = scoring_formats::results_csv(&rubric, &card, scoring_core::Lang::Zh);
    let table = scoring_formats::read_csv("out.csv", &out).unwrap();
    assert_eq!(table.rows.len(), 7);
    let first: Vec<&str> = table.rows[1].cells().take(3).collect();
    assert_eq!(first, ["1", "办公室", "96.85"]);
}

#[test]
fn xlsx_workbook_with_chinese_headers() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/dept6.xlsx")).unwrap();
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap();
    let table = scoring_formats::read_table("dept6.xlsx", &bytes).unwrap();
    assert_eq!(
        table.rows[0].cell(1),
        Some("重大决策和规范性文件草案公开数")
    );
    let data = Dataset::from_table(&rubric, &table).unwrap();
    let card = score(&rubric, &data).unwrap();
    assert_eq!(
        rubric.publish(card.find("审批处").unwrap().total()),
        "82.93"
    );
}

#[test]
fn results_workbook_names_the_rubric_on_every_sheet() {
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap();
    let data = Dataset::from_table(
        &rubric,
        &scoring_formats::read_csv("d", CSV.as_bytes()).unwrap(),
    )
    .unwrap();
    let card = score(&rubric, &data).unwrap();
    let info = scoring_formats::ExportInfo {
        title: "2026年度考核".into(),
        date: "2026-11-23".into(),
        ..Default::default()
    };
    let bytes =
        scoring_formats::results_xlsx(&rubric, &data, &card, None, &info, scoring_core::Lang::Zh)
            .unwrap();
    let table = scoring_formats::read_xlsx("r.xlsx", &bytes).unwrap();
    let caption = table.rows[0].cell(0).unwrap();
    assert!(
        caption.contains("shandong-commerce-2017") && caption.contains("2017-10-20"),
        "{caption}"
    );
    assert!(caption.contains("2026-11-23"));
    // Row 3 is the header, row 4 the first place.
    let first: Vec<&str> = table.rows[3].cells().take(3).collect();
    assert_eq!(first, ["1", "办公室", "96.85"]);
}
