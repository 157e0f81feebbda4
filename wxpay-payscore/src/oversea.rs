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

pub mod partner;

/// The Hong Kong access point of WeChat Pay (香港接入点), where the cross-border PayScore
/// endpoints live.
pub const HK_BASE_URL: &str = "https://apihk.mch.weixin.qq.com/";
