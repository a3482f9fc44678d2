//! `excess`: points in steps by how far the periods' sum exceeds the
//! periods' quota ("超过10%加1分，超过30%以上每超过20%加1分"), R06.
//!
//! The excess is `(Σ counts − quota × periods) ÷ (quota × periods)`, in
//! percent, exact. Each step is written with its edge, exclusive (超过10%:
//! `above: 10`), in ascending order, and the points an office gets from
//! there on; below the first edge it gets 0. The points stop at the
//! indicator's weight: a rubric gives a bonus like this its own indicator,
//! worth the bonus's cap.

use rust_decimal::Decimal;

use super::{Explained, InputRef, LeafMethod, MethodSpec};
use crate::canon::Canon;
use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{InputKind, MapCx, Rubric, RubricProblem};
use crate::score::{ScoreCx, ScoreError, Scored, Scores, Values};
use crate::spec::{Bound, Kind, Param};

/// Parameters of the `excess` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excess {
    /// One count per period, in order.
    pub periods: Vec<InputRef>,
    /// The least each period should have.
    pub quota: Decimal,
    /// The steps: `(above, points)`, edges in percent, ascending.
    pub steps: Vec<(Decimal, Decimal)>,
}

const PERIODS: Param = Param::required(
    "periods",
    Kind::Inputs(&[InputKind::Count]),
    "one count per period, in order",
);
const QUOTA: Param = Param::required(
    "quota",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: None,
    },
    "the least each period should have",
);
const STEPS: Param = Param::required(
    "steps",
    Kind::Steps,
    "`{above: percent, points: n}` in ascending order: above each edge (exclusive, 超过), the points; 0 below the first",
);

impl Excess {
    /// The excess of a sum of counts over the quota, in percent.
    pub fn excess(&self, sum: Decimal) -> Decimal {
        let expected = self.quota * Decimal::from(self.periods.len());
        (sum - expected) * Decimal::ONE_HUNDRED / expected
    }

    /// The points of an excess (in percent), before the weight.
    pub fn points_of(&self, excess: Decimal) -> Decimal {
        self.steps
            .iter()
            .rev()
            .find(|(above, _)| excess > *above)
            .map(|(_, p)| *p)
            .unwrap_or_default()
    }
}

impl MethodSpec for Excess {
    const NAME: &'static str = "excess";
    const LABEL: (&'static str, &'static str) = ("超额加分", "points for excess");
    const SUMMARY: &'static str =
        "points in steps by how far the periods' sum exceeds the quota, up to the indicator's weight";
    const PARAMS: &'static [Param] = &[PERIODS, QUOTA, STEPS];

    fn load(cx: &mut MapCx<'_, '_>) -> Option<Excess> {
        let periods = cx.inputs(&PERIODS);
        let quota = cx.decimal(&QUOTA);
        if cx.node(QUOTA.key).is_none() {
            cx.missing(QUOTA.key);
        }
        let path = cx.key_path(STEPS.key);
        let Some(node) = cx.node(STEPS.key) else {
            cx.missing(STEPS.key);
            return None;
        };
        let marked_yaml::Node::Sequence(seq) = node else {
            cx.wrong_type(node, &path, "a list of steps", "档次列表");
            return None;
        };
        let weight = cx.weight();
        let mut steps: Vec<(Decimal, Decimal)> = Vec::new();
        let mut ok = true;
        for (i, item) in seq.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let marked_yaml::Node::Mapping(m) = item else {
                cx.wrong_type(item, &p, "a step {above, points}", "档次 {above, points}");
                ok = false;
                continue;
            };
            let read = |cx: &mut MapCx<'_, '_>, key: &str| -> Option<(Decimal, Option<crate::rubric::Location>)> {
                match m.get_node(key) {
                    Some(n) => cx.decimal_of(n, &format!("{p}.{key}")),
                    None => {
                        cx.error(
                            &p,
                            MapCx::node_location(item),
                            RubricProblem::MissingKey { key: key.into() },
                        );
                        None
                    }
                }
            };
            let (Some((above, at)), Some((points, p_at))) = (read(cx, "above"), read(cx, "points")) else {
                ok = false;
                continue;
            };
            if let Some(&(before, _)) = steps.last()
                && above <= before
            {
                cx.error(
                    &format!("{p}.above"),
                    at,
                    RubricProblem::OutOfRange {
                        value: plain(above),
                        allowed: format!("above the step before ({})", plain(before)),
                        allowed_zh: format!("大于上一档的 {}", plain(before)),
                    },
                );
                ok = false;
            }
            if points < Decimal::ZERO || weight.is_some_and(|w| points > w) {
                cx.error(
                    &format!("{p}.points"),
                    p_at,
                    RubricProblem::OutOfRange {
                        value: plain(points),
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
            steps.push((above, points));
        }
        if seq.is_empty() {
            cx.error(
                &path,
                MapCx::node_location(node),
                RubricProblem::OutOfRange {
                    value: "0".into(),
                    allowed: "at least 1 step".into(),
                    allowed_zh: "至少 1 档".into(),
                },
            );
            ok = false;
        }
        if !ok || cx.node(QUOTA.key).is_none() {
            return None;
        }
        Some(Excess {
            periods: periods?,
            quota,
            steps,
        })
    }

    #[cfg(test)]
    const SAMPLE: &'static str = "{method: excess, periods: [c1, c2], quota: 40, steps: [{above: 10, points: 1}, {above: 30, points: 2}]}";
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)] = &[
        (
            "periods",
            "{method: excess, periods: [c1, c3], quota: 40, steps: [{above: 10, points: 1}, {above: 30, points: 2}]}",
        ),
        (
            "quota",
            "{method: excess, periods: [c1, c2], quota: 30, steps: [{above: 10, points: 1}, {above: 30, points: 2}]}",
        ),
        (
            "steps",
            "{method: excess, periods: [c1, c2], quota: 40, steps: [{above: 10, points: 1}, {above: 50, points: 2}]}",
        ),
    ];
}

impl LeafMethod for Excess {
    fn inputs(&self) -> Vec<&InputRef> {
        self.periods.iter().collect()
    }

    fn in_points(&self) -> bool {
        true
    }

    fn canonical(&self, out: &mut Canon) {
        for (k, p) in self.periods.iter().enumerate() {
            out.value(format!("periods.{k}"), p.id.clone());
        }
        out.decimal("quota", self.quota);
        for (k, (above, points)) in self.steps.iter().enumerate() {
            out.decimal(&format!("steps.{k}.above"), *above);
            out.decimal(&format!("steps.{k}.points"), *points);
        }
    }

    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError> {
        let weight = cx.share() * Decimal::ONE_HUNDRED;
        let excess: Vec<Decimal> = (0..cx.len())
            .map(|o| {
                let sum: Decimal = self.periods.iter().map(|p| cx.value(o, p.index)).sum();
                self.excess(sum)
            })
            .collect();
        let points = excess
            .iter()
            .map(|&e| self.points_of(e).min(weight))
            .collect();
        Ok(Scored {
            scores: Scores::Points(points),
            values: Values::Decimals(excess),
            reference: None,
        })
    }

    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal {
        self.excess(self.periods.iter().map(|p| input(p.index)).sum())
    }

    fn rule(&self, _rubric: &Rubric, lang: Lang) -> String {
        let n = self.periods.len();
        let q = plain(self.quota);
        let each: Vec<String> = self
            .steps
            .iter()
            .map(|(a, p)| match lang {
                Lang::Zh => format!("超过{}%得{}分", plain(*a), plain(*p)),
                Lang::En => format!("{} above {}%", plain(*p), plain(*a)),
            })
            .collect();
        match lang {
            Lang::Zh => format!("{n}个期间合计超过定额（每期{q}）的比例：{}", each.join("，")),
            Lang::En => format!("by how far {n} periods exceed the quota ({q} each): {}", each.join(", ")),
        }
    }

    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String {
        let Explained {
            row, result, tail, ..
        } = office;
        let sum: Decimal = self.periods.iter().map(|p| row[p.index]).sum();
        let expected = self.quota * Decimal::from(self.periods.len());
        let pct = crate::num::Rounding::HalfAwayFromZero.round(result.value, 2).normalize();
        match lang {
            Lang::Zh => format!(
                "合计{}，定额{}，超出{}% → {}分 → {tail}",
                plain(sum),
                plain(expected),
                plain(pct),
                plain(self.points_of(result.value))
            ),
            Lang::En => format!(
                "{} against a quota of {}, {}% over → {} → {tail}",
                plain(sum),
                plain(expected),
                plain(pct),
                plain(self.points_of(result.value))
            ),
        }
    }
}
