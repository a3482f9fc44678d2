//! `rank`: offices ranked by a linear tally of their inputs.
//!
//! The rubric text says "第一名100分，名次往后一位得分递减5分": first place
//! scores 100, each place after it 5 fewer. The value ranked is a tally such
//! as `{system_links: 0.5}` or `{shared_databases: 5, stale_databases: -5}`;
//! higher is better.
//!
//! Interpretations, written down:
//! - **Ties** share the best place and the next place is skipped
//!   (1, 2, 2, 4 — Excel `RANK.EQ`, 标准竞争排名). `ties: dense` gives
//!   1, 2, 2, 3 instead.
//! - **Floor**: the text does not say what happens past the 21st place,
//!   where 100 − 5 × 20 = 0. The score never goes below `floor` (0 by
//!   default): a negative score for publishing little would make the leaf
//!   take points away from the rest of the total.
//! - Offices with a value of zero are ranked like any other.

use rust_decimal::Decimal;

use super::tally::Tallies;
use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::{Lang, Text, ordinal_en};
use crate::num::plain;
pub use crate::ranking::{Placing, Ties};
use crate::ranking::{packed_placings, placings_of_keys};
use crate::rubric::{MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores};
use crate::spec::{Bound, Kind, Param};

pub use super::tally::{Tally, Term};

/// Parameters of the `rank` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rank {
    /// The linear tally ranked, highest first.
    pub tally: Tally,
    /// Score of the first place (100).
    pub first: Decimal,
    /// Points lost per place after the first (5).
    pub step: Decimal,
    /// The lowest score a place can get (0).
    pub floor: Decimal,
    /// How ties are placed.
    pub ties: Ties,
    /// Unit of the tally, for explanations (条, 次, 分).
    pub unit: Option<Text>,
}

const TALLY: Param = Param::required(
    "tally",
    Kind::Tally,
    "what offices are ranked by, highest first",
);
const FIRST: Param = Param::optional(
    "first",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Inclusive(Decimal::ONE_HUNDRED),
        default: Some(Rank::DEFAULT_FIRST),
        also: None,
    },
    "score of the 1st place",
);
const STEP: Param = Param::optional(
    "step",
    Kind::Decimal {
        min: Bound::Inclusive(Decimal::ZERO),
        max: Bound::Inclusive(Decimal::ONE_HUNDRED),
        default: Some(Rank::DEFAULT_STEP),
        also: None,
    },
    "points lost per place after the 1st",
);
const FLOOR: Param = Param::optional(
    "floor",
    Kind::Decimal {
        min: Bound::Inclusive(Decimal::ZERO),
        max: Bound::Inclusive(Decimal::ONE_HUNDRED),
        default: Some(Rank::DEFAULT_FLOOR),
        also: Some("at most `first`"),
    },
    "the lowest score a place can get",
);
const TIES: Param = Param::optional(
    "ties",
    Kind::Choice {
        choices: &["competition", "dense"],
        default: Some("competition"),
    },
    "how tied offices are placed: 1, 2, 2, 4 (`competition`) or 1, 2, 2, 3 (`dense`)",
);
const UNIT: Param = Param::optional(
    "unit",
    Kind::Text,
    "unit of the tally, shown in explanations (条, 次, 分)",
);

impl Rank {
    /// The default first-place score, 100.
    pub const DEFAULT_FIRST: Decimal = Decimal::ONE_HUNDRED;
    /// The default step, 5.
    pub const DEFAULT_STEP: Decimal = Decimal::from_parts(5, 0, 0, false, 0);
    /// The default floor, 0.
    pub const DEFAULT_FLOOR: Decimal = Decimal::ZERO;

    /// Score of a place: `max(floor, first − step × (place − 1))`.
    pub fn score_for_place(&self, place: u32) -> Decimal {
        let raw = self.first - self.step * Decimal::from(place.saturating_sub(1));
        raw.max(self.floor)
    }

    /// Whether a place's score was raised to the floor.
    pub(crate) fn at_floor(&self, place: u32) -> bool {
        self.first - self.step * Decimal::from(place.saturating_sub(1)) < self.floor
    }

    /// Scores for places 1, 2, 3…: entry `p − 1` is the score of place `p`;
    /// places past the end score like the last entry (the floor, or the
    /// first-place score when the step is 0).
    pub(crate) fn place_scores(&self, max_place: u32) -> Vec<Decimal> {
        let mut out = Vec::new();
        for place in 1..=max_place.max(1) {
            let s = self.score_for_place(place);
            out.push(s);
            if self.step.is_zero() || s == self.floor {
                break;
            }
        }
        out
    }
}

impl MethodSpec for Rank {
    const NAME: &'static str = "rank";
    const LABEL: (&'static str, &'static str) = ("按名次计分", "by place");
    const SUMMARY: &'static str =
        "offices ranked by a tally of inputs: 1st place `first`, `step` less per place";
    const PARAMS: &'static [Param] = &[TALLY, FIRST, STEP, FLOOR, TIES, UNIT];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Rank> {
        let tally = Tally::load(cx, &TALLY);
        let first = cx.decimal(&FIRST);
        let step = cx.decimal(&STEP);
        let floor = cx.decimal_at_most(&FLOOR, first);
        let ties = cx.choice(&TIES, Ties::parse).unwrap_or_default();
        let unit = cx.text(&UNIT);
        Some(Rank {
            tally: tally?,
            first,
            step,
            floor,
            ties,
            unit,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: rank, tally: {c1: 1, c2: 0.5}, first: 100, step: 5, floor: 0, ties: competition, unit: 条}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "tally",
            "{method: rank, tally: {c1: 1, c2: 0.6}, first: 100, step: 5, floor: 0, ties: competition, unit: 条}",
        ),
        (
            "first",
            "{method: rank, tally: {c1: 1, c2: 0.5}, first: 90, step: 5, floor: 0, ties: competition, unit: 条}",
        ),
        (
            "step",
            "{method: rank, tally: {c1: 1, c2: 0.5}, first: 100, step: 2, floor: 0, ties: competition, unit: 条}",
        ),
        (
            "floor",
            "{method: rank, tally: {c1: 1, c2: 0.5}, first: 100, step: 5, floor: 60, ties: competition, unit: 条}",
        ),
        (
            "ties",
            "{method: rank, tally: {c1: 1, c2: 0.5}, first: 100, step: 5, floor: 0, ties: dense, unit: 条}",
        ),
        (
            "unit",
            "{method: rank, tally: {c1: 1, c2: 0.5}, first: 100, step: 5, floor: 0, ties: competition, unit: 分}",
        ),
    ];
}

impl LeafMethod for Rank {
    fn depends_on_others(&self) -> bool {
        true
    }

    fn inputs(&self) -> Vec<&InputRef> {
        self.tally.inputs().collect()
    }

    fn canonical(&self, out: &mut Canon) {
        self.tally.canonical("tally", out);
        out.decimal("first", self.first);
        out.decimal("step", self.step);
        out.decimal("floor", self.floor);
        out.value("ties", self.ties.name());
        out.opt_text("unit", self.unit.as_ref());
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let (tallies, values) = self.tally.evaluate(cx)?;
        let placing = match &tallies {
            Tallies::Counts(counts) => placings_of_keys(counts, self.ties),
            Tallies::Keys(keys) => placings_of_keys(keys, self.ties),
            Tallies::Decimals(values) => packed_placings(values, self.ties),
        };
        let max_place = placing
            .iter()
            .map(|&p| Placing::unpack(p).place)
            .max()
            .unwrap_or(1);
        Ok(Scored {
            scores: Scores::ByPlace {
                placing,
                score: self.place_scores(max_place),
            },
            values,
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        self.tally.value_of(input)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let tally = self.tally.words(rubric, lang);
        let (first, step, floor) = (plain(self.first), plain(self.step), plain(self.floor));
        match lang {
            Lang::Zh => {
                let ties = match self.ties {
                    Ties::Competition => "并列者名次相同，其后名次顺延（1、2、2、4）",
                    Ties::Dense => "并列者名次相同，其后名次不空缺（1、2、2、3）",
                };
                format!(
                    "按{tally}排名：第一名{first}分，名次每后一位减{step}分，最低{floor}分；{ties}"
                )
            }
            Lang::En => {
                let ties = match self.ties {
                    Ties::Competition => {
                        "ties share the best place and the next is skipped (1, 2, 2, 4)"
                    }
                    Ties::Dense => "ties share a place and none is skipped (1, 2, 2, 3)",
                };
                format!(
                    "ranked by {tally}: 1st place {first}, {step} less per place, at least {floor}; {ties}"
                )
            }
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained {
            result,
            tail,
            rubric,
            row,
            ..
        } = office;
        let placing = result.placing.expect("ranked leaves have places");
        let unit = self.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
        // A tally in points (每条记1分, 每个记3分) says what it counted, so
        // that its 分 is not read as the score: `共享统计报表数3 × 3分 = 9分`.
        let in_points = self.tally.terms.iter().any(|t| t.coefficient != Decimal::ONE)
            || matches!(unit, "分" | "points");
        let counted = if in_points {
            self.tally.counted(rubric, row, "", lang)
        } else {
            Vec::new()
        };
        let value = if counted.is_empty() {
            plain(result.value)
        } else {
            format!("{} = {}", counted.join(" + "), plain(result.value))
        };
        let floor = self.at_floor(placing.place);
        match lang {
            Lang::Zh => format!(
                "{}第{}名/共{}个（{}{}）→ {}{}",
                if placing.shared { "并列" } else { "" },
                placing.place,
                result.of,
                value,
                unit,
                if floor { "最低分 " } else { "" },
                tail
            ),
            Lang::En => format!(
                "{}{} of {} ({}{}{}) → {}{}",
                if placing.shared { "tied " } else { "" },
                ordinal_en(placing.place as u64),
                result.of,
                value,
                if unit.is_empty() { "" } else { " " },
                unit,
                if floor { "floor " } else { "" },
                tail
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rank(first: Decimal, step: Decimal, floor: Decimal) -> Rank {
        Rank {
            tally: Tally { terms: vec![] },
            first,
            step,
            floor,
            ties: Ties::Competition,
            unit: None,
        }
    }

    #[test]
    fn place_score_tables_stop_at_the_floor() {
        let r = rank(dec!(100), dec!(5), dec!(0));
        let t = r.place_scores(500);
        assert_eq!(t.len(), 21);
        assert_eq!((t[0], t[19], t[20]), (dec!(100), dec!(5), dec!(0)));
        let flat = rank(dec!(100), dec!(0), dec!(0));
        assert_eq!(flat.place_scores(500), [dec!(100)]);
        assert_eq!(r.place_scores(3).len(), 3);
    }

    #[test]
    fn score_steps_down_and_stops_at_the_floor() {
        let r = rank(dec!(100), dec!(5), dec!(0));
        assert_eq!(r.score_for_place(1), dec!(100));
        assert_eq!(r.score_for_place(2), dec!(95));
        assert_eq!(r.score_for_place(20), dec!(5));
        assert_eq!(r.score_for_place(21), dec!(0));
        assert!(!r.at_floor(21));
        assert_eq!(r.score_for_place(22), dec!(0));
        assert!(r.at_floor(22));
        assert_eq!(r.score_for_place(500), dec!(0));
    }

    #[test]
    fn overridden_parameters() {
        let r = rank(dec!(90), dec!(2.5), dec!(60));
        assert_eq!(r.score_for_place(1), dec!(90));
        assert_eq!(r.score_for_place(3), dec!(85));
        assert_eq!(r.score_for_place(13), dec!(60));
        assert_eq!(r.score_for_place(14), dec!(60));
    }
}
