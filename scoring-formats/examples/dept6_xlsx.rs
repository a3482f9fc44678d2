//! Writes `tests/fixtures/dept6.xlsx` (the worked example as an input
//! workbook with Chinese headers) from `tests/fixtures/dept6.csv`:
//!
//! ```sh
//! cargo run -p scoring-formats --example dept6_xlsx
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
}
