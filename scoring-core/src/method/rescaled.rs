//! `rescaled`: a score brought in from elsewhere, out of a stated maximum
//! (另一套考核的总分、县数字中心的季度成绩): `value ÷ out_of × 100`.
//!
//! The value is an `amount` checked to lie in `[0, out_of]` when the data
//! is read. A rubric can say where it comes from (`sources`: another
//! rubric's published totals, filled in by office name), which is how one
//! assessment's result enters another (政务公开作为共性指标纳入年度考核), and
//! how weighted channels add up (网上考核80% + 现场考核20%: two leaves of
//! weights 80 and 20, each rescaled from its channel's total).

use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::dataset::RowCheck;
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Bound, Kind, Param};

/// Parameters of the `rescaled` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescaled {
    /// The value brought in (an `amount`).
    pub input: InputRef,
    /// What the value is out of (100 for a 100-point assessment).
    pub out_of: Decimal,
}

const INPUT: Param = Param::required(
    "input",
    Kind::Input(&[InputKind::Amount]),
    "the value brought in (an `amount`), from 0 to `out_of`",
);
const OUT_OF: Param = Param::required(
    "out_of",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: None,
    },
    "what the value is out of (another assessment's total: 100, 95)",
);

impl MethodSpec for Rescaled {
    const NAME: &'static str = "rescaled";
    const LABEL: (&'static str, &'static str) = ("折算", "rescaled");
    const SUMMARY: &'static str = "a value brought in from elsewhere, ÷ `out_of` × 100";
    const PARAMS: &'static [Param] = &[INPUT, OUT_OF];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Rescaled> {
        let input = cx.input(&INPUT);
        let out_of = cx.decimal(&OUT_OF);
        if cx.node(OUT_OF.key).is_none() {
            cx.missing(OUT_OF.key);
            return None;
        }
        Some(Rescaled {
            input: input?,
            out_of,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: rescaled, input: a1, out_of: 100}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        ("input", "{method: rescaled, input: a2, out_of: 100}"),
        ("out_of", "{method: rescaled, input: a1, out_of: 95}"),
    ];
}

impl LeafMethod for Rescaled {
    fn inputs(&self) -> Vec<&InputRef> {
        vec![&self.input]
    }

    fn canonical(&self, out: &mut Canon) {
        out.value("input", self.input.id.clone());
        out.decimal("out_of", self.out_of);
    }

    fn row_checks(&self) -> Vec<RowCheck> {
        vec![RowCheck::Within {
            input: self.input.index,
            min: Decimal::ZERO,
            max: self.out_of,
        }]
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let column = cx.shared(self.input.index);
        let hundred = self.out_of == Decimal::ONE_HUNDRED;
        let scores = column
            .iter()
            .map(|v| {
                if hundred {
                    v
                } else {
                    v * Decimal::ONE_HUNDRED / self.out_of
                }
            })
            .collect();
        Ok(Scored {
            scores: Scores::PerOffice(scores),
            values: Values::Column(column),
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        input(self.input.index)
    }

    fn rule(&self, rubric: &Rubric, lang: Lang) -> String {
        let label = rubric.inputs[self.input.index].label.get(lang);
        let from = rubric
            .sources()
            .iter()
            .find(|s| s.input.index == self.input.index)
            .map(|s| s.name.get(lang).to_string());
        let out_of = plain(self.out_of);
        match (lang, from) {
            (Lang::Zh, Some(from)) => format!("取{from}的总分（满分{out_of}分），折合为百分制"),
            (Lang::Zh, None) => format!("{label}（满分{out_of}分）折合为百分制"),
            (Lang::En, Some(from)) => format!("the total of {from} (out of {out_of}), as a score out of 100"),
            (Lang::En, None) => format!("{label} (out of {out_of}) as a score out of 100"),
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained {
            rubric,
            result,
            tail,
            ..
        } = office;
        let label = rubric.inputs[self.input.index].label.get(lang);
        let (value, out_of) = (plain(result.value), plain(self.out_of));
        let score = plain(rubric.round(result.score));
        match lang {
            Lang::Zh => format!("{label}{value}分 ÷ {out_of} × 100 = {score}分 → {tail}"),
            Lang::En => format!("{label} {value} ÷ {out_of} × 100 = {score} → {tail}"),
        }
    }
}
