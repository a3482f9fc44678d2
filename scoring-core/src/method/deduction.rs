//! `deduction`: the indicator's points less a deduction per incident
//! ("每发现一条扣1分", "扣完为止").
//!
//! Deductions are in the indicator's own points, as rubric texts state
//! them: one point per late report from a 5-point indicator leaves 3 after
//! two late reports, exactly (the points are kept exact; the score, 0–100,
//! is the points ÷ the weight × 100, for reading). Several kinds of
//! incident may count, each with its own deduction (`{late_reports: 1,
//! errors: 2}`).
//!
//! What the rubric must say, because published rubrics differ
//! (`beyond`, required): when the deductions exceed the indicator's points,
//! either the indicator scores 0 (`zero`: 扣完为止), or its points go below
//! 0 (`overdraw`: "二级、三级指标减分上限可突破自身权重"), which a group
//! above must then cap with its `subtotal_floor` ("一级指标减分上限为自身权重").
//! No incident at all scores full points.

use rust_decimal::Decimal;

use super::tally::Tally;
use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::{Lang, Text};
use crate::num::plain;
use crate::rubric::{MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores};
use crate::spec::{Kind, Param};

/// What happens when the deductions exceed the indicator's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Beyond {
    /// The indicator scores 0 (扣完为止).
    Zero,
    /// Its points go below 0; a group above caps the deductions with its
    /// `floor`.
    Overdraw,
}

impl Beyond {
    /// The name in rubric files.
    pub fn name(self) -> &'static str {
        match self {
            Beyond::Zero => "zero",
            Beyond::Overdraw => "overdraw",
        }
    }

    fn parse(name: &str) -> Option<Beyond> {
        match name {
            "zero" => Some(Beyond::Zero),
            "overdraw" => Some(Beyond::Overdraw),
            _ => None,
        }
    }
}

/// Parameters of the `deduction` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deduction {
    /// The incidents counted, each term's coefficient the points one
    /// incident takes off (positive).
    pub per_incident: Tally,
    /// When the deductions exceed the indicator's points.
    pub beyond: Beyond,
    /// Unit of the incidents, for explanations (条, 次).
    pub unit: Option<Text>,
}

const PER_INCIDENT: Param = Param::required(
    "per_incident",
    Kind::Tally,
    "the incidents counted and the points each takes off the indicator (`{late_reports: 1, errors: 2}`, or one input at 1 point each)",
);
const BEYOND: Param = Param::required(
    "beyond",
    Kind::Choice {
        choices: &["zero", "overdraw"],
        default: None,
    },
    "when deductions exceed the indicator's points: `zero` (扣完为止: it scores 0) or `overdraw` (its points go below 0; a group above caps them with `subtotal_floor`)",
);
const UNIT: Param = Param::optional(
    "unit",
    Kind::Text,
    "unit of the incidents, shown in explanations (条, 次)",
);

impl Deduction {
    /// The points an office keeps on an indicator of `weight` points with
    /// `deducted` points of deductions.
    pub fn points(&self, weight: Decimal, deducted: Decimal) -> Decimal {
        let left = weight - deducted;
        match self.beyond {
            Beyond::Zero => left.max(Decimal::ZERO),
            Beyond::Overdraw => left,
        }
    }
}

impl MethodSpec for Deduction {
    const NAME: &'static str = "deduction";
    const LABEL: (&'static str, &'static str) = ("扣分", "deduction");
    const SUMMARY: &'static str =
        "the indicator's points less a deduction per incident; `beyond` says what happens past 0";
    const PARAMS: &'static [Param] = &[PER_INCIDENT, BEYOND, UNIT];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Deduction> {
        let per_incident = Tally::load_positive(
            cx,
            &PER_INCIDENT,
            ("the points one incident takes off", "每次扣的分数"),
        );
        let beyond = cx.choice(&BEYOND, Beyond::parse);
        let unit = cx.text(&UNIT);
        Some(Deduction {
            per_incident: per_incident?,
            beyond: beyond?,
            unit,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str =
        "{method: deduction, per_incident: {c1: 1, c2: 2}, beyond: zero, unit: 次}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "per_incident",
            "{method: deduction, per_incident: {c1: 1, c2: 3}, beyond: zero, unit: 次}",
        ),
        (
            "beyond",
            "{method: deduction, per_incident: {c1: 1, c2: 2}, beyond: overdraw, unit: 次}",
        ),
        (
            "unit",
            "{method: deduction, per_incident: {c1: 1, c2: 2}, beyond: zero, unit: 条}",
        ),
    ];
}

impl LeafMethod for Deduction {
    fn inputs(&self) -> Vec<&InputRef> {
        self.per_incident.inputs().collect()
    }

    fn in_points(&self) -> bool {
        true
    }

    fn canonical(&self, out: &mut Canon) {
        self.per_incident.canonical("per_incident", out);
        out.value("beyond", self.beyond.name());
        out.opt_text("unit", self.unit.as_ref());
    }

    fn overdraws(&self) -> bool {
        self.beyond == Beyond::Overdraw
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let weight = cx.share() * Decimal::ONE_HUNDRED;
        let deducted: Vec<Decimal> = (0..cx.len())
            .map(|o| self.per_incident.value_of(|i| cx.value(o, i)))
            .collect();
        let points = deducted
            .iter()
            .map(|&d| self.points(weight, d))
            .collect();
        Ok(Scored {
            scores: Scores::Points(points),
            values: crate::score::Values::Decimals(deducted),
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        self.per_incident.value_of(input)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let unit = self.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
        let each: Vec<String> = self
            .per_incident
            .terms
            .iter()
            .map(|t| {
                let label = rubric.inputs[t.input.index].label.get(lang);
                let d = plain(t.coefficient);
                match lang {
                    Lang::Zh => format!("{label}每{}扣{d}分", if unit.is_empty() { "次" } else { unit }),
                    Lang::En => format!("{d} off per {}", label),
                }
            })
            .collect();
        let beyond = match (self.beyond, lang) {
            (Beyond::Zero, Lang::Zh) => "扣完为止",
            (Beyond::Zero, Lang::En) => "down to 0 at most",
            (Beyond::Overdraw, Lang::Zh) => "可扣至负分（由上级指标封顶）",
            (Beyond::Overdraw, Lang::En) => {
                "may go below 0 (the group above caps the deductions)"
            }
        };
        match lang {
            Lang::Zh => format!("{}，{beyond}", each.join("，")),
            Lang::En => format!("{}; {beyond}", each.join(", ")),
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
        let counted = self.per_incident.counted(rubric, row, unit, lang);
        if counted.is_empty() {
            return match lang {
                Lang::Zh => format!("无扣分 → {tail}"),
                Lang::En => format!("nothing deducted → {tail}"),
            };
        }
        let deducted = plain(result.value);
        match lang {
            Lang::Zh => format!("扣分：{}，共{deducted}分 → {tail}", counted.join(" + ")),
            Lang::En => format!("deducted: {}, {deducted} in all → {tail}", counted.join(" + ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn method(beyond: Beyond) -> Deduction {
        Deduction {
            per_incident: Tally { terms: vec![] },
            beyond,
            unit: None,
        }
    }

    #[test]
    fn deductions_come_off_the_points_and_stop_at_zero_or_overdraw() {
        let zero = method(Beyond::Zero);
        assert_eq!(zero.points(dec!(5), dec!(2)), dec!(3));
        assert_eq!(zero.points(dec!(5), dec!(0)), dec!(5));
        assert_eq!(zero.points(dec!(5), dec!(8)), dec!(0));
        let over = method(Beyond::Overdraw);
        assert_eq!(over.points(dec!(5), dec!(8)), dec!(-3));
        assert_eq!(over.points(dec!(3), dec!(1)), dec!(2));
    }
}
