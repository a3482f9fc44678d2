//! `judgement`: the assessor's own deduction within stated bounds, with
//! the reason written beside it ("酌情扣分，在2分内").
//!
//! The assessor enters the points deducted (an `amount` input, in the
//! indicator's own points) and, whenever anything is deducted, the reason
//! in a declared text column: a data row with a deduction and no reason is
//! refused (`data.reason_required`), as is a deduction outside `[0,
//! at_most]`. The reason is part of the explanation.

use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::dataset::RowCheck;
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Bound, Kind, Param};

/// Parameters of the `judgement` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// The points the assessor deducts (an `amount` input).
    pub input: InputRef,
    /// The most the assessor may deduct, in the indicator's points.
    pub at_most: Decimal,
    /// The text column holding the reason (its position among the
    /// rubric's text columns) and its id.
    pub reason: (usize, String),
}

const INPUT: Param = Param::required(
    "input",
    Kind::Input(&[InputKind::Amount]),
    "the points the assessor deducts (an `amount` input)",
);
const AT_MOST: Param = Param::required(
    "at_most",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the indicator's `weight`"),
    },
    "the most the assessor may deduct (酌情扣分，在N分内)",
);
const REASON: Param = Param::required(
    "reason",
    Kind::TextColumn,
    "the text column where the assessor writes why; required in every row that deducts anything",
);

impl MethodSpec for Judgement {
    const NAME: &'static str = "judgement";
    const LABEL: (&'static str, &'static str) = ("酌情扣分", "assessor's deduction");
    const SUMMARY: &'static str =
        "the indicator's points less the assessor's own deduction, within `at_most`, with a reason";
    const PARAMS: &'static [Param] = &[INPUT, AT_MOST, REASON];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Judgement> {
        let input = cx.input(&INPUT);
        let at_most = match cx.weight() {
            Some(w) => cx.decimal_at_most(&AT_MOST, w),
            None => cx.decimal(&AT_MOST),
        };
        if cx.node(AT_MOST.key).is_none() {
            cx.missing(AT_MOST.key);
            return None;
        }
        let reason = cx.text_column(&REASON);
        let id = cx
            .node(REASON.key)
            .and_then(|n| match n {
                marked_yaml::Node::Scalar(s) => Some(s.as_str().trim().to_string()),
                _ => None,
            })
            .unwrap_or_default();
        Some(Judgement {
            input: input?,
            at_most,
            reason: (reason?, id),
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: judgement, input: a1, at_most: 2, reason: why}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "input",
            "{method: judgement, input: a2, at_most: 2, reason: why}",
        ),
        (
            "at_most",
            "{method: judgement, input: a1, at_most: 3, reason: why}",
        ),
        (
            "reason",
            "{method: judgement, input: a1, at_most: 2, reason: evidence}",
        ),
    ];
}

impl LeafMethod for Judgement {
    fn inputs(&self) -> Vec<&InputRef> {
        vec![&self.input]
    }

    fn in_points(&self) -> bool {
        true
    }

    fn canonical(&self, out: &mut Canon) {
        out.value("input", self.input.id.clone());
        out.decimal("at_most", self.at_most);
        out.value("reason", self.reason.1.clone());
    }

    fn row_checks(&self) -> Vec<RowCheck> {
        vec![
            RowCheck::Within {
                input: self.input.index,
                min: Decimal::ZERO,
                max: self.at_most,
            },
            RowCheck::Reason {
                input: self.input.index,
                text: self.reason.0,
            },
        ]
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let weight = cx.share() * Decimal::ONE_HUNDRED;
        let column = cx.shared(self.input.index);
        let points = column.iter().map(|d| weight - d).collect();
        Ok(Scored {
            scores: Scores::Points(points),
            values: Values::Column(column),
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        input(self.input.index)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let column = rubric.text_columns[self.reason.0].label.get(lang);
        let at_most = plain(self.at_most);
        match lang {
            Lang::Zh => format!("由考核人员酌情扣分，在{at_most}分内，扣分须在“{column}”中写明理由"),
            Lang::En => format!(
                "the assessor deducts at their judgement, at most {at_most}, with the reason in \"{column}\""
            ),
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained {
            rubric,
            row,
            texts,
            tail,
            ..
        } = office;
        let deducted = row[self.input.index];
        if deducted.is_zero() {
            return match lang {
                Lang::Zh => format!("未扣分 → {tail}"),
                Lang::En => format!("nothing deducted → {tail}"),
            };
        }
        let reason = texts.get(self.reason.0).copied().unwrap_or("");
        let d = plain(deducted);
        let _ = rubric;
        match lang {
            Lang::Zh => format!("酌情扣{d}分（{reason}）→ {tail}"),
            Lang::En => format!("{d} deducted at the assessor's judgement ({reason}) → {tail}"),
        }
    }
}
