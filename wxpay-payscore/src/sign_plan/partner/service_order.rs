//! `POST /v3/payscore/sign-plan/partner/serviceorder`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use crate::{
    sign_plan::{PlanRiskFund, service_order::check_plan_item_order},
    types::{
        Discount, Location, Payment, ServiceOrderState, StartTime, StateDescription, TimeRange,
        ValidationError, ids, optional_text, redacted_debug, sub_appid_with_sub_openid,
    },
};

/// Creates the service order of one item of a user's sign plan for a sub-merchant
/// (创建用户的签约计划服务订单), partner mode.
///
/// `POST /v3/payscore/sign-plan/partner/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-payscore-plan/partner-service-order/create-partner-service-order.html>
///
/// The rules of [`crate::sign_plan::CreateSignPlanServiceOrder`] apply: one item in service at a
/// time, items in order, `out_trade_no` equal to the item's `merchant_plan_detail_no`. The
/// order then goes on as any partner service order ([`crate::partner::service_order`]).
/// `Debug` redacts `openid` and `sub_openid`.
#[endpoint(
    POST,
    "v3/payscore/sign-plan/partner/serviceorder",
    response = PartnerSignPlanServiceOrder
)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePartnerSignPlanServiceOrder {
    /// PayScore service id (支付分服务ID): the service of the sign plan's PayScore plan.
    pub service_id: String,
    /// The user's sign plan (待创建服务订单对应的用户的签约计划).
    pub sign_plan_id: String,
    /// The item of the sign plan to serve (待创建服务订单对应的用户的签约计划详情序号), from 1.
    pub plan_detail_no: u32,
    /// The service provider's app ID (服务商的 AppID).
    pub appid: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The sub-merchant's app ID (子商户的 AppID); required with `sub_openid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The user's openid under `appid` (服务商公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (子商户公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
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

impl CreatePartnerSignPlanServiceOrder {
    /// As [`crate::sign_plan::CreateSignPlanServiceOrder::validate`], with `sub_mchid`
    /// required, an `openid` or a `sub_openid`, and `sub_appid` with `sub_openid`.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        ids(&[
            ("service_id", &self.service_id),
            ("sign_plan_id", &self.sign_plan_id),
            ("appid", &self.appid),
            ("sub_mchid", &self.sub_mchid),
        ])?;
        optional_text("sub_appid", self.sub_appid.as_ref(), None)?;
        optional_text("openid", self.openid.as_ref(), None)?;
        optional_text("sub_openid", self.sub_openid.as_ref(), None)?;
        if self.openid.is_none() && self.sub_openid.is_none() {
            return Err(ValidationError::Missing { field: "openid".into() });
        }
        sub_appid_with_sub_openid(self.sub_appid.as_ref(), self.sub_openid.as_ref())?;
        check_plan_item_order!(self);
        Ok(())
    }
}

redacted_debug!(CreatePartnerSignPlanServiceOrder {
    service_id,
    sign_plan_id,
    plan_detail_no,
    appid,
    sub_mchid,
    sub_appid,
    notify_url,
    service_introduction,
    time_range,
    location,
    attach,
    out_trade_no,
} redact { openid, sub_openid });

/// What WeChat answers to [`CreatePartnerSignPlanServiceOrder`]: the new service order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PartnerSignPlanServiceOrder {
    /// The merchant's order number (商户订单号).
    pub out_order_no: String,
    /// Service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商公众号ID).
    pub appid: String,
    /// The service provider's merchant id (服务商商户号).
    pub mchid: String,
    /// Sub-merchant app ID (子商户公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户商户号).
    pub sub_mchid: String,
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
mod tests {
    use super::*;
    use crate::{
        Amount,
        sign_plan::service_order::tests::{ANSWER, location, time_range},
        test_support::{assert_request, decode},
    };

    fn request() -> CreatePartnerSignPlanServiceOrder {
        CreatePartnerSignPlanServiceOrder::builder()
            .service_id("2002000000000558128851361561536")
            .sign_plan_id("01000033210000324638000000376258")
            .plan_detail_no(2)
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6999")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .sub_openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6x")
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
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/partner/serviceorder",
            concat!(
                r#"{"service_id":"2002000000000558128851361561536","#,
                r#""sign_plan_id":"01000033210000324638000000376258","plan_detail_no":2,"#,
                r#""appid":"wxd678efh567hg6787","sub_mchid":"1900000109","#,
                r#""sub_appid":"wxd678efh567hg6999","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","#,
                r#""sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6x","#,
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
    fn validate_wants_an_openid_and_sub_appid_with_sub_openid() {
        let mut bad = request();
        bad.openid = None;
        bad.sub_openid = None;
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "openid".into() }));
        let mut bad = request();
        bad.sub_appid = None;
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "sub_appid".into() }));
        let mut only_openid = request();
        only_openid.sub_appid = None;
        only_openid.sub_openid = None;
        assert_eq!(only_openid.validate(), Ok(()));
        let mut bad = request();
        bad.sub_mchid.clear();
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "sub_mchid".into() }));
    }

    #[test]
    fn debug_redacts_both_openids() {
        let shown = format!("{:?}", request());
        assert!(!shown.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6"), "{shown}");
        assert!(shown.contains("sub_openid: Some(<redacted>)"), "{shown}");
        assert!(shown.contains("sub_mchid: \"1900000109\""), "{shown}");
    }

    #[test]
    fn decodes_the_documented_answer() {
        let answer = ANSWER.replacen(
            r#""mchid":"1230000109","#,
            r#""mchid":"1230000109","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109","#,
            1,
        );
        let order: PartnerSignPlanServiceOrder = decode(&answer);
        assert_eq!(order.sub_mchid, "1900000109");
        assert_eq!(order.sub_appid.as_deref(), Some("wxd678efh567hg6999"));
        assert_eq!(order.post_payments[0].amount, Some(Amount::fen(27_000)));
        assert_eq!(order.state, ServiceOrderState::Doing);
    }
}
