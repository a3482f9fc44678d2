//! The `scoring` command end to end: the worked example to the cent, every
//! output format, validation, templates, and located errors with exit 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scoring(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scoring"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scoring-cli-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn dept6() -> String {
    fixtures().join("dept6.csv").display().to_string()
}

#[test]
fn dept6_json_matches_the_worked_example_to_the_cent() {
    let out = scoring(&["score", "--data", &dept6(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("dept6.expected.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(got["rubric"]["id"], "shandong-commerce-2017");
    assert_eq!(got["rubric"]["version"], "2017-10-20");
    let offices = got["offices"].as_array().unwrap();
    let expected = expected.as_array().unwrap();
    assert_eq!(offices.len(), expected.len());
    for (g, e) in offices.iter().zip(expected) {
        assert_eq!(g["office"], e["office"]);
        assert_eq!(g["total"], e["total"], "total of {}", e["office"]);
        assert_eq!(g["rank"], e["rank"], "rank of {}", e["office"]);
        let leaves = e["indicators"].as_object().unwrap();
        assert_eq!(g["indicators"].as_object().unwrap().len(), leaves.len());
        for (id, want) in leaves {
            let have = &g["indicators"][id];
            assert_eq!(have["score"], want["score"], "{} {id} score", e["office"]);
            assert_eq!(
                have["points"], want["points"],
                "{} {id} points",
                e["office"]
            );
        }
        assert!(g["groups"]["portal"].is_string());
    }
}

#[test]
fn table_lists_every_office_by_place_with_a_footer() {
    let out = scoring(&["score", "--data", &dept6()]);
    assert!(out.status.success());
    let text = stdout(&out);
    let order: Vec<usize> = [
        "办公室",
        "外资处",
        "法规处",
        "信息中心",
        "审批处",
        "开发区处",
    ]
    .iter()
    .map(|n| text.find(n).unwrap())
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "ranking order:\n{text}"
    );
    assert!(text.contains("96.85"));
    assert!(text.contains("shandong-commerce-2017"));
    // Columns line up: every table row has the same display width.
    let widths: Vec<usize> = text
        .lines()
        .filter(|l| l.starts_with('|') || l.starts_with('+'))
        .map(display_width)
        .collect();
    assert!(
        widths.windows(2).all(|w| w[0] == w[1]),
        "{widths:?}\n{text}"
    );
}

/// Terminal columns: CJK characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && !c.is_ascii() {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn explain_shows_every_point_of_one_office() {
    let out = scoring(&["score", "--data", &dept6(), "--explain", "法规处"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("法规处：总分 89.08，第3名/共6个"), "{text}");
    assert!(text.contains("答复率 2/3 = 66.67%；超期1条 × 2分 = −2分 → 64.67分 × 5% = 3.23分"));
    assert!(text.contains("规则："));

    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--explain",
        "法规处",
        "--lang",
        "en",
    ]);
    let text = stdout(&out);
    assert!(text.contains("法规处: total 89.08, place 3 of 6"), "{text}");
    assert!(text.contains("answered 2 of 3 = 66.67%; 1 late × 2 = −2 → 64.67 × 5% = 3.23 points"));
}

#[test]
fn explain_in_json_adds_explanations_for_that_office() {
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--format",
        "json",
        "--explain",
        "审批处",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let office = &v["offices"][5];
    assert_eq!(office["office"], "审批处");
    assert_eq!(
        office["indicators"]["consultation_replies"]["explanation"],
        "答复率 170/176 = 96.59%；超期12条 × 2分 = −24分 → 72.59分 × 5% = 3.63分"
    );
    assert!(
        v["offices"][0]["indicators"]["decision_drafts"]
            .get("explanation")
            .is_none()
    );
}

#[test]
fn unknown_office_to_explain_is_an_error_with_a_suggestion() {
    let out = scoring(&["score", "--data", &dept6(), "--explain", "法规"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("“法规处”"), "{}", stderr(&out));
}

#[test]
fn csv_output_opens_in_excel() {
    let out = scoring(&["score", "--data", &dept6(), "--format", "csv"]);
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    let mut lines = text.split("\r\n");
    let header = lines.next().unwrap();
    assert!(header.starts_with("名次,处室,总分,门户网站,"), "{header}");
    assert!(header.contains("咨询答复（得分）,咨询答复（折算分）"));
    assert!(lines.next().unwrap().starts_with("1,办公室,96.85,78.00,"));
    let en = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    let text = String::from_utf8(en.stdout[3..].to_vec()).unwrap();
    assert!(text.starts_with("Place,Office,Total,Portal website,"));
}

#[test]
fn output_file() {
    let dir = scratch("output");
    let path = dir.join("out.json");
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--format",
        "json",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(v["offices"][0]["total"], "96.85");
}

#[test]
fn gb18030_with_chinese_headers_scores_the_same() {
    let rubric =
        scoring_core::Rubric::from_yaml("r", scoring_core::bundled::SHANDONG_2017).unwrap();
    let text = std::fs::read_to_string(fixtures().join("dept6.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|h| match rubric.input(h) {
            Some((_, i)) => i.label.zh.clone(),
            None => "处室".to_string(),
        })
        .collect();
    let chinese = std::iter::once(header.join(","))
        .chain(lines.map(String::from))
        .collect::<Vec<_>>()
        .join("\r\n");
    let bytes = scoring_formats::encoding::encode_gb18030(&chinese);
    let dir = scratch("gb");
    let path = dir.join("dept6-gbk.csv");
    std::fs::write(&path, bytes).unwrap();
    let a = scoring(&[
        "score",
        "--data",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let b = scoring(&["score", "--data", &dept6(), "--format", "json"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn xlsx_data_scores_the_same() {
    let xlsx = fixtures().join("dept6.xlsx");
    let a = scoring(&[
        "score",
        "--data",
        xlsx.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let b = scoring(&["score", "--data", &dept6(), "--format", "json"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn validate_bundled_rubrics() {
    let rubrics = repo().join("rubrics");
    let mut files: Vec<String> = std::fs::read_dir(&rubrics)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let out = scoring(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), files.len());
    assert!(text.lines().all(|l| l.starts_with("OK ")));
    assert!(text.contains("shandong-commerce-2017（版本 2017-10-20），21 个输入项，16 个末级指标"));
}

#[test]
fn validate_reports_every_problem_with_its_place() {
    let dir = scratch("validate");
    let path = dir.join("broken.yaml");
    let broken = scoring_core::bundled::SHANDONG_2017
        .replace(
            "weight: 15\n            children:",
            "weight: 16\n            children:",
        )
        .replace(
            "tally: { press_conferences: 1 }",
            "tally: { press_conference: 1 }",
        )
        .replace(
            "penalty: 2\n                deadline: { working_days: 3 }",
            "penalty: -2\n                deadline: { working_days: 3 }",
        );
    std::fs::write(&path, broken).unwrap();
    let p = path.to_str().unwrap();
    let out = scoring(&["validate", p, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("major_decisions` weighs 16 but its children add up to 15")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l
                .contains("unknown input `press_conference` (did you mean `press_conferences`?)")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("penalty: -2 is out of range")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("unused") || l.contains("no indicator uses it")),
        "{err}"
    );
    // Every line names the file, line and column.
    for l in &lines {
        let rest = l
            .strip_prefix(p)
            .unwrap_or_else(|| panic!("no file in {l}"));
        let mut parts = rest.trim_start_matches(':').splitn(3, ':');
        assert!(
            parts.next().unwrap().parse::<u32>().is_ok(),
            "no line in {l}"
        );
        assert!(
            parts.next().unwrap().parse::<u32>().is_ok(),
            "no column in {l}"
        );
    }
    // Valid and invalid together: still exit 2, the good one still reported.
    let good = repo().join("rubrics/shandong-commerce-2017.yaml");
    let out = scoring(&["validate", good.to_str().unwrap(), p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).starts_with("OK "));
}

#[test]
fn template_has_the_right_headers() {
    let out = scoring(&["template"]);
    assert!(out.status.success());
    assert!(
        out.stdout
            .starts_with(b"\xEF\xBB\xBF\xE5\xA4\x84\xE5\xAE\xA4,")
    ); // BOM + 处室,
    let out = scoring(&["template", "--lang", "en"]);
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    let header = std::fs::read_to_string(fixtures().join("dept6.csv")).unwrap();
    assert_eq!(text.trim_end(), header.lines().next().unwrap());
}

#[test]
fn a_filled_template_reads_back() {
    let out = scoring(&["template"]);
    let mut bytes = out.stdout.clone();
    let dept6 = std::fs::read_to_string(fixtures().join("dept6.csv")).unwrap();
    for line in dept6.lines().skip(1) {
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\r\n");
    }
    let dir = scratch("template");
    let path = dir.join("filled.csv");
    std::fs::write(&path, bytes).unwrap();
    let a = scoring(&[
        "score",
        "--data",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let b = scoring(&["score", "--data", &dept6_path(), "--format", "json"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
}

fn dept6_path() -> String {
    dept6()
}

/// Writes a variant of dept6.csv and scores it; returns (exit code, stderr).
fn score_variant(name: &str, edit: impl Fn(&str) -> String, lang: &str) -> (Option<i32>, String) {
    let dir = scratch("bad");
    let path = dir.join(name);
    let text = std::fs::read_to_string(fixtures().join("dept6.csv")).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    let out = scoring(&["score", "--data", path.to_str().unwrap(), "--lang", lang]);
    assert!(out.stdout.is_empty(), "nothing on stdout for bad input");
    (out.status.code(), stderr(&out))
}

#[test]
fn bad_csv_gets_a_located_error_and_exit_2() {
    // 法规处 is on line 3; consultations_answered is column 10 (J).
    let (code, err) = score_variant(
        "answered.csv",
        |t| t.replace("法规处,6,3,2,9,0,2,1,3,2,1", "法规处,6,3,2,9,0,2,1,3,4,1"),
        "zh",
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("answered.csv 第3行第J列，处室“法规处”，咨询答复量（consultations_answered）：4 大于咨询提问量（3）"), "{err}");
    let (_, err) = score_variant(
        "answered.csv",
        |t| t.replace("法规处,6,3,2,9,0,2,1,3,2,1", "法规处,6,3,2,9,0,2,1,3,4,1"),
        "en",
    );
    assert!(err.contains("answered.csv:3:10 (column J), office 法规处, input consultations_answered (Consultations answered): 4 is more than Consultations asked (3)"), "{err}");
}

/// A change made to dept6.csv to break it.
type Edit = Box<dyn Fn(&str) -> String>;

#[test]
fn every_bad_input_case_names_its_place() {
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "missing column",
            Box::new(|t: &str| {
                t.replace(",stale_databases", "")
                    .replace(",1,0\n", ",1\n")
                    .replace(",0,0\n", ",0\n")
                    .replace(",2,0\n", ",2\n")
                    .replace(",4,0\n", ",4\n")
                    .replace(",1,1\n", ",1\n")
            }),
            ":1, input stale_databases (Shared databases not updated on time): this column is missing",
        ),
        (
            "unknown column",
            Box::new(|t: &str| t.replace("site_visits", "site_vists")),
            ":1:16 (column P): unknown column `site_vists` (did you mean `site_visits`?)",
        ),
        (
            "blank",
            Box::new(|t: &str| t.replace("外资处,2,2,0,9", "外资处,2,,0,9")),
            ":5:3 (column C), office 外资处, input opinion_reports (Opinion collection and adoption reports published): the cell is blank",
        ),
        (
            "non-numeric",
            Box::new(|t: &str| t.replace("外资处,2,2,0,9", "外资处,2,two,0,9")),
            ":5:3 (column C), office 外资处, input opinion_reports (Opinion collection and adoption reports published): `two` is not a number",
        ),
        (
            "negative",
            Box::new(|t: &str| t.replace("外资处,2,2,0,9", "外资处,2,-2,0,9")),
            "office 外资处, input opinion_reports (Opinion collection and adoption reports published): must not be negative: -2",
        ),
        (
            "fractional",
            Box::new(|t: &str| t.replace("外资处,2,2,0,9", "外资处,2,2.5,0,9")),
            ":5:3 (column C), office 外资处, input opinion_reports (Opinion collection and adoption reports published): must be a whole number: 2.5",
        ),
        (
            "bad flag",
            Box::new(|t: &str| t.replace("开发区处,2,1,1,5,1,0,0,", "开发区处,2,1,1,5,1,0,maybe,")),
            ":6:8 (column H), office 开发区处, input interview_on_time (Online interview reported on time): `maybe` is not a yes or no",
        ),
        (
            "late more than asked",
            Box::new(|t: &str| {
                t.replace(
                    "开发区处,2,1,1,5,1,0,0,8,8,0,3,3,3",
                    "开发区处,2,1,1,5,1,0,0,8,8,0,3,3,4",
                )
            }),
            ":6:14 (column N), office 开发区处, input applications_late (Requests not answered within 15 working days): 4 is more than Disclosure requests received (3)",
        ),
        (
            "duplicate office",
            Box::new(|t: &str| t.replace("审批处,", "法规处,")),
            ":7:1 (column A), office 法规处: this office already appears on line 3",
        ),
        (
            "blank office",
            Box::new(|t: &str| t.replace("审批处,", ",")),
            ":7:1 (column A): the office name is blank",
        ),
        (
            "office header",
            Box::new(|t: &str| t.replacen("office,", "name,", 1)),
            ":1:1 (column A): the first column must be headed `office` or `处室`, not `name`",
        ),
        (
            "empty file",
            Box::new(|_: &str| String::new()),
            ": the file is empty",
        ),
        (
            "header only",
            Box::new(|t: &str| t.lines().next().unwrap().to_string()),
            ":1: there is a header but no office rows",
        ),
    ];
    for (name, edit, want) in cases {
        let file = format!("{}.csv", name.replace(' ', "-"));
        let (code, err) = score_variant(&file, edit, "en");
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(err.contains(&file), "{name}: no file name in {err}");
        assert!(err.contains(want), "{name}: expected {want:?} in\n{err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{name}"
        );
    }
}

#[test]
fn every_problem_in_a_file_is_reported_at_once() {
    let (code, err) = score_variant(
        "many.csv",
        |t| {
            t.replace("外资处,2,2,0,9", "外资处,2,-2,0,x")
                .replace("审批处,1,0,0,0", "审批处,1,0,0,0.5")
        },
        "en",
    );
    assert_eq!(code, Some(2));
    assert_eq!(err.lines().count(), 3, "{err}");
}

#[test]
fn unreadable_inputs_are_errors_not_panics() {
    let out = scoring(&["score", "--data", "/nonexistent/data.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("无法读取文件 /nonexistent/data.csv：文件不存在"));

    let dir = scratch("binary");
    let path = dir.join("garbage.csv");
    std::fs::write(&path, [0xFFu8, 0xFE, 0x00, 0xD8, 0x81, 0x00, 0xFF]).unwrap();
    let out = scoring(&["score", "--data", path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("garbage.csv"), "{}", stderr(&out));

    let out = scoring(&["score", "--data", &dept6(), "--rubric", "/nonexistent.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_problems_name_the_file() {
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "-o",
        "/nonexistent/dir/out.csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "无法写入文件 /nonexistent/dir/out.csv：文件不存在"
    );
}

#[test]
fn options_that_would_be_ignored_are_refused() {
    let out = scoring(&["score", "--data", &dept6(), "--explain-all"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--explain-all 只用于 JSON 输出"));
    let out = scoring(&["score", "--data", &dept6(), "--calendar", "x.json"]);
    assert_eq!(out.status.code(), Some(2));
    let out = scoring(&["due", "2026-10-03", "--working-days", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let out = scoring(&["calendar", "32767"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn broken_csv_is_named_not_swallowed() {
    let dir = scratch("broken");
    let path = dir.join("unclosed.csv");
    std::fs::write(&path, "office,a\n\"办公室,1\n法规处,2\n").unwrap();
    let out = scoring(&["score", "--data", path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unclosed.csv:2: a quote opened here is never closed"),
        "{}",
        stderr(&out)
    );
    let path = dir.join("utf16.csv");
    let mut bytes = Vec::new();
    for unit in "office,a\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&path, bytes).unwrap();
    let out = scoring(&["score", "--data", path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("NUL characters"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    let out = scoring(&["score"]);
    assert_eq!(out.status.code(), Some(2));
    let out = scoring(&["score", "--data", &dept6(), "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

fn items_log() -> String {
    fixtures().join("dept6-items.csv").display().to_string()
}

#[test]
fn an_item_log_gives_the_same_scores_as_the_counts_it_implies() {
    let expected = scoring(&["score", "--data", &dept6(), "--format", "json"]);
    let expected: serde_json::Value = serde_json::from_slice(&expected.stdout).unwrap();
    // The typed counts agree with the log.
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--items",
        &items_log(),
        "--period-end",
        "2026-12-20",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (g, e) in got["offices"]
        .as_array()
        .unwrap()
        .iter()
        .zip(expected["offices"].as_array().unwrap())
    {
        assert_eq!(g["total"], e["total"]);
        assert_eq!(g["indicators"], e["indicators"]);
    }
    let items = got["offices"][1]["items"].as_array().unwrap();
    assert_eq!(got["offices"][1]["office"], "法规处");
    assert_eq!(items.len(), 8);
    assert_eq!(items.iter().filter(|i| i["status"] == "late").count(), 1);
    assert!(
        items
            .iter()
            .all(|i| i["due"].is_string() && i["explanation"].is_string())
    );

    // The counts left blank: taken from the log.
    let dir = scratch("items");
    let blank = dir.join("dept6-no-counts.csv");
    let text = std::fs::read_to_string(fixtures().join("dept6.csv")).unwrap();
    let blanked: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(n, l)| {
            if n == 0 {
                return l.to_string();
            }
            let mut cells: Vec<&str> = l.split(',').collect();
            for cell in &mut cells[8..=13] {
                *cell = "";
            }
            cells.join(",")
        })
        .collect();
    std::fs::write(&blank, blanked.join("\n")).unwrap();
    let out = scoring(&[
        "score",
        "--data",
        blank.to_str().unwrap(),
        "--items",
        &items_log(),
        "--period-end",
        "2026-12-20",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (g, e) in got["offices"]
        .as_array()
        .unwrap()
        .iter()
        .zip(expected["offices"].as_array().unwrap())
    {
        assert_eq!(g["total"], e["total"], "{}", e["office"]);
    }
}

#[test]
fn an_item_log_that_disagrees_with_typed_counts_is_an_error() {
    let dir = scratch("disagree");
    let data = dir.join("dept6.csv");
    let text = std::fs::read_to_string(fixtures().join("dept6.csv")).unwrap();
    std::fs::write(
        &data,
        text.replace("法规处,6,3,2,9,0,2,1,3,2,1", "法规处,6,3,2,9,0,2,1,3,2,0"),
    )
    .unwrap();
    let out = scoring(&[
        "score",
        "--data",
        data.to_str().unwrap(),
        "--items",
        &items_log(),
        "--period-end",
        "2026-12-20",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("dept6.csv:3:11 (column K), office 法规处, input consultations_late (Consultations not answered within 3 working days): typed as 0, but the item log"),
        "{err}"
    );
    // Items received after the period's end are refused too.
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--items",
        &items_log(),
        "--period-end",
        "2026-06-30",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("after the period's end (2026-06-30)"));
}

#[test]
fn with_an_item_log_a_missing_data_file_is_named_first() {
    let dir = scratch("missing-data");
    let missing = dir.join("no-such-data.csv");
    // The date and the log are wrong too: the data file is read first.
    let out = scoring(&[
        "score",
        "--data",
        missing.to_str().unwrap(),
        "--items",
        dir.join("no-such-log.csv").to_str().unwrap(),
        "--period-end",
        "2026-13-40",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no-such-data.csv"), "{err}");
    assert!(!err.contains("no-such-log.csv"), "{err}");
}

#[test]
fn explain_lists_an_offices_items_with_late_ones_marked() {
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--items",
        &items_log(),
        "--period-end",
        "2026-12-20",
        "--explain",
        "法规处",
    ]);
    let text = stdout(&out);
    assert!(text.contains("[超期] ZX0110 收到 2026-02-14（周六，春节调休上班），期限 2026-02-26（3个工作日；不计：2月15日–23日 春节假期）"), "{text}");
    assert_eq!(text.matches("[按时]").count(), 7);
}

#[test]
fn item_options_need_each_other_and_a_real_date() {
    let out = scoring(&["score", "--data", &dept6(), "--items", &items_log()]);
    assert_eq!(out.status.code(), Some(2));
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--items",
        &items_log(),
        "--period-end",
        "2026-02-30",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--period-end：“2026-02-30”不是日期"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn calendar_lists_a_years_days() {
    let out = scoring(&["calendar", "2026"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("2026-10-10  周六  班"), "{text}");
    assert!(text.contains("2026-02-17  周二  休     春节假期"), "{text}");
    assert!(text.contains("共 33 天放假、6 天调休上班"), "{text}");
    let out = scoring(&["calendar", "2027", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("no working-day calendar for 2027"));
}

#[test]
fn due_prints_the_date_first_then_why() {
    let out = scoring(&["due", "2026-09-30", "--working-days", "15"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("2026-10-27"));
    assert!(text.contains("10月1日–7日 国庆节假期"), "{text}");
    let out = scoring(&["due", "2026/9/30", "--working-days", "15", "--lang", "en"]);
    assert!(stdout(&out).contains("2026-10-01–2026-10-07 National Day holiday"));
}

#[test]
fn a_calendar_file_adds_a_year() {
    let dir = scratch("calendar");
    let file = dir.join("2027.json");
    std::fs::write(
        &file,
        r#"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#,
    )
    .unwrap();
    let out = scoring(&[
        "due",
        "2026-12-31",
        "--working-days",
        "1",
        "--calendar",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().next(), Some("2027-01-04"));
    std::fs::write(&file, "{broken").unwrap();
    let out = scoring(&[
        "calendar",
        "2026",
        "--calendar",
        file.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2027.json: cannot read the calendar file"));
}

/// A rubric without groups, with every kind of leaf and an adjustment: the
/// JSON stays well formed (empty `groups`, `adjustments` present), with
/// and without explanations.
#[test]
fn json_is_well_formed_for_flat_rubrics_with_adjustments() {
    let dir = scratch("flat");
    let rubric = fixtures().join("flat.yaml");
    let data = dir.join("flat.csv");
    std::fs::write(
        &data,
        "office,a,on_time,judged,asked,answered,late,extra\n\"甲\\\"处\",3,1,87.5,3,2,1,1\n乙处,5,0,90,0,0,0,4\n",
    )
    .unwrap();
    let (rubric, data) = (rubric.display().to_string(), data.display().to_string());
    for extra in [&[][..], &["--explain-all"][..]] {
        let mut args = vec![
            "score", "--rubric", &rubric, "--data", &data, "--format", "json",
        ];
        args.extend_from_slice(extra);
        let out = scoring(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let got: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
        let first = &got["offices"][0];
        // The cell `"甲\"处"` reads as 甲\处" (CSV doubles quotes; the
        // backslash is data): both need escaping in JSON.
        assert_eq!(first["office"], "甲\\处\"");
        assert_eq!(first["groups"], serde_json::json!({}));
        assert_eq!(first["adjustments"]["bonus"], "2.00");
        // What keeping the total within [0, 100] changed: nothing here.
        assert_eq!(first["limit"], "0.00");
        assert_eq!(first["indicators"]["x"]["place"], 2);
        assert_eq!(first["indicators"]["t"]["score"], "100.00");
        assert_eq!(first["indicators"]["j"]["points"], "17.50");
        // 2 of 3 answered, one late: 66.67 − 2.
        assert_eq!(first["indicators"]["r"]["score"], "64.67");
        assert!(first["indicators"]["r"].get("place").is_none());
        assert_eq!(
            first["indicators"]["x"].get("explanation").is_some(),
            !extra.is_empty()
        );
    }
}

/// `scoring schema` prints the schema shipped in `rubrics/`, and `-o`
/// writes it to a file.
#[test]
fn schema_prints_the_shipped_rubric_schema() {
    let shipped = std::fs::read_to_string(repo().join("rubrics/rubric.schema.json")).unwrap();
    let out = scoring(&["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), shipped);
    let file = scratch("schema").join("rubric.schema.json");
    let out = scoring(&["schema", "-o", &file.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), shipped);
    let parsed: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    assert_eq!(parsed["$schema"], "http://json-schema.org/draft-07/schema#");
}

/// Text columns a rubric declares are in its template, read with the data
/// and never scored; the table shows the limit column of a rubric with
/// adjustments.
#[test]
fn text_columns_travel_with_the_data() {
    let dir = scratch("text-columns");
    let rubric = dir.join("r.yaml");
    std::fs::write(
        &rubric,
        "id: t
title: T
version: '1'
source: S
inputs:
  - {id: a, label: 条数, kind: count}
  - {id: p, label: 扣分项, kind: count}
text_columns:
  - {id: reason, label: {zh: 说明, en: Reason}}
indicators:
  - {id: x, name: X, weight: 100, method: rank, tally: a}
adjustments:
  - {id: pen, name: 扣分, kind: penalty, input: p, points: 60, cap: 100}
",
    )
    .unwrap();
    let r = rubric.display().to_string();
    let out = scoring(&["template", "--rubric", &r]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim_start_matches('\u{feff}').trim_end(),
        "处室,条数,扣分项,说明"
    );
    let data = dir.join("d.csv");
    std::fs::write(
        &data,
        "处室,条数,扣分项,说明\n甲处,3,2,两次重大失误\n乙处,5,0,\n",
    )
    .unwrap();
    let d = data.display().to_string();
    let out = scoring(&["score", "--rubric", &r, "--data", &d]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("总分限定（0–100分）"), "{text}");
    // 甲处: 95 points and −100 (capped) add up to −5, kept at 0: a limit
    // of +5; 乙处: 100, nothing to limit.
    let out = scoring(&["score", "--rubric", &r, "--data", &d, "--format", "json"]);
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let jia = &got["offices"][0];
    assert_eq!(jia["office"], "甲处");
    assert_eq!(jia["adjustments"]["pen"], "-100.00");
    assert_eq!(
        (&jia["limit"], &jia["total"]),
        (&"5.00".into(), &"0.00".into())
    );
    assert_eq!(got["offices"][1]["limit"], "0.00");
    // An undeclared column is still refused, with the declared one offered.
    std::fs::write(&data, "处室,条数,扣分项,说明文字\n甲处,5,2,x\n").unwrap();
    let out = scoring(&["score", "--rubric", &r, "--data", &d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("说明文字"), "{}", stderr(&out));
}

/// `scoring assessment` makes an assessment file from a data file (with
/// its item log and period end); `score --assessment` scores it as the
/// data file scores, to the cent.
#[test]
fn assessment_files_are_made_and_scored() {
    let dir = scratch("assessment");
    let file = dir.join("2026年度考核.scoring.json");
    let f = file.display().to_string();
    let data = fixtures().join("dept6-no-answer-counts.csv");
    let log = fixtures().join("dept6-items.csv");
    let out = scoring(&[
        "assessment",
        "--data",
        &data.display().to_string(),
        "--items",
        &log.display().to_string(),
        "--period-end",
        "2026-12-20",
        "--name",
        "2026年度考核",
        "--year",
        "2026",
        "-o",
        &f,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["format"], "scoring-assessment");
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["title"], "2026年度考核");
    assert_eq!(saved["period_end"], "2026-12-20");
    assert_eq!(saved["offices"].as_array().unwrap().len(), 6);
    // No partial file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let from_file = scoring(&["score", "--assessment", &f, "--format", "json"]);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    let from_data = scoring(&["score", "--data", &dept6(), "--format", "json"]);
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_slice(&from_file.stdout).unwrap(),
        serde_json::from_slice(&from_data.stdout).unwrap(),
    );
    // The same figures (the file's output also lists each office's items).
    for (x, y) in a["offices"]
        .as_array()
        .unwrap()
        .iter()
        .zip(b["offices"].as_array().unwrap())
    {
        for key in ["office", "total", "rank", "groups", "indicators"] {
            assert_eq!(x[key], y[key], "{key} of {}", y["office"]);
        }
    }

    // A rubric changed inside the file is refused, located.
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = dir.join("edited.scoring.json");
    assert!(text.contains("id: shandong-commerce-2017\\n"));
    std::fs::write(
        &edited,
        text.replacen(
            "id: shandong-commerce-2017\\n",
            "id: shandong-commerce-2018\\n",
            1,
        ),
    )
    .unwrap();
    let out = scoring(&["score", "--assessment", &edited.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("与其指纹不符"), "{}", stderr(&out));
    // Not an assessment at all.
    let out = scoring(&["score", "--assessment", &dept6()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不是可读的考核文件"),
        "{}",
        stderr(&out)
    );
    // Nothing to score.
    let out = scoring(&["score"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `-o` replaces a file only once the new one is whole: a run that fails
/// leaves the old file as it was.
#[test]
fn output_files_are_replaced_whole_or_not_at_all() {
    let dir = scratch("atomic");
    let out_file = dir.join("results.csv");
    std::fs::write(&out_file, "good results\n").unwrap();
    let o = out_file.display().to_string();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "office,decision_drafts\n甲,x\n").unwrap();
    let out = scoring(&[
        "score",
        "--data",
        &bad.display().to_string(),
        "--format",
        "csv",
        "-o",
        &o,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        "good results\n"
    );
    let out = scoring(&["score", "--data", &dept6(), "--format", "csv", "-o", &o]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .contains("办公室")
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // A directory in the way: the write fails, nothing is left behind.
    let blocked = dir.join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    let out = scoring(&[
        "score",
        "--data",
        &dept6(),
        "-o",
        &blocked.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(blocked.is_dir());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
}

/// One assessment inside another: `--source` scores the disclosure
/// assessment first and its totals fill the appraisal's input; without it
/// the command says what is missing; `--explain` shows the office in both.
#[test]
fn an_assessment_drawn_on_is_scored_in_the_same_run() {
    let rubric = repo().join("rubrics/annual-appraisal.yaml");
    let data = fixtures().join("annual-appraisal.csv");
    let source = format!(
        "{}={}",
        repo().join("rubrics/shandong-commerce-2017.yaml").display(),
        fixtures().join("dept6.csv").display()
    );
    let out = scoring(&[
        "score",
        "--rubric",
        rubric.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--source",
        &source,
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let office = json["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office"] == "法规处")
        .unwrap();
    assert_eq!(office["total"], "89.93");
    assert_eq!(office["grade"], "不合格");
    assert_eq!(office["veto"], "accident");
    assert_eq!(office["indicators"]["disclosure"]["points"], "4.45");
    // Without the assessment drawn on.
    let out = scoring(&[
        "score",
        "--rubric",
        rubric.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("shandong-commerce-2017"),
        "{}",
        stderr(&out)
    );
    // The chain, explained.
    let out = scoring(&[
        "score",
        "--rubric",
        rubric.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--source",
        &source,
        "--explain",
        "法规处",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("其中 政务公开考核（shandong-commerce-2017）："),
        "{text}"
    );
    assert!(text.contains("法规处：总分 89.08"), "{text}");
    // An assessment file holding the assessment it draws on (as the page
    // saves one): scored whole, in one run.
    let dir = scratch("drawn-on");
    let make = |rubric: &std::path::Path, data: &std::path::Path, name: &str| {
        let f = dir.join(format!("{name}.scoring.json"));
        let out = scoring(&[
            "assessment",
            "--rubric",
            rubric.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "--name",
            name,
            "--year",
            "2026",
            "-o",
            f.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(&f).unwrap()).unwrap()
    };
    let mut appraisal = make(&rubric, &data, "年度考核");
    let disclosure = make(
        &repo().join("rubrics/shandong-commerce-2017.yaml"),
        &fixtures().join("dept6.csv"),
        "政务公开考核",
    );
    appraisal["sources"] = serde_json::json!([disclosure]);
    let both = dir.join("年度考核（含政务公开）.scoring.json");
    std::fs::write(&both, serde_json::to_vec_pretty(&appraisal).unwrap()).unwrap();
    let out = scoring(&[
        "score",
        "--assessment",
        both.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let office = json["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office"] == "法规处")
        .unwrap();
    assert_eq!(office["total"], "89.93");
    let out = scoring(&[
        "score",
        "--assessment",
        both.to_str().unwrap(),
        "--explain",
        "法规处",
    ]);
    assert!(
        stdout(&out).contains("其中 政务公开考核（shandong-commerce-2017）："),
        "{}",
        stdout(&out)
    );
    // A malformed --source.
    let out = scoring(&[
        "score",
        "--rubric",
        rubric.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--source",
        "no-equals-sign",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("细则文件=数据文件"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_workbook_as_departments_keep_it_is_refused_naming_its_layout_then_read_when_accepted() {
    // A title, a 序号 column, a header in two rows, 合计 and 平均 rows.
    let wb = fixtures().join("dept6-workbook.csv");
    let wb = wb.to_str().unwrap();
    let refused = scoring(&["score", "--data", wb, "--format", "csv"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stdout(&refused).is_empty());
    let said = stderr(&refused);
    for found in [
        "第1行“某某厅2026年度政务公开考核数据”是标题",
        "表头占两行（第2–3行）",
        "第一列“序号”是序号",
        "第10行“合计”是合计行",
        "第11行“平均”是平均行",
        "--accept-layout",
    ] {
        assert!(said.contains(found), "{found} in {said}");
    }
    let read = scoring(&["score", "--accept-layout", "--data", wb, "--format", "csv"]);
    assert!(read.status.success(), "{}", stderr(&read));
    // What was skipped is said even then.
    assert!(stderr(&read).contains("按版式读取"));
    let clean = scoring(&["score", "--data", &dept6(), "--format", "csv"]);
    assert_eq!(stdout(&read), stdout(&clean));
    // In English too.
    let en = scoring(&["score", "--lang", "en", "--data", wb]);
    assert!(
        stderr(&en).contains("line 10 (“合计”) is a totals row"),
        "{}",
        stderr(&en)
    );
    // An assessment file made from it holds the six offices.
    let out = scratch("layout").join("wb.scoring.json");
    let made = scoring(&[
        "assessment",
        "--accept-layout",
        "--data",
        wb,
        "--name",
        "t",
        "--year",
        "2026",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let file = std::fs::read_to_string(&out).unwrap();
    assert!(!file.contains("合计") && file.contains("审批处"));
}

#[test]
fn a_plain_file_with_a_totals_row_is_refused_too() {
    let text = std::fs::read_to_string(fixtures().join("dept6.csv")).unwrap();
    let with_total = format!("{text}合计,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n");
    let path = scratch("total").join("total.csv");
    std::fs::write(&path, with_total).unwrap();
    let p = path.to_str().unwrap();
    let refused = scoring(&["score", "--data", p]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("第8行“合计”是合计行"),
        "{}",
        stderr(&refused)
    );
    let read = scoring(&["score", "--accept-layout", "--data", p, "--format", "csv"]);
    let clean = scoring(&["score", "--data", &dept6(), "--format", "csv"]);
    assert_eq!(stdout(&read), stdout(&clean));
}

#[test]
fn an_item_log_template_is_read_back_as_a_log() {
    let dir = scratch("items-template");
    let path = dir.join("log.csv");
    let made = scoring(&["template", "--items", "-o", path.to_str().unwrap()]);
    assert!(made.status.success(), "{}", stderr(&made));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.trim_start_matches('\u{feff}')
            .starts_with("处室,类别,事项编号,收到日期,答复日期,延期至")
    );
    // Scored with the example data, its items count (the example office
    // is not in the data: refused by name, as any stray office is).
    let scored = scoring(&[
        "score",
        "--data",
        &dept6(),
        "--items",
        path.to_str().unwrap(),
        "--period-end",
        "2026-12-31",
    ]);
    assert_eq!(scored.status.code(), Some(2));
    assert!(stderr(&scored).contains("示例处室"), "{}", stderr(&scored));
}

/// Where typed counts disagree with the item log, an assessment file says
/// which stand (the assessor's choice in the page); without a choice the
/// command refuses, naming the disagreement.
#[test]
fn an_assessment_file_s_choice_of_counts_is_followed() {
    let dir = scratch("counts-choice");
    let file = dir.join("a.scoring.json");
    let out = scoring(&[
        "assessment",
        "--data",
        &fixtures().join("dept6.csv").display().to_string(),
        "--items",
        &fixtures().join("dept6-items.csv").display().to_string(),
        "--period-end",
        "2026-12-20",
        "--name",
        "考核",
        "--year",
        "2026",
        "-o",
        &file.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let office = json["offices"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["name"] == "办公室")
        .unwrap();
    office["cells"]["consultations_answered"] = "39".into();
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    let f = file.display().to_string();
    let refused = scoring(&["score", "--assessment", &f, "--format", "json"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("办公室"), "{}", stderr(&refused));
    json["counts_choice"] = serde_json::json!([["办公室", "log"]]);
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    let out = scoring(&["score", "--assessment", &f, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let scored: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let total = scored["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office"] == "办公室")
        .unwrap()["total"]
        .clone();
    assert_eq!(total, "96.85");
}
