//! `POST /v3/payscore/serviceorder/{out_order_no}/complete`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{
    Amount, Device, Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime,
    StateDescription, TimeRange, ValidationError, check_completion, ids,
};

/// Completes a PayScore service order (完结支付分订单, direct merchant): the service is
/// over, WeChat starts charging the user `total_amount`.
///
/// `POST /v3/payscore/serviceorder/{out_order_no}/complete`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/complete-service-order.html>
///
/// Allowed while the order is `DOING` (`USER_CONFIRM` or `MCH_COMPLETE`). `total_amount`
/// must equal `Σ post_payments.amount − Σ post_discounts.amount` ([`validate`](Self::validate)
/// checks it).
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/complete", response = CompleteServiceOrderResponse)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CompleteServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The final fee items (后付费项目); they replace the ones given at creation.
    pub post_payments: Vec<Payment>,
    /// The final merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The amount to charge (总金额): `Σ post_payments.amount − Σ post_discounts.amount`.
    pub total_amount: Amount,
    /// The actual service period (实际服务时间段). `end_time` is required here if it was not
    /// given at creation; it must not be after the call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange>,
    /// The actual service location (实际服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Marks the payment for profit sharing (微信支付服务分账标记). Default `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<bool>,
    /// Discount tag for WeChat coupons (订单优惠标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
    /// The device used (设备信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
}

impl CompleteServiceOrder {
    /// Checks the documented limits before sending: ids present, 1–100 named payments and
    /// at most 30 discounts within their length limits, the `total_amount` identity, the
    /// remarks, and no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[("appid", &self.appid), ("service_id", &self.service_id)])?;
        check_completion!(self);
        self.device.as_ref().map_or(Ok(()), Device::validate)
    }
}

/// The answer to [`CompleteServiceOrder`]: a summary of the completed order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompleteServiceOrderResponse {
    /// App ID (公众账号ID).
    pub appid: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state, `DOING` after completion.
    pub state: ServiceOrderState,
    /// `MCH_COMPLETE` after completion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// The amount to collect (商户收款总金额).
    pub total_amount: Amount,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (服务风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Service period (服务时间段).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// WeChat's order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Whether WeChat collects payment for the order (是否需要收款).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_collection: Option<bool>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_path_fields_not_in_body, assert_request, decode, example_discount, example_payment,
    };

    fn request() -> CompleteServiceOrder {
        CompleteServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("2002000000000558128851361561536")
            .post_payments(vec![example_payment()])
            .total_amount(Amount::fen(39_900))
            .post_discounts(vec![example_discount()])
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<crate::ServiceTime>().unwrap())
                    .end_time("20091225121010".parse().unwrap())
                    .build(),
            )
            .location(Location::builder().end_location("嗨客时尚主题展餐厅").build())
            .profit_sharing(true)
            .goods_tag("goods_tag")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234323JKHDFE1243252/complete",
            r#"{"appid":"wxd678efh567hg6787","service_id":"2002000000000558128851361561536","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","end_time":"20091225121010"},"location":{"end_location":"嗨客时尚主题展餐厅"},"profit_sharing":true,"goods_tag":"goods_tag"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
    }

    #[test]
    fn validate_checks_the_total() {
        let mut bad = request();
        bad.total_amount = Amount::fen(40_000);
        assert!(matches!(bad.validate(), Err(ValidationError::TotalAmountMismatch { .. })));
        let mut bad = request();
        bad.post_payments.clear();
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "post_payments".into() }));
    }

    #[test]
    fn decodes_the_response() {
        let response: CompleteServiceOrderResponse = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"2002000000000558128851361561536","service_introduction":"某某酒店",
                "state":"DOING","state_description":"MCH_COMPLETE","total_amount":39900,
                "post_payments":[{"name":"就餐费用","amount":40000,"description":"就餐人均100元","count":4}],
                "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],
                "risk_fund":{"name":"DEPOSIT","amount":50000,"description":"就餐的预估费用"},
                "time_range":{"start_time":"20091225091010","end_time":"20091225121010","start_time_remark":"备注1","end_time_remark":"备注2"},
                "location":{"end_location":"嗨客时尚主题展餐厅"},
                "order_id":"15646546545165651651","need_collection":true}"#,
        );
        assert_eq!(response.state, ServiceOrderState::Doing);
        assert_eq!(response.state_description, Some(StateDescription::MchComplete));
        assert_eq!(response.total_amount, Amount::fen(39_900));
        assert_eq!(response.need_collection, Some(true));
        assert_eq!(
            response.location.and_then(|l| l.end_location).as_deref(),
            Some("嗨客时尚主题展餐厅")
        );
    }
}
