//! `POST /v3/payscore/plan/payscore-plans`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use super::PayScorePlan;
use crate::types::{Amount, ValidationError, required_text};

/// Creates a PayScore plan (创建支付分计划), direct merchant.
///
/// `POST /v3/payscore/plan/payscore-plans`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/payscore-plan/pay-score-plan/create-pay-score-plan.html>
///
/// Needs a service with the 按计划确认 permission.
#[endpoint(POST, "v3/payscore/plan/payscore-plans", response = PayScorePlan)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePayScorePlan {
    /// The service the plan belongs to (计划所属服务).
    pub service_id: String,
    /// App ID (AppID).
    pub appid: String,
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

impl CreatePayScorePlan {
    /// Checks that the ids, name and plan number are present (no 4-byte characters) and
    /// every item has a name.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("appid", &self.appid, None)?;
        required_text("plan_name", &self.plan_name, None)?;
        required_text("merchant_plan_no", &self.merchant_plan_no, None)?;
        for detail in &self.plan_detail_list {
            required_text("plan_detail_name", &detail.plan_detail_name, None)?;
        }
        Ok(())
    }
}

/// One item of a plan being created (计划明细).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PlanDetail {
    /// Original price (计划明细原支付金额), in fen.
    pub original_price: Amount,
    /// Discount description (计划明细优惠说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_discount_description: Option<String>,
    /// Price actually charged (计划明细实际支付金额), in fen.
    pub actual_price: Amount,
    /// Item name (计划明细名称).
    pub plan_detail_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        let request = CreatePayScorePlan::builder()
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .plan_name("瑜伽课20节")
            .plan_duration(300)
            .deduction_quantity(10)
            .total_original_price(Amount::fen(15_000))
            .total_actual_price(Amount::fen(15_000))
            .plan_detail_list(vec![
                PlanDetail::builder()
                    .original_price(Amount::fen(15_000))
                    .plan_discount_description("享受九折")
                    .actual_price(Amount::fen(14_000))
                    .plan_detail_name("第八节课")
                    .build(),
            ])
            .merchant_plan_no("1234323JKHDFE1243252")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/plan/payscore-plans",
            concat!(
                r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","#,
                r#""plan_name":"瑜伽课20节","plan_duration":300,"deduction_quantity":10,"#,
                r#""total_original_price":15000,"total_actual_price":15000,"plan_detail_list":[{"#,
                r#""original_price":15000,"plan_discount_description":"享受九折","actual_price":14000,"#,
                r#""plan_detail_name":"第八节课"}],"merchant_plan_no":"1234323JKHDFE1243252"}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
    }
}
