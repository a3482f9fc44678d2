//! `quota`: a count per period against a quota ("每月不低于40条，空白月扣10分，
//! 不足40条的月份扣5分"), R06.
//!
//! One `count` input per period (`periods`, in order: January to
//! December). A period with no item at all loses `empty` points, a period
//! below the quota (but not empty) loses `short` points, and the indicator
//! keeps its points less these, down to 0 at worst (扣完为止). Points are
//! the indicator's own, as such rubrics write them.

use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Bound, Kind, Param};

/// Parameters of the `quota` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    /// One count per period, in order.
    pub periods: Vec<InputRef>,
    /// The least each period should have.
    pub quota: Decimal,
    /// Points lost for a period with nothing.
    pub empty: Decimal,
    /// Points lost for a period below the quota, not empty.
    pub short: Decimal,
}

const PERIODS: Param = Param::required(
    "periods",
    Kind::Inputs(&[InputKind::Count]),
    "one count per period, in order (January to December)",
);
const QUOTA: Param = Param::required(
    "quota",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: None,
    },
    "the least each period should have (每月不低于40条: 40)",
);
const EMPTY: Param = Param::required(
    "empty",
    Kind::Decimal {
        min: Bound::Inclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the indicator's `weight`"),
    },
    "points lost for a period with nothing at all (空白月扣10分)",
);
const SHORT: Param = Param::required(
    "short",
    Kind::Decimal {
        min: Bound::Inclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the indicator's `weight`"),
    },
    "points lost for a period below the quota but not empty (不足的月份扣5分)",
);

impl Quota {
    /// The points lost in one period with `n` items.
    fn lost(&self, n: Decimal) -> Decimal {
        if n.is_zero() {
            self.empty
        } else if n < self.quota {
            self.short
        } else {
            Decimal::ZERO
        }
    }
}

impl MethodSpec for Quota {
    const NAME: &'static str = "quota";
    const LABEL: (&'static str, &'static str) = ("定额", "quota per period");
    const SUMMARY: &'static str =
        "the indicator's points less `empty` per period with nothing and `short` per period below `quota`, down to 0";
    const PARAMS: &'static [Param] = &[PERIODS, QUOTA, EMPTY, SHORT];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Quota> {
        let periods = cx.inputs(&PERIODS);
        let quota = cx.decimal(&QUOTA);
        let (empty, short) = match cx.weight() {
            Some(w) => (cx.decimal_at_most(&EMPTY, w), cx.decimal_at_most(&SHORT, w)),
            None => (cx.decimal(&EMPTY), cx.decimal(&SHORT)),
        };
        for p in [&QUOTA, &EMPTY, &SHORT] {
            if cx.node(p.key).is_none() {
                cx.missing(p.key);
                return None;
            }
        }
        Some(Quota {
            periods: periods?,
            quota,
            empty,
            short,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: quota, periods: [c1, c2, c3], quota: 40, empty: 10, short: 5}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "periods",
            "{method: quota, periods: [c1, c2, c4], quota: 40, empty: 10, short: 5}",
        ),
        (
            "quota",
            "{method: quota, periods: [c1, c2, c3], quota: 30, empty: 10, short: 5}",
        ),
        (
            "empty",
            "{method: quota, periods: [c1, c2, c3], quota: 40, empty: 8, short: 5}",
        ),
        (
            "short",
            "{method: quota, periods: [c1, c2, c3], quota: 40, empty: 10, short: 4}",
        ),
    ];
}

impl LeafMethod for Quota {
    fn inputs(&self) -> Vec<&InputRef> {
        self.periods.iter().collect()
    }

    fn in_points(&self) -> bool {
        true
    }

    fn canonical(&self, out: &mut Canon) {
        for (k, p) in self.periods.iter().enumerate() {
            out.value(format!("periods.{k}"), p.id.clone());
        }
        out.decimal("quota", self.quota);
        out.decimal("empty", self.empty);
        out.decimal("short", self.short);
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let weight = cx.share() * Decimal::ONE_HUNDRED;
        let lost: Vec<Decimal> = (0..cx.len())
            .map(|o| {
                self.periods
                    .iter()
                    .map(|p| self.lost(cx.value(o, p.index)))
                    .sum()
            })
            .collect();
        let points = lost
            .iter()
            .map(|&l| (weight - l).max(Decimal::ZERO))
            .collect();
        Ok(Scored {
            scores: Scores::Points(points),
            values: Values::Decimals(lost),
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        self.periods.iter().map(|p| self.lost(input(p.index))).sum()
    }

    fn rule(&self, _rubric: &Rubric, lang: Lang) -> String {
        let (q, e, s, n) = (
            plain(self.quota),
            plain(self.empty),
            plain(self.short),
            self.periods.len(),
        );
        match lang {
            Lang::Zh => format!(
                "{n}个期间，每期不低于{q}；空白的期间扣{e}分，不足{q}的期间扣{s}分，扣完为止"
            ),
            Lang::En => format!(
                "{n} periods of at least {q} each; {e} off for a period with nothing, {s} off for one below {q}; down to 0 at most"
            ),
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained {
            rubric,
            row,
            result,
            tail,
            ..
        } = office;
        let counts: Vec<Decimal> = self.periods.iter().map(|p| row[p.index]).collect();
        let empty = counts.iter().filter(|c| c.is_zero()).count();
        let short = counts
            .iter()
            .filter(|c| !c.is_zero() && **c < self.quota)
            .count();
        let (e, s) = (plain(self.empty), plain(self.short));
        let lost = plain(result.value);
        let _ = rubric;
        if empty == 0 && short == 0 {
            return match lang {
                Lang::Zh => format!("各期均达到{} → {tail}", plain(self.quota)),
                Lang::En => format!("every period reached {} → {tail}", plain(self.quota)),
            };
        }
        match lang {
            Lang::Zh => format!(
                "空白{empty}期 × {e}分 + 不足{short}期 × {s}分 = 扣{lost}分 → {tail}"
            ),
            Lang::En => format!(
                "{empty} empty × {e} + {short} short × {s} = {lost} off → {tail}"
            ),
        }
    }
}
