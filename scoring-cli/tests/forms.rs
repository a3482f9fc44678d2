//! Entry forms end to end: `scoring forms` writes one workbook per office;
//! offices fill them in (here: edited by a script as a spreadsheet program
//! re-saves a workbook, and round-tripped through LibreOffice Calc, a real
//! third-party spreadsheet program); `scoring collect` merges them into a
//! new assessment file, refusing and flagging what it must.
//!
//! Needs LibreOffice (`soffice`, Debian's `libreoffice-calc-nogui`), which
//! `scripts/test.sh` installs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scoring_formats::book::{Book, Cell, Sheet};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn scoring(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scoring"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scoring-forms-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An assessment file of the worked example, and its forms.
fn assessment(dir: &Path, title: &str) -> (PathBuf, PathBuf) {
    let file = dir.join(format!("{title}.json"));
    let csv = fixtures().join("dept6.csv");
    let o = scoring(&[
        "assessment",
        "--data",
        csv.to_str().unwrap(),
        "--name",
        title,
        "--year",
        "2026",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let forms = dir.join(format!("{title}-forms"));
    let o = scoring(&[
        "forms",
        "--assessment",
        file.to_str().unwrap(),
        "--out",
        forms.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    (file, forms)
}

fn form_of(forms: &Path, office: &str) -> PathBuf {
    let found = std::fs::read_dir(forms)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(&format!("-{office}-")));
    found.unwrap_or_else(|| panic!("no form for {office}"))
}

/// Re-saves a form as a spreadsheet program would after a person typed
/// in it: every cell rewritten (numbers as numbers), no protection kept,
/// `set` values typed into the value column (input id → text) and
/// `relabel` changing a fixed cell.
fn edit(form: &Path, out: &Path, set: &[(&str, &str)], relabel: Option<(&str, &str)>) {
    let table = scoring_formats::read_xlsx("form.xlsx", &std::fs::read(form).unwrap()).unwrap();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for row in &table.rows {
        while rows.len() + 1 < row.line as usize {
            rows.push(Vec::new());
        }
        let cells: Vec<String> = row.cells().map(str::to_string).collect();
        // The id is in the hidden column F, the value in D.
        let id = cells.get(5).cloned().unwrap_or_default();
        let mut out_row = Vec::new();
        for (c, cell) in cells.iter().enumerate() {
            let mut value = cell.clone();
            if c == 3
                && let Some((_, v)) = set.iter().find(|(i, _)| *i == id)
            {
                value = v.to_string();
            }
            if let Some((from, to)) = relabel
                && value.contains(from)
            {
                value = value.replace(from, to);
            }
            out_row.push(match value.parse::<rust_decimal::Decimal>() {
                Ok(d) if c == 3 => Cell::Number {
                    value: d,
                    decimals: None,
                },
                _ if value.is_empty() => Cell::Empty,
                _ => Cell::Text(value),
            });
        }
        rows.push(out_row);
    }
    let book = Book {
        sheets: vec![Sheet {
            name: "Sheet1".into(),
            rows,
            ..Sheet::default()
        }],
    };
    std::fs::write(out, scoring_formats::write_book(&book).unwrap()).unwrap();
}

/// Opens a workbook in LibreOffice Calc and saves it again as XLSX into
/// `dir` (its own profile, so that tests do not share one).
fn through_libreoffice(form: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let profile = dir.join("profile");
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(dir)
        .arg(form)
        .output()
        .expect("LibreOffice (soffice) is installed: apt install libreoffice-calc-nogui, or run scripts/test.sh");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = dir.join(form.file_name().unwrap());
    assert!(
        out.exists(),
        "LibreOffice wrote {}: {}",
        out.display(),
        text(&o.stdout)
    );
    out
}

fn cells_of(file: &Path, office: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    v["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == office)
        .unwrap()["cells"]
        .clone()
}

#[test]
fn forms_written_and_read_back_unchanged_give_the_original_values() {
    let dir = scratch("unchanged");
    let (file, forms) = assessment(&dir, "2026年度考核");
    let office = form_of(&forms, "办公室");
    // As written, and as LibreOffice saves it again.
    let lo = through_libreoffice(&office, &dir.join("lo"));
    for form in [&office, &lo] {
        let merged = dir.join("merged.json");
        let o = scoring(&[
            "collect",
            "--assessment",
            file.to_str().unwrap(),
            form.to_str().unwrap(),
            "-o",
            merged.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        let out = text(&o.stdout);
        assert!(o.status.success(), "{out}{}", text(&o.stderr));
        assert!(out.contains("office 办公室 (modified "), "{out}");
        assert!(out.contains(")\n  changes no value\n"), "{out}");
        assert!(!out.contains("fixed parts"), "{out}");
        // The values as they were; the form is recorded as returned.
        // What the office submitted (every value, as it stood) is kept
        // beside them.
        let before = cells_of(&file, "办公室");
        let mut after = cells_of(&merged, "办公室");
        let after = after.as_object_mut().unwrap();
        let returned = after.remove("form:returned").unwrap();
        assert!(returned.as_str().unwrap().contains("办公室-填报表.xlsx"));
        let submitted: Vec<String> = after
            .keys()
            .filter(|k| k.starts_with("submitted:"))
            .cloned()
            .collect();
        assert_eq!(submitted.len(), before.as_object().unwrap().len());
        for key in submitted {
            let value = after.remove(&key).unwrap();
            let input = key.trim_start_matches("submitted:");
            // A yes/no as the form shows it.
            let typed = match (input, before[input].as_str().unwrap()) {
                ("interview_on_time", "1") => "是",
                ("interview_on_time", "0") => "否",
                (_, t) => t,
            };
            assert_eq!(value, typed, "{input}");
        }
        assert_eq!(serde_json::Value::Object(after.clone()), before);
    }
}

#[test]
fn returned_forms_are_merged_refused_and_flagged_as_they_must_be() {
    let dir = scratch("merge");
    let (file, forms) = assessment(&dir, "2026年度考核");
    let returned = dir.join("returned");
    std::fs::create_dir_all(&returned).unwrap();
    let r = |name: &str| returned.join(name);
    // 办公室 types a new count, as a spreadsheet program saves it.
    edit(
        &form_of(&forms, "办公室"),
        &r("office.xlsx"),
        &[("decision_drafts", "9")],
        None,
    );
    // 法规处 sends its form twice: the later one given wins.
    edit(
        &form_of(&forms, "法规处"),
        &r("legal-1.xlsx"),
        &[("decision_drafts", "7")],
        None,
    );
    edit(
        &form_of(&forms, "法规处"),
        &r("legal-2.xlsx"),
        &[("decision_drafts", "8")],
        None,
    );
    // 信息中心 types a word where a count goes: refused, located.
    edit(
        &form_of(&forms, "信息中心"),
        &r("info.xlsx"),
        &[("site_items", "很多")],
        None,
    );
    // 外资处 fills its form in, then it goes through LibreOffice Calc.
    edit(
        &form_of(&forms, "外资处"),
        &r("foreign-edited.xlsx"),
        &[("press_conferences", "5")],
        None,
    );
    let foreign = through_libreoffice(&r("foreign-edited.xlsx"), &r("lo"));
    // 开发区处 changes a fixed part (an item's label).
    edit(
        &form_of(&forms, "开发区处"),
        &r("zone.xlsx"),
        &[],
        Some(("Decision and normative document drafts published", "Drafts")),
    );
    // Since the forms went out, the assessor corrected two of 外资处's
    // cells.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    for o in json["offices"].as_array_mut().unwrap() {
        if o["name"] == "外资处" {
            o["cells"]["decision_drafts"] = "7".into();
            o["cells"]["press_conferences"] = "3".into();
        }
    }
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    // A form of another assessment.
    let (_, other_forms) = assessment(&dir, "2025年度考核");
    let other = form_of(&other_forms, "审批处");

    let mut args: Vec<String> = [
        "collect",
        "--assessment",
        file.to_str().unwrap(),
        "--lang",
        "en",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for f in [
        r("office.xlsx"),
        r("legal-1.xlsx"),
        r("legal-2.xlsx"),
        r("info.xlsx"),
        foreign.clone(),
        r("zone.xlsx"),
        other.clone(),
    ] {
        args.push(f.display().to_string());
    }
    let merged = dir.join("merged.json");
    args.extend(["-o".to_string(), merged.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // Flagged forms wait for confirmation: nothing is written.
    let o = scoring(&args);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(!merged.exists());
    let line = |file: &str| {
        out.lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no line for {file}: {out}"))
            .to_string()
    };
    assert!(
        line("legal-1.xlsx").contains("— a later form for the same office"),
        "{out}"
    );
    assert!(
        line("zone.xlsx").contains("— note: the form's fixed parts"),
        "{out}"
    );
    assert!(out.contains("  decision_drafts: 4 → 9\n"), "{out}");
    // The office left decision_drafts as sent, the assessor changed it
    // since: kept. Both changed press_conferences: confirmed, the
    // office's value.
    assert!(
        out.contains("  decision_drafts: left as sent by the office (2); your 7 is kept"),
        "{out}"
    );
    assert!(out.contains("  press_conferences: you changed it to 3 since the form was sent, the office gives 5 (sent as 2)"), "{out}");
    assert!(
        out.contains(&format!(
            "refused: {}: a form of another assessment (\"2025年度考核\"",
            other.display()
        )),
        "{out}"
    );
    let info = r("info.xlsx").display().to_string();
    assert!(out.contains(&format!("refused: {info}:")), "{out}");
    assert!(out.contains("`很多` is not a number"), "{out}");
    assert!(
        out.contains("not returned, or not mergeable, yet (2): 信息中心, 审批处"),
        "{out}"
    );
    assert!(text(&o.stderr).contains("--accept-flagged"));

    // Confirmed: merged; exit 2 still says something was refused.
    let mut confirmed = args.clone();
    confirmed.push("--accept-flagged");
    let o = scoring(&confirmed);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert_eq!(cells_of(&merged, "办公室")["decision_drafts"], "9");
    assert_eq!(cells_of(&merged, "法规处")["decision_drafts"], "8");
    assert_eq!(cells_of(&merged, "外资处")["press_conferences"], "5");
    assert_eq!(cells_of(&merged, "外资处")["decision_drafts"], "7");
    assert!(
        cells_of(&merged, "办公室")["form:returned"]
            .as_str()
            .unwrap()
            .contains("office.xlsx")
    );
    assert_eq!(cells_of(&merged, "信息中心"), cells_of(&file, "信息中心"));
    // Every merged cell is in the file's trail, with the form it came from.
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&merged).unwrap()).unwrap();
    let trail = json["trail"].as_array().expect("a trail");
    assert!(
        trail.iter().any(|e| e["office"] == "办公室"
            && e["cell"] == "decision_drafts"
            && e["new"] == "9"
            && e["by"].as_str().unwrap().starts_with("form:")),
        "{trail:?}"
    );
    // The merged file scores.
    let o = scoring(&[
        "score",
        "--assessment",
        merged.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));

    // The original is never written over.
    let o = scoring(&[
        "collect",
        "--assessment",
        file.to_str().unwrap(),
        r("office.xlsx").to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn feedback_sheets_go_to_every_office_with_the_review_and_room_to_rectify() {
    let dir = scratch("feedback");
    let (file, forms) = assessment(&dir, "2026年度考核");
    // 办公室 submits 9 drafts; the assessor reviews it down to 5, with a
    // reason.
    edit(
        &form_of(&forms, "办公室"),
        &dir.join("office.xlsx"),
        &[("decision_drafts", "9")],
        None,
    );
    let merged = dir.join("merged.json");
    let o = scoring(&[
        "collect",
        "--assessment",
        file.to_str().unwrap(),
        dir.join("office.xlsx").to_str().unwrap(),
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&merged).unwrap()).unwrap();
    let office = json["offices"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["name"] == "办公室")
        .unwrap();
    office["cells"]["decision_drafts"] = "5".into();
    office["cells"]["reason:decision_drafts"] = "核查为5件".into();
    std::fs::write(&merged, serde_json::to_vec(&json).unwrap()).unwrap();

    let out = dir.join("feedback");
    let o = scoring(&[
        "feedback",
        "--assessment",
        merged.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2026-12-31",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).lines().count(), 6, "one sheet per office");
    assert!(text(&o.stderr).contains("尚未审定"));
    let sheet = out.join("2026年度考核-办公室-反馈表.xlsx");
    let table = scoring_formats::read_xlsx("f.xlsx", &std::fs::read(&sheet).unwrap()).unwrap();
    let all: Vec<String> = table
        .rows
        .iter()
        .flat_map(|r| r.cells().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let joined = all.join("|");
    assert!(
        joined.contains("2026年度考核 — 办公室 考核结果反馈表"),
        "{joined}"
    );
    assert!(joined.contains("尚未审定"), "{joined}");
    assert!(joined.contains("整改措施（处室填写）"));
    assert!(
        joined.contains("自评 9，核定 5（核查为5件）"),
        "the reviewer's note by the indicator: {joined}"
    );
    // The self-assessed total is its total with 9 drafts: the command's
    // own score of the data with 9.
    let with_nine = dir.join("nine.json");
    json["offices"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["name"] == "办公室")
        .unwrap()["cells"]["decision_drafts"] = "9".into();
    std::fs::write(&with_nine, serde_json::to_vec(&json).unwrap()).unwrap();
    let o = scoring(&[
        "score",
        "--assessment",
        with_nine.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let total = report["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office"] == "办公室")
        .unwrap()["total"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        joined.contains(&format!("自评总分 {total}")),
        "{total}: {joined}"
    );
}
