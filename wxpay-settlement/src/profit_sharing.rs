//! Profit sharing (分账): `/v3/profitsharing/...`, splitting the money of a payment made with
//! `profit_sharing: true` (e.g. a PayScore order completed with it) among receivers.
//!
//! - Receivers: [`AddReceiver`] `POST /v3/profitsharing/receivers/add`, [`DeleteReceiver`]
//!   `POST /v3/profitsharing/receivers/delete`.
//! - Orders: [`CreateOrder`] `POST /v3/profitsharing/orders`, [`QueryOrder`]
//!   `GET /v3/profitsharing/orders/{out_order_no}`, [`UnfreezeOrder`]
//!   `POST /v3/profitsharing/orders/unfreeze` (release what is left to the merchant).
//! - Returns (回退): [`CreateReturn`] `POST /v3/profitsharing/return-orders`, [`QueryReturn`]
//!   `GET /v3/profitsharing/return-orders/{out_return_no}`.
//! - [`QueryUnsplitAmount`]: `GET /v3/profitsharing/transactions/{transaction_id}/amounts`.
//! - [`notification`]: the decrypted `PROFITSHARING.*` payloads.
//!
//! Receiver `name`s are [`Sensitive`](wxpay_core::sensitive::Sensitive): the client encrypts
//! them with RSA-OAEP to the WeChat Pay key it names in `Wechatpay-Serial`. Every request has
//! an optional `sub_mchid` (子商户号) for partner (服务商) mode. Amounts are integers in fen.
//! `Debug` hides the `account` of personal (openid) receivers.
//!
//! ```no_run
//! use wxpay_core::Client;
//! use wxpay_settlement::profit_sharing::{CreateOrder, Receiver, ReceiverType};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let order = CreateOrder::builder()
//!     .transaction_id("4208450740201411110007820472")
//!     .out_order_no("P20150806125346")
//!     .receivers(vec![Receiver::builder()
//!         .kind(ReceiverType::MerchantId)
//!         .account("86693852")
//!         .name("示例商户全称")
//!         .amount(888)
//!         .description("分给商户A")
//!         .build()])
//!     .unfreeze_unsplit(true)
//!     .build()
//!     .execute(&client)
//!     .await?;
//! println!("profit sharing {} {}", order.out_order_no, order.state);
//! # Ok(()) }
//! ```

pub mod notification;
mod orders;
mod receivers;
mod return_orders;
mod transactions;
mod types;

pub use orders::{CreateOrder, QueryOrder, Receiver, UnfreezeOrder};
pub use receivers::{AddReceiver, AddedReceiver, DeleteReceiver, DeletedReceiver};
pub use return_orders::{CreateReturn, OrderRef, QueryReturn};
pub use transactions::{QueryUnsplitAmount, UnsplitAmount};
pub use types::{
    DetailFailReason, OrderReceiver, OrderState, ProfitSharingOrder, ReceiverResult, ReceiverType,
    RelationType, ReturnOrder, ReturnResult,
};
