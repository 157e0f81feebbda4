//! `PAYSCORE.USER_OPEN_SERVICE`, `PAYSCORE.USER_CLOSE_SERVICE` and `PAYSCORE.USER_ACCEPTED`:
//! the user's authorization.

use serde::{Deserialize, Serialize};
use wxpay_core::OutOrderNo;

use crate::types::{ServiceTime, UserServiceStatus, redacted_debug};

/// The authorization carried by `PAYSCORE.USER_OPEN_SERVICE` and
/// `PAYSCORE.USER_CLOSE_SERVICE`.
///
/// The 校园轻松付 (campus easy-pay) variant of `USER_OPEN_SERVICE` adds `contract_id`,
/// `plan_id`, `contract_status` and `out_contract_code`; unknown fields are ignored.
///
/// `Debug` redacts `openid`, `sub_openid` and `authorization_code`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationNotification {
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
    /// Channel merchant id given at authorization (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The user's openid under `appid`. Personal data.
    pub openid: String,
    /// The user's openid under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// `USER_OPEN_SERVICE` or `USER_CLOSE_SERVICE`.
    pub user_service_status: UserServiceStatus,
    /// When the authorization was granted or revoked (服务开启/解除授权时间),
    /// `yyyyMMddHHmmss`.
    pub openorclose_time: ServiceTime,
    /// The merchant's agreement number given at pre-authorization (授权协议号); absent
    /// without pre-authorization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    /// The merchant's request number given when authorizing (商户请求唯一标识).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_request_no: Option<String>,
    /// 校园轻松付 only: WeChat's contract id (签约协议号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<String>,
    /// 校园轻松付 only: the plan the contract belongs to (签约计划ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// 校园轻松付 only: the contract state (签约状态), as WeChat writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_status: Option<String>,
    /// 校园轻松付 only: the merchant's contract number (商户签约协议号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_contract_code: Option<String>,
}

redacted_debug!(AuthorizationNotification {
    appid, mchid, sub_appid, sub_mchid, channel_id, service_id, user_service_status,
    openorclose_time, out_request_no, contract_id, plan_id, contract_status, out_contract_code,
} redact { openid, sub_openid, authorization_code });

/// The payload of the older `PAYSCORE.USER_ACCEPTED` event: the authorization fields plus
/// the order it concerns (legacy 先享后付 / 智慧零售 orders). Sparsely documented, so
/// everything beyond the ids is optional.
///
/// `Debug` redacts `openid`, `sub_openid` and `authorization_code`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserAcceptedNotification {
    /// App ID.
    pub appid: String,
    /// Merchant id.
    pub mchid: String,
    /// Sub-merchant app ID (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The merchant's order number (商户服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_order_no: Option<OutOrderNo>,
    /// WeChat's order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The user's openid under `appid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// Authorization state change, when the event carries one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_service_status: Option<UserServiceStatus>,
    /// When the authorization was granted or revoked, `yyyyMMddHHmmss`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openorclose_time: Option<ServiceTime>,
    /// The merchant's agreement number (授权协议号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    /// The merchant's request number (商户请求唯一标识).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_request_no: Option<String>,
}

redacted_debug!(UserAcceptedNotification {
    appid, mchid, sub_appid, sub_mchid, channel_id, service_id, out_order_no, order_id,
    user_service_status, openorclose_time, out_request_no,
} redact { openid, sub_openid, authorization_code });
