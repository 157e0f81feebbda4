//! `POST /v3/payscore/serviceorder/direct-complete`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{
    Amount, Discount, Location, Payment, ServiceOrderState, StartTime, StateDescription, TimeRange,
    ValidationError, amounts, limit, optional_text, redacted_debug, required_text,
};

/// Creates and completes a PayScore order in one call (创单结单合并, direct merchant, legacy).
///
/// `POST /v3/payscore/serviceorder/direct-complete`
///
/// Official docs: <https://pay.weixin.qq.com/wiki/doc/apiv3/wxpay/payscore/chapter3_9.shtml>
///
/// For services that need no PayScore risk check: after the service, charge the user
/// directly. An older interface kept for existing integrations. `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/serviceorder/direct-complete", response = DirectCompleteServiceOrderResponse)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct DirectCompleteServiceOrder {
    /// The merchant's order number (商户服务订单号), unique per merchant.
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The service period (服务时间段).
    pub time_range: TimeRange,
    /// The service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What the service is (服务信息), at most 20 characters.
    pub service_introduction: String,
    /// The merchant's own data (商户数据包), at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// Where WeChat sends the notifications (商户回调地址), at most 255 characters.
    pub notify_url: String,
    /// The user's openid under `appid` (用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The amount to charge (总金额): `Σ post_payments.amount − Σ post_discounts.amount`.
    pub total_amount: Amount,
    /// Marks the payment for profit sharing (微信支付服务分账标记). Default `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<bool>,
    /// Discount tag for WeChat coupons (订单优惠标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
}

impl DirectCompleteServiceOrder {
    /// Checks the documented limits before sending: ids present, `service_introduction` at
    /// most 20 characters, 1–100 named payments and at most 30 discounts, the `total_amount`
    /// identity, remarks, `attach` at most 256 and `notify_url` at most 255 characters, no
    /// 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("appid", &self.appid, None)?;
        required_text("service_id", &self.service_id, None)?;
        amounts(&self.post_payments, &self.post_discounts, self.total_amount, true)?;
        self.time_range.validate()?;
        self.location.as_ref().map_or(Ok(()), Location::validate)?;
        required_text(
            "service_introduction",
            &self.service_introduction,
            Some(limit::SERVICE_INTRODUCTION),
        )?;
        optional_text("attach", self.attach.as_ref(), Some(limit::ATTACH))?;
        required_text("notify_url", &self.notify_url, Some(limit::NOTIFY_URL))?;
        optional_text("goods_tag", self.goods_tag.as_ref(), None)
    }
}

redacted_debug!(DirectCompleteServiceOrder {
    out_order_no, appid, service_id, post_payments, post_discounts, time_range, location,
    service_introduction, attach, notify_url, total_amount, profit_sharing, goods_tag,
} redact { openid });

/// The answer to [`DirectCompleteServiceOrder`]: the completed order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DirectCompleteServiceOrderResponse {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Service period (服务时间段).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
    /// Order state.
    pub state: ServiceOrderState,
    /// What a `DOING` order is doing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// The merchant's data (商户数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The notification URL (商户回调地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// The amount to charge (总金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    fn request() -> DirectCompleteServiceOrder {
        DirectCompleteServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .service_introduction("某某酒店")
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<crate::ServiceTime>().unwrap())
                    .end_time("20091225121010".parse().unwrap())
                    .build(),
            )
            .total_amount(Amount::fen(39_900))
            .notify_url("https://api.test.com")
            .post_payments(vec![
                Payment::builder().name("就餐费用").amount(Amount::fen(40_000)).count(4).build(),
            ])
            .post_discounts(vec![
                Discount::builder().name("满20减1元").amount(Amount::fen(100)).build(),
            ])
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .profit_sharing(true)
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/direct-complete",
            r#"{"out_order_no":"1234323JKHDFE1243252","appid":"wxd678efh567hg6787","service_id":"500001","post_payments":[{"name":"就餐费用","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","amount":100}],"time_range":{"start_time":"20091225091010","end_time":"20091225121010"},"service_introduction":"某某酒店","attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","total_amount":39900,"profit_sharing":true}"#,
        );
        assert_eq!(request().validate(), Ok(()));
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
    }

    #[test]
    fn decodes_the_response() {
        let response: DirectCompleteServiceOrderResponse = decode(
            r#"{"out_order_no":"1234323JKHDFE1243252","appid":"wxd678efh567hg6787","service_id":"500001",
                "post_payments":[{"name":"就餐费用, 服务费","amount":40000,"description":"就餐人均100元，服务费：100/小时","count":4}],
                "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],
                "time_range":{"start_time":"20091225091010","start_time_remark":"备注1","end_time":"20091225121010","end_time_remark":"备注2"},
                "location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},
                "service_introduction":"某某酒店","mchid":"1230000109","order_id":"15646546545165651651",
                "state":"DOING","state_description":"MCH_COMPLETE",
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com","total_amount":39900}"#,
        );
        assert_eq!(response.state_description, Some(StateDescription::MchComplete));
        assert_eq!(response.total_amount, Some(Amount::fen(39_900)));
        assert_eq!(response.order_id, "15646546545165651651");
    }
}
