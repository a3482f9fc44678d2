//! Reading a rubric from YAML and validating it.
//!
//! The YAML is parsed into a tree that keeps every node's line and column
//! (`marked-yaml`), then walked by hand rather than through serde: this way
//! every problem in the file is collected, not just the first, and numbers
//! are read as exact decimals from their text, never through `f64`.

use std::collections::HashMap;

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::{LoadError, LoaderOptions, Node, Span};
use rust_decimal::Decimal;

use super::{
    Adjustment, AdjustmentKind, Indicator, IndicatorKind, Input, InputKind, Location, Rubric,
    RubricError, RubricErrors, RubricProblem,
};
use crate::lang::Text;
use crate::method::{AnswerRate, Deadline, Direct, InputRef, Method, OnTime, Rank, Term, Ties};
use crate::num::{Rounding, parse_decimal, plain};
use crate::suggest::closest;

const TOP_KEYS: &[&str] = &[
    "id",
    "title",
    "version",
    "source",
    "description",
    "total",
    "precision",
    "rounding",
    "inputs",
    "indicators",
    "adjustments",
    "calendar_overrides",
    "examples",
];
const EXAMPLE_KEYS: &[&str] = &["name", "note", "data", "file", "expect"];
const EXPECT_KEYS: &[&str] = &["office", "total", "place", "scores", "points"];
const OVERRIDE_KEYS: &[&str] = &["date", "off", "name"];
const INPUT_KEYS: &[&str] = &["id", "label", "kind", "help"];
const INDICATOR_KEYS: &[&str] = &["id", "name", "weight", "note", "children", "method"];
const RANK_KEYS: &[&str] = &["tally", "first", "step", "floor", "ties", "unit"];
const ANSWER_RATE_KEYS: &[&str] = &[
    "asked",
    "answered",
    "late",
    "penalty",
    "deadline",
    "item_kinds",
];
const ON_TIME_KEYS: &[&str] = &["input", "full"];
const DIRECT_KEYS: &[&str] = &["input"];
const DEADLINE_KEYS: &[&str] = &["working_days", "max_extension_working_days"];
const ADJUSTMENT_KEYS: &[&str] = &["id", "name", "kind", "input", "points", "cap", "note"];
const METHODS: &[&str] = &["rank", "answer_rate", "on_time", "direct"];
const TEXT_KEYS: &[&str] = &["zh", "en"];
/// The largest tally coefficient or adjustment points per unit accepted:
/// with input values bounded too (`dataset::MAX_VALUE`), no product can
/// overflow a decimal.
const MAX_COEFFICIENT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

fn location(span: &Span) -> Option<Location> {
    span.start().map(|m| Location {
        line: m.line() as u32,
        column: m.column() as u32,
    })
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A rubric id may also hold `-` and `.` (`shandong-commerce-2017`).
fn is_valid_rubric_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-' | '.'))
}

/// Input, indicator and adjustment ids: `snake_case`, usable as CSV headers
/// and JSON keys.
fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// A declared input while loading: where it is and whether anything reads it.
struct DeclaredInput {
    index: usize,
    kind: InputKind,
    used: bool,
}

struct Loader<'s> {
    source: &'s str,
    errors: Vec<RubricError>,
    inputs: HashMap<String, DeclaredInput>,
    input_ids: Vec<String>,
    indicators: Vec<Indicator>,
    indicator_ids: HashMap<String, Option<Location>>,
    leaves: Vec<usize>,
    groups: Vec<usize>,
    /// Item-log kinds declared so far (lower case), for duplicates.
    item_kinds: HashMap<String, Option<Location>>,
    /// Indicators whose weight could not be read: sums that include them
    /// are not checked, so one typo is reported once.
    bad_weight: Vec<bool>,
}

impl Rubric {
    /// Reads and validates a rubric from YAML text.
    ///
    /// `source` names where the text came from (a file name) and appears in
    /// every error. All problems are returned at once, each with its YAML
    /// path, line and column.
    ///
    /// ```
    /// let yaml = scoring_core::bundled::SHANDONG_2017;
    /// let rubric = scoring_core::Rubric::from_yaml("shandong.yaml", yaml).unwrap();
    /// assert_eq!(rubric.id(), "shandong-commerce-2017");
    /// assert_eq!(rubric.leaves().len(), 16);
    /// ```
    pub fn from_yaml(source: &str, text: &str) -> Result<Rubric, RubricErrors> {
        let mut loader = Loader {
            source,
            errors: Vec::new(),
            inputs: HashMap::new(),
            input_ids: Vec::new(),
            indicators: Vec::new(),
            indicator_ids: HashMap::new(),
            leaves: Vec::new(),
            groups: Vec::new(),
            bad_weight: Vec::new(),
            item_kinds: HashMap::new(),
        };
        let node = match loader.parse(text) {
            Some(node) => node,
            None => return Err(loader.finish_errors()),
        };
        let rubric = loader.rubric(&node);
        match rubric {
            Some(r) if loader.errors.is_empty() => Ok(r),
            _ => Err(loader.finish_errors()),
        }
    }
}

impl<'s> Loader<'s> {
    fn error(&mut self, path: &str, at: Option<Location>, problem: RubricProblem) {
        self.errors.push(RubricError {
            source: self.source.to_string(),
            path: path.to_string(),
            location: at,
            problem,
        });
    }

    fn finish_errors(&mut self) -> RubricErrors {
        let mut errors = std::mem::take(&mut self.errors);
        errors.sort_by_key(|e| e.location);
        RubricErrors { errors }
    }

    fn parse(&mut self, text: &str) -> Option<Node> {
        let meaningful = text
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---");
        if !meaningful {
            self.error("", None, RubricProblem::EmptyFile);
            return None;
        }
        let options = LoaderOptions::default()
            .error_on_duplicate_keys(true)
            .toplevel_mapping();
        match marked_yaml::parse_yaml_with_options(0, text, options) {
            Ok(node) => Some(node),
            Err(e) => {
                let (at, problem) = load_error(e);
                self.error("", at, problem);
                None
            }
        }
    }

    // ----- small readers -------------------------------------------------

    /// Reports keys of `map` that are not in `allowed`.
    fn check_keys(&mut self, map: &MarkedMappingNode, path: &str, allowed: &[&str]) {
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let suggestion = closest(key.as_str(), allowed.iter().copied());
                self.error(
                    &join(path, key.as_str()),
                    location(key.span()),
                    RubricProblem::UnknownKey {
                        key: key.as_str().to_string(),
                        suggestion,
                    },
                );
            }
        }
    }

    fn missing(&mut self, map: &MarkedMappingNode, path: &str, key: &str) {
        // The document's own mapping is reported at its very start.
        let at = if path.is_empty() {
            Some(Location { line: 1, column: 1 })
        } else {
            location(map.span())
        };
        self.error(path, at, RubricProblem::MissingKey { key: key.into() });
    }

    fn wrong_type(
        &mut self,
        node: &Node,
        path: &str,
        expected: &'static str,
        expected_zh: &'static str,
    ) {
        self.error(
            path,
            location(node.span()),
            RubricProblem::WrongType {
                expected,
                expected_zh,
            },
        );
    }

    /// A non-empty scalar, or an error.
    fn scalar<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n MarkedScalarNode> {
        match node {
            Node::Scalar(s) if !is_null(s) => Some(s),
            _ => {
                self.wrong_type(node, path, "a single value", "单个值");
                None
            }
        }
    }

    fn req_scalar<'n>(
        &mut self,
        map: &'n MarkedMappingNode,
        path: &str,
        key: &str,
    ) -> Option<&'n MarkedScalarNode> {
        match map.get_node(key) {
            Some(node) => self.scalar(node, &join(path, key)),
            None => {
                self.missing(map, path, key);
                None
            }
        }
    }

    fn req_string(&mut self, map: &MarkedMappingNode, path: &str, key: &str) -> Option<String> {
        self.req_scalar(map, path, key)
            .map(|s| s.as_str().trim().to_string())
    }

    fn decimal_of(&mut self, node: &Node, path: &str) -> Option<(Decimal, Option<Location>)> {
        let s = self.scalar(node, path)?;
        let at = location(s.span());
        match parse_decimal(s.as_str()) {
            Some(d) => Some((d, at)),
            None => {
                self.error(
                    path,
                    at,
                    RubricProblem::NotANumber {
                        text: s.as_str().to_string(),
                    },
                );
                None
            }
        }
    }

    /// An optional decimal within `[min, max]` (either bound optional).
    #[allow(clippy::too_many_arguments)]
    fn opt_decimal(
        &mut self,
        map: &MarkedMappingNode,
        path: &str,
        key: &str,
        default: Decimal,
        min: Option<(Decimal, bool)>,
        max: Option<Decimal>,
    ) -> Decimal {
        let Some(node) = map.get_node(key) else {
            return default;
        };
        let p = join(path, key);
        let Some((value, at)) = self.decimal_of(node, &p) else {
            return default;
        };
        let below = match min {
            Some((m, inclusive)) => value < m || (!inclusive && value == m),
            None => false,
        };
        let above = max.is_some_and(|m| value > m);
        if below || above {
            let (allowed, allowed_zh) = describe_range(min, max);
            self.error(
                &p,
                at,
                RubricProblem::OutOfRange {
                    value: plain(value),
                    allowed,
                    allowed_zh,
                },
            );
            return default;
        }
        value
    }

    fn whole_number(&mut self, node: &Node, path: &str, min: u32, max: u32) -> Option<u32> {
        let (value, at) = self.decimal_of(node, path)?;
        if value.fract().is_zero() && value >= Decimal::from(min) && value <= Decimal::from(max) {
            u32::try_from(value.trunc().mantissa()).ok()
        } else {
            self.error(
                path,
                at,
                RubricProblem::OutOfRange {
                    value: plain(value),
                    allowed: format!("a whole number from {min} to {max}"),
                    allowed_zh: format!("{min} 到 {max} 之间的整数"),
                },
            );
            None
        }
    }

    fn text(&mut self, node: &Node, path: &str) -> Option<Text> {
        match node {
            Node::Scalar(s) if !is_null(s) => Some(Text::zh(s.as_str().trim())),
            Node::Mapping(m) => {
                self.check_keys(m, path, TEXT_KEYS);
                let zh = self.req_string(m, path, "zh")?;
                let en = match m.get_node("en") {
                    Some(n) => self
                        .scalar(n, &join(path, "en"))
                        .map(|s| s.as_str().trim().to_string()),
                    None => None,
                };
                Some(Text { zh, en })
            }
            _ => {
                self.wrong_type(
                    node,
                    path,
                    "a text, or {zh: …, en: …}",
                    "文本或 {zh: …, en: …}",
                );
                None
            }
        }
    }

    fn req_text(&mut self, map: &MarkedMappingNode, path: &str, key: &str) -> Option<Text> {
        match map.get_node(key) {
            Some(n) => self.text(n, &join(path, key)),
            None => {
                self.missing(map, path, key);
                None
            }
        }
    }

    fn opt_text(&mut self, map: &MarkedMappingNode, path: &str, key: &str) -> Option<Text> {
        map.get_node(key)
            .and_then(|n| self.text(n, &join(path, key)))
    }

    fn choice<T>(
        &mut self,
        map: &MarkedMappingNode,
        path: &str,
        key: &str,
        choices: &[&'static str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let node = map.get_node(key)?;
        let p = join(path, key);
        let s = self.scalar(node, &p)?;
        let value = s.as_str().trim();
        match parse(value) {
            Some(v) => Some(v),
            None => {
                self.error(
                    &p,
                    location(s.span()),
                    RubricProblem::UnknownChoice {
                        value: value.to_string(),
                        choices: choices.to_vec(),
                    },
                );
                None
            }
        }
    }

    fn id(&mut self, map: &MarkedMappingNode, path: &str) -> Option<(String, Option<Location>)> {
        let s = self.req_scalar(map, path, "id")?;
        let id = s.as_str().trim().to_string();
        let at = location(s.span());
        if !is_valid_id(&id) {
            self.error(
                &join(path, "id"),
                at,
                RubricProblem::InvalidId { id: id.clone() },
            );
        }
        Some((id, at))
    }

    /// Resolves an input reference, checking its kind.
    fn input_ref(&mut self, node: &Node, path: &str, kinds: &[InputKind]) -> Option<InputRef> {
        let s = self.scalar(node, path)?;
        let id = s.as_str().trim().to_string();
        self.resolve_input(&id, location(s.span()), path, kinds)
    }

    fn resolve_input(
        &mut self,
        id: &str,
        at: Option<Location>,
        path: &str,
        kinds: &[InputKind],
    ) -> Option<InputRef> {
        match self.inputs.get_mut(id) {
            Some(declared) => {
                declared.used = true;
                let (index, kind) = (declared.index, declared.kind);
                if !kinds.contains(&kind) {
                    self.error(
                        path,
                        at,
                        RubricProblem::WrongInputKind {
                            id: id.to_string(),
                            found: kind.name(),
                            expected: kinds.iter().map(|k| k.name()).collect(),
                        },
                    );
                }
                Some(InputRef {
                    id: id.to_string(),
                    index,
                })
            }
            None => {
                let suggestion = closest(id, self.input_ids.iter().map(String::as_str));
                self.error(
                    path,
                    at,
                    RubricProblem::UnknownInput {
                        id: id.to_string(),
                        suggestion,
                    },
                );
                None
            }
        }
    }

    fn req_input(
        &mut self,
        map: &MarkedMappingNode,
        path: &str,
        key: &str,
        kinds: &[InputKind],
    ) -> Option<InputRef> {
        match map.get_node(key) {
            Some(n) => self.input_ref(n, &join(path, key), kinds),
            None => {
                self.missing(map, path, key);
                None
            }
        }
    }

    // ----- the rubric ----------------------------------------------------

    fn rubric(&mut self, root: &Node) -> Option<Rubric> {
        let Node::Mapping(map) = root else {
            self.wrong_type(root, "", "a mapping", "映射（键: 值）");
            return None;
        };
        self.check_keys(map, "", TOP_KEYS);
        let id = match self.req_scalar(map, "", "id") {
            Some(s) => {
                let id = s.as_str().trim().to_string();
                if !is_valid_rubric_id(&id) {
                    self.error(
                        "id",
                        location(s.span()),
                        RubricProblem::InvalidId { id: id.clone() },
                    );
                }
                Some(id)
            }
            None => None,
        };
        let title = self.req_text(map, "", "title");
        let version = self.req_string(map, "", "version");
        let source = self.req_string(map, "", "source");
        let description = self.opt_text(map, "", "description");
        let total = self.opt_decimal(
            map,
            "",
            "total",
            Decimal::ONE_HUNDRED,
            Some((Decimal::ZERO, false)),
            Some(super::MAX_TOTAL),
        );
        let precision = match map.get_node("precision") {
            Some(n) => self
                .whole_number(n, "precision", 0, 10)
                .unwrap_or(Rubric::DEFAULT_PRECISION),
            None => Rubric::DEFAULT_PRECISION,
        };
        let rounding = self
            .choice(
                map,
                "",
                "rounding",
                &["half_away_from_zero", "half_even"],
                Rounding::parse,
            )
            .unwrap_or_default();

        let inputs = self.inputs(map);
        let (roots, indicators_at) = self.indicators(map);
        let adjustments = self.adjustments(map, total);
        let calendar_overrides = self.calendar_overrides(map);
        let examples = self.examples(map);

        // Weights add up.
        let root_sum: Decimal = roots.iter().map(|&i| self.indicators[i].weight).sum();
        let complete = roots.len() == count_items_of(map, "indicators")
            && roots.iter().all(|&i| !self.bad_weight[i]);
        if complete && !roots.is_empty() && root_sum != total {
            self.error(
                "indicators",
                indicators_at,
                RubricProblem::TotalMismatch {
                    total: plain(total),
                    sum: plain(root_sum),
                },
            );
        }

        // Every input is read by something.
        for (i, input) in inputs.iter().enumerate() {
            if self
                .inputs
                .get(&input.id)
                .is_some_and(|d| !d.used && d.index == i)
            {
                self.error(
                    &format!("inputs[{i}]"),
                    input.location,
                    RubricProblem::UnusedInput {
                        id: input.id.clone(),
                    },
                );
            }
        }

        Some(Rubric {
            id: id?,
            title: title?,
            version: version?,
            source: source?,
            description,
            total,
            precision,
            rounding,
            inputs,
            indicators: std::mem::take(&mut self.indicators),
            roots,
            leaves: std::mem::take(&mut self.leaves),
            groups: std::mem::take(&mut self.groups),
            adjustments,
            calendar_overrides,
            examples,
        })
    }

    fn examples(&mut self, map: &MarkedMappingNode) -> Vec<super::Example> {
        let mut out: Vec<super::Example> = Vec::new();
        let Some(node) = map.get_node("examples") else {
            return out;
        };
        let Node::Sequence(seq) = node else {
            self.wrong_type(node, "examples", "a list of examples", "示例列表");
            return out;
        };
        for (i, item) in seq.iter().enumerate() {
            let path = format!("examples[{i}]");
            let Node::Mapping(m) = item else {
                self.wrong_type(
                    item,
                    &path,
                    "an example (name, data, expect)",
                    "示例（name、data、expect）",
                );
                continue;
            };
            self.check_keys(m, &path, EXAMPLE_KEYS);
            let name = self.req_string(m, &path, "name");
            let note = self.opt_text(m, &path, "note");
            let data = match (m.get_node("data"), m.get_node("file")) {
                (Some(d), None) => self.scalar(d, &join(&path, "data")).map(|s| {
                    let first_line = m
                        .keys()
                        .find(|k| k.as_str() == "data")
                        .and_then(|k| location(k.span()))
                        .map(|l| l.line + 1)
                        .unwrap_or(1);
                    super::ExampleData::Inline {
                        text: s.as_str().to_string(),
                        first_line,
                    }
                }),
                (None, Some(f)) => self
                    .scalar(f, &join(&path, "file"))
                    .map(|s| super::ExampleData::File(s.as_str().trim().to_string())),
                (Some(_), Some(f)) => {
                    self.error(
                        &join(&path, "file"),
                        location(f.span()),
                        RubricProblem::ParameterNotForMethod {
                            key: "file".into(),
                            method: "example with data".into(),
                        },
                    );
                    None
                }
                (None, None) => {
                    self.missing(m, &path, "data");
                    None
                }
            };
            let expect = match m.get_node("expect") {
                Some(Node::Sequence(es)) if !es.is_empty() => es
                    .iter()
                    .enumerate()
                    .filter_map(|(k, e)| self.expectation(e, &format!("{path}.expect[{k}]")))
                    .collect(),
                Some(other) => {
                    self.wrong_type(
                        other,
                        &join(&path, "expect"),
                        "a list of expected offices",
                        "预期结果列表",
                    );
                    Vec::new()
                }
                None => {
                    self.missing(m, &path, "expect");
                    Vec::new()
                }
            };
            let at = location(m.span());
            let (Some(name), Some(data)) = (name, data) else {
                continue;
            };
            if out.iter().any(|e| e.name == name) {
                let first = out.iter().find(|e| e.name == name).and_then(|e| e.location);
                self.error(
                    &join(&path, "name"),
                    at,
                    RubricProblem::DuplicateId { id: name, first },
                );
                continue;
            }
            out.push(super::Example {
                name,
                note,
                data,
                expect,
                location: at,
            });
        }
        out
    }

    fn expectation(&mut self, node: &Node, path: &str) -> Option<super::Expectation> {
        let Node::Mapping(m) = node else {
            self.wrong_type(
                node,
                path,
                "{office, total, place, scores, points}",
                "{office, total, place, scores, points}",
            );
            return None;
        };
        self.check_keys(m, path, EXPECT_KEYS);
        let office = self.req_string(m, path, "office");
        let total = m
            .get_node("total")
            .and_then(|n| self.decimal_of(n, &join(path, "total")))
            .map(|(d, _)| d);
        let place = m
            .get_node("place")
            .and_then(|n| self.whole_number(n, &join(path, "place"), 1, u32::MAX));
        let mut leaf_values = |key: &str| -> Vec<(String, Decimal)> {
            let mut out = Vec::new();
            match m.get_node(key) {
                None => {}
                Some(Node::Mapping(lm)) => {
                    for (k, v) in lm.iter() {
                        let id = k.as_str().trim().to_string();
                        let kp = format!("{}.{id}", join(path, key));
                        let is_leaf = self.indicators.iter().any(|i| i.id == id && i.is_leaf());
                        if !is_leaf {
                            let leaves: Vec<String> = self
                                .indicators
                                .iter()
                                .filter(|i| i.is_leaf())
                                .map(|i| i.id.clone())
                                .collect();
                            self.error(
                                &kp,
                                location(k.span()),
                                RubricProblem::UnknownKey {
                                    key: id.clone(),
                                    suggestion: closest(&id, leaves.iter().map(String::as_str)),
                                },
                            );
                            continue;
                        }
                        if let Some((d, _)) = self.decimal_of(v, &kp) {
                            out.push((id, d));
                        }
                    }
                }
                Some(other) => self.wrong_type(
                    other,
                    &join(path, key),
                    "{leaf id: value}",
                    "{末级指标: 数值}",
                ),
            }
            out
        };
        let scores = leaf_values("scores");
        let points = leaf_values("points");
        Some(super::Expectation {
            office: office?,
            total,
            place,
            scores,
            points,
            location: location(m.span()),
        })
    }

    fn calendar_overrides(&mut self, map: &MarkedMappingNode) -> Vec<super::CalendarOverride> {
        let mut out: Vec<super::CalendarOverride> = Vec::new();
        let Some(node) = map.get_node("calendar_overrides") else {
            return out;
        };
        let Node::Sequence(seq) = node else {
            self.wrong_type(
                node,
                "calendar_overrides",
                "a list of {date, off, name}",
                "{date, off, name} 列表",
            );
            return out;
        };
        for (i, item) in seq.iter().enumerate() {
            let path = format!("calendar_overrides[{i}]");
            let Node::Mapping(m) = item else {
                self.wrong_type(item, &path, "{date, off, name}", "{date, off, name}");
                continue;
            };
            self.check_keys(m, &path, OVERRIDE_KEYS);
            let date = match self.req_scalar(m, &path, "date") {
                Some(s) => {
                    let text = s.as_str().trim();
                    match crate::calendar::parse_date(text) {
                        Some(d) => Some((d, location(s.span()))),
                        None => {
                            self.error(
                                &join(&path, "date"),
                                location(s.span()),
                                RubricProblem::NotADate {
                                    text: text.to_string(),
                                },
                            );
                            None
                        }
                    }
                }
                None => None,
            };
            let off = self
                .choice(m, &path, "off", &["true", "false"], |s| match s {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                })
                .unwrap_or(true);
            let name = self.req_string(m, &path, "name");
            if let (Some((date, at)), Some(name)) = (date, name) {
                if let Some(first) = out.iter().find(|o| o.date == date) {
                    let first = first.location;
                    self.error(
                        &join(&path, "date"),
                        at,
                        RubricProblem::DuplicateId {
                            id: date.to_string(),
                            first,
                        },
                    );
                    continue;
                }
                out.push(super::CalendarOverride {
                    date,
                    off,
                    name,
                    location: at,
                });
            }
        }
        out
    }

    fn inputs(&mut self, map: &MarkedMappingNode) -> Vec<Input> {
        let mut inputs = Vec::new();
        let Some(node) = map.get_node("inputs") else {
            self.missing(map, "", "inputs");
            return inputs;
        };
        let Node::Sequence(seq) = node else {
            self.wrong_type(node, "inputs", "a list of inputs", "输入项列表");
            return inputs;
        };
        for (i, item) in seq.iter().enumerate() {
            let path = format!("inputs[{i}]");
            let Node::Mapping(m) = item else {
                self.wrong_type(
                    item,
                    &path,
                    "an input (id, label, kind)",
                    "输入项（id、label、kind）",
                );
                continue;
            };
            self.check_keys(m, &path, INPUT_KEYS);
            let id = self.id(m, &path);
            let label = self.req_text(m, &path, "label");
            let kind = if m.get_node("kind").is_some() {
                self.choice(
                    m,
                    &path,
                    "kind",
                    &["count", "amount", "flag"],
                    InputKind::parse,
                )
            } else {
                self.missing(m, &path, "kind");
                None
            };
            let help = self.opt_text(m, &path, "help");
            let (Some((id, at)), Some(label), Some(kind)) = (id, label, kind) else {
                continue;
            };
            if let Some(first) = self.inputs.get(&id) {
                let first = inputs.get(first.index).and_then(|i: &Input| i.location);
                self.error(
                    &join(&path, "id"),
                    at,
                    RubricProblem::DuplicateId { id, first },
                );
                continue;
            }
            self.inputs.insert(
                id.clone(),
                DeclaredInput {
                    index: inputs.len(),
                    kind,
                    used: false,
                },
            );
            self.input_ids.push(id.clone());
            inputs.push(Input {
                id,
                label,
                kind,
                help,
                location: at,
            });
        }
        inputs
    }

    fn indicators(&mut self, map: &MarkedMappingNode) -> (Vec<usize>, Option<Location>) {
        let Some(node) = map.get_node("indicators") else {
            self.missing(map, "", "indicators");
            return (Vec::new(), None);
        };
        let at = map
            .keys()
            .find(|k| k.as_str() == "indicators")
            .and_then(|k| location(k.span()));
        let Node::Sequence(seq) = node else {
            self.wrong_type(node, "indicators", "a list of indicators", "指标列表");
            return (Vec::new(), at);
        };
        if seq.is_empty() {
            self.error(
                "indicators",
                location(node.span()),
                RubricProblem::EmptyTree,
            );
            return (Vec::new(), at);
        }
        let mut roots = Vec::new();
        for (i, item) in seq.iter().enumerate() {
            if let Some(index) = self.indicator(item, &format!("indicators[{i}]"), None, 0) {
                roots.push(index);
            }
        }
        (roots, at)
    }

    fn indicator(
        &mut self,
        node: &Node,
        path: &str,
        parent: Option<usize>,
        depth: usize,
    ) -> Option<usize> {
        let Node::Mapping(m) = node else {
            self.wrong_type(
                node,
                path,
                "an indicator (id, name, weight…)",
                "指标（id、name、weight…）",
            );
            return None;
        };
        let method_name = m
            .get_scalar("method")
            .map(|s| s.as_str().trim().to_string());
        let has_children = m.get_node("children").is_some();
        // Key check: method parameters belong to their method only.
        for key in m.keys() {
            let k = key.as_str();
            if INDICATOR_KEYS.contains(&k) {
                continue;
            }
            let belongs = [
                ("rank", RANK_KEYS),
                ("answer_rate", ANSWER_RATE_KEYS),
                ("on_time", ON_TIME_KEYS),
                ("direct", DIRECT_KEYS),
            ]
            .iter()
            .any(|(_, keys)| keys.contains(&k));
            let own = match method_name.as_deref() {
                Some("rank") => RANK_KEYS.contains(&k),
                Some("answer_rate") => ANSWER_RATE_KEYS.contains(&k),
                Some("on_time") => ON_TIME_KEYS.contains(&k),
                Some("direct") => DIRECT_KEYS.contains(&k),
                // An unknown method is reported on `method`; don't pile on.
                Some(_) => true,
                None => false,
            };
            if own {
                continue;
            }
            let at = location(key.span());
            let kp = join(path, k);
            if belongs {
                let method = method_name.clone().unwrap_or_else(|| "group".into());
                self.error(
                    &kp,
                    at,
                    RubricProblem::ParameterNotForMethod {
                        key: k.to_string(),
                        method,
                    },
                );
            } else {
                let all = INDICATOR_KEYS
                    .iter()
                    .chain(RANK_KEYS)
                    .chain(ANSWER_RATE_KEYS)
                    .chain(ON_TIME_KEYS)
                    .copied();
                self.error(
                    &kp,
                    at,
                    RubricProblem::UnknownKey {
                        key: k.to_string(),
                        suggestion: closest(k, all),
                    },
                );
            }
        }

        let id = self.id(m, path);
        let name = self.req_text(m, path, "name");
        let note = self.opt_text(m, path, "note");
        let (weight, weight_at) = match m.get_node("weight") {
            Some(n) => {
                let p = join(path, "weight");
                match self.decimal_of(n, &p) {
                    Some((w, at)) if w > Decimal::ZERO => (Some(w), at),
                    Some((w, at)) => {
                        self.error(
                            &p,
                            at,
                            RubricProblem::OutOfRange {
                                value: plain(w),
                                allowed: "greater than 0".into(),
                                allowed_zh: "大于 0".into(),
                            },
                        );
                        (None, at)
                    }
                    None => (None, None),
                }
            }
            None => {
                self.missing(m, path, "weight");
                (None, None)
            }
        };

        let id_text = id.as_ref().map(|(i, _)| i.clone()).unwrap_or_default();
        if let Some((ref ident, at)) = id {
            if let Some(first) = self.indicator_ids.get(ident) {
                let first = *first;
                self.error(
                    &join(path, "id"),
                    at,
                    RubricProblem::DuplicateId {
                        id: ident.clone(),
                        first,
                    },
                );
            } else {
                self.indicator_ids.insert(ident.clone(), at);
            }
        }

        if has_children && method_name.is_some() {
            self.error(
                path,
                location(m.span()),
                RubricProblem::GroupOrLeaf {
                    id: id_text.clone(),
                    both: true,
                },
            );
            return None;
        }
        if !has_children && m.get_node("method").is_none() {
            self.error(
                path,
                location(m.span()),
                RubricProblem::GroupOrLeaf {
                    id: id_text,
                    both: false,
                },
            );
            return None;
        }

        // Reserve this node's place so that parents precede children.
        let index = self.indicators.len();
        self.indicators.push(Indicator {
            id: id_text.clone(),
            name: name.clone().unwrap_or_default(),
            weight: weight.unwrap_or_default(),
            note,
            parent,
            depth,
            kind: IndicatorKind::Group {
                children: Vec::new(),
                slot: 0,
            },
            location: id.as_ref().and_then(|(_, at)| *at).or(location(m.span())),
        });
        self.bad_weight.push(weight.is_none());

        let kind = if has_children {
            // Groups are numbered in document order, parents first.
            let slot = self.groups.len();
            self.groups.push(index);
            let children_node = m.get_node("children").expect("checked above");
            let cp = join(path, "children");
            let mut children = Vec::new();
            match children_node {
                Node::Sequence(seq) if !seq.is_empty() => {
                    for (i, child) in seq.iter().enumerate() {
                        if let Some(c) =
                            self.indicator(child, &format!("{cp}[{i}]"), Some(index), depth + 1)
                        {
                            children.push(c);
                        }
                    }
                }
                Node::Sequence(_) => {
                    self.error(
                        &cp,
                        location(children_node.span()),
                        RubricProblem::EmptyGroup {
                            id: id_text.clone(),
                        },
                    );
                }
                other => self.wrong_type(other, &cp, "a list of indicators", "指标列表"),
            }
            // Weights of children add up to the group's.
            if let Some(w) = weight {
                let sum: Decimal = children.iter().map(|&c| self.indicators[c].weight).sum();
                let complete = children.len() == count_items(children_node)
                    && children.iter().all(|&c| !self.bad_weight[c]);
                if complete && !children.is_empty() && sum != w {
                    self.error(
                        &join(path, "weight"),
                        weight_at,
                        RubricProblem::WeightMismatch {
                            id: id_text.clone(),
                            weight: plain(w),
                            sum: plain(sum),
                        },
                    );
                }
            }
            IndicatorKind::Group { children, slot }
        } else {
            let method = self.method(m, path, method_name.as_deref());
            let slot = self.leaves.len();
            self.leaves.push(index);
            match method {
                Some(method) => IndicatorKind::Leaf { method, slot },
                None => IndicatorKind::Leaf {
                    // Placeholder; the rubric is rejected anyway.
                    method: Method::Direct(Direct {
                        input: InputRef {
                            id: String::new(),
                            index: 0,
                        },
                    }),
                    slot,
                },
            }
        };
        self.indicators[index].kind = kind;
        Some(index)
    }

    fn method(&mut self, m: &MarkedMappingNode, path: &str, name: Option<&str>) -> Option<Method> {
        let mp = join(path, "method");
        let name_node = m.get_node("method")?;
        let Some(name) = name else {
            self.wrong_type(name_node, &mp, "a method name", "方法名");
            return None;
        };
        match name {
            "rank" => self.rank(m, path).map(Method::Rank),
            "answer_rate" => self.answer_rate(m, path).map(Method::AnswerRate),
            "on_time" => {
                let input = self.req_input(m, path, "input", &[InputKind::Flag]);
                let full = self.opt_decimal(
                    m,
                    path,
                    "full",
                    Decimal::ONE_HUNDRED,
                    Some((Decimal::ZERO, false)),
                    Some(Decimal::ONE_HUNDRED),
                );
                Some(Method::OnTime(OnTime {
                    input: input?,
                    full,
                }))
            }
            "direct" => {
                let input = self.req_input(m, path, "input", &[InputKind::Amount]);
                Some(Method::Direct(Direct { input: input? }))
            }
            other => {
                self.error(
                    &mp,
                    location(name_node.span()),
                    RubricProblem::UnknownChoice {
                        value: other.to_string(),
                        choices: METHODS.to_vec(),
                    },
                );
                self.mark_mentioned_inputs(m);
                None
            }
        }
    }

    /// Marks inputs named in any method parameter as used, without
    /// checking them: when the method itself is unknown, its inputs should
    /// not also be reported as unused.
    fn mark_mentioned_inputs(&mut self, m: &MarkedMappingNode) {
        let mut names: Vec<String> = Vec::new();
        for key in ["input", "asked", "answered", "late", "tally"] {
            match m.get_node(key) {
                Some(Node::Scalar(s)) => names.push(s.as_str().trim().to_string()),
                Some(Node::Mapping(t)) => {
                    names.extend(t.keys().map(|k| k.as_str().trim().to_string()))
                }
                _ => {}
            }
        }
        for name in names {
            if let Some(d) = self.inputs.get_mut(&name) {
                d.used = true;
            }
        }
    }

    fn rank(&mut self, m: &MarkedMappingNode, path: &str) -> Option<Rank> {
        let tp = join(path, "tally");
        let kinds = [InputKind::Count, InputKind::Amount];
        let mut tally = Vec::new();
        let mut ok = true;
        match m.get_node("tally") {
            None => {
                self.missing(m, path, "tally");
                ok = false;
            }
            // Shorthand: `tally: decision_drafts` counts one input once.
            Some(Node::Scalar(s)) if !is_null(s) => {
                let id = s.as_str().trim().to_string();
                match self.resolve_input(&id, location(s.span()), &tp, &kinds) {
                    Some(input) => tally.push(Term {
                        input,
                        coefficient: Decimal::ONE,
                    }),
                    None => ok = false,
                }
            }
            Some(Node::Mapping(tm)) => {
                if tm.is_empty() {
                    self.error(&tp, location(tm.span()), RubricProblem::EmptyTally);
                    ok = false;
                }
                for (key, value) in tm.iter() {
                    let id = key.as_str().trim().to_string();
                    let kp = join(&tp, &id);
                    let input = self.resolve_input(&id, location(key.span()), &kp, &kinds);
                    let coefficient = self.decimal_of(value, &kp);
                    match (input, coefficient) {
                        (Some(input), Some((c, at))) => {
                            if c.abs() > MAX_COEFFICIENT {
                                self.error(
                                    &kp,
                                    at,
                                    RubricProblem::OutOfRange {
                                        value: plain(c),
                                        allowed: format!(
                                            "from -{0} to {0}",
                                            plain(MAX_COEFFICIENT)
                                        ),
                                        allowed_zh: format!(
                                            "-{0} 到 {0} 之间",
                                            plain(MAX_COEFFICIENT)
                                        ),
                                    },
                                );
                                ok = false;
                            } else if c.is_zero() {
                                self.error(&kp, at, RubricProblem::ZeroCoefficient { id });
                                ok = false;
                            } else {
                                tally.push(Term {
                                    input,
                                    coefficient: c,
                                });
                            }
                        }
                        _ => ok = false,
                    }
                }
            }
            Some(other) => {
                self.wrong_type(
                    other,
                    &tp,
                    "an input id, or {input: points per unit, …}",
                    "输入项标识，或 {输入项: 每项分值, …}",
                );
                ok = false;
            }
        }
        let first = self.opt_decimal(
            m,
            path,
            "first",
            Rank::DEFAULT_FIRST,
            Some((Decimal::ZERO, false)),
            Some(Decimal::ONE_HUNDRED),
        );
        let step = self.opt_decimal(
            m,
            path,
            "step",
            Rank::DEFAULT_STEP,
            Some((Decimal::ZERO, true)),
            Some(Decimal::ONE_HUNDRED),
        );
        let floor = self.opt_decimal(
            m,
            path,
            "floor",
            Rank::DEFAULT_FLOOR,
            Some((Decimal::ZERO, true)),
            Some(first),
        );
        let ties = self
            .choice(m, path, "ties", &["competition", "dense"], Ties::parse)
            .unwrap_or_default();
        let unit = self.opt_text(m, path, "unit");
        ok.then_some(Rank {
            tally,
            first,
            step,
            floor,
            ties,
            unit,
        })
    }

    fn answer_rate(&mut self, m: &MarkedMappingNode, path: &str) -> Option<AnswerRate> {
        let count = [InputKind::Count];
        let asked = self.req_input(m, path, "asked", &count);
        let answered = self.req_input(m, path, "answered", &count);
        let late = self.req_input(m, path, "late", &count);
        let penalty = self.opt_decimal(
            m,
            path,
            "penalty",
            AnswerRate::DEFAULT_PENALTY,
            Some((Decimal::ZERO, true)),
            Some(Decimal::ONE_HUNDRED),
        );
        let deadline = match m.get_node("deadline") {
            None => None,
            Some(Node::Mapping(dm)) => {
                let dp = join(path, "deadline");
                self.check_keys(dm, &dp, DEADLINE_KEYS);
                let days = match dm.get_node("working_days") {
                    Some(n) => self.whole_number(n, &join(&dp, "working_days"), 1, 365),
                    None => {
                        self.missing(dm, &dp, "working_days");
                        None
                    }
                };
                let ext = dm.get_node("max_extension_working_days").and_then(|n| {
                    self.whole_number(n, &join(&dp, "max_extension_working_days"), 0, 365)
                });
                days.map(|working_days| Deadline {
                    working_days,
                    max_extension_working_days: ext,
                })
            }
            Some(other) => {
                self.wrong_type(
                    other,
                    &join(path, "deadline"),
                    "{working_days: N}",
                    "{working_days: 工作日数}",
                );
                None
            }
        };
        let mut item_kinds = Vec::new();
        match m.get_node("item_kinds") {
            None => {}
            Some(Node::Sequence(seq)) => {
                for (i, k) in seq.iter().enumerate() {
                    let p = format!("{}[{i}]", join(path, "item_kinds"));
                    if let Some(s) = self.scalar(k, &p) {
                        let kind = s.as_str().trim().to_string();
                        match self.item_kinds.get(&kind.to_lowercase()) {
                            Some(first) => {
                                let first = *first;
                                self.error(
                                    &p,
                                    location(s.span()),
                                    RubricProblem::DuplicateId { id: kind, first },
                                );
                            }
                            None => {
                                self.item_kinds
                                    .insert(kind.to_lowercase(), location(s.span()));
                                item_kinds.push(kind);
                            }
                        }
                    }
                }
            }
            Some(other) => self.wrong_type(
                other,
                &join(path, "item_kinds"),
                "a list of names ([consultation, 咨询])",
                "名称列表（[consultation, 咨询]）",
            ),
        }
        let (asked, answered, late) = (asked?, answered?, late?);
        for (a, b) in [(&asked, &answered), (&asked, &late), (&answered, &late)] {
            if a.id == b.id {
                self.error(
                    path,
                    location(m.span()),
                    RubricProblem::RepeatedInput { id: a.id.clone() },
                );
                return None;
            }
        }
        Some(AnswerRate {
            asked,
            answered,
            late,
            penalty,
            deadline,
            item_kinds,
        })
    }

    fn adjustments(&mut self, map: &MarkedMappingNode, total: Decimal) -> Vec<Adjustment> {
        let mut out: Vec<Adjustment> = Vec::new();
        let Some(node) = map.get_node("adjustments") else {
            return out;
        };
        let Node::Sequence(seq) = node else {
            self.wrong_type(node, "adjustments", "a list of adjustments", "加减分项列表");
            return out;
        };
        for (i, item) in seq.iter().enumerate() {
            let path = format!("adjustments[{i}]");
            let Node::Mapping(m) = item else {
                self.wrong_type(item, &path, "an adjustment", "加减分项");
                continue;
            };
            self.check_keys(m, &path, ADJUSTMENT_KEYS);
            let id = self.id(m, &path);
            let name = self.req_text(m, &path, "name");
            let kind = if m.get_node("kind").is_some() {
                self.choice(m, &path, "kind", &["bonus", "penalty"], |s| match s {
                    "bonus" => Some(AdjustmentKind::Bonus),
                    "penalty" => Some(AdjustmentKind::Penalty),
                    _ => None,
                })
            } else {
                self.missing(m, &path, "kind");
                None
            };
            let input = self.req_input(m, &path, "input", &[InputKind::Count, InputKind::Amount]);
            let points = self.opt_decimal(
                m,
                &path,
                "points",
                Decimal::ONE,
                Some((Decimal::ZERO, false)),
                Some(MAX_COEFFICIENT),
            );
            let cap = if m.get_node("cap").is_some() {
                Some(self.opt_decimal(
                    m,
                    &path,
                    "cap",
                    Decimal::ZERO,
                    Some((Decimal::ZERO, false)),
                    Some(total),
                ))
            } else {
                self.missing(m, &path, "cap");
                None
            };
            let note = self.opt_text(m, &path, "note");
            let (Some((id, at)), Some(name), Some(kind), Some(input), Some(cap)) =
                (id, name, kind, input, cap)
            else {
                continue;
            };
            if let Some(first) = out.iter().find(|a| a.id == id) {
                let first = first.location;
                self.error(
                    &join(&path, "id"),
                    at,
                    RubricProblem::DuplicateId { id, first },
                );
                continue;
            }
            out.push(Adjustment {
                id,
                name,
                kind,
                input,
                points,
                cap,
                note,
                location: at,
            });
        }
        out
    }
}

fn count_items_of(map: &MarkedMappingNode, key: &str) -> usize {
    map.get_node(key).map(count_items).unwrap_or(0)
}

fn count_items(node: &Node) -> usize {
    match node {
        Node::Sequence(s) => s.len(),
        _ => 0,
    }
}

fn is_null(s: &MarkedScalarNode) -> bool {
    let t = s.as_str().trim();
    s.may_coerce() && (t.is_empty() || t == "~" || t == "null")
}

fn describe_range(min: Option<(Decimal, bool)>, max: Option<Decimal>) -> (String, String) {
    match (min, max) {
        (Some((lo, true)), Some(hi)) => (
            format!("from {} to {}", plain(lo), plain(hi)),
            format!("{} 到 {} 之间", plain(lo), plain(hi)),
        ),
        (Some((lo, false)), Some(hi)) => (
            format!("greater than {} and at most {}", plain(lo), plain(hi)),
            format!("大于 {} 且不超过 {}", plain(lo), plain(hi)),
        ),
        (Some((lo, true)), None) => (
            format!("{} or more", plain(lo)),
            format!("不小于 {}", plain(lo)),
        ),
        (Some((lo, false)), None) => (
            format!("greater than {}", plain(lo)),
            format!("大于 {}", plain(lo)),
        ),
        (None, Some(hi)) => (
            format!("at most {}", plain(hi)),
            format!("不超过 {}", plain(hi)),
        ),
        (None, None) => (String::new(), String::new()),
    }
}

fn load_error(e: LoadError) -> (Option<Location>, RubricProblem) {
    let mark = |m: &marked_yaml::Marker| {
        Some(Location {
            line: m.line() as u32,
            column: m.column() as u32,
        })
    };
    match e {
        LoadError::TopLevelMustBeMapping(m) => (
            mark(&m),
            RubricProblem::WrongType {
                expected: "a mapping (id: …, title: …, inputs: …, indicators: …)",
                expected_zh: "映射（id: …、title: …、inputs: …、indicators: …）",
            },
        ),
        LoadError::TopLevelMustBeSequence(m) => (
            mark(&m),
            RubricProblem::WrongType {
                expected: "a list",
                expected_zh: "列表",
            },
        ),
        LoadError::UnexpectedAnchor(m) => (
            mark(&m),
            RubricProblem::Syntax {
                detail: "anchors and aliases (& and *) are not supported".into(),
            },
        ),
        LoadError::MappingKeyMustBeScalar(m) => (
            mark(&m),
            RubricProblem::Syntax {
                detail: "a mapping key must be a plain value".into(),
            },
        ),
        LoadError::UnexpectedTag(m) => (
            mark(&m),
            RubricProblem::Syntax {
                detail: "tags (!tag) are not supported".into(),
            },
        ),
        LoadError::ScanError(m, e) => (
            mark(&m),
            RubricProblem::Syntax {
                detail: e.info().to_string(),
            },
        ),
        LoadError::DuplicateKey(inner) => (
            location(inner.key.span()),
            RubricProblem::DuplicateKey {
                key: inner.key.as_str().to_string(),
                first: location(inner.prev_key.span()),
            },
        ),
        #[allow(unreachable_patterns)]
        other => (
            None,
            RubricProblem::Syntax {
                detail: other.to_string(),
            },
        ),
    }
}
