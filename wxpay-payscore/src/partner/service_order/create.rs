//! `POST /v3/payscore/partner/serviceorder`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{
    Device, Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime, StateDescription,
    TimeRange, ValidationError, check_new_order, ids, openid_unless_confirmed, redacted_debug,
    sub_appid_with_sub_openid,
};

/// Creates a PayScore service order for a sub-merchant (创建支付分订单, partner mode).
///
/// `POST /v3/payscore/partner/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/create-partner-service-order.html>
///
/// In 需确认 mode the order starts `CREATED` and the returned `package` opens the
/// confirmation page; in 免确认 mode (`need_user_confirm: false`, with `openid` or
/// `sub_openid`) it starts `DOING`. `Debug` redacts `openid` and `sub_openid`.
#[endpoint(POST, "v3/payscore/partner/serviceorder", response = CreatePartnerServiceOrderResponse, idempotent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePartnerServiceOrder {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商应用ID).
    pub appid: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The sub-merchant's app ID (子商户应用ID); required with `sub_openid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The merchant's order number (商户服务订单号), unique per sub-merchant.
    pub out_order_no: OutOrderNo,
    /// What the service is (服务信息), at most 20 characters; shown to the user.
    pub service_introduction: String,
    /// Planned fee items (后付费项目), at most 100.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Planned merchant discounts (后付费商户优惠), at most 30.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (订单风险金).
    pub risk_fund: RiskFund,
    /// Planned service period (服务时间); `start_time` is required and may be `OnAccept`.
    pub time_range: TimeRange<StartTime>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The user's openid under `appid` (服务商公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (子商户公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// Whether the user must confirm the order (是否需要用户确认); default `true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_user_confirm: Option<bool>,
    /// Where WeChat sends the order notifications (商户回调地址), at most 255 characters.
    pub notify_url: String,
    /// The merchant's own data (商户数据包), at most 256 characters; url-encode it first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The device used (设备信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
}

impl CreatePartnerServiceOrder {
    /// Checks the documented limits before sending: ids present, `sub_appid` given with
    /// `sub_openid`, `service_introduction` at most 20 characters, the fee items and
    /// discounts, `time_range.start_time` present, remarks, risk fund, `attach` at most 256
    /// and `notify_url` at most 255 characters, an openid when `need_user_confirm` is
    /// `false`, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[
            ("service_id", &self.service_id),
            ("appid", &self.appid),
            ("sub_mchid", &self.sub_mchid),
        ])?;
        sub_appid_with_sub_openid(self.sub_appid.as_ref(), self.sub_openid.as_ref())?;
        check_new_order!(self);
        let has_openid = self.openid.is_some() || self.sub_openid.is_some();
        openid_unless_confirmed(self.need_user_confirm, has_openid)?;
        self.device.as_ref().map_or(Ok(()), Device::validate)
    }
}

redacted_debug!(CreatePartnerServiceOrder {
    service_id, appid, sub_mchid, sub_appid, out_order_no, service_introduction, post_payments,
    post_discounts, risk_fund, time_range, location, need_user_confirm, notify_url, attach,
    device,
} redact { openid, sub_openid });

/// The answer to [`CreatePartnerServiceOrder`]: the new order and the `package` for the
/// front end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePartnerServiceOrderResponse {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商应用ID).
    pub appid: String,
    /// The service provider's merchant id (服务商商户号).
    pub mchid: String,
    /// The sub-merchant's app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state: `CREATED` (需确认) or `DOING` (免确认).
    pub state: ServiceOrderState,
    /// `USER_CONFIRM` for an order created without confirmation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (订单风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Service period (服务时间段).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The merchant's data (商户数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The notification URL (商户回调地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
    /// Data for the confirmation page (跳转微信侧数据包): pass it to `openBusinessView` with
    /// `businessType: "wxpayScoreUse"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_request, decode, example_discount, example_location, example_payment,
        example_risk_fund,
    };

    fn request() -> CreatePartnerServiceOrder {
        CreatePartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .service_introduction("XX充电宝")
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<StartTime>().unwrap())
                    .start_time_remark("开始租借时间")
                    .end_time("20091225121010".parse().unwrap())
                    .end_time_remark("租借结束时间")
                    .build(),
            )
            .risk_fund(example_risk_fund())
            .notify_url("https://api.test.com")
            .sub_appid("wxd678efh567hg6999")
            .post_payments(vec![example_payment()])
            .post_discounts(vec![example_discount()])
            .location(example_location())
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .sub_openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .need_user_confirm(true)
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder",
            r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6999","out_order_no":"1234323JKHDFE1243252","service_introduction":"XX充电宝","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","need_user_confirm":true,"notify_url":"https://api.test.com","attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald"}"#,
        );
        assert_eq!(request().validate(), Ok(()));
        let decoded: CreatePartnerServiceOrder =
            serde_json::from_slice(crate::test_support::prepare(&request()).body()).unwrap();
        assert_eq!(decoded, request());
    }

    #[test]
    fn validate_checks_openids() {
        let mut bad = request();
        bad.sub_appid = None;
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "sub_appid".into() }));
        let mut bad = CreatePartnerServiceOrder { need_user_confirm: Some(false), ..request() };
        bad.openid = None;
        bad.sub_openid = None;
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "openid".into() }));
        let mut only_sub =
            CreatePartnerServiceOrder { need_user_confirm: Some(false), ..request() };
        only_sub.openid = None;
        assert_eq!(only_sub.validate(), Ok(()));
    }

    #[test]
    fn debug_redacts_openids() {
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(debug.contains("sub_openid: Some(<redacted>)"), "{debug}");
    }

    #[test]
    fn decodes_the_response() {
        let response: CreatePartnerServiceOrderResponse = decode(
            r#"{"out_order_no":"1234323JKHDFE1243252","service_id":"2002000000000558128851361561536",
                "appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999",
                "sub_mchid":"1900000109","service_introduction":"XX充电宝","state":"CREATED",
                "post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],
                "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],
                "risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},
                "time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},
                "location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
                "order_id":"15646546545165651651","package":"DJIOSQPYWDxsjdldeskdsxxxxMDEGDJJLIIOOIdjahsdasdhxxksf"}"#,
        );
        assert_eq!(response.sub_mchid, "1900000109");
        assert_eq!(response.state, ServiceOrderState::Created);
        assert!(response.package.is_some());
        let minimal: CreatePartnerServiceOrderResponse = decode(
            r#"{"out_order_no":"A1","service_id":"1","appid":"wx","mchid":"1","sub_mchid":"2",
                "service_introduction":"x","state":"DOING","state_description":"USER_CONFIRM","order_id":"9"}"#,
        );
        assert_eq!(minimal.state_description, Some(StateDescription::UserConfirm));
        assert_eq!(minimal.package, None);
    }
}
