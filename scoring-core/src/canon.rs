//! Canonical parameters: a method's or a rule's parameters written once,
//! in a fixed order, as text. The fingerprint hashes them
//! ([`crate::fingerprint`]) and the diff compares them ([`crate::diff`]),
//! so that what one sees, the other sees too.
//!
//! Decimals are written without trailing zeros (`5.0` is `5`); sets (the
//! terms of a tally, the kinds of an item log) are sorted.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::lang::Text;
use crate::num::plain;

/// One canonical parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// `key value`.
    One { key: String, value: String },
    /// A set of names: one line `each value` per name in the fingerprint,
    /// one field `key` (the names joined) in the diff.
    Set {
        key: &'static str,
        each: &'static str,
        values: Vec<String>,
    },
}

/// A list of canonical parameters, in the order they were written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Canon {
    entries: Vec<Entry>,
}

impl Canon {
    /// A parameter written as text.
    pub(crate) fn value(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.entries.push(Entry::One {
            key: key.into(),
            value: value.into(),
        });
    }

    /// A decimal, without trailing zeros.
    pub(crate) fn decimal(&mut self, key: &str, value: Decimal) {
        self.value(key, plain(value));
    }

    /// A text: `key.zh`, and `key.en` when given.
    pub(crate) fn text(&mut self, key: &str, text: &Text) {
        self.value(format!("{key}.zh"), text.zh.clone());
        if let Some(en) = &text.en {
            self.value(format!("{key}.en"), en.clone());
        }
    }

    /// Every entry of another canonical form, after this one's.
    pub(crate) fn extend(&mut self, other: Canon) {
        self.entries.extend(other.entries);
    }

    /// A text, when given.
    pub(crate) fn opt_text(&mut self, key: &str, text: Option<&Text>) {
        if let Some(t) = text {
            self.text(key, t);
        }
    }

    /// A set of names (sorted here): `each` names one of them in the
    /// fingerprint, `key` all of them in the diff.
    pub(crate) fn set(&mut self, key: &'static str, each: &'static str, values: &[String]) {
        let mut values = values.to_vec();
        crate::sorting::sort_by(&mut values, Ord::cmp);
        self.entries.push(Entry::Set { key, each, values });
    }

    /// The lines the fingerprint hashes, in order: `(key, value)`.
    pub(crate) fn lines(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        for e in &self.entries {
            match e {
                Entry::One { key, value } => out.push((key.as_str(), value.as_str())),
                Entry::Set { each, values, .. } => {
                    out.extend(values.iter().map(|v| (*each, v.as_str())))
                }
            }
        }
        out
    }

    /// The fields the diff compares, by key (an absent field and an empty
    /// set are both left out: they compare as empty).
    pub(crate) fn fields(&self) -> BTreeMap<String, String> {
        self.ordered_fields().into_iter().collect()
    }

    /// [`Canon::fields`], in the order they were written.
    pub(crate) fn ordered_fields(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for e in &self.entries {
            match e {
                Entry::One { key, value } => out.push((key.clone(), value.clone())),
                Entry::Set { key, values, .. } => {
                    if !values.is_empty() {
                        out.push((key.to_string(), values.join(", ")));
                    }
                }
            }
        }
        out
    }
}
