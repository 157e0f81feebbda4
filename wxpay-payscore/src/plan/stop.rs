//! `POST /v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}/stop`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PayScorePlan;
use crate::types::{ValidationError, required_text};

/// Stops a plan in force (停止支付分计划), direct merchant; only plans the merchant created.
/// WeChat answers the stopped plan (not 204).
///
/// `POST /v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}/stop`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/payscore-plan/pay-score-plan/stop-pay-score-plan.html>
#[endpoint(POST, "v3/payscore/plan/payscore-plans/merchant-plan-no/<merchant_plan_no>/stop", response = PayScorePlan)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct StopPayScorePlan {
    /// Path: the merchant's plan number (商户支付分计划对应的计划号).
    pub merchant_plan_no: String,
}

impl StopPayScorePlan {
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let request = StopPayScorePlan::builder().merchant_plan_no("1234323JKHDFE1243252").build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/plan/payscore-plans/merchant-plan-no/1234323JKHDFE1243252/stop",
            "{}",
        );
        assert_eq!(request.validate(), Ok(()));
    }

    #[test]
    fn decodes_the_stopped_plan() {
        let plan: PayScorePlan = decode(crate::plan::tests::ANSWER);
        assert_eq!(plan.merchant_plan_no, "1234323JKHDFE1243252");
        assert_eq!(plan.stop_time.as_deref(), Some("2020-09-29T11:20:50+08:00"));
    }
}
