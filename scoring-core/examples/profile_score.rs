//! Scores 100 000 synthetic offices 20 times and prints the mean time: a
//! quick check, and a target for `perf record`, between criterion runs.

use rust_decimal::Decimal;
use scoring_core::{Dataset, InputKind, Rubric, bundled, score};

include!("../benches/support/synthetic.rs");

fn main() {
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).expect("bundled rubric");
    let data = synthetic(&rubric, 100_000);
    let t = std::time::Instant::now();
    for _ in 0..20 {
        std::hint::black_box(score(&rubric, &data).expect("scores"));
    }
    println!("score 100k offices: {:?} per run", t.elapsed() / 20);
}
