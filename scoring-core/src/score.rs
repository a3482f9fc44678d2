//! The scoring engine: a rubric and a dataset in, a [`Scorecard`] out.
//!
//! Work is done column by column (one leaf for all offices at a time): a
//! rank needs every office's value anyway, and it keeps 100 000 offices
//! fast. Everything is exact; the only rounding is the published total
//! (and the place computed from it), per the rubric.

use rust_decimal::Decimal;

use crate::dataset::Dataset;
use crate::method::Method;
use crate::method::rank::{Placing, placings};
use crate::rubric::{IndicatorKind, Rubric};

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
}

/// One leaf's results for all offices.
#[derive(Debug, Clone, PartialEq, Default)]
struct LeafColumn {
    value: Vec<Decimal>,
    placing: Vec<Placing>,
    score: Vec<Decimal>,
    points: Vec<Decimal>,
}

/// Every office's scores under one rubric.
///
/// Offices stay in dataset order; [`Scorecard::ranking`] gives them by
/// place. Figures are exact; [`Rubric::publish`] rounds them for display.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    offices: Vec<String>,
    leaves: Vec<LeafColumn>,
    groups: Vec<Vec<Decimal>>,
    adjustments: Vec<Vec<Decimal>>,
    unadjusted: Vec<Decimal>,
    exact_total: Vec<Decimal>,
    total: Vec<Decimal>,
    place: Vec<u32>,
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
}

/// A view of one office in a [`Scorecard`].
#[derive(Debug, Clone, Copy)]
pub struct OfficeScore<'a> {
    card: &'a Scorecard,
    index: usize,
}

impl<'a> OfficeScore<'a> {
    /// Position in the dataset.
    pub fn index(&self) -> usize {
        self.index
    }
    /// The office's name.
    pub fn name(&self) -> &'a str {
        &self.card.offices[self.index]
    }
    /// The published total: rounded per the rubric.
    pub fn total(&self) -> Decimal {
        self.card.total[self.index]
    }
    /// The exact total, after adjustments, kept within [0, rubric total].
    pub fn exact_total(&self) -> Decimal {
        self.card.exact_total[self.index]
    }
    /// The exact sum of leaf points, before adjustments.
    pub fn unadjusted(&self) -> Decimal {
        self.card.unadjusted[self.index]
    }
    /// Overall place: competition ranking on the published total.
    pub fn place(&self) -> u32 {
        self.card.place[self.index]
    }
    /// Exact subtotal of a group, by its slot in [`Rubric::groups`].
    pub fn group(&self, slot: usize) -> Decimal {
        self.card.groups[slot][self.index]
    }
    /// Signed points of an adjustment, by its position in
    /// [`Rubric::adjustments`].
    pub fn adjustment(&self, k: usize) -> Decimal {
        self.card.adjustments[k][self.index]
    }
    /// The result on a leaf, by its slot in [`Rubric::leaves`].
    pub fn leaf(&self, slot: usize) -> LeafScore {
        let col = &self.card.leaves[slot];
        LeafScore {
            value: col.value[self.index],
            placing: col.placing.get(self.index).copied(),
            of: self.card.offices.len(),
            score: col.score[self.index],
            points: col.points[self.index],
        }
    }
}

impl Scorecard {
    /// Number of offices.
    pub fn len(&self) -> usize {
        self.offices.len()
    }
    /// Whether no office was scored.
    pub fn is_empty(&self) -> bool {
        self.offices.is_empty()
    }
    /// One office, by dataset position.
    pub fn office(&self, index: usize) -> OfficeScore<'_> {
        OfficeScore { card: self, index }
    }
    /// Finds an office by name.
    pub fn find(&self, name: &str) -> Option<OfficeScore<'_>> {
        self.offices
            .iter()
            .position(|n| n == name)
            .map(|index| self.office(index))
    }
    /// Offices in dataset order.
    pub fn offices(&self) -> impl ExactSizeIterator<Item = OfficeScore<'_>> {
        (0..self.offices.len()).map(|index| self.office(index))
    }
    /// Offices by place, ties in dataset order.
    pub fn ranking(&self) -> Vec<OfficeScore<'_>> {
        let mut order: Vec<usize> = (0..self.offices.len()).collect();
        order.sort_by_key(|&i| (self.place[i], i));
        order.into_iter().map(|index| self.office(index)).collect()
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
///     rows: csv.lines().enumerate().map(|(n, line)| TableRow {
///         line: n as u32 + 1,
///         cells: line.split(',').map(String::from).collect(),
///     }).collect(),
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
                .inputs()
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            dataset: data.input_ids().join(", "),
        });
    }
    let n = data.len();
    let hundred = Decimal::ONE_HUNDRED;

    let mut leaves = Vec::with_capacity(rubric.leaves().len());
    for &leaf in rubric.leaves() {
        let indicator = rubric.indicator(leaf);
        let method = indicator.method().expect("leaves have methods");
        // points = score × weight / 100, with weight / 100 computed once.
        let share = indicator.weight / hundred;
        let mut col = LeafColumn::default();
        match method {
            Method::Rank(rank) => {
                col.value = (0..n).map(|o| rank.tally_of(data.row(o))).collect();
                col.placing = placings(&col.value, rank.ties);
                // Score and points depend only on the place: compute each
                // place once.
                let mut cache: Vec<Option<(Decimal, Decimal)>> = Vec::new();
                col.score.reserve(n);
                col.points.reserve(n);
                for p in &col.placing {
                    let idx = p.place as usize;
                    if cache.len() <= idx {
                        cache.resize(idx + 1, None);
                    }
                    let (s, pts) = *cache[idx].get_or_insert_with(|| {
                        let s = rank.score_for_place(p.place);
                        (s, s * share)
                    });
                    col.score.push(s);
                    col.points.push(pts);
                }
            }
            Method::AnswerRate(a) => {
                col.value.reserve(n);
                col.score.reserve(n);
                col.points.reserve(n);
                for o in 0..n {
                    let row = data.row(o);
                    let out =
                        a.outcome(row[a.asked.index], row[a.answered.index], row[a.late.index]);
                    col.value.push(out.rate);
                    col.score.push(out.score);
                    col.points.push(out.score * share);
                }
            }
            Method::OnTime(m) => {
                col.value = (0..n).map(|o| data.row(o)[m.input.index]).collect();
                col.score = col.value.iter().map(|&v| m.score(v)).collect();
                col.points = col.score.iter().map(|&s| s * share).collect();
            }
            Method::Direct(m) => {
                col.value = (0..n).map(|o| data.row(o)[m.input.index]).collect();
                col.score = col.value.iter().map(|&v| m.score(v)).collect();
                col.points = col.score.iter().map(|&s| s * share).collect();
            }
        }
        leaves.push(col);
    }

    // Subtotals, children before parents (groups are in document order).
    let mut groups: Vec<Vec<Decimal>> = vec![Vec::new(); rubric.groups().len()];
    for (slot, &g) in rubric.groups().iter().enumerate().rev() {
        let mut sum = vec![Decimal::ZERO; n];
        for &child in rubric.indicator(g).children() {
            let column = match &rubric.indicator(child).kind {
                IndicatorKind::Leaf { slot, .. } => &leaves[*slot].points,
                IndicatorKind::Group { slot, .. } => &groups[*slot],
            };
            for (s, v) in sum.iter_mut().zip(column) {
                *s += *v;
            }
        }
        groups[slot] = sum;
    }

    let mut unadjusted = vec![Decimal::ZERO; n];
    for &root in rubric.roots() {
        let column = match &rubric.indicator(root).kind {
            IndicatorKind::Leaf { slot, .. } => &leaves[*slot].points,
            IndicatorKind::Group { slot, .. } => &groups[*slot],
        };
        for (s, v) in unadjusted.iter_mut().zip(column) {
            *s += *v;
        }
    }

    let adjustments: Vec<Vec<Decimal>> = rubric
        .adjustments()
        .iter()
        .map(|a| {
            (0..n)
                .map(|o| a.apply(data.row(o)[a.input.index]))
                .collect()
        })
        .collect();
    let exact_total: Vec<Decimal> = (0..n)
        .map(|o| {
            let adjusted = adjustments
                .iter()
                .fold(unadjusted[o], |acc, col| acc + col[o]);
            adjusted.clamp(Decimal::ZERO, rubric.total())
        })
        .collect();
    let total: Vec<Decimal> = exact_total.iter().map(|&t| rubric.round(t)).collect();
    let place = placings(&total, crate::method::Ties::Competition)
        .into_iter()
        .map(|p| p.place)
        .collect();

    Ok(Scorecard {
        offices: data.offices().iter().map(|o| o.name.clone()).collect(),
        leaves,
        groups,
        adjustments,
        unadjusted,
        exact_total,
        total,
        place,
    })
}
