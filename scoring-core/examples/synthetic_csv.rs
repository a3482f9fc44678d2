//! Writes a synthetic dataset for the bundled rubric as CSV on standard
//! output, for timing the `scoring` command end to end:
//!
//! ```sh
//! cargo run --release -p scoring-core --example synthetic_csv -- 100000 > /tmp/100k.csv
//! ```

use std::io::Write;

use rust_decimal::Decimal;
use scoring_core::{Dataset, InputKind, Rubric, bundled};

include!("../benches/support/synthetic.rs");

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).expect("bundled rubric");
    let data = synthetic(&rubric, n);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let ids: Vec<&str> = rubric.inputs().items().map(|i| i.id.as_str()).collect();
    writeln!(out, "office,{}", ids.join(",")).expect("stdout");
    for (o, office) in data.offices() {
        write!(out, "{}", office.name).expect("stdout");
        for v in data.row(o) {
            write!(out, ",{v}").expect("stdout");
        }
        writeln!(out).expect("stdout");
    }
}
