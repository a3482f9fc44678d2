//! Scoring speed with the bundled Shandong rubric (1 k, 10 k and 100 k
//! synthetic offices), and with `city-departments`, which scores with the
//! mechanics of other published rubrics (deductions that overdraw and
//! stop at a group's floor, choices, a gated bonus pool, an uncapped
//! penalty): 100 k offices; and with `city-classes`, which adds
//! categories (A类/B类 scored apart): 100 k offices. Run with `cargo bench -p scoring-core --bench
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

    // Categories: every leaf scored per class, places within a class.
    let rubric = Rubric::from_yaml("classes", bundled::CITY_CLASSES).unwrap();
    let data = classes_data(&rubric, 100_000);
    let mut group = c.benchmark_group("score-city-classes");
    group.sample_size(20);
    group.bench_with_input(BenchmarkId::from_parameter(100_000), &data, |b, data| {
        b.iter(|| score(&rubric, data).unwrap())
    });
    group.finish();
}

/// `city-classes` data: `synthetic_any`'s values, every third office in
/// B类 (its A类-only cell blank), read from a table as a file is.
fn classes_data(rubric: &Rubric, n: usize) -> Dataset {
    let values = synthetic_any_free(rubric, n);
    let mut header = vec!["office".to_string(), "class".to_string()];
    header.extend(rubric.inputs().items().map(|i| i.id.clone()));
    let mut rows = vec![scoring_core::TableRow::new(1, header)];
    for (o, (name, row)) in values.into_iter().enumerate() {
        let b = o % 3 == 2;
        let mut cells = vec![name, if b { "B类" } else { "A类" }.to_string()];
        for (i, v) in rubric.inputs().items().zip(row) {
            cells.push(if b && i.id == "directories_missing" {
                String::new()
            } else {
                i.typed(v)
            });
        }
        rows.push(scoring_core::TableRow::new(o as u32 + 2, cells));
    }
    let table = scoring_core::Table {
        source: "synthetic".into(),
        rows,
    };
    Dataset::from_table(rubric, &table).expect("synthetic data is valid")
}

/// A deterministic dataset for any rubric without texts or bounded
/// amounts: counts below 12 (mostly 0 or 1, as incidents are), flags,
/// choices.
fn synthetic_any(rubric: &Rubric, n: usize) -> Dataset {
    Dataset::from_values(rubric, "synthetic", synthetic_any_free(rubric, n))
        .expect("synthetic data is valid")
}

/// [`synthetic_any`]'s rows: each office's name and values.
fn synthetic_any_free(rubric: &Rubric, n: usize) -> Vec<(String, Vec<Decimal>)> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    (0..n)
        .map(|o| {
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
        })
        .collect()
}

criterion_group!(benches, bench);
criterion_main!(benches);
