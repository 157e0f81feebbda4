//! Refunds (退款): `/v3/refund/domestic/refunds...`.
//!
//! - [`CreateRefund`]: `POST /v3/refund/domestic/refunds`, refunding all or part of a paid
//!   order, found by [`PaymentRef::TransactionId`] (e.g. a PayScore
//!   `collection.details[].transaction_id`) or [`PaymentRef::OutTradeNo`].
//! - [`QueryRefund`]: `GET /v3/refund/domestic/refunds/{out_refund_no}`.
//! - [`ApplyAbnormalRefund`]: `POST /v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund`,
//!   for a refund whose status is `ABNORMAL` (bank account fields go out encrypted).
//! - [`notification`]: the decrypted `REFUND.SUCCESS` / `REFUND.ABNORMAL` / `REFUND.CLOSED`
//!   payloads.
//!
//! Every request has an optional `sub_mchid` (子商户号): set it in partner (服务商) mode, leave
//! it out as a direct merchant. Amounts are integers in fen (分).
//!
//! ```no_run
//! use wxpay_core::Client;
//! use wxpay_settlement::refund::{CreateRefund, PaymentRef, RefundAmount};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let refund = CreateRefund::builder()
//!     .payment(PaymentRef::transaction_id("4200000000201912251234567890"))
//!     .out_refund_no("R20191225001")
//!     .amount(RefundAmount::builder().refund(100).total(39_900).build())
//!     .reason("部分退款")
//!     .build()
//!     .execute(&client)
//!     .await?;
//! println!("refund {} is {}", refund.refund_id, refund.status);
//! # Ok(()) }
//! ```

mod apply_abnormal_refund;
mod create;
pub mod notification;
mod query;
mod types;

pub use apply_abnormal_refund::{AbnormalRefundType, ApplyAbnormalRefund};
pub use create::{CreateRefund, FundsFrom, GoodsDetail, PaymentRef, RefundAmount};
pub use query::QueryRefund;
pub use types::{
    FundsAccount, Promotion, Refund, RefundAccount, RefundAmountDetail, RefundChannel, RefundStatus,
};
