//! Every input a fuzzer found a problem with (`fuzz/regressions/<target>/`),
//! replayed through the target's checks, and the fixtures through the
//! same checks: the fuzzers themselves run outside CI
//! (`scripts/fuzz.sh`, `docs/reliability.md`).

use std::path::{Path, PathBuf};

use scoring_tests::fuzz::{Check, TARGETS};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn target(name: &str) -> Check {
    TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no target {name}"))
}

#[test]
fn every_input_a_fuzzer_found_is_replayed() {
    let dir = root().join("fuzz/regressions");
    let mut replayed = 0;
    for (name, check) in TARGETS {
        let Ok(entries) = std::fs::read_dir(dir.join(name)) else {
            continue;
        };
        for e in entries.flatten() {
            let bytes = std::fs::read(e.path()).unwrap();
            check(&bytes);
            replayed += 1;
        }
    }
    eprintln!("{replayed} regression inputs replayed");
}

#[test]
fn every_target_takes_the_fixtures() {
    let fixtures = root().join("tests/fixtures");
    let read = |name: &str| std::fs::read(fixtures.join(name)).unwrap();
    for file in [
        "dept6.csv",
        "dept6-gb18030.csv",
        "dept6.xlsx",
        "r2019-movers.csv",
    ] {
        target("data_file")(&read(file));
    }
    target("item_log")(&read("dept6-items.csv"));
    target("saved_state")(&read("saved-state-v1.json"));
    target("rubric_yaml")(&read("flat.yaml"));
    target("rubric_yaml")(
        &std::fs::read(root().join("rubrics/shandong-commerce-2017.yaml")).unwrap(),
    );
    target("calendar")(
        &std::fs::read(root().join("scoring-core/data/holiday-cn/2026.json")).unwrap(),
    );
    let table = scoring_formats::read_table("dept6.csv", &read("dept6.csv")).unwrap();
    let file = scoring_formats::assessment::AssessmentFile::from_table(
        scoring_core::bundled::SHANDONG_2017_FILE,
        scoring_core::bundled::SHANDONG_2017,
        &table,
        "示例",
        2026,
        "2026-11-26T10:00:00Z",
    )
    .unwrap();
    target("assessment_file")(&file.to_json());
}
