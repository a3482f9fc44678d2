//! Scoring speed with the bundled Shandong rubric (1 k, 10 k and 100 k
//! synthetic offices), and with `city-departments`, which scores with the
//! mechanics of other published rubrics (deductions that overdraw and
//! stop at a group's floor, choices, a gated bonus pool, an uncapped
//! penalty): 100 k offices. Run with `cargo bench -p scoring-core --bench
//! score`.

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

    let rubric = Rubric::from_yaml("city", bundled::CITY_DEPARTMENTS).unwrap();
    let data = synthetic_any(&rubric, 100_000);
    let mut group = c.benchmark_group("score-city-departments");
    group.sample_size(20);
    group.bench_with_input(BenchmarkId::from_parameter(100_000), &data, |b, data| {
        b.iter(|| score(&rubric, data).unwrap())
    });
    group.finish();
}

/// A deterministic dataset for any rubric without texts or bounded
/// amounts: counts below 12 (mostly 0 or 1, as incidents are), flags,
/// choices.
fn synthetic_any(rubric: &Rubric, n: usize) -> Dataset {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    let rows = (0..n).map(|o| {
        let values = rubric
            .inputs()
            .items()
            .map(|i| match i.kind {
                InputKind::Flag => Decimal::from(u64::from(next(20) == 0)),
                InputKind::Choice => Decimal::from(next(i.choices.len() as u64)),
                _ => Decimal::from(next(12).saturating_sub(8)),
            })
            .collect::<Vec<_>>();
        (format!("部门{o}"), values)
    });
    Dataset::from_values(rubric, "synthetic", rows).expect("synthetic data is valid")
}

criterion_group!(benches, bench);
criterion_main!(benches);
