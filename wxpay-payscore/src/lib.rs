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
//! - [`merchant_bill`]: the encrypted PayScore bill (商户申请获取对账单), decrypted and verified.
//! - [`notification`]: the decrypted `PAYSCORE.*` and parking notification payloads.
//!
//! Amounts are [`Amount`]s in fen; times use the PayScore formats [`ServiceTime`]
//! (`yyyyMMddHHmmss` / `yyyyMMdd`), [`StartTime`] (also `OnAccept`), [`ServiceDate`] and
//! [`Rfc3339`]. Requests check nothing on their own; call `validate()` to catch documented
//! limits (lengths, counts, the `total_amount` identity) before sending.
//!
//! ```
//! use wxpay_core::OutOrderNo;
//! use wxpay_payscore::{
//!     Amount, Discount, Payment, ServiceTime, TimeRange,
//!     partner::service_order::CompletePartnerServiceOrder,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // In production `wxpay_core::Client::from_env()?` (the `WXPAY_*` variables); here the
//! // embedded WeChat Pay simulator, so that this example runs offline.
//! let server = wxpay_mock::MockServer::start().await?;
//! let client = server.client_builder().build()?;
//! # use wxpay_payscore::{RiskFund, RiskFundName, StartTime};
//! # wxpay_payscore::partner::service_order::CreatePartnerServiceOrder::builder()
//! #     .out_order_no(OutOrderNo::new("1234323JKHDFE1243252")?)
//! #     .service_id("2002000000000558128851361561536")
//! #     .appid("wxd678efh567hg6787")
//! #     .sub_mchid("1900000109")
//! #     .service_introduction("就餐")
//! #     .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
//! #     .risk_fund(RiskFund::builder().name(RiskFundName::Deposit).amount(Amount::fen(50_000)).build())
//! #     .notify_url("http://127.0.0.1:9/payscore/notify") // loopback: nothing leaves the machine
//! #     .build()
//! #     .execute(&client)
//! #     .await?;
//! # let key = wxpay_mock::OrderKey::partner("1900000109", "1234323JKHDFE1243252");
//! # server.confirm_order(key.clone())?; // the user confirms in WeChat
//! let meal = Payment::builder().name("就餐费用").amount(Amount::fen(40_000)).count(4);
//! let payments = vec![meal.build()];
//! let discounts = vec![Discount::builder().name("满20减1元").amount(Amount::fen(100)).build()];
//! let total = wxpay_payscore::total_amount(&payments, &discounts).ok_or("discounts exceed payments")?;
//! let served = TimeRange::builder()
//!     .start_time("20091225091010".parse::<ServiceTime>()?)
//!     .end_time("20091225121010".parse()?)
//!     .build();
//! let complete = CompletePartnerServiceOrder::builder()
//!     .out_order_no(OutOrderNo::new("1234323JKHDFE1243252")?)
//!     .service_id("2002000000000558128851361561536")
//!     .sub_mchid("1900000109")
//!     .post_payments(payments)
//!     .total_amount(total)
//!     .post_discounts(discounts)
//!     .time_range(served)
//!     .build();
//! complete.validate()?;
//! complete.execute(&client).await?; // 204 No Content, signature verified
//! # assert_eq!(server.order(key)?["state_description"], "MCH_COMPLETE");
//! # Ok(()) }
//! ```
//!
//! ## Builders
//!
//! Every request (and the models inside it) is built with `Type::builder()` (derived by
//! [`bon`]): one setter per field, named after the field; strings take anything `Into<String>`;
//! an optional field's setter takes the value (`maybe_<field>` takes an `Option`).
//! Forgetting a required field does not compile:
//!
//! ```compile_fail
//! use wxpay_core::OutOrderNo;
//! use wxpay_payscore::service_order::CancelServiceOrder;
//!
//! # fn f() -> Result<(), Box<dyn std::error::Error>> {
//! // no `reason`
//! let cancel = CancelServiceOrder::builder()
//!     .out_order_no(OutOrderNo::new("1234")?)
//!     .appid("wxd678efh567hg6787")
//!     .build();
//! # Ok(()) }
//! ```
//!
//! ```
//! # use wxpay_core::OutOrderNo;
//! # use wxpay_payscore::service_order::CancelServiceOrder;
//! # fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let cancel = CancelServiceOrder::builder()
//!     .out_order_no(OutOrderNo::new("1234")?)
//!     .appid("wxd678efh567hg6787")
//!     .reason("用户投诉")
//!     .maybe_service_id(None::<String>)
//!     .build();
//! assert_eq!(cancel.reason, "用户投诉");
//! # Ok(()) }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod acquiringbank;
pub mod handoff;
mod legacy;
pub mod merchant_bill;
pub mod notification;
pub mod oversea;
pub mod partner;
pub mod payafter_orders;
pub mod permissions;
pub mod plan;
pub mod service_order;
pub mod service_pay_on_delivery_order;
pub mod sign_plan;
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
