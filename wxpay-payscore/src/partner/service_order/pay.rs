//! `POST /v3/payscore/partner/serviceorder/{out_order_no}/pay`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

/// Asks WeChat to charge the user again (商户发起催收扣款, partner mode).
///
/// `POST /v3/payscore/partner/serviceorder/{out_order_no}/pay`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/collect-partner-service-order.html>
///
/// Answers `204 No Content`. Only while the payment is pending (`collection.state`
/// `USER_PAYING`).
#[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/pay", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PayPartnerServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID); optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request};

    #[test]
    fn prepares_the_request() {
        let request = PayPartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .sub_mchid("1900000109")
            .service_id("2002000000000558128851361561536")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/pay",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109"}"#,
        );
        assert_path_fields_not_in_body(&request, &[("out_order_no", "1234323JKHDFE1243252")]);
    }
}
