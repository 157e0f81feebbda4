//! # wxpay-settlement
//!
//! What happens to the money after a WeChat Pay order, as [`#[endpoint]`](wxpay_core::endpoint)
//! structs over [`wxpay_core`]: refunds (退款), profit sharing (分账) and bills (账单), in direct
//! and partner (`sub_mchid`) form. These are general APIv3 products, used around PayScore
//! (微信支付分) orders and any other payment.
//!
//! - [`refund`] — `/v3/refund/domestic/...`
//! - [`profit_sharing`] — `/v3/profitsharing/...`
//! - [`bill`] — `/v3/bill/...`
//!
//! A partial refund of a paid PayScore order, by the `transaction_id` of its
//! `collection.details[]` (here against the embedded simulator, so that it runs offline):
//!
//! ```
//! use wxpay_settlement::refund::{CreateRefund, PaymentRef, RefundAmount, RefundStatus};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // In production `wxpay_core::Client::from_env()?`.
//! let server = wxpay_mock::MockServer::start().await?;
//! let client = server.client_builder().build()?;
//! # let order = serde_json::json!({
//! #     "out_order_no": "1234323JKHDFE1243252", "appid": "wxd678efh567hg6787",
//! #     "service_id": "2002000000000558128851361561536", "service_introduction": "就餐",
//! #     "time_range": {"start_time": "OnAccept"}, "risk_fund": {"name": "DEPOSIT", "amount": 50000},
//! #     "notify_url": "http://127.0.0.1:9/payscore/notify"
//! # });
//! # let post = |path: &'static str| client.request(wxpay_core::Method::Post, path);
//! # post("v3/payscore/serviceorder").json(&order).send::<serde_json::Value>().await?;
//! # server.confirm_order("1234323JKHDFE1243252")?;
//! # post("v3/payscore/serviceorder/{out_order_no}/complete")
//! #     .path("out_order_no", "1234323JKHDFE1243252")
//! #     .json(&serde_json::json!({
//! #         "appid": "wxd678efh567hg6787", "service_id": "2002000000000558128851361561536",
//! #         "post_payments": [{"name": "就餐费用", "amount": 39900}], "total_amount": 39900,
//! #         "time_range": {"start_time": "20091225091010", "end_time": "20091225121010"}
//! #     }))
//! #     .send::<wxpay_core::NoContent>()
//! #     .await?;
//! # let paid = server.pay_order("1234323JKHDFE1243252")?;
//! # let transaction_id = paid["collection"]["details"][0]["transaction_id"].as_str().ok_or("no id")?;
//! // `transaction_id`: from `PAYSCORE.USER_PAID`, `collection.details[0].transaction_id`.
//! let refund = CreateRefund::builder()
//!     .payment(PaymentRef::transaction_id(transaction_id))
//!     .out_refund_no("REFUND-0001")
//!     .reason("用户提前归还")
//!     .amount(RefundAmount::builder().refund(10_000).total(39_900).build())
//!     .build();
//! let answer = refund.execute(&client).await?; // signed, sent, answer verified
//! assert_eq!(answer.status, RefundStatus::Processing);
//! assert_eq!(answer.amount.refund, 10_000);
//! # Ok(()) }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod bill;
pub mod profit_sharing;
pub mod refund;
mod string_enum;

#[cfg(test)]
mod test_support;
