//! Cross-border PayScore (境外, 支付分∙海外从业机构模式): `/v3/payscore/oversea/partner/...`.
//!
//! An institution outside the mainland (海外从业机构) runs PayScore orders for its
//! sub-merchants, settled in the sub-merchant's currency (`currency`, e.g. `HKD`). WeChat
//! serves these endpoints from its Hong Kong access point: build the client with
//! [`HK_BASE_URL`] as base URL ([`ClientBuilder::base_url`](wxpay_core::ClientBuilder::base_url))
//! and without backup URL ([`ClientBuilder::no_backup_base_url`](wxpay_core::ClientBuilder::no_backup_base_url)).
//!
//! - [`partner::service_order`]: create, query, cancel, complete and sync an order.
//!
//! Unlike the mainland families, the times of these requests (`time_range`, `complete_time`,
//! `detail.paid_time`) are RFC 3339 date-times with an offset ([`Rfc3339`](crate::Rfc3339)).
//! Amounts are integers in the smallest unit of `currency`.
//!
//! ```no_run
//! use wxpay_core::{ClientBuilder, OutOrderNo, Transport};
//! use wxpay_payscore::oversea::{
//!     HK_BASE_URL,
//!     partner::service_order::{OverseaSyncDetail, SyncOverseaServiceOrder},
//! };
//!
//! # async fn run(builder: ClientBuilder, transport: impl Transport) -> Result<(), Box<dyn std::error::Error>> {
//! // `builder` carries the institution's mchid, key and WeChat Pay public key.
//! let hk = builder.base_url(HK_BASE_URL).no_backup_base_url().build_with_transport(transport)?;
//! SyncOverseaServiceOrder::builder()
//!     .out_order_no(OutOrderNo::new("1234323JKHDFE1243252")?)
//!     .service_id("2002000000000558128851361561536")
//!     .sub_mchid("1900000109")
//!     .detail(OverseaSyncDetail::builder().paid_time("2019-11-11T16:24:05+08:00".parse()?).build())
//!     .build()
//!     .execute(&hk)
//!     .await?; // 204 No Content, signature verified
//! # Ok(()) }
//! ```

pub mod partner;

/// The Hong Kong access point of WeChat Pay (香港接入点), where the cross-border PayScore
/// endpoints live.
pub const HK_BASE_URL: &str = "https://apihk.mch.weixin.qq.com/";
