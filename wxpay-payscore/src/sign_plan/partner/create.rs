//! `POST /v3/payscore/sign-plan/partner/user-sign-plans`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use super::PartnerUserSignPlan;
use crate::{
    sign_plan::SignPlanDetail,
    types::{ValidationError, limit, optional_text, redacted_debug, required_text},
};

/// Creates a user's sign plan for a sub-merchant (创建用户的签约计划), partner mode, on a
/// PayScore plan in force; the user then signs it in WeChat.
///
/// `POST /v3/payscore/sign-plan/partner/user-sign-plans`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-payscore-plan/partner-user-sign-plan/create-partner-user-sign-plan.html>
///
/// `Debug` redacts `openid` and `sub_openid`.
#[endpoint(POST, "v3/payscore/sign-plan/partner/user-sign-plans", response = CreatedPartnerUserSignPlan)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePartnerUserSignPlan {
    /// PayScore service id (支付分服务ID).
    pub service_id: String,
    /// The PayScore plan to sign (支付分计划ID).
    pub plan_id: String,
    /// The service provider's app ID (服务商的 AppID).
    pub appid: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户的 AppID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The user's openid under `appid` (待签约用户在服务商应用下的 OpenID). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (待签约用户在子商户应用下的 OpenID). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// The merchant's sign plan number (商户签约计划单号).
    pub merchant_sign_plan_no: String,
    /// Where WeChat notifies the signing (签约成功事件通知回调地址).
    pub notify_url: String,
    /// The merchant's number for each plan item (签约计划对应的计划详情列表的商户侧单号信息).
    pub sign_plan_detail: Vec<SignPlanDetail>,
}

impl CreatePartnerUserSignPlan {
    /// Checks that the ids, sign plan number and `notify_url` (at most 255 characters) are
    /// present, that texts have no 4-byte characters, and that there is at least one item,
    /// each with its merchant number.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("plan_id", &self.plan_id, None)?;
        required_text("appid", &self.appid, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        optional_text("sub_appid", self.sub_appid.as_ref(), None)?;
        optional_text("openid", self.openid.as_ref(), None)?;
        optional_text("sub_openid", self.sub_openid.as_ref(), None)?;
        required_text("merchant_sign_plan_no", &self.merchant_sign_plan_no, None)?;
        required_text("notify_url", &self.notify_url, Some(limit::NOTIFY_URL))?;
        if self.sign_plan_detail.is_empty() {
            return Err(ValidationError::Missing { field: "sign_plan_detail".to_owned() });
        }
        for detail in &self.sign_plan_detail {
            required_text(
                "sign_plan_detail.merchant_plan_detail_no",
                &detail.merchant_plan_detail_no,
                None,
            )?;
        }
        Ok(())
    }
}

redacted_debug!(CreatePartnerUserSignPlan {
    service_id,
    plan_id,
    appid,
    sub_mchid,
    sub_appid,
    merchant_sign_plan_no,
    notify_url,
    sign_plan_detail,
} redact { openid, sub_openid });

/// What WeChat answers to [`CreatePartnerUserSignPlan`]: the sign plan, and the data that
/// opens WeChat's signing mini program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedPartnerUserSignPlan {
    /// The user's sign plan (用户的签约计划).
    pub sign_plan: PartnerUserSignPlan,
    /// Data to open WeChat's signing mini program with (跳转微信侧确认签约小程序的数据).
    pub package: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    fn request() -> CreatePartnerUserSignPlan {
        CreatePartnerUserSignPlan::builder()
            .service_id("2002000000000558128851361561536")
            .plan_id("01000033210000324638000000376258")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6999")
            .sub_openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .merchant_sign_plan_no("1234323JKHDFE1243252")
            .notify_url("https://api.test.com")
            .sign_plan_detail(vec![
                SignPlanDetail::builder()
                    .plan_detail_no(1)
                    .merchant_plan_detail_no("1234323JKHDFE1243252")
                    .build(),
            ])
            .build()
    }

    #[test]
    fn prepares_the_request() {
        let request = request();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/partner/user-sign-plans",
            concat!(
                r#"{"service_id":"2002000000000558128851361561536","#,
                r#""plan_id":"01000033210000324638000000376258","appid":"wxd678efh567hg6787","#,
                r#""sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6999","#,
                r#""sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","merchant_sign_plan_no":"1234323JKHDFE1243252","#,
                r#""notify_url":"https://api.test.com","sign_plan_detail":[{"plan_detail_no":1,"#,
                r#""merchant_plan_detail_no":"1234323JKHDFE1243252"}]}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
        let mut missing = self::request();
        missing.sub_mchid.clear();
        assert_eq!(
            missing.validate(),
            Err(ValidationError::Missing { field: "sub_mchid".to_owned() })
        );
    }

    #[test]
    fn debug_redacts_the_openids() {
        let shown = format!("{:?}", request());
        assert!(!shown.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{shown}");
        assert!(shown.contains("sub_openid: Some(<redacted>)"), "{shown}");
        assert!(shown.contains("openid: None"), "{shown}");
    }

    #[test]
    fn decodes_the_documented_answer() {
        let answer: CreatedPartnerUserSignPlan = decode(&format!(
            r#"{{"sign_plan":{},"package":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald"}}"#,
            crate::sign_plan::partner::tests::SIGN_PLAN
        ));
        assert_eq!(answer.package, "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald");
        assert_eq!(answer.sign_plan.sub_mchid, "1900000109");
        assert_eq!(answer.sign_plan.going_detail_no, 2);
    }
}
