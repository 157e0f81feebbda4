//! `GET /v3/payscore/permissions/authorization-code/{authorization_code}`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::{
    permissions::{AuthorizationRecord, check},
    types::ValidationError,
};

/// Queries a user's authorization by the merchant's agreement number (查询用户授权记录,
/// 授权协议号), direct-merchant mode.
///
/// `GET /v3/payscore/permissions/authorization-code/{authorization_code}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-auth/get-permissions-by-authorization-code.html>
///
/// `Debug` redacts `authorization_code`.
#[endpoint(GET, "v3/payscore/permissions/authorization-code/<authorization_code>", response = AuthorizationRecord)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPermissionsByAuthorizationCode {
    /// Path: the agreement number given at pre-authorization (授权协议号).
    pub authorization_code: String,
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
}

crate::types::redacted_debug!(QueryPermissionsByAuthorizationCode { service_id } redact { authorization_code });

impl QueryPermissionsByAuthorizationCode {
    /// Checks the documented limits before sending: values present, `authorization_code` at
    /// most 32 characters, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::authorization_code(&self.authorization_code)?;
        check::id("service_id", &self.service_id)
    }
}
