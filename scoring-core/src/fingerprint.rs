//! A rubric's fingerprint: the SHA-256 of a canonical form of its meaning.
//!
//! The canonical form is built from the validated model, not from the file:
//! YAML formatting, comments, quoting and key order do not change it;
//! decimals are written without trailing zeros (`5.0` and `5` are the same
//! weight); the terms of a tally, the kinds of an item log and the calendar
//! overrides are sorted (they are sets). Everything else that the model
//! holds changes it: every id, label, name, note, weight, method and
//! parameter, input, adjustment, rounding rule and precision, and the
//! metadata. Example datasets (`examples`) do not: they test a rubric but
//! take no part in its scores.
//!
//! The full fingerprint is 64 hexadecimal digits; the first 12 are its short
//! form on pages and reports.

use sha2::{Digest, Sha256};

use crate::canon::Canon;
use crate::lang::Text;
use crate::num::plain;
use crate::rubric::{IndicatorKind, Rubric};

/// The version of the canonical form, written into it.
const FORMAT: &str = "scoring-rubric/1";

/// Appends `key value` as one line, the value JSON-quoted.
fn line(out: &mut String, indent: usize, key: &str, value: &str) {
    for _ in 0..indent {
        out.push_str("  ");
    }
    out.push_str(key);
    out.push(' ');
    // A JSON string is an unambiguous, deterministic quoting.
    out.push_str(&serde_json::to_string(value).unwrap_or_default());
    out.push('\n');
}

fn text(out: &mut String, indent: usize, key: &str, t: &Text) {
    line(out, indent, &format!("{key}.zh"), &t.zh);
    if let Some(en) = &t.en {
        line(out, indent, &format!("{key}.en"), en);
    }
}

fn opt_text(out: &mut String, indent: usize, key: &str, t: Option<&Text>) {
    if let Some(t) = t {
        text(out, indent, key, t);
    }
}

/// The canonical form of a rubric's meaning (what the fingerprint hashes).
pub fn canonical(rubric: &Rubric) -> String {
    let mut out = String::new();
    out.push_str(FORMAT);
    out.push('\n');
    line(&mut out, 0, "id", rubric.id());
    text(&mut out, 0, "title", rubric.title());
    line(&mut out, 0, "version", rubric.version());
    line(&mut out, 0, "source", rubric.source());
    opt_text(&mut out, 0, "description", rubric.description());
    line(&mut out, 0, "total", &plain(rubric.total()));
    line(&mut out, 0, "precision", &rubric.precision().to_string());
    line(&mut out, 0, "rounding", rubric.rounding().name());
    for input in &rubric.inputs {
        line(&mut out, 0, "input", &input.id);
        text(&mut out, 1, "label", &input.label);
        line(&mut out, 1, "kind", input.kind.name());
        opt_text(&mut out, 1, "help", input.help.as_ref());
    }
    for column in &rubric.text_columns {
        line(&mut out, 0, "text_column", &column.id);
        text(&mut out, 1, "label", &column.label);
        opt_text(&mut out, 1, "help", column.help.as_ref());
    }
    for ind in &rubric.indicators {
        line(&mut out, 0, "indicator", &ind.id);
        let parent = ind
            .parent
            .map(|p| rubric.indicator(p).id.as_str())
            .unwrap_or("");
        line(&mut out, 1, "parent", parent);
        text(&mut out, 1, "name", &ind.name);
        line(&mut out, 1, "weight", &plain(ind.weight));
        opt_text(&mut out, 1, "note", ind.note.as_ref());
        let mut own = Canon::default();
        ind.own_canonical(&mut own);
        for (key, value) in own.lines() {
            line(&mut out, 1, key, value);
        }
        let IndicatorKind::Leaf { method, .. } = &ind.kind else {
            line(&mut out, 1, "group", "");
            continue;
        };
        line(&mut out, 1, "method", method.name());
        let mut params = Canon::default();
        method.behaviour().canonical(&mut params);
        for (key, value) in params.lines() {
            line(&mut out, 2, key, value);
        }
    }
    for a in &rubric.adjustments {
        line(&mut out, 0, "adjustment", &a.id);
        for (key, value) in a.canonical().lines() {
            line(&mut out, 1, key, value);
        }
    }
    for (key, value) in rubric.rules_canonical().lines() {
        line(&mut out, 0, key, value);
    }
    let mut overrides: Vec<_> = rubric.calendar_overrides().iter().collect();
    crate::sorting::sort_by_key(&mut overrides, |o| o.date);
    for o in overrides {
        line(&mut out, 0, "calendar_override", &o.date.to_string());
        line(&mut out, 1, "off", if o.off { "true" } else { "false" });
        line(&mut out, 1, "name", &o.name);
    }
    out
}

/// The full fingerprint: 64 lower-case hexadecimal digits.
pub fn fingerprint(rubric: &Rubric) -> String {
    let digest = Sha256::digest(canonical(rubric).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The short form shown on pages and reports: the first 12 digits.
pub fn short(fingerprint: &str) -> &str {
    fingerprint.get(..12).unwrap_or(fingerprint)
}

impl Rubric {
    /// This rubric's fingerprint (see [`crate::fingerprint`]).
    pub fn fingerprint(&self) -> String {
        fingerprint(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "id: t
title: {zh: 测试, en: Test}
version: '1'
source: S
inputs:
  - {id: a, label: A, kind: count}
  - {id: b, label: B, kind: count}
indicators:
  - {id: x, name: X, weight: 100, method: rank, tally: {a: 1, b: 0.5}}
";

    fn fp(yaml: &str) -> String {
        Rubric::from_yaml("t", yaml).unwrap().fingerprint()
    }

    #[test]
    fn formatting_comments_order_and_zeros_do_not_change_it() {
        let reformatted = "# A comment
source: \"S\"
version: \"1\"   # quoted differently
id: t
title:
  en: Test
  zh: 测试
inputs:
  - id: a
    kind: count
    label: A
  - {label: B, id: b, kind: count}
indicators:
  - id: x
    weight: 100.00
    name: X
    method: rank
    tally: {b: 0.50, a: 1}
";
        assert_eq!(fp(BASE), fp(reformatted));
        assert_eq!(fp(BASE).len(), 64);
        assert!(
            fp(BASE)
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }

    #[test]
    fn any_change_of_meaning_changes_it() {
        let base = fp(BASE);
        for changed in [
            BASE.replace("b: 0.5", "b: 0.6"),
            BASE.replace("label: A,", "label: A2,"),
            BASE.replace("zh: 测试", "zh: 测验"),
            BASE.replace("version: '1'", "version: '2'"),
            BASE.replace(
                "tally: {a: 1, b: 0.5}}",
                "tally: {a: 1, b: 0.5}, ties: dense}",
            ),
            BASE.replace(
                "tally: {a: 1, b: 0.5}}",
                "tally: {a: 1, b: 0.5}, floor: 10}",
            ),
            format!("precision: 1\n{BASE}"),
            format!("rounding: half_even\n{BASE}"),
        ] {
            assert_ne!(fp(&changed), base, "{changed}");
        }
        assert_eq!(short(&base).len(), 12);
    }
}
