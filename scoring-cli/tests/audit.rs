//! Auditing from the command line: the golden diff between the bundled
//! rubric and its 2019 revision, fingerprints, examples run as tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `scoring` from the repository root, so that paths in the output
/// are the relative ones the golden files hold.
fn scoring(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scoring"))
        .current_dir(repo())
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures").join(name)).unwrap()
}

const OLD: &str = "rubrics/shandong-commerce-2017.yaml";
const NEW: &str = "rubrics/shandong-commerce-2017-r2019.yaml";

#[test]
fn the_2019_revision_diff_is_golden() {
    let out = scoring(&["diff", OLD, NEW]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), golden("diff-r2019.zh.txt"));
    // Regenerate with:
    //   scoring diff rubrics/shandong-commerce-2017.yaml rubrics/shandong-commerce-2017-r2019.yaml > tests/fixtures/diff-r2019.zh.txt
}

#[test]
fn the_2019_revision_impact_is_golden_with_movers_first() {
    let out = scoring(&[
        "diff",
        OLD,
        NEW,
        "--data",
        "tests/fixtures/r2019-movers.csv",
        "--lang",
        "en",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert_eq!(text, golden("diff-r2019-movers.en.txt"));
    let impact = &text[text.find("Impact on each office").unwrap()..];
    let rows: Vec<&str> = impact
        .lines()
        .filter(|l| l.starts_with("| ") && !l.contains("Office"))
        .collect();
    assert!(
        rows[0].contains("规划处") && rows[0].contains("1 ↑"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("外贸处") && rows[1].contains("2 ↓"),
        "{rows:?}"
    );
}

#[test]
fn diff_json_agrees_with_scoring_each_rubric_separately() {
    let out = scoring(&[
        "diff",
        OLD,
        NEW,
        "--data",
        "tests/fixtures/dept6.csv",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["old"]["id"], "shandong-commerce-2017");
    assert_eq!(v["new"]["version"], "2019-05-15");
    assert_eq!(v["old"]["fingerprint"].as_str().unwrap().len(), 64);
    let changes = v["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["subject"]["id"] == "site_volume"
        && c["subject"]["name"] == "指标 上网信息量（site_volume）"
        && c["field"] == "weight"
        && c["old"] == "15"
        && c["new"] == "20"));
    assert!(
        changes
            .iter()
            .any(|c| c["subject"]["id"] == "application_replies"
                && c["field"] == "deadline.working_days"
                && c["new"] == "20")
    );
    // The deadline changed and no item log was given: the impact says its
    // late counts are the data's.
    assert_eq!(v["impact"]["late_counts_typed"], true);
    assert!(
        v["impact"]["note"]
            .as_str()
            .unwrap()
            .contains("未按新期限重新判断")
    );
    assert!(
        v["impact"]["offices"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["rounding_only"] == false)
    );
    let score = |rubric: &str| -> serde_json::Value {
        let o = scoring(&[
            "score",
            "--rubric",
            rubric,
            "--data",
            "tests/fixtures/dept6.csv",
            "--format",
            "json",
        ]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let (a, b) = (score(OLD), score(NEW));
    let find = |doc: &serde_json::Value, name: &str| -> serde_json::Value {
        doc["offices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["office"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(v["impact"]["unchanged"], false);
    for o in v["impact"]["offices"].as_array().unwrap() {
        let name = o["office"].as_str().unwrap();
        assert_eq!(o["old_total"], find(&a, name)["total"], "{name}");
        assert_eq!(o["new_total"], find(&b, name)["total"], "{name}");
        assert_eq!(o["old_place"], find(&a, name)["rank"], "{name}");
        assert_eq!(o["new_place"], find(&b, name)["rank"], "{name}");
        for d in o["drivers"].as_array().unwrap() {
            let id = d["id"].as_str().unwrap();
            assert_eq!(
                d["old_points"],
                find(&a, name)["indicators"][id]["points"],
                "{name} {id}"
            );
            assert_eq!(
                d["new_points"],
                find(&b, name)["indicators"][id]["points"],
                "{name} {id}"
            );
        }
    }
}

#[test]
fn a_change_that_moves_no_score_says_so() {
    let dir = std::env::temp_dir().join(format!("scoring-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let relabelled = dir.join("relabelled.yaml");
    let text = std::fs::read_to_string(repo().join(OLD)).unwrap();
    std::fs::write(
        &relabelled,
        text.replace("label: { zh: 子站访问量,", "label: { zh: 子站年访问量,"),
    )
    .unwrap();
    let out = scoring(&[
        "diff",
        OLD,
        relabelled.to_str().unwrap(),
        "--data",
        "tests/fixtures/dept6.csv",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("列名（中文）：子站访问量 → 子站年访问量"),
        "{text}"
    );
    assert!(
        text.contains("此次变更不改变任何处室的任何得分、总分和名次。"),
        "{text}"
    );
    // Same meaning, different formatting: no change, equal fingerprints.
    let reformatted = dir.join("reformatted.yaml");
    let text = std::fs::read_to_string(repo().join(OLD)).unwrap();
    let reformatted_text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| {
            if l.trim_end().ends_with("weight: 5") {
                format!("{l}.0")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&reformatted, reformatted_text).unwrap();
    let out = scoring(&["diff", OLD, reformatted.to_str().unwrap()]);
    assert!(stdout(&out).contains("没有任何变更"), "{}", stdout(&out));
    let a = scoring(&["fingerprint", OLD]);
    let b = scoring(&["fingerprint", reformatted.to_str().unwrap()]);
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(stdout(&a).trim().len(), 64);
}

#[test]
fn a_deadline_change_shows_its_impact_through_an_item_log() {
    let out = scoring(&[
        "diff",
        OLD,
        NEW,
        "--data",
        "tests/fixtures/dept6-no-answer-counts.csv",
        "--items",
        "tests/fixtures/dept6-items.csv",
        "--period-end",
        "2026-12-31",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kfq = v["impact"]["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office"] == "开发区处")
        .unwrap()
        .clone();
    // Its three requests were answered two working days after the 15-day
    // deadline: late under the 2017 rubric, on time under 20 days.
    let app = kfq["drivers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "application_replies")
        .unwrap()
        .clone();
    assert_eq!(
        (app["old_points"].as_str(), app["new_points"].as_str()),
        (Some("9.40"), Some("10.00"))
    );
    // Without the log, the text says how to see a deadline's impact.
    let text = stdout(&scoring(&["diff", OLD, NEW]));
    assert!(text.contains("--items"), "{text}");
}

#[test]
fn a_revision_that_adds_an_input_reads_data_holding_both_sets_of_columns() {
    let dir = std::env::temp_dir().join(format!("scoring-added-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(repo().join(OLD)).unwrap();
    let added = text
        .replacen("indicators:\n", "  - id: media_features\n    label: { zh: 媒体专题数, en: Media features }\n    kind: count\n\nindicators:\n", 1)
        .replace(
            "        weight: 10\n        method: rank\n        tally: { site_visits: 1 }",
            "        weight: 5\n        method: rank\n        tally: { site_visits: 1 }\n      - id: media\n        name: { zh: 媒体专题, en: Media features }\n        weight: 5\n        method: rank\n        tally: { media_features: 1 }",
        );
    let new = dir.join("added.yaml");
    std::fs::write(&new, added).unwrap();
    let csv = std::fs::read_to_string(repo().join("tests/fixtures/dept6.csv")).unwrap();
    let widened: Vec<String> = csv
        .lines()
        .enumerate()
        .map(|(n, l)| {
            if n == 0 {
                format!("{l},media_features")
            } else {
                format!("{l},{n}")
            }
        })
        .collect();
    let data = dir.join("both.csv");
    std::fs::write(&data, widened.join("\n")).unwrap();
    let out = scoring(&[
        "diff",
        OLD,
        new.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains("added: Media features (weight 5, by place)"),
        "{text}"
    );
    assert!(text.contains("Media features"), "{text}");
    // The old data alone cannot be read by the new rubric: the diff is
    // still printed, then which rubric rejected the data, and why.
    let out = scoring(&[
        "diff",
        OLD,
        new.to_str().unwrap(),
        "--data",
        "tests/fixtures/dept6.csv",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("added: Media features (weight 5, by place)"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("the data does not fit the new rubric (shandong-commerce-2017)"),
        "{err}"
    );
    assert!(
        err.contains("input media_features (Media features): this column is missing"),
        "{err}"
    );
}

#[test]
fn fingerprints_of_both_files() {
    let out = scoring(&["fingerprint", OLD, NEW]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].ends_with(&format!("  {OLD}")));
    assert_ne!(lines[0][..64], lines[1][..64]);
}

#[test]
fn every_output_carries_the_fingerprint() {
    let fp = stdout(&scoring(&["fingerprint", OLD])).trim().to_string();
    let short = &fp[..12];
    let table = stdout(&scoring(&["score", "--data", "tests/fixtures/dept6.csv"]));
    assert!(table.contains(&format!("指纹 {short}")), "{table}");
    let json = scoring(&[
        "score",
        "--data",
        "tests/fixtures/dept6.csv",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["rubric"]["fingerprint"], fp.as_str());
    let csv = stdout(&scoring(&[
        "score",
        "--data",
        "tests/fixtures/dept6.csv",
        "--format",
        "csv",
    ]));
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .ends_with(&format!("shandong-commerce-2017@2017-10-20,{fp}"))
    );
}

#[test]
fn rubric_examples_pass_and_failures_name_office_indicator_expected_actual() {
    let out = scoring(&["test", OLD, NEW]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("共 11 个示例，0 个失败\n"));

    let dir = std::env::temp_dir().join(format!("scoring-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wrong = dir.join("wrong.yaml");
    let text = std::fs::read_to_string(repo().join(OLD)).unwrap();
    std::fs::write(
        &wrong,
        text.replace(
            "- {office: 乙处, total: 99.55, place: 2, scores: {decision_drafts: 95, shared_databases: 95}",
            "- {office: 乙处, total: 99.60, place: 2, scores: {decision_drafts: 90, shared_databases: 95}",
        ),
    )
    .unwrap();
    let out = scoring(&["test", wrong.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("FAIL  并列名次顺延（1、2、2、4）"), "{text}");
    assert!(
        text.contains("office 乙处, total: expected 99.6, got 99.55"),
        "{text}"
    );
    assert!(
        text.contains("office 乙处, decision_drafts score: expected 90, got 95.00"),
        "{text}"
    );
    assert!(text.ends_with("5 examples, 1 failed\n"), "{text}");
    // validate fails too, naming the same problems.
    let out = scoring(&["validate", wrong.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("decision_drafts score: expected 90, got 95.00")
    );
}

/// Every rubric in the repository (bundled, examples in the docs, test
/// fixtures) validates and passes the examples it carries.
#[test]
fn every_rubric_in_the_repository_passes_its_examples() {
    let mut files: Vec<String> = Vec::new();
    for dir in ["rubrics", "docs/examples", "tests/fixtures"] {
        let Ok(entries) = std::fs::read_dir(repo().join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "yaml") {
                files.push(e.path().display().to_string());
            }
        }
    }
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    let mut args = vec!["test"];
    args.extend(files.iter().map(String::as_str));
    let out = scoring(&args);
    assert!(
        out.status.success(),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn two_rubrics_sharing_few_indicators_are_said_to_first() {
    let out = scoring(&["diff", OLD, "rubrics/annual-appraisal.yaml"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("注意：两个评分细则的指标大多不同"), "{text}");
    // Not for a revision.
    let out = scoring(&["diff", OLD, NEW]);
    assert!(!stdout(&out).contains("指标大多不同"));
}
