//! `POST /v3/payscore/serviceorder`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{
    Device, Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime, StateDescription,
    TimeRange, ValidationError, check_new_order, ids, openid_unless_confirmed, redacted_debug,
};

/// Creates a PayScore service order (创建支付分订单, direct merchant).
///
/// `POST /v3/payscore/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/create-service-order.html>
///
/// In 需确认 mode (`need_user_confirm` absent or `true`) the order starts `CREATED`: hand the
/// returned `package` to the front end, the user confirms, and `PAYSCORE.USER_CONFIRM`
/// follows. In 免确认 mode (`need_user_confirm: false`, `openid` required) it starts
/// `DOING`. Repeating the same request returns the same order (原参重入).
/// `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/serviceorder", response = CreateServiceOrderResponse, idempotent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateServiceOrder {
    /// The merchant's order number (商户服务订单号), unique per merchant.
    pub out_order_no: OutOrderNo,
    /// App ID bound to the merchant (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What the service is (服务信息), at most 20 characters; shown to the user.
    pub service_introduction: String,
    /// Planned fee items (后付费项目), at most 100. Amounts are required in the 先享 model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Planned merchant discounts (后付费商户优惠), at most 30.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// Planned service period (服务时间段); `start_time` is required and may be `OnAccept`.
    pub time_range: TimeRange<StartTime>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Risk fund (订单风险金).
    pub risk_fund: RiskFund,
    /// The merchant's own data, returned in queries and notifications (商户数据包), at most
    /// 256 characters; url-encode it first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// Where WeChat sends the order notifications (商户回调地址), at most 255 characters.
    pub notify_url: String,
    /// The user's openid under `appid` (用户标识); required when `need_user_confirm` is
    /// `false`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// Whether the user must confirm the order (是否需要用户确认); default `true`. `false` is
    /// a privileged mode (免确认).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_user_confirm: Option<bool>,
    /// The device used (设备信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
}

impl CreateServiceOrder {
    /// Checks the documented limits before sending: ids present, `service_introduction` at
    /// most 20 characters, the fee items and discounts, `time_range.start_time` present,
    /// remarks, risk fund, `attach` at most 256 and `notify_url` at most 255 characters,
    /// `openid` present when `need_user_confirm` is `false`, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[("appid", &self.appid), ("service_id", &self.service_id)])?;
        check_new_order!(self);
        openid_unless_confirmed(self.need_user_confirm, self.openid.is_some())?;
        self.device.as_ref().map_or(Ok(()), Device::validate)
    }
}

redacted_debug!(CreateServiceOrder {
    out_order_no, appid, service_id, service_introduction, post_payments, post_discounts,
    time_range, location, risk_fund, attach, notify_url, need_user_confirm, device,
} redact { openid });

/// The answer to [`CreateServiceOrder`]: the new order and the `package` for the front end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateServiceOrderResponse {
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
    /// Order state: `CREATED` (需确认) or `DOING` (免确认).
    pub state: ServiceOrderState,
    /// `USER_CONFIRM` for an order created without confirmation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
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
    /// Data for the confirmation page (跳转微信侧小程序订单数据): pass it to
    /// `openBusinessView` with `businessType: "wxpayScoreUse"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        Amount, RiskFundName,
        test_support::{
            assert_request, decode, example_discount, example_location, example_payment,
            example_risk_fund,
        },
    };

    fn request() -> CreateServiceOrder {
        CreateServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("2002000000000558128851361561536")
            .service_introduction("某某酒店")
            .time_range(
                TimeRange::builder()
                    .start_time("20091225091010".parse::<StartTime>().unwrap())
                    .start_time_remark("备注1")
                    .end_time("20091225121010".parse().unwrap())
                    .end_time_remark("备注2")
                    .build(),
            )
            .risk_fund(example_risk_fund())
            .notify_url("https://api.test.com")
            .post_payments(vec![example_payment()])
            .post_discounts(vec![example_discount()])
            .location(example_location())
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .need_user_confirm(true)
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder",
            r#"{"out_order_no":"1234323JKHDFE1243252","appid":"wxd678efh567hg6787","service_id":"2002000000000558128851361561536","service_introduction":"某某酒店","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"time_range":{"start_time":"20091225091010","start_time_remark":"备注1","end_time":"20091225121010","end_time_remark":"备注2"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},"attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","need_user_confirm":true}"#,
        );
        assert_eq!(request().validate(), Ok(()));
    }

    #[test]
    fn minimal_request_with_on_accept() {
        let minimal = CreateServiceOrder::builder()
            .out_order_no(OutOrderNo::new("A1").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .service_introduction("共享单车")
            .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
            .risk_fund(
                RiskFund::builder()
                    .name(RiskFundName::EstimateOrderCost)
                    .amount(Amount::fen(20_000))
                    .build(),
            )
            .notify_url("https://example.com/notify")
            .build();
        assert_request(
            &minimal,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder",
            r#"{"out_order_no":"A1","appid":"wxd678efh567hg6787","service_id":"500001","service_introduction":"共享单车","time_range":{"start_time":"OnAccept"},"risk_fund":{"name":"ESTIMATE_ORDER_COST","amount":20000},"notify_url":"https://example.com/notify"}"#,
        );
        let decoded: CreateServiceOrder =
            serde_json::from_slice(crate::test_support::prepare(&minimal).body()).unwrap();
        assert_eq!(decoded, minimal);
    }

    #[test]
    fn validate_checks_the_create_limits() {
        let mut bad = request();
        bad.service_introduction = "一二三四五六七八九十一二三四五六七八九十一".into();
        assert_eq!(
            bad.validate(),
            Err(ValidationError::TooLong {
                field: "service_introduction".into(),
                max: 20,
                len: 21
            })
        );
        let mut bad = request();
        bad.time_range.start_time = None;
        assert_eq!(
            bad.validate(),
            Err(ValidationError::Missing { field: "time_range.start_time".into() })
        );
        let mut bad = CreateServiceOrder { need_user_confirm: Some(false), ..request() };
        bad.openid = None;
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "openid".into() }));
        let bad = CreateServiceOrder { attach: Some("a".repeat(257)), ..request() };
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 256, .. })));
        let mut bad = request();
        bad.notify_url = format!("https://{}", "a".repeat(250));
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 255, .. })));
    }

    #[test]
    fn debug_redacts_openid() {
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(debug.contains("openid: Some(<redacted>)"), "{debug}");
    }

    #[test]
    fn decodes_the_response() {
        let response: CreateServiceOrderResponse = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"2002000000000558128851361561536","service_introduction":"某某酒店","state":"CREATED",
                "post_payments":[{"name":"就餐费用","amount":40000,"description":"就餐人均100元","count":4}],
                "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","count":2}],
                "risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},
                "time_range":{"start_time":"OnAccept","end_time":"20091225121010","start_time_remark":"备注1","end_time_remark":"备注2"},
                "location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
                "order_id":"15646546545165651651",
                "package":"DJIOSQPYWDxsjdldeskdsxxxxMDEGDJJLIIOOIdjahsdasdhxxksf"}"#,
        );
        assert_eq!(response.state, ServiceOrderState::Created);
        assert_eq!(response.order_id, "15646546545165651651");
        assert_eq!(
            response.package.as_deref(),
            Some("DJIOSQPYWDxsjdldeskdsxxxxMDEGDJJLIIOOIdjahsdasdhxxksf")
        );
        assert_eq!(response.post_discounts[0].amount, None);
        assert_eq!(response.time_range.and_then(|r| r.start_time), Some(StartTime::OnAccept));
    }
}
