//! The `PAYSCORE.MCH_PREPAY` notification (商户预下单通知) of acquiring institutions.

use serde::{Deserialize, Serialize};
use wxpay_core::{DecodeError, OutOrderNo};

use crate::types::{Amount, ServiceTime, redacted_debug};

/// `PAYSCORE.MCH_PREPAY`: the user chose to pay a pending order actively (在支付分的待支付订单
/// 列表中点击“立即支付”); the institution must place the order with the clearing house
/// (银联/网联「统一下单」) using [`MchPrepayNotification::prepay_req_body`], then answer the
/// notification.
pub const MCH_PREPAY: &str = "PAYSCORE.MCH_PREPAY";

/// The decrypted `resource` of a `PAYSCORE.MCH_PREPAY` notification (商户预下单通知).
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012084127>
///
/// Sent to the `notify_url` of the order. `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MchPrepayNotification {
    /// PayScore service id given at creation (服务ID).
    pub service_id: String,
    /// App ID given at creation (应用ID).
    pub appid: String,
    /// Merchant id given at creation (商户号).
    pub mchid: String,
    /// Sub-merchant app ID given at creation (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id given at creation (子商户商户号).
    pub sub_mchid: String,
    /// Channel merchant id given at creation (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// The user's openid under `appid`; absent when `sub_appid` was given. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// Total amount (总金额), in fen.
    pub total_amount: Amount,
    /// Part of the prepay request (预下单请求部分输入参数): use these values for the fields of
    /// the same name in the clearing house's order; fill the others yourself.
    pub prepay_req_body: PrepayRequestBody,
    /// Base64 of the headers of the institution's prepay request
    /// (Base64编码后的从业机构请求预下单接口使用请求的头部).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_req_header_base64: Option<String>,
    /// Base64 of the body of the institution's prepay request
    /// (Base64编码后的从业机构请求预下单接口使用请求的包体).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_req_body_base64: Option<String>,
    /// HTTP status the institution's prepay request received (收到响应的 `HttpCode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_resp_http_code: Option<u16>,
    /// Base64 of the headers of that response (收到响应的头部).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_resp_header_base64: Option<String>,
    /// Base64 of the body of that response (收到响应的包体).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepay_resp_body_base64: Option<String>,
}

impl MchPrepayNotification {
    /// Decodes the decrypted `resource` of a notification whose `event_type` is
    /// [`MCH_PREPAY`].
    ///
    /// # Errors
    ///
    /// [`DecodeError`] (with the JSON path) if the plaintext is not the documented JSON.
    pub fn from_plaintext(plaintext: &[u8]) -> Result<Self, DecodeError> {
        wxpay_core::json::from_slice(plaintext)
    }
}

redacted_debug!(MchPrepayNotification {
    service_id, appid, mchid, sub_appid, sub_mchid, channel_id, out_order_no, total_amount,
    prepay_req_body, prepay_req_header_base64, prepay_req_body_base64, prepay_resp_http_code,
    prepay_resp_header_base64, prepay_resp_body_base64,
} redact { openid, sub_openid });

/// The prepay parameters of a [`MchPrepayNotification`] (`prepay_req_body`,
/// 预下单请求部分输入参数).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PrepayRequestBody {
    /// Terminal (终端设备号): `WEB` for web pages and official accounts.
    pub device_info: String,
    /// The `nonce_str` to send (微信支付分配给收单服务商的ID, as WeChat describes it).
    pub nonce_str: String,
    /// What is paid (商品或支付单简要描述).
    pub body: String,
    /// Additional data returned in queries and payment notifications (附加数据).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// ISO 4217 currency (货币类型), `CNY` by default.
    pub fee_type: String,
    /// When the order is created (订单生成时间), `yyyyMMddHHmmss`.
    pub time_start: ServiceTime,
    /// When the order expires (订单失效时间), `yyyyMMddHHmmss`.
    pub time_expire: ServiceTime,
    /// Goods tag for coupons and discounts (商品标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
    /// Where the clearing house sends the payment result (通知地址); HTTPS, no query.
    pub notify_url: String,
    /// Kind of payment (交易类型): `JSAPI`, `NATIVE` or `App`.
    pub trade_type: String,
    /// `no_credit` forbids credit cards (指定支付方式). Marked required on the page but
    /// decoded as optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_pay: Option<String>,
    /// Whether an electronic invoice is needed (开发票), with the official-account invoice
    /// feature. Marked required on the page but decoded as optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_receipt: Option<bool>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A plaintext with every documented field (the page lists the fields without an
    /// example).
    const PLAINTEXT: &str = r#"{
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "sub_appid": "wxd678efh567hg6999",
        "sub_mchid": "1900000109",
        "channel_id": "1230000109",
        "out_order_no": "1234323JKHDFE1243252",
        "sub_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "total_amount": 39900,
        "prepay_req_body": {
            "device_info": "WEB",
            "nonce_str": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
            "body": "XX充电宝",
            "attach": "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald",
            "fee_type": "CNY",
            "time_start": "20091225091010",
            "time_expire": "20091227091010",
            "goods_tag": "WXG",
            "notify_url": "https://api.test.com/notify",
            "trade_type": "JSAPI",
            "limit_pay": "no_credit",
            "need_receipt": false
        },
        "prepay_req_header_base64": "QXV0aG9yaXphdGlvbjogLi4u",
        "prepay_req_body_base64": "e30=",
        "prepay_resp_http_code": 200,
        "prepay_resp_header_base64": "",
        "prepay_resp_body_base64": "e30=",
        "a_field_added_later": 1
    }"#;

    #[test]
    fn decodes_the_documented_fields() {
        let event = MchPrepayNotification::from_plaintext(PLAINTEXT.as_bytes()).unwrap();
        assert_eq!(event.out_order_no, "1234323JKHDFE1243252");
        assert_eq!(event.total_amount, Amount::fen(39_900));
        assert_eq!(event.openid, None);
        assert_eq!(event.channel_id.as_deref(), Some("1230000109"));
        let body = &event.prepay_req_body;
        assert_eq!(body.device_info, "WEB");
        assert_eq!(body.time_expire.to_string(), "20091227091010");
        assert_eq!(body.need_receipt, Some(false));
        assert_eq!(event.prepay_resp_http_code, Some(200));
        assert_eq!(MCH_PREPAY, "PAYSCORE.MCH_PREPAY");
    }

    #[test]
    fn a_missing_field_names_its_path() {
        let broken = PLAINTEXT.replace(r#""time_start": "20091225091010","#, "");
        let err = MchPrepayNotification::from_plaintext(broken.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("prepay_req_body"), "{err}");
    }

    #[test]
    fn debug_redacts_openids() {
        let event = MchPrepayNotification::from_plaintext(PLAINTEXT.as_bytes()).unwrap();
        let debug = format!("{event:?}");
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(debug.contains("sub_openid: Some(<redacted>)"), "{debug}");
    }
}
