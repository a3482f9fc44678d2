//! A tally: a linear sum of inputs, `Σ coefficient × input`, the value a
//! method scores offices by (`{shared_databases: 5, stale_databases: -5}`,
//! or just `site_items`, counted once).
//!
//! Shared by the methods that score a tally (`rank`, `proportional`): its
//! key in rubric files, its words, its canonical form and its evaluation
//! for every office, with the fast path for whole numbers (integer keys,
//! no decimal arithmetic at all).

use std::sync::Arc;

use rust_decimal::Decimal;

use super::InputRef;
use crate::canon::Canon;
use crate::dataset::Column;
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric, RubricProblem, is_null, span_location};
use crate::score::{ScoreCx, ScoreError, Values};
use crate::spec::{MAX_COEFFICIENT, Param};

/// One term of a tally: `coefficient × input`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// The input counted.
    pub input: InputRef,
    /// Points per unit (may be negative, e.g. −5 per stale database).
    pub coefficient: Decimal,
}

/// A linear tally of inputs, in the order the rubric gives them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tally {
    /// The terms (at least one).
    pub terms: Vec<Term>,
}

/// Every office's tally, as a method computes with it.
pub(crate) enum Tallies<'a> {
    /// One count counted once: the dataset's own column.
    Counts(&'a [u32]),
    /// Whole numbers: integer keys that order like the tallies (the tally
    /// is `key × 10^-scale`, at the scale kept in [`Values::Linear`]).
    Keys(Vec<i128>),
    /// Decimals, otherwise.
    Decimals(Vec<Decimal>),
}

/// The input kinds a tally counts.
const KINDS: &[InputKind] = &[InputKind::Count, InputKind::Amount];

impl Tally {
    /// Reads a tally parameter: an input id (counted once), or `{input:
    /// points per unit, …}`.
    /// The terms an office has a count for, each in words with its
    /// points (`逾期更新次数2次 × 1分`): what the points-per-count methods
    /// (`deduction`, `per_item`) explain with.
    pub(crate) fn counted(
        &self,
        rubric: &Rubric,
        row: &[Decimal],
        unit: &str,
        lang: Lang,
    ) -> Vec<String> {
        self.terms
            .iter()
            .filter(|t| !row[t.input.index].is_zero())
            .map(|t| {
                let label = rubric.inputs[t.input.index].label.get(lang);
                let n = plain(row[t.input.index]);
                let p = plain(t.coefficient);
                match lang {
                    Lang::Zh => format!("{label}{n}{unit} × {p}分"),
                    Lang::En => format!("{label} {n} × {p}"),
                }
            })
            .collect()
    }

    pub(crate) fn load(cx: &mut MapCx<'_, '_>, param: &Param) -> Option<Tally> {
        let tp = cx.key_path(param.key);
        let mut terms = Vec::new();
        let mut ok = true;
        match cx.node(param.key) {
            None => {
                cx.missing(param.key);
                ok = false;
            }
            // Shorthand: `tally: decision_drafts` counts one input once.
            Some(marked_yaml::Node::Scalar(s)) if !is_null(s) => {
                let id = s.as_str().trim().to_string();
                let at = MapCx::node_location(cx.node(param.key).expect("read above"));
                match cx.resolve_input(&id, at, &tp, KINDS) {
                    Some(input) => terms.push(Term {
                        input,
                        coefficient: Decimal::ONE,
                    }),
                    None => ok = false,
                }
            }
            Some(marked_yaml::Node::Mapping(tm)) => {
                if tm.is_empty() {
                    cx.error(
                        &tp,
                        MapCx::node_location(cx.node(param.key).expect("read above")),
                        RubricProblem::EmptyTally,
                    );
                    ok = false;
                }
                for (key, value) in tm.iter() {
                    let id = key.as_str().trim().to_string();
                    let kp = format!("{tp}.{id}");
                    let at = span_location(key.span());
                    let input = cx.resolve_input(&id, at, &kp, KINDS);
                    let coefficient = cx.decimal_of(value, &kp);
                    match (input, coefficient) {
                        (Some(input), Some((c, at))) => {
                            if c.abs() > MAX_COEFFICIENT {
                                cx.error(
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
                                cx.error(&kp, at, RubricProblem::ZeroCoefficient { id });
                                ok = false;
                            } else {
                                terms.push(Term {
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
                cx.wrong_type(
                    other,
                    &tp,
                    "an input id, or {input: points per unit, …}",
                    "输入项标识，或 {输入项: 每项分值, …}",
                );
                ok = false;
            }
        }
        ok.then_some(Tally { terms })
    }

    /// Reads a tally whose points must all be above 0 (deductions per
    /// incident, points per item): a term at or below 0 is reported at its
    /// value, with `what` (English, Chinese) saying what the points mean.
    pub(crate) fn load_positive(
        cx: &mut MapCx<'_, '_>,
        param: &Param,
        what: (&str, &str),
    ) -> Option<Tally> {
        let tally = Tally::load(cx, param)?;
        let mut ok = true;
        for term in &tally.terms {
            if term.coefficient > Decimal::ZERO {
                continue;
            }
            let path = cx.key_path(&format!("{}.{}", param.key, term.input.id));
            let at = match cx.node(param.key) {
                Some(marked_yaml::Node::Mapping(m)) => m
                    .iter()
                    .find(|(k, _)| k.as_str().trim() == term.input.id)
                    .and_then(|(_, v)| MapCx::node_location(v)),
                _ => None,
            }
            .or(cx.location());
            cx.error(
                &path,
                at,
                RubricProblem::OutOfRange {
                    value: plain(term.coefficient),
                    allowed: format!("above 0 ({})", what.0),
                    allowed_zh: format!("大于 0（{}）", what.1),
                },
            );
            ok = false;
        }
        ok.then_some(tally)
    }

    /// The inputs counted.
    pub(crate) fn inputs(&self) -> impl Iterator<Item = &InputRef> {
        self.terms.iter().map(|t| &t.input)
    }

    /// The input counted, when the tally is one input counted once.
    pub(crate) fn single(&self) -> Option<usize> {
        match self.terms.as_slice() {
            [t] if t.coefficient == Decimal::ONE => Some(t.input.index),
            _ => None,
        }
    }

    /// The canonical form: `tally.<input>` and its coefficient, sorted by
    /// input (the terms are a set).
    pub(crate) fn canonical(&self, key: &str, out: &mut Canon) {
        let mut terms: Vec<(&str, String)> = self
            .terms
            .iter()
            .map(|t| (t.input.id.as_str(), plain(t.coefficient)))
            .collect();
        crate::sorting::sort_by(&mut terms, Ord::cmp);
        for (input, c) in terms {
            out.value(format!("{key}.{input}"), c);
        }
    }

    /// The tally in words: the input's label, or `A × 0.5 + B × 5`.
    pub(crate) fn words(&self, rubric: &Rubric, lang: Lang) -> String {
        let label = |i: usize| rubric.inputs[i].label.get(lang).to_string();
        if let Some(i) = self.single() {
            return label(i);
        }
        let mut out = String::new();
        for (k, term) in self.terms.iter().enumerate() {
            let c = term.coefficient;
            if k == 0 {
                if c.is_sign_negative() {
                    out.push('−');
                }
            } else {
                out.push_str(if c.is_sign_negative() { " − " } else { " + " });
            }
            out.push_str(&format!("{} × {}", label(term.input.index), plain(c.abs())));
        }
        out
    }

    /// The tally of one office: Σ coefficient × input, where `value` gives
    /// the office's value of an input by its index.
    pub(crate) fn value_of(&self, value: impl Fn(usize) -> Decimal) -> Decimal {
        let mut sum = Decimal::ZERO;
        for term in &self.terms {
            let v = value(term.input.index);
            sum += if term.coefficient == Decimal::ONE {
                v
            } else {
                v * term.coefficient
            };
        }
        sum
    }

    /// Every office's tally, and how a scorecard keeps it (to show it
    /// later): a count column as it is, whole numbers as integer keys,
    /// decimals otherwise.
    pub(crate) fn evaluate<'a>(
        &self,
        cx: &ScoreCx<'a>,
    ) -> Result<(Tallies<'a>, Values), ScoreError> {
        let n = cx.len();
        let single = self.single();
        if let Some(i) = single
            && let Column::Whole(counts) = cx.column(i)
        {
            // One count, ranked as it is: no tally to compute.
            return Ok((Tallies::Counts(counts), Values::Column(cx.shared(i))));
        }
        match self.integer_tallies(|i| cx.column(i), n) {
            Some((keys, scale)) => {
                // Every key must be a valid decimal (96-bit mantissa).
                if keys.iter().any(|k| k.unsigned_abs() >= 1u128 << 96) {
                    return Err(ScoreError::Overflow);
                }
                let values = match single {
                    Some(i) => Values::Column(cx.shared(i)),
                    None => Values::Linear {
                        terms: self
                            .integer_factors(scale)
                            .map(|(input, factor)| (cx.shared(input), factor))
                            .collect(),
                        scale,
                    },
                };
                Ok((Tallies::Keys(keys), values))
            }
            None => {
                let values: Vec<Decimal> =
                    (0..n).map(|o| self.value_of(|i| cx.value(o, i))).collect();
                Ok((Tallies::Decimals(values.clone()), Values::Decimals(values)))
            }
        }
    }

    /// The tally of every office as integer keys at one scale, without
    /// decimal arithmetic, when all the inputs are whole numbers (counts
    /// always are): `Some((keys, scale))`, the value of office `o` being
    /// `keys[o] × 10^-scale`. `column` gives all offices' values of an input
    /// by its index; `n` is the number of offices.
    pub(crate) fn integer_tallies<'a>(
        &self,
        column: impl Fn(usize) -> &'a Column,
        n: usize,
    ) -> Option<(Vec<i128>, u32)> {
        let scale = self.terms.iter().map(|t| t.coefficient.scale()).max()?;
        let mut keys = vec![0i128; n];
        let factors: Vec<(usize, i128)> = self.integer_factors(scale).collect();
        if factors.len() != self.terms.len() {
            return None;
        }
        for (input, factor) in factors {
            match column(input) {
                Column::Whole(values) => {
                    // |u32 × factor| < 2¹²⁷ needs no check; the sum might.
                    for (key, &v) in keys.iter_mut().zip(values) {
                        *key = key.checked_add(i128::from(v).checked_mul(factor)?)?;
                    }
                }
                Column::Decimal(values) => {
                    if values.iter().any(|v| v.scale() != 0) {
                        return None;
                    }
                    for (key, v) in keys.iter_mut().zip(values) {
                        *key = key.checked_add(v.mantissa().checked_mul(factor)?)?;
                    }
                }
            }
        }
        Some((keys, scale))
    }

    /// Each term of the tally as its input and an integer factor at
    /// `scale` (the largest scale of the coefficients): `value × factor`
    /// summed is the tally × 10^scale. A term whose factor does not fit is
    /// left out (then [`Tally::integer_tallies`] does not apply).
    pub(crate) fn integer_factors(&self, scale: u32) -> impl Iterator<Item = (usize, i128)> + '_ {
        self.terms.iter().filter_map(move |term| {
            let factor = term
                .coefficient
                .mantissa()
                .checked_mul(10i128.checked_pow(scale.checked_sub(term.coefficient.scale())?)?)?;
            Some((term.input.index, factor))
        })
    }
}

/// A linear combination of whole columns at a scale: the value of office
/// `o` (see [`Values::Linear`]).
pub(crate) fn linear_value(terms: &[(Arc<Column>, i128)], scale: u32, o: usize) -> Decimal {
    let key: i128 = terms
        .iter()
        .map(|(column, factor)| {
            let v = match &**column {
                Column::Whole(v) => i128::from(v[o]),
                // Whole decimals only (see `integer_tallies`).
                Column::Decimal(v) => v[o].mantissa(),
            };
            v * factor
        })
        .sum();
    Decimal::try_from_i128_with_scale(key, scale).unwrap_or(Decimal::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// A tally term reading input `index`.
    fn term(index: usize, coefficient: Decimal) -> Term {
        Term {
            input: InputRef {
                id: format!("i{index}"),
                index,
            },
            coefficient,
        }
    }

    #[test]
    fn integer_tallies_match_decimal_tallies() {
        let t = Tally {
            terms: vec![term(0, dec!(0.5)), term(1, dec!(-5))],
        };
        // Columns stored either way give the same keys.
        for columns in [
            [
                Column::Decimal(vec![dec!(3), dec!(10)]),
                Column::Decimal(vec![dec!(1), dec!(0)]),
            ],
            [Column::Whole(vec![3, 10]), Column::Whole(vec![1, 0])],
        ] {
            let (keys, scale) = t.integer_tallies(|i| &columns[i], 2).unwrap();
            assert_eq!(scale, 1);
            assert_eq!(keys, [15 - 50, 50]);
            for (o, key) in keys.iter().enumerate() {
                assert_eq!(
                    t.value_of(|i| columns[i].get(o)),
                    Decimal::from_i128_with_scale(*key, scale)
                );
            }
        }
        // A fractional amount: no integer path.
        let columns = [Column::Decimal(vec![dec!(2.5)]), Column::Whole(vec![0])];
        assert!(t.integer_tallies(|i| &columns[i], 1).is_none());
    }

    #[test]
    fn tally_is_linear() {
        let mut t = Tally {
            terms: vec![term(0, dec!(5)), term(1, dec!(-5))],
        };
        let row = [dec!(4), dec!(1)];
        assert_eq!(t.value_of(|i| row[i]), dec!(15));
        t.terms = vec![term(0, dec!(0.5))];
        assert_eq!(t.value_of(|_| dec!(3)), dec!(1.5));
    }
}
