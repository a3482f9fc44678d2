//! `on_time`: full marks when a flag says the work was on time, 0 otherwise.
//!
//! The rubric text: "按照规定时间内上报访谈加5分，逾期为0分". The leaf weighs
//! 5% of the total, so "+5 points" is read as full marks on that leaf
//! (100 × 5% = 5 points), and late as 0.

use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::{Lang, Text};
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Bound, Kind, Param};

/// Parameters of the `on_time` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnTime {
    /// The flag input (1/0, true/false, 是/否).
    pub input: InputRef,
    /// The score when the flag is set (100).
    pub full: Decimal,
    /// What a set flag means, in explanations (按时上报); "on time" when
    /// the rubric does not say.
    pub when_set: Option<Text>,
    /// What an unset flag means (逾期); "not on time" when the rubric
    /// does not say.
    pub when_unset: Option<Text>,
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
const WHEN_SET: Param = Param::optional(
    "when_set",
    Kind::Text,
    "what a set flag means, in rules and explanations (default: on time, 按时上报)",
);
const WHEN_UNSET: Param = Param::optional(
    "when_unset",
    Kind::Text,
    "what an unset flag means (default: not on time, 未按时上报)",
);

impl OnTime {
    /// Scores one office from its flag value (0 or 1).
    pub(crate) fn score(&self, flag: Decimal) -> Decimal {
        if flag.is_zero() {
            Decimal::ZERO
        } else {
            self.full
        }
    }
}

impl MethodSpec for OnTime {
    const NAME: &'static str = "on_time";
    const LABEL: (&'static str, &'static str) = ("按时完成", "done on time");
    const SUMMARY: &'static str = "`full` when a flag is set, 0 otherwise";
    const PARAMS: &'static [Param] = &[INPUT, FULL, WHEN_SET, WHEN_UNSET];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<OnTime> {
        let input = cx.input(&INPUT);
        let full = cx.decimal(&FULL);
        let when_set = cx.text(&WHEN_SET);
        let when_unset = cx.text(&WHEN_UNSET);
        Some(OnTime {
            input: input?,
            full,
            when_set,
            when_unset,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str =
        "{method: on_time, input: f1, full: 100, when_set: 已报送, when_unset: 未报送}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "input",
            "{method: on_time, input: f2, full: 100, when_set: 已报送, when_unset: 未报送}",
        ),
        (
            "full",
            "{method: on_time, input: f1, full: 80, when_set: 已报送, when_unset: 未报送}",
        ),
        (
            "when_set",
            "{method: on_time, input: f1, full: 100, when_set: 已上报, when_unset: 未报送}",
        ),
        (
            "when_unset",
            "{method: on_time, input: f1, full: 100, when_set: 已报送, when_unset: {zh: 未报送, en: not reported}}",
        ),
    ];
}

impl LeafMethod for OnTime {
    fn inputs(&self) -> Vec<&InputRef> {
        vec![&self.input]
    }

    fn canonical(&self, out: &mut Canon) {
        out.value("input", self.input.id.clone());
        out.decimal("full", self.full);
        out.opt_text("when_set", self.when_set.as_ref());
        out.opt_text("when_unset", self.when_unset.as_ref());
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
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        input(self.input.index)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let label = rubric.inputs[self.input.index].label.get(lang);
        let full = plain(self.full);
        match (&self.when_set, &self.when_unset) {
            (None, None) => match lang {
                Lang::Zh => format!("{label}：按时得{full}分，逾期0分"),
                Lang::En => format!("{label}: {full} when on time, 0 when late"),
            },
            _ => {
                let (set, unset) = (self.words(true, lang), self.words(false, lang));
                match lang {
                    Lang::Zh => format!("{label}：{set}得{full}分，{unset}得0分"),
                    Lang::En => format!("{label}: {full} when {set}, 0 when {unset}"),
                }
            }
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained { result, tail, .. } = office;
        let head = self.words(!result.value.is_zero(), lang);
        format!("{head} → {tail}")
    }
}

impl OnTime {
    /// What a set (or unset) flag means, in `lang`: the rubric's words, or
    /// on time / not on time.
    fn words(&self, set: bool, lang: Lang) -> &str {
        let given = if set {
            &self.when_set
        } else {
            &self.when_unset
        };
        match (given, set) {
            (Some(t), _) => t.get(lang),
            (None, true) => lang.pick("按时上报", "on time"),
            (None, false) => lang.pick("未按时上报", "not on time"),
        }
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
            when_set: None,
            when_unset: None,
        };
        assert_eq!(m.score(dec!(1)), dec!(100));
        assert_eq!(m.score(dec!(0)), dec!(0));
    }
}
