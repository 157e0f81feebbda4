//! [`Amount`]: money in fen.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of money in fen (分, 1/100 yuan), as every PayScore amount field carries it.
///
/// Zero is valid (a free item). Arithmetic is checked: amounts never wrap.
///
/// ```
/// use wxpay_payscore::Amount;
///
/// let fee = Amount::fen(40_000);
/// assert_eq!(fee.checked_sub(Amount::fen(100)), Some(Amount::fen(39_900)));
/// assert_eq!(Amount::fen(100).checked_sub(fee), None);
/// assert_eq!(fee.to_string(), "¥400.00");
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(u64);

impl Amount {
    /// Zero fen.
    pub const ZERO: Self = Self(0);

    /// `fen` fen (分).
    #[must_use]
    pub const fn fen(fen: u64) -> Self {
        Self(fen)
    }

    /// The amount in fen.
    #[must_use]
    pub const fn as_fen(self) -> u64 {
        self.0
    }

    /// `self + other`, or `None` on overflow.
    #[must_use]
    pub const fn checked_add(self, other: Self) -> Option<Self> {
        match self.0.checked_add(other.0) {
            Some(sum) => Some(Self(sum)),
            None => None,
        }
    }

    /// `self - other`, or `None` if `other` is larger.
    #[must_use]
    pub const fn checked_sub(self, other: Self) -> Option<Self> {
        match self.0.checked_sub(other.0) {
            Some(difference) => Some(Self(difference)),
            None => None,
        }
    }
}

impl From<Amount> for u64 {
    fn from(amount: Amount) -> Self {
        amount.0
    }
}

/// Yuan with two decimals: `¥399.00`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "¥{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// `Amount(39900)`: the fen value, as it travels on the wire.
impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Amount").field(&self.0).finish()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(Amount::fen(1).checked_add(Amount::fen(2)), Some(Amount::fen(3)));
        assert_eq!(Amount::fen(u64::MAX).checked_add(Amount::fen(1)), None);
        assert_eq!(Amount::fen(3).checked_sub(Amount::fen(3)), Some(Amount::ZERO));
        assert_eq!(Amount::ZERO.checked_sub(Amount::fen(1)), None);
        assert_eq!(u64::from(Amount::fen(7)), 7);
        assert_eq!(Amount::default(), Amount::ZERO);
    }

    #[test]
    fn formats_as_yuan_and_serializes_as_fen() {
        assert_eq!(Amount::ZERO.to_string(), "¥0.00");
        assert_eq!(Amount::fen(5).to_string(), "¥0.05");
        assert_eq!(Amount::fen(39_900).to_string(), "¥399.00");
        assert_eq!(Amount::fen(12_345).to_string(), "¥123.45");
        assert_eq!(format!("{:?}", Amount::fen(100)), "Amount(100)");
        assert_eq!(serde_json::to_string(&Amount::fen(39_900)).unwrap(), "39900");
        assert_eq!(serde_json::from_str::<Amount>("0").unwrap(), Amount::ZERO);
        assert!(serde_json::from_str::<Amount>("-1").is_err());
        assert!(serde_json::from_str::<Amount>("1.5").is_err());
        assert!(serde_json::from_str::<Amount>("\"100\"").is_err());
    }
}
