//! `POST /v3/payscore/users/{openid}/permissions/{service_id}/terminate`

use serde::Deserialize;
use wxpay_core::{NoContent, endpoint};

use crate::{
    permissions::check,
    types::{ValidationError, redacted_debug},
};

/// Ends a user's authorization of a PayScore service (商户解除用户授权关系, legacy).
///
/// `POST /v3/payscore/users/{openid}/permissions/{service_id}/terminate`
///
/// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/wxpay/payscore/chapter9_1.shtml>
///
/// Answers `204 No Content`. `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/users/<openid>/permissions/<service_id>/terminate", response = NoContent)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct TerminateUserPermissions {
    /// Path: the user's openid under `appid` (用户标识). Personal data; never sent in the
    /// body.
    pub openid: String,
    /// Path: PayScore service id (服务ID). Never sent in the body.
    pub service_id: String,
    /// App ID the openid belongs to (公众账号ID).
    pub appid: String,
    /// Why the merchant ends the authorization (撤销原因), at most 50 characters.
    pub reason: String,
}

impl TerminateUserPermissions {
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

redacted_debug!(TerminateUserPermissions { service_id, appid, reason } redact { openid });
