//! `POST /v3/payscore/serviceorder/{out_order_no}/modify`

use serde::Deserialize;
use wxpay_core::{OutOrderNo, endpoint};

use super::ServiceOrder;
use crate::types::{
    Amount, Device, Discount, Payment, ValidationError, amounts, limit, required_text,
};

/// Lowers the amount of a completed, unpaid order (修改订单金额, direct merchant).
///
/// `POST /v3/payscore/serviceorder/{out_order_no}/modify`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/modify-service-order.html>
///
/// Only while the payment is pending (`collection.state` `USER_PAYING`), and only
/// downwards: check with [`check_decrease`](crate::check_decrease) against the previous
/// total. `total_amount` must equal `Σ post_payments.amount − Σ post_discounts.amount`.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/modify", response = ServiceOrder)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ModifyServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
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

impl ModifyServiceOrder {
    /// Checks the documented limits before sending: ids present, 1–100 named payments and
    /// at most 30 discounts within their length limits, the `total_amount` identity, `reason`
    /// at most 50 characters, no 4-byte characters. Whether the total decreases needs the
    /// previous total: see [`check_decrease`](crate::check_decrease).
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("appid", &self.appid, None)?;
        required_text("service_id", &self.service_id, None)?;
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

    fn request() -> ModifyServiceOrder {
        ModifyServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("2002000000000558128851361561536")
            .post_payments(vec![example_payment()])
            .total_amount(Amount::fen(39_900))
            .reason("用户投诉")
            .post_discounts(vec![example_discount()])
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234323JKHDFE1243252/modify",
            r#"{"appid":"wxd678efh567hg6787","service_id":"2002000000000558128851361561536","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
        assert_eq!(crate::check_decrease(Amount::fen(50_000), request().total_amount), Ok(()));
    }

    #[test]
    fn validate_checks_reason_and_total() {
        let mut bad = request();
        bad.reason = "原".repeat(51);
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 50, .. })));
        let mut bad = request();
        bad.total_amount = Amount::fen(1);
        assert!(matches!(bad.validate(), Err(ValidationError::TotalAmountMismatch { .. })));
    }
}
