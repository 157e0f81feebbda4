//! `GET /v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PayScorePlan;
use crate::types::{ValidationError, required_text};

/// Queries a PayScore plan by the merchant's plan number (查询支付分计划), direct merchant;
/// only plans the merchant created.
///
/// `GET /v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/payscore-plan/pay-score-plan/query-pay-score-plan.html>
#[endpoint(GET, "v3/payscore/plan/payscore-plans/merchant-plan-no/<merchant_plan_no>", response = PayScorePlan)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPayScorePlan {
    /// Path: the merchant's plan number (支付分计划商户侧单号).
    pub merchant_plan_no: String,
}

impl QueryPayScorePlan {
    /// Checks that `merchant_plan_no` is present, without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("merchant_plan_no", &self.merchant_plan_no, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        let request = QueryPayScorePlan::builder().merchant_plan_no("1234323JKHDFE1243252").build();
        assert_request(
            &request,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/plan/payscore-plans/merchant-plan-no/1234323JKHDFE1243252",
            "",
        );
        assert_eq!(request.validate(), Ok(()));
    }
}
