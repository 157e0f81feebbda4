//! `POST /v3/payscore/partner/permissions`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::{
    permissions::{PreAuthorization, check},
    types::ValidationError,
};

/// Pre-authorizes a user for a sub-merchant's PayScore service (商户预授权), partner mode.
///
/// `POST /v3/payscore/partner/permissions`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-auth/apply-partner-permissions.html>
///
/// Returns the `apply_permissions_token` the front end needs to open WeChat's authorization
/// page. When the user authorizes, WeChat notifies `notify_url`
/// (`PAYSCORE.USER_OPEN_SERVICE`).
///
/// `Debug` redacts `authorization_code`.
#[endpoint(POST, "v3/payscore/partner/permissions", response = PreAuthorization)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PreAuthorizePartnerPermissions {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商应用ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The merchant's own agreement number for this authorization (授权协议号): at most
    /// 32 characters from digits, letters and `_-*`, unique per sub-merchant.
    pub authorization_code: String,
    /// Where WeChat sends the authorization notifications (商户回调地址), at most 255
    /// characters; the portal setting applies when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
}

crate::types::redacted_debug!(PreAuthorizePartnerPermissions { service_id, appid, sub_appid, sub_mchid, notify_url } redact { authorization_code });

impl PreAuthorizePartnerPermissions {
    /// Checks the documented limits before sending: ids present, `authorization_code` at most 32
    /// characters, `notify_url` at most 255, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)?;
        check::optional_id("sub_appid", self.sub_appid.as_ref())?;
        check::id("sub_mchid", &self.sub_mchid)?;
        check::authorization_code(&self.authorization_code)?;
        check::notify_url(self.notify_url.as_ref())
    }
}
