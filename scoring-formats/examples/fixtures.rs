//! Writes the derived fixtures from `tests/fixtures/dept6.csv`:
//!
//! - `dept6.xlsx`: the worked example as an input workbook, Chinese headers;
//! - `dept6-gb18030.csv`: the same as Chinese Excel saves CSV (GB18030,
//!   Chinese headers, CRLF).
//!
//! ```sh
//! cargo run -p scoring-formats --example fixtures
//! ```

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
}
