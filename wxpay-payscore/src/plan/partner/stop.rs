//! `POST /v3/payscore/plan/partner/payscore-plans/merchant-plan-no/{merchant_plan_no}/stop`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PartnerPayScorePlan;
use crate::types::{ValidationError, required_text};

/// Stops a sub-merchant's plan in force (停止支付分计划), partner mode. WeChat answers the
/// stopped plan (not 204).
///
/// `POST /v3/payscore/plan/partner/payscore-plans/merchant-plan-no/{merchant_plan_no}/stop`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-payscore-plan/partner-pay-score-plan/stop-partner-pay-score-plan.html>
#[endpoint(POST, "v3/payscore/plan/partner/payscore-plans/merchant-plan-no/<merchant_plan_no>/stop", response = PartnerPayScorePlan)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StopPartnerPayScorePlan {
    /// Path: the merchant's plan number (商户支付分计划对应的计划号).
    pub merchant_plan_no: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
}

impl StopPartnerPayScorePlan {
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
    use crate::test_support::{assert_path_fields_not_in_body, assert_request};

    #[test]
    fn prepares_the_request() {
        let request = StopPartnerPayScorePlan::builder()
            .merchant_plan_no("1234323JKHDFE1243252")
            .sub_mchid("1900000109")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/plan/partner/payscore-plans/merchant-plan-no/1234323JKHDFE1243252/stop",
            r#"{"sub_mchid":"1900000109"}"#,
        );
        assert_path_fields_not_in_body(&request, &[("merchant_plan_no", "1234323JKHDFE1243252")]);
        assert_eq!(request.validate(), Ok(()));
    }
}
