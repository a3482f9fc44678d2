//! Scoring speed with the bundled rubric: 1 k, 10 k and 100 k synthetic
//! offices. Run with `cargo bench -p scoring-core --bench score`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;
use scoring_core::{Dataset, InputKind, Rubric, bundled, score};

/// A deterministic pseudo-random dataset (xorshift), valid for the rubric.
pub fn synthetic(rubric: &Rubric, n: usize) -> Dataset {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    let ids: Vec<&str> = rubric.inputs().iter().map(|i| i.id.as_str()).collect();
    let idx = |id: &str| ids.iter().position(|x| *x == id);
    let rows = (0..n).map(|o| {
        let mut values: Vec<Decimal> = rubric
            .inputs()
            .iter()
            .map(|i| match i.kind {
                InputKind::Flag => Decimal::from(next(2)),
                _ => Decimal::from(next(500)),
            })
            .collect();
        // Keep answered and late within asked.
        for (asked, answered, late) in [
            (
                "consultations_asked",
                "consultations_answered",
                "consultations_late",
            ),
            (
                "applications_asked",
                "applications_answered",
                "applications_late",
            ),
        ] {
            if let (Some(a), Some(b), Some(c)) = (idx(asked), idx(answered), idx(late)) {
                let asked = values[a];
                values[b] = values[b].min(asked);
                values[c] = values[c].min(asked);
            }
        }
        (format!("处室{o}"), values)
    });
    Dataset::from_values(rubric, "synthetic", rows).expect("synthetic data is valid")
}

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
