//! Exact decimal helpers: rounding rules and fixed-point formatting.
//!
//! Scores are [`Decimal`]s from input to output. Rounding happens only where
//! a rubric says (its `precision` and `rounding`), never implicitly.

use rust_decimal::{Decimal, RoundingStrategy};

/// How a rubric rounds its published figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rounding {
    /// 0.125 → 0.13, −0.125 → −0.13 (四舍五入). The default.
    #[default]
    HalfAwayFromZero,
    /// 0.125 → 0.12, 0.135 → 0.14 (banker's rounding).
    HalfEven,
}

impl Rounding {
    /// The name used in rubric files.
    pub fn name(self) -> &'static str {
        match self {
            Rounding::HalfAwayFromZero => "half_away_from_zero",
            Rounding::HalfEven => "half_even",
        }
    }

    /// Parses a rubric file's name for a rounding rule.
    pub fn parse(name: &str) -> Option<Rounding> {
        match name {
            "half_away_from_zero" => Some(Rounding::HalfAwayFromZero),
            "half_even" => Some(Rounding::HalfEven),
            _ => None,
        }
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }

    /// Rounds `value` to `precision` decimal places, keeping trailing zeros
    /// (so `95` at precision 2 becomes `95.00`).
    pub fn round(self, value: Decimal, precision: u32) -> Decimal {
        let mut rounded = value.round_dp_with_strategy(precision, self.strategy());
        rounded.rescale(precision);
        rounded
    }
}

/// Formats a value as written in a rubric: no trailing zeros (`5`, `0.5`).
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Parses a decimal exactly, as written (`0.5`, `5`, `-5`, `1e2` is refused).
///
/// Returns `None` for anything that is not a plain decimal number or that
/// would lose digits.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let mut seen_dot = false;
    let mut digits = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let cleaned = t.strip_prefix('+').unwrap_or(t);
    Decimal::from_str_exact(cleaned).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_rules() {
        let r = Rounding::HalfAwayFromZero;
        assert_eq!(r.round(dec!(0.125), 2).to_string(), "0.13");
        assert_eq!(r.round(dec!(-0.125), 2).to_string(), "-0.13");
        assert_eq!(r.round(dec!(95), 2).to_string(), "95.00");
        assert_eq!(r.round(dec!(64.6666666), 2).to_string(), "64.67");
        let e = Rounding::HalfEven;
        assert_eq!(e.round(dec!(0.125), 2).to_string(), "0.12");
        assert_eq!(e.round(dec!(0.135), 2).to_string(), "0.14");
        assert_eq!(e.round(dec!(7), 0).to_string(), "7");
    }

    #[test]
    fn parse_is_exact_and_strict() {
        assert_eq!(parse_decimal("0.5"), Some(dec!(0.5)));
        assert_eq!(parse_decimal(" -5 "), Some(dec!(-5)));
        assert_eq!(parse_decimal("+3"), Some(dec!(3)));
        assert_eq!(parse_decimal("1e2"), None);
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("."), None);
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("1.2.3"), None);
        assert_eq!(plain(dec!(5.000)), "5");
        assert_eq!(plain(dec!(0.50)), "0.5");
    }
}
