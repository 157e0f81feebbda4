//! `POST /v3/payscore/sign-plan/user-sign-plans`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use super::UserSignPlan;
use crate::types::{ValidationError, limit, redacted_debug, required_text};

/// Creates a user's sign plan (创建用户的签约计划), direct merchant, on a PayScore plan the
/// merchant created and that is in force; the user then signs it in WeChat.
///
/// `POST /v3/payscore/sign-plan/user-sign-plans`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/payscore-plan/user-sign-plan/create-user-sign-plan.html>
///
/// `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/sign-plan/user-sign-plans", response = CreatedUserSignPlan)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateUserSignPlan {
    /// PayScore service id (支付分服务ID).
    pub service_id: String,
    /// The PayScore plan to sign (支付分计划ID).
    pub plan_id: String,
    /// App ID (AppID).
    pub appid: String,
    /// The user's openid under `appid` (待签约用户在商户应用下的 OpenID). Personal data.
    pub openid: String,
    /// The merchant's sign plan number (商户签约计划单号).
    pub merchant_sign_plan_no: String,
    /// Where WeChat notifies the signing (签约成功事件通知回调地址).
    pub notify_url: String,
    /// The merchant's number for each plan item (签约计划对应的计划详情列表的商户侧单号信息).
    pub sign_plan_detail: Vec<SignPlanDetail>,
}

impl CreateUserSignPlan {
    /// Checks that the ids, openid, sign plan number and `notify_url` (at most 255
    /// characters) are present without 4-byte characters, and that there is at least one
    /// item, each with its merchant number.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("plan_id", &self.plan_id, None)?;
        required_text("appid", &self.appid, None)?;
        required_text("openid", &self.openid, None)?;
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

redacted_debug!(CreateUserSignPlan {
    service_id,
    plan_id,
    appid,
    merchant_sign_plan_no,
    notify_url,
    sign_plan_detail,
} redact { openid });

/// The merchant's number for one plan item (计划详情的商户侧单号信息).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SignPlanDetail {
    /// Item number (计划明细序号).
    pub plan_detail_no: u32,
    /// The merchant's number for the item's order (商户侧计划明细使用订单号).
    pub merchant_plan_detail_no: String,
}

/// What WeChat answers to [`CreateUserSignPlan`]: the sign plan, and the data that opens
/// WeChat's signing mini program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedUserSignPlan {
    /// The user's sign plan (用户的签约计划).
    pub sign_plan: UserSignPlan,
    /// Data to open WeChat's signing mini program with (跳转微信侧确认签约小程序的数据).
    pub package: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        test_support::{assert_request, decode},
        types::Amount,
    };

    fn request() -> CreateUserSignPlan {
        CreateUserSignPlan::builder()
            .service_id("2002000000000558128851361561536")
            .plan_id("01000033210000324638000000376258")
            .appid("wxd678efh567hg6787")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
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
            "https://api.mch.weixin.qq.com/v3/payscore/sign-plan/user-sign-plans",
            concat!(
                r#"{"service_id":"2002000000000558128851361561536","#,
                r#""plan_id":"01000033210000324638000000376258","appid":"wxd678efh567hg6787","#,
                r#""openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","merchant_sign_plan_no":"1234323JKHDFE1243252","#,
                r#""notify_url":"https://api.test.com","sign_plan_detail":[{"plan_detail_no":1,"#,
                r#""merchant_plan_detail_no":"1234323JKHDFE1243252"}]}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
    }

    #[test]
    fn validate_wants_an_item_and_a_short_notify_url() {
        let mut request = request();
        request.sign_plan_detail.clear();
        assert_eq!(
            request.validate(),
            Err(ValidationError::Missing { field: "sign_plan_detail".to_owned() })
        );
        let mut request = self::request();
        request.notify_url = format!("https://api.test.com/{}", "a".repeat(250));
        assert!(matches!(request.validate(), Err(ValidationError::TooLong { max: 255, .. })));
    }

    #[test]
    fn debug_redacts_the_openid() {
        let shown = format!("{:?}", request());
        assert!(!shown.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{shown}");
        assert!(shown.contains("openid: <redacted>"), "{shown}");
    }

    #[test]
    fn decodes_the_documented_answer() {
        let answer: CreatedUserSignPlan = decode(&format!(
            r#"{{"sign_plan":{},"package":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald"}}"#,
            crate::sign_plan::tests::SIGN_PLAN
        ));
        assert_eq!(answer.package, "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald");
        assert_eq!(answer.sign_plan.merchant_sign_plan_no, "1234323JKHDFE1243252");
        assert_eq!(answer.sign_plan.sign_state, "UNSIGNED");
        assert_eq!(answer.sign_plan.signed_detail_list[0].original_price, Amount::fen(30_000));
    }
}
