//! `POST /v3/payscore/serviceorder/{out_order_no}/send-prepaidmessage`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{
    Amount, Discount, Payment, ServiceDate, ValidationError, amounts, required_text,
};

/// Tells the user that a charge is coming (下发服务预扣费消息, direct merchant).
///
/// `POST /v3/payscore/serviceorder/{out_order_no}/send-prepaidmessage`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/send-order-prepaid-message.html>
///
/// The user receives a message announcing the charge on `prepaid_time`. Answers `204 No Content`.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/send-prepaidmessage", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SendServiceOrderPrepaidMessage {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The fee items (后付费项目).
    pub post_payments: Vec<Payment>,
    /// The merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The amount to be charged (总金额): `Σ post_payments.amount − Σ post_discounts.amount`.
    pub total_amount: Amount,
    /// Expected charge date (预计扣费时间), `yyyyMMdd`.
    pub prepaid_time: ServiceDate,
}

impl SendServiceOrderPrepaidMessage {
    /// Checks the documented limits before sending: `service_id` present, 1–100 payments
    /// and at most 30 discounts within their length limits, the `total_amount` identity, no
    /// 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        amounts(&self.post_payments, &self.post_discounts, self.total_amount, false)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request};

    fn request() -> SendServiceOrderPrepaidMessage {
        SendServiceOrderPrepaidMessage::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .post_payments(vec![
                Payment::builder()
                    .name("就餐费用")
                    .amount(Amount::fen(40_000))
                    .description("就餐人均100元")
                    .count(4)
                    .build(),
            ])
            .total_amount(Amount::fen(39_900))
            .prepaid_time("20231218".parse().unwrap())
            .post_discounts(vec![
                Discount::builder()
                    .name("满20减1元")
                    .amount(Amount::fen(100))
                    .description("不与其他优惠叠加")
                    .count(2)
                    .build(),
            ])
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234323JKHDFE1243252/send-prepaidmessage",
            r#"{"service_id":"2002000000000558128851361561536","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"prepaid_time":"20231218"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
        let mut bad = request();
        bad.total_amount = Amount::fen(50_000);
        assert!(matches!(bad.validate(), Err(ValidationError::TotalAmountMismatch { .. })));
    }
}
