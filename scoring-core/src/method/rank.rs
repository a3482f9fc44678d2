//! `rank`: offices ranked by a linear tally of their inputs.
//!
//! The rubric text says "第一名100分，名次往后一位得分递减5分": first place
//! scores 100, each place after it 5 fewer. The value ranked is a tally such
//! as `{system_links: 0.5}` or `{shared_databases: 5, stale_databases: -5}`;
//! higher is better.
//!
//! Interpretations, written down:
//! - **Ties** share the best place and the next place is skipped
//!   (1, 2, 2, 4 — Excel `RANK.EQ`, 标准竞争排名). `ties: dense` gives
//!   1, 2, 2, 3 instead.
//! - **Floor**: the text does not say what happens past the 21st place,
//!   where 100 − 5 × 20 = 0. The score never goes below `floor` (0 by
//!   default): a negative score for publishing little would make the leaf
//!   take points away from the rest of the total.
//! - Offices with a value of zero are ranked like any other.

use rust_decimal::Decimal;

use super::InputRef;
use crate::dataset::Column;

/// One term of a tally: `coefficient × input`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// The input counted.
    pub input: InputRef,
    /// Points per unit (may be negative, e.g. −5 per stale database).
    pub coefficient: Decimal,
}

/// How tied offices are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Ties {
    /// Ties share the best place, the next place is skipped: 1, 2, 2, 4.
    #[default]
    Competition,
    /// Ties share a place, the next place is not skipped: 1, 2, 2, 3.
    Dense,
}

impl Ties {
    /// The name used in rubric files.
    pub fn name(self) -> &'static str {
        match self {
            Ties::Competition => "competition",
            Ties::Dense => "dense",
        }
    }

    /// Parses a rubric file's tie rule.
    pub fn parse(name: &str) -> Option<Ties> {
        match name {
            "competition" => Some(Ties::Competition),
            "dense" => Some(Ties::Dense),
            _ => None,
        }
    }
}

/// Parameters of the `rank` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rank {
    /// The linear tally ranked, highest first.
    pub tally: Vec<Term>,
    /// Score of the first place (100).
    pub first: Decimal,
    /// Points lost per place after the first (5).
    pub step: Decimal,
    /// The lowest score a place can get (0).
    pub floor: Decimal,
    /// How ties are placed.
    pub ties: Ties,
    /// Unit of the tally, for explanations (条, 次, 分).
    pub unit: Option<crate::Text>,
}

impl Rank {
    /// The default first-place score, 100.
    pub const DEFAULT_FIRST: Decimal = Decimal::ONE_HUNDRED;
    /// The default step, 5.
    pub const DEFAULT_STEP: Decimal = Decimal::from_parts(5, 0, 0, false, 0);
    /// The default floor, 0.
    pub const DEFAULT_FLOOR: Decimal = Decimal::ZERO;

    /// The tally of one office: Σ coefficient × input, where `value` gives
    /// the office's value of an input by its index.
    pub fn tally_of(&self, value: impl Fn(usize) -> Decimal) -> Decimal {
        let mut sum = Decimal::ZERO;
        for term in &self.tally {
            let v = value(term.input.index);
            sum += if term.coefficient == Decimal::ONE {
                v
            } else {
                v * term.coefficient
            };
        }
        sum
    }

    /// Score of a place: `max(floor, first − step × (place − 1))`.
    pub fn score_for_place(&self, place: u32) -> Decimal {
        let raw = self.first - self.step * Decimal::from(place.saturating_sub(1));
        raw.max(self.floor)
    }

    /// Whether a place's score was raised to the floor.
    pub fn at_floor(&self, place: u32) -> bool {
        self.first - self.step * Decimal::from(place.saturating_sub(1)) < self.floor
    }
}

/// Where one office stands on one ranked value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Placing {
    /// 1-based place.
    pub place: u32,
    /// Whether another office has the same value (and so the same place).
    pub shared: bool,
}

/// Places offices by `values`, highest first.
///
/// Equal values get equal places; `ties` decides whether the next place is
/// skipped. The result is in the same order as `values`.
pub fn placings(values: &[Decimal], ties: Ties) -> Vec<Placing> {
    packed_placings(values, ties)
        .into_iter()
        .map(Placing::unpack)
        .collect()
}

/// The bit of a packed placing that says the place is shared.
const SHARED: u32 = 1 << 31;

impl Placing {
    /// Packs into 32 bits (the scorecard keeps one per office and leaf).
    pub(crate) fn pack(self) -> u32 {
        self.place | if self.shared { SHARED } else { 0 }
    }

    /// The inverse of [`Placing::pack`].
    pub(crate) fn unpack(packed: u32) -> Placing {
        Placing {
            place: packed & !SHARED,
            shared: packed & SHARED != 0,
        }
    }
}

/// [`placings`], packed.
pub(crate) fn packed_placings(values: &[Decimal], ties: Ties) -> Vec<u32> {
    match sortable_keys(values) {
        Some(keys) => placings_of_keys(&keys, ties),
        None => {
            let mut order: Vec<u32> = (0..values.len() as u32).collect();
            order.sort_unstable_by(|&a, &b| values[b as usize].cmp(&values[a as usize]));
            assign(values.len(), &order, ties, |a, b| values[a] == values[b])
        }
    }
}

/// Packed places by integer keys that order like the values (highest
/// first).
///
/// When the keys span a small range (as counts do) places come from a
/// count per key, in linear time; otherwise from a sort.
pub(crate) fn placings_of_keys<K: Copy + Ord + Into<i128>>(keys: &[K], ties: Ties) -> Vec<u32> {
    let n = keys.len();
    let (Some(&min), Some(&max)) = (keys.iter().min(), keys.iter().max()) else {
        return Vec::new();
    };
    let (min, max): (i128, i128) = (min.into(), max.into());
    let span = max.checked_sub(min).and_then(|s| usize::try_from(s).ok());
    match span {
        Some(span) if span < (4 * n).max(1 << 16) => {
            let mut counts = vec![0u32; span + 1];
            for &k in keys {
                counts[(k.into() - min) as usize] += 1;
            }
            // Packed placing of each key, walking from the highest down.
            let mut place_of = vec![0u32; span + 1];
            let (mut above, mut distinct) = (0u32, 0u32);
            for k in (0..=span).rev() {
                if counts[k] > 0 {
                    distinct += 1;
                    let place = match ties {
                        Ties::Competition => above + 1,
                        Ties::Dense => distinct,
                    };
                    place_of[k] = Placing {
                        place,
                        shared: counts[k] > 1,
                    }
                    .pack();
                    above += counts[k];
                }
            }
            keys.iter()
                .map(|&k| place_of[(k.into() - min) as usize])
                .collect()
        }
        _ => {
            let mut pairs: Vec<(K, u32)> = keys.iter().copied().zip(0u32..).collect();
            pairs.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
            let order: Vec<u32> = pairs.iter().map(|p| p.1).collect();
            assign(n, &order, ties, |a, b| keys[a] == keys[b])
        }
    }
}

/// Walks offices sorted best first and gives each its packed place.
fn assign(n: usize, order: &[u32], ties: Ties, same: impl Fn(usize, usize) -> bool) -> Vec<u32> {
    let mut out = vec![0u32; n];
    let (mut pos, mut distinct) = (0usize, 0u32);
    while pos < n {
        let first = order[pos] as usize;
        let mut end = pos + 1;
        while end < n && same(order[end] as usize, first) {
            end += 1;
        }
        distinct += 1;
        let place = match ties {
            Ties::Competition => pos as u32 + 1,
            Ties::Dense => distinct,
        };
        let packed = Placing {
            place,
            shared: end - pos > 1,
        }
        .pack();
        for &i in &order[pos..end] {
            out[i as usize] = packed;
        }
        pos = end;
    }
    out
}

/// Integer keys that order like `values`, when they all fit: comparing two
/// `i128`s is far cheaper than comparing two decimals of different scales.
pub(crate) fn sortable_keys(values: &[Decimal]) -> Option<Vec<i128>> {
    let scale = values.iter().map(|v| v.scale()).max()?;
    values
        .iter()
        .map(|v| {
            let factor = 10i128.checked_pow(scale - v.scale())?;
            v.mantissa().checked_mul(factor)
        })
        .collect()
}

impl Rank {
    /// The tally of every office as integer keys at one scale, without
    /// decimal arithmetic, when all the inputs are whole numbers (counts
    /// always are): `Some((keys, scale))`, the value of office `o` being
    /// `keys[o] × 10^-scale`. `column` gives all offices' values of an input
    /// by its index; `n` is the number of offices.
    pub(crate) fn integer_tallies<'a>(
        &self,
        column: impl Fn(usize) -> &'a Column,
        n: usize,
    ) -> Option<(Vec<i128>, u32)> {
        let scale = self.tally.iter().map(|t| t.coefficient.scale()).max()?;
        let mut keys = vec![0i128; n];
        let factors: Vec<(usize, i128)> = self.integer_factors(scale).collect();
        if factors.len() != self.tally.len() {
            return None;
        }
        for (input, factor) in factors {
            match column(input) {
                Column::Whole(values) => {
                    // |u32 × factor| < 2¹²⁷ needs no check; the sum might.
                    for (key, &v) in keys.iter_mut().zip(values) {
                        *key = key.checked_add(i128::from(v).checked_mul(factor)?)?;
                    }
                }
                Column::Decimal(values) => {
                    if values.iter().any(|v| v.scale() != 0) {
                        return None;
                    }
                    for (key, v) in keys.iter_mut().zip(values) {
                        *key = key.checked_add(v.mantissa().checked_mul(factor)?)?;
                    }
                }
            }
        }
        Some((keys, scale))
    }

    /// Each term of the tally as its input and an integer factor at
    /// `scale` (the largest scale of the coefficients): `value × factor`
    /// summed is the tally × 10^scale. A term whose factor does not fit is
    /// left out (then [`Rank::integer_tallies`] does not apply).
    pub(crate) fn integer_factors(&self, scale: u32) -> impl Iterator<Item = (usize, i128)> + '_ {
        self.tally.iter().filter_map(move |term| {
            let factor = term
                .coefficient
                .mantissa()
                .checked_mul(10i128.checked_pow(scale.checked_sub(term.coefficient.scale())?)?)?;
            Some((term.input.index, factor))
        })
    }

    /// Scores for places 1, 2, 3…: entry `p − 1` is the score of place `p`;
    /// places past the end score like the last entry (the floor, or the
    /// first-place score when the step is 0).
    pub(crate) fn place_scores(&self, max_place: u32) -> Vec<Decimal> {
        let mut out = Vec::new();
        for place in 1..=max_place.max(1) {
            let s = self.score_for_place(place);
            out.push(s);
            if self.step.is_zero() || s == self.floor {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rank(first: Decimal, step: Decimal, floor: Decimal) -> Rank {
        Rank {
            tally: vec![],
            first,
            step,
            floor,
            ties: Ties::Competition,
            unit: None,
        }
    }

    fn places(values: &[Decimal], ties: Ties) -> Vec<u32> {
        placings(values, ties).iter().map(|p| p.place).collect()
    }

    #[test]
    fn competition_ties_skip_the_next_place() {
        let v = [dec!(10), dec!(7), dec!(7), dec!(3)];
        assert_eq!(places(&v, Ties::Competition), [1, 2, 2, 4]);
        let p = placings(&v, Ties::Competition);
        assert!(!p[0].shared && p[1].shared && p[2].shared && !p[3].shared);
    }

    #[test]
    fn dense_ties_do_not_skip() {
        let v = [dec!(10), dec!(7), dec!(7), dec!(3)];
        assert_eq!(places(&v, Ties::Dense), [1, 2, 2, 3]);
    }

    #[test]
    fn all_equal_share_first_place() {
        let v = [dec!(0); 5];
        assert_eq!(places(&v, Ties::Competition), [1; 5]);
        assert_eq!(places(&v, Ties::Dense), [1; 5]);
    }

    #[test]
    fn input_order_does_not_matter_and_scales_mix() {
        let v = [dec!(1.50), dec!(3), dec!(1.5), dec!(0.25)];
        assert_eq!(places(&v, Ties::Competition), [2, 1, 2, 4]);
    }

    #[test]
    fn huge_values_fall_back_to_decimal_compare() {
        let v = [Decimal::MAX, dec!(0.0000000000000000000000000001), dec!(1)];
        assert_eq!(places(&v, Ties::Competition), [1, 3, 2]);
    }

    #[test]
    fn counting_and_sorting_agree() {
        // Small span: counted. Huge span: sorted. Same places either way.
        let small: Vec<i128> = (0..500).map(|i| (i * 7919) % 97).collect();
        let huge: Vec<i128> = small.iter().map(|k| k * 1_000_000_000_000).collect();
        for ties in [Ties::Competition, Ties::Dense] {
            assert_eq!(
                placings_of_keys(&small, ties),
                placings_of_keys(&huge, ties)
            );
            let decimals: Vec<Decimal> = small.iter().map(|&k| Decimal::from(k as i64)).collect();
            let mut order: Vec<u32> = (0..decimals.len() as u32).collect();
            order.sort_unstable_by(|&a, &b| decimals[b as usize].cmp(&decimals[a as usize]));
            let by_decimal = assign(decimals.len(), &order, ties, |a, b| {
                decimals[a] == decimals[b]
            });
            assert_eq!(placings_of_keys(&small, ties), by_decimal);
        }
    }

    #[test]
    fn place_score_tables_stop_at_the_floor() {
        let r = rank(dec!(100), dec!(5), dec!(0));
        let t = r.place_scores(500);
        assert_eq!(t.len(), 21);
        assert_eq!((t[0], t[19], t[20]), (dec!(100), dec!(5), dec!(0)));
        let flat = rank(dec!(100), dec!(0), dec!(0));
        assert_eq!(flat.place_scores(500), [dec!(100)]);
        assert_eq!(r.place_scores(3).len(), 3);
    }

    /// A tally term reading input `index`.
    fn term(index: usize, coefficient: Decimal) -> Term {
        Term {
            input: InputRef {
                id: format!("i{index}"),
                index,
            },
            coefficient,
        }
    }

    #[test]
    fn integer_tallies_match_decimal_tallies() {
        let mut r = rank(dec!(100), dec!(5), dec!(0));
        r.tally = vec![term(0, dec!(0.5)), term(1, dec!(-5))];
        // Columns stored either way give the same keys.
        for columns in [
            [
                Column::Decimal(vec![dec!(3), dec!(10)]),
                Column::Decimal(vec![dec!(1), dec!(0)]),
            ],
            [Column::Whole(vec![3, 10]), Column::Whole(vec![1, 0])],
        ] {
            let (keys, scale) = r.integer_tallies(|i| &columns[i], 2).unwrap();
            assert_eq!(scale, 1);
            assert_eq!(keys, [15 - 50, 50]);
            for (o, key) in keys.iter().enumerate() {
                assert_eq!(
                    r.tally_of(|i| columns[i].get(o)),
                    Decimal::from_i128_with_scale(*key, scale)
                );
            }
        }
        // A fractional amount: no integer path.
        let columns = [Column::Decimal(vec![dec!(2.5)]), Column::Whole(vec![0])];
        assert!(r.integer_tallies(|i| &columns[i], 1).is_none());
    }

    #[test]
    fn empty_input() {
        assert!(placings(&[], Ties::Competition).is_empty());
    }

    #[test]
    fn score_steps_down_and_stops_at_the_floor() {
        let r = rank(dec!(100), dec!(5), dec!(0));
        assert_eq!(r.score_for_place(1), dec!(100));
        assert_eq!(r.score_for_place(2), dec!(95));
        assert_eq!(r.score_for_place(20), dec!(5));
        assert_eq!(r.score_for_place(21), dec!(0));
        assert!(!r.at_floor(21));
        assert_eq!(r.score_for_place(22), dec!(0));
        assert!(r.at_floor(22));
        assert_eq!(r.score_for_place(500), dec!(0));
    }

    #[test]
    fn overridden_parameters() {
        let r = rank(dec!(90), dec!(2.5), dec!(60));
        assert_eq!(r.score_for_place(1), dec!(90));
        assert_eq!(r.score_for_place(3), dec!(85));
        assert_eq!(r.score_for_place(13), dec!(60));
        assert_eq!(r.score_for_place(14), dec!(60));
    }

    #[test]
    fn tally_is_linear() {
        let mut r = rank(dec!(100), dec!(5), dec!(0));
        r.tally = vec![term(0, dec!(5)), term(1, dec!(-5))];
        let row = [dec!(4), dec!(1)];
        assert_eq!(r.tally_of(|i| row[i]), dec!(15));
        r.tally = vec![term(0, dec!(0.5))];
        assert_eq!(r.tally_of(|_| dec!(3)), dec!(1.5));
    }
}
