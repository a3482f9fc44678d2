//! `choice`: points by the value of a `choice` input: a checklist item met,
//! partly met or not (`是/部分/否` → 10/6/0), a grade per item (`优/良/一般/差`
//! → 10/8/6/0, R18), partial credit (情况说明得60%).
//!
//! The points are the indicator's own, as rubric texts state them, each
//! from 0 to the indicator's weight, and every choice of the input has
//! one: a rubric that leaves a choice without points is refused, so no
//! typed value is ever scored by default.

use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric, RubricProblem};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Kind, Param};

/// Parameters of the `choice` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The `choice` input.
    pub input: InputRef,
    /// The points of each choice, in the input's order of choices.
    pub points: Vec<Decimal>,
}

const INPUT: Param = Param::required(
    "input",
    Kind::Input(&[InputKind::Choice]),
    "the `choice` input",
);
const POINTS: Param = Param::required(
    "points",
    Kind::ChoiceNumbers,
    "the indicator's points for each choice, by the choice's name (`{优: 10, 良: 8, 一般: 6, 差: 0}`), each from 0 to the weight",
);

impl MethodSpec for Choice {
    const NAME: &'static str = "choice";
    const LABEL: (&'static str, &'static str) = ("按选项计分", "points by choice");
    const SUMMARY: &'static str = "points by the value of a `choice` input, every choice given its points";
    const PARAMS: &'static [Param] = &[INPUT, POINTS];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Choice> {
        let input = cx.input(&INPUT)?;
        let choices = cx.choices_of(&input);
        let path = cx.key_path(POINTS.key);
        let Some(node) = cx.node(POINTS.key) else {
            cx.missing(POINTS.key);
            return None;
        };
        let marked_yaml::Node::Mapping(map) = node else {
            cx.wrong_type(
                node,
                &path,
                "a mapping of choices to points",
                "选项与分值的映射",
            );
            return None;
        };
        let weight = cx.weight();
        let mut points: Vec<Option<Decimal>> = vec![None; choices.len()];
        let mut ok = true;
        for (key, value) in map.iter() {
            let name = key.as_str().trim();
            let kp = format!("{path}.{name}");
            let at = crate::rubric::span_location(key.span());
            let lower = name.to_lowercase();
            let Some(k) = choices.iter().position(|c| {
                c.zh.to_lowercase() == lower
                    || c.en.as_ref().is_some_and(|e| e.to_lowercase() == lower)
            }) else {
                cx.error(
                    &kp,
                    at,
                    RubricProblem::NotAChoice {
                        value: name.to_string(),
                        input: input.id.clone(),
                        choices: choices
                            .iter()
                            .map(|c| c.zh.clone())
                            .collect::<Vec<_>>()
                            .join("/"),
                    },
                );
                ok = false;
                continue;
            };
            let Some((p, p_at)) = cx.decimal_of(value, &kp) else {
                ok = false;
                continue;
            };
            if p < Decimal::ZERO || weight.is_some_and(|w| p > w) {
                cx.error(
                    &kp,
                    p_at,
                    RubricProblem::OutOfRange {
                        value: plain(p),
                        allowed: format!(
                            "from 0 to the indicator's weight, {}",
                            weight.map(plain).unwrap_or_default()
                        ),
                        allowed_zh: format!(
                            "0 到本项分值 {} 之间",
                            weight.map(plain).unwrap_or_default()
                        ),
                    },
                );
                ok = false;
            }
            if points[k].is_some() {
                cx.error(
                    &kp,
                    at,
                    RubricProblem::DuplicateKey {
                        key: name.to_string(),
                        first: None,
                    },
                );
                ok = false;
            }
            points[k] = Some(p);
        }
        for (k, p) in points.iter().enumerate() {
            if p.is_none() && ok {
                cx.error(
                    &path,
                    MapCx::node_location(node),
                    RubricProblem::ChoiceWithoutPoints {
                        choice: choices[k].zh.clone(),
                    },
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        Some(Choice {
            input,
            points: points.into_iter().map(Option::unwrap_or_default).collect(),
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: choice, input: g1, points: {优: 100, 良: 80, 一般: 60, 差: 0}}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "input",
            "{method: choice, input: g2, points: {优: 100, 良: 80, 一般: 60, 差: 0}}",
        ),
        (
            "points",
            "{method: choice, input: g1, points: {优: 100, 良: 85, 一般: 60, 差: 0}}",
        ),
    ];
}

impl LeafMethod for Choice {
    fn inputs(&self) -> Vec<&InputRef> {
        vec![&self.input]
    }

    fn in_points(&self) -> bool {
        true
    }

    fn shown_value(&self, rubric: &Rubric, value: Decimal, lang: Lang) -> String {
        rubric.inputs[self.input.index].shown(value, lang)
    }

    fn canonical(&self, out: &mut Canon) {
        out.value("input", self.input.id.clone());
        for (k, p) in self.points.iter().enumerate() {
            out.decimal(&format!("points.{k}"), *p);
        }
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let column = cx.shared(self.input.index);
        let points = column
            .iter()
            .map(|v| self.points_of(v))
            .collect::<Vec<_>>();
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
        let input = &rubric.inputs[self.input.index];
        let each: Vec<String> = input
            .choices
            .iter()
            .zip(&self.points)
            .map(|(c, p)| match lang {
                Lang::Zh => format!("{}得{}分", c.get(lang), plain(*p)),
                Lang::En => format!("{} {}", c.get(lang), plain(*p)),
            })
            .collect();
        let label = input.label.get(lang);
        match lang {
            Lang::Zh => format!("按{label}：{}", each.join("，")),
            Lang::En => format!("by {label}: {}", each.join(", ")),
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained {
            rubric,
            row,
            tail,
            ..
        } = office;
        let input = &rubric.inputs[self.input.index];
        let value = row[self.input.index];
        let name = input.shown(value, lang);
        let points = plain(self.points_of(value));
        let label = input.label.get(lang);
        match lang {
            Lang::Zh => format!("{label}：{name}（{name}得{points}分）→ {tail}"),
            Lang::En => format!("{label}: {name} ({points} for {name}) → {tail}"),
        }
    }
}

impl Choice {
    /// The points of a value (a choice's position).
    fn points_of(&self, value: Decimal) -> Decimal {
        usize::try_from(value.trunc().mantissa())
            .ok()
            .and_then(|k| self.points.get(k).copied())
            .unwrap_or_default()
    }
}
