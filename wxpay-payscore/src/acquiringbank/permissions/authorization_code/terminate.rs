//! `POST /v3/payscore/acquiringbank/permissions/authorization-code/{authorization_code}/terminate`

use serde::Deserialize;
use wxpay_core::{NoContent, endpoint};

use crate::{permissions::check, types::ValidationError};

/// Ends a user's authorization, found by the institution's agreement number
/// (从业机构解除用户授权关系（授权协议号）).
///
/// `POST /v3/payscore/acquiringbank/permissions/authorization-code/{authorization_code}/terminate`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012461012>
///
/// Answers `204 No Content`.
///
/// `Debug` redacts `authorization_code`.
#[endpoint(POST, "v3/payscore/acquiringbank/permissions/authorization-code/<authorization_code>/terminate", response = NoContent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct TerminateAcquiringBankPermissionsByAuthorizationCode {
    /// Path: the agreement number given at pre-authorization (授权协议号). Never sent in the
    /// body.
    pub authorization_code: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Channel merchant id (渠道商商户号); optional on this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Why the institution ends the authorization (撤销原因), at most 50 characters.
    pub reason: String,
}

crate::types::redacted_debug!(TerminateAcquiringBankPermissionsByAuthorizationCode {
    service_id, channel_id, sub_mchid, reason,
} redact { authorization_code });

impl TerminateAcquiringBankPermissionsByAuthorizationCode {
    /// Checks the documented limits before sending: values present, `authorization_code` at
    /// most 32 characters, `reason` at most 50, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::authorization_code(&self.authorization_code)?;
        check::id("service_id", &self.service_id)?;
        check::optional_id("channel_id", self.channel_id.as_ref())?;
        check::id("sub_mchid", &self.sub_mchid)?;
        check::reason(&self.reason)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_path_fields_not_in_body, assert_request, client, signed_no_content,
    };

    fn request() -> TerminateAcquiringBankPermissionsByAuthorizationCode {
        TerminateAcquiringBankPermissionsByAuthorizationCode::builder()
            .authorization_code("1275342195190894594")
            .service_id("500001")
            .channel_id("1230000109")
            .sub_mchid("1230000109")
            .reason("撤销原因")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/permissions/authorization-code/1275342195190894594/terminate",
            r#"{"service_id":"500001","channel_id":"1230000109","sub_mchid":"1230000109","reason":"撤销原因"}"#,
        );
        assert_path_fields_not_in_body(
            &request(),
            &[("authorization_code", "1275342195190894594")],
        );
        assert_eq!(request().validate(), Ok(()));
        let bad = TerminateAcquiringBankPermissionsByAuthorizationCode {
            reason: "因".repeat(51),
            ..request()
        };
        assert!(matches!(bad.validate(), Err(ValidationError::TooLong { max: 50, .. })));
    }

    #[tokio::test]
    async fn answers_no_content() {
        let client = client();
        client.transport().push_response(signed_no_content());
        request().execute(&client).await.unwrap();
        let sent = &client.transport().requests()[0];
        assert_eq!(
            sent.uri().path(),
            "/v3/payscore/acquiringbank/permissions/authorization-code/1275342195190894594/terminate"
        );
    }
}
