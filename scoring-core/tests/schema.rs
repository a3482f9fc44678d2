//! The rubric JSON Schema: the copy shipped in `rubrics/` is the one the
//! library builds; every rubric in the repository passes it; rubrics the
//! loader refuses for their structure (an unknown key, a missing one, a
//! value of the wrong type) fail it too.

use std::path::{Path, PathBuf};

use marked_yaml::Node;
use scoring_core::Rubric;
use serde_json::Value;

const SHIPPED: &str = include_str!("../../rubrics/rubric.schema.json");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A YAML document as JSON, scalars typed as YAML's core schema types them
/// (plain `5` a number, `true` a boolean, quoted `'5'` a string).
fn to_json(node: &Node) -> Value {
    match node {
        Node::Scalar(s) => {
            let t = s.as_str();
            if !s.may_coerce() {
                return Value::String(t.to_string());
            }
            match t.trim() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "" | "~" | "null" => Value::Null,
                n => {
                    if let Ok(i) = n.parse::<i64>() {
                        Value::from(i)
                    } else if let Some(f) = n.parse::<f64>().ok().filter(|f| f.is_finite())
                        && n.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
                    {
                        Value::from(f)
                    } else {
                        Value::String(t.to_string())
                    }
                }
            }
        }
        Node::Sequence(seq) => Value::Array(seq.iter().map(to_json).collect()),
        Node::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.as_str().to_string(), to_json(v)))
                .collect(),
        ),
    }
}

struct Checker {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Checker {
    fn new() -> Checker {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let schema: Value = serde_json::from_str(SHIPPED).expect("the schema is JSON");
        compiler
            .add_resource("rubric.schema.json", schema)
            .expect("the schema is added");
        let index = compiler
            .compile("rubric.schema.json", &mut schemas)
            .unwrap_or_else(|e| panic!("the schema compiles: {e}"));
        Checker { schemas, index }
    }

    /// `Ok` when the schema accepts the YAML text, the error otherwise.
    fn check(&self, yaml: &str) -> Result<(), String> {
        let node = marked_yaml::parse_yaml(0, yaml).map_err(|e| format!("not YAML: {e}"))?;
        let json = to_json(&node);
        self.schemas
            .validate(&json, self.index)
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn the_shipped_schema_is_the_one_the_library_builds() {
    assert!(
        SHIPPED == scoring_core::schema::rubric_schema(),
        "rubrics/rubric.schema.json is out of date: run\n  cargo run -p scoring-cli -- schema -o rubrics/rubric.schema.json"
    );
}

#[test]
fn every_rubric_in_the_repository_passes_the_schema() {
    let checker = Checker::new();
    let mut seen = 0;
    for dir in ["rubrics", "tests/fixtures", "docs/examples"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_none_or(|x| x != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            Rubric::from_yaml(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
            if let Err(e) = checker.check(&text) {
                panic!("{} fails the schema:\n{e}", path.display());
            }
            assert!(
                text.starts_with("# yaml-language-server: $schema="),
                "{} does not name the schema on its first line",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 3, "only {seen} rubrics found");
}

const HEAD: &str = "id: t\ntitle: T\nversion: '1'\nsource: S\n";
const INPUTS: &str =
    "inputs:\n  - {id: a, label: A, kind: count}\n  - {id: f, label: F, kind: flag}\n";
const LEAVES: &str = "indicators:
  - {id: x, name: X, weight: 50, method: rank, tally: a}
  - {id: y, name: Y, weight: 50, method: on_time, input: f}
";

/// A valid rubric with `from` replaced by `to`.
fn variant(from: &str, to: &str) -> String {
    let base = format!("{HEAD}{INPUTS}{LEAVES}");
    assert!(base.contains(from), "{from}");
    base.replacen(from, to, 1)
}

#[test]
fn structural_problems_fail_both_the_loader_and_the_schema() {
    let checker = Checker::new();
    let base = format!("{HEAD}{INPUTS}{LEAVES}");
    Rubric::from_yaml("t.yaml", &base).unwrap();
    checker.check(&base).unwrap();
    let cases: Vec<(&str, String)> = vec![
        ("unknown top-level key", format!("{base}colour: red\n")),
        ("missing indicators", format!("{HEAD}{INPUTS}")),
        ("missing inputs", format!("{HEAD}{LEAVES}")),
        ("missing id", base.replacen("id: t\n", "", 1)),
        ("missing title", base.replacen("title: T\n", "", 1)),
        (
            "invalid rubric id",
            base.replacen("id: t\n", "id: Shandong\n", 1),
        ),
        ("inputs not a list", format!("{HEAD}inputs: 5\n{LEAVES}")),
        (
            "indicators not a list",
            format!("{HEAD}{INPUTS}indicators: {{}}\n"),
        ),
        ("no indicators", format!("{HEAD}{INPUTS}indicators: []\n")),
        ("unknown input kind", variant("kind: count", "kind: number")),
        (
            "unknown input key",
            variant("kind: count}", "kind: count, unit: 条}"),
        ),
        (
            "title of the wrong type",
            base.replacen("title: T", "title: [T]", 1),
        ),
        (
            "unknown text key",
            base.replacen("title: T", "title: {zh: T, fr: T}", 1),
        ),
        (
            "weight of the wrong type",
            variant("weight: 50, method: rank", "weight: [50], method: rank"),
        ),
        (
            "weight not above 0",
            variant("weight: 50, method: rank", "weight: 0, method: rank"),
        ),
        (
            "missing weight",
            variant("weight: 50, method: rank,", "method: rank,"),
        ),
        (
            "unknown indicator key",
            variant("tally: a}", "tally: a, colour: red}"),
        ),
        (
            "a parameter of another method",
            variant("tally: a}", "tally: a, penalty: 2}"),
        ),
        (
            "unknown method",
            variant("method: on_time", "method: on_tiem"),
        ),
        (
            "neither children nor method",
            variant(", method: on_time, input: f", ""),
        ),
        (
            "both children and method",
            variant(
                "input: f}",
                "input: f, children: [{id: z, name: Z, weight: 50, method: rank, tally: a}]}",
            ),
        ),
        ("missing tally", variant(", tally: a}", "}")),
        (
            "tally of the wrong type",
            variant("tally: a}", "tally: [a]}"),
        ),
        ("empty tally", variant("tally: a}", "tally: {}}")),
        ("zero coefficient", variant("tally: a}", "tally: {a: 0}}")),
        (
            "unknown ties",
            variant("tally: a}", "tally: a, ties: fair}"),
        ),
        (
            "first above 100",
            variant("tally: a}", "tally: a, first: 120}"),
        ),
        ("invalid indicator id", variant("id: x,", "id: X-1,")),
        (
            "empty group",
            variant(
                "  - {id: y, name: Y, weight: 50, method: on_time, input: f}",
                "  - {id: y, name: Y, weight: 50, children: []}",
            ),
        ),
        (
            "adjustment not a mapping",
            format!("{base}adjustments:\n  - 5\n"),
        ),
        (
            "adjustment without cap",
            format!("{base}adjustments:\n  - {{id: b, name: B, kind: bonus, input: a}}\n"),
        ),
        (
            "adjustment of unknown kind",
            format!("{base}adjustments:\n  - {{id: b, name: B, kind: fine, input: a, cap: 5}}\n"),
        ),
        (
            "calendar override without a name",
            format!("{base}calendar_overrides:\n  - {{date: 2026-07-01}}\n"),
        ),
        (
            "calendar override that is not a date",
            format!("{base}calendar_overrides:\n  - {{date: someday, name: N}}\n"),
        ),
        (
            "example without expectations",
            format!("{base}examples:\n  - {{name: e, data: \"office,a,f\\n甲,1,1\\n\"}}\n"),
        ),
        (
            "example with both data and file",
            format!(
                "{base}examples:\n  - {{name: e, data: x, file: y.csv, expect: [{{office: 甲, total: 100}}]}}\n"
            ),
        ),
        ("precision out of range", format!("precision: 11\n{base}")),
        ("unknown rounding", format!("rounding: up\n{base}")),
        ("total of the wrong type", format!("total: [100]\n{base}")),
    ];
    for (what, yaml) in cases {
        assert!(
            Rubric::from_yaml("t.yaml", &yaml).is_err(),
            "the loader accepts {what}:\n{yaml}"
        );
        assert!(
            checker.check(&yaml).is_err(),
            "the schema accepts {what}:\n{yaml}"
        );
    }
}
