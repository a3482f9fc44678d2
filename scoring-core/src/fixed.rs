//! Exact sums of points as 128-bit fixed-point integers.
//!
//! A `Decimal` holds 28–29 significant digits, so adding a 28-decimal
//! answer-rate share (3.2333…) to 85 already rounds, and every addition of
//! two decimals of different scales has to rescale first, which is slow.
//! Points are bounded (by the rubric total, itself at most
//! [`crate::rubric::MAX_TOTAL`]), so they fit an `i128` counting units of
//! 10⁻²⁸ with room to spare: sums in this form are plain integer
//! additions, both exact and fast. Results go back to `Decimal` through
//! [`to_decimal`].

use rust_decimal::Decimal;

use crate::num::Rounding;

/// Decimal places of the fixed-point form (rust_decimal's maximum scale).
pub(crate) const SCALE: u32 = 28;

const POW10: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// 5^k for every k whose power fits 64 bits (k ≤ 27).
const POW5: [u64; 28] = {
    let mut t = [1u64; 28];
    let mut i = 1;
    while i < 28 {
        t[i] = t[i - 1] * 5;
        i += 1;
    }
    t
};

/// A decimal as units of 10⁻²⁸, or `None` if it does not fit (values
/// beyond ±1.7 × 10¹⁰, which bounded points never reach).
pub(crate) fn from_decimal(d: Decimal) -> Option<i128> {
    d.mantissa()
        .checked_mul(POW10[(SCALE - d.scale()) as usize])
}

/// Back to a decimal: exact when the value fits a `Decimal`'s 96-bit
/// mantissa, otherwise rounded by rust_decimal itself in its last (27th or
/// 28th) decimal place, as a `Decimal` addition would.
pub(crate) fn to_decimal(v: i128) -> Decimal {
    let unit = POW10[SCALE as usize];
    let (int, frac) = (v / unit, v % unit);
    // |frac| < 10²⁸ < 2⁹⁶ and |int| < 2⁶⁴ by the bound above.
    let int = Decimal::try_from_i128_with_scale(int, 0).unwrap_or(Decimal::MAX);
    let frac = Decimal::try_from_i128_with_scale(frac, SCALE).unwrap_or(Decimal::ZERO);
    (int + frac).normalize()
}

/// How near a tie (in units of 10⁻²⁸) a value counts as the tie when
/// rounded: 10⁻²², well above the rounding of the points summed and well
/// below any other distance of their sums from a tie.
const TIE_BAND: u128 = 1_000_000;

/// Rounds a fixed-point value to `precision` decimal places by `rule`,
/// exactly: the result is in units of 10^-precision (so it doubles as a
/// sort key).
pub(crate) fn round_units(v: i128, precision: u32, rule: Rounding) -> i128 {
    let precision = precision.min(SCALE);
    let k = (SCALE - precision) as usize;
    let unit = POW10[k].unsigned_abs();
    // One unsigned division (a 128-bit division is a library call, and
    // signed `/` and `%` would be two). 10^k is 2^k × 5^k, and
    // ⌊⌊m / 2^k⌋ / 5^k⌋ = ⌊m / 10^k⌋: a shift, then a divisor that fits 64
    // bits, which the library divides two to three times faster than
    // 10^26 (a hundred thousand offices round a million subtotals).
    let magnitude = v.unsigned_abs();
    let q = match POW5.get(k) {
        Some(&five) => (magnitude >> k) / u128::from(five),
        None => magnitude / unit,
    };
    let r = magnitude - q * unit;
    // A sum within 10⁻²² of a tie is the tie: each point it adds up was
    // rounded in its 26th to 28th decimal place (1 ÷ 24 × 5 = 1.0416…67,
    // 10 ÷ 30 × 10 = 3.333…33), so points whose exact sum is 4.375 may
    // add up to 4.37499…99, which must still round as 4.375 does. No sum
    // of the rubric's points comes that close to a tie without being one
    // (their denominators are far below 10²⁰).
    let tie = unit > 4 * TIE_BAND && (r * 2).abs_diff(unit) <= 2 * TIE_BAND;
    let order = if tie {
        std::cmp::Ordering::Equal
    } else {
        (r * 2).cmp(&unit)
    };
    let away = match order {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => match rule {
            Rounding::HalfAwayFromZero => true,
            Rounding::HalfEven => !q.is_multiple_of(2),
        },
    };
    // The rounded magnitude is at most 2¹²⁷ (for `i128::MIN` at a unit of
    // 1), which wraps to `i128::MIN` and negates to itself: still right.
    let q = (q + u128::from(away)) as i128;
    if v < 0 { q.wrapping_neg() } else { q }
}

/// Rounds a fixed-point value to `precision` decimal places by `rule`,
/// exactly (the same result as rounding the exact sum as a decimal).
pub(crate) fn round(v: i128, precision: u32, rule: Rounding) -> Decimal {
    let q = round_units(v, precision, rule);
    // Rubric precisions (at most 10 places) always fit; anything finer
    // goes through Decimal's own rounding.
    Decimal::try_from_i128_with_scale(q, precision.min(SCALE))
        .unwrap_or_else(|_| rule.round(to_decimal(v), precision))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn round_trips_exact_values() {
        for d in [
            dec!(0),
            dec!(4.75),
            dec!(-30),
            dec!(100),
            dec!(0.0000000000000000000000000001),
        ] {
            assert_eq!(to_decimal(from_decimal(d).unwrap()), d.normalize());
        }
    }

    #[test]
    fn rounding_the_extremes_never_overflows() {
        for rule in [Rounding::HalfAwayFromZero, Rounding::HalfEven] {
            assert_eq!(round_units(i128::MIN, SCALE, rule), i128::MIN);
            assert_eq!(round_units(i128::MAX, SCALE, rule), i128::MAX);
            assert_eq!(round_units(i128::MIN, 0, rule), i128::MIN / POW10[28]);
            assert_eq!(round_units(i128::MAX, 0, rule), i128::MAX / POW10[28]);
        }
    }

    #[test]
    fn a_sum_a_hair_from_a_tie_rounds_as_the_tie() {
        // 1.0416…67 + 3.333…33 summed from points rounded in their last
        // place: 84.375 less 10⁻²⁶.
        let hair = from_decimal(dec!(84.375)).unwrap() - 100;
        assert_eq!(round(hair, 2, Rounding::HalfAwayFromZero), dec!(84.38));
        assert_eq!(round(hair, 2, Rounding::HalfEven), dec!(84.38));
        let above = from_decimal(dec!(84.365)).unwrap() + 100;
        assert_eq!(round(above, 2, Rounding::HalfEven), dec!(84.36));
        assert_eq!(round(-hair, 2, Rounding::HalfAwayFromZero), dec!(-84.38));
        // Not near a tie: as before.
        let near = from_decimal(dec!(84.374999999999999999)).unwrap();
        assert_eq!(round(near, 2, Rounding::HalfAwayFromZero), dec!(84.37));
    }

    #[test]
    fn rounding_agrees_with_rust_decimal() {
        let values = [
            dec!(0.125),
            dec!(-0.125),
            dec!(0.135),
            dec!(96.845),
            dec!(96.855),
            dec!(12.5),
            dec!(13.5),
            dec!(0),
            dec!(99.994999),
            dec!(64.666666666666666666666666667),
            dec!(-2.5),
            dec!(0.005),
            dec!(100),
        ];
        for v in values {
            for p in [0, 1, 2, 3, 10] {
                for rule in [Rounding::HalfAwayFromZero, Rounding::HalfEven] {
                    let want = rule.round(v, p);
                    let got = round(from_decimal(v).unwrap(), p, rule);
                    assert_eq!(got, want, "{v} at {p} {rule:?}");
                    assert_eq!(got.to_string(), want.to_string());
                }
            }
        }
    }

    /// The plain form of [`round_units`]: one division by 10^k.
    fn round_units_by_division(v: i128, precision: u32, rule: Rounding) -> i128 {
        let unit = POW10[(SCALE - precision) as usize].unsigned_abs();
        let (q, r) = (v.unsigned_abs() / unit, v.unsigned_abs() % unit);
        let tie = unit > 4 * TIE_BAND && (r * 2).abs_diff(unit) <= 2 * TIE_BAND;
        let order = if tie {
            std::cmp::Ordering::Equal
        } else {
            (r * 2).cmp(&unit)
        };
        let away = match order {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => match rule {
                Rounding::HalfAwayFromZero => true,
                Rounding::HalfEven => q % 2 == 1,
            },
        };
        let q = (q + u128::from(away)) as i128;
        if v < 0 { q.wrapping_neg() } else { q }
    }

    proptest::proptest! {
        #[test]
        fn shifting_then_dividing_rounds_like_dividing(
            v in proptest::prelude::any::<i128>(),
            small in -(10i128.pow(32))..10i128.pow(32),
            precision in 0u32..=28,
        ) {
            for rule in [Rounding::HalfAwayFromZero, Rounding::HalfEven] {
                for x in [v, small] {
                    proptest::prop_assert_eq!(
                        round_units(x, precision, rule),
                        round_units_by_division(x, precision, rule)
                    );
                }
                // Exactly half a unit, and either side of it.
                let unit = POW10[(SCALE - precision) as usize];
                let half = small / unit * unit + unit / 2;
                for x in [half - 1, half, half + 1] {
                    proptest::prop_assert_eq!(
                        round_units(x, precision, rule),
                        round_units_by_division(x, precision, rule)
                    );
                }
            }
        }
    }

    #[test]
    fn sums_beyond_decimal_precision_stay_exact_until_converted() {
        let third = dec!(1) / dec!(3); // 0.3333333333333333333333333333
        let a = from_decimal(third).unwrap();
        let b = from_decimal(dec!(85)).unwrap();
        let sum = a + b;
        // Exact in fixed point: 85.3333333333333333333333333333 (30 digits).
        assert_eq!(sum % POW10[28], a);
        // A Decimal cannot hold all 30 digits; conversion rounds the last.
        let d = to_decimal(sum);
        assert_eq!(d.round_dp(10), dec!(85.3333333333));
        assert_eq!(d, dec!(85) + third);
    }
}
