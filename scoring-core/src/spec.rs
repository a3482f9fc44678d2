//! What a rubric file may say, declared once.
//!
//! Every mapping of a rubric file (the top level, an input, an indicator,
//! each method's parameters, an adjustment…) is described by a list of
//! [`Param`]s: its keys, whether each is required, what it holds, its range
//! and its default. The loader (`rubric/load.rs`) reads by these
//! declarations, the rubric JSON Schema ([`crate::schema`]) is built from
//! them, and the parameter tables of `docs/rubric.md` are generated from
//! them (a test keeps the docs in step). A range written here is the range
//! enforced, described and documented.

use rust_decimal::Decimal;

use crate::num::plain;
use crate::rubric::InputKind;

/// One key of a mapping in a rubric file.
#[derive(Debug)]
pub(crate) struct Param {
    /// The key.
    pub key: &'static str,
    /// Whether the mapping must have it.
    pub required: bool,
    /// What it holds.
    pub kind: Kind,
    /// What it means, in a few words (English, for the schema and docs).
    pub doc: &'static str,
}

/// One end of a range of decimals.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Bound {
    /// No limit on this side.
    Open,
    /// The value itself is allowed.
    Inclusive(Decimal),
    /// Only values beyond it are allowed.
    Exclusive(Decimal),
}

/// What a key holds.
#[derive(Debug)]
pub(crate) enum Kind {
    /// The id of a declared input of one of these kinds.
    Input(&'static [InputKind]),
    /// A decimal number within `[min, max]`; `default` when absent.
    Decimal {
        /// The lower end.
        min: Bound,
        /// The upper end.
        max: Bound,
        /// The value when the key is absent.
        default: Option<Decimal>,
        /// A limit that depends on another value (`floor` at most
        /// `first`), in words, for the docs; the loader checks it.
        also: Option<&'static str>,
    },
    /// A whole number within `[min, max]`.
    Whole {
        /// The smallest allowed.
        min: u32,
        /// The largest allowed.
        max: u32,
        /// The value when the key is absent.
        default: Option<u32>,
    },
    /// A text: a plain string (Chinese), or `{zh: …, en: …}`.
    Text,
    /// A single value kept as written (a version, a file name).
    Scalar,
    /// An id: lower-case letters, digits and `_`, starting with a letter.
    Id,
    /// A rubric id: like [`Kind::Id`], also with `-` and `.`.
    RubricId,
    /// One of these names; the first is the default when absent, if
    /// `default` says so.
    Choice {
        /// The names allowed.
        choices: &'static [&'static str],
        /// The name used when the key is absent.
        default: Option<&'static str>,
    },
    /// `true` or `false`.
    Bool {
        /// The value when the key is absent.
        default: Option<bool>,
    },
    /// A date, `2026-07-01`.
    Date,
    /// A tally: an input id (counted once), or `{input id: points per
    /// unit, …}` with non-zero points within ±[`MAX_COEFFICIENT`].
    Tally,
    /// A list of names.
    Names,
    /// A list of texts (each a plain string or `{zh: …, en: …}`).
    Texts,
    /// A mapping of the names of an input's choices to numbers.
    ChoiceNumbers,
    /// The id of a declared text column.
    TextColumn,
    /// Steps `{above, points}`, ascending.
    Steps,
    /// A list of declared inputs of these kinds (one per period).
    Inputs(&'static [InputKind]),
    /// An adjustment's cap: a number above 0 and at most the rubric's
    /// total, or `none` (a penalty without cap).
    Cap,
    /// A mapping of leaf ids to decimals.
    LeafNumbers,
    /// A multi-line text (CSV written in the rubric).
    Block,
    /// A mapping with these keys.
    Mapping(&'static Shape),
    /// A list of mappings, each with these keys.
    List(&'static Shape),
    /// A list of indicators (groups and leaves, recursively).
    Indicators,
}

/// The keys of one kind of mapping.
#[derive(Debug)]
pub(crate) struct Shape {
    /// What the mapping is, in words (English), for the schema.
    pub name: &'static str,
    /// Its keys.
    pub params: &'static [Param],
    /// Keys of which exactly one must be given (`data` or `file`), if any.
    pub one_of: &'static [&'static str],
}

impl Shape {
    /// The parameter `key`.
    ///
    /// # Panics
    /// When the shape has no such key: the caller names a key it declares.
    pub(crate) fn param(&self, key: &str) -> &Param {
        self.params
            .iter()
            .find(|p| p.key == key)
            .unwrap_or_else(|| panic!("`{key}` is declared in {}", self.name))
    }

    /// Its keys, in order.
    pub(crate) fn keys(&self) -> Vec<&'static str> {
        keys(self.params)
    }
}

/// The largest tally coefficient or adjustment points per unit accepted:
/// with input values bounded too (`dataset::MAX_VALUE`), no product can
/// overflow a decimal.
pub(crate) const MAX_COEFFICIENT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

impl Param {
    /// A required key.
    pub(crate) const fn required(key: &'static str, kind: Kind, doc: &'static str) -> Param {
        Param {
            key,
            required: true,
            kind,
            doc,
        }
    }

    /// An optional key.
    pub(crate) const fn optional(key: &'static str, kind: Kind, doc: &'static str) -> Param {
        Param {
            key,
            required: false,
            kind,
            doc,
        }
    }
}

/// The keys of `params`, in order.
pub(crate) fn keys(params: &[Param]) -> Vec<&'static str> {
    params.iter().map(|p| p.key).collect()
}

/// A range in words, `(English, Chinese)`: `from 0 to 100`, `greater
/// than 0`…; empty when unbounded.
pub(crate) fn range_words(min: Bound, max: Bound) -> (String, String) {
    match (min, max) {
        (Bound::Inclusive(lo), Bound::Inclusive(hi)) => (
            format!("from {} to {}", plain(lo), plain(hi)),
            format!("{} 到 {} 之间", plain(lo), plain(hi)),
        ),
        (Bound::Exclusive(lo), Bound::Inclusive(hi)) => (
            format!("greater than {} and at most {}", plain(lo), plain(hi)),
            format!("大于 {} 且不超过 {}", plain(lo), plain(hi)),
        ),
        (Bound::Inclusive(lo), Bound::Open) => (
            format!("{} or more", plain(lo)),
            format!("不小于 {}", plain(lo)),
        ),
        (Bound::Exclusive(lo), Bound::Open) => (
            format!("greater than {}", plain(lo)),
            format!("大于 {}", plain(lo)),
        ),
        (Bound::Open, Bound::Inclusive(hi)) => (
            format!("at most {}", plain(hi)),
            format!("不超过 {}", plain(hi)),
        ),
        (lo, hi) => {
            // Not used by any key today; described plainly all the same.
            let side = |b: Bound, below: bool| match b {
                Bound::Open => None,
                Bound::Inclusive(v) => {
                    Some(format!("{} {}", if below { "≥" } else { "≤" }, plain(v)))
                }
                Bound::Exclusive(v) => {
                    Some(format!("{} {}", if below { ">" } else { "<" }, plain(v)))
                }
            };
            let words: Vec<String> = [side(lo, true), side(hi, false)]
                .into_iter()
                .flatten()
                .collect();
            (words.join(" and "), words.join(" 且 "))
        }
    }
}

/// Whether `value` lies within `[min, max]`.
pub(crate) fn within(value: Decimal, min: Bound, max: Bound) -> bool {
    let above_min = match min {
        Bound::Open => true,
        Bound::Inclusive(m) => value >= m,
        Bound::Exclusive(m) => value > m,
    };
    let below_max = match max {
        Bound::Open => true,
        Bound::Inclusive(m) => value <= m,
        Bound::Exclusive(m) => value < m,
    };
    above_min && below_max
}

/// What a parameter holds and allows, in words, for the docs' tables
/// (English).
#[cfg(test)]
pub(crate) fn describe(param: &Param) -> String {
    let kinds = |k: &[InputKind]| {
        k.iter()
            .map(|k| format!("`{}`", k.name()))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    match &param.kind {
        Kind::Input(k) => format!("an input: {}", kinds(k)),
        Kind::Decimal {
            min,
            max,
            default,
            also,
        } => {
            let mut s = format!("a number {}", range_words(*min, *max).0);
            if let Some(a) = also {
                s.push_str(&format!(", {a}"));
            }
            if let Some(d) = default {
                s.push_str(&format!("; default `{}`", plain(*d)));
            }
            s
        }
        Kind::Whole { min, max, default } => {
            let mut s = format!("a whole number from {min} to {max}");
            if let Some(d) = default {
                s.push_str(&format!("; default `{d}`"));
            }
            s
        }
        Kind::Text => "a text, or `{zh: …, en: …}`".into(),
        Kind::Scalar => "a value, kept as written".into(),
        Kind::Id => "an id: `a-z`, `0-9`, `_`".into(),
        Kind::RubricId => "an id: `a-z`, `0-9`, `_`, `-`, `.`".into(),
        Kind::Choice { choices, default } => {
            let list: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
            let mut s = list.join(" or ");
            if let Some(d) = default {
                s.push_str(&format!("; default `{d}`"));
            }
            s
        }
        Kind::Bool { default } => match default {
            Some(d) => format!("`true` or `false`; default `{d}`"),
            None => "`true` or `false`".into(),
        },
        Kind::Date => "a date, `2026-07-01`".into(),
        Kind::Tally => format!(
            "an input (`count` or `amount`), or `{{input: points per unit, …}}` with non-zero points within ±{}",
            plain(MAX_COEFFICIENT)
        ),
        Kind::Names => "a list of names".into(),
        Kind::Texts => "a list of texts, each a plain string or `{zh: …, en: …}`".into(),
        Kind::ChoiceNumbers => "`{choice: number, …}`, every choice of the input once".into(),
        Kind::TextColumn => "a declared text column's id".into(),
        Kind::Steps => "a list of `{above: percent, points: n}`, edges ascending".into(),
        Kind::Inputs(kinds) => format!(
            "a list of inputs ({}), one per period, at least two",
            kinds.iter().map(|k| format!("`{}`", k.name())).collect::<Vec<_>>().join(" or ")
        ),
        Kind::Cap => "a number greater than 0, at most the rubric's `total`; or `none` for a penalty without cap (重大扣分项不设上限: the rubric must then state `total_floor`)".into(),
        Kind::LeafNumbers => "`{leaf id: number, …}`".into(),
        Kind::Block => "a text (CSV)".into(),
        Kind::Mapping(shape) => {
            let keys: Vec<String> = shape
                .params
                .iter()
                .map(|p| {
                    format!(
                        "`{}`{}: {}",
                        p.key,
                        if p.required { " (required)" } else { "" },
                        describe(p)
                    )
                })
                .collect();
            format!("a mapping: {}", keys.join("; "))
        }
        Kind::List(shape) => format!("a list of {}", shape.name),
        Kind::Indicators => "a list of indicators".into(),
    }
}

/// A Markdown table of parameters, as `docs/rubric.md` shows each method's
/// (the docs are checked against it).
#[cfg(test)]
pub(crate) fn markdown_table(params: &[Param]) -> String {
    let mut out = String::from("| key | required | value | meaning |\n|---|---|---|---|\n");
    for p in params {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            p.key,
            if p.required { "yes" } else { "no" },
            describe(p),
            p.doc
        ));
    }
    out
}
