//! `answer_rate`: answered ÷ asked × 100, less a penalty per late item.
//!
//! The rubric text: "分数为答复量/提问量*100；若提问量为0，答复率按100%计，
//! 超过3个工作日没答复的每条扣2分".
//!
//! Interpretations, written down:
//! - The ratio is exact (a `Decimal` division, 28 significant digits);
//!   it is never rounded before the published figures are.
//! - Nothing asked means a rate of 100%, as the text says.
//! - "Late" items are those not answered within the deadline, answered late
//!   or never; there can be no more of them than items asked.
//! - The penalty can push the score below zero arithmetically; the score is
//!   clamped to [0, 100] so that one leaf never takes points from others.

use std::collections::HashMap;

use foldhash::fast::FixedState;
use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::dataset::{Column, RowCheck};
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric, RubricProblem};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Bound, Kind, Param, Shape};

/// The deadline the rubric sets for an answer, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deadline {
    /// Working days allowed after the day of receipt (3 for consultations,
    /// 15 for requests in the Shandong 2017 rubric).
    pub working_days: u32,
    /// The longest extension that may be granted, in working days
    /// (Shandong art. 12: 15), if the rubric allows extensions.
    pub max_extension_working_days: Option<u32>,
}

/// Parameters of the `answer_rate` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRate {
    /// The count of items asked (received).
    pub asked: InputRef,
    /// The count of items answered.
    pub answered: InputRef,
    /// The count of items not answered within the deadline.
    pub late: InputRef,
    /// Points deducted per late item (2).
    pub penalty: Decimal,
    /// The deadline, recorded for the working-day calendar.
    pub deadline: Option<Deadline>,
    /// Other names of this indicator in item logs' `kind` column
    /// (`consultation`, `咨询`); the indicator's id is always accepted.
    pub item_kinds: Vec<String>,
}

/// How one office's answer-rate score came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnswerRateOutcome {
    /// answered ÷ asked × 100, or 100 when nothing was asked.
    pub rate: Decimal,
    /// penalty × late.
    pub deduction: Decimal,
    /// The score after deduction and clamping to [0, 100].
    pub score: Decimal,
    /// Whether the raw score fell outside [0, 100] and was clamped.
    pub clamped: bool,
}

impl AnswerRate {
    /// The default penalty per late item, 2.
    pub const DEFAULT_PENALTY: Decimal = Decimal::TWO;

    /// Scores one office. `answered ≤ asked` and `late ≤ asked` are checked
    /// when the dataset is read; this function does not rely on them.
    pub fn outcome(&self, asked: Decimal, answered: Decimal, late: Decimal) -> AnswerRateOutcome {
        self.outcome_at_rate(Self::rate(asked, answered), late)
    }

    /// answered ÷ asked × 100, or 100 when nothing was asked: the rate
    /// [`AnswerRate::outcome`] starts from.
    pub fn rate(asked: Decimal, answered: Decimal) -> Decimal {
        if asked.is_zero() || answered == asked {
            Decimal::ONE_HUNDRED
        } else {
            answered * Decimal::ONE_HUNDRED / asked
        }
    }

    /// The outcome for a rate already computed by [`AnswerRate::rate`]:
    /// the same as [`AnswerRate::outcome`].
    pub(crate) fn outcome_at_rate(&self, rate: Decimal, late: Decimal) -> AnswerRateOutcome {
        let deduction = self.deduction(late);
        let raw = rate - deduction;
        let score = raw.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
        AnswerRateOutcome {
            rate,
            deduction,
            score,
            clamped: score != raw,
        }
    }
}

impl AnswerRate {
    /// penalty × late: what [`AnswerRate::outcome`] deducts.
    pub fn deduction(&self, late: Decimal) -> Decimal {
        self.penalty * late
    }

    /// The score for a rate and a deduction: the same as
    /// `outcome_at_rate(rate, late).score` when `deduction` is
    /// [`AnswerRate::deduction`]`(late)`, without the subtraction when the
    /// deduction takes the score below 0 (it is 0 then).
    pub(crate) fn score_after(rate: Decimal, deduction: Decimal) -> Decimal {
        if deduction > rate {
            return Decimal::ZERO;
        }
        (rate - deduction).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
    }
}

const COUNT: &[InputKind] = &[InputKind::Count];
const ASKED: Param = Param::required(
    "asked",
    Kind::Input(COUNT),
    "the count of items asked (received)",
);
const ANSWERED: Param = Param::required(
    "answered",
    Kind::Input(COUNT),
    "the count of items answered",
);
const LATE: Param = Param::required(
    "late",
    Kind::Input(COUNT),
    "the count of items not answered within the deadline (late or never)",
);
const PENALTY: Param = Param::optional(
    "penalty",
    Kind::Decimal {
        min: Bound::Inclusive(Decimal::ZERO),
        max: Bound::Inclusive(Decimal::ONE_HUNDRED),
        default: Some(AnswerRate::DEFAULT_PENALTY),
        also: None,
    },
    "points deducted per late item",
);
const WORKING_DAYS: Param = Param::required(
    "working_days",
    Kind::Whole {
        min: 1,
        max: 365,
        default: None,
    },
    "working days allowed after the day of receipt",
);
const MAX_EXTENSION: Param = Param::optional(
    "max_extension_working_days",
    Kind::Whole {
        min: 0,
        max: 365,
        default: None,
    },
    "the longest extension that may be granted",
);
const DEADLINE_SHAPE: Shape = Shape {
    name: "deadline",
    params: &[WORKING_DAYS, MAX_EXTENSION],
    one_of: &[],
};
const DEADLINE: Param = Param::optional(
    "deadline",
    Kind::Mapping(&DEADLINE_SHAPE),
    "what an item log is judged by (see item logs below)",
);
const ITEM_KINDS: Param = Param::optional(
    "item_kinds",
    Kind::Names,
    "names of this indicator in item logs' `kind` column, besides its id",
);

impl MethodSpec for AnswerRate {
    const NAME: &'static str = "answer_rate";
    const LABEL: (&'static str, &'static str) = ("答复率", "answer rate");
    const SUMMARY: &'static str =
        "answered ÷ asked × 100 (100 when nothing was asked), less a penalty per late item";
    const PARAMS: &'static [Param] = &[ASKED, ANSWERED, LATE, PENALTY, DEADLINE, ITEM_KINDS];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<AnswerRate> {
        let asked = cx.input(&ASKED);
        let answered = cx.input(&ANSWERED);
        let late = cx.input(&LATE);
        let penalty = cx.decimal(&PENALTY);
        let deadline = cx.nested(
            &DEADLINE,
            ("{working_days: N}", "{working_days: 工作日数}"),
            |d| {
                let working_days = d.whole(&WORKING_DAYS);
                let max_extension_working_days = d.whole(&MAX_EXTENSION);
                working_days.map(|working_days| Deadline {
                    working_days,
                    max_extension_working_days,
                })
            },
        );
        let item_kinds = cx.names(
            &ITEM_KINDS,
            "item_kind",
            (
                "a list of names ([consultation, 咨询])",
                "名称列表（[consultation, 咨询]）",
            ),
        );
        let (asked, answered, late) = (asked?, answered?, late?);
        for (a, b) in [(&asked, &answered), (&asked, &late), (&answered, &late)] {
            if a.id == b.id {
                cx.error_here(RubricProblem::RepeatedInput { id: a.id.clone() });
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

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: answer_rate, asked: c1, answered: c2, late: c3, penalty: 2, deadline: {working_days: 3, max_extension_working_days: 15}, item_kinds: [consultation]}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "asked",
            "{method: answer_rate, asked: c4, answered: c2, late: c3, penalty: 2, deadline: {working_days: 3, max_extension_working_days: 15}, item_kinds: [consultation]}",
        ),
        (
            "answered",
            "{method: answer_rate, asked: c1, answered: c4, late: c3, penalty: 2, deadline: {working_days: 3, max_extension_working_days: 15}, item_kinds: [consultation]}",
        ),
        (
            "late",
            "{method: answer_rate, asked: c1, answered: c2, late: c4, penalty: 2, deadline: {working_days: 3, max_extension_working_days: 15}, item_kinds: [consultation]}",
        ),
        (
            "penalty",
            "{method: answer_rate, asked: c1, answered: c2, late: c3, penalty: 1.5, deadline: {working_days: 3, max_extension_working_days: 15}, item_kinds: [consultation]}",
        ),
        (
            "deadline",
            "{method: answer_rate, asked: c1, answered: c2, late: c3, penalty: 2, deadline: {working_days: 5, max_extension_working_days: 15}, item_kinds: [consultation]}",
        ),
        (
            "deadline",
            "{method: answer_rate, asked: c1, answered: c2, late: c3, penalty: 2, deadline: {working_days: 3}, item_kinds: [consultation]}",
        ),
        (
            "item_kinds",
            "{method: answer_rate, asked: c1, answered: c2, late: c3, penalty: 2, deadline: {working_days: 3, max_extension_working_days: 15}, item_kinds: [consultation, 咨询]}",
        ),
    ];
}

impl LeafMethod for AnswerRate {
    fn inputs(&self) -> Vec<&InputRef> {
        vec![&self.asked, &self.answered, &self.late]
    }

    fn canonical(&self, out: &mut Canon) {
        out.value("asked", self.asked.id.clone());
        out.value("answered", self.answered.id.clone());
        out.value("late", self.late.id.clone());
        out.decimal("penalty", self.penalty);
        if let Some(d) = self.deadline {
            out.value("deadline.working_days", d.working_days.to_string());
            if let Some(x) = d.max_extension_working_days {
                out.value("deadline.max_extension_working_days", x.to_string());
            }
        }
        out.set("item_kinds", "item_kind", &self.item_kinds);
    }

    fn row_checks(&self) -> Vec<RowCheck> {
        vec![
            RowCheck::AtMost {
                input: self.answered.index,
                limit: self.asked.index,
            },
            RowCheck::AtMost {
                input: self.late.index,
                limit: self.asked.index,
            },
        ]
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        Ok(Scored {
            scores: Scores::PerOffice(self.scores(cx)),
            // The rate, needed only to explain a score, is computed again
            // from the dataset's columns when asked for.
            values: Values::Computed,
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        AnswerRate::rate(input(self.asked.index), input(self.answered.index))
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let label = |i: &InputRef| rubric.inputs[i.index].label.get(lang).to_string();
        let (answered, asked, late_input) =
            (label(&self.answered), label(&self.asked), label(&self.late));
        let penalty = plain(self.penalty);
        match lang {
            Lang::Zh => {
                let late = match self.deadline {
                    Some(Deadline {
                        working_days,
                        max_extension_working_days: Some(x),
                    }) => format!("超过{working_days}个工作日（经批准延期的，再加至多{x}个工作日）未答复的"),
                    Some(d) => format!("超过{}个工作日未答复的", d.working_days),
                    None => "超期答复的".to_string(),
                };
                format!(
                    "{answered} ÷ {asked} × 100（{asked}为0时按100%计）；{late}每条扣{penalty}分（{late_input}）；得分在0到100之间"
                )
            }
            Lang::En => {
                let late = match self.deadline {
                    Some(d) => {
                        let mut late = format!(
                            "not answered within {}",
                            crate::lang::working_days(d.working_days)
                        );
                        if let Some(x) = d.max_extension_working_days {
                            late.push_str(&format!(
                                " (or, where an extension was granted, up to {} more)",
                                crate::lang::working_days(x)
                            ));
                        }
                        late
                    }
                    None => "answered late".to_string(),
                };
                format!(
                    "{answered} ÷ {asked} × 100 (100 when nothing was asked), less {penalty} per item {late} ({late_input}); kept within 0–100"
                )
            }
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained { rubric, row, tail, .. } = office;
        let short = |v: Decimal| plain(rubric.round(v));
        let (asked, answered, late) = (
            row[self.asked.index],
            row[self.answered.index],
            row[self.late.index],
        );
        let out = self.outcome(asked, answered, late);
        let mut s = match (asked.is_zero(), lang) {
            // Named by the count that is 0 (提问量, 申请量…).
            (true, Lang::Zh) => format!(
                "{}为0，答复率按100%计",
                rubric.inputs[self.asked.index].label.zh
            ),
            (true, Lang::En) => format!(
                "{} is 0: the rate counts as 100%",
                rubric.inputs[self.asked.index].label.get(Lang::En)
            ),
            // Neutral words: the same method scores consultations
            // (提问) and applications (申请); the rule names the inputs.
            (false, Lang::Zh) => format!(
                "答复率 {}/{} = {}%",
                plain(answered),
                plain(asked),
                short(out.rate)
            ),
            (false, Lang::En) => format!(
                "answered {} of {} = {}%",
                plain(answered),
                plain(asked),
                short(out.rate)
            ),
        };
        if !late.is_zero() {
            s.push_str(&match lang {
                Lang::Zh => format!(
                    "；超期{}条 × {}分 = −{}分",
                    plain(late),
                    plain(self.penalty),
                    plain(out.deduction)
                ),
                Lang::En => format!(
                    "; {} late × {} = −{}",
                    plain(late),
                    plain(self.penalty),
                    plain(out.deduction)
                ),
            });
        }
        if out.clamped {
            s.push_str(lang.pick("；最低0分", "; not below 0"));
        }
        format!("{s} → {tail}")
    }
}

impl AnswerRate {
    /// The score of every office.
    fn scores(&self, cx: &ScoreCx<'_>) -> Vec<Decimal> {
        let n = cx.len();
        let (asked, answered, late) = (
            cx.column(self.asked.index),
            cx.column(self.answered.index),
            cx.column(self.late.index),
        );
        if let (Column::Whole(asked), Column::Whole(answered)) = (asked, answered) {
            // Many offices share a pair of counts, and so a rate (a decimal
            // division each): rates are kept by pair, up to a bound.
            let mut rates: HashMap<(u32, u32), Decimal, FixedState> =
                HashMap::with_hasher(FixedState::default());
            // Kept for late counts below 1 024 (a multiplication each).
            let mut deductions: Vec<Option<Decimal>> = Vec::new();
            if matches!(late, Column::Whole(_)) {
                deductions.resize(n.min(1024), None);
            }
            return (0..n)
                .map(|o| {
                    let pair = (asked[o], answered[o]);
                    let rate = match rates.get(&pair) {
                        Some(&rate) => rate,
                        None => {
                            let rate =
                                AnswerRate::rate(Decimal::from(pair.0), Decimal::from(pair.1));
                            if rates.len() < KEPT_RATES {
                                rates.insert(pair, rate);
                            }
                            rate
                        }
                    };
                    let deduction = match late {
                        Column::Whole(late) => {
                            let count = late[o];
                            match deductions.get_mut(count as usize) {
                                Some(kept) => *kept
                                    .get_or_insert_with(|| self.deduction(Decimal::from(count))),
                                None => self.deduction(Decimal::from(count)),
                            }
                        }
                        Column::Decimal(late) => self.deduction(late[o]),
                    };
                    AnswerRate::score_after(rate, deduction)
                })
                .collect();
        }
        (0..n)
            .map(|o| {
                self.outcome(asked.get(o), answered.get(o), late.get(o))
                    .score
            })
            .collect()
    }
}

/// How many distinct answer rates a scorecard keeps while it is made.
const KEPT_RATES: usize = 1 << 14;

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn method(penalty: Decimal) -> AnswerRate {
        let r = |id: &str, index| InputRef {
            id: id.into(),
            index,
        };
        AnswerRate {
            asked: r("asked", 0),
            answered: r("answered", 1),
            late: r("late", 2),
            penalty,
            deadline: None,
            item_kinds: Vec::new(),
        }
    }

    #[test]
    fn the_score_alone_is_the_outcome_s_score() {
        for penalty in [dec!(0), dec!(2), dec!(0.5), dec!(1.25), dec!(-3)] {
            let m = method(penalty);
            for asked in [0u32, 1, 3, 7, 40, 150] {
                for answered in 0..=asked.min(12) {
                    for late in [0u32, 1, 2, 5, 20, 50, 60, 200] {
                        let (asked, answered, late) = (
                            Decimal::from(asked),
                            Decimal::from(answered),
                            Decimal::from(late),
                        );
                        let want = m.outcome(asked, answered, late);
                        let rate = AnswerRate::rate(asked, answered);
                        let got = AnswerRate::score_after(rate, m.deduction(late));
                        assert_eq!(got, want.score, "{asked} {answered} {late} at {penalty}");
                        // Stored as it is: the same digits, not only the value.
                        assert_eq!(got.to_string(), want.score.to_string());
                    }
                }
            }
            // Rates above 100 (more answered than asked, which datasets
            // refuse) and fractional late counts, all the same.
            for (asked, answered, late) in [
                (dec!(2), dec!(3), dec!(0)),
                (dec!(2), dec!(3), dec!(1.5)),
                (dec!(7), dec!(3), dec!(0.25)),
                (dec!(3), dec!(1), dec!(16.6666)),
            ] {
                let want = m.outcome(asked, answered, late);
                let got =
                    AnswerRate::score_after(AnswerRate::rate(asked, answered), m.deduction(late));
                assert_eq!(
                    got.to_string(),
                    want.score.to_string(),
                    "{asked} {answered} {late}"
                );
            }
        }
    }

    #[test]
    fn all_answered_on_time() {
        let o = method(dec!(2)).outcome(dec!(40), dec!(40), dec!(0));
        assert_eq!(
            (o.rate, o.deduction, o.score, o.clamped),
            (dec!(100), dec!(0), dec!(100), false)
        );
    }

    #[test]
    fn nothing_asked_counts_as_full_rate() {
        let o = method(dec!(2)).outcome(dec!(0), dec!(0), dec!(0));
        assert_eq!(o.score, dec!(100));
    }

    #[test]
    fn ratio_is_exact_until_published() {
        // 法规处 in the worked example: 2 of 3 answered, 1 late.
        let o = method(dec!(2)).outcome(dec!(3), dec!(2), dec!(1));
        assert_eq!(o.deduction, dec!(2));
        assert_eq!(o.score.round_dp(2), dec!(64.67));
        assert!(o.score > dec!(64.666666) && o.score < dec!(64.666667));
    }

    #[test]
    fn penalties_past_zero_clamp_to_zero() {
        let o = method(dec!(2)).outcome(dec!(60), dec!(10), dec!(60));
        assert_eq!(o.score, dec!(0));
        assert!(o.clamped);
    }

    #[test]
    fn penalties_apply_when_nothing_was_answered_late_but_all_answered() {
        // 开发区处: 3 of 3 answered, all 3 late: 100 − 6.
        let o = method(dec!(2)).outcome(dec!(3), dec!(3), dec!(3));
        assert_eq!(o.score, dec!(94));
    }

    #[test]
    fn custom_penalty() {
        let o = method(dec!(0.5)).outcome(dec!(10), dec!(10), dec!(3));
        assert_eq!(o.score, dec!(98.5));
    }
}
