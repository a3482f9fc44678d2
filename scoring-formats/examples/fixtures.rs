//! Writes the derived fixtures from `tests/fixtures/dept6.csv`:
//!
//! - `dept6.xlsx`: the worked example as an input workbook, Chinese headers;
//! - `dept6-gb18030.csv`: the same as Chinese Excel saves CSV (GB18030,
//!   Chinese headers, CRLF);
//! - `dept6-items.csv`: an item log whose counts, judged with the 2026
//!   calendar as of 2026-12-20, are exactly dept6's answer-rate counts.
//!
//! ```sh
//! cargo run -p scoring-formats --example fixtures
//! ```

use scoring_core::calendar::Calendar;
use scoring_core::{Dataset, Lang, Rubric, bundled};

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).expect("bundled rubric");
    let csv = std::fs::read(format!("{root}/dept6.csv")).expect("dept6.csv");
    let table = scoring_formats::read_csv("dept6.csv", &csv).expect("CSV");
    let data = Dataset::from_table(&rubric, &table).expect("valid data");
    let bytes = scoring_formats::data_xlsx(&rubric, Some(&data), Lang::Zh).expect("workbook");
    std::fs::write(format!("{root}/dept6.xlsx"), bytes).expect("write");
    println!("wrote {root}/dept6.xlsx");

    let header = scoring_formats::csv_out::template_header(&rubric, Lang::Zh).join(",");
    let text = std::str::from_utf8(&csv).expect("UTF-8");
    let body: Vec<&str> = text.lines().skip(1).collect();
    let chinese = format!("{header}\r\n{}\r\n", body.join("\r\n"));
    let gb = scoring_formats::encoding::encode_gb18030(&chinese);
    std::fs::write(format!("{root}/dept6-gb18030.csv"), gb).expect("write");
    println!("wrote {root}/dept6-gb18030.csv");

    let items = item_log(&rubric, &data);
    std::fs::write(format!("{root}/dept6-items.csv"), items).expect("write");
    println!("wrote {root}/dept6-items.csv");
}

/// An item log implying each office's asked / answered / late counts:
/// items received through 2026, answered the next working day (on time),
/// two working days after the due date (late), or never (late by the
/// period's end).
fn item_log(rubric: &Rubric, data: &Dataset) -> String {
    let calendar = Calendar::bundled();
    let mut out = String::from("office,kind,item,received,answered,extended_to\n");
    let mut serial = 0u32;
    for (o, office) in data.offices() {
        for (kind, prefix, working_days) in [("consultation", "ZX", 3), ("application", "SQ", 15)] {
            let ids = |s: &str| rubric.input(s).map(|(i, _)| i).expect("bundled input");
            let base = if kind == "consultation" {
                "consultations"
            } else {
                "applications"
            };
            let count = |s: &str| {
                let v = data.value(o, ids(&format!("{base}_{s}")));
                u32::try_from(v.mantissa()).expect("a small count")
            };
            let (asked, answered, late) = (count("asked"), count("answered"), count("late"));
            let unanswered = asked - answered;
            let late_answered = late - unanswered;
            for i in 0..asked {
                serial += 1;
                // Spread over 2026, Monday 01-05 to mid-November.
                let offset = i64::from((serial * 37) % 310);
                let received = jiff::civil::date(2026, 1, 5)
                    .checked_add(jiff::Span::new().days(offset))
                    .expect("a 2026 date");
                let due = calendar
                    .due_date(received, working_days)
                    .expect("2026 is bundled")
                    .due;
                let answered = if i < answered - late_answered {
                    calendar
                        .due_date(received, 1)
                        .expect("bundled")
                        .due
                        .to_string()
                } else if i < answered {
                    calendar.due_date(due, 2).expect("bundled").due.to_string()
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "{},{kind},{prefix}{serial:04},{received},{answered},\n",
                    office.name
                ));
            }
        }
    }
    out
}
