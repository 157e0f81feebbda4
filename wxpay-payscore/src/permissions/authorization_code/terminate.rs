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
///
/// `Debug` redacts `authorization_code`.
#[endpoint(POST, "v3/payscore/permissions/authorization-code/<authorization_code>/terminate", response = NoContent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
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

crate::types::redacted_debug!(TerminatePermissionsByAuthorizationCode { service_id, reason } redact { authorization_code });

impl TerminatePermissionsByAuthorizationCode {
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
