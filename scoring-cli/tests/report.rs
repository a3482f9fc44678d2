//! `--format json` is `serde_json` of [`scoring_core::Report`]: the same
//! JSON, key for key and in the same order, whatever fast path the command
//! takes to write it.

use std::path::{Path, PathBuf};
use std::process::Command;

use scoring_core::items::ItemLog;
use scoring_core::{Dataset, Explanations, Lang, Report, ReportOptions, Rubric, score};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scoring-report-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// JSON text re-serialised from its parsed form (key order kept).
fn canonical(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    serde_json::to_string(&value).unwrap()
}

/// The command's JSON and the report's, for a rubric and data file.
fn both(
    rubric: &Path,
    data: &Path,
    extra: &[&str],
    options: ReportOptions<'_>,
    items: Option<(&Path, &str)>,
) {
    let mut args: Vec<String> = vec![
        "score".into(),
        "--rubric".into(),
        rubric.display().to_string(),
        "--data".into(),
        data.display().to_string(),
        "--format".into(),
        "json".into(),
    ];
    if let Some((log, end)) = items {
        args.extend([
            "--items".into(),
            log.display().to_string(),
            "--period-end".into(),
            end.into(),
        ]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = Command::new(env!("CARGO_BIN_EXE_scoring"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli = canonical(&String::from_utf8(out.stdout).unwrap());

    let r = Rubric::from_yaml(
        &rubric.display().to_string(),
        &std::fs::read_to_string(rubric).unwrap(),
    )
    .unwrap();
    let table = scoring_formats::read_table("data", &std::fs::read(data).unwrap()).unwrap();
    let judged = items.map(|(log, end)| {
        let log = scoring_formats::read_table("log", &std::fs::read(log).unwrap()).unwrap();
        let end = scoring_core::calendar::parse_date(end).unwrap();
        ItemLog::from_table(&r, &log)
            .unwrap()
            .judge(&r, &r.calendar(), end)
            .unwrap()
    });
    let table = match &judged {
        Some(j) => j.fill_table(&r, &table).unwrap(),
        None => table,
    };
    let dataset = Dataset::from_table(&r, &table).unwrap();
    let card = score(&r, &dataset).unwrap();
    let options = ReportOptions {
        items: judged.as_ref(),
        ..options
    };
    let report = Report::new(&r, &dataset, &card, &options);
    let ours = serde_json::to_string(&report).unwrap();
    assert_eq!(canonical(&ours), cli, "{args:?}");
    // And the report reads back as it was.
    let back: Report = serde_json::from_str(&ours).unwrap();
    assert_eq!(back, report);
}

#[test]
fn the_worked_example_in_every_variant() {
    let rubric = repo().join("rubrics/shandong-commerce-2017.yaml");
    let fixtures = repo().join("tests/fixtures");
    let data = fixtures.join("dept6.csv");
    both(&rubric, &data, &[], ReportOptions::default(), None);
    both(
        &rubric,
        &data,
        &["--explain-all"],
        ReportOptions {
            explanations: Explanations::All,
            ..Default::default()
        },
        None,
    );
    both(
        &rubric,
        &data,
        &["--explain-all", "--lang", "en"],
        ReportOptions {
            explanations: Explanations::All,
            lang: Lang::En,
            ..Default::default()
        },
        None,
    );
    both(
        &rubric,
        &data,
        &["--explain", "法规处"],
        ReportOptions {
            explanations: Explanations::Offices(vec!["法规处".into()]),
            ..Default::default()
        },
        None,
    );
    // Answer-rate counts from an item log, and its items listed.
    both(
        &rubric,
        &fixtures.join("dept6-no-answer-counts.csv"),
        &["--explain-all"],
        ReportOptions {
            explanations: Explanations::All,
            ..Default::default()
        },
        Some((&fixtures.join("dept6-items.csv"), "2026-12-20")),
    );
}

#[test]
fn rubrics_of_other_shapes() {
    let fixtures = repo().join("tests/fixtures");
    // Adjustments, the limit, a rubric without groups, text columns.
    both(
        &fixtures.join("bureau.yaml"),
        &fixtures.join("bureau.csv"),
        &["--explain-all"],
        ReportOptions {
            explanations: Explanations::All,
            ..Default::default()
        },
        None,
    );
    let dir = scratch("flat");
    let data = dir.join("flat.csv");
    std::fs::write(
        &data,
        "office,a,on_time,judged,asked,answered,late,extra\n\"甲\\\"处\",3,1,87.5,3,2,1,1\n乙处,5,0,90,0,0,0,4\n丙,0,1,12.345,9,4,9,9\n",
    )
    .unwrap();
    both(
        &fixtures.join("flat.yaml"),
        &data,
        &[],
        ReportOptions::default(),
        None,
    );
}

/// A few thousand offices, every kind of leaf, ties, fractions, penalties
/// past the rate, adjustments past the limit: the command's fast path
/// against the report.
#[test]
fn thousands_of_generated_offices() {
    let dir = scratch("many");
    let data = dir.join("many.csv");
    let mut csv = String::from("office,a,on_time,judged,asked,answered,late,extra\n");
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for i in 0..3000 {
        let asked = next(9);
        let answered = next(asked + 1);
        let late = next(asked + 1);
        let judged = ["87.5", "90", "100", "0", "66.666", "12.3456789", "33.335"][next(7) as usize];
        csv.push_str(&format!(
            "处室{i},{},{},{judged},{asked},{answered},{late},{}\n",
            next(40),
            next(2),
            next(6)
        ));
    }
    std::fs::write(&data, csv).unwrap();
    let rubric = repo().join("tests/fixtures/flat.yaml");
    both(&rubric, &data, &[], ReportOptions::default(), None);
    both(
        &rubric,
        &data,
        &["--explain-all", "--lang", "en"],
        ReportOptions {
            explanations: Explanations::All,
            lang: Lang::En,
            ..Default::default()
        },
        None,
    );
}
