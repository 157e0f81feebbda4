//! Opt-in client-side checks of the documented limits (protocol §1, §9.1, §10.3).
//!
//! WeChat Pay checks everything again; these checks only catch the common mistakes before a
//! round trip. Lengths are counted in characters (every Han character, letter, digit or
//! symbol counts one), and characters that take 4 bytes in UTF-8 (most emoji) are rejected.

use std::fmt;

use super::{
    Amount, Device, Discount, Location, Payment, RiskFund, StartTime, TimeRange, total_amount,
};

/// A request field that breaks a documented limit. `field` is the JSON path, e.g.
/// `post_payments[2].description`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValidationError {
    /// A required value is missing or empty.
    Missing {
        /// JSON path of the field.
        field: String,
    },
    /// A text is longer than allowed.
    TooLong {
        /// JSON path of the field.
        field: String,
        /// The limit, in characters.
        max: usize,
        /// The actual length, in characters.
        len: usize,
    },
    /// A text contains a character WeChat Pay does not support (4 bytes in UTF-8, e.g. most
    /// emoji).
    UnsupportedCharacter {
        /// JSON path of the field.
        field: String,
        /// The first such character.
        character: char,
    },
    /// A `count` is outside 1–100.
    CountOutOfRange {
        /// JSON path of the field.
        field: String,
        /// The value given.
        count: u32,
    },
    /// A list has more items than allowed.
    TooManyItems {
        /// JSON path of the list.
        field: String,
        /// The limit.
        max: usize,
        /// The number of items.
        len: usize,
    },
    /// `total_amount` is not `Σ post_payments.amount − Σ post_discounts.amount`.
    TotalAmountMismatch {
        /// The `total_amount` given.
        total_amount: Amount,
        /// What it must be; `None` if the discounts exceed the payments (or the sum
        /// overflows).
        expected: Option<Amount>,
    },
    /// A modification would raise the order total; it may only lower it.
    AmountIncreased {
        /// The total before the modification.
        previous: Amount,
        /// The total asked for.
        new: Amount,
    },
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { field } => write!(f, "`{field}` is missing or empty"),
            Self::TooLong { field, max, len } => {
                write!(f, "`{field}` is {len} characters long; at most {max} are allowed")
            }
            Self::UnsupportedCharacter { field, character } => write!(
                f,
                "`{field}` contains {character:?}, which takes 4 bytes in UTF-8; WeChat Pay does not accept such characters"
            ),
            Self::CountOutOfRange { field, count } => {
                write!(f, "`{field}` is {count}; it must be 1 to 100")
            }
            Self::TooManyItems { field, max, len } => {
                write!(f, "`{field}` has {len} items; at most {max} are allowed")
            }
            Self::TotalAmountMismatch { total_amount, expected: Some(expected) } => write!(
                f,
                "`total_amount` is {} fen, but post_payments minus post_discounts is {} fen",
                total_amount.as_fen(),
                expected.as_fen()
            ),
            Self::TotalAmountMismatch { total_amount, expected: None } => write!(
                f,
                "`total_amount` is {} fen, but post_discounts exceed post_payments",
                total_amount.as_fen()
            ),
            Self::AmountIncreased { previous, new } => write!(
                f,
                "the new total of {} fen exceeds the previous total of {} fen; an order total may only be lowered",
                new.as_fen(),
                previous.as_fen()
            ),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Checks that a modification lowers (or keeps) the order total: `modify` may only decrease
/// it (protocol §9.1).
///
/// ```
/// use wxpay_payscore::{Amount, check_decrease};
///
/// assert!(check_decrease(Amount::fen(39_900), Amount::fen(30_000)).is_ok());
/// assert!(check_decrease(Amount::fen(39_900), Amount::fen(40_000)).is_err());
/// ```
///
/// # Errors
///
/// [`ValidationError::AmountIncreased`] if `new_total` exceeds `previous_total`.
pub fn check_decrease(previous_total: Amount, new_total: Amount) -> Result<(), ValidationError> {
    if new_total > previous_total {
        return Err(ValidationError::AmountIncreased { previous: previous_total, new: new_total });
    }
    Ok(())
}

/// Result of one check.
pub(crate) type Check = Result<(), ValidationError>;

/// Length limits (characters) from protocol §10.3.
pub(crate) mod limit {
    pub(crate) const SERVICE_INTRODUCTION: usize = 20;
    pub(crate) const ITEM_NAME: usize = 20;
    pub(crate) const ITEM_DESCRIPTION: usize = 30;
    pub(crate) const RISK_FUND_DESCRIPTION: usize = 30;
    pub(crate) const START_TIME_REMARK: usize = 20;
    pub(crate) const END_TIME_REMARK: usize = 50;
    pub(crate) const ATTACH: usize = 256;
    pub(crate) const NOTIFY_URL: usize = 255;
    /// `notify_url` of a sign-plan service order: `string(256)` on WeChat's page.
    pub(crate) const SIGN_PLAN_NOTIFY_URL: usize = 256;
    pub(crate) const REASON: usize = 50;
    pub(crate) const PAYMENTS: usize = 100;
    pub(crate) const DISCOUNTS: usize = 30;
}

/// A text field: supported characters only, at most `max` characters when given.
pub(crate) fn text(field: &str, value: &str, max: Option<usize>) -> Check {
    if let Some(character) = value.chars().find(|c| c.len_utf8() == 4) {
        return Err(ValidationError::UnsupportedCharacter { field: field.to_owned(), character });
    }
    if let Some(max) = max {
        let len = value.chars().count();
        if len > max {
            return Err(ValidationError::TooLong { field: field.to_owned(), max, len });
        }
    }
    Ok(())
}

/// A required text field: not empty, then as [`text`].
pub(crate) fn required_text(field: &str, value: &str, max: Option<usize>) -> Check {
    if value.is_empty() {
        return Err(ValidationError::Missing { field: field.to_owned() });
    }
    text(field, value, max)
}

/// An optional text field: as [`text`] when present.
pub(crate) fn optional_text(field: &str, value: Option<&String>, max: Option<usize>) -> Check {
    value.map_or(Ok(()), |value| text(field, value, max))
}

/// `post_payments`: at most 100 items, each valid; at least one when `required`, and each
/// with a `name` when `named`.
pub(crate) fn payments(payments: &[Payment], required: bool, named: bool) -> Check {
    if required && payments.is_empty() {
        return Err(ValidationError::Missing { field: "post_payments".into() });
    }
    if payments.len() > limit::PAYMENTS {
        return Err(ValidationError::TooManyItems {
            field: "post_payments".into(),
            max: limit::PAYMENTS,
            len: payments.len(),
        });
    }
    payments.iter().enumerate().try_for_each(|(i, payment)| {
        let at = format!("post_payments[{i}].");
        if named && payment.name.is_none() {
            return Err(ValidationError::Missing { field: format!("{at}name") });
        }
        payment.check(&at)
    })
}

/// `post_discounts`: at most 30 items, each valid.
pub(crate) fn discounts(discounts: &[Discount]) -> Check {
    if discounts.len() > limit::DISCOUNTS {
        return Err(ValidationError::TooManyItems {
            field: "post_discounts".into(),
            max: limit::DISCOUNTS,
            len: discounts.len(),
        });
    }
    discounts.iter().enumerate().try_for_each(|(i, d)| d.check(&format!("post_discounts[{i}].")))
}

/// Both lists (at least one payment; each named when `named`), and
/// `total_amount = Σ payments − Σ discounts`.
pub(crate) fn amounts(
    post_payments: &[Payment],
    post_discounts: &[Discount],
    total: Amount,
    named: bool,
) -> Check {
    payments(post_payments, true, named)?;
    discounts(post_discounts)?;
    let expected = total_amount(post_payments, post_discounts);
    if expected != Some(total) {
        return Err(ValidationError::TotalAmountMismatch { total_amount: total, expected });
    }
    Ok(())
}

/// The checks shared by the direct and partner create requests.
pub(crate) fn new_order(
    post_payments: &[Payment],
    post_discounts: &[Discount],
    time_range: &TimeRange<StartTime>,
    location: Option<&Location>,
    risk_fund: &RiskFund,
    attach: Option<&String>,
    notify_url: &str,
) -> Check {
    payments(post_payments, false, true)?;
    discounts(post_discounts)?;
    if time_range.start_time.is_none() {
        return Err(ValidationError::Missing { field: "time_range.start_time".into() });
    }
    time_range.validate()?;
    location.map_or(Ok(()), Location::validate)?;
    risk_fund.validate()?;
    optional_text("attach", attach, Some(limit::ATTACH))?;
    required_text("notify_url", notify_url, Some(limit::NOTIFY_URL))
}

impl Payment {
    /// Checks the documented limits: `name` (non-empty when given) at most 20 characters,
    /// `description` at most 30, `count` 1–100, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.check("")
    }

    pub(crate) fn check(&self, at: &str) -> Check {
        if let Some(name) = &self.name {
            required_text(&format!("{at}name"), name, Some(limit::ITEM_NAME))?;
        }
        optional_text(
            &format!("{at}description"),
            self.description.as_ref(),
            Some(limit::ITEM_DESCRIPTION),
        )?;
        match self.count {
            Some(count) if !(1..=100).contains(&count) => {
                Err(ValidationError::CountOutOfRange { field: format!("{at}count"), count })
            }
            _ => Ok(()),
        }
    }
}

impl Discount {
    /// Checks the documented limits: `name` non-empty and at most 20 characters,
    /// `description` at most 30, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.check("")
    }

    pub(crate) fn check(&self, at: &str) -> Check {
        required_text(&format!("{at}name"), &self.name, Some(limit::ITEM_NAME))?;
        optional_text(
            &format!("{at}description"),
            self.description.as_ref(),
            Some(limit::ITEM_DESCRIPTION),
        )
    }
}

impl RiskFund {
    /// Checks the documented limits: `description` at most 30 characters, no 4-byte
    /// characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        optional_text(
            "risk_fund.description",
            self.description.as_ref(),
            Some(limit::RISK_FUND_DESCRIPTION),
        )
    }
}

impl<S> TimeRange<S> {
    /// Checks the documented limits: `start_time_remark` at most 20 characters,
    /// `end_time_remark` at most 50, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        optional_text(
            "time_range.start_time_remark",
            self.start_time_remark.as_ref(),
            Some(limit::START_TIME_REMARK),
        )?;
        optional_text(
            "time_range.end_time_remark",
            self.end_time_remark.as_ref(),
            Some(limit::END_TIME_REMARK),
        )
    }
}

impl Location {
    /// Checks that no 4-byte characters are used.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        optional_text("location.start_location", self.start_location.as_ref(), None)?;
        optional_text("location.end_location", self.end_location.as_ref(), None)
    }
}

impl Device {
    /// Checks that no 4-byte characters are used.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        optional_text("device.start_device_id", self.start_device_id.as_ref(), None)?;
        optional_text("device.end_device_id", self.end_device_id.as_ref(), None)?;
        optional_text("device.materiel_no", self.materiel_no.as_ref(), None)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::types::{RiskFundName, StartTime};

    fn payment() -> Payment {
        Payment::builder()
            .name("就餐费用")
            .amount(Amount::fen(40_000))
            .description("就餐人均100元")
            .count(4)
            .build()
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 20 Han characters are 60 bytes but within the limit.
        let name = "汉".repeat(20);
        assert_eq!(
            Payment::builder().name(name.clone()).amount(Amount::ZERO).build().validate(),
            Ok(())
        );
        let long = format!("{name}字");
        assert_eq!(
            Payment::builder().name(long).amount(Amount::ZERO).build().validate(),
            Err(ValidationError::TooLong { field: "name".into(), max: 20, len: 21 })
        );
        assert_eq!(
            Discount::builder()
                .name("满20减1元")
                .amount(Amount::fen(1))
                .description("x".repeat(31))
                .build()
                .validate(),
            Err(ValidationError::TooLong { field: "description".into(), max: 30, len: 31 })
        );
    }

    #[test]
    fn rejects_four_byte_characters() {
        let err = Payment { description: Some("好吃😀".into()), ..payment() }.validate();
        assert_eq!(
            err,
            Err(ValidationError::UnsupportedCharacter {
                field: "description".into(),
                character: '😀'
            })
        );
        // 3-byte characters (CJK, ¥, €) are fine.
        assert_eq!(Payment { description: Some("¥€汉".into()), ..payment() }.validate(), Ok(()));
        let location = Location::builder().start_location("起点🚲").end_location("终点").build();
        assert!(matches!(
            location.validate(),
            Err(ValidationError::UnsupportedCharacter { field, .. }) if field == "location.start_location"
        ));
        assert!(
            Device::builder().start_device_id("dev-1").materiel_no("𝔸").build().validate().is_err()
        );
    }

    #[test]
    fn checks_count_and_list_sizes() {
        assert_eq!(Payment { count: Some(1), ..payment() }.validate(), Ok(()));
        assert_eq!(Payment { count: Some(100), ..payment() }.validate(), Ok(()));
        for count in [0, 101] {
            assert_eq!(
                Payment { count: Some(count), ..payment() }.validate(),
                Err(ValidationError::CountOutOfRange { field: "count".into(), count })
            );
        }
        let many = vec![Payment::builder().name("a").amount(Amount::ZERO).build(); 101];
        assert_eq!(
            payments(&many, true, true),
            Err(ValidationError::TooManyItems {
                field: "post_payments".into(),
                max: 100,
                len: 101
            })
        );
        assert_eq!(payments(&many[..100], true, true), Ok(()));
        assert_eq!(
            payments(&[], true, true),
            Err(ValidationError::Missing { field: "post_payments".into() })
        );
        assert_eq!(payments(&[], false, true), Ok(()));
        let many = vec![Discount::builder().name("a").amount(Amount::ZERO).build(); 31];
        assert!(matches!(discounts(&many), Err(ValidationError::TooManyItems { max: 30, .. })));
        let bad = [payment(), Payment { count: Some(0), ..payment() }];
        assert_eq!(
            payments(&bad, true, true),
            Err(ValidationError::CountOutOfRange {
                field: "post_payments[1].count".into(),
                count: 0
            })
        );
        let unnamed = [Payment::default()];
        assert_eq!(payments(&unnamed, true, false), Ok(()));
        assert_eq!(
            payments(&unnamed, true, true),
            Err(ValidationError::Missing { field: "post_payments[0].name".into() })
        );
        assert_eq!(
            discounts(&[Discount::builder().name("").amount(Amount::ZERO).build()]),
            Err(ValidationError::Missing { field: "post_discounts[0].name".into() })
        );
    }

    #[test]
    fn checks_the_amount_identity() {
        let discounts = [Discount::builder().name("满20减1元").amount(Amount::fen(100)).build()];
        assert_eq!(amounts(&[payment()], &discounts, Amount::fen(39_900), true), Ok(()));
        assert_eq!(
            amounts(&[payment()], &discounts, Amount::fen(50_000), true),
            Err(ValidationError::TotalAmountMismatch {
                total_amount: Amount::fen(50_000),
                expected: Some(Amount::fen(39_900)),
            })
        );
        let too_much = [Discount::builder().name("x").amount(Amount::fen(40_001)).build()];
        let err = amounts(&[payment()], &too_much, Amount::ZERO, true).unwrap_err();
        assert_eq!(
            err,
            ValidationError::TotalAmountMismatch { total_amount: Amount::ZERO, expected: None }
        );
        assert_eq!(
            err.to_string(),
            "`total_amount` is 0 fen, but post_discounts exceed post_payments"
        );
    }

    #[test]
    fn checks_decrease_only() {
        assert_eq!(check_decrease(Amount::fen(100), Amount::fen(99)), Ok(()));
        assert_eq!(check_decrease(Amount::fen(100), Amount::fen(100)), Ok(()));
        let err = check_decrease(Amount::fen(100), Amount::fen(101)).unwrap_err();
        assert_eq!(
            err,
            ValidationError::AmountIncreased { previous: Amount::fen(100), new: Amount::fen(101) }
        );
        assert_eq!(
            err.to_string(),
            "the new total of 101 fen exceeds the previous total of 100 fen; an order total may only be lowered"
        );
    }

    #[test]
    fn checks_remarks_and_risk_fund() {
        let range: TimeRange<StartTime> = TimeRange::builder()
            .start_time(StartTime::OnAccept)
            .start_time_remark("x".repeat(21))
            .build();
        assert_eq!(
            range.validate(),
            Err(ValidationError::TooLong {
                field: "time_range.start_time_remark".into(),
                max: 20,
                len: 21
            })
        );
        let range: TimeRange = TimeRange::builder().end_time_remark("x".repeat(50)).build();
        assert_eq!(range.validate(), Ok(()));
        let range: TimeRange = TimeRange::builder().end_time_remark("x".repeat(51)).build();
        assert!(range.validate().is_err());
        let fund = RiskFund::builder()
            .name(RiskFundName::Deposit)
            .amount(Amount::fen(1))
            .description("y".repeat(31))
            .build();
        assert!(matches!(fund.validate(), Err(ValidationError::TooLong { max: 30, .. })));
    }

    #[test]
    fn messages_name_the_field() {
        let cases = [
            (ValidationError::Missing { field: "reason".into() }, "`reason` is missing or empty"),
            (
                ValidationError::TooLong { field: "attach".into(), max: 256, len: 300 },
                "`attach` is 300 characters long; at most 256 are allowed",
            ),
            (
                ValidationError::CountOutOfRange {
                    field: "post_payments[0].count".into(),
                    count: 0,
                },
                "`post_payments[0].count` is 0; it must be 1 to 100",
            ),
            (
                ValidationError::TotalAmountMismatch {
                    total_amount: Amount::fen(50_000),
                    expected: Some(Amount::fen(39_900)),
                },
                "`total_amount` is 50000 fen, but post_payments minus post_discounts is 39900 fen",
            ),
        ];
        for (err, message) in cases {
            assert_eq!(err.to_string(), message);
        }
    }
}
