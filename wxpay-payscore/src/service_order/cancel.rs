//! `POST /v3/payscore/serviceorder/{out_order_no}/cancel`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{ValidationError, limit, required_text};

/// Cancels a PayScore service order (取消支付分订单, direct merchant): the user is not
/// charged.
///
/// `POST /v3/payscore/serviceorder/{out_order_no}/cancel`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/cancel-service-order.html>
///
/// Allowed while the order is `CREATED` or `DOING`; while WeChat is charging the user it
/// may fail with `单据正在扣款中` (retry after a few minutes).
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/cancel", response = CancelServiceOrderResponse, idempotent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CancelServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID); optional in the current docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// Why the order is cancelled (取消原因), at most 50 characters.
    pub reason: String,
}

impl CancelServiceOrder {
    /// Checks the documented limits before sending: `appid` present, `reason` present and at
    /// most 50 characters without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("appid", &self.appid, None)?;
        required_text("reason", &self.reason, Some(limit::REASON))
    }
}

/// The answer to [`CancelServiceOrder`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CancelServiceOrderResponse {
    /// App ID (公众账号ID).
    pub appid: String,
    /// Merchant id (商户号).
    pub mchid: String,
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
        let request = CancelServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234").unwrap())
            .appid("wxd678efh567hg6787")
            .reason("用户投诉")
            .service_id("500001")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234/cancel",
            r#"{"appid":"wxd678efh567hg6787","service_id":"500001","reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request, &[("out_order_no", "1234")]);
        assert_eq!(request.validate(), Ok(()));
        let without_service = CancelServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234").unwrap())
            .appid("wx1")
            .reason("r")
            .build();
        assert_request(
            &without_service,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234/cancel",
            r#"{"appid":"wx1","reason":"r"}"#,
        );
    }

    #[test]
    fn validate_limits_the_reason() {
        let request = CancelServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234").unwrap())
            .appid("wx1")
            .reason("因".repeat(51))
            .build();
        assert_eq!(
            request.validate(),
            Err(ValidationError::TooLong { field: "reason".into(), max: 50, len: 51 })
        );
        let request = CancelServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234").unwrap())
            .appid("wx1")
            .reason("")
            .build();
        assert_eq!(request.validate(), Err(ValidationError::Missing { field: "reason".into() }));
    }

    #[test]
    fn decodes_the_response() {
        let response: CancelServiceOrderResponse = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"500001","order_id":"15646546545165651651"}"#,
        );
        assert_eq!(response.out_order_no, "1234323JKHDFE1243252");
        assert_eq!(response.order_id, "15646546545165651651");
        assert_eq!(response.mchid, "1230000109");
    }
}
