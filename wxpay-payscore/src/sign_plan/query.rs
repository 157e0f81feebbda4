//! `GET /v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::UserSignPlan;
use crate::types::{ValidationError, required_text};

/// Queries a user's sign plan by the merchant's sign plan number (查询用户的签约计划),
/// direct merchant; only the merchant that created it may.
///
/// `GET /v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/payscore-plan/user-sign-plan/query-user-sign-plan.html>
#[endpoint(
    GET,
    "v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/<merchant_sign_plan_no>",
    response = UserSignPlan
)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryUserSignPlan {
    /// Path: the merchant's sign plan number (商户签约计划号).
    pub merchant_sign_plan_no: String,
}

impl QueryUserSignPlan {
    /// Checks that `merchant_sign_plan_no` is present, without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("merchant_sign_plan_no", &self.merchant_sign_plan_no, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let request =
            QueryUserSignPlan::builder().merchant_sign_plan_no("1234323JKHDFE1243252").build();
        assert_request(
            &request,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/1234323JKHDFE1243252",
            "",
        );
        assert_eq!(request.validate(), Ok(()));
        let empty = QueryUserSignPlan::builder().merchant_sign_plan_no("").build();
        assert_eq!(
            empty.validate(),
            Err(ValidationError::Missing { field: "merchant_sign_plan_no".to_owned() })
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let plan: UserSignPlan = decode(crate::sign_plan::tests::SIGN_PLAN);
        assert_eq!(plan.plan_id, "01000033210000324638000000376258");
        assert_eq!(plan.sign_time.as_deref(), Some("2021-05-20T13:29:35.120+08:00"));
    }
}
