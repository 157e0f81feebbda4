//! Legacy: `GET /v3/payscore/user-service-state`, whether a user has authorized a service.
//!
//! This endpoint predates pre-authorization; new integrations use
//! [`QueryPermissionsByOpenid`](crate::permissions::QueryPermissionsByOpenid), which also
//! returns the authorization times.

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use crate::{
    permissions::check,
    types::string_enum,
    types::{ValidationError, redacted_debug},
};

/// Queries whether a user has authorized a PayScore service (查询用户授权状态, legacy).
///
/// `GET /v3/payscore/user-service-state`
///
/// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/wxpay/payscore/chapter3_8.shtml>
///
/// `Debug` redacts `openid`.
#[endpoint(GET, "v3/payscore/user-service-state", response = UserServiceState)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryUserServiceState {
    /// App ID the openid belongs to (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The user's openid under `appid` (用户标识). Personal data.
    pub openid: String,
}

impl QueryUserServiceState {
    /// Checks the documented limits before sending: values present, `openid` at most 128
    /// characters, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("appid", &self.appid)?;
        check::id("service_id", &self.service_id)?;
        check::openid("openid", &self.openid)
    }
}

redacted_debug!(QueryUserServiceState { appid, service_id } redact { openid });

/// The answer of [`QueryUserServiceState`]. `Debug` redacts `openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct UserServiceState {
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The user's openid under `appid` (用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// Whether the user has authorized the service (用户授权服务情况).
    pub use_service_state: UseServiceState,
}

redacted_debug!(UserServiceState { appid, service_id, use_service_state } redact { openid });

string_enum! {
    /// Whether the user has authorized the service (`use_service_state`).
    pub enum UseServiceState {
        /// `AVAILABLE`: the user has authorized the service.
        Available = "AVAILABLE",
        /// `UNAVAILABLE`: the user has not authorized the service, or revoked it.
        Unavailable = "UNAVAILABLE",
    }
}
