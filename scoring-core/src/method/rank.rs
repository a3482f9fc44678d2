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
#[derive(Debug, Clone, PartialEq)]
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

    /// The tally of one office: Σ coefficient × input.
    pub fn tally_of(&self, row: &[Decimal]) -> Decimal {
        let mut sum = Decimal::ZERO;
        for term in &self.tally {
            let v = row[term.input.index];
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
    let n = values.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    match sortable_keys(values) {
        Some(keys) => order.sort_unstable_by(|&a, &b| keys[b as usize].cmp(&keys[a as usize])),
        None => order.sort_unstable_by(|&a, &b| values[b as usize].cmp(&values[a as usize])),
    }
    let mut out = vec![
        Placing {
            place: 0,
            shared: false
        };
        n
    ];
    let mut pos = 0;
    let mut distinct = 0u32;
    while pos < n {
        let value = values[order[pos] as usize];
        let mut end = pos + 1;
        while end < n && values[order[end] as usize] == value {
            end += 1;
        }
        distinct += 1;
        let place = match ties {
            Ties::Competition => pos as u32 + 1,
            Ties::Dense => distinct,
        };
        let shared = end - pos > 1;
        for &i in &order[pos..end] {
            out[i as usize] = Placing { place, shared };
        }
        pos = end;
    }
    out
}

/// Integer keys that order like `values`, when they all fit: comparing two
/// `i128`s is far cheaper than comparing two decimals of different scales.
fn sortable_keys(values: &[Decimal]) -> Option<Vec<i128>> {
    let scale = values.iter().map(|v| v.scale()).max()?;
    values
        .iter()
        .map(|v| {
            let factor = 10i128.checked_pow(scale - v.scale())?;
            v.mantissa().checked_mul(factor)
        })
        .collect()
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
        let term = |index, coefficient| Term {
            input: InputRef {
                id: format!("i{index}"),
                index,
            },
            coefficient,
        };
        let mut r = rank(dec!(100), dec!(5), dec!(0));
        r.tally = vec![term(0, dec!(5)), term(1, dec!(-5))];
        assert_eq!(r.tally_of(&[dec!(4), dec!(1)]), dec!(15));
        r.tally = vec![term(0, dec!(0.5))];
        assert_eq!(r.tally_of(&[dec!(3)]), dec!(1.5));
    }
}
