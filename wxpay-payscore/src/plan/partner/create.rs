//! `POST /v3/payscore/plan/partner/payscore-plans`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PartnerPayScorePlan;
use crate::plan::PlanDetail;
use crate::types::{Amount, ValidationError, required_text};

/// Creates a PayScore plan for a sub-merchant (创建支付分计划), partner mode.
///
/// `POST /v3/payscore/plan/partner/payscore-plans`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-payscore-plan/partner-pay-score-plan/create-partner-pay-score-plan.html>
#[endpoint(POST, "v3/payscore/plan/partner/payscore-plans", response = PartnerPayScorePlan)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePartnerPayScorePlan {
    /// The service the plan belongs to (计划所属服务).
    pub service_id: String,
    /// The service provider's app ID (服务商的 AppID).
    pub appid: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户的 AppID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Plan name (支付分计划名称).
    pub plan_name: String,
    /// Validity in days (支付分计划有效期, 单位天).
    pub plan_duration: u32,
    /// Number of charges (支付分计划扣费次数).
    pub deduction_quantity: u32,
    /// Original total (支付分计划原总金额), in fen.
    pub total_original_price: Amount,
    /// Total actually charged (支付分计划实际扣费总金额), in fen.
    pub total_actual_price: Amount,
    /// The plan's items (支付分计划明细列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub plan_detail_list: Vec<PlanDetail>,
    /// The merchant's plan number (商户侧计划号).
    pub merchant_plan_no: String,
}

impl CreatePartnerPayScorePlan {
    /// Checks that the ids, name and plan number are present (no 4-byte characters) and
    /// every item has a name.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("appid", &self.appid, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        required_text("plan_name", &self.plan_name, None)?;
        required_text("merchant_plan_no", &self.merchant_plan_no, None)?;
        for detail in &self.plan_detail_list {
            required_text("plan_detail_name", &detail.plan_detail_name, None)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        let request = CreatePartnerPayScorePlan::builder()
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6787")
            .plan_name("瑜伽课20节")
            .plan_duration(300)
            .deduction_quantity(10)
            .total_original_price(Amount::fen(15_000))
            .total_actual_price(Amount::fen(15_000))
            .merchant_plan_no("1234323JKHDFE1243252")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/plan/partner/payscore-plans",
            concat!(
                r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","#,
                r#""sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6787","plan_name":"瑜伽课20节","#,
                r#""plan_duration":300,"deduction_quantity":10,"total_original_price":15000,"#,
                r#""total_actual_price":15000,"merchant_plan_no":"1234323JKHDFE1243252"}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
    }
}
