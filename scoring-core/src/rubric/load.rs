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

use super::NaRule;
use super::{
    Indicator, IndicatorKind, Input, InputKind, Location, Rubric, RubricError, RubricErrors,
    RubricProblem,
};
use crate::ix::{GroupIx, IndicatorIx, LeafIx};
use crate::lang::Text;
use crate::method::{Direct, Entry, InputRef, Method, REGISTRY};
use crate::num::{Rounding, parse_decimal, plain};
use crate::spec::{Bound, Kind, Param, Shape, range_words, within};
use crate::suggest::closest;

const DEFAULT_TOTAL: Decimal = Decimal::ONE_HUNDRED;

/// The top level of a rubric file.
pub(crate) const TOP: Shape = Shape {
    name: "rubric",
    params: &[
        Param::required("id", Kind::RubricId, "stable id of the rubric"),
        Param::required("title", Kind::Text, "title"),
        Param::required(
            "version",
            Kind::Scalar,
            "version, as written (quote it: `\"2017-10-20\"`)",
        ),
        Param::required("source", Kind::Scalar, "the document the rubric comes from"),
        Param::optional("description", Kind::Text, "what the rubric is for"),
        Param::optional(
            "total",
            Kind::Decimal {
                min: Bound::Exclusive(Decimal::ZERO),
                max: Bound::Inclusive(super::MAX_TOTAL),
                default: Some(DEFAULT_TOTAL),
                also: None,
            },
            "what the top-level weights add up to",
        ),
        Param::optional(
            "precision",
            Kind::Whole {
                min: 0,
                max: 10,
                default: Some(Rubric::DEFAULT_PRECISION),
            },
            "decimal places of published figures",
        ),
        Param::optional(
            "rounding",
            Kind::Choice {
                choices: &["half_away_from_zero", "half_even"],
                default: Some("half_away_from_zero"),
            },
            "how published figures are rounded",
        ),
        Param::required("inputs", Kind::List(&INPUT), "what each office reports"),
        Param::optional(
            "text_columns",
            Kind::List(&TEXT_COLUMN),
            "columns of text a data file may hold beside the inputs, not scored",
        ),
        Param::required(
            "indicators",
            Kind::Indicators,
            "the tree of weighted indicators",
        ),
        Param::optional(
            "adjustments",
            Kind::List(&crate::adjustment::SHAPE),
            "rubric-level bonuses and penalties (加分/扣分)",
        ),
        Param::optional(
            "not_applicable",
            Kind::Choice {
                choices: &["rescale", "redistribute"],
                default: None,
            },
            "how offices are scored on leaves that do not apply to them (`may_be_na`): `rescale` to the rubric's total, or `redistribute` within the group",
        ),
        Param::optional(
            "sources",
            Kind::List(&crate::compose::SHAPE),
            "inputs filled with another rubric's published totals, by office (one assessment inside another)",
        ),
        Param::optional(
            "bonus_pools",
            Kind::List(&crate::adjustment::POOL_SHAPE),
            "bonuses that together add at most a cap, behind a gate if the rubric sets one (加分项累计不超过N分)",
        ),
        Param::optional(
            "total_floor",
            Kind::Decimal {
                min: Bound::Inclusive(Decimal::from_parts(1_000_000, 0, 0, true, 0)),
                max: Bound::Inclusive(Decimal::ZERO),
                default: Some(Decimal::ZERO),
                also: Some("at least −`total`; required when a penalty has `cap: none`"),
            },
            "the lowest a total can be after adjustments (0 unless stated)",
        ),
        Param::optional(
            "grades",
            Kind::List(&crate::grading::BAND),
            "grade bands on the published total, highest first, each from its `at_least` (inclusive), the last at 0",
        ),
        Param::optional(
            "vetoes",
            Kind::List(&crate::grading::VETO),
            "events that decide the grade whatever the points (一票否决)",
        ),
        Param::optional(
            "top_share",
            Kind::Mapping(&crate::grading::TOP_SHARE),
            "a share of the offices named by place (前四分之一为先进)",
        ),
        Param::optional(
            "categories",
            Kind::List(&crate::category::SHAPE),
            "categories of units (A类/B类), each scored on its own top-level indicators out of its own total, places counted within it",
        ),
        crate::category::COLUMN_PARAM,
        Param::optional(
            "calendar_overrides",
            Kind::List(&OVERRIDE),
            "the department's own days off and extra working days",
        ),
        Param::optional(
            "examples",
            Kind::List(&EXAMPLE),
            "datasets with the results they must score to",
        ),
    ],
    one_of: &[],
};

/// An input.
pub(crate) const INPUT: Shape = Shape {
    name: "inputs",
    params: &[
        Param::required("id", Kind::Id, "stable id, also the CSV header"),
        Param::required(
            "label",
            Kind::Text,
            "the column label (the Chinese one is also accepted as a CSV header)",
        ),
        Param::required(
            "kind",
            Kind::Choice {
                choices: &["count", "amount", "flag", "choice"],
                default: None,
            },
            "what kind of value it holds",
        ),
        Param::optional("help", Kind::Text, "help for whoever fills it in"),
        Param::optional(
            "choices",
            Kind::Texts,
            "a `choice` input's values, in order (`[优, 良, 一般, 差]`, or `{zh: 是, en: yes}` each); required for `choice`, refused for other kinds",
        ),
    ],
    one_of: &[],
};

/// A text column.
pub(crate) const TEXT_COLUMN: Shape = Shape {
    name: "text columns",
    params: &[
        Param::required("id", Kind::Id, "stable id, also accepted as the CSV header"),
        Param::required(
            "label",
            Kind::Text,
            "the column label (the Chinese one is also accepted as a CSV header)",
        ),
        Param::optional("help", Kind::Text, "help for whoever fills it in"),
    ],
    one_of: &[],
};

/// An indicator's own keys (a leaf also has its method's).
pub(crate) const INDICATOR: Shape = Shape {
    name: "indicators",
    params: &[
        Param::required("id", Kind::Id, "stable id"),
        Param::required("name", Kind::Text, "name"),
        Param::required(
            "weight",
            Kind::Decimal {
                min: Bound::Exclusive(Decimal::ZERO),
                max: Bound::Open,
                default: None,
                also: None,
            },
            "share of the rubric total, in points",
        ),
        Param::optional(
            "note",
            Kind::Text,
            "the rubric author's note: the source row, an interpretation",
        ),
        Param::optional("children", Kind::Indicators, "a group's indicators"),
        Param::optional(
            "method",
            Kind::Scalar,
            "a leaf's scoring method, one of those below",
        ),
        Param::optional(
            "subtotal_floor",
            Kind::Decimal {
                min: Bound::Inclusive(Decimal::ZERO),
                max: Bound::Open,
                default: None,
                also: Some("at most the group's `weight`"),
            },
            "a group's lowest subtotal: deductions below it are not taken (一级指标减分上限为自身权重: `subtotal_floor: 0`); needed above a leaf whose deductions may `overdraw`",
        ),
        Param::optional(
            "may_be_na",
            Kind::Bool {
                default: Some(false),
            },
            "a leaf an office may have not applicable (its inputs then hold N/A, 不适用), scored as the rubric's `not_applicable` says",
        ),
        Param::optional(
            "zero_if",
            Kind::Input(&[InputKind::Flag]),
            "a leaf scores 0 when this flag is set, whatever its method gives (发生…的不得分)",
        ),
    ],
    one_of: &["children", "method"],
};

/// A calendar override.
pub(crate) const OVERRIDE: Shape = Shape {
    name: "calendar overrides",
    params: &[
        Param::required("date", Kind::Date, "the date"),
        Param::optional(
            "off",
            Kind::Bool {
                default: Some(true),
            },
            "a day off (`true`) or an extra working day (`false`)",
        ),
        Param::required("name", Kind::Scalar, "why"),
    ],
    one_of: &[],
};

/// An example carried by a rubric.
pub(crate) const EXAMPLE: Shape = Shape {
    name: "examples",
    params: &[
        Param::required("name", Kind::Scalar, "its name"),
        Param::optional("note", Kind::Text, "what it shows"),
        Param::optional("data", Kind::Block, "CSV text, written in the rubric"),
        Param::optional(
            "file",
            Kind::Scalar,
            "a CSV or XLSX file, relative to the rubric file",
        ),
        Param::required("expect", Kind::List(&EXPECT), "what each office must score"),
    ],
    one_of: &["data", "file"],
};

/// What an example expects of one office.
pub(crate) const EXPECT: Shape = Shape {
    name: "expected offices",
    params: &[
        Param::required("office", Kind::Scalar, "the office"),
        Param::optional(
            "total",
            Kind::Decimal {
                min: Bound::Open,
                max: Bound::Open,
                default: None,
                also: None,
            },
            "its published total",
        ),
        Param::optional(
            "place",
            Kind::Whole {
                min: 1,
                max: u32::MAX,
                default: None,
            },
            "its overall place",
        ),
        Param::optional(
            "scores",
            Kind::LeafNumbers,
            "leaf scores (0–100) as published",
        ),
        Param::optional("points", Kind::LeafNumbers, "leaf points as published"),
        Param::optional(
            "grade",
            Kind::Scalar,
            "its grade band's name (rubrics with `grades`)",
        ),
        Param::optional(
            "top_share",
            Kind::Bool { default: None },
            "whether it is in the top share (rubrics with `top_share`)",
        ),
    ],
    one_of: &[],
};

const TEXT_KEYS: &[&str] = &["zh", "en"];

/// Where a span of the YAML text starts.
pub(crate) fn location(span: &Span) -> Option<Location> {
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
    /// A `choice` input's choices.
    choices: Vec<Text>,
}

pub(crate) struct Loader<'s> {
    source: &'s str,
    errors: Vec<RubricError>,
    inputs: HashMap<String, DeclaredInput>,
    input_ids: Vec<String>,
    indicators: Vec<Indicator>,
    indicator_ids: HashMap<String, Option<Location>>,
    leaves: Vec<usize>,
    groups: Vec<usize>,
    /// Names that must be unique across the rubric, by kind (an item-log
    /// kind may name one indicator only), in lower case, with where each
    /// was first given.
    claims: HashMap<(&'static str, String), Option<Location>>,
    /// Indicators whose weight could not be read: sums that include them
    /// are not checked, so one typo is reported once.
    bad_weight: Vec<bool>,
    /// The declared text columns' ids, in order, once read.
    text_column_ids: Vec<String>,
    /// How many groups being read (the current indicator's ancestors)
    /// have a `subtotal_floor`: a leaf whose deductions overdraw needs one.
    floors_above: usize,
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
        // A byte-order mark, as some editors save UTF-8, is not a key.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
            floors_above: 0,
            text_column_ids: Vec::new(),
            claims: HashMap::new(),
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

/// The deepest a rubric file may nest (levels, as a line's indentation
/// plus the entries opened on it bound them): far past any rubric, far
/// short of what exhausts a WebAssembly stack.
const MAX_NESTING: usize = 256;

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
        crate::sorting::sort_by_key(&mut errors, |e| e.location);
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
        // The parser recurses once per level of a block collection: a file
        // thousands of levels deep (`- - - - …`) would exhaust the stack
        // (a WebAssembly page's first). A line's level is at most its
        // indentation plus the entries opened on it; no rubric comes near.
        for (n, line) in text.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let mut rest = &line[indent..];
            let mut opened = 0;
            while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) {
                opened += 1;
                rest = r.trim_start_matches(' ');
            }
            if indent + opened > MAX_NESTING {
                let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
                self.error(
                    "",
                    Some(Location { line, column: 1 }),
                    RubricProblem::TooDeep { limit: MAX_NESTING },
                );
                return None;
            }
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

    /// A decimal parameter (`Kind::Decimal`): its value within its range,
    /// or its default when absent or wrong (the error reported). `max`
    /// replaces the upper bound where it depends on another value.
    fn decimal_param(
        &mut self,
        map: &MarkedMappingNode,
        path: &str,
        param: &Param,
        max: Option<Decimal>,
    ) -> Decimal {
        let Kind::Decimal {
            min,
            max: spec_max,
            default,
            ..
        } = param.kind
        else {
            unreachable!("`{}` is declared as a decimal", param.key)
        };
        let default = default.unwrap_or_default();
        let max = max.map(Bound::Inclusive).unwrap_or(spec_max);
        let Some(node) = map.get_node(param.key) else {
            if param.required {
                self.missing(map, path, param.key);
            }
            return default;
        };
        let p = join(path, param.key);
        let Some((value, at)) = self.decimal_of(node, &p) else {
            return default;
        };
        if !within(value, min, max) {
            let (allowed, allowed_zh) = range_words(min, max);
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

    /// A whole-number parameter (`Kind::Whole`): its value, its default
    /// when absent, `None` when wrong (the error reported) or absent
    /// without a default.
    fn whole_param(&mut self, map: &MarkedMappingNode, path: &str, param: &Param) -> Option<u32> {
        let Kind::Whole { min, max, default } = param.kind else {
            unreachable!("`{}` is declared as a whole number", param.key)
        };
        match map.get_node(param.key) {
            Some(n) => self.whole_number(n, &join(path, param.key), min, max),
            None => {
                if param.required {
                    self.missing(map, path, param.key);
                }
                default
            }
        }
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

    /// A choice parameter (`Kind::Choice` or `Kind::Bool`), read by
    /// `parse`: `None` when absent (reported if required) or not one of
    /// the choices (reported).
    fn choice<T>(
        &mut self,
        map: &MarkedMappingNode,
        path: &str,
        param: &Param,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let choices: &[&'static str] = match param.kind {
            Kind::Choice { choices, .. } => choices,
            Kind::Bool { .. } => &["true", "false"],
            _ => unreachable!("`{}` is declared as a choice", param.key),
        };
        let Some(node) = map.get_node(param.key) else {
            if param.required {
                self.missing(map, path, param.key);
            }
            return None;
        };
        let p = join(path, param.key);
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

    // ----- the rubric ----------------------------------------------------

    fn rubric(&mut self, root: &Node) -> Option<Rubric> {
        let Node::Mapping(map) = root else {
            self.wrong_type(root, "", "a mapping", "映射（键: 值）");
            return None;
        };
        self.check_keys(map, "", &TOP.keys());
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
        let total = self.decimal_param(map, "", TOP.param("total"), None);
        let precision = self
            .whole_param(map, "", TOP.param("precision"))
            .unwrap_or(Rubric::DEFAULT_PRECISION);
        let rounding = self
            .choice(map, "", TOP.param("rounding"), Rounding::parse)
            .unwrap_or_default();

        let inputs = self.inputs(map);
        let text_columns = self.text_columns(map, &inputs);
        self.text_column_ids = text_columns.iter().map(|c| c.id.clone()).collect();
        let (roots, indicators_at) = self.indicators(map);
        let bonus_pools = crate::adjustment::load_pools(self, map, total);
        let adjustments = crate::adjustment::load(self, map, total, &bonus_pools);
        let total_floor = self.total_floor(map, &adjustments, total);
        let grading = crate::grading::load(self, map, total);
        let sources = crate::compose::load(self, map);
        let na_rule = self.choice(map, "", TOP.param("not_applicable"), NaRule::parse);
        let na_inputs = self.na_inputs(map, &inputs, &adjustments, na_rule);
        let calendar_overrides = self.calendar_overrides(map);
        let examples = self.examples(map);
        let root_info: Vec<(IndicatorIx, String, Decimal)> = roots
            .iter()
            .map(|&i| {
                let ind = &self.indicators[i];
                (IndicatorIx::new(i), ind.id.clone(), ind.weight)
            })
            .collect();
        let categories = crate::category::load(self, map, &root_info, total);

        // Weights add up (to each category's total, when there are
        // categories: checked there).
        let root_sum: Decimal = roots.iter().map(|&i| self.indicators[i].weight).sum();
        let complete = roots.len() == count_items_of(map, "indicators")
            && roots.iter().all(|&i| !self.bad_weight[i]);
        let categorised = map.get_node("categories").is_some();
        if complete && !categorised && !roots.is_empty() && root_sum != total {
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

        // The range of a cell alone, as the methods' row checks state it.
        let mut cell_ranges = vec![None; inputs.len()];
        for ind in &self.indicators {
            if let IndicatorKind::Leaf { method, .. } = &ind.kind {
                for check in method.behaviour().row_checks() {
                    if let crate::dataset::RowCheck::Within { input, min, max } = check
                        && let Some(slot) = cell_ranges.get_mut(input)
                        && slot.is_none()
                    {
                        *slot = Some((min, max));
                    }
                }
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
            text_columns,
            indicators: std::mem::take(&mut self.indicators),
            roots,
            leaves: std::mem::take(&mut self.leaves),
            groups: std::mem::take(&mut self.groups),
            adjustments,
            grading,
            sources,
            na_rule,
            na_inputs,
            cell_ranges,
            bonus_pools,
            total_floor,
            calendar_overrides,
            examples,
            categories,
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
            self.check_keys(m, &path, &EXAMPLE.keys());
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
        self.check_keys(m, path, &EXPECT.keys());
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
        let grade = m
            .get_node("grade")
            .and_then(|n| self.scalar(n, &join(path, "grade")))
            .map(|s| s.as_str().trim().to_string());
        let top_share = match m.get_node("top_share") {
            Some(n) => match self.scalar(n, &join(path, "top_share")) {
                Some(s) => match s.as_str().trim() {
                    "true" => Some(true),
                    "false" => Some(false),
                    other => {
                        self.error(
                            &join(path, "top_share"),
                            location(s.span()),
                            RubricProblem::UnknownChoice {
                                value: other.to_string(),
                                choices: vec!["true", "false"],
                            },
                        );
                        None
                    }
                },
                None => None,
            },
            None => None,
        };
        Some(super::Expectation {
            office: office?,
            total,
            place,
            scores,
            points,
            grade,
            top_share,
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
            self.check_keys(m, &path, &OVERRIDE.keys());
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
                .choice(m, &path, OVERRIDE.param("off"), |s| match s {
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
            self.check_keys(m, &path, &INPUT.keys());
            let id = self.id(m, &path);
            let label = self.req_text(m, &path, "label");
            let kind = self.choice(m, &path, INPUT.param("kind"), InputKind::parse);
            let help = self.opt_text(m, &path, "help");
            let choices = self.choices(m, &path, kind);
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
                    choices: choices.clone(),
                },
            );
            self.input_ids.push(id.clone());
            inputs.push(Input {
                id,
                label,
                kind,
                help,
                choices,
                location: at,
            });
        }
        inputs
    }

    /// A `choice` input's values: at least two, each named once (in
    /// either language); refused for other kinds.
    fn choices(&mut self, m: &MarkedMappingNode, path: &str, kind: Option<InputKind>) -> Vec<Text> {
        let node = m.get_node("choices");
        let p = join(path, "choices");
        match (kind, node) {
            (Some(InputKind::Choice), None) => {
                self.missing(m, path, "choices");
                Vec::new()
            }
            (Some(InputKind::Choice), Some(Node::Sequence(seq))) => {
                let mut out: Vec<Text> = Vec::new();
                for (i, item) in seq.iter().enumerate() {
                    let ip = format!("{p}[{i}]");
                    let Some(text) = self.text(item, &ip) else {
                        continue;
                    };
                    let names = |t: &Text| -> Vec<String> {
                        std::iter::once(t.zh.to_lowercase())
                            .chain(t.en.iter().map(|e| e.to_lowercase()))
                            .collect()
                    };
                    let mine = names(&text);
                    let clash = out
                        .iter()
                        .find(|c| names(c).iter().any(|n| mine.contains(n)));
                    if clash.is_some() {
                        self.error(
                            &ip,
                            location(item.span()),
                            RubricProblem::DuplicateId {
                                id: text.zh.clone(),
                                first: None,
                            },
                        );
                        continue;
                    }
                    out.push(text);
                }
                if seq.len() < 2 {
                    self.error(
                        &p,
                        location(node.expect("read above").span()),
                        RubricProblem::OutOfRange {
                            value: seq.len().to_string(),
                            allowed: "at least 2 choices".into(),
                            allowed_zh: "至少 2 个选项".into(),
                        },
                    );
                }
                out
            }
            (Some(InputKind::Choice), Some(other)) => {
                self.wrong_type(other, &p, "a list of choices", "选项列表");
                Vec::new()
            }
            (Some(kind), Some(other)) => {
                self.error(
                    &p,
                    location(other.span()),
                    RubricProblem::ChoicesNotForKind { kind: kind.name() },
                );
                Vec::new()
            }
            (_, _) => Vec::new(),
        }
    }

    fn text_columns(
        &mut self,
        map: &MarkedMappingNode,
        inputs: &[Input],
    ) -> Vec<super::TextColumn> {
        self.list(
            map,
            &TEXT_COLUMN,
            "text_columns",
            ("a list of text columns", "文本列列表"),
            ("a text column (id, label)", "文本列（id、label）"),
            |cx, read: &[super::TextColumn]| {
                let id = cx.id();
                let label = cx.text(TEXT_COLUMN.param("label"));
                let help = cx.text(TEXT_COLUMN.param("help"));
                let (Some((id, at)), Some(label)) = (id, label) else {
                    return None;
                };
                // A header names one column: ids are unique among inputs
                // and text columns alike.
                let first = inputs
                    .iter()
                    .find(|i| i.id == id)
                    .map(|i| i.location)
                    .or_else(|| read.iter().find(|c| c.id == id).map(|c| c.location));
                if let Some(first) = first {
                    let path = cx.key_path("id");
                    cx.error(&path, at, RubricProblem::DuplicateId { id, first });
                    return None;
                }
                Some(super::TextColumn {
                    id,
                    label,
                    help,
                    location: at,
                })
            },
        )
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
        let own_keys = INDICATOR.keys();
        let method_entry = method_name.as_deref().map(Entry::find);
        for key in m.keys() {
            let k = key.as_str();
            if own_keys.contains(&k) {
                continue;
            }
            let belongs = REGISTRY.iter().any(|e| e.params.iter().any(|p| p.key == k));
            let own = match method_entry {
                Some(Some(entry)) => entry.params.iter().any(|p| p.key == k),
                // An unknown method is reported on `method`; don't pile on.
                Some(None) => true,
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
                let all = own_keys
                    .iter()
                    .copied()
                    .chain(REGISTRY.iter().flat_map(|e| e.params.iter().map(|p| p.key)));
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
                let Kind::Decimal { min, max, .. } = INDICATOR.param("weight").kind else {
                    unreachable!("a weight is a decimal")
                };
                match self.decimal_of(n, &p) {
                    Some((w, at)) if within(w, min, max) => (Some(w), at),
                    Some((w, at)) => {
                        let (allowed, allowed_zh) = range_words(min, max);
                        self.error(
                            &p,
                            at,
                            RubricProblem::OutOfRange {
                                value: plain(w),
                                allowed,
                                allowed_zh,
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
            parent: parent.map(IndicatorIx::new),
            depth,
            kind: IndicatorKind::Group {
                children: Vec::new(),
                slot: GroupIx::new(0),
                floor: None,
            },
            location: id.as_ref().and_then(|(_, at)| *at).or(location(m.span())),
        });
        self.bad_weight.push(weight.is_none());

        let floor = self.floor(m, path, method_name.as_deref(), weight);
        let zero_if = self.zero_if(m, path, has_children);
        let may_be_na = self.may_be_na(m, path, has_children, method_name.as_deref());
        let kind = if has_children {
            // Groups are numbered in document order, parents first.
            let slot = GroupIx::new(self.groups.len());
            self.groups.push(index);
            let children_node = m.get_node("children").expect("checked above");
            let cp = join(path, "children");
            let mut children = Vec::new();
            match children_node {
                Node::Sequence(seq) if !seq.is_empty() => {
                    self.floors_above += usize::from(floor.is_some());
                    for (i, child) in seq.iter().enumerate() {
                        if let Some(c) =
                            self.indicator(child, &format!("{cp}[{i}]"), Some(index), depth + 1)
                        {
                            children.push(IndicatorIx::new(c));
                        }
                    }
                    self.floors_above -= usize::from(floor.is_some());
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
                let sum: Decimal = children
                    .iter()
                    .map(|&c| self.indicators[c.index()].weight)
                    .sum();
                let complete = children.len() == count_items(children_node)
                    && children.iter().all(|&c| !self.bad_weight[c.index()]);
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
            IndicatorKind::Group {
                children,
                slot,
                floor,
            }
        } else {
            let method = self.method(m, path, method_name.as_deref(), weight);
            let slot = LeafIx::new(self.leaves.len());
            self.leaves.push(index);
            if let Some(method) = &method
                && method.behaviour().overdraws()
                && self.floors_above == 0
            {
                let at = m.get_node("beyond").map(|n| location(n.span()));
                self.error(
                    &join(path, "beyond"),
                    at.flatten().or(location(m.span())),
                    RubricProblem::OverdrawWithoutFloor {
                        id: id_text.clone(),
                    },
                );
            }
            match method {
                Some(method) => IndicatorKind::Leaf {
                    method,
                    slot,
                    zero_if,
                    may_be_na,
                },
                None => IndicatorKind::Leaf {
                    // Placeholder; the rubric is rejected anyway.
                    method: Method::Direct(Direct {
                        input: InputRef {
                            id: String::new(),
                            index: 0,
                        },
                    }),
                    slot,
                    zero_if: None,
                    may_be_na: false,
                },
            }
        };
        self.indicators[index].kind = kind;
        Some(index)
    }

    /// A group's `subtotal_floor`: at least 0 and at most its weight; refused on a
    /// leaf.
    fn floor(
        &mut self,
        m: &MarkedMappingNode,
        path: &str,
        method: Option<&str>,
        weight: Option<Decimal>,
    ) -> Option<Decimal> {
        let node = m.get_node("subtotal_floor")?;
        let p = join(path, "subtotal_floor");
        if let Some(method) = method {
            self.error(
                &p,
                location(node.span()),
                RubricProblem::ParameterNotForMethod {
                    key: "subtotal_floor".into(),
                    method: method.to_string(),
                },
            );
            return None;
        }
        let (value, at) = self.decimal_of(node, &p)?;
        let max = weight.unwrap_or(Decimal::MAX);
        if value < Decimal::ZERO || value > max {
            self.error(
                &p,
                at,
                RubricProblem::OutOfRange {
                    value: plain(value),
                    allowed: format!("from 0 to the group's weight, {}", plain(max)),
                    allowed_zh: format!("0 到本组分值 {} 之间", plain(max)),
                },
            );
            return None;
        }
        Some(value)
    }

    /// Which inputs may hold `N/A`: those read by a leaf that may be not
    /// applicable, and by nothing else (another reader would take the N/A
    /// for a number). A leaf that may be not applicable needs the rubric's
    /// `not_applicable`.
    fn na_inputs(
        &mut self,
        map: &MarkedMappingNode,
        inputs: &[Input],
        adjustments: &[crate::adjustment::Adjustment],
        rule: Option<NaRule>,
    ) -> Vec<bool> {
        let mut na = vec![false; inputs.len()];
        let mut other = vec![false; inputs.len()];
        let mut first_na_leaf = None;
        for ind in &self.indicators {
            if let IndicatorKind::Leaf {
                method, may_be_na, ..
            } = &ind.kind
            {
                for i in method.inputs() {
                    if let Some(slot) = if *may_be_na {
                        na.get_mut(i.index)
                    } else {
                        other.get_mut(i.index)
                    } {
                        *slot = true;
                    }
                }
                if *may_be_na && first_na_leaf.is_none() {
                    first_na_leaf = Some((ind.id.clone(), ind.location));
                }
            }
        }
        for a in adjustments {
            if let Some(slot) = other.get_mut(a.input.index) {
                *slot = true;
            }
        }
        if let Some((id, at)) = &first_na_leaf
            && rule.is_none()
        {
            let _ = map;
            self.error(
                "not_applicable",
                *at,
                RubricProblem::NaRuleNotStated { id: id.clone() },
            );
        }
        for (k, input) in inputs.iter().enumerate() {
            if na[k] && other[k] {
                self.error(
                    &format!("inputs[{k}]"),
                    input.location,
                    RubricProblem::NaInputShared {
                        id: input.id.clone(),
                    },
                );
                na[k] = false;
            }
        }
        na
    }

    /// A leaf's `may_be_na`: refused on a group, and for methods that
    /// compare offices (a rank, a share of the best) or have their own
    /// rule for nothing to score (an answer rate).
    fn may_be_na(
        &mut self,
        m: &MarkedMappingNode,
        path: &str,
        group: bool,
        method: Option<&str>,
    ) -> bool {
        let Some(node) = m.get_node("may_be_na") else {
            return false;
        };
        let p = join(path, "may_be_na");
        let at = location(node.span());
        if group {
            self.error(
                &p,
                at,
                RubricProblem::ParameterNotForMethod {
                    key: "may_be_na".into(),
                    method: "group".into(),
                },
            );
            return false;
        }
        let value = match self.scalar(node, &p).map(|s| s.as_str().trim().to_string()) {
            Some(v) if v == "true" => true,
            Some(v) if v == "false" => return false,
            Some(v) => {
                self.error(
                    &p,
                    at,
                    RubricProblem::UnknownChoice {
                        value: v,
                        choices: vec!["true", "false"],
                    },
                );
                return false;
            }
            None => return false,
        };
        if let Some(method) = method
            && matches!(method, "rank" | "proportional" | "answer_rate")
        {
            self.error(
                &p,
                at,
                RubricProblem::NaNeedsOwnScore {
                    method: method.to_string(),
                },
            );
            return false;
        }
        value
    }

    /// A leaf's `zero_if` flag; refused on a group.
    fn zero_if(&mut self, m: &MarkedMappingNode, path: &str, group: bool) -> Option<InputRef> {
        let node = m.get_node("zero_if")?;
        let p = join(path, "zero_if");
        if group {
            self.error(
                &p,
                location(node.span()),
                RubricProblem::ParameterNotForMethod {
                    key: "zero_if".into(),
                    method: "group".into(),
                },
            );
            return None;
        }
        self.input_ref(node, &p, &[InputKind::Flag])
    }

    fn method(
        &mut self,
        m: &MarkedMappingNode,
        path: &str,
        name: Option<&str>,
        weight: Option<Decimal>,
    ) -> Option<Method> {
        let mp = join(path, "method");
        let name_node = m.get_node("method")?;
        let Some(name) = name else {
            self.wrong_type(name_node, &mp, "a method name", "方法名");
            return None;
        };
        match Entry::find(name) {
            Some(entry) => {
                let mut cx = MapCx {
                    loader: self,
                    map: m,
                    path: path.to_string(),
                    weight,
                };
                (entry.load)(&mut cx)
            }
            None => {
                self.error(
                    &mp,
                    location(name_node.span()),
                    RubricProblem::UnknownMethod {
                        name: name.to_string(),
                        suggestion: closest(name, REGISTRY.iter().map(|e| e.name)),
                    },
                );
                self.mark_mentioned_inputs(m);
                None
            }
        }
    }

    /// Marks inputs named in a leaf's parameters (as a value, or as a key
    /// of a mapping such as a tally) as used, without checking them: when
    /// the method itself is unknown, its inputs should not also be
    /// reported as unused.
    fn mark_mentioned_inputs(&mut self, m: &MarkedMappingNode) {
        let own = INDICATOR.keys();
        let mut names: Vec<String> = Vec::new();
        for (key, value) in m.iter() {
            if own.contains(&key.as_str()) {
                continue;
            }
            match value {
                Node::Scalar(s) => names.push(s.as_str().trim().to_string()),
                Node::Mapping(t) => names.extend(t.keys().map(|k| k.as_str().trim().to_string())),
                Node::Sequence(_) => {}
            }
        }
        for name in names {
            if let Some(d) = self.inputs.get_mut(&name) {
                d.used = true;
            }
        }
    }

    /// The rubric's `total_floor`: required when a penalty has no cap, 0
    /// otherwise; from −`total` to 0.
    fn total_floor(
        &mut self,
        map: &MarkedMappingNode,
        adjustments: &[crate::adjustment::Adjustment],
        total: Decimal,
    ) -> Decimal {
        let Some(node) = map.get_node("total_floor") else {
            if let Some((k, a)) = adjustments
                .iter()
                .enumerate()
                .find(|(_, a)| a.cap.is_none())
            {
                self.error(
                    &format!("adjustments[{k}].cap"),
                    a.location,
                    RubricProblem::FloorNotStated { id: a.id.clone() },
                );
            }
            return Decimal::ZERO;
        };
        let Some((floor, at)) = self.decimal_of(node, "total_floor") else {
            return Decimal::ZERO;
        };
        if floor > Decimal::ZERO || floor < -total {
            self.error(
                "total_floor",
                at,
                RubricProblem::OutOfRange {
                    value: plain(floor),
                    allowed: format!("from -{} to 0", plain(total)),
                    allowed_zh: format!("-{} 到 0 之间", plain(total)),
                },
            );
            return Decimal::ZERO;
        }
        floor
    }

    /// Reads keys of the top level itself through `read` (a rubric-level
    /// rule written as top-level keys rather than under one key).
    pub(crate) fn at_top<T>(
        &mut self,
        map: &MarkedMappingNode,
        read: impl FnOnce(&mut MapCx<'_, 's>) -> T,
    ) -> T {
        let mut cx = MapCx {
            loader: self,
            map,
            path: String::new(),
            weight: None,
        };
        read(&mut cx)
    }

    /// Reports a problem with a rubric-level rule.
    pub(crate) fn rule_error(&mut self, path: &str, at: Option<Location>, problem: RubricProblem) {
        self.error(path, at, problem);
    }

    /// Reads one mapping under `key` of the top level (a rubric-level
    /// rule) through `read`, its keys checked against `shape`; `None` when
    /// absent or not a mapping (reported as `wrong`, English and Chinese).
    pub(crate) fn mapping<T>(
        &mut self,
        map: &MarkedMappingNode,
        shape: &Shape,
        key: &str,
        wrong: (&'static str, &'static str),
        read: impl FnOnce(&mut MapCx<'_, 's>) -> Option<T>,
    ) -> Option<T> {
        let node = map.get_node(key)?;
        let Node::Mapping(m) = node else {
            self.wrong_type(node, key, wrong.0, wrong.1);
            return None;
        };
        self.check_keys(m, key, &shape.keys());
        let mut cx = MapCx {
            loader: self,
            map: m,
            path: key.to_string(),
            weight: None,
        };
        read(&mut cx)
    }

    /// Reads a list of mappings under `key` of the top level (adjustments
    /// and other rubric-level rules), each through `read`, with its path
    /// (`adjustments[2]`) and the items read so far. A value that is not a
    /// list is reported as `wrong_list`, an item that is not a mapping as
    /// `wrong_item` (English, Chinese).
    pub(crate) fn list<T>(
        &mut self,
        map: &MarkedMappingNode,
        shape: &Shape,
        key: &str,
        wrong_list: (&'static str, &'static str),
        wrong_item: (&'static str, &'static str),
        mut read: impl FnMut(&mut MapCx<'_, 's>, &[T]) -> Option<T>,
    ) -> Vec<T> {
        let mut out: Vec<T> = Vec::new();
        let Some(node) = map.get_node(key) else {
            return out;
        };
        let Node::Sequence(seq) = node else {
            self.wrong_type(node, key, wrong_list.0, wrong_list.1);
            return out;
        };
        for (i, item) in seq.iter().enumerate() {
            let path = format!("{key}[{i}]");
            let Node::Mapping(m) = item else {
                self.wrong_type(item, &path, wrong_item.0, wrong_item.1);
                continue;
            };
            self.check_keys(m, &path, &shape.keys());
            let mut cx = MapCx {
                loader: self,
                map: m,
                path,
                weight: None,
            };
            if let Some(t) = read(&mut cx, &out) {
                out.push(t);
            }
        }
        out
    }
}

/// A mapping being read from a rubric file, at its YAML path: what a
/// method (a leaf's keys) or a rubric-level rule (an adjustment) reads its
/// keys with. Every reader reports its problems located, and keeps going.
pub(crate) struct MapCx<'l, 's> {
    loader: &'l mut Loader<'s>,
    map: &'l MarkedMappingNode,
    path: String,
    /// The leaf's weight, when a leaf's method is read (and the weight
    /// could be read).
    weight: Option<Decimal>,
}

impl<'l, 's> MapCx<'l, 's> {
    /// A list-of-inputs parameter (`Kind::Inputs`): each resolved and
    /// checked; `None` when absent (reported if required), not a list,
    /// shorter than two, or any input wrong (all reported).
    pub(crate) fn inputs(&mut self, param: &Param) -> Option<Vec<InputRef>> {
        let Kind::Inputs(kinds) = param.kind else {
            unreachable!("`{}` is declared as a list of inputs", param.key)
        };
        let path = self.key_path(param.key);
        let Some(node) = self.map.get_node(param.key) else {
            if param.required {
                self.missing(param.key);
            }
            return None;
        };
        let Node::Sequence(seq) = node else {
            self.loader
                .wrong_type(node, &path, "a list of inputs", "输入项列表");
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in seq.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match self.loader.input_ref(item, &p, kinds) {
                Some(input) if out.iter().any(|o: &InputRef| o.id == input.id) => {
                    self.loader.error(
                        &p,
                        location(item.span()),
                        RubricProblem::RepeatedInput { id: input.id },
                    );
                    ok = false;
                }
                Some(input) => out.push(input),
                None => ok = false,
            }
        }
        if seq.len() < 2 {
            self.loader.error(
                &path,
                location(node.span()),
                RubricProblem::OutOfRange {
                    value: seq.len().to_string(),
                    allowed: "at least 2 periods".into(),
                    allowed_zh: "至少 2 个期间".into(),
                },
            );
            ok = false;
        }
        ok.then_some(out)
    }

    /// How many problems have been reported so far.
    pub(crate) fn error_count(&self) -> usize {
        self.loader.errors.len()
    }

    /// The decimal at `key`, above `above` and at most `max`, or 0 with
    /// the problem reported.
    pub(crate) fn decimal_in(&mut self, key: &str, above: Decimal, max: Decimal) -> Decimal {
        let path = self.key_path(key);
        let Some(node) = self.map.get_node(key) else {
            return Decimal::ZERO;
        };
        match self.loader.decimal_of(node, &path) {
            Some((d, _)) if d > above && d <= max => d,
            Some((d, at)) => {
                self.loader.error(
                    &path,
                    at,
                    RubricProblem::OutOfRange {
                        value: plain(d),
                        allowed: format!(
                            "greater than {} and at most {}",
                            plain(above),
                            plain(max)
                        ),
                        allowed_zh: format!("大于 {} 且不超过 {}", plain(above), plain(max)),
                    },
                );
                Decimal::ZERO
            }
            None => Decimal::ZERO,
        }
    }

    /// The leaf's weight, when a method is read and the weight is valid.
    pub(crate) fn weight(&self) -> Option<Decimal> {
        self.weight
    }

    /// A text-column parameter (`Kind::TextColumn`): the column's position
    /// among the rubric's text columns; `None` when absent (reported if
    /// required) or not a declared text column (reported).
    pub(crate) fn text_column(&mut self, param: &Param) -> Option<usize> {
        let path = self.key_path(param.key);
        let Some(node) = self.map.get_node(param.key) else {
            if param.required {
                self.missing(param.key);
            }
            return None;
        };
        let s = self.loader.scalar(node, &path)?;
        let id = s.as_str().trim();
        match self.loader.text_column_ids.iter().position(|c| c == id) {
            Some(k) => Some(k),
            None => {
                let suggestion =
                    closest(id, self.loader.text_column_ids.iter().map(String::as_str));
                self.loader.error(
                    &path,
                    location(s.span()),
                    RubricProblem::UnknownTextColumn {
                        id: id.to_string(),
                        suggestion,
                    },
                );
                None
            }
        }
    }

    /// A declared `choice` input's choices (empty for other inputs).
    pub(crate) fn choices_of(&self, input: &InputRef) -> Vec<Text> {
        self.loader
            .inputs
            .get(&input.id)
            .map(|d| d.choices.clone())
            .unwrap_or_default()
    }

    /// The path of one of its keys.
    pub(crate) fn key_path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Where the mapping starts.
    pub(crate) fn location(&self) -> Option<Location> {
        location(self.map.span())
    }

    /// Where a node starts.
    pub(crate) fn node_location(node: &Node) -> Option<Location> {
        location(node.span())
    }

    /// The value of `key`, if given.
    pub(crate) fn node(&self, key: &str) -> Option<&'l Node> {
        self.map.get_node(key)
    }

    /// Reports a problem at `path` and `at`.
    pub(crate) fn error(&mut self, path: &str, at: Option<Location>, problem: RubricProblem) {
        self.loader.error(path, at, problem);
    }

    /// Reports a problem with the mapping as a whole.
    pub(crate) fn error_here(&mut self, problem: RubricProblem) {
        let (path, at) = (self.path.clone(), self.location());
        self.loader.error(&path, at, problem);
    }

    /// Reports a required key as missing.
    pub(crate) fn missing(&mut self, key: &str) {
        self.loader.missing(self.map, &self.path, key);
    }

    /// Reports a value of the wrong shape.
    pub(crate) fn wrong_type(
        &mut self,
        node: &Node,
        path: &str,
        expected: &'static str,
        expected_zh: &'static str,
    ) {
        self.loader.wrong_type(node, path, expected, expected_zh);
    }

    /// A decimal number written at `node`, or an error.
    pub(crate) fn decimal_of(
        &mut self,
        node: &Node,
        path: &str,
    ) -> Option<(Decimal, Option<Location>)> {
        self.loader.decimal_of(node, path)
    }

    /// A declared input by id, checked to be of one of `kinds` and marked
    /// as used.
    pub(crate) fn resolve_input(
        &mut self,
        id: &str,
        at: Option<Location>,
        path: &str,
        kinds: &[InputKind],
    ) -> Option<InputRef> {
        self.loader.resolve_input(id, at, path, kinds)
    }

    /// An input parameter (`Kind::Input`): `None` when absent (reported if
    /// required) or wrong (reported).
    pub(crate) fn input(&mut self, param: &Param) -> Option<InputRef> {
        let Kind::Input(kinds) = param.kind else {
            unreachable!("`{}` is declared as an input", param.key)
        };
        match self.map.get_node(param.key) {
            Some(n) => self
                .loader
                .input_ref(n, &join(&self.path, param.key), kinds),
            None => {
                if param.required {
                    self.missing(param.key);
                }
                None
            }
        }
    }

    /// A decimal parameter: its value, or its default when absent or
    /// wrong (reported).
    pub(crate) fn decimal(&mut self, param: &Param) -> Decimal {
        self.loader.decimal_param(self.map, &self.path, param, None)
    }

    /// A decimal parameter whose upper bound is `max` (another
    /// parameter's value) rather than its declared one.
    pub(crate) fn decimal_at_most(&mut self, param: &Param, max: Decimal) -> Decimal {
        self.loader
            .decimal_param(self.map, &self.path, param, Some(max))
    }

    /// A whole-number parameter: its value or its default; `None` when
    /// wrong (reported) or absent without a default.
    pub(crate) fn whole(&mut self, param: &Param) -> Option<u32> {
        self.loader.whole_param(self.map, &self.path, param)
    }

    /// A text parameter: `None` when absent (reported if required) or
    /// wrong (reported).
    pub(crate) fn text(&mut self, param: &Param) -> Option<Text> {
        if param.required {
            self.loader.req_text(self.map, &self.path, param.key)
        } else {
            self.loader.opt_text(self.map, &self.path, param.key)
        }
    }

    /// An id parameter (`id`): the id and where it is written; an invalid
    /// id is reported and still returned.
    pub(crate) fn id(&mut self) -> Option<(String, Option<Location>)> {
        self.loader.id(self.map, &self.path)
    }

    /// A choice parameter, read by `parse`: `None` when absent (reported
    /// if required) or not a choice (reported).
    pub(crate) fn choice<T>(
        &mut self,
        param: &Param,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        self.loader.choice(self.map, &self.path, param, parse)
    }

    /// A list of names (`Kind::Names`) that must be unique across the
    /// whole rubric among names of the same `space` (compared in lower
    /// case): a name given twice is reported where it repeats.
    pub(crate) fn names(
        &mut self,
        param: &Param,
        space: &'static str,
        wrong: (&'static str, &'static str),
    ) -> Vec<String> {
        let mut out = Vec::new();
        let key_path = join(&self.path, param.key);
        match self.map.get_node(param.key) {
            None => {
                if param.required {
                    self.missing(param.key);
                }
            }
            Some(Node::Sequence(seq)) => {
                for (i, k) in seq.iter().enumerate() {
                    let p = format!("{key_path}[{i}]");
                    if let Some(s) = self.loader.scalar(k, &p) {
                        let name = s.as_str().trim().to_string();
                        let claim = (space, name.to_lowercase());
                        match self.loader.claims.get(&claim) {
                            Some(first) => {
                                let first = *first;
                                self.loader.error(
                                    &p,
                                    location(s.span()),
                                    RubricProblem::DuplicateId { id: name, first },
                                );
                            }
                            None => {
                                self.loader.claims.insert(claim, location(s.span()));
                                out.push(name);
                            }
                        }
                    }
                }
            }
            Some(other) => self.loader.wrong_type(other, &key_path, wrong.0, wrong.1),
        }
        out
    }

    /// A mapping parameter (`Kind::Mapping`), its keys checked against
    /// its shape and read by `read`: `None` when absent or not a mapping
    /// (reported as `wrong`, English and Chinese).
    pub(crate) fn nested<R>(
        &mut self,
        param: &Param,
        wrong: (&'static str, &'static str),
        read: impl FnOnce(&mut MapCx<'_, 's>) -> Option<R>,
    ) -> Option<R> {
        let Kind::Mapping(shape) = param.kind else {
            unreachable!("`{}` is declared as a mapping", param.key)
        };
        let path = join(&self.path, param.key);
        match self.map.get_node(param.key) {
            None => {
                if param.required {
                    self.missing(param.key);
                }
                None
            }
            Some(Node::Mapping(m)) => {
                self.loader.check_keys(m, &path, &shape.keys());
                let mut inner = MapCx {
                    loader: &mut *self.loader,
                    map: m,
                    path,
                    weight: None,
                };
                read(&mut inner)
            }
            Some(other) => {
                self.loader.wrong_type(other, &path, wrong.0, wrong.1);
                None
            }
        }
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

/// Whether a scalar is YAML's null (empty, `~`, `null`).
pub(crate) fn is_null(s: &MarkedScalarNode) -> bool {
    let t = s.as_str().trim();
    s.may_coerce() && (t.is_empty() || t == "~" || t == "null")
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
