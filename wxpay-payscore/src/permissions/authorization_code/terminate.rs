//! `POST /v3/payscore/permissions/authorization-code/{authorization_code}/terminate`

use serde::Deserialize;
use wxpay_core::{NoContent, endpoint};

use crate::{permissions::check, types::ValidationError};

/// Ends a user's authorization, found by the merchant's agreement number (解除用户授权关系,
/// 授权协议号), direct-merchant mode.
///
/// `POST /v3/payscore/permissions/authorization-code/{authorization_code}/terminate`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-auth/terminate-permissions-by-code.html>
///
/// Answers `204 No Content`.
#[endpoint(POST, "v3/payscore/permissions/authorization-code/<authorization_code>/terminate", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TerminatePermissionsByAuthorizationCode {
    /// Path: the agreement number given at pre-authorization (授权协议号). Never sent in the
    /// body.
    pub authorization_code: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Why the merchant ends the authorization (撤销原因), at most 50 characters.
    pub reason: String,
}

impl TerminatePermissionsByAuthorizationCode {
    /// A request to end the authorization `authorization_code` of service `service_id`.
    #[must_use]
    pub fn new(
        authorization_code: impl Into<String>,
        service_id: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            authorization_code: authorization_code.into(),
            service_id: service_id.into(),
            reason: reason.into(),
        }
    }

    /// Checks the documented limits before sending: values present, `authorization_code` at
    /// most 32 characters, `reason` at most 50, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::authorization_code(&self.authorization_code)?;
        check::id("service_id", &self.service_id)?;
        check::reason(&self.reason)
    }
}
