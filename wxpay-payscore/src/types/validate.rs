//! Opt-in client-side checks of the documented limits (protocol §1, §9.1, §10.3).
//!
//! WeChat Pay checks everything again; these checks only catch the common mistakes before a
//! round trip. Lengths are counted in characters (every Han character, letter, digit or
//! symbol counts one), and characters that take 4 bytes in UTF-8 (most emoji) are rejected.

use std::fmt;

use super::{Amount, Device, Discount, Location, Payment, RiskFund, TimeRange, total_amount};

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

/// The ids a request must carry, as `(field, value)`: each present, no 4-byte characters.
pub(crate) fn ids(ids: &[(&str, &str)]) -> Check {
    ids.iter().try_for_each(|(field, value)| required_text(field, value, None))
}

/// `service_introduction`: present, at most 20 characters.
pub(crate) fn service_introduction(value: &str) -> Check {
    required_text("service_introduction", value, Some(limit::SERVICE_INTRODUCTION))
}

/// The fee items and discounts of an order being created: at most 100 payments (each named
/// when `named`) and 30 discounts, each valid.
pub(crate) fn items(post_payments: &[Payment], post_discounts: &[Discount], named: bool) -> Check {
    payments(post_payments, false, named)?;
    discounts(post_discounts)
}

/// `time_range.start_time`, required when an order is created.
pub(crate) fn start_time_given(given: bool) -> Check {
    if given {
        Ok(())
    } else {
        Err(ValidationError::Missing { field: "time_range.start_time".into() })
    }
}

/// `attach` at most 256 characters; `notify_url` present and at most 255.
pub(crate) fn attach_and_notify_url(attach: Option<&String>, notify_url: &str) -> Check {
    optional_text("attach", attach, Some(limit::ATTACH))?;
    required_text("notify_url", notify_url, Some(limit::NOTIFY_URL))
}

/// An order created without confirmation (`need_user_confirm: false`) names its user: an
/// `openid` (or, for a partner, a `sub_openid`) is given.
pub(crate) fn openid_unless_confirmed(need_user_confirm: Option<bool>, has_openid: bool) -> Check {
    if need_user_confirm == Some(false) && !has_openid {
        return Err(ValidationError::Missing { field: "openid".into() });
    }
    Ok(())
}

/// A `sub_openid` belongs to a `sub_appid`: given with it.
pub(crate) fn sub_appid_with_sub_openid(
    sub_appid: Option<&String>,
    sub_openid: Option<&String>,
) -> Check {
    if sub_openid.is_some() && sub_appid.is_none() {
        return Err(ValidationError::Missing { field: "sub_appid".into() });
    }
    Ok(())
}

/// Checks the fields every create-order request carries (service-order direct and partner,
/// acquiring bank, cross-border, pay on delivery) on `$order`, returning the first error
/// from the enclosing function: `service_introduction`, [`items`] (each payment named),
/// `time_range` (with its `start_time`), `location`, `risk_fund`, then
/// [`attach_and_notify_url`]. The fields are found by name, so every request type with them
/// fits, whatever its `time_range` type. `named: false` lets payments go without a name.
macro_rules! check_new_order {
    ($order:expr) => {
        $crate::types::check_new_order!($order, named: true)
    };
    ($order:expr, named: $named:expr) => {{
        let order = &$order;
        $crate::types::service_introduction(&order.service_introduction)?;
        $crate::types::items(&order.post_payments, &order.post_discounts, $named)?;
        $crate::types::start_time_given(order.time_range.start_time.is_some())?;
        order.time_range.validate()?;
        order.location.as_ref().map_or(Ok(()), |location| location.validate())?;
        order.risk_fund.validate()?;
        $crate::types::attach_and_notify_url(order.attach.as_ref(), &order.notify_url)?;
    }};
}
pub(crate) use check_new_order;

/// Checks the fields every complete request carries on `$order`, returning the first error
/// from the enclosing function: [`amounts`] (each payment named), the optional actual
/// `time_range` and `location`, and `goods_tag`.
macro_rules! check_completion {
    ($order:expr) => {{
        let order = &$order;
        $crate::types::amounts(
            &order.post_payments,
            &order.post_discounts,
            order.total_amount,
            true,
        )?;
        order.time_range.as_ref().map_or(Ok(()), |range| range.validate())?;
        order.location.as_ref().map_or(Ok(()), |location| location.validate())?;
        $crate::types::optional_text("goods_tag", order.goods_tag.as_ref(), None)?;
    }};
}
pub(crate) use check_completion;

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
mod tests;
