//! `on_time`: full marks when a flag says the work was on time, 0 otherwise.
//!
//! The rubric text: "按照规定时间内上报访谈加5分，逾期为0分". The leaf weighs
//! 5% of the total, so "+5 points" is read as full marks on that leaf
//! (100 × 5% = 5 points), and late as 0.

use rust_decimal::Decimal;

use super::{InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric};
use crate::score::{LeafScore, ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Bound, Kind, Param};

/// Parameters of the `on_time` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnTime {
    /// The flag input (1/0, true/false, 是/否).
    pub input: InputRef,
    /// The score when the flag is set (100).
    pub full: Decimal,
}

const INPUT: Param = Param::required(
    "input",
    Kind::Input(&[InputKind::Flag]),
    "the flag: set when the work was on time",
);
const FULL: Param = Param::optional(
    "full",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Inclusive(Decimal::ONE_HUNDRED),
        default: Some(Decimal::ONE_HUNDRED),
        also: None,
    },
    "the score when the flag is set",
);

impl OnTime {
    /// Scores one office from its flag value (0 or 1).
    pub fn score(&self, flag: Decimal) -> Decimal {
        if flag.is_zero() {
            Decimal::ZERO
        } else {
            self.full
        }
    }
}

impl MethodSpec for OnTime {
    const NAME: &'static str = "on_time";
    const SUMMARY: &'static str = "`full` when a flag is set, 0 otherwise";
    const PARAMS: &'static [Param] = &[INPUT, FULL];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<OnTime> {
        let input = cx.input(&INPUT);
        let full = cx.decimal(&FULL);
        Some(OnTime {
            input: input?,
            full,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: on_time, input: f1, full: 100}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        ("input", "{method: on_time, input: f2, full: 100}"),
        ("full", "{method: on_time, input: f1, full: 80}"),
    ];
}

impl LeafMethod for OnTime {
    fn inputs(&self) -> Vec<&InputRef> {
        vec![&self.input]
    }

    fn canonical(&self, out: &mut Canon) {
        out.value("input", self.input.id.clone());
        out.decimal("full", self.full);
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let input = cx.shared(self.input.index);
        Ok(Scored {
            // A flag is 0 or 1: two scores for every office.
            scores: Scores::ByFlag {
                input: input.clone(),
                score: [Decimal::ZERO, Decimal::ONE].map(|v| self.score(v)),
            },
            values: Values::Column(input),
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        input(self.input.index)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let label = rubric.inputs()[self.input.index].label.get(lang);
        match lang {
            Lang::Zh => format!("{label}：按时得{}分，逾期0分", plain(self.full)),
            Lang::En => format!("{label}: {} when on time, 0 when late", plain(self.full)),
        }
    }

    fn explain(
        &self,
        _rubric: &Rubric,
        _row: &[Decimal],
        result: &LeafScore,
        tail: &str,
        lang: Lang,
    ) -> String {
        let on_time = !result.value.is_zero();
        let head = match (on_time, lang) {
            (true, Lang::Zh) => "按时上报",
            (false, Lang::Zh) => "未按时上报",
            (true, Lang::En) => "on time",
            (false, Lang::En) => "not on time",
        };
        format!("{head} → {tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn flag_gives_full_marks_or_nothing() {
        let m = OnTime {
            input: InputRef {
                id: "interview_on_time".into(),
                index: 0,
            },
            full: dec!(100),
        };
        assert_eq!(m.score(dec!(1)), dec!(100));
        assert_eq!(m.score(dec!(0)), dec!(0));
    }
}
