//! # wxpay-payscore
//!
//! WeChat Pay PayScore (微信支付分) for Rust: every service-order endpoint, direct merchant
//! (普通商户) and partner (服务商), the user-authorization endpoints, and typed notification
//! payloads. Built on [`wxpay_core`]: every request is signed, every response (204 included)
//! verified.
//!
//! - [`service_order`]: direct-merchant orders, `/v3/payscore/serviceorder/...`.
//! - [`partner::service_order`]: partner orders, `/v3/payscore/partner/serviceorder/...`, and
//!   [`partner::service_quotas`].
//! - [`permissions`], [`partner::permissions`]: user authorization (授权 / 预授权), and the
//!   legacy [`user_service_state`] and [`users`] endpoints.
//! - [`handoff`]: the signed front-end hand-offs (confirm, details, authorization and
//!   sign-plan pages) for mini-programs, JSAPI pages and apps.
//! - [`notification`]: the decrypted `PAYSCORE.*` and parking notification payloads.
//!
//! Amounts are [`Amount`]s in fen; times use the PayScore formats [`ServiceTime`]
//! (`yyyyMMddHHmmss` / `yyyyMMdd`), [`StartTime`] (also `OnAccept`), [`ServiceDate`] and
//! [`Rfc3339`]. Requests check nothing on their own; call `validate()` to catch documented
//! limits (lengths, counts, the `total_amount` identity) before sending.
//!
//! ```no_run
//! use wxpay_core::{Client, OutOrderNo};
//! use wxpay_payscore::{Amount, Discount, Payment, partner::service_order::CompletePartnerServiceOrder};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let payments = vec![Payment::new("就餐费用", Amount::fen(40_000)).with_count(4)];
//! let discounts = vec![Discount::new("满20减1元", Amount::fen(100))];
//! let total = wxpay_payscore::total_amount(&payments, &discounts).ok_or("discounts exceed payments")?;
//! let complete = CompletePartnerServiceOrder::new(
//!     OutOrderNo::new("1234323JKHDFE1243252")?,
//!     "2002000000000558128851361561536",
//!     "1900000109",
//!     payments,
//!     total,
//! )
//! .with_post_discounts(discounts);
//! complete.validate()?;
//! complete.execute(&client).await?; // 204 No Content, signature verified
//! # Ok(()) }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod acquiringbank;
pub mod handoff;
pub mod notification;
pub mod oversea;
pub mod partner;
pub mod payafter_orders;
pub mod permissions;
pub mod service_order;
pub mod smartretail_orders;
mod types;
pub mod user_service_state;
pub mod users;
pub mod vehicle;

#[cfg(test)]
mod test_support;

/// The README's Rust examples compile.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use types::{
    Amount, Collection, CollectionDetail, CollectionState, Device, Discount, GoodsDetail,
    InvalidTime, Location, PaidType, Payment, PromotionDetail, PromotionScope, PromotionType,
    Rfc3339, RiskFund, RiskFundName, ServiceDate, ServiceOrderState, ServiceTime, StartTime,
    StateDescription, SyncDetail, SyncType, TimeRange, UserServiceStatus, ValidationError,
    check_decrease, total_amount,
};
