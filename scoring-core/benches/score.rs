//! Scoring speed with the bundled rubric: 1 k, 10 k and 100 k synthetic
//! offices. Run with `cargo bench -p scoring-core --bench score`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;
use scoring_core::{Dataset, InputKind, Rubric, bundled, score};

include!("support/synthetic.rs");

fn bench(c: &mut Criterion) {
    let rubric = Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap();
    let mut group = c.benchmark_group("score");
    group.sample_size(20);
    for n in [1_000, 10_000, 100_000] {
        let data = synthetic(&rubric, n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &data, |b, data| {
            b.iter(|| score(&rubric, data).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
