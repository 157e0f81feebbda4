//! `POST /v3/payscore/acquiringbank/permissions`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::{
    permissions::{PreAuthorization, check},
    types::ValidationError,
};

/// Pre-authorizes a user for a sub-merchant's PayScore service (从业机构预授权), acquiring
/// institution mode.
///
/// `POST /v3/payscore/acquiringbank/permissions`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012691489>
///
/// Returns the `apply_permissions_token` (预授权token) the front end needs to open WeChat's
/// authorization page. When the user authorizes, WeChat notifies `notify_url`.
///
/// `Debug` redacts `authorization_code`.
#[endpoint(POST, "v3/payscore/acquiringbank/permissions", response = PreAuthorization)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PreAuthorizeAcquiringBankPermissions {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// The institution's app ID (服务商应用ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The institution's own agreement number for this authorization (授权协议号), at most
    /// 32 characters.
    pub authorization_code: String,
    /// Where WeChat sends the authorization notifications (商户回调地址), at most 255
    /// characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
}

crate::types::redacted_debug!(PreAuthorizeAcquiringBankPermissions {
    service_id, channel_id, appid, sub_appid, sub_mchid, notify_url,
} redact { authorization_code });

impl PreAuthorizeAcquiringBankPermissions {
    /// Checks the documented limits before sending: ids present, `authorization_code` at most
    /// 32 characters, `notify_url` at most 255, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("service_id", &self.service_id)?;
        check::id("channel_id", &self.channel_id)?;
        check::id("appid", &self.appid)?;
        check::optional_id("sub_appid", self.sub_appid.as_ref())?;
        check::id("sub_mchid", &self.sub_mchid)?;
        check::authorization_code(&self.authorization_code)?;
        check::notify_url(self.notify_url.as_ref())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    fn request() -> PreAuthorizeAcquiringBankPermissions {
        PreAuthorizeAcquiringBankPermissions::builder()
            .service_id("2002000000000558128851361561536")
            .channel_id("1230000109")
            .appid("wxd678efh567hg6787")
            .sub_appid("wxd678efh567hg6787")
            .sub_mchid("1230000109")
            .authorization_code("1234323JKHDFE1243252")
            .notify_url("https://www.qq.com")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/permissions",
            r#"{"service_id":"2002000000000558128851361561536","channel_id":"1230000109","appid":"wxd678efh567hg6787","sub_appid":"wxd678efh567hg6787","sub_mchid":"1230000109","authorization_code":"1234323JKHDFE1243252","notify_url":"https://www.qq.com"}"#,
        );
        assert_eq!(request().validate(), Ok(()));
        let minimal = PreAuthorizeAcquiringBankPermissions::builder()
            .service_id("1")
            .channel_id("2")
            .appid("wx")
            .sub_mchid("3")
            .authorization_code("A")
            .build();
        assert_request(
            &minimal,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/permissions",
            r#"{"service_id":"1","channel_id":"2","appid":"wx","sub_mchid":"3","authorization_code":"A"}"#,
        );
        let decoded: PreAuthorizeAcquiringBankPermissions =
            serde_json::from_slice(crate::test_support::prepare(&minimal).body()).unwrap();
        assert_eq!(decoded, minimal);
    }

    #[test]
    fn validate_limits_the_agreement_number() {
        let bad = PreAuthorizeAcquiringBankPermissions {
            authorization_code: "a".repeat(33),
            ..request()
        };
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 32, .. })));
        let bad = PreAuthorizeAcquiringBankPermissions { channel_id: String::new(), ..request() };
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "channel_id".into() }));
    }

    #[test]
    fn debug_redacts_the_agreement_number() {
        let debug = format!("{:?}", request());
        assert!(!debug.contains("1234323JKHDFE1243252"), "{debug}");
        assert!(debug.contains("authorization_code: <redacted>"), "{debug}");
    }

    #[test]
    fn decodes_the_response() {
        let response: PreAuthorization =
            decode(r#"{"apply_permissions_token":"apply_permissions_token"}"#);
        assert_eq!(response.apply_permissions_token, "apply_permissions_token");
    }
}
