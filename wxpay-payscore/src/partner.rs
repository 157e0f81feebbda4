//! Partner (service provider, 普通服务商) mode: `/v3/payscore/partner/...`.
//!
//! The service provider signs with its own `mchid`; every request names the sub-merchant
//! (`sub_mchid`) it acts for, and may carry the sub-merchant's app ID (`sub_appid`). One
//! provider-level `notify_url` receives every sub-merchant's notifications: route them by
//! `sub_mchid`.

pub mod permissions;
pub mod service_account_applications;
pub mod service_order;
pub mod service_pay_on_delivery_order;
pub mod service_quotas;
