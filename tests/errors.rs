//! Errors as data: every kind of problem has a stable code, `docs/errors.md`
//! lists exactly the codes the code has, and a serialised error carries its
//! code, place, offending text and both messages (the docs' example is real
//! output).

use std::collections::BTreeSet;

const SOURCES: [&str; 8] = [
    "../scoring-core/src/rubric/error.rs",
    "../scoring-core/src/dataset.rs",
    "../scoring-core/src/items.rs",
    "../scoring-core/src/calendar.rs",
    "../scoring-core/src/score.rs",
    "../scoring-formats/src/lib.rs",
    "../scoring-formats/src/assessment.rs",
    "../scoring-formats/src/layout.rs",
];

fn read(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The quoted `domain.kind` strings in the text.
fn codes_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('"') {
        let rest = &text[at + 1..];
        let Some(end) = rest.find('"') else { break };
        let s = &rest[..end];
        let Some((domain, kind)) = s.split_once('.') else {
            continue;
        };
        let known = [
            "rubric",
            "data",
            "items",
            "calendar",
            "score",
            "format",
            "assessment",
        ];
        if known.contains(&domain)
            && !kind.is_empty()
            && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        {
            out.push(s.to_string());
        }
    }
    out
}

/// Every code the libraries give: the strings of the `code()` functions.
fn codes_in_the_code() -> Vec<String> {
    let mut all = Vec::new();
    for path in SOURCES {
        let text = read(path);
        let mut found = 0;
        for (at, _) in text.match_indices("pub fn code(&self) -> &'static str {") {
            let body = &text[at..];
            let end = body.find("\n    }\n").expect("the function ends");
            let codes = codes_in(&body[..end]);
            found += codes.len();
            all.extend(codes);
        }
        assert!(found > 0, "{path} gives no codes");
    }
    all
}

#[test]
fn every_code_is_listed_in_the_docs_and_only_those() {
    let code = codes_in_the_code();
    let unique: BTreeSet<&String> = code.iter().collect();
    assert_eq!(unique.len(), code.len(), "a code is given twice");
    let docs = read("../docs/errors.md");
    let listed: BTreeSet<String> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(c, _)| c.to_string())
        .collect();
    let code: BTreeSet<String> = code.into_iter().collect();
    let missing: Vec<_> = code.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&code).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/errors.md lacks {missing:?} and lists {stale:?}, which no error has"
    );
}

/// A wrong cell in the worked example's data file.
fn bad_data() -> scoring_formats::DataFileError {
    let rubric = scoring_core::Rubric::from_yaml(
        "shandong-commerce-2017.yaml",
        scoring_core::bundled::SHANDONG_2017,
    )
    .unwrap();
    let csv = include_str!("fixtures/dept6.csv");
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let mut cells: Vec<&str> = lines[2].split(',').collect();
    cells[9] = "四";
    lines[2] = cells.join(",");
    scoring_formats::read_dataset(&rubric, "2026.csv", lines.join("\n").as_bytes()).unwrap_err()
}

#[test]
fn a_serialised_error_names_its_code_place_text_and_both_messages() {
    let err = bad_data();
    let json = serde_json::to_value(&err).unwrap();
    let d = &json[0];
    assert_eq!(d["code"], "data.not_a_number");
    assert_eq!(d["file"], "2026.csv");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(10))
    );
    assert_eq!(d["office"], "法规处");
    assert_eq!(d["input"], "consultations_answered");
    assert_eq!(d["text"], "四");
    assert!(
        d.get("path").is_none(),
        "fields that do not apply are left out"
    );
    let (zh, en) = (
        d["message"]["zh"].as_str().unwrap(),
        d["message"]["en"].as_str().unwrap(),
    );
    assert_eq!(zh, err.message(scoring_core::Lang::Zh));
    assert_eq!(en, err.message(scoring_core::Lang::En));
    // A diagnostic reads back as it was written.
    let back: Vec<scoring_core::Diagnostic> = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, err.diagnostics());
    // The example in docs/errors.md is this output.
    let docs = read("../docs/errors.md");
    let start = docs.find("```json\n").expect("an example") + 8;
    let end = start + docs[start..].find("```").unwrap();
    let example: serde_json::Value = serde_json::from_str(&docs[start..end]).unwrap();
    assert_eq!(example, json, "docs/errors.md's example is stale");
}

#[test]
fn errors_of_every_kind_serialise_with_their_codes() {
    let rubric = scoring_core::Rubric::from_yaml("r.yaml", "id: [").unwrap_err();
    assert_eq!(
        serde_json::to_value(&rubric).unwrap()[0]["code"],
        "rubric.syntax"
    );
    let format = scoring_formats::read_table("x.csv", b"a,\"b\n").unwrap_err();
    let json = serde_json::to_value(&format).unwrap();
    assert_eq!(json["code"], "format.unclosed_quote");
    assert_eq!(json["line"], 1);
    let assessment =
        scoring_formats::assessment::AssessmentFile::from_json("a.json", b"{}").unwrap_err();
    assert_eq!(
        serde_json::to_value(&assessment).unwrap()[0]["code"],
        "assessment.not_an_assessment"
    );
    let calendar = scoring_core::calendar::Calendar::bundled()
        .due_date(jiff::civil::date(1999, 3, 1), 5)
        .unwrap_err();
    assert_eq!(
        serde_json::to_value(&calendar).unwrap()["code"],
        "calendar.not_covered"
    );
}
