//! `PAYSCORE.USER_CONFIRM` and `PAYSCORE.USER_PAID`: the service order.

use serde::{Deserialize, Serialize};
use wxpay_core::OutOrderNo;

use crate::types::{
    Amount, Collection, Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime,
    StateDescription, TimeRange, redacted_debug,
};

/// The order carried by `PAYSCORE.USER_CONFIRM` and `PAYSCORE.USER_PAID`.
///
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderNotification {
    /// App ID (the service provider's in partner mode).
    pub appid: String,
    /// Merchant id (the service provider's in partner mode).
    pub mchid: String,
    /// Sub-merchant app ID (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Channel merchant id given at creation (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The user's openid under `appid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// Order state: `DOING` for `USER_CONFIRM`, `DONE` once paid.
    pub state: ServiceOrderState,
    /// What a `DOING` order is doing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// What the service is (服务信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_introduction: Option<String>,
    /// Total amount (总金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (服务风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Service period (服务时间段).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The merchant's data given at creation (商户数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Whether WeChat collects payment for the order (是否需要收款).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_collection: Option<bool>,
    /// Payment record (收款信息); on `USER_PAID`, the payment that succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<Collection>,
}

redacted_debug!(OrderNotification {
    appid, mchid, sub_appid, sub_mchid, channel_id, out_order_no, service_id, state,
    state_description, service_introduction, total_amount, post_payments, post_discounts,
    risk_fund, time_range, location, attach, order_id, need_collection, collection,
} redact { openid, sub_openid });
