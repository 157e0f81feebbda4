//! `GET /v3/payscore/plan/partner/payscore-plans/merchant-plan-no/{merchant_plan_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PartnerPayScorePlan;
use crate::types::{ValidationError, required_text};

/// Queries a sub-merchant's PayScore plan by the merchant's plan number (查询支付分计划),
/// partner mode.
///
/// `GET /v3/payscore/plan/partner/payscore-plans/merchant-plan-no/{merchant_plan_no}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-payscore-plan/partner-pay-score-plan/query-partner-pay-score-plan.html>
#[endpoint(GET, "v3/payscore/plan/partner/payscore-plans/merchant-plan-no/<merchant_plan_no>", response = PartnerPayScorePlan)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPartnerPayScorePlan {
    /// Path: the merchant's plan number (支付分计划商户侧单号).
    pub merchant_plan_no: String,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
}

impl QueryPartnerPayScorePlan {
    /// Checks that `merchant_plan_no` and `sub_mchid` are present, without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("merchant_plan_no", &self.merchant_plan_no, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        let request = QueryPartnerPayScorePlan::builder()
            .merchant_plan_no("1234323JKHDFE1243252")
            .sub_mchid("1900000109")
            .build();
        assert_request(
            &request,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/plan/partner/payscore-plans/merchant-plan-no/1234323JKHDFE1243252?sub_mchid=1900000109",
            "",
        );
        assert_eq!(request.validate(), Ok(()));
    }
}
