//! The registry test: every registered method has a section in
//! `docs/rubric.md` with its parameter table, a part of the JSON Schema, an
//! example rubric in the repository that uses it, and fingerprint and diff
//! coverage of every one of its parameters.

use std::path::{Path, PathBuf};

use super::{Entry, REGISTRY};
use crate::diff::{Change, Subject, diff};
use crate::rubric::Rubric;
use crate::spec::markdown_table;

const DOCS: &str = include_str!("../../../docs/rubric.md");

/// The inputs a sample may read, with their kinds.
const SAMPLE_INPUTS: &[(&str, &str)] = &[
    ("c1", "count"),
    ("c2", "count"),
    ("c3", "count"),
    ("c4", "count"),
    ("a1", "amount"),
    ("a2", "amount"),
    ("f1", "flag"),
    ("f2", "flag"),
    ("g1", "choice"),
    ("g2", "choice"),
];

/// A rubric holding one leaf `x` written as `leaf` (a flow mapping without
/// id, name and weight), declaring just the inputs it mentions.
fn rubric_of(leaf: &str) -> String {
    let body = leaf
        .trim()
        .strip_prefix('{')
        .and_then(|l| l.strip_suffix('}'))
        .expect("a sample is a flow mapping");
    let mentions = |id: &str| {
        body.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .any(|w| w == id)
    };
    let mut yaml = String::from("id: t\ntitle: T\nversion: '1'\nsource: S\ninputs:\n");
    for (id, kind) in SAMPLE_INPUTS.iter().filter(|(id, _)| mentions(id)) {
        let choices = if *kind == "choice" {
            ", choices: [优, 良, 一般, 差]"
        } else {
            ""
        };
        yaml.push_str(&format!(
            "  - {{id: {id}, label: {id}, kind: {kind}{choices}}}\n"
        ));
    }
    if mentions("why") || mentions("evidence") {
        yaml.push_str(
            "text_columns:\n  - {id: why, label: why}\n  - {id: evidence, label: evidence}\n",
        );
    }
    if mentions("overdraw") {
        // A leaf that overdraws needs a group above that caps it.
        yaml.push_str(&format!(
            "indicators:\n  - id: g\n    name: G\n    weight: 100\n    subtotal_floor: 0\n    children:\n      - {{id: x, name: X, weight: 100, {body}}}\n"
        ));
    } else {
        yaml.push_str(&format!(
            "indicators:\n  - {{id: x, name: X, weight: 100, {body}}}\n"
        ));
    }
    yaml
}

fn load(name: &str, yaml: &str) -> Rubric {
    Rubric::from_yaml(name, yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

/// The section of the docs about method `name`: from its heading to the
/// next heading.
fn docs_section(name: &str) -> Option<&'static str> {
    let heading = format!("### `{name}`\n");
    let start = DOCS.find(&heading)?;
    let rest = &DOCS[start + heading.len()..];
    let end = rest.find("\n#").map(|e| e + 1).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Every rubric file in the repository: bundled, fixtures, examples.
fn rubric_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["rubrics", "tests/fixtures", "docs/examples"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whether a rubric file holds a leaf scored by method `name` (and loads).
fn uses(path: &Path, name: &str) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(rubric) = Rubric::from_yaml(&path.display().to_string(), &text) else {
        return false;
    };
    rubric
        .indicators()
        .items()
        .any(|i| i.method().is_some_and(|m| m.name() == name))
}

#[test]
fn every_method_is_documented_with_its_parameters() {
    for Entry { name, params, .. } in REGISTRY {
        let section = docs_section(name)
            .unwrap_or_else(|| panic!("docs/rubric.md has no section headed \"### `{name}`\""));
        let table = markdown_table(params);
        assert!(
            section.contains(&table),
            "the section on `{name}` in docs/rubric.md lacks its parameter table, which reads:\n\n{table}"
        );
    }
}

#[test]
fn every_method_has_a_part_of_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&crate::schema::rubric_schema()).unwrap();
    let branches = schema["definitions"]["indicator"]["oneOf"]
        .as_array()
        .unwrap();
    for Entry { name, params, .. } in REGISTRY {
        let branch = branches
            .iter()
            .find(|b| b["properties"]["method"]["const"] == *name)
            .unwrap_or_else(|| panic!("the schema has no part for `{name}`"));
        for p in *params {
            assert!(
                branch["properties"].get(p.key).is_some(),
                "the schema's part for `{name}` lacks `{}`",
                p.key
            );
        }
    }
}

#[test]
fn every_method_is_used_by_an_example_rubric() {
    let files = rubric_files();
    for Entry { name, .. } in REGISTRY {
        assert!(
            files.iter().any(|f| uses(f, name)),
            "no rubric in rubrics/, tests/fixtures/ or docs/examples/ uses `{name}`"
        );
    }
}

#[test]
fn every_parameter_moves_the_fingerprint_and_shows_in_the_diff() {
    for Entry {
        name,
        params,
        sample,
        variants,
        ..
    } in REGISTRY
    {
        let base = load(name, &rubric_of(sample));
        for p in *params {
            assert!(
                variants.iter().any(|(key, _)| *key == p.key),
                "`{name}` has no variant changing `{}`",
                p.key
            );
        }
        for (key, leaf) in *variants {
            assert!(
                params.iter().any(|p| p.key == *key),
                "`{name}` has a variant for `{key}`, which it does not declare"
            );
            let changed = load(name, &rubric_of(leaf));
            assert_ne!(
                base.fingerprint(),
                changed.fingerprint(),
                "changing `{key}` of `{name}` leaves the fingerprint as it was: {leaf}"
            );
            let d = diff(&base, &changed);
            let shown = d.entries.iter().any(|e| {
                e.subject == Subject::Indicator("x".into())
                    && matches!(&e.change, Change::Field { field, .. }
                        if field == key || field.starts_with(&format!("{key}.")))
            });
            assert!(
                shown,
                "changing `{key}` of `{name}` does not show in the diff: {:?}",
                d.entries
            );
            // And shows in words, in both languages.
            for e in &d.entries {
                if let Change::Field { field, .. } = &e.change {
                    let zh = crate::diff::field_name(field, crate::Lang::Zh);
                    let en = crate::diff::field_name(field, crate::Lang::En);
                    assert!(
                        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                            && !en.contains('.')
                            && !(en == *field && field.contains('_')),
                        "`{field}` of `{name}` has no name in words: {zh} / {en}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_docs_tables_of_other_keys_match_their_declarations() {
    use crate::rubric::{INDICATOR, TEXT_COLUMN, TOP};
    for (what, params) in [
        ("the top level", TOP.params),
        ("indicators", INDICATOR.params),
        ("text columns", TEXT_COLUMN.params),
        ("adjustments", crate::adjustment::SHAPE.params),
        ("grade bands", crate::grading::BAND.params),
        ("vetoes", crate::grading::VETO.params),
        ("the top share", crate::grading::TOP_SHARE.params),
        ("bonus pools", crate::adjustment::POOL_SHAPE.params),
        ("sources", crate::compose::SHAPE.params),
        ("categories", crate::category::SHAPE.params),
    ] {
        let table = markdown_table(params);
        assert!(
            DOCS.contains(&table),
            "docs/rubric.md lacks the table of {what}, which reads:\n\n{table}"
        );
    }
}

/// A table of four offices for a rubric made by [`rubric_of`]: counts
/// rising from `c1` to `c4` when `rising`, falling otherwise (so that one
/// of the two passes "answered ≤ asked" however a sample assigns them),
/// and every other kind varied across the offices.
fn four_offices(rubric: &Rubric, rising: bool) -> crate::Table {
    let ids: Vec<String> = rubric
        .inputs()
        .items()
        .map(|i| i.id.clone())
        .chain(rubric.text_columns().items().map(|t| t.id.clone()))
        .collect();
    let mut rows = vec![crate::TableRow::new(
        1,
        std::iter::once("office".to_string()).chain(ids.iter().cloned()),
    )];
    for k in 0..4u32 {
        let cells = ids.iter().map(|id| {
            let n: u32 = id[1..].parse().unwrap_or(0);
            match &id[..1] {
                "c" if rising => (k + 4 * n).to_string(),
                "c" => (k + 4 * (5 - n)).to_string(),
                "a" => format!("{}.{}", k % 2, 2 * k + n),
                "f" => ((k + n) % 2).to_string(),
                "g" => ["优", "良", "一般", "差"][k as usize].to_string(),
                _ => "a reason".to_string(),
            }
        });
        rows.push(crate::TableRow::new(
            k + 2,
            std::iter::once(format!("o{k}")).chain(cells),
        ));
    }
    crate::Table {
        source: "four.csv".into(),
        rows,
    }
}

#[test]
fn a_method_that_says_it_scores_an_office_alone_does() {
    for Entry {
        name,
        sample,
        variants,
        ..
    } in REGISTRY
    {
        for leaf in std::iter::once(sample).chain(variants.iter().map(|(_, l)| l)) {
            let rubric = load(name, &rubric_of(leaf));
            let (x, indicator) = rubric.find_leaf("x").expect("the sample's leaf");
            let method = indicator.method().expect("a scored leaf");
            let (table, data) = [true, false]
                .into_iter()
                .map(|rising| four_offices(&rubric, rising))
                .find_map(|t| crate::Dataset::from_table(&rubric, &t).ok().map(|d| (t, d)))
                .unwrap_or_else(|| panic!("`{name}`: no data passes the row checks: {leaf}"));
            let all = crate::score(&rubric, &data).expect("scored");
            let mut differs = false;
            for k in 0..4usize {
                let alone = crate::Table {
                    source: table.source.clone(),
                    rows: vec![table.rows[0].clone(), table.rows[k + 1].clone()],
                };
                let data = crate::Dataset::from_table(&rubric, &alone).expect("one row");
                let one = crate::score(&rubric, &data).expect("scored");
                let (a, b) = (
                    all.offices().nth(k).expect("office").leaf(x).points,
                    one.offices().next().expect("office").leaf(x).points,
                );
                if method.depends_on_others() {
                    differs |= a != b;
                } else {
                    assert_eq!(
                        a, b,
                        "`{name}` says it scores an office alone, but office {k} scores {b} alone and {a} among others: {leaf}"
                    );
                }
            }
            if method.depends_on_others() && *leaf == *sample {
                assert!(
                    differs,
                    "`{name}` says it depends on other offices, but its sample scores every office alone as among others"
                );
            }
        }
    }
}

#[test]
fn every_method_has_a_name_in_words() {
    for Entry { name, .. } in REGISTRY {
        let zh = crate::method::Method::label_of(name, crate::Lang::Zh).unwrap();
        let en = crate::method::Method::label_of(name, crate::Lang::En).unwrap();
        assert!(
            zh.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: {zh}"
        );
        assert!(!en.is_empty() && !en.contains('_'), "{name}: {en}");
    }
}
