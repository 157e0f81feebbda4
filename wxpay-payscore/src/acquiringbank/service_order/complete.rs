//! `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/complete`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{
    Amount, Discount, Location, Payment, Rfc3339, TimeRange, ValidationError, check_completion,
    optional_text, required_text,
};

/// Completes a sub-merchant's service order (从业机构完结微信支付分订单): the service is over,
/// WeChat starts charging the user `total_amount`.
///
/// `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/complete`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012460791> and
/// <https://pay.weixin.qq.com/doc/v3/partner/4013194080>
///
/// 前置条件: the order is `DOING` / `USER_CONFIRM`. Answers `204 No Content`.
/// `total_amount` must equal `Σ post_payments.amount − Σ post_discounts.amount`
/// ([`validate`](Self::validate) checks it).
#[endpoint(POST, "v3/payscore/acquiringbank/serviceorder/<out_order_no>/complete", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CompleteAcquiringBankServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The final fee items (后付费项目).
    pub post_payments: Vec<Payment>,
    /// The final merchant discounts (后付费商户优惠); each needs a description and an amount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The amount to charge (总金额).
    pub total_amount: Amount,
    /// The actual service period (实际服务时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange>,
    /// The actual service location (实际服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Marks the payment for profit sharing (微信支付服务分账标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<bool>,
    /// When the service was completed (完结服务时间), RFC 3339 with an offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_time: Option<Rfc3339>,
    /// Discount tag for WeChat coupons (订单优惠标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
}

impl CompleteAcquiringBankServiceOrder {
    /// Checks the documented limits before sending: ids present, 1–100 named payments and
    /// at most 30 discounts within their length limits, the `total_amount` identity, the
    /// remarks, and no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        optional_text("channel_id", self.channel_id.as_ref(), None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        check_completion!(self);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    fn request() -> CompleteAcquiringBankServiceOrder {
        CompleteAcquiringBankServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .channel_id("1230000109")
            .sub_mchid("1900000109")
            .post_payments(decode(
                r#"[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}]"#,
            ))
            .post_discounts(decode(
                r#"[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}]"#,
            ))
            .total_amount(Amount::fen(39_900))
            .time_range(decode(
                r#"{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"}"#,
            ))
            .location(decode(
                r#"{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"}"#,
            ))
            .profit_sharing(false)
            .complete_time("2019-11-11T16:24:05+08:00".parse().unwrap())
            .goods_tag("goods_tag")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/1234323JKHDFE1243252/complete",
            r#"{"service_id":"2002000000000558128851361561536","channel_id":"1230000109","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"profit_sharing":false,"complete_time":"2019-11-11T16:24:05+08:00","goods_tag":"goods_tag"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
    }

    #[test]
    fn validate_checks_the_total() {
        let bad =
            CompleteAcquiringBankServiceOrder { total_amount: Amount::fen(40_000), ..request() };
        assert_eq!(
            bad.validate(),
            Err(ValidationError::TotalAmountMismatch {
                total_amount: Amount::fen(40_000),
                expected: Some(Amount::fen(39_900)),
            })
        );
        let bad = CompleteAcquiringBankServiceOrder { post_payments: Vec::new(), ..request() };
        assert!(bad.validate().is_err());
    }

    #[tokio::test]
    async fn answers_no_content() {
        let client = crate::test_support::client();
        client.transport().push_response(crate::test_support::signed_no_content());
        request().execute(&client).await.unwrap();
        assert_eq!(client.transport().requests()[0].method(), "POST");
    }
}
