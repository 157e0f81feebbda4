//! `POST /v3/payscore/serviceorder/{out_order_no}/pay`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

/// Asks WeChat to charge the user again (商户发起催收扣款, direct merchant).
///
/// `POST /v3/payscore/serviceorder/{out_order_no}/pay`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/collect-service-order.html>
///
/// Only while the payment is pending (`collection.state` `USER_PAYING`).
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/pay", response = PayServiceOrderResponse)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PayServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// PayScore service id (服务ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
}

/// The answer to [`PayServiceOrder`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayServiceOrderResponse {
    /// App ID (公众账号ID).
    pub appid: String,
    /// Merchant id (商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let request = PayServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234323JKHDFE1243252/pay",
            r#"{"appid":"wxd678efh567hg6787","service_id":"500001"}"#,
        );
        assert_path_fields_not_in_body(&request, &[("out_order_no", "1234323JKHDFE1243252")]);
        let bare =
            PayServiceOrder::builder().out_order_no(OutOrderNo::new("1234").unwrap()).build();
        assert_request(
            &bare,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234/pay",
            "{}",
        );
    }

    #[test]
    fn decodes_the_response() {
        let response: PayServiceOrderResponse = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"500001","order_id":"15646546545165651651"}"#,
        );
        assert_eq!(response.mchid.as_deref(), Some("1230000109"));
        let without_mchid: PayServiceOrderResponse =
            decode(r#"{"appid":"wx","out_order_no":"A1","service_id":"500001","order_id":"1"}"#);
        assert_eq!(without_mchid.mchid, None);
    }
}
