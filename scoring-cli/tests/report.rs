//! `--format json` is `serde_json` of [`scoring_core::Report`]: the same
//! JSON, key for key and in the same order, whatever fast path the command
//! takes to write it; and every output the tests make passes
//! `docs/report.schema.json`, the schema generated from the type.

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
    let text = String::from_utf8(out.stdout).unwrap();
    if let Err(e) = schema().validate(&serde_json::from_str(&text).unwrap()) {
        panic!("{args:?}: the output does not pass docs/report.schema.json: {e}");
    }
    let cli = canonical(&text);

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

/// `docs/report.schema.json`, compiled.
struct Schema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Schema {
    fn validate(&self, json: &serde_json::Value) -> Result<(), String> {
        self.schemas
            .validate(json, self.index)
            .map_err(|e| format!("{e:#}"))
    }
}

fn schema() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = std::fs::read_to_string(repo().join("docs/report.schema.json")).unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler
            .add_resource("report.schema.json", serde_json::from_str(&text).unwrap())
            .unwrap();
        let index = compiler
            .compile("report.schema.json", &mut schemas)
            .unwrap_or_else(|e| panic!("the schema compiles: {e}"));
        Schema { schemas, index }
    })
}

#[test]
fn the_shipped_report_schema_is_the_one_the_type_gives() {
    let shipped = std::fs::read_to_string(repo().join("docs/report.schema.json")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_scoring"))
        .args(["schema", "--report"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout).unwrap() == shipped,
        "docs/report.schema.json is out of date: run\n  cargo run -p scoring-cli -- schema --report -o docs/report.schema.json"
    );
    // It refuses what it should: a figure as a number, a missing rank.
    let good: serde_json::Value = serde_json::json!({
        "rubric": {"id": "x", "title": "X", "version": "1", "source": "S", "precision": 2,
                   "fingerprint": "00"},
        "offices": [{"office": "甲", "total": "95.00", "rank": 1, "groups": {},
                     "indicators": {"a": {"score": "95.00", "points": "95.00", "place": 1}}}]
    });
    schema().validate(&good).unwrap();
    let mut as_number = good.clone();
    as_number["offices"][0]["total"] = serde_json::json!(95.0);
    assert!(schema().validate(&as_number).is_err());
    let mut no_rank = good;
    no_rank["offices"][0]
        .as_object_mut()
        .unwrap()
        .remove("rank");
    assert!(schema().validate(&no_rank).is_err());
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
    // Choices, items, deductions, a judgement with reasons, grades, a
    // veto and the top share, in both languages.
    for (extra, lang) in [
        (&["--explain-all"][..], Lang::Zh),
        (&["--explain-all", "--lang", "en"][..], Lang::En),
    ] {
        both(
            &repo().join("rubrics/bureau-offices.yaml"),
            &fixtures.join("bureau-offices.csv"),
            extra,
            ReportOptions {
                explanations: Explanations::All,
                lang,
                ..Default::default()
            },
            None,
        );
    }
    both(
        &repo().join("rubrics/bureau-offices.yaml"),
        &fixtures.join("bureau-offices.csv"),
        &[],
        ReportOptions::default(),
        None,
    );
    // Bonus pools behind a gate, penalties without cap, a total floor.
    both(
        &repo().join("rubrics/city-departments.yaml"),
        &fixtures.join("city-departments.csv"),
        &["--explain-all"],
        ReportOptions {
            explanations: Explanations::All,
            ..Default::default()
        },
        None,
    );
    // Categories: places within each, totals out of each one's total.
    for (extra, lang) in [(&["--explain-all"][..], Lang::Zh), (&[][..], Lang::Zh)] {
        both(
            &repo().join("rubrics/city-classes.yaml"),
            &fixtures.join("city-classes.csv"),
            extra,
            ReportOptions {
                explanations: if extra.is_empty() {
                    Explanations::None
                } else {
                    Explanations::All
                },
                lang,
                ..Default::default()
            },
            None,
        );
    }
    // Monthly quotas and a stepped excess.
    both(
        &repo().join("rubrics/town-monthly.yaml"),
        &fixtures.join("town-monthly.csv"),
        &["--explain-all", "--lang", "en"],
        ReportOptions {
            explanations: Explanations::All,
            lang: Lang::En,
            ..Default::default()
        },
        None,
    );
    // Deductions overdrawn and capped by a group, zeroed items.
    let dir = scratch("deductions");
    let data = dir.join("deductions.csv");
    std::fs::write(
        &data,
        "office,late_updates,errors,broken_links,checked,leak\n甲处,0,0,0,1,0\n乙处,12,5,3,1,0\n丙处,3,1,2,1,1\n丁处,40,0,0,0,0\n",
    )
    .unwrap();
    both(
        &repo().join("docs/examples/deductions.yaml"),
        &data,
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
