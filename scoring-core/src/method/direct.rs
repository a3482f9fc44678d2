//! `direct`: a score from 0 to 100 that the assessor enters by hand, for
//! indicators judged rather than counted.
//!
//! The value is checked to lie in [0, 100] when the dataset is read; it is
//! used as it is, without rounding.

use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::dataset::RowCheck;
use crate::lang::Lang;
use crate::rubric::{InputKind, MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Kind, Param};

/// Parameters of the `direct` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direct {
    /// The input holding the score (an `amount`).
    pub input: InputRef,
}

const INPUT: Param = Param::required(
    "input",
    Kind::Input(&[InputKind::Amount]),
    "the score, 0–100, entered by the assessor",
);

impl Direct {
    /// The lowest score accepted.
    pub const MIN: Decimal = Decimal::ZERO;
    /// The highest score accepted.
    pub const MAX: Decimal = Decimal::ONE_HUNDRED;
}

impl MethodSpec for Direct {
    const NAME: &'static str = "direct";
    const LABEL: (&'static str, &'static str) = ("直接打分", "score entered");
    const SUMMARY: &'static str = "a score from 0 to 100 entered by the assessor";
    const PARAMS: &'static [Param] = &[INPUT];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Direct> {
        Some(Direct {
            input: cx.input(&INPUT)?,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: direct, input: a1}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] =
        &[("input", "{method: direct, input: a2}")];
}

impl LeafMethod for Direct {
    fn inputs(&self) -> Vec<&InputRef> {
        vec![&self.input]
    }

    fn canonical(&self, out: &mut Canon) {
        out.value("input", self.input.id.clone());
    }

    fn row_checks(&self) -> Vec<RowCheck> {
        vec![RowCheck::Within {
            input: self.input.index,
            min: Self::MIN,
            max: Self::MAX,
        }]
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        // The entered values are the scores (checked to lie in [0, 100]
        // when the data was read): the dataset's column serves as both.
        let input = cx.shared(self.input.index);
        Ok(Scored {
            scores: Scores::Column(input.clone()),
            values: Values::Column(input),
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        input(self.input.index)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let label = rubric.inputs[self.input.index].label.get(lang);
        match lang {
            Lang::Zh => format!("由评估人直接评定0到100分（{label}）"),
            Lang::En => format!("scored 0–100 by the assessor ({label})"),
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained { tail, .. } = office;
        match lang {
            Lang::Zh => format!("评定得分 → {tail}"),
            Lang::En => format!("score entered → {tail}"),
        }
    }
}
