//! `POST /v3/payscore/oversea/partner/serviceorder/{out_order_no}/complete`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use super::OverseaTimeRange;
use crate::types::{
    Amount, Discount, Location, Payment, Rfc3339, ValidationError, check_completion, ids,
    optional_text,
};

/// Completes a cross-border PayScore service order (完结支付分订单, 境外机构模式): the
/// service is over, WeChat starts charging the user `total_amount`.
///
/// `POST /v3/payscore/oversea/partner/serviceorder/{out_order_no}/complete` on
/// [`HK_BASE_URL`](crate::oversea::HK_BASE_URL)
///
/// Official docs: <https://pay.weixin.qq.com/doc/global/v3/zh/4014096431>
///
/// Answers `204 No Content`. `total_amount` must equal `Σ post_payments.amount −
/// Σ post_discounts.amount` ([`validate`](Self::validate) checks it).
#[endpoint(POST, "v3/payscore/oversea/partner/serviceorder/<out_order_no>/complete", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CompleteOverseaServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The final fee items (后付费项目).
    pub post_payments: Vec<Payment>,
    /// The final merchant discounts (商户优惠); each needs a description and an amount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The amount to charge (总金额), in the smallest unit of `currency`.
    pub total_amount: Amount,
    /// Currency (货币类型), e.g. `HKD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The actual service period (实际服务时间), RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<OverseaTimeRange>,
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

impl CompleteOverseaServiceOrder {
    /// Checks the documented limits before sending: ids present, 1–100 named payments and
    /// at most 30 discounts, the `total_amount` identity, the remarks, and no 4-byte
    /// characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[("service_id", &self.service_id), ("sub_mchid", &self.sub_mchid)])?;
        optional_text("currency", self.currency.as_ref(), Some(16))?;
        check_completion!(self);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    fn request() -> CompleteOverseaServiceOrder {
        CompleteOverseaServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .post_payments(decode(
                r#"[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}]"#,
            ))
            .post_discounts(decode(
                r#"[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}]"#,
            ))
            .total_amount(Amount::fen(39_900))
            .currency("HKD")
            .time_range(
                OverseaTimeRange::builder()
                    .start_time("2019-11-11T16:24:05+08:00".parse().unwrap())
                    .end_time("2019-11-11T18:24:05+08:00".parse().unwrap())
                    .build(),
            )
            .profit_sharing(false)
            .complete_time("2019-11-11T18:30:00+08:00".parse().unwrap())
            .goods_tag("goods_tag")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/oversea/partner/serviceorder/1234323JKHDFE1243252/complete",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"currency":"HKD","time_range":{"start_time":"2019-11-11T16:24:05+08:00","end_time":"2019-11-11T18:24:05+08:00"},"profit_sharing":false,"complete_time":"2019-11-11T18:30:00+08:00","goods_tag":"goods_tag"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
        let bad = CompleteOverseaServiceOrder { total_amount: Amount::fen(1), ..request() };
        assert!(matches!(bad.validate(), Err(ValidationError::TotalAmountMismatch { .. })));
    }

    #[tokio::test]
    async fn answers_no_content() {
        let client = crate::test_support::client();
        client.transport().push_response(crate::test_support::signed_no_content());
        request().execute(&client).await.unwrap();
        assert_eq!(client.transport().requests()[0].method(), "POST");
    }
}
