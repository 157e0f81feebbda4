//! `POST /v3/payscore/partner/permissions/authorization-code/{authorization_code}/terminate`

use serde::Deserialize;
use wxpay_core::{NoContent, endpoint};

use crate::{permissions::check, types::ValidationError};

/// Ends a user's authorization, found by the merchant's agreement number (解除用户授权关系,
/// 授权协议号), partner mode.
///
/// `POST /v3/payscore/partner/permissions/authorization-code/{authorization_code}/terminate`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-auth/terminate-partner-permissions-by-code.html>
///
/// Answers `204 No Content`.
///
/// `Debug` redacts `authorization_code`.
#[endpoint(POST, "v3/payscore/partner/permissions/authorization-code/<authorization_code>/terminate", response = NoContent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct TerminatePartnerPermissionsByAuthorizationCode {
    /// Path: the agreement number given at pre-authorization (授权协议号). Never sent in the
    /// body.
    pub authorization_code: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Why the merchant ends the authorization (撤销原因), at most 50 characters.
    pub reason: String,
}

crate::types::redacted_debug!(TerminatePartnerPermissionsByAuthorizationCode { service_id, sub_mchid, reason } redact { authorization_code });

impl TerminatePartnerPermissionsByAuthorizationCode {
    /// Checks the documented limits before sending: values present, `authorization_code` at
    /// most 32 characters, `reason` at most 50, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::authorization_code(&self.authorization_code)?;
        check::id("service_id", &self.service_id)?;
        check::id("sub_mchid", &self.sub_mchid)?;
        check::reason(&self.reason)
    }
}
