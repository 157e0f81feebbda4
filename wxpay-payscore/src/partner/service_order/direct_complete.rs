//! `POST /v3/payscore/partner/serviceorder/direct-complete`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{
    Amount, Discount, Location, Payment, TimeRange, ValidationError, amounts, limit, optional_text,
    redacted_debug, required_text,
};

/// Creates and completes a sub-merchant's PayScore order in one call (创单结单合并, partner
/// mode, legacy).
///
/// `POST /v3/payscore/partner/serviceorder/direct-complete`
///
/// Official docs: <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/Offline/apis/chapter6_2_8.shtml>
///
/// For services that need no PayScore risk check: after the service, charge the user
/// directly. Answers `204 No Content`. An older interface kept for existing integrations.
/// `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/partner/serviceorder/direct-complete", response = NoContent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct DirectCompletePartnerServiceOrder {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商应用ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户应用ID).
    pub sub_appid: String,
    /// Sub-merchant id (子商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// The merchant's order number (商户服务订单号), unique per sub-merchant.
    pub out_order_no: OutOrderNo,
    /// What the service is (服务信息), at most 20 characters.
    pub service_introduction: String,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// The amount to charge (总金额): `Σ post_payments.amount − Σ post_discounts.amount`.
    pub total_amount: Amount,
    /// The service period (服务时间段).
    pub time_range: TimeRange,
    /// The service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Marks the payment for profit sharing (微信支付服务分账标记). Default `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<bool>,
    /// Discount tag for WeChat coupons (订单优惠标记).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_tag: Option<String>,
    /// The merchant's own data (商户数据包), at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// Where WeChat sends the notifications (商户回调地址), at most 255 characters.
    pub notify_url: String,
    /// The user's openid under `appid` (服务商公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
}

impl DirectCompletePartnerServiceOrder {
    /// Checks the documented limits before sending: ids present, `service_introduction` at
    /// most 20 characters, 1–100 named payments and at most 30 discounts, the `total_amount`
    /// identity, remarks, `attach` at most 256 and `notify_url` at most 255 characters, no
    /// 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("appid", &self.appid, None)?;
        required_text("sub_appid", &self.sub_appid, None)?;
        required_text(
            "service_introduction",
            &self.service_introduction,
            Some(limit::SERVICE_INTRODUCTION),
        )?;
        amounts(&self.post_payments, &self.post_discounts, self.total_amount, true)?;
        self.time_range.validate()?;
        self.location.as_ref().map_or(Ok(()), Location::validate)?;
        optional_text("goods_tag", self.goods_tag.as_ref(), None)?;
        optional_text("attach", self.attach.as_ref(), Some(limit::ATTACH))?;
        required_text("notify_url", &self.notify_url, Some(limit::NOTIFY_URL))
    }
}

redacted_debug!(DirectCompletePartnerServiceOrder {
    service_id, appid, sub_appid, sub_mchid, out_order_no, service_introduction, post_payments,
    post_discounts, total_amount, time_range, location, profit_sharing, goods_tag, attach,
    notify_url,
} redact { openid });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_request, example_discount, example_location, example_payment,
    };

    fn request() -> DirectCompletePartnerServiceOrder {
        DirectCompletePartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_appid("wxd678efh567hg6999")
            .service_introduction("XX充电宝")
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<crate::ServiceTime>().unwrap())
                    .start_time_remark("开始租借时间")
                    .end_time("20091225121010".parse().unwrap())
                    .end_time_remark("租借结束时间")
                    .build(),
            )
            .total_amount(Amount::fen(39_900))
            .notify_url("https://api.test.com")
            .sub_mchid("1900000109")
            .post_payments(vec![example_payment()])
            .post_discounts(vec![example_discount()])
            .location(example_location())
            .profit_sharing(true)
            .goods_tag("goods_tag")
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/direct-complete",
            r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109","out_order_no":"1234323JKHDFE1243252","service_introduction":"XX充电宝","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"profit_sharing":true,"goods_tag":"goods_tag","attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#,
        );
        assert_eq!(request().validate(), Ok(()));
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        let decoded: DirectCompletePartnerServiceOrder =
            serde_json::from_slice(crate::test_support::prepare(&request()).body()).unwrap();
        assert_eq!(decoded, request());
    }
}
