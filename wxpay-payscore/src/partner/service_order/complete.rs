//! `POST /v3/payscore/partner/serviceorder/{out_order_no}/complete`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{
    Amount, Device, Discount, Location, Payment, Rfc3339, TimeRange, ValidationError,
    check_completion, ids,
};

/// Completes a PayScore service order (完结支付分订单, partner mode): the service is over,
/// WeChat starts charging the user `total_amount`.
///
/// `POST /v3/payscore/partner/serviceorder/{out_order_no}/complete`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012692408>
///
/// Answers `204 No Content`. Allowed while the order is `DOING` (`USER_CONFIRM` or
/// `MCH_COMPLETE`); afterwards `collection.state` is `USER_PAYING` until the charge succeeds
/// (`PAYSCORE.USER_PAID`). `total_amount` must equal `Σ post_payments.amount −
/// Σ post_discounts.amount` ([`validate`](Self::validate) checks it).
#[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/complete", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CompletePartnerServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The final fee items (后付费项目); they replace the ones given at creation.
    pub post_payments: Vec<Payment>,
    /// The final merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The amount to charge (总金额): `Σ post_payments.amount − Σ post_discounts.amount`, at
    /// most the risk fund (先免) or the service ceiling (先享).
    pub total_amount: Amount,
    /// The actual service period (实际服务时间). `end_time` is required here if it was not
    /// given at creation; it must not be after the call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange>,
    /// The actual service location (实际服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Marks the payment for profit sharing (微信支付服务分账标记); must be `true` to share
    /// it later. Default `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<bool>,
    /// When the service was completed (完结服务时间), RFC 3339 with an offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_time: Option<Rfc3339>,
    /// Discount tag for WeChat coupons (订单优惠标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
    /// The device used (设备信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
}

impl CompletePartnerServiceOrder {
    /// Checks the documented limits before sending: ids present, 1–100 named payments and
    /// at most 30 discounts within their length limits, the `total_amount` identity, the
    /// remarks, and no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[("service_id", &self.service_id), ("sub_mchid", &self.sub_mchid)])?;
        check_completion!(self);
        self.device.as_ref().map_or(Ok(()), Device::validate)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::test_support::{
        assert_path_fields_not_in_body, assert_request, client, example_discount, example_location,
        example_payment,
    };
    use wxpay_core::{Error, NoContent};

    use super::*;

    /// The protocol §9.2 example with `total_amount` 39900 (= 40000 − 100), no `device`.
    const SEED_BODY: &str = r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"profit_sharing":true,"complete_time":"2019-11-11T16:24:05+08:00","goods_tag":"goods_tag"}"#;

    fn seed() -> CompletePartnerServiceOrder {
        CompletePartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .post_payments(vec![example_payment()])
            .total_amount(Amount::fen(39_900))
            .post_discounts(vec![example_discount()])
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<crate::ServiceTime>().unwrap())
                    .start_time_remark("开始租借时间")
                    .end_time("20091225121010".parse().unwrap())
                    .end_time_remark("租借结束时间")
                    .build(),
            )
            .location(example_location())
            .profit_sharing(true)
            .complete_time("2019-11-11T16:24:05+08:00".parse().unwrap())
            .goods_tag("goods_tag")
            .build()
    }

    #[test]
    fn prepares_the_seed_request() {
        assert_request(
            &seed(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete",
            SEED_BODY,
        );
        assert_path_fields_not_in_body(&seed(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(seed().validate(), Ok(()));
    }

    #[test]
    fn minimal_request_sends_no_nulls() {
        let request = CompletePartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("A-1|*").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .post_payments(vec![Payment::builder().name("服务费").amount(Amount::fen(100)).build()])
            .total_amount(Amount::fen(100))
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/A-1%7C%2A/complete",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"服务费","amount":100}],"total_amount":100}"#,
        );
        let with_device = CompletePartnerServiceOrder {
            device: Some(Device::builder().start_device_id("dev-1").materiel_no("m-1").build()),
            ..request
        };
        let body = crate::test_support::prepare(&with_device).into_body();
        assert!(String::from_utf8(body).unwrap().ends_with(
            r#""total_amount":100,"device":{"start_device_id":"dev-1","materiel_no":"m-1"}}"#
        ));
    }

    #[test]
    fn validate_catches_the_seed_page_total() {
        // The documentation's own example says 50000, which WeChat would reject.
        let mut request = seed();
        request.total_amount = Amount::fen(50_000);
        assert_eq!(
            request.validate(),
            Err(ValidationError::TotalAmountMismatch {
                total_amount: Amount::fen(50_000),
                expected: Some(Amount::fen(39_900)),
            })
        );
        let mut request = seed();
        request.post_payments[0].name = None;
        assert!(
            matches!(request.validate(), Err(ValidationError::Missing { field }) if field == "post_payments[0].name")
        );
        let request = CompletePartnerServiceOrder {
            time_range: Some(TimeRange::builder().end_time_remark("🙂").build()),
            ..seed()
        };
        assert!(matches!(request.validate(), Err(ValidationError::UnsupportedCharacter { .. })));
    }

    #[tokio::test]
    async fn executes_against_a_204() {
        let client = client();
        client.transport().push_response(crate::test_support::signed_no_content());
        let answer: NoContent = seed().execute(&client).await.unwrap();
        assert_eq!(answer, NoContent);
        let sent = client.transport().requests();
        assert_eq!(sent.len(), 1);
        assert_eq!(std::str::from_utf8(sent[0].body()).unwrap(), SEED_BODY);

        client.transport().push_response(
            http::Response::builder()
                .status(400)
                .body(r#"{"code":"INVALID_REQUEST","message":"当前订单状态不合法"}"#.as_bytes().to_vec())
                .unwrap(),
        );
        let err = seed().execute(&client).await.unwrap_err();
        assert!(matches!(&err, Error::Api { code, .. } if code == "INVALID_REQUEST"), "{err}");
    }
}
