//! `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/cancel`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{ValidationError, limit, required_text};

/// Cancels a sub-merchant's service order (从业机构取消微信支付分订单): the user is not
/// charged.
///
/// `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/cancel`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012458146> and
/// <https://pay.weixin.qq.com/doc/v3/partner/4013194058>
///
/// 前置条件: the order is `CREATED` or `DOING`. Answers `204 No Content`.
#[endpoint(POST, "v3/payscore/acquiringbank/serviceorder/<out_order_no>/cancel", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CancelAcquiringBankServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Why the order is cancelled (撤销原因), at most 50 characters.
    pub reason: String,
}

impl CancelAcquiringBankServiceOrder {
    /// Checks the documented limits before sending: ids present, `reason` present and at
    /// most 50 characters without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("channel_id", &self.channel_id, None)?;
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

    fn request() -> CancelAcquiringBankServiceOrder {
        CancelAcquiringBankServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .channel_id("1230000109")
            .sub_mchid("1900000109")
            .reason("用户投诉")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/1234323JKHDFE1243252/cancel",
            r#"{"service_id":"2002000000000558128851361561536","channel_id":"1230000109","sub_mchid":"1900000109","reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
        let bad = CancelAcquiringBankServiceOrder { reason: "因".repeat(51), ..request() };
        assert_eq!(
            bad.validate(),
            Err(ValidationError::TooLong { field: "reason".into(), max: 50, len: 51 })
        );
    }

    #[tokio::test]
    async fn answers_no_content() {
        let client = client();
        client.transport().push_response(signed_no_content());
        request().execute(&client).await.unwrap();
        assert_eq!(client.transport().requests().len(), 1);
    }
}
