//! `POST /v3/payscore/partner/service-account-applications`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::ServiceAccountApplication;
use crate::types::{ValidationError, required_text};

/// Applies to bind a sub-merchant to the provider's PayScore service (收付通子商户申请绑定支付分服务).
///
/// `POST /v3/payscore/partner/service-account-applications`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-account/create-service-account-application.html>
///
/// For 收付通 providers that have opened PayScore and registered the service; the result
/// follows on `result_notify_url` and via [`super::QueryServiceAccountApplication`].
#[endpoint(POST, "v3/payscore/partner/service-account-applications", response = ServiceAccountApplication)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateServiceAccountApplication {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商应用ID).
    pub appid: String,
    /// Sub-merchant id (子商户商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The provider's application number (商户申请绑定单号).
    pub out_apply_no: String,
    /// Where WeChat notifies the binding result (绑定结果回调通知地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_notify_url: Option<String>,
}

impl CreateServiceAccountApplication {
    /// Checks that the ids and `out_apply_no` are present, without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        required_text("appid", &self.appid, None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        required_text("out_apply_no", &self.out_apply_no, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        let request = CreateServiceAccountApplication::builder()
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6787")
            .out_apply_no("1234323JKHDFE1243252")
            .result_notify_url("https://api.test.com")
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/service-account-applications",
            concat!(
                r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","#,
                r#""sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6787","#,
                r#""out_apply_no":"1234323JKHDFE1243252","result_notify_url":"https://api.test.com"}"#,
            ),
        );
        assert_eq!(request.validate(), Ok(()));
        let empty = CreateServiceAccountApplication::builder()
            .service_id("5")
            .appid("wx")
            .sub_mchid("1")
            .out_apply_no("")
            .build();
        assert_eq!(
            empty.validate(),
            Err(ValidationError::Missing { field: "out_apply_no".into() })
        );
    }
}
