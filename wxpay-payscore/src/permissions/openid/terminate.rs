//! `POST /v3/payscore/permissions/openid/{openid}/terminate`

use serde::Deserialize;
use wxpay_core::{NoContent, endpoint};

use crate::{
    permissions::check,
    types::{ValidationError, redacted_debug},
};

/// Ends a user's authorization, found by openid (解除用户授权关系, openid), direct-merchant
/// mode.
///
/// `POST /v3/payscore/permissions/openid/{openid}/terminate`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-auth/terminate-permissions-by-open-id.html>
///
/// Answers `204 No Content`. `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/permissions/openid/<openid>/terminate", response = NoContent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct TerminatePermissionsByOpenid {
    /// Path: the user's openid under `appid` (用户标识). Personal data; never sent in the
    /// body.
    pub openid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// App ID the openid belongs to (公众号ID).
    pub appid: String,
    /// Why the merchant ends the authorization (撤销原因), at most 50 characters.
    pub reason: String,
}

impl TerminatePermissionsByOpenid {
    /// Checks the documented limits before sending: values present, `openid` at most 128
    /// characters, `reason` at most 50, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::openid("openid", &self.openid)?;
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)?;
        check::reason(&self.reason)
    }
}

redacted_debug!(TerminatePermissionsByOpenid { service_id, appid, reason } redact { openid });
