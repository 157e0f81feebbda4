//! `POST /v3/payscore/oversea/partner/serviceorder`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use super::{OverseaTime, OverseaTimeRange};
use crate::types::{
    Discount, Location, Payment, RiskFund, ServiceOrderState, StateDescription, ValidationError,
    check_new_order, ids, openid_unless_confirmed, redacted_debug, required_text,
};

/// Creates a cross-border PayScore service order (创建支付分订单, 境外机构模式).
///
/// `POST /v3/payscore/oversea/partner/serviceorder` on
/// [`HK_BASE_URL`](crate::oversea::HK_BASE_URL)
///
/// Official docs: <https://pay.weixin.qq.com/doc/global/v3/zh/4014096395>
///
/// With `need_user_confirm: false`, exactly one of `openid` and `sub_openid` must be given.
/// `Debug` redacts `openid` and `sub_openid`.
#[endpoint(POST, "v3/payscore/oversea/partner/serviceorder", response = CreateOverseaServiceOrderResponse)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateOverseaServiceOrder {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The institution's app ID (服务商公众号ID).
    pub appid: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The merchant's order number (商户订单号).
    pub out_order_no: OutOrderNo,
    /// Settlement currency of the sub-merchant (货币类型), e.g. `HKD`.
    pub currency: String,
    /// What the service is (服务信息), at most 20 characters.
    pub service_introduction: String,
    /// Fee items (后付费项目), at most 100.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (商户优惠), at most 30.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (服务风险金).
    pub risk_fund: RiskFund,
    /// Service period (服务时间), RFC 3339; `start_time` is required.
    pub time_range: OverseaTimeRange,
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

impl CreateOverseaServiceOrder {
    /// Checks the documented limits before sending: ids and `currency` present,
    /// `service_introduction` at most 20 characters, the fee items, `time_range.start_time`
    /// present, remarks, risk fund, `attach` and `notify_url` lengths, an openid (`openid` or
    /// `sub_openid`, WeChat accepts only one) when `need_user_confirm` is `false`, no 4-byte
    /// characters.
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
        required_text("currency", &self.currency, Some(16))?;
        check_new_order!(self, named: false);
        let has_openid = self.openid.is_some() || self.sub_openid.is_some();
        openid_unless_confirmed(self.need_user_confirm, has_openid)
    }
}

redacted_debug!(CreateOverseaServiceOrder {
    service_id, appid, sub_mchid, sub_appid, out_order_no, currency, service_introduction,
    post_payments, post_discounts, risk_fund, time_range, location, need_user_confirm,
    notify_url, attach,
} redact { openid, sub_openid });

/// The answer to [`CreateOverseaServiceOrder`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateOverseaServiceOrderResponse {
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
    /// Currency of the order (货币类型).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state (服务订单状态).
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
    pub time_range: Option<OverseaTimeRange<OverseaTime>>,
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
    /// Data for the confirmation page (跳转微信侧数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode, prepare};

    fn request() -> CreateOverseaServiceOrder {
        CreateOverseaServiceOrder::builder()
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6999")
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .currency("HKD")
            .service_introduction("XX充电宝")
            .post_payments(decode(
                r#"[{"name":"就餐费用","amount":40000,"description":"就餐人均100元","count":4}]"#,
            ))
            .post_discounts(decode(
                r#"[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}]"#,
            ))
            .risk_fund(decode(
                r#"{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"}"#,
            ))
            .time_range(
                OverseaTimeRange::builder()
                    .start_time("2019-11-11T16:24:05+08:00".parse().unwrap())
                    .end_time("2019-11-11T18:24:05+08:00".parse().unwrap())
                    .start_time_remark("备注1")
                    .end_time_remark("备注2")
                    .build(),
            )
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
            "https://api.mch.weixin.qq.com/v3/payscore/oversea/partner/serviceorder",
            r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6999","out_order_no":"1234323JKHDFE1243252","currency":"HKD","service_introduction":"XX充电宝","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},"time_range":{"start_time":"2019-11-11T16:24:05+08:00","end_time":"2019-11-11T18:24:05+08:00","start_time_remark":"备注1","end_time_remark":"备注2"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","need_user_confirm":false,"notify_url":"https://api.test.com","attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald"}"#,
        );
        assert_eq!(request().validate(), Ok(()));
        let decoded: CreateOverseaServiceOrder =
            serde_json::from_slice(prepare(&request()).body()).unwrap();
        assert_eq!(decoded, request());
    }

    #[test]
    fn validate_checks_the_create_limits() {
        let bad = CreateOverseaServiceOrder { currency: String::new(), ..request() };
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "currency".into() }));
        let bad = CreateOverseaServiceOrder { openid: None, ..request() };
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "openid".into() }));
        let mut bad = request();
        bad.time_range.start_time = None;
        assert_eq!(
            bad.validate(),
            Err(ValidationError::Missing { field: "time_range.start_time".into() })
        );
        let mut bad = request();
        bad.time_range.start_time_remark = Some("备".repeat(21));
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 20, .. })));
        // Payments may go unnamed here; an error names the item by its JSON path.
        let mut unnamed = request();
        unnamed.post_payments[0].name = None;
        assert_eq!(unnamed.validate(), Ok(()));
        unnamed.post_payments[0].description = Some("说".repeat(31));
        assert_eq!(
            unnamed.validate(),
            Err(ValidationError::TooLong {
                field: "post_payments[0].description".into(),
                max: 30,
                len: 31
            })
        );
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
    }

    #[test]
    fn decodes_the_documented_response() {
        let response: CreateOverseaServiceOrderResponse = decode(
            r#"{"out_order_no":"1234323JKHDFE1243252","service_id":"2002000000000558128851361561536",
                "appid":"wxd678efh567hg6787","mchid":"1230000109","sub_appid":"wxd678efh567hg6999",
                "sub_mchid":"1900000109","currency":"HKD","service_introduction":"XX充电宝",
                "state":"CREATED","state_description":"MCH_COMPLETE",
                "post_payments":[{"name":"就餐费用","amount":40000,"description":"就餐人均100元","count":4}],
                "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","count":2}],
                "risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},
                "time_range":{"start_time":"2019-11-11T16:24:05+08:00","end_time":"2019-11-11T16:24:05+08:00","start_time_remark":"备注1","end_time_remark":"备注2"},
                "location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},
                "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
                "order_id":"0000300001201908301055157220022","package":"DJIOSQPYWDxsjdldeuwhdodwxasd_dDiodnwjh9we"}"#,
        );
        assert_eq!(response.state, ServiceOrderState::Created);
        assert_eq!(response.currency.as_deref(), Some("HKD"));
        assert_eq!(response.order_id, "0000300001201908301055157220022");
        assert_eq!(
            response.time_range.and_then(|r| r.start_time).map(|t| t.to_string()).as_deref(),
            Some("2019-11-11T16:24:05+08:00")
        );
        assert_eq!(response.package.as_deref(), Some("DJIOSQPYWDxsjdldeuwhdodwxasd_dDiodnwjh9we"));
    }
}
