//! The rubric model: declared inputs, a tree of weighted indicators, and
//! rubric-level adjustments.
//!
//! A [`Rubric`] can only be built by [`Rubric::from_yaml`], which validates
//! it: once you hold one, its weights add up, every input a method reads is
//! declared with the right kind, and every id is unique. Code downstream
//! relies on these invariants and does not check them again.

mod error;
mod load;

pub use error::{RubricError, RubricErrors, RubricProblem};
#[cfg(test)]
pub(crate) use load::TEXT_COLUMN;
pub(crate) use load::{INDICATOR, Loader, MapCx, TOP, is_null, location as span_location};

use rust_decimal::Decimal;

pub use crate::adjustment::{Adjustment, AdjustmentKind, BonusPool};
use crate::dataset::DataProblem;
use crate::ix::{AdjustmentIx, GroupIx, IndicatorIx, InputIx, LeafIx, Positions, TextIx};
use crate::lang::{Lang, Text};
use crate::method::Method;
use crate::num::Rounding;

/// The largest rubric total accepted (points are summed exactly in a
/// fixed-point form that has room for far more, see `fixed.rs`).
pub const MAX_TOTAL: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A place in a source file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// Line number, from 1.
    pub line: u32,
    /// Column number (in characters), from 1.
    pub column: u32,
}

/// The kind of value an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// A whole number ≥ 0 (items published, visits, meetings).
    Count,
    /// A decimal number ≥ 0 (a score entered by hand, bonus points).
    Amount,
    /// Yes or no: `1/0`, `yes/no`, `true/false`, `是/否`.
    Flag,
    /// One of the values the input declares (`优/良/一般/差`, `是/部分/否`),
    /// typed as written; kept as its position among them.
    Choice,
}

impl InputKind {
    /// The name used in rubric files.
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Count => "count",
            InputKind::Amount => "amount",
            InputKind::Flag => "flag",
            InputKind::Choice => "choice",
        }
    }

    /// The kind in words, in `lang` (`计数`, "count").
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            InputKind::Count => lang.pick("计数", "count"),
            InputKind::Amount => lang.pick("数值", "amount"),
            InputKind::Flag => lang.pick("是/否", "yes/no"),
            InputKind::Choice => lang.pick("选项", "choice"),
        }
    }

    /// Parses a rubric file's input kind.
    pub fn parse(name: &str) -> Option<InputKind> {
        match name {
            "count" => Some(InputKind::Count),
            "amount" => Some(InputKind::Amount),
            "flag" => Some(InputKind::Flag),
            "choice" => Some(InputKind::Choice),
            _ => None,
        }
    }
}

/// One cell read for an input ([`Rubric::read_cell`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue {
    /// The input's value: a count, an amount, a flag as 1 or 0, or a
    /// choice's position among its choices.
    Value(Decimal),
    /// `N/A` (不适用), where the rubric allows it.
    NotApplicable,
}

/// One value every office reports (a CSV column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Stable id, also the CSV header (`decision_drafts`).
    pub id: String,
    /// The column label: Chinese (also accepted as a CSV header) and English.
    pub label: Text,
    /// What kind of value it is.
    pub kind: InputKind,
    /// Help text for whoever fills it in.
    pub help: Option<Text>,
    /// The values a `choice` input may take, in order (empty for other
    /// kinds); a cell holds one of them, and the dataset its position.
    pub choices: Vec<Text>,
    /// Where it is declared.
    pub location: Option<Location>,
}

impl Input {
    /// A value of this input as it is typed in a data file: a choice's
    /// name (in Chinese), a number otherwise.
    pub fn typed(&self, value: Decimal) -> String {
        match self.kind {
            InputKind::Choice => self
                .choice_at(value)
                .map(|c| c.zh.clone())
                .unwrap_or_else(|| crate::num::plain(value)),
            _ => crate::num::plain(value),
        }
    }

    /// A value of this input as shown to a person in `lang`: a choice's
    /// name, a number otherwise.
    pub fn shown(&self, value: Decimal, lang: crate::lang::Lang) -> String {
        match self.kind {
            InputKind::Choice => self
                .choice_at(value)
                .map(|c| c.get(lang).to_string())
                .unwrap_or_else(|| crate::num::plain(value)),
            _ => crate::num::plain(value),
        }
    }

    /// The choice at a position (a dataset's value of a choice input).
    pub fn choice_at(&self, value: Decimal) -> Option<&Text> {
        usize::try_from(value.trunc().mantissa())
            .ok()
            .filter(|_| value.fract().is_zero())
            .and_then(|k| self.choices.get(k))
    }
}

/// A column of text that travels with the data, not scored: a reason, a
/// link to evidence, a category. Declared so that a data file may hold it
/// (an undeclared column is still refused: it is usually a typo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextColumn {
    /// Stable id, also accepted as the CSV header (`reason`).
    pub id: String,
    /// The column label: Chinese (also accepted as a header) and English.
    pub label: Text,
    /// Help text for whoever fills it in.
    pub help: Option<Text>,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// Whether an indicator has children or is scored by a method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorKind {
    /// A group: its weight is the sum of its children's.
    Group {
        /// Children, in document order.
        children: Vec<IndicatorIx>,
        /// Its position among [`Rubric::groups`].
        slot: GroupIx,
        /// Its lowest subtotal, if the rubric caps deductions here
        /// (`subtotal_floor: 0`: 一级指标减分上限为自身权重).
        floor: Option<Decimal>,
    },
    /// A leaf: scored 0–100 by its method, adding `score × weight / 100`.
    Leaf {
        /// The scoring method.
        method: Method,
        /// Its position among [`Rubric::leaves`].
        slot: LeafIx,
        /// A flag that, when set, makes the leaf score 0 (发生…的不得分).
        zero_if: Option<crate::method::InputRef>,
        /// Whether an office may have it not applicable (its inputs then
        /// hold `N/A`, 不适用), scored as the rubric's `not_applicable`
        /// says.
        may_be_na: bool,
    },
}

/// A node of the indicator tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Stable id (`decision_drafts`, `portal`).
    pub id: String,
    /// Chinese and English names.
    pub name: Text,
    /// Share of the rubric total, in points.
    pub weight: Decimal,
    /// The rubric author's note: the source row, an interpretation.
    pub note: Option<Text>,
    /// Parent group, `None` at the top level.
    pub parent: Option<IndicatorIx>,
    /// 0 at the top level.
    pub depth: usize,
    /// Group or leaf.
    pub kind: IndicatorKind,
    /// Where it is declared.
    pub location: Option<Location>,
}

impl Indicator {
    /// The method, for a leaf.
    pub fn method(&self) -> Option<&Method> {
        match &self.kind {
            IndicatorKind::Leaf { method, .. } => Some(method),
            IndicatorKind::Group { .. } => None,
        }
    }

    /// Every input a leaf's score reads: its method's, then its
    /// `zero_if` flag (empty for a group).
    pub fn reads(&self) -> Vec<&crate::method::InputRef> {
        match &self.kind {
            IndicatorKind::Leaf {
                method, zero_if, ..
            } => {
                let mut out = method.inputs();
                out.extend(zero_if.as_ref());
                out
            }
            IndicatorKind::Group { .. } => Vec::new(),
        }
    }

    /// The children, for a group (empty for a leaf).
    pub fn children(&self) -> &[IndicatorIx] {
        match &self.kind {
            IndicatorKind::Group { children, .. } => children,
            IndicatorKind::Leaf { .. } => &[],
        }
    }

    /// Whether this is a leaf.
    pub fn is_leaf(&self) -> bool {
        matches!(self.kind, IndicatorKind::Leaf { .. })
    }

    /// The indicator's own rules besides a leaf's method (a group's
    /// `subtotal_floor`, a leaf's `zero_if`), in canonical form: the fingerprint
    /// and the diff read them here. Nothing when absent, so that rubrics
    /// without them keep their fingerprints.
    pub(crate) fn own_canonical(&self, out: &mut crate::canon::Canon) {
        match &self.kind {
            IndicatorKind::Group {
                floor: Some(floor), ..
            } => out.decimal("subtotal_floor", *floor),
            IndicatorKind::Leaf {
                zero_if, may_be_na, ..
            } => {
                if let Some(flag) = zero_if {
                    out.value("zero_if", flag.id.clone());
                }
                if *may_be_na {
                    out.value("may_be_na", "true");
                }
            }
            _ => {}
        }
    }
}

/// How a rubric scores an office on the leaves that apply to it, when some
/// do not (不适用).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NaRule {
    /// The office's points are scaled up to the rubric's total: earned ÷
    /// the points that apply × total (按适用项目折算).
    Rescale,
    /// The leaf's weight goes to its siblings, in proportion to theirs:
    /// the group's points are scaled up to its weight (权重重新分配).
    Redistribute,
}

impl NaRule {
    /// The name in rubric files.
    pub fn name(self) -> &'static str {
        match self {
            NaRule::Rescale => "rescale",
            NaRule::Redistribute => "redistribute",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<NaRule> {
        match name {
            "rescale" => Some(NaRule::Rescale),
            "redistribute" => Some(NaRule::Redistribute),
            _ => None,
        }
    }
}

/// A department's own day off (or extra working day), on top of the State
/// Council's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarOverride {
    /// The date.
    pub date: jiff::civil::Date,
    /// A day off (true) or an extra working day (false).
    pub off: bool,
    /// Why.
    pub name: String,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// Where an example's data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleData {
    /// CSV text written in the rubric file.
    Inline {
        /// The CSV text.
        text: String,
        /// The rubric file's line holding the CSV's first line.
        first_line: u32,
    },
    /// A CSV or XLSX file, relative to the rubric file.
    File(String),
}

/// What an example expects of one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// The office.
    pub office: String,
    /// Its published total.
    pub total: Option<Decimal>,
    /// Its overall place.
    pub place: Option<u32>,
    /// Leaf scores (0–100, as published) by leaf id.
    pub scores: Vec<(String, Decimal)>,
    /// Leaf points (as published) by leaf id.
    pub points: Vec<(String, Decimal)>,
    /// Its grade band, by name.
    pub grade: Option<String>,
    /// Whether it is in the top share.
    pub top_share: Option<bool>,
    /// Where it is written.
    pub location: Option<Location>,
}

/// A test carried by a rubric: a small dataset and what it must score to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Its name.
    pub name: String,
    /// What it shows.
    pub note: Option<Text>,
    /// Its data.
    pub data: ExampleData,
    /// What is expected.
    pub expect: Vec<Expectation>,
    /// Where it is written.
    pub location: Option<Location>,
}

/// A validated rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    pub(crate) id: String,
    pub(crate) title: Text,
    pub(crate) version: String,
    pub(crate) source: String,
    pub(crate) description: Option<Text>,
    pub(crate) total: Decimal,
    pub(crate) precision: u32,
    pub(crate) rounding: Rounding,
    pub(crate) inputs: Vec<Input>,
    pub(crate) text_columns: Vec<TextColumn>,
    pub(crate) indicators: Vec<Indicator>,
    pub(crate) roots: Vec<usize>,
    pub(crate) leaves: Vec<usize>,
    pub(crate) groups: Vec<usize>,
    pub(crate) adjustments: Vec<Adjustment>,
    pub(crate) grading: crate::grading::Grading,
    pub(crate) sources: Vec<crate::compose::Source>,
    pub(crate) na_rule: Option<NaRule>,
    /// Whether each input may hold `N/A` (it is read by a leaf that may
    /// be not applicable, and by nothing else).
    pub(crate) na_inputs: Vec<bool>,
    /// The range each input's methods allow a cell alone (a judgement's
    /// deduction: 0 to its most), if any: [`Rubric::read_cell`] checks it.
    pub(crate) cell_ranges: Vec<Option<(Decimal, Decimal)>>,
    pub(crate) bonus_pools: Vec<crate::adjustment::BonusPool>,
    pub(crate) total_floor: Decimal,
    pub(crate) calendar_overrides: Vec<CalendarOverride>,
    pub(crate) examples: Vec<Example>,
    pub(crate) categories: Option<crate::category::Categories>,
}

impl Rubric {
    /// The default number of decimal places published.
    pub const DEFAULT_PRECISION: u32 = 2;

    /// Stable id (`shandong-commerce-2017`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Title.
    pub fn title(&self) -> &Text {
        &self.title
    }
    /// Version string, as written.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// The document the rubric comes from.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Longer description, if any.
    pub fn description(&self) -> Option<&Text> {
        self.description.as_ref()
    }
    /// The total the top-level weights add up to (100).
    pub fn total(&self) -> Decimal {
        self.total
    }
    /// Decimal places of published figures.
    pub fn precision(&self) -> u32 {
        self.precision
    }
    /// The rounding rule for published figures.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }
    /// Declared inputs, in file order, with their positions (dataset
    /// columns follow this order).
    pub fn inputs(&self) -> Positions<'_, InputIx, Input> {
        Positions::all(&self.inputs)
    }
    /// One input by position.
    pub fn input_at(&self, input: InputIx) -> &Input {
        &self.inputs[input.index()]
    }
    /// Finds an input by id.
    pub fn input(&self, id: &str) -> Option<(InputIx, &Input)> {
        self.inputs().find(|(_, i)| i.id == id)
    }
    /// Declared text columns (not scored), in file order; a data file may
    /// hold them, in any position after the office column.
    pub fn text_columns(&self) -> Positions<'_, TextIx, TextColumn> {
        Positions::all(&self.text_columns)
    }
    /// Finds a text column by id.
    pub fn text_column(&self, id: &str) -> Option<(TextIx, &TextColumn)> {
        self.text_columns().find(|(_, c)| c.id == id)
    }
    /// The label of the input or text column `id`, in `lang`; `None` when
    /// the rubric has neither (a data column's header, a trail's cell).
    pub fn column_label(&self, id: &str, lang: crate::lang::Lang) -> Option<&str> {
        self.input(id)
            .map(|(_, i)| i.label.get(lang))
            .or_else(|| self.text_column(id).map(|(_, c)| c.label.get(lang)))
    }
    /// One text column by position.
    pub fn text_column_at(&self, column: TextIx) -> &TextColumn {
        &self.text_columns[column.index()]
    }
    /// Every indicator, parents before children (document order).
    pub fn indicators(&self) -> Positions<'_, IndicatorIx, Indicator> {
        Positions::all(&self.indicators)
    }
    /// One indicator by its untyped position (inside the crate).
    pub(crate) fn node(&self, indicator: usize) -> &Indicator {
        &self.indicators[indicator]
    }
    /// One indicator by position.
    pub fn indicator(&self, indicator: IndicatorIx) -> &Indicator {
        &self.indicators[indicator.index()]
    }
    /// Finds an indicator (group or leaf) by id.
    pub fn find_indicator(&self, id: &str) -> Option<(IndicatorIx, &Indicator)> {
        self.indicators().find(|(_, i)| i.id == id)
    }
    /// Top-level indicators.
    pub fn roots(&self) -> Positions<'_, IndicatorIx, Indicator> {
        Positions::picked(&self.indicators, &self.roots)
    }
    /// Leaf indicators in document order, with their positions among the
    /// leaves (scorecards follow this order).
    pub fn leaves(&self) -> Positions<'_, LeafIx, Indicator> {
        Positions::some(&self.indicators, &self.leaves)
    }
    /// One leaf by position.
    pub fn leaf(&self, leaf: LeafIx) -> &Indicator {
        &self.indicators[self.leaves[leaf.index()]]
    }
    /// Finds a leaf indicator by id (`None` for a group's id).
    pub fn find_leaf(&self, id: &str) -> Option<(LeafIx, &Indicator)> {
        self.leaves().find(|(_, i)| i.id == id)
    }
    /// Group indicators in document order, with their positions among
    /// the groups (subtotals follow this order).
    pub fn groups(&self) -> Positions<'_, GroupIx, Indicator> {
        Positions::some(&self.indicators, &self.groups)
    }
    /// One group by position.
    pub fn group(&self, group: GroupIx) -> &Indicator {
        &self.indicators[self.groups[group.index()]]
    }
    /// Rubric-level adjustments, with their positions.
    pub fn adjustments(&self) -> Positions<'_, AdjustmentIx, Adjustment> {
        Positions::all(&self.adjustments)
    }
    /// One adjustment by position.
    pub fn adjustment(&self, adjustment: AdjustmentIx) -> &Adjustment {
        &self.adjustments[adjustment.index()]
    }
    /// The rubric-level rules besides adjustments (the lowest total, bonus
    /// pools, sources, grades, vetoes, the top share), canonical: what the
    /// fingerprint and the diff read. Nothing for a rubric without them,
    /// so that such rubrics keep their fingerprints.
    pub(crate) fn rules_canonical(&self) -> crate::canon::Canon {
        let mut out = crate::canon::Canon::default();
        if !self.total_floor.is_zero() {
            out.decimal("total_floor", self.total_floor);
        }
        for p in &self.bonus_pools {
            out.text(&format!("bonus_pools.{}.name", p.id), &p.name);
            out.decimal(&format!("bonus_pools.{}.cap", p.id), p.cap);
            if let Some(g) = p.gate {
                out.decimal(&format!("bonus_pools.{}.gate", p.id), g);
            }
        }
        if let Some(rule) = self.na_rule {
            out.value("not_applicable", rule.name());
        }
        out.extend(crate::compose::canonical(&self.sources));
        out.extend(self.grading.canonical());
        if let Some(c) = &self.categories {
            let column = &self.text_columns[c.column.index()].id;
            out.extend(c.canonical(column, |r| self.indicator(r).id.clone()));
        }
        out
    }

    /// The categories of units (A类/B类) and the column naming each
    /// office's, when the rubric has them.
    pub fn categories(&self) -> Option<&crate::category::Categories> {
        self.categories.as_ref()
    }

    /// Whether leaf `leaf` is scored for offices of category `category`
    /// (always, in a rubric without categories).
    pub fn leaf_in_category(&self, leaf: LeafIx, category: usize) -> bool {
        self.in_category(IndicatorIx::new(self.leaves[leaf.index()]), category)
    }

    /// Whether indicator `indicator` (a group or a leaf) is scored for
    /// offices of category `category`: whether its top-level indicator is
    /// (always, in a rubric without categories).
    pub fn in_category(&self, indicator: IndicatorIx, category: usize) -> bool {
        let Some(c) = &self.categories else {
            return true;
        };
        let mut ix = indicator.index();
        while let Some(p) = self.indicators[ix].parent {
            ix = p.index();
        }
        c.list
            .get(category)
            .is_some_and(|cat| cat.has(IndicatorIx::new(ix)))
    }

    /// Whether offices of category `category` need input `input`: some
    /// leaf scored for the category, an adjustment or a veto reads it
    /// (always, in a rubric without categories). A cell an office's
    /// category does not need may be left blank.
    pub fn input_in_category(&self, input: InputIx, category: usize) -> bool {
        if self.categories.is_none() {
            return true;
        }
        let i = input.index();
        let rule_reads = self.adjustments.iter().any(|a| a.input.index == i)
            || self.grading.vetoes.iter().any(|v| v.input.index == i);
        rule_reads
            || self.leaves().any(|(leaf, ind)| {
                let IndicatorKind::Leaf {
                    method, zero_if, ..
                } = &ind.kind
                else {
                    return false;
                };
                let reads = method.inputs().iter().any(|r| r.index == i)
                    || zero_if.as_ref().is_some_and(|z| z.index == i);
                reads && self.leaf_in_category(leaf, category)
            })
    }

    /// How leaves that are not applicable to an office are scored, when
    /// the rubric allows them.
    pub fn na_rule(&self) -> Option<NaRule> {
        self.na_rule
    }
    /// Whether an input may hold `N/A` (不适用).
    pub fn may_be_na(&self, input: InputIx) -> bool {
        self.na_inputs.get(input.index()).copied().unwrap_or(false)
    }
    /// Reads one cell of `input` as a data file's cell is read: blank is
    /// [`DataProblem::Blank`]; `N/A`, `NA` or `不适用` is
    /// [`CellValue::NotApplicable`] where the rubric allows it
    /// ([`Rubric::may_be_na`]) and [`DataProblem::NaNotAllowed`] elsewhere;
    /// anything else is the input's value (a count, an amount, a flag as
    /// 1 or 0, a choice's position) or the reason it is not one.
    ///
    /// For a page or a form checking one cell as it is typed: a whole file
    /// is read with [`crate::Dataset::from_table`], which agrees with this
    /// cell by cell and adds the checks across a row.
    pub fn read_cell(&self, input: InputIx, text: &str) -> Result<CellValue, DataProblem> {
        crate::dataset::read_cell(self, input.index(), text)
    }
    /// Inputs filled with other rubrics' published totals (`sources`).
    pub fn sources(&self) -> &[crate::compose::Source] {
        &self.sources
    }
    /// Bonus pools (加分项累计上限), in file order.
    pub fn bonus_pools(&self) -> &[crate::adjustment::BonusPool] {
        &self.bonus_pools
    }
    /// The lowest a total can be after adjustments (0 unless the rubric
    /// states otherwise).
    pub fn total_floor(&self) -> Decimal {
        self.total_floor
    }
    /// Grade bands, vetoes and the top share (each may be absent).
    pub fn grading(&self) -> &crate::grading::Grading {
        &self.grading
    }
    /// Finds an adjustment by id.
    pub fn find_adjustment(&self, id: &str) -> Option<(AdjustmentIx, &Adjustment)> {
        self.adjustments().find(|(_, a)| a.id == id)
    }
    /// The examples the rubric carries (tests of itself).
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }
    /// The department's own closure days and extra working days.
    pub fn calendar_overrides(&self) -> &[CalendarOverride] {
        &self.calendar_overrides
    }
    /// The bundled working-day calendar with this rubric's overrides.
    pub fn calendar(&self) -> crate::calendar::Calendar {
        let mut c = crate::calendar::Calendar::bundled();
        self.apply_overrides(&mut c);
        c
    }
    /// Adds this rubric's overrides to a calendar.
    pub fn apply_overrides(&self, calendar: &mut crate::calendar::Calendar) {
        for o in &self.calendar_overrides {
            calendar.add_override(o.date, o.off, &o.name);
        }
    }

    /// Rounds a figure for publication, per the rubric's precision and rule.
    pub fn round(&self, value: Decimal) -> Decimal {
        self.rounding.round(value, self.precision)
    }

    /// A figure as published: rounded, with trailing zeros (`95.00`).
    pub fn publish(&self, value: Decimal) -> String {
        self.round(value).to_string()
    }

    /// A weight as a percentage of the total, for reading: `5` for 5 of
    /// 100, `37.04` for 40 of 108 (rounded half away from zero to two
    /// decimals, without trailing zeros).
    pub fn weight_percent(&self, weight: Decimal) -> Decimal {
        Rounding::HalfAwayFromZero
            .round(weight * Decimal::ONE_HUNDRED / self.total, 2)
            .normalize()
    }

    /// The chain of ancestors of an indicator, top level first.
    pub fn ancestors(&self, indicator: IndicatorIx) -> Vec<IndicatorIx> {
        let mut chain = Vec::new();
        let mut at = self.indicator(indicator).parent;
        while let Some(p) = at {
            chain.push(p);
            at = self.indicator(p).parent;
        }
        chain.reverse();
        chain
    }
}
