//! `POST /v3/payscore/partner/serviceorder/{out_order_no}/cancel`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{ValidationError, limit, required_text};

/// Cancels a sub-merchant's PayScore service order (取消支付分订单, partner mode): the user
/// is not charged.
///
/// `POST /v3/payscore/partner/serviceorder/{out_order_no}/cancel`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012458758>
///
/// Answers `204 No Content`. Allowed while the order is `CREATED` or `DOING`; while WeChat
/// is charging the user it may fail with `单据正在扣款中` (retry after a few minutes).
#[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/cancel", response = NoContent, idempotent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CancelPartnerServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID); optional in the current docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Why the order is cancelled (撤销原因), at most 50 characters.
    pub reason: String,
}

impl CancelPartnerServiceOrder {
    /// Checks the documented limits before sending: `sub_mchid` present, `reason` present and
    /// at most 50 characters without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("sub_mchid", &self.sub_mchid, None)?;
        required_text("reason", &self.reason, Some(limit::REASON))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request};

    #[test]
    fn prepares_the_request() {
        let request = CancelPartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234").unwrap())
            .sub_mchid("1900000109")
            .reason("用户投诉")
            .service_id("2002000000000558128851361561536")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234/cancel",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request, &[("out_order_no", "1234")]);
        assert_eq!(request.validate(), Ok(()));
        let mut bad = request;
        bad.reason = "😀".into();
        assert!(matches!(bad.validate(), Err(ValidationError::UnsupportedCharacter { .. })));
    }
}
