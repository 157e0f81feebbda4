//! Users' sign plans (签约计划), partner mode:
//! `/v3/payscore/sign-plan/partner/user-sign-plans...`.
//!
//! As [`crate::sign_plan`], acting for a sub-merchant (`sub_mchid`); the answers add
//! `sub_mchid`, `sub_appid` and `sub_openid` ([`PartnerUserSignPlan`]). A plan item's service
//! order: [`CreatePartnerSignPlanServiceOrder`] (`POST /v3/payscore/sign-plan/partner/serviceorder`).

mod create;
mod query;
mod service_order;
mod stop;

pub use create::{CreatePartnerUserSignPlan, CreatedPartnerUserSignPlan};
pub use query::QueryPartnerUserSignPlan;
pub use service_order::{CreatePartnerSignPlanServiceOrder, PartnerSignPlanServiceOrder};
pub use stop::StopPartnerUserSignPlan;

use serde::{Deserialize, Serialize};

use super::SignedPlanDetail;
use crate::types::{Amount, redacted_debug};

/// A user's sign plan as WeChat answers it in partner mode (用户的签约计划): the answer of
/// query and stop, and the `sign_plan` of create's answer.
///
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PartnerUserSignPlan {
    /// WeChat's sign plan id (计划签约ID).
    pub sign_plan_id: String,
    /// The user's openid under the service provider's `appid` (签约计划用户服务商应用下的 OpenID).
    /// Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (签约计划用户子商户应用下的 OpenID). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// The service the plan belongs to (计划所属服务).
    pub service_id: String,
    /// The service provider's merchant id (服务商商户号).
    pub mchid: String,
    /// Sub-merchant id (子商户商户号).
    pub sub_mchid: String,
    /// The service provider's app ID (服务商 AppID).
    pub appid: String,
    /// Sub-merchant app ID (子商户 AppID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The merchant's sign plan number (商户侧签约计划号).
    pub merchant_sign_plan_no: String,
    /// The merchant's callback address (商户回调地址).
    pub merchant_callback_url: String,
    /// The plan signed (签约所属计划ID).
    pub plan_id: String,
    /// The item the user has reached (目前用户进行到的计划详情序号).
    pub going_detail_no: u32,
    /// Sign state (计划签约状态), as WeChat sends it (e.g. `UNSIGNED`).
    pub sign_state: String,
    /// When the sign plan was cancelled (签约计划取消时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_sign_time: Option<String>,
    /// How it was cancelled (签约计划取消类型), as WeChat sends it (e.g. `NOT_CANCEL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_sign_type: Option<String>,
    /// Why it was cancelled (签约计划取消原因).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// Plan name (签约计划的名称).
    pub plan_name: String,
    /// When the sign plan expires (签约计划的过期时间).
    pub plan_over_time: String,
    /// Original total (签约计划原总金额), in fen.
    pub total_origin_price: Amount,
    /// Number of charges (签约计划扣费次数).
    pub deduction_quantity: u32,
    /// Actual total (签约计划实际总金额), in fen.
    pub total_actual_price: Amount,
    /// The sign plan's items (签约计划明细列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signed_detail_list: Vec<SignedPlanDetail>,
    /// When the user signed (签约时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_time: Option<String>,
}

redacted_debug!(PartnerUserSignPlan {
    sign_plan_id,
    service_id,
    mchid,
    sub_mchid,
    appid,
    sub_appid,
    merchant_sign_plan_no,
    merchant_callback_url,
    plan_id,
    going_detail_no,
    sign_state,
    cancel_sign_time,
    cancel_sign_type,
    cancel_reason,
    plan_name,
    plan_over_time,
    total_origin_price,
    deduction_quantity,
    total_actual_price,
    signed_detail_list,
    sign_time,
} redact { openid, sub_openid });

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::decode;

    /// The partner sign plan WeChat documents for create, query and stop, filled with the
    /// documented example values (`sub_openid` changed so the two openids differ).
    pub(crate) const SIGN_PLAN: &str = r#"{"sign_plan_id":"01010033210001424338000019876258",
        "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6x",
        "service_id":"2002000000000558128851361561536","mchid":"1900000109","sub_mchid":"1900000109",
        "appid":"wxd678efh567hg6787","sub_appid":"wxd678efh567hg6787",
        "merchant_sign_plan_no":"1234323JKHDFE1243252","merchant_callback_url":"https://api.test.com",
        "plan_id":"01000033210000324638000000376258","going_detail_no":2,"sign_state":"UNSIGNED",
        "cancel_sign_time":"2021-05-20T13:29:35.120+08:00","cancel_sign_type":"NOT_CANCEL",
        "cancel_reason":"用户放弃课程","plan_name":"瑜伽晨练课10次",
        "plan_over_time":"2021-05-20T13:29:35.120+08:00","total_origin_price":150000,
        "deduction_quantity":10,"total_actual_price":120000,
        "signed_detail_list":[{"plan_detail_no":1,"original_price":30000,
          "plan_discount_description":"享9折优惠","actual_price":27000,"plan_detail_state":"NOT_USED",
          "order_id":"0000300001201908301055157220022","merchant_plan_detail_no":"1234323JKHDFE1243252",
          "plan_detail_name":"第一节课","actual_pay_price":50000}],
        "sign_time":"2021-05-20T13:29:35.120+08:00"}"#;

    #[test]
    fn decodes_the_documented_sign_plan() {
        let plan: PartnerUserSignPlan = decode(SIGN_PLAN);
        assert_eq!(plan.sub_mchid, "1900000109");
        assert_eq!(plan.sub_appid.as_deref(), Some("wxd678efh567hg6787"));
        assert_eq!(plan.total_actual_price, Amount::fen(120_000));
        assert_eq!(plan.signed_detail_list[0].use_time, None);
    }

    #[test]
    fn debug_redacts_both_openids() {
        let shown = format!("{:?}", decode::<PartnerUserSignPlan>(SIGN_PLAN));
        assert!(!shown.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6"), "{shown}");
        assert!(shown.contains("sub_openid: Some(<redacted>)"), "{shown}");
        assert!(shown.contains("sub_mchid: \"1900000109\""), "{shown}");
    }
}
