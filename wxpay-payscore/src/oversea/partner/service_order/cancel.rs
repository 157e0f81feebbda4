//! `POST /v3/payscore/oversea/partner/serviceorder/{out_order_no}/cancel`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{ValidationError, limit, required_text};

/// Cancels a cross-border PayScore service order (取消支付分订单, 境外机构模式): the user is
/// not charged.
///
/// `POST /v3/payscore/oversea/partner/serviceorder/{out_order_no}/cancel` on
/// [`HK_BASE_URL`](crate::oversea::HK_BASE_URL)
///
/// Official docs: <https://pay.weixin.qq.com/doc/global/v3/zh/4014096416>
///
/// For an order that cannot be paid normally. Answers `204 No Content`.
#[endpoint(POST, "v3/payscore/oversea/partner/serviceorder/<out_order_no>/cancel", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CancelOverseaServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Why the order is cancelled (撤销原因), at most 50 characters.
    pub reason: String,
}

impl CancelOverseaServiceOrder {
    /// Checks the documented limits before sending: ids present, `reason` present and at
    /// most 50 characters without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        required_text("reason", &self.reason, Some(limit::REASON))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_path_fields_not_in_body, assert_request, client, signed_no_content,
    };

    fn request() -> CancelOverseaServiceOrder {
        CancelOverseaServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .reason("用户投诉")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/oversea/partner/serviceorder/1234323JKHDFE1243252/cancel",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
        let bad = CancelOverseaServiceOrder { reason: "因".repeat(51), ..request() };
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 50, .. })));
    }

    #[tokio::test]
    async fn answers_no_content() {
        let client = client();
        client.transport().push_response(signed_no_content());
        request().execute(&client).await.unwrap();
        // A 204 with a forged signature is refused like any other answer.
        let mut forged = signed_no_content();
        forged.headers_mut().insert("wechatpay-nonce", http::HeaderValue::from_static("x"));
        client.transport().push_response(forged);
        assert!(request().execute(&client).await.is_err());
    }
}
