//! `POST /v3/payscore/permissions`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::{PreAuthorization, check};
use crate::types::ValidationError;

/// Pre-authorizes a user for a PayScore service (商户预授权), direct-merchant mode.
///
/// `POST /v3/payscore/permissions`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-auth/apply-permissions.html>
///
/// Returns the `apply_permissions_token` the front end needs to open WeChat's authorization
/// page. When the user authorizes, WeChat notifies `notify_url`
/// (`PAYSCORE.USER_OPEN_SERVICE`).
///
/// `Debug` redacts `authorization_code`.
#[endpoint(POST, "v3/payscore/permissions", response = PreAuthorization)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PreAuthorizePermissions {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// App ID bound to the merchant id (公众号ID).
    pub appid: String,
    /// The merchant's own agreement number for this authorization (授权协议号): at most 32
    /// characters from digits, letters and `_-*`, unique per merchant.
    pub authorization_code: String,
    /// Where WeChat sends the authorization notifications (通知地址), at most 255
    /// characters; the portal setting applies when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
}

crate::types::redacted_debug!(PreAuthorizePermissions { service_id, appid, notify_url } redact { authorization_code });

impl PreAuthorizePermissions {
    /// Checks the documented limits before sending: ids present, `authorization_code` at
    /// most 32 characters, `notify_url` at most 255, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)?;
        check::authorization_code(&self.authorization_code)?;
        check::notify_url(self.notify_url.as_ref())
    }
}
