//! Rubric-level adjustments (加分/扣分): `points × input`, at most `cap`,
//! added to or taken from an office's total.
//!
//! **One home.** Everything about adjustments lives here: their keys in a
//! rubric file (and so their part of the JSON Schema and the docs), reading
//! and validating them, their canonical form (fingerprint and diff), what
//! one adds to an office's total, and its explanation. The engine
//! ([`crate::score`]) sums what [`Adjustment::apply`] gives and keeps the
//! total within [0, rubric total].

use marked_yaml::types::MarkedMappingNode;
use rust_decimal::Decimal;

use crate::canon::Canon;
use crate::dataset::Dataset;
use crate::ix::{AdjustmentIx, OfficeIx};
use crate::lang::{Lang, Text};
use crate::method::InputRef;
use crate::num::plain;
use crate::rubric::{InputKind, Loader, Location, MapCx, Rubric, RubricProblem};
use crate::score::Scorecard;
use crate::spec::{Bound, Kind, MAX_COEFFICIENT, Param, Shape};

/// Whether an adjustment adds or removes points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdjustmentKind {
    /// 加分: added to the total.
    Bonus,
    /// 扣分: taken from the total.
    Penalty,
}

impl AdjustmentKind {
    /// The name used in rubric files.
    pub fn name(self) -> &'static str {
        match self {
            AdjustmentKind::Bonus => "bonus",
            AdjustmentKind::Penalty => "penalty",
        }
    }

    fn parse(name: &str) -> Option<AdjustmentKind> {
        match name {
            "bonus" => Some(AdjustmentKind::Bonus),
            "penalty" => Some(AdjustmentKind::Penalty),
            _ => None,
        }
    }
}

/// A rubric-level adjustment (加分/扣分): `points × input`, at most `cap`,
/// added to or taken from the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    /// Stable id.
    pub id: String,
    /// Chinese and English names.
    pub name: Text,
    /// Bonus or penalty.
    pub kind: AdjustmentKind,
    /// The input counted.
    pub input: InputRef,
    /// Points per unit of the input (1).
    pub points: Decimal,
    /// The most points this adjustment can move the total by; `None` for a
    /// penalty without cap (重大扣分项不设上限).
    pub cap: Option<Decimal>,
    /// The bonus pool it counts in (an id among the rubric's
    /// `bonus_pools`), if any.
    pub pool: Option<String>,
    /// The rubric author's note.
    pub note: Option<Text>,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// A count or an amount is multiplied by `points`; a flag (an event that
/// happened or not: 发生重大失误) counts 1 when set.
const KINDS: &[InputKind] = &[InputKind::Count, InputKind::Amount, InputKind::Flag];

const ID: Param = Param::required("id", Kind::Id, "stable id");
const NAME: Param = Param::required("name", Kind::Text, "name");
const KIND: Param = Param::required(
    "kind",
    Kind::Choice {
        choices: &["bonus", "penalty"],
        default: None,
    },
    "added to the total (`bonus`) or taken from it (`penalty`)",
);
const INPUT: Param = Param::required(
    "input",
    Kind::Input(KINDS),
    "the input counted (a flag counts 1 when set)",
);
const POINTS: Param = Param::optional(
    "points",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Inclusive(MAX_COEFFICIENT),
        default: Some(Decimal::ONE),
        also: None,
    },
    "points per unit of the input",
);
const CAP: Param = Param::required(
    "cap",
    Kind::Cap,
    "the most points the adjustment can move a total by",
);
const NOTE: Param = Param::optional("note", Kind::Text, "the rubric author's note");
const POOL: Param = Param::optional(
    "pool",
    Kind::Scalar,
    "the bonus pool (an id among `bonus_pools`) this bonus counts in",
);

/// The keys of an adjustment.
pub(crate) const SHAPE: Shape = Shape {
    name: "adjustments",
    params: &[ID, NAME, KIND, INPUT, POINTS, CAP, POOL, NOTE],
    one_of: &[],
};

/// A bonus pool (加分项累计不超过N分), with its gate (扣分部分得分率达80%方可
/// 加分): its bonuses together add at most `cap`, and only to offices whose
/// points (before adjustments) reach `gate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BonusPool {
    /// Stable id.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// The most its bonuses add together.
    pub cap: Decimal,
    /// The points (before adjustments) an office needs for its bonuses to
    /// count, if the rubric sets a gate.
    pub gate: Option<Decimal>,
    /// Where it is declared.
    pub location: Option<Location>,
}

const POOL_ID: Param = Param::required("id", Kind::Id, "stable id");
const POOL_NAME: Param = Param::required("name", Kind::Text, "name (创新加分)");
const POOL_CAP: Param = Param::required(
    "cap",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the rubric's `total`"),
    },
    "the most its bonuses add together (累计不超过N分)",
);
const POOL_GATE: Param = Param::optional(
    "gate",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the rubric's `total`"),
    },
    "the points before adjustments an office needs for the pool's bonuses to count (得分率达80%方可加分: 80 of 100)",
);

/// The keys of a bonus pool.
pub(crate) const POOL_SHAPE: Shape = Shape {
    name: "bonus pools",
    params: &[POOL_ID, POOL_NAME, POOL_CAP, POOL_GATE],
    one_of: &[],
};

/// Reads the rubric's `bonus_pools`.
pub(crate) fn load_pools(
    loader: &mut Loader<'_>,
    map: &MarkedMappingNode,
    total: Decimal,
) -> Vec<BonusPool> {
    loader.list(
        map,
        &POOL_SHAPE,
        "bonus_pools",
        ("a list of bonus pools", "加分项累计上限列表"),
        (
            "a bonus pool (id, name, cap)",
            "加分项累计上限（id、name、cap）",
        ),
        |cx, read: &[BonusPool]| {
            let id = cx.id();
            let name = cx.text(&POOL_NAME);
            let cap_given = cx.node(POOL_CAP.key).is_some();
            let cap = cx.decimal_at_most(&POOL_CAP, total);
            let gate = cx
                .node(POOL_GATE.key)
                .is_some()
                .then(|| cx.decimal_at_most(&POOL_GATE, total));
            let (Some((id, at)), Some(name), true) = (id, name, cap_given) else {
                return None;
            };
            if let Some(first) = read.iter().find(|p| p.id == id) {
                let path = cx.key_path("id");
                cx.error(
                    &path,
                    at,
                    RubricProblem::DuplicateId {
                        id,
                        first: first.location,
                    },
                );
                return None;
            }
            Some(BonusPool {
                id,
                name,
                cap,
                gate,
                location: at,
            })
        },
    )
}

/// Reads the rubric's `adjustments`, reporting every problem located.
pub(crate) fn load(
    loader: &mut Loader<'_>,
    map: &MarkedMappingNode,
    total: Decimal,
    pools: &[BonusPool],
) -> Vec<Adjustment> {
    loader.list(
        map,
        &SHAPE,
        "adjustments",
        ("a list of adjustments", "加减分项列表"),
        ("an adjustment", "加减分项"),
        |cx, read: &[Adjustment]| {
            let id = cx.id();
            let name = cx.text(&NAME);
            let kind = cx.choice(&KIND, AdjustmentKind::parse);
            let input = cx.input(&INPUT);
            let points = cx.decimal(&POINTS);
            let cap = match cx.node(CAP.key) {
                Some(marked_yaml::Node::Scalar(s)) if s.as_str().trim() == "none" => Some(None),
                Some(_) => {
                    let before = cx.error_count();
                    let c = cx.decimal_in(CAP.key, Decimal::ZERO, total);
                    (cx.error_count() == before).then_some(Some(c))
                }
                None => {
                    cx.missing(CAP.key);
                    None
                }
            };
            let pool = match cx.node(POOL.key) {
                Some(marked_yaml::Node::Scalar(s)) => {
                    let written = s.as_str().trim();
                    let at = crate::rubric::span_location(s.span());
                    match pools.iter().find(|p| p.id == written) {
                        Some(p) => Some(Some((p.id.clone(), at))),
                        None => {
                            let path = cx.key_path(POOL.key);
                            cx.error(
                                &path,
                                at,
                                RubricProblem::UnknownPool {
                                    id: written.to_string(),
                                    suggestion: crate::suggest::closest(
                                        written,
                                        pools.iter().map(|p| p.id.as_str()),
                                    ),
                                },
                            );
                            None
                        }
                    }
                }
                Some(other) => {
                    let path = cx.key_path(POOL.key);
                    cx.wrong_type(other, &path, "a bonus pool's id", "加分项累计上限的 id");
                    None
                }
                None => Some(None),
            };
            let note = cx.text(&NOTE);
            let (Some((id, at)), Some(name), Some(kind), Some(input), Some(cap), Some(pool)) =
                (id, name, kind, input, cap, pool)
            else {
                return None;
            };
            if cap.is_none() && kind == AdjustmentKind::Bonus {
                let path = cx.key_path(CAP.key);
                let at = cx.node(CAP.key).and_then(MapCx::node_location);
                cx.error(&path, at, RubricProblem::BonusWithoutCap { id });
                return None;
            }
            if let Some((_, pool_at)) = pool
                && kind == AdjustmentKind::Penalty
            {
                let path = cx.key_path(POOL.key);
                cx.error(&path, pool_at, RubricProblem::PenaltyInPool { id });
                return None;
            }
            let pool = pool.map(|(id, _)| id);
            if let Some(first) = read.iter().find(|a| a.id == id) {
                let path = cx.key_path("id");
                cx.error(
                    &path,
                    at,
                    RubricProblem::DuplicateId {
                        id,
                        first: first.location,
                    },
                );
                return None;
            }
            Some(Adjustment {
                id,
                name,
                kind,
                input,
                points,
                cap,
                pool,
                note,
                location: at,
            })
        },
    )
}

impl Adjustment {
    /// Signed points for one office's input value: capped, negative for a
    /// penalty.
    pub fn apply(&self, value: Decimal) -> Decimal {
        let raw = value * self.points;
        let amount = match self.cap {
            Some(cap) => raw.min(cap),
            None => raw,
        };
        match self.kind {
            AdjustmentKind::Penalty if !amount.is_zero() => -amount,
            // Never a negative zero ("-0.00").
            _ => amount.abs(),
        }
    }

    /// The canonical form (fingerprint and diff).
    pub(crate) fn canonical(&self) -> Canon {
        let mut out = Canon::default();
        out.text("name", &self.name);
        out.value("kind", self.kind.name());
        out.value("input", self.input.id.clone());
        out.decimal("points", self.points);
        match self.cap {
            Some(cap) => out.decimal("cap", cap),
            None => out.value("cap", "none"),
        }
        if let Some(pool) = &self.pool {
            out.value("pool", pool.clone());
        }
        out.opt_text("note", self.note.as_ref());
        out
    }

    /// How the adjustment moved one office's total, in `lang`.
    pub(crate) fn explain(
        &self,
        rubric: &Rubric,
        data: &Dataset,
        card: &Scorecard,
        office: OfficeIx,
        k: AdjustmentIx,
        lang: Lang,
    ) -> String {
        let value = data.value_at(office.index(), self.input.index);
        let applied = card.office(office).adjustment(k);
        // A bonus behind a pool's gate that the office did not pass.
        let gate = self
            .pool
            .as_deref()
            .and_then(|id| rubric.bonus_pools().iter().find(|p| p.id == id))
            .and_then(|p| p.gate);
        let base = card.office(office).unadjusted();
        if let Some(gate) = gate
            && base < gate
            && !value.is_zero()
        {
            let name = self.name.get(lang);
            let base = rubric.publish(base);
            return match lang {
                Lang::Zh => format!(
                    "{name}：各项得分合计{base}分，未达{}分，不加分 → +0分",
                    plain(gate)
                ),
                Lang::En => format!(
                    "{name}: the points add up to {base}, below {}: no bonus → +0",
                    plain(gate)
                ),
            };
        }
        let raw = value * self.points;
        let capped = self.cap.is_some_and(|cap| raw > cap);
        let cap = self.cap.unwrap_or_default();
        let sign = match self.kind {
            _ if applied.is_zero() => "",
            AdjustmentKind::Bonus => "+",
            AdjustmentKind::Penalty => "−",
        };
        let name = self.name.get(lang);
        let shown = rubric.publish(applied.abs());
        match lang {
            Lang::Zh => format!(
                "{name}：{} × {}分 = {}分{} → {sign}{shown}分",
                plain(value),
                plain(self.points),
                plain(raw),
                if capped {
                    format!("，上限{}分", plain(cap))
                } else {
                    String::new()
                }
            ),
            Lang::En => format!(
                "{name}: {} × {} = {}{} → {sign}{shown} points",
                plain(value),
                plain(self.points),
                plain(raw),
                if capped {
                    format!(", capped at {}", plain(cap))
                } else {
                    String::new()
                }
            ),
        }
    }
}
