//! `GET /v3/payscore/permissions/openid/{openid}`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::{
    permissions::{AuthorizationRecord, check},
    types::{ValidationError, redacted_debug},
};

/// Queries a user's authorization by openid (查询用户授权记录, openid), direct-merchant mode.
///
/// `GET /v3/payscore/permissions/openid/{openid}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-auth/get-permissions-by-open-id.html>
///
/// `Debug` redacts `openid`.
#[endpoint(GET, "v3/payscore/permissions/openid/<openid>", response = AuthorizationRecord)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPermissionsByOpenid {
    /// Path: the user's openid under `appid` (用户标识). Personal data.
    pub openid: String,
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: app ID the openid belongs to (公众号ID).
    pub appid: String,
}

impl QueryPermissionsByOpenid {
    /// Checks the documented limits before sending: values present, `openid` at most 128
    /// characters, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::openid("openid", &self.openid)?;
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)
    }
}

redacted_debug!(QueryPermissionsByOpenid { service_id, appid } redact { openid });
