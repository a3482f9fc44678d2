//! `proportional`: an office's value ÷ the best office's value × full
//! marks ("以最高者为满分，其余按比例计分").
//!
//! The value is a tally, as for `rank` (`{posts: 1, reports: 3}`, or one
//! input). Interpretations, written down:
//! - The ratio is exact (a `Decimal` division, 28 significant digits),
//!   never rounded before the published figures are.
//! - **Nobody did anything** (the best value is 0, or below): every office
//!   scores 0. Full marks for nothing would reward a year in which no
//!   office did the work.
//! - A negative tally (more deducted than counted) scores 0: a leaf never
//!   takes points from the others.

use rust_decimal::Decimal;

use super::tally::{Tallies, Tally};
use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::{Lang, Text};
use crate::num::plain;
use crate::rubric::{MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores};
use crate::spec::{Bound, Kind, Param};

/// Parameters of the `proportional` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proportional {
    /// The tally each office is measured by, highest best.
    pub tally: Tally,
    /// The score of the best office (100).
    pub full: Decimal,
    /// Unit of the tally, for explanations (条, 次, 分).
    pub unit: Option<Text>,
}

const TALLY: Param = Param::required(
    "tally",
    Kind::Tally,
    "what offices are measured by, highest best",
);
const FULL: Param = Param::optional(
    "full",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Inclusive(Decimal::ONE_HUNDRED),
        default: Some(Decimal::ONE_HUNDRED),
        also: None,
    },
    "the score of the best office",
);
const UNIT: Param = Param::optional(
    "unit",
    Kind::Text,
    "unit of the tally, shown in explanations (条, 次, 分)",
);

impl Proportional {
    /// The score of a value when the best office's is `best`:
    /// `value ÷ best × full`, 0 when `best` or `value` is not above 0.
    pub fn score_of(&self, value: Decimal, best: Decimal) -> Decimal {
        if best <= Decimal::ZERO || value <= Decimal::ZERO {
            return Decimal::ZERO;
        }
        if value == best {
            return self.full;
        }
        value * self.full / best
    }
}

impl MethodSpec for Proportional {
    const NAME: &'static str = "proportional";
    const LABEL: (&'static str, &'static str) = ("按比例计分", "share of the best");
    const SUMMARY: &'static str =
        "an office's tally ÷ the best office's × `full` (0 for everyone when the best is 0)";
    const PARAMS: &'static [Param] = &[TALLY, FULL, UNIT];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Proportional> {
        let tally = Tally::load(cx, &TALLY);
        let full = cx.decimal(&FULL);
        let unit = cx.text(&UNIT);
        Some(Proportional {
            tally: tally?,
            full,
            unit,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: proportional, tally: {c1: 1, c2: 3}, full: 100, unit: 分}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "tally",
            "{method: proportional, tally: {c1: 1, c2: 2}, full: 100, unit: 分}",
        ),
        (
            "full",
            "{method: proportional, tally: {c1: 1, c2: 3}, full: 90, unit: 分}",
        ),
        (
            "unit",
            "{method: proportional, tally: {c1: 1, c2: 3}, full: 100, unit: 条}",
        ),
    ];
}

impl LeafMethod for Proportional {
    fn depends_on_others(&self) -> bool {
        true
    }

    fn inputs(&self) -> Vec<&InputRef> {
        self.tally.inputs().collect()
    }

    fn canonical(&self, out: &mut Canon) {
        self.tally.canonical("tally", out);
        out.decimal("full", self.full);
        out.opt_text("unit", self.unit.as_ref());
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let (tallies, values) = self.tally.evaluate(cx)?;
        // Whole numbers compare and divide as they are (the tally's scale
        // cancels out of the ratio); decimals otherwise.
        let (best, scores): (Decimal, Vec<Decimal>) = match &tallies {
            Tallies::Counts(counts) => {
                let best = counts.iter().copied().max().unwrap_or(0);
                let b = Decimal::from(best);
                (
                    b,
                    counts
                        .iter()
                        .map(|&v| self.score_of(Decimal::from(v), b))
                        .collect(),
                )
            }
            Tallies::Keys(keys) => {
                // Keys were checked to fit a decimal.
                let whole = |k: i128| Decimal::try_from_i128_with_scale(k, 0).unwrap_or_default();
                let b = whole(keys.iter().copied().max().unwrap_or(0));
                (b, keys.iter().map(|&k| self.score_of(whole(k), b)).collect())
            }
            Tallies::Decimals(values) => {
                let b = values.iter().copied().max().unwrap_or_default();
                (b, values.iter().map(|&v| self.score_of(v, b)).collect())
            }
        };
        // The best value as it reads (the tally, not its integer key).
        let best_value = (0..cx.len())
            .map(|o| self.tally.value_of(|i| cx.value(o, i)))
            .max()
            .filter(|_| best > Decimal::ZERO);
        Ok(Scored {
            scores: Scores::PerOffice(scores),
            values,
            reference: Some(best_value.unwrap_or_default()),
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        self.tally.value_of(input)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let tally = self.tally.words(rubric, lang);
        let full = plain(self.full);
        match lang {
            Lang::Zh => format!(
                "按{tally}计分：最高者得{full}分，其余按本处室值 ÷ 最高值 × {full}计分；最高值为0时均得0分"
            ),
            Lang::En => format!(
                "scored by {tally} against the best: the best office scores {full}, others {full} × their value ÷ the best value; 0 for everyone when the best is 0"
            ),
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained {
            rubric,
            result,
            tail,
            ..
        } = office;
        let unit = self.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
        let space = if unit.is_empty() || lang == Lang::Zh {
            ""
        } else {
            " "
        };
        let best = result.reference.unwrap_or_default();
        let (value, best_text) = (plain(result.value), plain(best));
        if best <= Decimal::ZERO {
            return match lang {
                Lang::Zh => format!("最高值为{best_text}{unit}，均得0分 → {tail}"),
                Lang::En => format!("the best is {best_text}{space}{unit}: 0 for everyone → {tail}"),
            };
        }
        let score = plain(rubric.round(result.score));
        match lang {
            Lang::Zh => format!(
                "{value}{unit} ÷ 最高{best_text}{unit} × {} = {score}分 → {tail}",
                plain(self.full)
            ),
            Lang::En => format!(
                "{value}{space}{unit} ÷ best {best_text}{space}{unit} × {} = {score} → {tail}",
                plain(self.full)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn method(full: Decimal) -> Proportional {
        Proportional {
            tally: Tally { terms: vec![] },
            full,
            unit: None,
        }
    }

    #[test]
    fn the_best_scores_full_marks_and_others_their_share() {
        let m = method(dec!(100));
        assert_eq!(m.score_of(dec!(20), dec!(20)), dec!(100));
        assert_eq!(m.score_of(dec!(17), dec!(20)), dec!(85));
        assert_eq!(m.score_of(dec!(1), dec!(3)).round_dp(2), dec!(33.33));
        assert_eq!(method(dec!(90)).score_of(dec!(5), dec!(10)), dec!(45));
    }

    #[test]
    fn nothing_done_scores_nothing() {
        let m = method(dec!(100));
        assert_eq!(m.score_of(dec!(0), dec!(0)), dec!(0));
        assert_eq!(m.score_of(dec!(-5), dec!(-1)), dec!(0));
        assert_eq!(m.score_of(dec!(-5), dec!(10)), dec!(0));
    }
}
