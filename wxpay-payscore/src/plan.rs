//! PayScore plans (支付分计划), direct merchant: `/v3/payscore/plan/payscore-plans...`.
//!
//! A plan fixes, for a service with the 按计划确认 permission, how many times and how
//! much a user will be charged (e.g. 瑜伽课20节). Create it ([`CreatePayScorePlan`]), read it
//! ([`QueryPayScorePlan`]) and stop it ([`StopPayScorePlan`]); all three answer a
//! [`PayScorePlan`].

mod create;
pub mod partner;
mod query;
mod stop;

pub use create::{CreatePayScorePlan, PlanDetail};
pub use query::QueryPayScorePlan;
pub use stop::StopPayScorePlan;

use serde::{Deserialize, Serialize};

use crate::types::Amount;

/// A PayScore plan as WeChat answers it (支付分计划): the answer of create, query and stop,
/// which WeChat documents with the same fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayScorePlan {
    /// WeChat's plan id (支付分计划ID).
    pub plan_id: String,
    /// The service the plan belongs to (计划所属服务).
    pub service_id: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// App ID (AppID).
    pub appid: String,
    /// The merchant's plan number (商户侧计划号).
    pub merchant_plan_no: String,
    /// Plan name (支付分计划名称).
    pub plan_name: String,
    /// Validity in days (支付分计划有效期, 单位天).
    pub plan_duration: u32,
    /// Plan state (支付分计划状态), as WeChat sends it.
    pub plan_state: String,
    /// Original total (支付分计划原总金额), in fen.
    pub total_original_price: Amount,
    /// Number of charges (支付分计划扣费次数).
    pub deduction_quantity: u32,
    /// Total actually charged (支付分计划实际扣费总金额), in fen.
    pub total_actual_price: Amount,
    /// The plan's items (支付分计划明细列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_detail_list: Vec<PlanDetailRecord>,
    /// The merchant that stopped the plan (终止方商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_mchid: Option<String>,
    /// When the plan was stopped (终止时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_time: Option<String>,
}

/// One item of a [`PayScorePlan`] as WeChat answers it (计划明细).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanDetailRecord {
    /// Item number (计划明细序号).
    pub plan_detail_no: u32,
    /// Item name (计划明细名称).
    pub plan_detail_name: String,
    /// Original price (计划明细原支付金额), in fen.
    pub original_price: Amount,
    /// Discount description (计划明细优惠说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_discount_description: Option<String>,
    /// Price actually charged (计划明细实际支付金额), in fen.
    pub actual_price: Amount,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::decode;

    /// The answer WeChat documents for create, query and stop, filled with the documented
    /// example values.
    pub(crate) const ANSWER: &str = r#"{"plan_id":"98765432345678","service_id":"2002000000000558128851361561536",
        "mchid":"1230000109","appid":"wxd678efh567hg6787","merchant_plan_no":"1234323JKHDFE1243252",
        "plan_name":"瑜伽课20节","plan_duration":300,"plan_state":"VALID","total_original_price":15000,
        "deduction_quantity":10,"total_actual_price":15000,
        "plan_detail_list":[{"plan_detail_no":1,"plan_detail_name":"第八节课","original_price":15000,
          "plan_discount_description":"享受九折","actual_price":14000}],
        "stop_mchid":"1230000109","stop_time":"2020-09-29T11:20:50+08:00"}"#;

    #[test]
    fn decodes_the_documented_answer() {
        let plan: PayScorePlan = decode(ANSWER);
        assert_eq!(plan.plan_id, "98765432345678");
        assert_eq!(plan.plan_duration, 300);
        assert_eq!(plan.deduction_quantity, 10);
        assert_eq!(plan.total_actual_price, Amount::fen(15_000));
        assert_eq!(plan.plan_detail_list[0].actual_price, Amount::fen(14_000));
        assert_eq!(plan.plan_detail_list[0].plan_detail_no, 1);
        assert_eq!(plan.stop_mchid.as_deref(), Some("1230000109"));
    }
}
