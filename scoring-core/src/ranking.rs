//! Places: offices ordered by a value, highest first, with ties.
//!
//! Used by the `rank` method and for the overall place of every office.

use rust_decimal::Decimal;

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
#[cfg(test)]
pub(crate) fn placings(values: &[Decimal], ties: Ties) -> Vec<Placing> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

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
    fn empty_input() {
        assert!(placings(&[], Ties::Competition).is_empty());
    }
}
