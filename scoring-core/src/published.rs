//! Every office's figures as published, for writers of results.

use rust_decimal::Decimal;

use crate::ix::{AdjustmentIx, GroupIx, LeafIx};
use crate::score::{LeafClass, OfficeScore, Scorecard};

/// Offices whose figures are computed together.
const RUN: usize = 1024;

/// A walk through every office's figures as published, in data order:
/// the one place the results JSON, the results CSV and workbook, and
/// [`Report`] read them from.
///
/// [`Scorecard::published`] walks the offices in data order, a run of a
/// thousand at a time: each run's group subtotals are summed a leaf at a
/// time, and each leaf's places read in one pass, while they stay in the
/// processor's cache. Asking an [`OfficeScore`] for the same figures one
/// office at a time gives the same values, several times more slowly for
/// a department of 100 000 offices.
///
/// ```
/// # let rubric = scoring_core::Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017)?;
/// # let csv = include_str!("../../tests/fixtures/dept6.csv");
/// # let table = scoring_core::Table { source: "dept6.csv".into(), rows: csv.lines().enumerate().map(|(n, l)| scoring_core::TableRow::new(n as u32 + 1, l.split(','))).collect() };
/// # let data = scoring_core::Dataset::from_table(&rubric, &table)?;
/// # let card = scoring_core::score(&rubric, &data)?;
/// let mut rows = card.published();
/// while let Some(row) = rows.next_office() {
///     let subtotals: Vec<String> = row.groups().map(|g| g.to_string()).collect();
///     let (leaf, _) = rubric.leaves().next().expect("a rubric has leaves");
///     let (score, points) = row.leaf(leaf);
///     println!("{} {} {:?} {score} {points}", row.office().name(), row.total(), subtotals);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// [`Report`]: crate::Report
#[derive(Debug)]
pub struct Published<'c> {
    card: &'c Scorecard,
    /// The next office.
    next: usize,
    groups: usize,
    leaves: usize,
    /// The run's group subtotals in units of the precision, office by
    /// office.
    units: Vec<i128>,
    /// The run's leaves, office by office: which figures the office
    /// shares (`u32::MAX`: its own), and its place (0: none).
    classes: Vec<(u32, u32)>,
    scratch: Vec<LeafClass>,
}

impl Scorecard {
    /// Every office's published figures, in data order, for writing them
    /// all out (see [`Published`]).
    pub fn published(&self) -> Published<'_> {
        Published {
            card: self,
            next: 0,
            groups: self.group_count(),
            leaves: self.leaf_count(),
            units: Vec::new(),
            classes: Vec::new(),
            scratch: Vec::new(),
        }
    }
}

impl<'c> Published<'c> {
    /// The next office's figures; `None` after the last office.
    ///
    /// Not an [`Iterator`]: each office's figures borrow the walk's
    /// buffers, so use `while let Some(row) = rows.next_office()`.
    pub fn next_office(&mut self) -> Option<PublishedOffice<'_, 'c>> {
        let o = self.next;
        let card = self.card;
        if o >= card.len() {
            return None;
        }
        if o.is_multiple_of(RUN) {
            let run = o..(o + RUN).min(card.len());
            card.published_group_units(run.clone(), &mut self.units);
            self.classes.clear();
            self.classes.resize(run.len() * self.leaves, (u32::MAX, 0));
            for slot in 0..self.leaves {
                card.leaf_classes(slot, run.clone(), &mut self.scratch);
                for (k, c) in self.scratch.iter().enumerate() {
                    self.classes[k * self.leaves + slot] = (
                        c.class.map_or(u32::MAX, |c| c as u32),
                        c.placing.map_or(0, |p| p.place),
                    );
                }
            }
        }
        self.next += 1;
        let k = o % RUN;
        Some(PublishedOffice {
            office: card.office_at(o)?,
            precision: card.precision(),
            groups: &self.units[k * self.groups..][..self.groups],
            leaves: &self.classes[k * self.leaves..][..self.leaves],
        })
    }

    /// How many offices are left.
    pub fn remaining(&self) -> usize {
        self.card.len() - self.next
    }
}

/// One office's published figures: everything rounded per the rubric, as
/// a results file shows it.
#[derive(Debug, Clone, Copy)]
pub struct PublishedOffice<'p, 'c> {
    office: OfficeScore<'c>,
    precision: u32,
    groups: &'p [i128],
    leaves: &'p [(u32, u32)],
}

impl<'c> PublishedOffice<'_, 'c> {
    /// The office (its name, position, exact figures).
    pub fn office(&self) -> OfficeScore<'c> {
        self.office
    }

    /// The published total.
    pub fn total(&self) -> Decimal {
        self.office.total()
    }

    /// The overall place.
    pub fn place(&self) -> u32 {
        self.office.place()
    }

    /// A group's published subtotal.
    pub fn group(&self, group: GroupIx) -> Decimal {
        Decimal::from_i128_with_scale(self.groups[group.index()], self.precision)
    }

    /// Every group's published subtotal, in [`crate::Rubric::groups`]
    /// order.
    pub fn groups(&self) -> impl ExactSizeIterator<Item = Decimal> + '_ {
        self.groups
            .iter()
            .map(|&u| Decimal::from_i128_with_scale(u, self.precision))
    }

    /// An adjustment's published points.
    pub fn adjustment(&self, adjustment: AdjustmentIx) -> Decimal {
        self.office
            .card()
            .publish(self.office.adjustment(adjustment))
    }

    /// What a bonus pool's cap took off, as published (0 or below).
    pub fn pool_cut(&self, pool: usize) -> Decimal {
        self.office.card().publish(self.office.pool_cut(pool))
    }

    /// What keeping the total within [0, rubric total] changed, as
    /// published (see [`OfficeScore::limit`]).
    pub fn limit(&self) -> Decimal {
        self.office.card().publish(self.office.limit())
    }

    /// A leaf's published score (0–100) and points.
    pub fn leaf(&self, leaf: LeafIx) -> (Decimal, Decimal) {
        self.office.published_leaf_at(leaf.index())
    }

    /// Whether a leaf does not apply to the office (不适用).
    pub fn not_applicable(&self, leaf: LeafIx) -> bool {
        self.office.not_applicable(leaf)
    }

    /// The office's place on a ranked leaf; `None` for other methods.
    pub fn leaf_place(&self, leaf: LeafIx) -> Option<u32> {
        let (_, place) = self.leaves[leaf.index()];
        (place > 0).then_some(place)
    }

    /// Which offices have the same published score and points on a leaf
    /// as this one: every office with the same `Some(k)` on the same leaf
    /// does (on a rank, those at the same place, or past the last place
    /// that scores differently; on a flag, those set alike). `None` when
    /// the figures are the office's own (answer rates, scores entered by
    /// hand).
    ///
    /// A writer of many offices can format each shared pair once.
    pub fn shared(&self, leaf: LeafIx) -> Option<u32> {
        let (class, _) = self.leaves[leaf.index()];
        (class != u32::MAX).then_some(class)
    }
}
