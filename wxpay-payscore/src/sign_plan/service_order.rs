//! `POST /v3/payscore/sign-plan/serviceorder`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use crate::types::{
    Amount, Discount, Location, Payment, ServiceOrderState, StartTime, StateDescription, TimeRange,
    ValidationError, ids, redacted_debug,
};

/// Creates the service order of one item of a user's sign plan (创建用户的签约计划服务订单),
/// direct merchant.
///
/// `POST /v3/payscore/sign-plan/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/payscore-plan/service-order/create-service-order.html>
///
/// WeChat's rules: only one item of a sign plan may have an order in service at a time (cancel
/// the previous one, or complete it and wait for the payment, first); items are used in order,
/// without skipping a number; `out_trade_no` must be the `merchant_plan_detail_no` given for
/// this item when the sign plan was created. The order then goes on as any service order
/// (query, complete, cancel with [`crate::service_order`]). `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/sign-plan/serviceorder", response = SignPlanServiceOrder)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateSignPlanServiceOrder {
    /// PayScore service id (支付分服务ID): the service of the sign plan's PayScore plan.
    pub service_id: String,
    /// The user's sign plan (待创建服务订单对应的用户的签约计划).
    pub sign_plan_id: String,
    /// The item of the sign plan to serve (待创建服务订单对应的用户的签约计划详情序号), from 1.
    pub plan_detail_no: u32,
    /// The merchant's app ID (商户的 AppID).
    pub appid: String,
    /// The user's openid under `appid` (商户公众号下的用户标识). Personal data.
    pub openid: String,
    /// Where WeChat notifies the user's confirmation and the payment (商户扣款成功回调通知的地址),
    /// at most 256 characters.
    pub notify_url: String,
    /// What the order provides (服务信息), at most 20 characters.
    pub service_introduction: String,
    /// The service period shown to the user (服务时间); `start_time` is required.
    pub time_range: TimeRange,
    /// Where the service takes place, shown to the user (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Merchant data (附加数据), URL-encoded, at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The merchant's order number (商户侧订单号): the item's `merchant_plan_detail_no`.
    pub out_trade_no: String,
}

impl CreateSignPlanServiceOrder {
    /// Checks the ids, openid and `out_trade_no` are present, `service_introduction` (at most
    /// 20 characters), `time_range` (with a `start_time`), `location`, `attach` (256) and
    /// `notify_url` (256), and that no text has 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[
            ("service_id", &self.service_id),
            ("sign_plan_id", &self.sign_plan_id),
            ("appid", &self.appid),
            ("openid", &self.openid),
        ])?;
        check_plan_item_order!(self);
        Ok(())
    }
}

redacted_debug!(CreateSignPlanServiceOrder {
    service_id,
    sign_plan_id,
    plan_detail_no,
    appid,
    notify_url,
    service_introduction,
    time_range,
    location,
    attach,
    out_trade_no,
} redact { openid });

/// The checks the direct and partner sign-plan service orders share, on `$order` (fields
/// found by name), returning the first error from the enclosing function:
/// `service_introduction`, `time_range` (with its `start_time`), `location`, `attach` (256),
/// `notify_url` (256 on these pages) and `out_trade_no`.
macro_rules! check_plan_item_order {
    ($order:expr) => {{
        use $crate::types::{limit, optional_text, required_text};
        let order = &$order;
        $crate::types::service_introduction(&order.service_introduction)?;
        $crate::types::start_time_given(order.time_range.start_time.is_some())?;
        order.time_range.validate()?;
        order.location.as_ref().map_or(Ok(()), |location| location.validate())?;
        optional_text("attach", order.attach.as_ref(), Some(limit::ATTACH))?;
        required_text("notify_url", &order.notify_url, Some(limit::SIGN_PLAN_NOTIFY_URL))?;
        required_text("out_trade_no", &order.out_trade_no, None)?;
    }};
}
pub(super) use check_plan_item_order;

/// The risk fund of a sign-plan service order as WeChat answers it (服务风险金): only the
/// amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanRiskFund {
    /// Amount of the risk fund (风险金额), in fen.
    pub amount: Amount,
}

/// What WeChat answers to [`CreateSignPlanServiceOrder`]: the new service order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignPlanServiceOrder {
    /// The merchant's order number (商户订单号).
    pub out_order_no: String,
    /// Service id (服务ID).
    pub service_id: String,
    /// App ID (商户公众号ID).
    pub appid: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// What the order provides (服务信息).
    pub service_introduction: String,
    /// Order state (服务订单状态).
    pub state: ServiceOrderState,
    /// Detail of the state (订单状态说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// Fee items (后付费项目): the plan item's price.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (服务风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<PlanRiskFund>,
    /// Service period (服务时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service place (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Merchant data (附加数据).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The merchant's callback address (商户回调地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// WeChat's service order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    pub(crate) fn time_range() -> TimeRange {
        TimeRange::builder()
            .start_time("20091225091010".parse::<crate::ServiceTime>().unwrap())
            .end_time("20091225121010".parse().unwrap())
            .start_time_remark("备注1")
            .end_time_remark("备注2")
            .build()
    }

    pub(crate) fn location() -> Location {
        Location::builder()
            .start_location("嗨客时尚主题展餐厅")
            .end_location("嗨客时尚主题展餐厅")
            .build()
    }

    fn request() -> CreateSignPlanServiceOrder {
        CreateSignPlanServiceOrder::builder()
            .service_id("2002000000000558128851361561536")
            .sign_plan_id("01000033210000324638000000376258")
            .plan_detail_no(2)
            .appid("wxd678efh567hg6787")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .notify_url("https://api.test.com")
            .service_introduction("羽毛球课基础练习课程")
            .time_range(time_range())
            .location(location())
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .out_trade_no("1514323JSVDFE1243252")
            .build()
    }

    #[test]
    fn prepares_the_documented_request() {
        let request = request();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/serviceorder",
            concat!(
                r#"{"service_id":"2002000000000558128851361561536","#,
                r#""sign_plan_id":"01000033210000324638000000376258","plan_detail_no":2,"#,
                r#""appid":"wxd678efh567hg6787","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","#,
                r#""notify_url":"https://api.test.com","service_introduction":"羽毛球课基础练习课程","#,
                r#""time_range":{"start_time":"20091225091010","start_time_remark":"备注1","#,
                r#""end_time":"20091225121010","end_time_remark":"备注2"},"#,
                r#""location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"#,
                r#""attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","#,
                r#""out_trade_no":"1514323JSVDFE1243252"}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
    }

    #[test]
    fn validate_checks_the_documented_limits() {
        let mut bad = request();
        bad.service_introduction = "课".repeat(21);
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 20, .. })));
        let mut bad = request();
        bad.time_range.start_time = None;
        assert_eq!(
            bad.validate(),
            Err(ValidationError::Missing { field: "time_range.start_time".into() })
        );
        let mut bad = request();
        bad.notify_url = format!("https://api.test.com/{}", "a".repeat(235));
        assert_eq!(bad.notify_url.len(), 256);
        assert_eq!(bad.validate(), Ok(()));
        bad.notify_url.push('a');
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 256, .. })));
        let mut bad = request();
        bad.out_trade_no.clear();
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "out_trade_no".into() }));
    }

    #[test]
    fn debug_redacts_the_openid() {
        let shown = format!("{:?}", request());
        assert!(!shown.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{shown}");
        assert!(shown.contains("openid: <redacted>"), "{shown}");
        assert!(shown.contains("plan_detail_no: 2"), "{shown}");
    }

    /// An answer with every field of WeChat's answer table, filled with the values of the
    /// page's request example.
    pub(crate) const ANSWER: &str = r#"{"out_order_no":"1234323JKHDFE1243252",
        "service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787",
        "mchid":"1230000109","service_introduction":"羽毛球课基础练习课程","state":"DOING",
        "state_description":"USER_CONFIRM",
        "post_payments":[{"name":"第一节课","amount":27000,"description":"享9折优惠"}],
        "post_discounts":[{"name":"满20减1元","amount":100}],"risk_fund":{"amount":27000},
        "time_range":{"start_time":"20091225091010","end_time":"20091225121010",
          "start_time_remark":"备注1","end_time_remark":"备注2"},
        "location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},
        "attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","notify_url":"https://api.test.com",
        "order_id":"15646546545165651651"}"#;

    #[test]
    fn decodes_the_documented_answer() {
        let order: SignPlanServiceOrder = decode(ANSWER);
        assert_eq!(order.state, ServiceOrderState::Doing);
        assert_eq!(order.state_description, Some(StateDescription::UserConfirm));
        assert_eq!(order.post_payments[0].amount, Some(Amount::fen(27_000)));
        assert_eq!(order.post_discounts[0].name, "满20减1元");
        assert_eq!(order.risk_fund, Some(PlanRiskFund { amount: Amount::fen(27_000) }));
        assert_eq!(order.order_id.as_deref(), Some("15646546545165651651"));
        let minimal: SignPlanServiceOrder = decode(
            r#"{"out_order_no":"1","service_id":"2","appid":"3","mchid":"4",
                "service_introduction":"课","state":"CREATED"}"#,
        );
        assert!(minimal.post_payments.is_empty());
        assert_eq!(minimal.risk_fund, None);
    }
}
