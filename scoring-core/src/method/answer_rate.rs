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

use rust_decimal::Decimal;

use super::InputRef;

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
    pub fn outcome_at_rate(&self, rate: Decimal, late: Decimal) -> AnswerRateOutcome {
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
    pub fn score_after(rate: Decimal, deduction: Decimal) -> Decimal {
        if deduction > rate {
            return Decimal::ZERO;
        }
        (rate - deduction).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
    }
}

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
