//! The rubric JSON Schema, for editors and other tools.
//!
//! Built from the same declarations the loader reads by (the shapes of
//! `rubric/load.rs`, each method's `MethodSpec::PARAMS`,
//! the adjustments' keys): nothing in it is written by hand twice. It
//! describes the structure of a rubric file (which keys, which are
//! required, what kind of value each holds and its range); the loader
//! checks more than a schema can say (weights adding up, inputs declared
//! and used, ids unique, `floor` at most `first`), so a file the schema
//! accepts may still be refused, never the other way round for structure.
//!
//! Editors that speak the YAML language server protocol pick it up from a
//! first line such as the bundled rubrics':
//! `# yaml-language-server: $schema=rubric.schema.json`.
//!
//! ```
//! let schema: serde_json::Value =
//!     serde_json::from_str(&scoring_core::schema::rubric_schema()).unwrap();
//! assert_eq!(schema["required"][0], "id");
//! ```

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::method::REGISTRY;
use crate::num::plain;
use crate::rubric::{INDICATOR, TOP};
use crate::spec::{Bound, Kind, Param, Shape};

/// A plain decimal number as text (`0.5`, `-5`): what the loader reads
/// when a number is quoted.
const DECIMAL_TEXT: &str = r"^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)\s*$";

/// The rubric JSON Schema (draft-07), as pretty-printed JSON ending with a
/// newline: what `scoring schema` prints and `rubrics/rubric.schema.json`
/// holds.
pub fn rubric_schema() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

fn schema() -> Value {
    let mut root = object(&TOP);
    let root_map = root.as_object_mut().expect("an object");
    let mut head = Map::new();
    head.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    head.insert("title".into(), json!("Rubric"));
    head.insert(
        "description".into(),
        json!("A tiered, weighted rubric for scoring offices (scoring-core). See docs/rubric.md."),
    );
    head.append(root_map);
    head.insert("definitions".into(), definitions());
    Value::Object(head)
}

fn definitions() -> Value {
    let mut defs = Map::new();
    defs.insert(
        "text".into(),
        json!({
            "description": "A text: a plain string (Chinese), or {zh: …, en: …}.",
            "anyOf": [
                { "type": ["string", "number", "boolean"] },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["zh"],
                    "properties": {
                        "zh": { "type": ["string", "number", "boolean"] },
                        "en": { "type": ["string", "number", "boolean"] }
                    }
                }
            ]
        }),
    );
    defs.insert(
        "indicators".into(),
        json!({
            "type": "array",
            "minItems": 1,
            "items": { "$ref": "#/definitions/indicator" }
        }),
    );
    let mut branches = vec![group()];
    branches.extend(REGISTRY.iter().map(|m| leaf(m.name, m.summary, m.params)));
    defs.insert("indicator".into(), json!({ "oneOf": branches }));
    Value::Object(defs)
}

/// A group: an indicator with children.
fn group() -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for p in INDICATOR.params.iter().filter(|p| p.key != "method") {
        props.insert(p.key.into(), param(p));
        if p.required || p.key == "children" {
            required.push(p.key);
        }
    }
    json!({
        "title": "group",
        "description": "A group of indicators: its weight is the sum of its children's.",
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": props,
    })
}

/// A leaf scored by method `name`.
fn leaf(name: &str, summary: &str, params: &[Param]) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for p in INDICATOR.params.iter().filter(|p| p.key != "children") {
        if p.key == "method" {
            props.insert(p.key.into(), json!({ "const": name }));
            required.push(p.key);
            continue;
        }
        props.insert(p.key.into(), param(p));
        if p.required {
            required.push(p.key);
        }
    }
    for p in params {
        props.insert(p.key.into(), param(p));
        if p.required {
            required.push(p.key);
        }
    }
    json!({
        "title": format!("{name} leaf"),
        "description": summary,
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": props,
    })
}

/// A mapping of a shape: its keys, the required ones, exactly one of its
/// `one_of` keys.
fn object(shape: &Shape) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for p in shape.params {
        props.insert(p.key.into(), param(p));
        if p.required {
            required.push(p.key);
        }
    }
    let mut out = json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": props,
    });
    if !shape.one_of.is_empty() {
        out["oneOf"] = Value::Array(
            shape
                .one_of
                .iter()
                .map(|k| json!({ "required": [k] }))
                .collect(),
        );
    }
    out
}

/// A decimal as a JSON number.
fn number(d: Decimal) -> Value {
    serde_json::from_str(&plain(d)).unwrap_or(Value::Null)
}

/// A value of one kind.
fn param(p: &Param) -> Value {
    let scalar = json!({ "type": ["string", "number", "boolean"] });
    let id = json!({ "type": "string", "pattern": "^[a-z][a-z0-9_]*$" });
    let mut v = match &p.kind {
        Kind::Input(kinds) => {
            let mut v = id.clone();
            v["description"] = json!(format!(
                "{} (an input: {})",
                p.doc,
                kinds
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
            return v;
        }
        Kind::Decimal {
            min, max, default, ..
        } => {
            let mut v = json!({ "type": ["number", "string"], "pattern": DECIMAL_TEXT });
            match min {
                Bound::Inclusive(m) => v["minimum"] = number(*m),
                Bound::Exclusive(m) => v["exclusiveMinimum"] = number(*m),
                Bound::Open => {}
            }
            match max {
                Bound::Inclusive(m) => v["maximum"] = number(*m),
                Bound::Exclusive(m) => v["exclusiveMaximum"] = number(*m),
                Bound::Open => {}
            }
            if let Some(d) = default {
                v["default"] = number(*d);
            }
            v
        }
        Kind::Whole { min, max, default } => {
            let mut v = json!({
                "type": ["integer", "string"],
                "pattern": r"^\s*[0-9]+\s*$",
                "minimum": min,
                "maximum": max,
            });
            if let Some(d) = default {
                v["default"] = json!(d);
            }
            v
        }
        Kind::Text => json!({ "$ref": "#/definitions/text" }),
        Kind::Scalar => scalar.clone(),
        Kind::Id => id.clone(),
        Kind::RubricId => json!({ "type": "string", "pattern": r"^[a-z][a-z0-9_.\-]*$" }),
        Kind::Choice { choices, default } => {
            let mut v = json!({ "enum": choices });
            if let Some(d) = default {
                v["default"] = json!(d);
            }
            v
        }
        Kind::Bool { default } => {
            let mut v = json!({ "enum": [true, false, "true", "false"] });
            if let Some(d) = default {
                v["default"] = json!(d);
            }
            v
        }
        Kind::Date => json!({
            "type": "string",
            "pattern": r"^\s*[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?\s*$",
        }),
        Kind::Tally => json!({
            "oneOf": [
                id,
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": { "pattern": "^[a-z][a-z0-9_]*$" },
                    "additionalProperties": {
                        "type": ["number", "string"],
                        "pattern": DECIMAL_TEXT,
                        "not": { "const": 0 },
                    },
                },
            ],
        }),
        Kind::Names => json!({ "type": "array", "items": scalar }),
        Kind::Texts => {
            json!({ "type": "array", "minItems": 2, "items": { "$ref": "#/definitions/text" } })
        }
        Kind::TextColumn => id.clone(),
        Kind::Steps => json!({
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["above", "points"],
                "additionalProperties": false,
                "properties": {
                    "above": { "type": ["number", "string"], "pattern": DECIMAL_TEXT },
                    "points": { "type": ["number", "string"], "pattern": DECIMAL_TEXT },
                },
            },
        }),
        Kind::Inputs(_) => json!({ "type": "array", "minItems": 2, "items": id.clone() }),
        Kind::Cap => json!({
            "oneOf": [
                { "type": ["number", "string"], "pattern": DECIMAL_TEXT, "exclusiveMinimum": 0 },
                { "const": "none" },
            ],
        }),
        Kind::ChoiceNumbers => json!({
            "type": "object",
            "minProperties": 2,
            "additionalProperties": { "type": ["number", "string"], "pattern": DECIMAL_TEXT },
        }),
        Kind::LeafNumbers => json!({
            "type": "object",
            "additionalProperties": { "type": ["number", "string"], "pattern": DECIMAL_TEXT },
        }),
        Kind::Block => json!({ "type": "string" }),
        Kind::Mapping(shape) => object(shape),
        Kind::List(shape) => json!({ "type": "array", "items": object(shape) }),
        Kind::Indicators => json!({ "$ref": "#/definitions/indicators" }),
    };
    if let Value::Object(m) = &mut v
        && !m.contains_key("$ref")
    {
        let doc = match p.kind {
            Kind::Decimal { also: Some(a), .. } => format!("{} ({a})", p.doc),
            _ => p.doc.to_string(),
        };
        m.insert("description".into(), json!(doc));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_has_a_branch() {
        let s: Value = serde_json::from_str(&rubric_schema()).unwrap();
        let branches = s["definitions"]["indicator"]["oneOf"].as_array().unwrap();
        for m in REGISTRY {
            assert!(
                branches
                    .iter()
                    .any(|b| b["properties"]["method"]["const"] == m.name),
                "no branch for {}",
                m.name
            );
        }
    }
}
