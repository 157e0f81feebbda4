//! `PAYSCORE.MCH_PREPAY`: acquiring institutions (从业机构) must create a cashier order.

use serde::{Deserialize, Serialize};
use wxpay_core::OutOrderNo;

use crate::types::{Amount, redacted_debug};

/// 商户预下单通知 (`PAYSCORE.MCH_PREPAY`, acquiring-institution mode only): WeChat asks the
/// institution to create a cashier order for a service order awaiting payment, so that the
/// user can pay it actively.
///
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MchPrepayNotification {
    /// 服务ID `service_id`.
    pub service_id: String,
    /// 应用ID `appid` given at creation.
    pub appid: String,
    /// 商户号 `mchid` given at creation.
    pub mchid: String,
    /// 子商户应用ID `sub_appid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// 子商户号 `sub_mchid`.
    pub sub_mchid: String,
    /// 渠道商商户号 `channel_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// 商户服务订单号 `out_order_no`.
    pub out_order_no: OutOrderNo,
    /// 用户标识 `openid` (absent when `sub_appid` was given). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// 子商户用户标识 `sub_openid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// 总金额 `total_amount` (fen).
    pub total_amount: Amount,
    /// 预下单请求参数 `prepay_req_body`: use these values in the prepay request.
    pub prepay_req_body: PrepayRequestBody,
    /// `prepay_req_header_base64`: Base64 of the headers of the institution's prepay request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_req_header_base64: Option<String>,
    /// `prepay_req_body_base64`: Base64 of the body of the institution's prepay request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_req_body_base64: Option<String>,
    /// `prepay_resp_http_code`: HTTP status the prepay request received.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_resp_http_code: Option<u16>,
    /// `prepay_resp_header_base64`: Base64 of the prepay answer's headers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_resp_header_base64: Option<String>,
    /// `prepay_resp_body_base64`: Base64 of the prepay answer's body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_resp_body_base64: Option<String>,
}

redacted_debug!(MchPrepayNotification {
    service_id, appid, mchid, sub_appid, sub_mchid, channel_id, out_order_no, total_amount,
    prepay_req_body, prepay_req_header_base64, prepay_req_body_base64, prepay_resp_http_code,
    prepay_resp_header_base64, prepay_resp_body_base64,
} redact { openid, sub_openid });

/// `prepay_req_body` of `PAYSCORE.MCH_PREPAY`: the fields of the APIv2 prepay (统一下单)
/// request the institution must send. Fields WeChat leaves out are the institution's choice.
///
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PrepayRequestBody {
    /// 应用ID `appid` (the institution's).
    pub appid: String,
    /// 机构号 `mchid` (the institution's).
    pub mchid: String,
    /// 子商户应用ID `sub_appid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// 子商户号 `sub_mchid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 渠道号 `channel_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// 设备号 `device_info` (`WEB` for web pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_info: Option<String>,
    /// 随机字符串 `nonce_str`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce_str: Option<String>,
    /// 商品描述 `body`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// 附加数据 `attach`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// 货币类型 `fee_type` (default `CNY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_type: Option<String>,
    /// 交易起始时间 `time_start`, `yyyyMMddHHmmss`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_start: Option<String>,
    /// 交易结束时间 `time_expire`, `yyyyMMddHHmmss`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_expire: Option<String>,
    /// 订单优惠标记 `goods_tag`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
    /// 通知地址 `notify_url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// 交易类型 `trade_type`: `JSAPI`, `NATIVE` or `App`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trade_type: Option<String>,
    /// 指定支付方式 `limit_pay` (`no_credit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_pay: Option<String>,
    /// 用户标识 `openid` (JSAPI). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// 子商户用户标识 `sub_openid` (JSAPI). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// 开发票入口开放标识 `need_receipt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_receipt: Option<bool>,
}

redacted_debug!(PrepayRequestBody {
    appid, mchid, sub_appid, sub_mchid, channel_id, device_info, nonce_str, body, attach,
    fee_type, time_start, time_expire, goods_tag, notify_url, trade_type, limit_pay,
    need_receipt,
} redact { openid, sub_openid });
