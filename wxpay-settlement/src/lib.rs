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

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod bill;
pub mod profit_sharing;
pub mod refund;
