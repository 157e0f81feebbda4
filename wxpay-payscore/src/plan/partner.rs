//! PayScore plans (支付分计划), partner mode: `/v3/payscore/plan/partner/payscore-plans...`.
//!
//! As [`crate::plan`], acting for a sub-merchant (`sub_mchid`); the answers add `sub_mchid`
//! and `sub_appid` ([`PartnerPayScorePlan`]).

mod create;
mod query;
mod stop;

pub use create::CreatePartnerPayScorePlan;
pub use query::QueryPartnerPayScorePlan;
pub use stop::StopPartnerPayScorePlan;

use serde::{Deserialize, Serialize};

use super::PlanDetailRecord;
use crate::types::Amount;

/// A PayScore plan as WeChat answers it in partner mode (支付分计划): the answer of create,
/// query and stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PartnerPayScorePlan {
    /// WeChat's plan id (支付分计划ID).
    pub plan_id: String,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::decode;

    #[test]
    fn decodes_the_documented_answer() {
        let plan: PartnerPayScorePlan = decode(
            r#"{"plan_id":"98765432345678","service_id":"2002000000000558128851361561536",
                "mchid":"1230000109","sub_mchid":"1900000109","appid":"wxd678efh567hg6787",
                "sub_appid":"wxd678efh567hg6787","merchant_plan_no":"1234323JKHDFE1243252",
                "plan_name":"瑜伽课20节","plan_duration":300,"plan_state":"VALID",
                "total_original_price":15000,"deduction_quantity":10,"total_actual_price":15000,
                "plan_detail_list":[{"plan_detail_no":1,"plan_detail_name":"第八节课",
                  "original_price":15000,"plan_discount_description":"享受九折","actual_price":14000}]}"#,
        );
        assert_eq!(plan.sub_mchid, "1900000109");
        assert_eq!(plan.plan_detail_list[0].original_price, Amount::fen(15_000));
        assert_eq!(plan.stop_time, None);
    }
}
