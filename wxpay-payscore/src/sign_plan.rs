//! Users' sign plans (签约计划), direct merchant: `/v3/payscore/sign-plan/user-sign-plans...`
//! and the service order of a plan item, `/v3/payscore/sign-plan/serviceorder`.
//!
//! A sign plan puts one user on a PayScore plan (支付分计划) the merchant created and that is
//! in force. Create it ([`CreateUserSignPlan`], answering a [`CreatedUserSignPlan`] with the
//! `package` that opens WeChat's signing mini program), read it ([`QueryUserSignPlan`]) and
//! stop it ([`StopUserSignPlan`]); query and stop answer a [`UserSignPlan`]. Each item of a
//! signed plan is then served by a service order created with [`CreateSignPlanServiceOrder`]
//! (`POST /v3/payscore/sign-plan/serviceorder`). Partner mode is in [`partner`].

mod create;
pub mod partner;
mod query;
mod service_order;
mod stop;

pub use create::{CreateUserSignPlan, CreatedUserSignPlan, SignPlanDetail};
pub use query::QueryUserSignPlan;
pub use service_order::{CreateSignPlanServiceOrder, PlanRiskFund, SignPlanServiceOrder};
pub use stop::StopUserSignPlan;

use serde::{Deserialize, Serialize};

use crate::types::{Amount, redacted_debug};

/// A user's sign plan as WeChat answers it (用户的签约计划): the answer of query and stop,
/// and the `sign_plan` of create's answer, which WeChat documents with the same fields.
///
/// `Debug` redacts `openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserSignPlan {
    /// WeChat's sign plan id (计划签约ID).
    pub sign_plan_id: String,
    /// The user's openid under `appid` (签约计划用户应用下的 OpenID). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The service the plan belongs to (计划所属服务).
    pub service_id: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// App ID (AppID).
    pub appid: String,
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

redacted_debug!(UserSignPlan {
    sign_plan_id,
    service_id,
    mchid,
    appid,
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
} redact { openid });

/// One item of a [`UserSignPlan`] as WeChat answers it (签约计划明细).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignedPlanDetail {
    /// Item number (计划明细序号).
    pub plan_detail_no: u32,
    /// Original price (计划明细原支付金额), in fen.
    pub original_price: Amount,
    /// Discount description (计划明细优惠说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_discount_description: Option<String>,
    /// Price to charge (计划明细实际支付金额), in fen.
    pub actual_price: Amount,
    /// Item state (计划明细状态), as WeChat sends it (e.g. `NOT_USED`).
    pub plan_detail_state: String,
    /// The PayScore service order of the item (计划明细对应的支付分服务单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The merchant's number for the item's order (商户侧计划明细使用订单号).
    pub merchant_plan_detail_no: String,
    /// Item name (计划详情名称).
    pub plan_detail_name: String,
    /// Amount the item's order actually paid (计划明细对应订单实际支付金额), in fen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_pay_price: Option<Amount>,
    /// When the item was used (详情使用时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_time: Option<String>,
    /// When the item was completed (详情完成时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_time: Option<String>,
    /// When the item was cancelled (详情取消时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_time: Option<String>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::decode;

    /// The sign plan WeChat documents for create, query and stop, filled with the documented
    /// example values.
    pub(crate) const SIGN_PLAN: &str = r#"{"sign_plan_id":"01010033210001424338000019876258",
        "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","service_id":"2002000000000558128851361561536",
        "mchid":"1900000109","appid":"wxd678efh567hg6787","merchant_sign_plan_no":"1234323JKHDFE1243252",
        "merchant_callback_url":"https://api.test.com","plan_id":"01000033210000324638000000376258",
        "going_detail_no":2,"sign_state":"UNSIGNED","cancel_sign_time":"2021-05-20T13:29:35.120+08:00",
        "cancel_sign_type":"NOT_CANCEL","cancel_reason":"用户放弃课程","plan_name":"瑜伽晨练课10次",
        "plan_over_time":"2021-05-20T13:29:35.120+08:00","total_origin_price":150000,
        "deduction_quantity":10,"total_actual_price":120000,
        "signed_detail_list":[{"plan_detail_no":1,"original_price":30000,
          "plan_discount_description":"享9折优惠","actual_price":27000,"plan_detail_state":"NOT_USED",
          "order_id":"0000300001201908301055157220022","merchant_plan_detail_no":"1234323JKHDFE1243252",
          "plan_detail_name":"第一节课","actual_pay_price":50000,"use_time":"2021-05-20T13:29:35.120+08:00",
          "complete_time":"2021-05-20T13:29:35.120+08:00","cancel_time":"2021-05-20T13:29:35.120+08:00"}],
        "sign_time":"2021-05-20T13:29:35.120+08:00"}"#;

    #[test]
    fn decodes_the_documented_sign_plan() {
        let plan: UserSignPlan = decode(SIGN_PLAN);
        assert_eq!(plan.sign_plan_id, "01010033210001424338000019876258");
        assert_eq!(plan.going_detail_no, 2);
        assert_eq!(plan.total_origin_price, Amount::fen(150_000));
        assert_eq!(plan.total_actual_price, Amount::fen(120_000));
        assert_eq!(plan.cancel_sign_type.as_deref(), Some("NOT_CANCEL"));
        let detail = &plan.signed_detail_list[0];
        assert_eq!(detail.actual_price, Amount::fen(27_000));
        assert_eq!(detail.actual_pay_price, Some(Amount::fen(50_000)));
        assert_eq!(detail.plan_detail_state, "NOT_USED");
    }

    #[test]
    fn decodes_the_required_fields_only() {
        let plan: UserSignPlan = decode(
            r#"{"sign_plan_id":"1","service_id":"2","mchid":"3","appid":"4",
                "merchant_sign_plan_no":"5","merchant_callback_url":"https://api.test.com",
                "plan_id":"6","going_detail_no":1,"sign_state":"SIGNED","plan_name":"课",
                "plan_over_time":"2021-05-20T13:29:35.120+08:00","total_origin_price":1,
                "deduction_quantity":1,"total_actual_price":1}"#,
        );
        assert_eq!(plan.openid, None);
        assert!(plan.signed_detail_list.is_empty());
        assert_eq!(plan.sign_time, None);
    }

    #[test]
    fn debug_redacts_the_openid() {
        let plan: UserSignPlan = decode(SIGN_PLAN);
        let shown = format!("{plan:?}");
        assert!(!shown.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{shown}");
        assert!(shown.contains("openid: Some(<redacted>)"), "{shown}");
        assert!(shown.contains("01010033210001424338000019876258"), "{shown}");
    }
}
