//! `POST /v3/payscore/acquiringbank/serviceorder`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{
    Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime, StateDescription,
    TimeRange, ValidationError, check_new_order, ids, optional_text, redacted_debug, required_text,
};

/// Creates a PayScore service order for a sub-merchant (从业机构创建微信支付分订单).
///
/// `POST /v3/payscore/acquiringbank/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012691326> (免确认, the order
/// starts `DOING`) and <https://pay.weixin.qq.com/doc/v3/partner/4013194023> (需确认, the
/// order starts `CREATED`; hand the returned `package` to the front end).
///
/// WeChat documents 原参重入: repeating the same request returns the same order.
/// `Debug` redacts `openid` and `sub_openid`.
#[endpoint(POST, "v3/payscore/acquiringbank/serviceorder", response = CreateAcquiringBankServiceOrderResponse, idempotent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateAcquiringBankServiceOrder {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The institution's app ID (从业机构公众账号ID / 服务商应用ID); complete and cancel must
    /// use the same one.
    pub appid: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// The merchant's order number (商户服务订单号), unique per merchant.
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
    /// Planned service period (服务时间段); `start_time` is required.
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
    /// Whether the user must confirm the order (是否需要用户确认).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_user_confirm: Option<bool>,
    /// Where WeChat sends the order notifications (商户回调地址), at most 255 characters.
    pub notify_url: String,
    /// The merchant's own data (商户数据包), at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
}

impl CreateAcquiringBankServiceOrder {
    /// Checks the documented limits before sending: ids present, `service_introduction` at
    /// most 20 characters, the fee items and discounts, `time_range.start_time` present,
    /// remarks, risk fund, `attach` at most 256 and `notify_url` at most 255 characters, no
    /// 4-byte characters.
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
        optional_text("sub_appid", self.sub_appid.as_ref(), None)?;
        required_text("channel_id", &self.channel_id, None)?;
        check_new_order!(self);
        Ok(())
    }
}

redacted_debug!(CreateAcquiringBankServiceOrder {
    service_id, appid, sub_mchid, sub_appid, channel_id, out_order_no, service_introduction,
    post_payments, post_discounts, risk_fund, time_range, location, need_user_confirm,
    notify_url, attach,
} redact { openid, sub_openid });

/// The answer to [`CreateAcquiringBankServiceOrder`]: the new order and, in 需确认 mode, the
/// `package` for the front end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateAcquiringBankServiceOrderResponse {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The institution's app ID (服务商应用ID).
    pub appid: String,
    /// The institution's merchant id (服务商商户号).
    pub mchid: String,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state (服务订单状态): `DOING` (免确认) or `CREATED` (需确认).
    pub state: ServiceOrderState,
    /// What a `DOING` order is doing (订单状态说明).
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
    /// Data for the confirmation page (跳转微信侧数据包), 需确认 mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        Amount, RiskFundName,
        test_support::{assert_request, decode, prepare},
    };

    fn request() -> CreateAcquiringBankServiceOrder {
        CreateAcquiringBankServiceOrder::builder()
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6999")
            .channel_id("1230000109")
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_introduction("XX充电宝")
            .post_payments(decode(
                r#"[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}]"#,
            ))
            .post_discounts(decode(
                r#"[{"name":"满20减1元","description":"不与其他优惠叠加","count":2,"amount":100}]"#,
            ))
            .risk_fund(decode(r#"{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"}"#))
            .time_range(decode(
                r#"{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"}"#,
            ))
            .location(decode(
                r#"{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"}"#,
            ))
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .need_user_confirm(false)
            .notify_url("https://api.test.com")
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder",
            r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6999","channel_id":"1230000109","out_order_no":"1234323JKHDFE1243252","service_introduction":"XX充电宝","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","need_user_confirm":false,"notify_url":"https://api.test.com","attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald"}"#,
        );
        assert_eq!(request().validate(), Ok(()));
        let decoded: CreateAcquiringBankServiceOrder =
            serde_json::from_slice(prepare(&request()).body()).unwrap();
        assert_eq!(decoded, request());
    }

    #[test]
    fn validate_checks_the_create_limits() {
        let bad = CreateAcquiringBankServiceOrder { channel_id: String::new(), ..request() };
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "channel_id".into() }));
        let mut bad = request();
        bad.time_range.start_time = None;
        assert_eq!(
            bad.validate(),
            Err(ValidationError::Missing { field: "time_range.start_time".into() })
        );
        let bad = CreateAcquiringBankServiceOrder {
            service_introduction: "充电宝😀".into(),
            ..request()
        };
        assert!(matches!(bad.validate(), Err(ValidationError::UnsupportedCharacter { .. })));
    }

    #[test]
    fn debug_redacts_openids() {
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(debug.contains("openid: Some(<redacted>)"), "{debug}");
        assert!(debug.contains("sub_openid: None"), "{debug}");
    }

    #[test]
    fn decodes_the_documented_response() {
        let response: CreateAcquiringBankServiceOrderResponse = decode(
            r#"{"out_order_no":"1234323JKHDFE1243252","service_id":"2002000000000558128851361561536",
                "appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999",
                "sub_mchid":"1900000109","channel_id":"1230000109","service_introduction":"XX充电宝",
                "state":"CREATED","state_description":"MCH_COMPLETE",
                "post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],
                "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","count":2}],
                "risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},
                "time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},
                "location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
                "order_id":"0000300001201908301055157220022","package":"DJIOSQPYWDxsjdldeuwhdodwxasd_dDiodnwjh9we"}"#,
        );
        assert_eq!(response.state, ServiceOrderState::Created);
        assert_eq!(response.channel_id, "1230000109");
        assert_eq!(response.order_id, "0000300001201908301055157220022");
        assert_eq!(response.package.as_deref(), Some("DJIOSQPYWDxsjdldeuwhdodwxasd_dDiodnwjh9we"));
        assert_eq!(response.post_discounts[0].amount, None);
        assert_eq!(
            response.risk_fund.map(|f| (f.name, f.amount)),
            Some((RiskFundName::Deposit, Amount::fen(10_000)))
        );
    }
}
