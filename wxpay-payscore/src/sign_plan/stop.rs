//! `POST /v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}/stop`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::UserSignPlan;
use crate::types::{ValidationError, required_text};

/// Stops a user's sign plan (直连商户取消用户的签约计划), direct merchant; only the merchant
/// that created it may. WeChat answers the stopped sign plan (not 204).
///
/// `POST /v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}/stop`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/payscore-plan/user-sign-plan/stop-user-sign-plan.html>
#[endpoint(
    POST,
    "v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/<merchant_sign_plan_no>/stop",
    response = UserSignPlan
)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StopUserSignPlan {
    /// Path: the merchant's sign plan number (商户侧签约计划号); never sent in the body.
    pub merchant_sign_plan_no: String,
    /// Why the sign plan stops (停止签约计划原因).
    pub stop_reason: String,
}

impl StopUserSignPlan {
    /// Checks that `merchant_sign_plan_no` and `stop_reason` are present, without 4-byte
    /// characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("merchant_sign_plan_no", &self.merchant_sign_plan_no, None)?;
        required_text("stop_reason", &self.stop_reason, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let request = StopUserSignPlan::builder()
            .merchant_sign_plan_no("1234323JKHDFE1243252")
            .stop_reason("用户协商后停止")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/1234323JKHDFE1243252/stop",
            r#"{"stop_reason":"用户协商后停止"}"#,
        );
        assert_path_fields_not_in_body(
            &request,
            &[("merchant_sign_plan_no", "1234323JKHDFE1243252")],
        );
        assert_eq!(request.validate(), Ok(()));
    }

    #[test]
    fn decodes_the_stopped_sign_plan() {
        let plan: UserSignPlan = decode(crate::sign_plan::tests::SIGN_PLAN);
        assert_eq!(plan.merchant_sign_plan_no, "1234323JKHDFE1243252");
        assert_eq!(plan.cancel_reason.as_deref(), Some("用户放弃课程"));
    }
}
