//! `POST /v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}/stop`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PartnerUserSignPlan;
use crate::types::{ValidationError, required_text};

/// Stops a sub-merchant user's sign plan (取消用户的签约计划), partner mode; only the
/// merchant that created it may. WeChat answers the stopped sign plan (not 204).
///
/// `POST /v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/{merchant_sign_plan_no}/stop`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-payscore-plan/partner-user-sign-plan/stop-partner-user-sign-plan.html>
#[endpoint(
    POST,
    "v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/<merchant_sign_plan_no>/stop",
    response = PartnerUserSignPlan
)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StopPartnerUserSignPlan {
    /// Path: the merchant's sign plan number (商户侧签约计划号); never sent in the body.
    pub merchant_sign_plan_no: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Why the sign plan stops (停止签约计划原因).
    pub stop_reason: String,
}

impl StopPartnerUserSignPlan {
    /// Checks that `merchant_sign_plan_no`, `sub_mchid` and `stop_reason` are present,
    /// without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("merchant_sign_plan_no", &self.merchant_sign_plan_no, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        required_text("stop_reason", &self.stop_reason, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let request = StopPartnerUserSignPlan::builder()
            .merchant_sign_plan_no("1234323JKHDFE1243252")
            .sub_mchid("1900000109")
            .stop_reason("用户协商后停止")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/1234323JKHDFE1243252/stop",
            r#"{"sub_mchid":"1900000109","stop_reason":"用户协商后停止"}"#,
        );
        assert_path_fields_not_in_body(
            &request,
            &[("merchant_sign_plan_no", "1234323JKHDFE1243252")],
        );
        assert_eq!(request.validate(), Ok(()));
    }

    #[test]
    fn decodes_the_stopped_sign_plan() {
        let plan: PartnerUserSignPlan = decode(crate::sign_plan::partner::tests::SIGN_PLAN);
        assert_eq!(plan.cancel_reason.as_deref(), Some("用户放弃课程"));
        assert_eq!(plan.sub_mchid, "1900000109");
    }
}
