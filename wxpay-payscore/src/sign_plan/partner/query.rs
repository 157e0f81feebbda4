//! `GET /v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PartnerUserSignPlan;
use crate::types::{ValidationError, required_text};

/// Queries a sub-merchant user's sign plan by the merchant's sign plan number
/// (查询用户的签约计划), partner mode; only the merchant that created it may.
///
/// `GET /v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-payscore-plan/partner-user-sign-plan/query-partner-user-sign-plan.html>
#[endpoint(
    GET,
    "v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/<merchant_sign_plan_no>",
    response = PartnerUserSignPlan
)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPartnerUserSignPlan {
    /// Path: the merchant's sign plan number (商户签约计划号).
    pub merchant_sign_plan_no: String,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
}

impl QueryPartnerUserSignPlan {
    /// Checks that `merchant_sign_plan_no` and `sub_mchid` are present, without 4-byte
    /// characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("merchant_sign_plan_no", &self.merchant_sign_plan_no, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_query_round_trips, assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let request = QueryPartnerUserSignPlan::builder()
            .merchant_sign_plan_no("1234323JKHDFE1243252")
            .sub_mchid("1900000109")
            .build();
        assert_request(
            &request,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/1234323JKHDFE1243252?sub_mchid=1900000109",
            "",
        );
        assert_query_round_trips(&request, &[("merchant_sign_plan_no", "1234323JKHDFE1243252")]);
        assert_eq!(request.validate(), Ok(()));
    }

    #[test]
    fn decodes_the_documented_answer() {
        let plan: PartnerUserSignPlan = decode(crate::sign_plan::partner::tests::SIGN_PLAN);
        assert_eq!(plan.merchant_sign_plan_no, "1234323JKHDFE1243252");
        assert_eq!(plan.sign_state, "UNSIGNED");
    }
}
