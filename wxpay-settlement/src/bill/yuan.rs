//! Exact decimal amounts in yuan (元), as bill files write them.

use std::fmt;

/// Digits after the point that a [`Yuan`] keeps: bills write fees with five (`0.60000`).
const SCALE: u32 = 5;
const UNITS_PER_FEN: i64 = 10_i64.pow(SCALE - 2);
const UNITS_PER_YUAN: i64 = 10_i64.pow(SCALE);

/// An exact amount in yuan with up to five decimals, as in a bill's 手续费 (fee) column,
/// which can be a fraction of a fen. No floating point anywhere: the value is an integer
/// count of 0.00001 yuan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Yuan(i64);

impl Yuan {
    /// Parses `12.34`, `-0.01`, `0.00600`, `3` (an optional `-`, digits, and at most five
    /// decimals; extra decimals are accepted only when they are zeros). `None` otherwise.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit())
            || (digits.contains('.') && fraction.is_empty())
        {
            return None;
        }
        let (kept, rest) = fraction.split_at(fraction.len().min(SCALE as usize));
        if rest.bytes().any(|b| b != b'0') {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let mut units = whole.checked_mul(UNITS_PER_YUAN)?;
        let mut scale = UNITS_PER_YUAN;
        for digit in kept.bytes() {
            scale /= 10;
            units = units.checked_add(i64::from(digit - b'0') * scale)?;
        }
        Some(Self(if negative { -units } else { units }))
    }

    /// An amount of `fen` fen.
    #[must_use]
    pub fn from_fen(fen: i64) -> Self {
        Self(fen.saturating_mul(UNITS_PER_FEN))
    }

    /// The amount in whole fen (分), or `None` when it has a fraction of a fen.
    #[must_use]
    pub fn to_fen(self) -> Option<i64> {
        (self.0 % UNITS_PER_FEN == 0).then_some(self.0 / UNITS_PER_FEN)
    }

    /// The amount as an integer count of 0.00001 yuan.
    #[must_use]
    pub fn hundred_thousandths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Yuan {
    /// Two decimals when the amount is whole fen, five otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let per_yuan = UNITS_PER_YUAN.unsigned_abs();
        let (whole, fraction) = (abs / per_yuan, abs % per_yuan);
        if self.to_fen().is_some() {
            write!(f, "{sign}{whole}.{:02}", fraction / UNITS_PER_FEN.unsigned_abs())
        } else {
            write!(f, "{sign}{whole}.{fraction:05}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(Yuan::parse("12.34").and_then(Yuan::to_fen), Some(1234));
        assert_eq!(Yuan::parse("0.01").and_then(Yuan::to_fen), Some(1));
        assert_eq!(Yuan::parse("-3.00").and_then(Yuan::to_fen), Some(-300));
        assert_eq!(Yuan::parse("7.79000").and_then(Yuan::to_fen), Some(779));
        assert_eq!(Yuan::parse("5").and_then(Yuan::to_fen), Some(500));
        // 0.1 + 0.2 is exactly 0.3 here.
        let sum = Yuan::parse("0.1").unwrap_or_default().hundred_thousandths()
            + Yuan::parse("0.2").unwrap_or_default().hundred_thousandths();
        assert_eq!(Some(sum), Yuan::parse("0.3").map(Yuan::hundred_thousandths));
        let fee = Yuan::parse("0.00600");
        assert_eq!(fee.map(Yuan::hundred_thousandths), Some(600));
        assert_eq!(fee.and_then(Yuan::to_fen), None, "0.6 fen is not whole fen");
        assert_eq!(fee.map(|y| y.to_string()).as_deref(), Some("0.00600"));
        assert_eq!(Yuan::from_fen(-1234).to_string(), "-12.34");
        assert_eq!(Yuan::parse("1.2345600").map(Yuan::hundred_thousandths), Some(123_456));
        for bad in [
            "",
            "-",
            ".5",
            "1.",
            "1,00",
            "1.2.3",
            "1e3",
            "0.000001",
            "+1",
            "¥1",
            "99999999999999999999",
        ] {
            assert_eq!(Yuan::parse(bad), None, "{bad:?}");
        }
    }
}
