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
use crate::rubric::{InputKind, Loader, Location, Rubric, RubricProblem};
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
    /// The most points this adjustment can move the total by.
    pub cap: Decimal,
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
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Open,
        default: None,
        also: Some("at most the rubric's `total`"),
    },
    "the most points the adjustment can move a total by",
);
const NOTE: Param = Param::optional("note", Kind::Text, "the rubric author's note");

/// The keys of an adjustment.
pub(crate) const SHAPE: Shape = Shape {
    name: "adjustments",
    params: &[ID, NAME, KIND, INPUT, POINTS, CAP, NOTE],
    one_of: &[],
};

/// Reads the rubric's `adjustments`, reporting every problem located.
pub(crate) fn load(
    loader: &mut Loader<'_>,
    map: &MarkedMappingNode,
    total: Decimal,
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
            let cap_given = cx.node(CAP.key).is_some();
            let cap = cx.decimal_at_most(&CAP, total);
            let note = cx.text(&NOTE);
            let (Some((id, at)), Some(name), Some(kind), Some(input), true) =
                (id, name, kind, input, cap_given)
            else {
                return None;
            };
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
        let amount = (value * self.points).min(self.cap);
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
        out.decimal("cap", self.cap);
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
        let raw = value * self.points;
        let capped = raw > self.cap;
        let sign = match self.kind {
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
                    format!("，上限{}分", plain(self.cap))
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
                    format!(", capped at {}", plain(self.cap))
                } else {
                    String::new()
                }
            ),
        }
    }
}
