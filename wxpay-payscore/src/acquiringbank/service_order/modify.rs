//! `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/modify`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{
    Amount, Discount, Payment, ValidationError, amounts, limit, optional_text, required_text,
};

/// Lowers the amount of a completed, unpaid order (从业机构修改微信支付分订单金额).
///
/// `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/modify`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012691363> and
/// <https://pay.weixin.qq.com/doc/v3/partner/4013194282>
///
/// 前置条件: the order is `DOING` / `MCH_COMPLETE`. The new total may only be lower
/// ([`check_decrease`](crate::check_decrease)). Answers `204 No Content`.
#[endpoint(POST, "v3/payscore/acquiringbank/serviceorder/<out_order_no>/modify", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ModifyAcquiringBankServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The new fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// The new merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The new total (总金额).
    pub total_amount: Amount,
    /// Why the amount changes (修改原因), at most 50 characters.
    pub reason: String,
}

impl ModifyAcquiringBankServiceOrder {
    /// Checks the documented limits before sending: ids present, the fee items and the
    /// `total_amount` identity, `reason` at most 50 characters, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        optional_text("channel_id", self.channel_id.as_ref(), None)?;
        amounts(&self.post_payments, &self.post_discounts, self.total_amount, true)?;
        required_text("reason", &self.reason, Some(limit::REASON))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    fn request() -> ModifyAcquiringBankServiceOrder {
        ModifyAcquiringBankServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .channel_id("1230000109")
            .post_payments(decode(
                r#"[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}]"#,
            ))
            .post_discounts(decode(
                r#"[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}]"#,
            ))
            .total_amount(Amount::fen(39_900))
            .reason("用户投诉")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/1234323JKHDFE1243252/modify",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","channel_id":"1230000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
        let bad = ModifyAcquiringBankServiceOrder { reason: String::new(), ..request() };
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "reason".into() }));
    }

    #[tokio::test]
    async fn answers_no_content() {
        let client = crate::test_support::client();
        client.transport().push_response(crate::test_support::signed_no_content());
        request().execute(&client).await.unwrap();
        assert_eq!(client.transport().requests()[0].method(), "POST");
    }
}
