//! `per_item`: points for each item, by tier, up to the indicator's points
//! ("一项可得2分，最高不超过6分"; "国家级每条4分，省级2分", R14).
//!
//! Points are the indicator's own, as rubric texts state them: each item
//! of a kind adds its points, and the sum stops at the indicator's weight.

use rust_decimal::Decimal;

use super::tally::Tally;
use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::{Lang, Text};
use crate::num::plain;
use crate::rubric::{MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Kind, Param};

/// Parameters of the `per_item` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerItem {
    /// The items counted, each term's coefficient the points one item
    /// adds (positive).
    pub per_item: Tally,
    /// Unit of the items, for explanations (条, 篇).
    pub unit: Option<Text>,
}

const PER_ITEM: Param = Param::required(
    "per_item",
    Kind::Tally,
    "the items counted and the points each adds (`{national: 4, provincial: 2}`, or one input at 1 point each); the sum stops at the indicator's weight",
);
const UNIT: Param = Param::optional(
    "unit",
    Kind::Text,
    "unit of the items, shown in explanations (条, 篇)",
);

impl MethodSpec for PerItem {
    const NAME: &'static str = "per_item";
    const LABEL: (&'static str, &'static str) = ("按条计分", "points per item");
    const SUMMARY: &'static str =
        "points per item by kind, added up to the indicator's weight at most";
    const PARAMS: &'static [Param] = &[PER_ITEM, UNIT];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<PerItem> {
        let per_item = Tally::load_positive(
            cx,
            &PER_ITEM,
            ("the points one item adds", "每项加的分数"),
        );
        let unit = cx.text(&UNIT);
        Some(PerItem {
            per_item: per_item?,
            unit,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: per_item, per_item: {c1: 4, c2: 2}, unit: 条}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "per_item",
            "{method: per_item, per_item: {c1: 4, c2: 1}, unit: 条}",
        ),
        (
            "unit",
            "{method: per_item, per_item: {c1: 4, c2: 2}, unit: 篇}",
        ),
    ];
}

impl LeafMethod for PerItem {
    fn inputs(&self) -> Vec<&InputRef> {
        self.per_item.inputs().collect()
    }

    fn in_points(&self) -> bool {
        true
    }

    fn canonical(&self, out: &mut Canon) {
        self.per_item.canonical("per_item", out);
        out.opt_text("unit", self.unit.as_ref());
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let weight = cx.share() * Decimal::ONE_HUNDRED;
        let earned: Vec<Decimal> = (0..cx.len())
            .map(|o| self.per_item.value_of(|i| cx.value(o, i)))
            .collect();
        let points = earned.iter().map(|&e| e.min(weight)).collect();
        Ok(Scored {
            scores: Scores::Points(points),
            values: Values::Decimals(earned),
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        self.per_item.value_of(input)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let unit = self.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
        let each: Vec<String> = self
            .per_item
            .terms
            .iter()
            .map(|t| {
                let label = rubric.inputs[t.input.index].label.get(lang);
                let p = plain(t.coefficient);
                match lang {
                    Lang::Zh => format!("{label}每{}得{p}分", if unit.is_empty() { "项" } else { unit }),
                    Lang::En => format!("{p} per {label}"),
                }
            })
            .collect();
        match lang {
            Lang::Zh => format!("{}，累计不超过本项分值", each.join("，")),
            Lang::En => format!("{}, up to the indicator's points", each.join(", ")),
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
        let unit = self.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
        let counted = self.per_item.counted(rubric, row, unit, lang);
        if counted.is_empty() {
            return match lang {
                Lang::Zh => format!("无 → {tail}"),
                Lang::En => format!("none → {tail}"),
            };
        }
        let earned = plain(result.value);
        let capped = result.value > result.points;
        match (lang, capped) {
            (Lang::Zh, false) => format!("{} = {earned}分 → {tail}", counted.join(" + ")),
            (Lang::Zh, true) => format!(
                "{} = {earned}分，以本项分值{}分为限 → {tail}",
                counted.join(" + "),
                plain(result.points)
            ),
            (Lang::En, false) => format!("{} = {earned} → {tail}", counted.join(" + ")),
            (Lang::En, true) => format!(
                "{} = {earned}, at most the indicator's {} → {tail}",
                counted.join(" + "),
                plain(result.points)
            ),
        }
    }
}
