//! `on_time`: full marks when a flag says the work was on time, 0 otherwise.
//!
//! The rubric text: "按照规定时间内上报访谈加5分，逾期为0分". The leaf weighs
//! 5% of the total, so "+5 points" is read as full marks on that leaf
//! (100 × 5% = 5 points), and late as 0.

use rust_decimal::Decimal;

use super::InputRef;

/// Parameters of the `on_time` method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnTime {
    /// The flag input (1/0, true/false, 是/否).
    pub input: InputRef,
    /// The score when the flag is set (100).
    pub full: Decimal,
}

impl OnTime {
    /// Scores one office from its flag value (0 or 1).
    pub fn score(&self, flag: Decimal) -> Decimal {
        if flag.is_zero() {
            Decimal::ZERO
        } else {
            self.full
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn flag_gives_full_marks_or_nothing() {
        let m = OnTime {
            input: InputRef {
                id: "interview_on_time".into(),
                index: 0,
            },
            full: dec!(100),
        };
        assert_eq!(m.score(dec!(1)), dec!(100));
        assert_eq!(m.score(dec!(0)), dec!(0));
    }
}
