//! `POST /v3/payscore/partner/serviceorder/{out_order_no}/modify`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{
    Amount, Device, Discount, Payment, ValidationError, amounts, limit, required_text,
};

/// Lowers the amount of a sub-merchant's completed, unpaid order (修改订单金额, partner
/// mode).
///
/// `POST /v3/payscore/partner/serviceorder/{out_order_no}/modify`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/modify-partner-service-order.html>
///
/// Answers `204 No Content`. Only while the payment is pending (`collection.state`
/// `USER_PAYING`), and only downwards: check with [`check_decrease`](crate::check_decrease).
#[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/modify", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ModifyPartnerServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID); optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The corrected fee items (后付费项目).
    pub post_payments: Vec<Payment>,
    /// The corrected merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The new amount to charge (总金额), lower than before.
    pub total_amount: Amount,
    /// Why the amount changes (修改原因), at most 50 characters.
    pub reason: String,
    /// The device used (设备信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
}

impl ModifyPartnerServiceOrder {
    /// Checks the documented limits before sending: `sub_mchid` present, 1–100 named
    /// payments and at most 30 discounts within their length limits, the `total_amount`
    /// identity, `reason` at most 50 characters, no 4-byte characters. Whether the total
    /// decreases needs the previous total: see [`check_decrease`](crate::check_decrease).
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("sub_mchid", &self.sub_mchid, None)?;
        amounts(&self.post_payments, &self.post_discounts, self.total_amount, true)?;
        required_text("reason", &self.reason, Some(limit::REASON))?;
        self.device.as_ref().map_or(Ok(()), Device::validate)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_path_fields_not_in_body, assert_request, example_discount, example_payment,
    };

    fn request() -> ModifyPartnerServiceOrder {
        ModifyPartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .sub_mchid("1900000109")
            .post_payments(vec![example_payment()])
            .total_amount(Amount::fen(39_900))
            .reason("用户投诉")
            .service_id("2002000000000558128851361561536")
            .post_discounts(vec![example_discount()])
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/modify",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
        let with_device = ModifyPartnerServiceOrder {
            device: Some(crate::Device::builder().start_device_id("d1").build()),
            ..request()
        };
        let body = crate::test_support::prepare(&with_device).into_body();
        assert!(
            String::from_utf8(body)
                .unwrap()
                .ends_with(r#""reason":"用户投诉","device":{"start_device_id":"d1"}}"#)
        );
    }
}
