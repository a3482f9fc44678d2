//! The scoring engine: a rubric and a dataset in, a [`Scorecard`] out.
//!
//! Work is done column by column (one leaf for all offices at a time): a
//! rank needs every office's value anyway, and it keeps 100 000 offices
//! fast. Everything is exact; the only rounding is the published total
//! (and the place computed from it), per the rubric.
//!
//! A scorecard stores as little per office as it can: a rank keeps a place
//! per office and its scores per place; a flag or a direct score shares the
//! dataset's own column; points (`score × weight / 100`) are recomputed
//! when asked for, and so are group subtotals (from each leaf's points per
//! place or per office). Sums of points are exact fixed-point integers
//! (`fixed.rs`).

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::dataset::{Column, Dataset, Office};
use crate::diagnostic::Diagnostic;
use crate::fixed;
use crate::grading::Judged;
use crate::ix::{AdjustmentIx, GroupIx, IndicatorIx, LeafIx, OfficeIx};
use crate::lang::Lang;
use crate::method::Method;
use crate::method::tally::linear_value;
use crate::num::Rounding;
use crate::ranking::{Placing, Ties, placings_of_keys};
use crate::rubric::{IndicatorKind, NaRule, Rubric};

/// Scoring could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// The dataset was read for a rubric with other inputs.
    #[error("the dataset's inputs ({dataset}) are not this rubric's ({rubric})")]
    DatasetMismatch {
        /// The rubric's input ids.
        rubric: String,
        /// The dataset's input ids.
        dataset: String,
    },
    /// A figure too large to be held exactly (points beyond ±10¹⁰, which
    /// a validated rubric cannot produce).
    #[error("a figure is too large to be computed exactly")]
    Overflow,
}

impl ScoreError {
    /// A stable code for this kind of problem, listed in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        match self {
            ScoreError::DatasetMismatch { .. } => "score.dataset_mismatch",
            ScoreError::Overflow => "score.overflow",
        }
    }

    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ScoreError::DatasetMismatch { rubric, dataset }, Lang::Zh) => {
                format!("数据的输入项（{dataset}）与评分细则的（{rubric}）不一致")
            }
            (ScoreError::Overflow, Lang::Zh) => "有数值过大，无法精确计算".to_string(),
            (_, Lang::En) => self.to_string(),
        }
    }

    /// The error as data: its code and message in both languages.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.code(), |lang| self.message(lang))
    }
}

crate::diagnostic::serialize_as_diagnostics!(one: ScoreError);

/// What a method hands the engine for one leaf: every office's score, in
/// the layout that suits the method, and how to find the value each was
/// scored on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    /// The scores, 0–100, exact.
    pub scores: Scores,
    /// The values scored.
    pub values: Values,
    /// The figure every office's score was measured against, where there
    /// is one (the best office's value, for a score proportional to it),
    /// for explanations.
    pub reference: Option<Decimal>,
}

/// Every office's score on one leaf.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scores {
    /// A score that depends only on the office's place: packed
    /// [`Placing`]s, one per office, and the score of place `p` at
    /// `p − 1` (later places score like the last entry).
    ByPlace {
        placing: Vec<u32>,
        score: Vec<Decimal>,
    },
    /// A score that depends only on a flag: `score[0]` when not set,
    /// `score[1]` when set.
    ByFlag {
        input: Arc<Column>,
        score: [Decimal; 2],
    },
    /// The values of an input's column, as they are (scores entered by
    /// hand, checked to lie in [0, 100] when read).
    Column(Arc<Column>),
    /// One score per office.
    PerOffice(Vec<Decimal>),
    /// The points per office, exact, for methods whose rubric text counts
    /// points (a deduction of 1 point per incident from a 3-point
    /// indicator leaves exactly 2, whatever 2 ÷ 3 × 100 rounds to); the
    /// score is `points ÷ share`. Below 0 for a leaf that may overdraw.
    Points(Vec<Decimal>),
}

/// The value each office was scored on, as a scorecard keeps it (to show
/// it, not to score it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Values {
    /// An input's column, as it is.
    Column(Arc<Column>),
    /// A linear combination of whole columns, `Σ value × factor`, an
    /// integer key at `scale` (computed again when asked for rather than
    /// kept for every office).
    Linear {
        terms: Vec<(Arc<Column>, i128)>,
        scale: u32,
    },
    /// Kept for every office.
    Decimals(Vec<Decimal>),
    /// Computed again by the method from the office's inputs when asked
    /// for ([`crate::method::LeafMethod::value`]).
    Computed,
}

impl Values {
    /// Office `o`'s value, computed again by `method` from `inputs` where
    /// it is not kept.
    fn at(&self, method: &Method, inputs: &[Arc<Column>], o: usize) -> Decimal {
        match self {
            Values::Column(column) => column.get(o),
            Values::Linear { terms, scale } => linear_value(terms, *scale, o),
            Values::Decimals(values) => values[o],
            Values::Computed => method.behaviour().value(&|i| inputs[i].get(o)),
        }
    }
}

/// What a method scores with: the dataset, and the leaf's share of the
/// total (points are `score × share`).
pub(crate) struct ScoreCx<'a> {
    data: &'a Dataset,
    share: Decimal,
}

impl<'a> ScoreCx<'a> {
    /// Number of offices.
    pub(crate) fn len(&self) -> usize {
        self.data.len()
    }
    /// Every office's values of input `i`.
    pub(crate) fn column(&self, i: usize) -> &'a Column {
        self.data.column(i)
    }
    /// Input `i`'s column, shared with the dataset (a scorecard keeps it).
    pub(crate) fn shared(&self, i: usize) -> Arc<Column> {
        self.data.shared_column(i)
    }
    /// Office `o`'s value of input `i`.
    pub(crate) fn value(&self, o: usize, i: usize) -> Decimal {
        self.data.value_at(o, i)
    }
    /// The leaf's weight ÷ 100: points are `score × share`.
    pub(crate) fn share(&self) -> Decimal {
        self.share
    }
}

/// One leaf's results for all offices.
#[derive(Debug, Clone, PartialEq)]
struct LeafColumn {
    /// How the leaf is scored (to compute a value again, see
    /// [`Values::Computed`]).
    method: Method,
    /// weight / 100: points are `score × share`.
    share: Decimal,
    scores: Scores,
    values: Values,
    reference: Option<Decimal>,
    /// For [`Scores::ByPlace`]: the points of each place.
    place_points: Vec<Decimal>,
    /// The flag that makes the leaf score 0 when set (`zero_if`).
    zero_if: Option<Arc<Column>>,
    /// Which offices the leaf does not apply to (an input holds `N/A`).
    na: Option<Vec<bool>>,
    /// Which offices' categories are not scored on the leaf.
    outside: Option<Vec<bool>>,
    /// With categories: the figure each category's offices were measured
    /// against (see `reference`), by category.
    category_refs: Option<Vec<Option<Decimal>>>,
}

impl LeafColumn {
    /// Whether office `o` scores 0 on the leaf whatever its method gives
    /// (its `zero_if` flag is set).
    fn zeroed(&self, o: usize) -> bool {
        self.zero_if.as_ref().is_some_and(|flag| flag.is_set(o)) || self.not_applicable(o)
    }

    /// Whether the leaf does not apply to office `o`: an input holds
    /// `N/A`, or the office's category is not scored on it.
    fn not_applicable(&self, o: usize) -> bool {
        self.na.as_ref().is_some_and(|m| m[o]) || self.is_outside(o)
    }

    /// Whether office `o`'s category is not scored on the leaf.
    fn is_outside(&self, o: usize) -> bool {
        self.outside.as_ref().is_some_and(|m| m[o])
    }

    /// Office `o`'s score.
    fn score(&self, o: usize) -> Decimal {
        if self.zeroed(o) {
            return Decimal::ZERO;
        }
        match &self.scores {
            Scores::ByPlace { placing, score } => score[place_index(placing[o], score.len())],
            Scores::ByFlag { input, score } => score[usize::from(input.is_set(o))],
            Scores::Column(column) => column.get(o),
            Scores::PerOffice(score) => score[o],
            Scores::Points(points) => points_to_score(points[o], self.share),
        }
    }

    /// Office `o`'s points, exact.
    fn points(&self, o: usize) -> Decimal {
        if self.zeroed(o) {
            return Decimal::ZERO;
        }
        match &self.scores {
            Scores::Points(points) => points[o],
            _ => self.score(o) * self.share,
        }
    }
}

/// The score (0–100) of `points` on a leaf whose points are `score ×
/// share`.
fn points_to_score(points: Decimal, share: Decimal) -> Decimal {
    if share.is_zero() {
        Decimal::ZERO
    } else {
        points / share
    }
}

/// The index in a per-place table of `last` entries of a packed placing's
/// place (later places read the last entry).
fn place_index(packed: u32, last: usize) -> usize {
    (Placing::unpack(packed).place as usize).min(last).max(1) - 1
}

/// What one leaf adds to each office's total, in fixed point.
#[derive(Debug, Clone, PartialEq)]
enum Contribution {
    /// Entry `p − 1` for place `p` (later places like the last).
    ByPlace(Vec<i128>),
    /// For a flag: entry 0 when not set, 1 when set.
    ByFlag([i128; 2]),
    /// One per office.
    PerOffice(Vec<i128>),
}

impl Contribution {
    /// What the leaf adds to office `o`'s total, scored as `scores`.
    fn at(&self, scores: &Scores, o: usize) -> i128 {
        match (self, scores) {
            (Contribution::PerOffice(col), _) => col[o],
            (Contribution::ByFlag(points), Scores::ByFlag { input, .. }) => {
                points[usize::from(input.is_set(o))]
            }
            (Contribution::ByPlace(table), Scores::ByPlace { placing, .. }) => {
                table[place_index(placing[o], table.len())]
            }
            _ => unreachable!("per-place and per-flag contributions belong to ranks and flags"),
        }
    }
}

/// The indicator tree, for rubrics whose groups cap deductions (`subtotal_floor`):
/// a subtotal is then not the plain sum of its leaves.
#[derive(Debug, Clone, PartialEq)]
struct Tree {
    /// Each group's children, floor and weight (fixed point), by group
    /// slot.
    groups: Vec<(Vec<Child>, Option<i128>, i128)>,
    /// The top-level indicators.
    roots: Vec<Child>,
    /// Each leaf's weight, in fixed point.
    leaf_weights: Vec<i128>,
    /// The rubric total, in fixed point.
    total: i128,
    /// How leaves that do not apply are scored, when some may not.
    na: Option<NaRule>,
    /// With categories: each office's category and each category's
    /// total, in fixed point (what a total is scaled up to).
    categories: Option<(Arc<Vec<u16>>, Vec<i128>)>,
}

/// `points × whole ÷ part`, in fixed point: points earned on the weights
/// that apply, scaled up to the weight they stand for.
fn scale_up(points: i128, whole: i128, part: i128) -> i128 {
    let d = fixed::to_decimal(points) * fixed::to_decimal(whole) / fixed::to_decimal(part);
    fixed::from_decimal(d).unwrap_or(points)
}

impl Tree {
    /// What a child adds to office `o`, and the weight that applies to the
    /// office under it: a leaf's points (nothing, and no weight, when it
    /// does not apply), or a group's subtotal, scaled up to its weight when
    /// the rubric redistributes, kept at or above its floor.
    fn child_fixed(
        &self,
        contributions: &[Contribution],
        leaves: &[LeafColumn],
        child: Child,
        o: usize,
    ) -> i128 {
        self.child(contributions, leaves, child, o).0
    }

    fn child(
        &self,
        contributions: &[Contribution],
        leaves: &[LeafColumn],
        child: Child,
        o: usize,
    ) -> (i128, i128) {
        match child {
            Child::Leaf(slot) if leaves[slot].not_applicable(o) => (0, 0),
            Child::Leaf(slot) => (
                contributions[slot].at(&leaves[slot].scores, o),
                self.leaf_weights[slot],
            ),
            Child::Group(g) => {
                let (children, floor, weight) = &self.groups[g];
                let (mut sum, mut applies) = (0i128, 0i128);
                for &c in children {
                    let (p, w) = self.child(contributions, leaves, c, o);
                    sum += p;
                    applies += w;
                }
                if self.na == Some(NaRule::Redistribute) && applies > 0 && applies < *weight {
                    sum = scale_up(sum, *weight, applies);
                    applies = *weight;
                }
                if applies == 0
                    && *weight > 0
                    && (self.na.is_some() || self.categories.is_some())
                    && !children.is_empty()
                {
                    // Nothing under it applies: it does not either.
                    return (0, 0);
                }
                let sum = match floor {
                    Some(floor) => sum.max(*floor),
                    None => sum,
                };
                (sum, applies)
            }
        }
    }

    /// Office `o`'s points before adjustments: the top level's sum,
    /// scaled up to the rubric total when some of it does not apply.
    fn total_fixed(&self, contributions: &[Contribution], leaves: &[LeafColumn], o: usize) -> i128 {
        let (mut sum, mut applies) = (0i128, 0i128);
        for &c in &self.roots {
            let (p, w) = self.child(contributions, leaves, c, o);
            sum += p;
            applies += w;
        }
        let total = self.total_of(o);
        if self.na.is_some() && applies > 0 && applies < total {
            sum = scale_up(sum, total, applies);
        }
        sum
    }

    /// The total office `o` is scored out of: its category's, or the
    /// rubric's.
    fn total_of(&self, o: usize) -> i128 {
        match &self.categories {
            Some((of, totals)) => totals[usize::from(of[o])],
            None => self.total,
        }
    }

    /// The weight that applies to office `o` at the top level.
    fn applies(&self, contributions: &[Contribution], leaves: &[LeafColumn], o: usize) -> i128 {
        self.roots
            .iter()
            .map(|&c| self.child(contributions, leaves, c, o).1)
            .sum()
    }
}

/// A child in the [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Child {
    Leaf(usize),
    Group(usize),
}

/// Every office's scores under one rubric.
///
/// Offices stay in dataset order; [`Scorecard::ranking`] gives them by
/// place. Figures are exact; [`Rubric::publish`] rounds them for display.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    offices: Arc<Vec<Office>>,
    /// Every input's column, shared with the dataset: values a method
    /// computes again when asked for are computed from them.
    inputs: Vec<Arc<Column>>,
    leaves: Vec<LeafColumn>,
    /// What each leaf adds, in fixed point (see [`crate::fixed`]).
    contributions: Vec<Contribution>,
    /// The leaves (slots) under each group: a subtotal is summed when
    /// asked for rather than stored for every office.
    group_leaves: Vec<Vec<usize>>,
    /// The tree, when a group caps deductions (`subtotal_floor`); sums follow it.
    tree: Option<Tree>,
    adjustments: Vec<Vec<Decimal>>,
    /// What each bonus pool's cap takes off (0 or below), per office.
    pool_cuts: Vec<Vec<Decimal>>,
    /// The rubric total in fixed point: totals are kept within [floor,
    /// limit] (the office's category's total, with categories).
    limit: i128,
    /// With categories: each office's category, each category's total in
    /// fixed point, and how many offices each has.
    categories: Option<CategoryCard>,
    /// The lowest total, in fixed point (0 unless the rubric says).
    floor: i128,
    total: Vec<Decimal>,
    place: Vec<u32>,
    /// Each office's band, veto and top-share standing (empty when the
    /// rubric has none of these).
    judged: Vec<Judged>,
    /// The most each veto leaves of a total, in fixed point, if it says.
    veto_caps: Vec<Option<i128>>,
    precision: u32,
    rounding: Rounding,
}

/// Where each office stands among the categories, in a scorecard.
#[derive(Debug, Clone, PartialEq)]
struct CategoryCard {
    /// Each office's category, by position.
    of: Arc<Vec<u16>>,
    /// Each category's total, in fixed point.
    limits: Vec<i128>,
    /// How many offices each category has.
    sizes: Vec<usize>,
}

/// One office's result on one leaf indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeafScore {
    /// The value scored: the tally for a rank, the answer rate (%) for an
    /// answer rate, 1/0 for a flag, the entered score for a direct score.
    pub value: Decimal,
    /// Place among the offices, for a rank.
    pub placing: Option<Placing>,
    /// How many offices were ranked.
    pub of: usize,
    /// The leaf score, 0–100, exact.
    pub score: Decimal,
    /// What it adds to the total: `score × weight / 100`, exact.
    pub points: Decimal,
    /// The figure every office's score on the leaf was measured against,
    /// where its method keeps one (the best office's value, for a score
    /// proportional to the best).
    pub reference: Option<Decimal>,
    /// Whether the leaf does not apply to the office (its inputs hold
    /// `N/A`, or its category is not scored on it): it then adds nothing,
    /// and its weight is left out (as the rubric's `not_applicable` says,
    /// or of the category's total).
    pub not_applicable: bool,
    /// Whether the leaf is outside the office's category (the rubric's
    /// `categories`): not scored for offices of its kind.
    pub outside_category: bool,
}

/// Where one office stands on one leaf, for a run of offices at once
/// ([`Scorecard::leaf_classes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LeafClass {
    /// Offices of the same class share their published score and points.
    pub class: Option<usize>,
    /// The place, on a ranked leaf.
    pub placing: Option<Placing>,
}

/// A view of one office in a [`Scorecard`].
#[derive(Debug, Clone, Copy)]
pub struct OfficeScore<'a> {
    card: &'a Scorecard,
    index: usize,
}

impl<'a> OfficeScore<'a> {
    /// The scorecard the office is in.
    pub(crate) fn card(&self) -> &'a Scorecard {
        self.card
    }
    /// The office's position in the dataset and the scorecard.
    pub fn ix(&self) -> OfficeIx {
        OfficeIx::new(self.index)
    }
    /// The office's name.
    pub fn name(&self) -> &'a str {
        &self.card.offices[self.index].name
    }
    /// The published total: rounded per the rubric.
    pub fn total(&self) -> Decimal {
        self.card.total[self.index]
    }
    /// The exact total, after adjustments, kept within [0, rubric total].
    pub fn exact_total(&self) -> Decimal {
        fixed::to_decimal(self.card.exact_total_fixed(self.index))
    }
    /// The exact sum of leaf points, before adjustments.
    pub fn unadjusted(&self) -> Decimal {
        fixed::to_decimal(self.card.unadjusted_fixed(self.index))
    }
    /// What keeping the total within [0, rubric total] changed, exactly:
    /// 0 for nearly every office; +15 for an office whose points (85) and
    /// penalties (−100) add up to −15, kept at 0. Points, adjustments and
    /// this add up to [`OfficeScore::exact_total`].
    pub fn limit(&self) -> Decimal {
        let card = self.card;
        let o = self.index;
        fixed::to_decimal(card.clamped_fixed(o) - card.unadjusted_fixed(o) - card.adjusted_fixed(o))
    }

    /// The weight that applies to the office, when some of the rubric
    /// does not (leaves whose inputs hold `N/A`): its points are then
    /// scaled up to the total (or within groups) as the rubric says.
    /// `None` when everything applies.
    pub fn applicable_weight(&self) -> Option<Decimal> {
        let card = self.card;
        let tree = card.tree.as_ref()?;
        tree.na?;
        let applies = tree.applies(&card.contributions, &card.leaves, self.index);
        (applies < tree.total_of(self.index)).then(|| fixed::to_decimal(applies))
    }

    /// What a bonus pool's cap took off the office's bonuses (0 or
    /// below), by the pool's position among
    /// [`crate::Rubric::bonus_pools`].
    pub fn pool_cut(&self, pool: usize) -> Decimal {
        self.card.pool_cuts[pool][self.index]
    }

    /// The office's grade band, as its position among
    /// [`crate::grading::Grading::bands`] (a veto's band when one applies);
    /// `None` when the rubric has no bands.
    pub fn band(&self) -> Option<usize> {
        let j = self.card.judged.get(self.index)?;
        j.band.map(usize::from)
    }

    /// The veto that applies to the office, as its position among
    /// [`crate::grading::Grading::vetoes`], if any.
    pub fn veto(&self) -> Option<usize> {
        let j = self.card.judged.get(self.index)?;
        j.veto.map(usize::from)
    }

    /// What the veto that applies took off the total, exactly (0 or
    /// below): points, adjustments, the limit and this add up to
    /// [`OfficeScore::exact_total`].
    pub fn veto_cut(&self) -> Decimal {
        let o = self.index;
        let card = self.card;
        fixed::to_decimal(card.exact_total_fixed(o) - card.clamped_fixed(o))
    }

    /// The office's category, as its position among
    /// [`crate::category::Categories::list`]; `None` when the rubric has
    /// no categories.
    pub fn category(&self) -> Option<usize> {
        let c = self.card.categories.as_ref()?;
        Some(usize::from(c.of[self.index]))
    }

    /// How many offices the office is placed among: those of its
    /// category, or all of them.
    pub fn of(&self) -> usize {
        match &self.card.categories {
            Some(c) => c.sizes[usize::from(c.of[self.index])],
            None => self.card.offices.len(),
        }
    }

    /// The total the office is scored out of: its category's, or the
    /// rubric's.
    pub fn out_of(&self) -> Decimal {
        fixed::to_decimal(self.card.limit_of(self.index))
    }

    /// Whether the office is in the rubric's top share (先进).
    pub fn in_top_share(&self) -> bool {
        self.card.judged.get(self.index).is_some_and(|j| j.top)
    }
    /// Overall place: competition ranking on the published total.
    pub fn place(&self) -> u32 {
        self.card.place[self.index]
    }
    /// The exact subtotal of a group: the sum of its leaves' points.
    pub fn group(&self, group: GroupIx) -> Decimal {
        fixed::to_decimal(self.group_fixed(group.index()))
    }

    /// A group's subtotal in fixed point: the sum of its leaves' points
    /// (kept at or above the floors of the groups on the way).
    fn group_fixed(&self, slot: usize) -> i128 {
        if let Some(tree) = &self.card.tree {
            return self.card.child_fixed(tree, Child::Group(slot), self.index);
        }
        self.card.group_leaves[slot]
            .iter()
            .map(|&leaf| self.card.leaf_fixed(leaf, self.index))
            .sum()
    }
    /// A group's subtotal as published (rounded per the rubric): the same
    /// as `rubric.round(self.group(group))`, rounded straight from the
    /// exact sum.
    pub fn published_group(&self, group: GroupIx) -> Decimal {
        let card = self.card;
        fixed::round(
            self.group_fixed(group.index()),
            card.precision,
            card.rounding,
        )
    }

    /// The signed points of an adjustment.
    pub fn adjustment(&self, adjustment: AdjustmentIx) -> Decimal {
        self.card.adjustments[adjustment.index()][self.index]
    }

    /// Whether a leaf does not apply to the office (its inputs hold
    /// `N/A`, or its category is not scored on it).
    pub fn not_applicable(&self, leaf: LeafIx) -> bool {
        self.card.leaves[leaf.index()].not_applicable(self.index)
    }

    /// Whether nothing under a group applies to the office (every leaf
    /// under it is not applicable, or outside its category): its subtotal
    /// is then shown as not applicable rather than 0.
    pub fn group_not_applicable(&self, group: GroupIx) -> bool {
        let under = &self.card.group_leaves[group.index()];
        !under.is_empty()
            && under
                .iter()
                .all(|&l| self.card.leaves[l].not_applicable(self.index))
    }

    /// Whether a leaf is outside the office's category (not scored for
    /// offices of its kind).
    pub fn leaf_outside(&self, leaf: LeafIx) -> bool {
        self.card.leaves[leaf.index()].is_outside(self.index)
    }

    /// The office's place on a ranked leaf; `None` for other methods, and
    /// for a leaf outside the office's category.
    pub fn placing(&self, leaf: LeafIx) -> Option<Placing> {
        let column = &self.card.leaves[leaf.index()];
        if column.is_outside(self.index) {
            return None;
        }
        match &column.scores {
            Scores::ByPlace { placing, .. } => Some(Placing::unpack(placing[self.index])),
            _ => None,
        }
    }

    /// The score and points on a leaf as published (rounded per the
    /// rubric): the same as rounding [`OfficeScore::leaf`]'s, without
    /// computing the value and place.
    pub fn published_leaf(&self, leaf: LeafIx) -> (Decimal, Decimal) {
        self.published_leaf_at(leaf.index())
    }

    pub(crate) fn published_leaf_at(&self, slot: usize) -> (Decimal, Decimal) {
        let (o, card) = (self.index, self.card);
        let leaf = &card.leaves[slot];
        if leaf.zeroed(o) {
            let zero = card.rounding.round(Decimal::ZERO, card.precision);
            return (zero, zero);
        }
        let (score, points) = match &leaf.scores {
            Scores::ByPlace { placing, score } => {
                let k = place_index(placing[o], score.len());
                (score[k], leaf.place_points[k])
            }
            Scores::PerOffice(_) | Scores::Column(_) => {
                // Rounded from the fixed-point points the total was summed
                // from: cheaper than decimal multiplication and rounding.
                let score = leaf.score(o);
                if let (Some(s), Contribution::PerOffice(points)) =
                    (fixed::from_decimal(score), &card.contributions[slot])
                {
                    return (
                        fixed::round(s, card.precision, card.rounding),
                        fixed::round(points[o], card.precision, card.rounding),
                    );
                }
                (score, score * leaf.share)
            }
            Scores::ByFlag { .. } => {
                let s = leaf.score(o);
                (s, s * leaf.share)
            }
            Scores::Points(points) => (leaf.score(o), points[o]),
        };
        let round = |d: Decimal| card.rounding.round(d, card.precision);
        (round(score), round(points))
    }

    /// The result on a leaf: value, place, score and points, exact.
    pub fn leaf(&self, leaf: LeafIx) -> LeafScore {
        let (o, card, slot) = (self.index, self.card, leaf.index());
        let leaf = &card.leaves[slot];
        let value = leaf.values.at(&leaf.method, &card.inputs, o);
        let outside = leaf.is_outside(o);
        let (placing, score, points) = match &leaf.scores {
            _ if outside => (None, Decimal::ZERO, Decimal::ZERO),
            Scores::ByPlace { placing, .. } if leaf.zeroed(o) => (
                Some(Placing::unpack(placing[o])),
                Decimal::ZERO,
                Decimal::ZERO,
            ),
            Scores::ByPlace { placing, score } => {
                let k = place_index(placing[o], score.len());
                (
                    Some(Placing::unpack(placing[o])),
                    score[k],
                    leaf.place_points[k],
                )
            }
            _ => (None, leaf.score(o), leaf.points(o)),
        };
        let reference = match (&leaf.category_refs, &card.categories) {
            (Some(refs), Some(c)) => refs[usize::from(c.of[o])],
            _ => leaf.reference,
        };
        LeafScore {
            value,
            placing,
            of: self.of(),
            score,
            points,
            reference,
            not_applicable: leaf.not_applicable(o),
            outside_category: outside,
        }
    }
}

impl Scorecard {
    /// What leaf `slot` adds to office `o`'s total, in fixed point.
    fn leaf_fixed(&self, slot: usize, o: usize) -> i128 {
        self.contributions[slot].at(&self.leaves[slot].scores, o)
    }

    /// What a child of the tree adds to office `o`: a leaf's points, or a
    /// group's subtotal kept at or above its floor.
    fn child_fixed(&self, tree: &Tree, child: Child, o: usize) -> i128 {
        tree.child_fixed(&self.contributions, &self.leaves, child, o)
    }

    /// Whether a group's floor raised office `o`'s subtotal: the exact
    /// subtotal its children add up to, when it did.
    pub(crate) fn floored(&self, group: GroupIx, o: usize) -> Option<Decimal> {
        let tree = self.tree.as_ref()?;
        let (children, floor, _) = &tree.groups[group.index()];
        let floor = (*floor)?;
        let sum: i128 = children.iter().map(|&c| self.child_fixed(tree, c, o)).sum();
        (sum < floor).then(|| fixed::to_decimal(sum))
    }

    /// The published subtotal of every group for a run of offices, as
    /// whole units of the rubric's precision (at precision 2, `"5.50"` is
    /// 550): `out` is cleared, then holds `groups × offices.len()` values,
    /// office by office, each office's in [`Rubric::groups`] order.
    ///
    /// The same figures as [`OfficeScore::published_group`], summed a leaf
    /// at a time for the whole run rather than an office at a time: what a
    /// writer of many offices wants (runs of a thousand offices stay in
    /// the processor's cache).
    ///
    /// # Panics
    /// When `offices` reaches past the last office.
    pub(crate) fn published_group_units(
        &self,
        offices: std::ops::Range<usize>,
        out: &mut Vec<i128>,
    ) {
        let n = offices.len();
        let groups = self.group_leaves.len();
        out.clear();
        out.resize(n * groups, 0);
        if n == 0 || groups == 0 {
            return;
        }
        if let Some(tree) = &self.tree {
            // Floors: each subtotal through the tree, office by office.
            for (k, o) in offices.enumerate() {
                for g in 0..groups {
                    let sum = self.child_fixed(tree, Child::Group(g), o);
                    out[k * groups + g] = fixed::round_units(sum, self.precision, self.rounding);
                }
            }
            return;
        }
        // Each leaf's points for the run, one leaf after another (written
        // whole: no zeroing first).
        let mut points: Vec<i128> = Vec::with_capacity(n * self.leaves.len());
        for (slot, contribution) in self.contributions.iter().enumerate() {
            match (contribution, &self.leaves[slot].scores) {
                (Contribution::PerOffice(col), _) => {
                    points.extend_from_slice(&col[offices.clone()])
                }
                (Contribution::ByFlag(table), Scores::ByFlag { input, .. }) => {
                    points.extend(offices.clone().map(|o| table[usize::from(input.is_set(o))]));
                }
                (Contribution::ByPlace(table), Scores::ByPlace { placing, .. }) => {
                    let last = table.len();
                    points.extend(
                        placing[offices.clone()]
                            .iter()
                            .map(|&packed| table[place_index(packed, last)]),
                    );
                }
                _ => unreachable!("per-place and per-flag contributions belong to ranks and flags"),
            }
        }
        let leaf = |l: usize| &points[l * n..(l + 1) * n];
        let mut sum: Vec<i128> = Vec::with_capacity(n);
        for (g, under) in self.group_leaves.iter().enumerate() {
            sum.clear();
            match under.split_first() {
                Some((&first, rest)) => {
                    sum.extend_from_slice(leaf(first));
                    for &l in rest {
                        for (s, p) in sum.iter_mut().zip(leaf(l)) {
                            *s += *p;
                        }
                    }
                }
                None => sum.resize(n, 0),
            }
            for (k, &s) in sum.iter().enumerate() {
                out[k * groups + g] = fixed::round_units(s, self.precision, self.rounding);
            }
        }
    }

    /// Every office's class and place on leaf `slot` (by its slot in
    /// [`Rubric::leaves`]), for a run of offices: `out` is cleared, then
    /// holds one [`LeafClass`] per office of the run, the same as
    /// [`OfficeScore::leaf_class`] and [`OfficeScore::placing`] give, a
    /// leaf's column read in one pass.
    ///
    /// # Panics
    /// When `offices` reaches past the last office.
    pub(crate) fn leaf_classes(
        &self,
        slot: usize,
        offices: std::ops::Range<usize>,
        out: &mut Vec<LeafClass>,
    ) {
        out.clear();
        let leaf = &self.leaves[slot];
        if let (Some(_), Scores::ByPlace { placing, .. }, None) =
            (&leaf.zero_if, &leaf.scores, &leaf.outside)
        {
            // Zeroed offices break the classes: each office's own figures.
            out.extend(placing[offices].iter().map(|&packed| LeafClass {
                class: None,
                placing: Some(Placing::unpack(packed)),
            }));
            return;
        }
        if let Some(outside) = &leaf.outside {
            // Offices outside the category have no place; the others
            // their own figures.
            out.extend(offices.map(|o| LeafClass {
                class: None,
                placing: match &leaf.scores {
                    Scores::ByPlace { placing, .. } if !outside[o] => {
                        Some(Placing::unpack(placing[o]))
                    }
                    _ => None,
                },
            }));
            return;
        }
        if leaf.zero_if.is_some() || leaf.na.is_some() {
            out.extend(offices.map(|_| LeafClass {
                class: None,
                placing: None,
            }));
            return;
        }
        match &leaf.scores {
            Scores::ByPlace { placing, score } => {
                let last = score.len();
                out.extend(placing[offices].iter().map(|&packed| LeafClass {
                    class: Some(place_index(packed, last)),
                    placing: Some(Placing::unpack(packed)),
                }));
            }
            Scores::ByFlag { input, .. } => out.extend(offices.map(|o| LeafClass {
                class: Some(usize::from(input.is_set(o))),
                placing: None,
            })),
            Scores::Column(_) | Scores::PerOffice(_) | Scores::Points(_) => {
                out.extend(offices.map(|_| LeafClass {
                    class: None,
                    placing: None,
                }));
            }
        }
    }

    /// The precision figures are published at (the rubric's).
    pub fn precision(&self) -> u32 {
        self.precision
    }

    /// Rounds a figure as the rubric does.
    pub(crate) fn publish(&self, value: Decimal) -> Decimal {
        self.rounding.round(value, self.precision)
    }

    /// How many groups the rubric has.
    pub(crate) fn group_count(&self) -> usize {
        self.group_leaves.len()
    }

    /// How many leaves the rubric has.
    pub(crate) fn leaf_count(&self) -> usize {
        self.leaves.len()
    }

    /// The sum of office `o`'s leaf points (each group's kept at or
    /// above its floor), in fixed point.
    fn unadjusted_fixed(&self, o: usize) -> i128 {
        match &self.tree {
            Some(tree) => tree.total_fixed(&self.contributions, &self.leaves, o),
            None => (0..self.leaves.len())
                .map(|slot| self.leaf_fixed(slot, o))
                .sum(),
        }
    }

    /// Office `o`'s points and adjustments, kept within [0, rubric
    /// total], in fixed point. Adjustments were checked to fit when the
    /// card was made.
    fn clamped_fixed(&self, o: usize) -> i128 {
        (self.unadjusted_fixed(o) + self.adjusted_fixed(o)).clamp(self.floor, self.limit_of(o))
    }

    /// The most office `o`'s total can be: its category's total, or the
    /// rubric's.
    fn limit_of(&self, o: usize) -> i128 {
        match &self.categories {
            Some(c) => c.limits[usize::from(c.of[o])],
            None => self.limit,
        }
    }

    /// Office `o`'s adjustments and bonus pools' cuts, summed in fixed
    /// point.
    fn adjusted_fixed(&self, o: usize) -> i128 {
        self.adjustments
            .iter()
            .chain(&self.pool_cuts)
            .map(|col| fixed::from_decimal(col[o]).unwrap_or(0))
            .sum()
    }

    /// Office `o`'s exact total in fixed point: [`Scorecard::clamped_fixed`],
    /// at most what a veto that applies leaves.
    fn exact_total_fixed(&self, o: usize) -> i128 {
        let t = self.clamped_fixed(o);
        match self.veto_cap(o) {
            Some(cap) => t.min(cap),
            None => t,
        }
    }

    /// The most the veto that applies to office `o` leaves of its total.
    fn veto_cap(&self, o: usize) -> Option<i128> {
        let k = self.judged.get(o)?.veto?;
        self.veto_caps[usize::from(k)]
    }

    /// Number of offices.
    pub fn len(&self) -> usize {
        self.offices.len()
    }
    /// Whether no office was scored.
    pub fn is_empty(&self) -> bool {
        self.offices.is_empty()
    }
    /// One office.
    pub fn office(&self, office: OfficeIx) -> OfficeScore<'_> {
        OfficeScore {
            card: self,
            index: office.index(),
        }
    }
    /// The office at a position in the dataset (from 0), if there is one.
    pub fn office_at(&self, position: usize) -> Option<OfficeScore<'_>> {
        (position < self.offices.len()).then_some(OfficeScore {
            card: self,
            index: position,
        })
    }
    /// Finds an office by name.
    pub fn find(&self, name: &str) -> Option<OfficeScore<'_>> {
        self.offices
            .iter()
            .position(|o| o.name == name)
            .map(|index| OfficeScore { card: self, index })
    }
    /// Offices in dataset order.
    pub fn offices(&self) -> impl ExactSizeIterator<Item = OfficeScore<'_>> {
        (0..self.offices.len()).map(|index| OfficeScore { card: self, index })
    }
    /// Offices by place, ties in dataset order; with categories, the
    /// first category's offices by place, then the next's.
    pub fn ranking(&self) -> Vec<OfficeScore<'_>> {
        let mut order: Vec<usize> = (0..self.offices.len()).collect();
        let category = |i: usize| self.categories.as_ref().map_or(0, |c| c.of[i]);
        order.sort_by_key(|&i| (category(i), self.place[i], i));
        order
            .into_iter()
            .map(|index| OfficeScore { card: self, index })
            .collect()
    }
}

/// Scores every office in `data` under `rubric`.
///
/// ```
/// use scoring_core::{Dataset, Rubric, Table, TableRow, score};
/// let rubric = Rubric::from_yaml("shandong", scoring_core::bundled::SHANDONG_2017).unwrap();
/// let csv = include_str!("../../tests/fixtures/dept6.csv");
/// let table = Table {
///     source: "dept6.csv".into(),
///     rows: csv.lines().enumerate()
///         .map(|(n, line)| TableRow::new(n as u32 + 1, line.split(',')))
///         .collect(),
/// };
/// let data = Dataset::from_table(&rubric, &table).unwrap();
/// let card = score(&rubric, &data).unwrap();
/// let first = card.ranking()[0];
/// assert_eq!((first.name(), rubric.publish(first.total()).as_str()), ("办公室", "96.85"));
/// ```
pub fn score(rubric: &Rubric, data: &Dataset) -> Result<Scorecard, ScoreError> {
    if !data.fits(rubric) {
        return Err(ScoreError::DatasetMismatch {
            rubric: rubric
                .inputs
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            dataset: data.input_ids().join(", "),
        });
    }
    let n = data.len();
    let overflow = || ScoreError::Overflow;

    let mut leaves = Vec::with_capacity(rubric.leaves.len());
    // What each leaf adds, in fixed point, for the sums below: per place for
    // a rank (no need for a column of 100 000 copies), per flag value for a
    // flag, per office otherwise.
    let mut contributions: Vec<Contribution> = Vec::with_capacity(rubric.leaves.len());
    // With categories: each office's, and the offices of each.
    let categories = rubric.categories().map(|c| {
        let of: Vec<u16> = (0..n)
            .map(|o| {
                let cell = data.text(OfficeIx::new(o), c.column);
                c.find(cell).unwrap_or(0) as u16
            })
            .collect();
        let mut members = vec![Vec::new(); c.list.len()];
        for (o, &k) in of.iter().enumerate() {
            members[usize::from(k)].push(o);
        }
        // Each category's offices as a dataset of their own, made once.
        let subsets: Vec<Dataset> = members.iter().map(|m| data.subset(m)).collect();
        (Arc::new(of), members, subsets)
    });
    for (leaf_ix, indicator) in rubric.leaves() {
        let method = indicator.method().expect("leaves have methods");
        let zero_if = match &indicator.kind {
            IndicatorKind::Leaf {
                zero_if: Some(flag),
                ..
            } => Some(data.shared_column(flag.index)),
            _ => None,
        };
        // Offices whose cells of the leaf's inputs hold N/A.
        let na = match &indicator.kind {
            IndicatorKind::Leaf {
                may_be_na: true, ..
            } => {
                let masks: Vec<&Arc<Vec<bool>>> = method
                    .inputs()
                    .iter()
                    .filter_map(|i| data.na_column(i.index))
                    .collect();
                (!masks.is_empty()).then(|| (0..n).map(|o| masks.iter().any(|m| m[o])).collect())
            }
            _ => None,
        };
        // points = score × weight / 100, with weight / 100 computed once.
        let share = indicator.weight / Decimal::ONE_HUNDRED;
        let (scored, outside, category_refs) = match &categories {
            None => (
                method.behaviour().score(&ScoreCx { data, share })?,
                None,
                None,
            ),
            Some((of, members, subsets)) => {
                let applies: Vec<bool> = (0..members.len())
                    .map(|k| rubric.leaf_in_category(leaf_ix, k))
                    .collect();
                let (scored, refs) = by_category(method, n, share, members, subsets, &applies)?;
                let outside: Vec<bool> = of.iter().map(|&k| !applies[usize::from(k)]).collect();
                (
                    scored,
                    outside.iter().any(|&b| b).then_some(outside),
                    Some(refs),
                )
            }
        };
        let Scored {
            scores,
            values,
            reference,
        } = scored;
        let mut place_points = Vec::new();
        let contribution = match &scores {
            Scores::ByPlace { score, .. } => {
                place_points = score.iter().map(|&s| s * share).collect();
                Contribution::ByPlace(
                    place_points
                        .iter()
                        .map(|&p| fixed::from_decimal(p))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(overflow)?,
                )
            }
            Scores::ByFlag { score, .. } => {
                let [unset, set] = score.map(|s| fixed::from_decimal(s * share));
                Contribution::ByFlag([unset.ok_or_else(overflow)?, set.ok_or_else(overflow)?])
            }
            Scores::Column(column) => {
                Contribution::PerOffice(fixed_points(column.iter(), share).ok_or_else(overflow)?)
            }
            // Scores of their own (answer rates) seldom repeat from one
            // office to the next: each is multiplied, but a zero (a
            // deduction past the rate) adds nothing.
            Scores::PerOffice(score) => Contribution::PerOffice(
                score
                    .iter()
                    .map(|&s| {
                        if s.is_zero() {
                            Some(0)
                        } else {
                            fixed::from_decimal(s * share)
                        }
                    })
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(overflow)?,
            ),
            Scores::Points(points) => Contribution::PerOffice(
                points
                    .iter()
                    .map(|&p| fixed::from_decimal(p))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(overflow)?,
            ),
        };
        // A leaf zeroed by a flag, or not applicable, adds nothing for
        // those offices.
        let contribution = if zero_if.is_some() || na.is_some() || outside.is_some() {
            Contribution::PerOffice(
                (0..n)
                    .map(|o| {
                        let zeroed = zero_if.as_ref().is_some_and(|f| f.is_set(o))
                            || na.as_ref().is_some_and(|m: &Vec<bool>| m[o])
                            || outside.as_ref().is_some_and(|m: &Vec<bool>| m[o]);
                        if zeroed {
                            0
                        } else {
                            contribution.at(&scores, o)
                        }
                    })
                    .collect(),
            )
        } else {
            contribution
        };
        leaves.push(LeafColumn {
            method: method.clone(),
            share,
            scores,
            values,
            reference,
            place_points,
            zero_if,
            na,
            outside,
            category_refs,
        });
        contributions.push(contribution);
    }

    // The sum of all points (every leaf lies under exactly one root), a
    // leaf at a time; then adjusted, kept within [0, total] and rounded in
    // place: the published total in units of 10^-precision, the sort key
    // for the places. Group subtotals, exact sums and totals are computed
    // from the leaves again when asked for, not kept for every office.
    let mut units = vec![0i128; n];
    for (slot, contribution) in contributions.iter().enumerate() {
        match (contribution, &leaves[slot].scores) {
            (Contribution::PerOffice(col), _) => {
                for (s, v) in units.iter_mut().zip(col) {
                    *s += *v;
                }
            }
            (Contribution::ByPlace(table), Scores::ByPlace { placing, .. }) => {
                let last = table.len();
                for (s, &p) in units.iter_mut().zip(placing.iter()) {
                    *s += table[place_index(p, last)];
                }
            }
            (Contribution::ByFlag(points), Scores::ByFlag { input, .. }) => {
                for (o, s) in units.iter_mut().enumerate() {
                    *s += points[usize::from(input.is_set(o))];
                }
            }
            _ => unreachable!("per-place and per-flag contributions belong to ranks and flags"),
        }
    }
    let group_leaves = rubric
        .groups
        .iter()
        .map(|&g| leaves_under(rubric, IndicatorIx::new(g)))
        .collect();
    let category_card = match (&categories, rubric.categories()) {
        (Some((of, members, _)), Some(c)) => Some(CategoryCard {
            of: of.clone(),
            limits: c
                .list
                .iter()
                .map(|c| fixed::from_decimal(c.total))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(overflow)?,
            sizes: members.iter().map(Vec::len).collect(),
        }),
        _ => None,
    };
    let tree = tree(rubric, &leaves, category_card.as_ref()).ok_or_else(overflow)?;
    if let Some(tree) = &tree {
        // Groups cap deductions, or leaves may not apply: the sum follows
        // the tree.
        for (o, sum) in units.iter_mut().enumerate() {
            *sum = tree.total_fixed(&contributions, &leaves, o);
        }
    }

    let mut adjustments: Vec<Vec<Decimal>> = rubric
        .adjustments
        .iter()
        .map(|a| {
            data.column(a.input.index)
                .iter()
                .map(|v| a.apply(v))
                .collect()
        })
        .collect();
    // Bonus pools: a gate (the points before adjustments an office needs)
    // zeroes its bonuses; the cap on their sum shows as the pool's cut.
    let mut pool_cuts: Vec<Vec<Decimal>> = Vec::with_capacity(rubric.bonus_pools.len());
    for pool in &rubric.bonus_pools {
        let members: Vec<usize> = rubric
            .adjustments
            .iter()
            .enumerate()
            .filter(|(_, a)| a.pool.as_deref() == Some(pool.id.as_str()))
            .map(|(k, _)| k)
            .collect();
        let gate = match pool.gate {
            Some(g) => Some(fixed::from_decimal(g).ok_or_else(overflow)?),
            None => None,
        };
        let mut cuts = Vec::with_capacity(n);
        for (o, &base) in units.iter().enumerate() {
            if gate.is_some_and(|g| base < g) {
                for &k in &members {
                    adjustments[k][o] = Decimal::ZERO;
                }
            }
            let sum: Decimal = members.iter().map(|&k| adjustments[k][o]).sum();
            cuts.push((pool.cap - sum).min(Decimal::ZERO));
        }
        pool_cuts.push(cuts);
    }
    let limit = fixed::from_decimal(rubric.total()).ok_or_else(overflow)?;
    let floor = fixed::from_decimal(rubric.total_floor).ok_or_else(overflow)?;
    let (precision, rounding) = (rubric.precision(), rubric.rounding());
    // Vetoes: the first whose flag is set, and the most it leaves.
    let grading = &rubric.grading;
    let veto_flags: Vec<Arc<Column>> = grading
        .vetoes
        .iter()
        .map(|v| data.shared_column(v.input.index))
        .collect();
    let veto_caps: Vec<Option<i128>> = grading
        .vetoes
        .iter()
        .map(|v| v.total_at_most.and_then(fixed::from_decimal))
        .collect();
    let vetoed = |o: usize| veto_flags.iter().position(|f| f.is_set(o));
    let mut total = Vec::with_capacity(n);
    for (o, sum) in units.iter_mut().enumerate() {
        let mut t = *sum;
        for col in adjustments.iter().chain(&pool_cuts) {
            t += fixed::from_decimal(col[o]).ok_or_else(overflow)?;
        }
        let most = category_card
            .as_ref()
            .map_or(limit, |c| c.limits[usize::from(c.of[o])]);
        let mut t = t.clamp(floor, most);
        if let Some(cap) = vetoed(o).and_then(|k| veto_caps[k]) {
            t = t.min(cap);
        }
        *sum = fixed::round_units(t, precision, rounding);
        total.push(
            Decimal::try_from_i128_with_scale(*sum, precision)
                .unwrap_or_else(|_| fixed::round(t, precision, rounding)),
        );
    }
    // Vetoed offices placed last sort below every other office.
    if grading.vetoes.iter().any(|v| v.placed_last) {
        const BELOW: i128 = 1 << 110;
        for (o, key) in units.iter_mut().enumerate() {
            if vetoed(o).is_some_and(|k| grading.vetoes[k].placed_last) {
                *key -= BELOW;
            }
        }
    }
    // Places, and the top share, within each category.
    let groups: Vec<Vec<usize>> = match categories {
        Some((_, members, _)) => members,
        None => vec![(0..n).collect()],
    };
    let mut place = vec![0u32; n];
    let mut judged = if grading.is_empty() {
        Vec::new()
    } else {
        vec![Judged::default(); n]
    };
    for offices in &groups {
        if offices.is_empty() {
            continue;
        }
        let whole = offices.len() == n;
        let keys: Vec<i128> = if whole {
            Vec::new()
        } else {
            offices.iter().map(|&o| units[o]).collect()
        };
        let placings = placings_of_keys(if whole { &units } else { &keys }, Ties::Competition);
        for (&o, p) in offices.iter().zip(placings) {
            place[o] = Placing::unpack(p).place;
        }
        if !grading.is_empty() {
            let totals: Vec<Decimal> = offices.iter().map(|&o| total[o]).collect();
            let places: Vec<u32> = offices.iter().map(|&o| place[o]).collect();
            let part = grading.judge(&totals, &places, |k, j| veto_flags[k].is_set(offices[j]));
            for (&o, j) in offices.iter().zip(part) {
                judged[o] = j;
            }
        }
    }

    Ok(Scorecard {
        offices: data.shared_offices(),
        inputs: (0..rubric.inputs.len())
            .map(|i| data.shared_column(i))
            .collect(),
        leaves,
        contributions,
        group_leaves,
        tree,
        adjustments,
        pool_cuts,
        limit,
        categories: category_card,
        floor,
        total,
        place,
        judged,
        veto_caps,
        precision,
        rounding,
    })
}

/// The indicator tree with each group's floor, when some group has one
/// (`Some(None)` otherwise); `None` when a floor does not fit fixed point.
fn tree(
    rubric: &Rubric,
    leaves: &[LeafColumn],
    categories: Option<&CategoryCard>,
) -> Option<Option<Tree>> {
    let floors = rubric
        .groups()
        .any(|(_, g)| matches!(g.kind, IndicatorKind::Group { floor: Some(_), .. }));
    let na = leaves.iter().any(|l| l.na.is_some());
    if !floors && !na {
        return Some(None);
    }
    let child = |c: IndicatorIx| match &rubric.indicator(c).kind {
        IndicatorKind::Leaf { slot, .. } => Child::Leaf(slot.index()),
        IndicatorKind::Group { slot, .. } => Child::Group(slot.index()),
    };
    let mut groups = Vec::with_capacity(rubric.groups().len());
    for (_, g) in rubric.groups() {
        let IndicatorKind::Group {
            children, floor, ..
        } = &g.kind
        else {
            unreachable!("groups are groups")
        };
        let floor = match floor {
            Some(f) => Some(fixed::from_decimal(*f)?),
            None => None,
        };
        groups.push((
            children.iter().map(|&c| child(c)).collect(),
            floor,
            fixed::from_decimal(g.weight)?,
        ));
    }
    let roots = rubric.roots().map(|(r, _)| child(r)).collect();
    let leaf_weights = rubric
        .leaves()
        .map(|(_, l)| fixed::from_decimal(l.weight))
        .collect::<Option<Vec<_>>>()?;
    Some(Some(Tree {
        groups,
        roots,
        leaf_weights,
        total: fixed::from_decimal(rubric.total())?,
        na: if na { rubric.na_rule() } else { None },
        categories: categories.map(|c| (c.of.clone(), c.limits.clone())),
    }))
}

/// Scores one leaf for each category it applies to, on that category's
/// offices alone (`subsets`, by category; `n` offices in all) (places and best values are counted within a category),
/// and puts the scores back in office order: the scores, with each
/// category's reference figure. Offices of other categories score 0 here
/// (the caller marks them outside).
fn by_category(
    method: &Method,
    n: usize,
    share: Decimal,
    members: &[Vec<usize>],
    subsets: &[Dataset],
    applies: &[bool],
) -> Result<(Scored, Vec<Option<Decimal>>), ScoreError> {
    let mut scores = vec![Decimal::ZERO; n];
    let mut points = vec![Decimal::ZERO; n];
    let mut values = vec![Decimal::ZERO; n];
    let mut placing = vec![
        Placing {
            place: 1,
            shared: false
        }
        .pack();
        n
    ];
    let mut table: Vec<Decimal> = Vec::new();
    let (mut all_places, mut all_points) = (true, true);
    let mut refs = vec![None; members.len()];
    for (k, offices) in members.iter().enumerate() {
        if !applies[k] || offices.is_empty() {
            continue;
        }
        let sub = &subsets[k];
        let Scored {
            scores: part,
            values: part_values,
            reference,
        } = method.behaviour().score(&ScoreCx { data: sub, share })?;
        refs[k] = reference;
        all_places &= matches!(part, Scores::ByPlace { .. });
        all_points &= matches!(part, Scores::Points(_));
        let inputs: Vec<Arc<Column>> = (0..sub.input_ids().len())
            .map(|i| sub.shared_column(i))
            .collect();
        let column = LeafColumn {
            method: method.clone(),
            share,
            scores: part,
            values: part_values,
            reference,
            place_points: Vec::new(),
            zero_if: None,
            na: None,
            outside: None,
            category_refs: None,
        };
        if let Scores::ByPlace { score, .. } = &column.scores
            && score.len() > table.len()
        {
            table.clone_from(score);
        }
        for (j, &o) in offices.iter().enumerate() {
            scores[o] = column.score(j);
            points[o] = column.points(j);
            values[o] = column.values.at(method, &inputs, j);
            if let Scores::ByPlace { placing: p, .. } = &column.scores {
                placing[o] = p[j];
            }
        }
    }
    let scores = if all_places && !table.is_empty() {
        Scores::ByPlace {
            placing,
            score: table,
        }
    } else if all_points {
        Scores::Points(points)
    } else {
        Scores::PerOffice(scores)
    };
    Ok((
        Scored {
            scores,
            values: Values::Decimals(values),
            reference: None,
        },
        refs,
    ))
}

/// The slots of the leaves under indicator `index`, in document order.
fn leaves_under(rubric: &Rubric, index: IndicatorIx) -> Vec<usize> {
    match &rubric.indicator(index).kind {
        IndicatorKind::Leaf { slot, .. } => vec![slot.index()],
        IndicatorKind::Group { .. } => rubric
            .indicator(index)
            .children()
            .iter()
            .flat_map(|&c| leaves_under(rubric, c))
            .collect(),
    }
}

/// `score × share` for every office, in fixed point; the multiplication is
/// done once per run of equal scores (flags are 0 or 100; hand-entered
/// scores repeat).
fn fixed_points(scores: impl Iterator<Item = Decimal>, share: Decimal) -> Option<Vec<i128>> {
    let mut last: Option<(Decimal, i128)> = None;
    scores
        .map(|s| match last {
            Some((ls, lp)) if ls == s => Some(lp),
            _ => {
                let p = fixed::from_decimal(s * share)?;
                last = Some((s, p));
                Some(p)
            }
        })
        .collect()
}
