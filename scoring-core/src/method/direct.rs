//! `direct`: a score from 0 to 100 that the assessor enters by hand, for
//! indicators judged rather than counted.
//!
//! The value is checked to lie in [0, 100] when the dataset is read; it is
//! used as it is, without rounding.

use rust_decimal::Decimal;

use super::InputRef;

/// Parameters of the `direct` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direct {
    /// The input holding the score (an `amount`).
    pub input: InputRef,
}

impl Direct {
    /// The lowest score accepted.
    pub const MIN: Decimal = Decimal::ZERO;
    /// The highest score accepted.
    pub const MAX: Decimal = Decimal::ONE_HUNDRED;

    /// Scores one office: the entered value, clamped to [0, 100] as a last
    /// guard (values outside are refused when the data is read).
    pub fn score(&self, value: Decimal) -> Decimal {
        value.clamp(Self::MIN, Self::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn entered_value_is_the_score() {
        let m = Direct {
            input: InputRef {
                id: "judged".into(),
                index: 0,
            },
        };
        assert_eq!(m.score(dec!(87.5)), dec!(87.5));
        assert_eq!(m.score(dec!(100)), dec!(100));
        assert_eq!(m.score(dec!(0)), dec!(0));
    }
}
