//! Spelling decimals as `rust_decimal` displays them, without its
//! formatting machinery: writers of large outputs spell millions of
//! figures (100 000 offices make 4.5 million in a results CSV).

use rust_decimal::Decimal;

/// Spells figures into a buffer of its own; each text lasts until the
/// next call.
#[derive(Debug, Clone)]
pub struct Digits {
    buf: [u8; 48],
}

impl Default for Digits {
    fn default() -> Digits {
        Digits { buf: [0; 48] }
    }
}

impl Digits {
    /// `units` of 10^-`scale` (`550` at scale 2 is `5.50`): the text the
    /// `Decimal` of that mantissa and scale displays (scales above 28, which
    /// no `Decimal` has, are taken as 28). A zero has no sign.
    pub fn units(&mut self, units: i128, scale: u32) -> &[u8] {
        // At most 39 digits (or a point and 28 places), and a sign.
        let scale = scale.min(28);
        let mut i = self.buf.len();
        let mut m = units.unsigned_abs();
        let mut written = 0;
        loop {
            if written == scale && scale > 0 {
                i -= 1;
                self.buf[i] = b'.';
            }
            // Figures are small: a 64-bit division is far cheaper.
            let digit = match u64::try_from(m) {
                Ok(small) => {
                    m = u128::from(small / 10);
                    (small % 10) as u8
                }
                Err(_) => {
                    let digit = (m % 10) as u8;
                    m /= 10;
                    digit
                }
            };
            i -= 1;
            self.buf[i] = b'0' + digit;
            written += 1;
            if m == 0 && written > scale {
                break;
            }
        }
        if units < 0 {
            i -= 1;
            self.buf[i] = b'-';
        }
        &self.buf[i..]
    }

    /// The text `value` displays (`value.to_string()`), a negative zero
    /// (`-0.00`) included.
    pub fn decimal(&mut self, value: Decimal) -> &[u8] {
        if value.is_zero() && value.is_sign_negative() {
            // A decimal displays in at most 31 characters.
            let text = value.to_string();
            let n = text.len().min(self.buf.len());
            self.buf[..n].copy_from_slice(&text.as_bytes()[..n]);
            return &self.buf[..n];
        }
        self.units(value.mantissa(), value.scale())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn figures_are_spelled_as_decimals_display() {
        let mut digits = Digits::default();
        for scale in [0u32, 1, 2, 4, 10, 28] {
            for units in [
                0i128,
                1,
                9,
                10,
                99,
                100,
                101,
                550,
                10_000,
                123_456_789,
                -5,
                -1_234,
                i128::from(u64::MAX) + 7,
                79_228_162_514_264_337_593_543_950_335,
                -79_228_162_514_264_337_593_543_950_335,
            ] {
                let d = Decimal::from_i128_with_scale(units, scale);
                assert_eq!(digits.units(units, scale), d.to_string().as_bytes());
                assert_eq!(digits.decimal(d), d.to_string().as_bytes());
            }
        }
        for text in [
            "5",
            "5.500",
            "-0.00",
            "-0",
            "0.00",
            "-1.25",
            "0.0000000000000000000000000001",
        ] {
            let d = Decimal::from_str(text).unwrap();
            assert_eq!(digits.decimal(d), d.to_string().as_bytes(), "{text}");
        }
        // Units alone carry no negative zero.
        assert_eq!(digits.units(0, 2), b"0.00");
    }
}
