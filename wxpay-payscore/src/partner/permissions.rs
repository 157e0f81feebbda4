//! User authorization (授权 / 预授权), partner (service provider) mode:
//! `/v3/payscore/partner/permissions/...`.
//!
//! The service provider calls these on behalf of a sub-merchant (`sub_mchid`); the
//! `Authorization` header carries the provider's own `mchid`. Every endpoint answers the same
//! [`AuthorizationRecord`] as direct mode, with `sub_mchid`, `sub_appid` and `sub_openid`
//! filled in. See [`crate::permissions`] for the flow.
//!
//! ```no_run
//! use wxpay_payscore::partner::permissions::{QueryPartnerPermissionsByOpenid, UserIdentity};
//!
//! # async fn run(client: &wxpay_core::Client) -> Result<(), wxpay_core::Error> {
//! let record = QueryPartnerPermissionsByOpenid::builder()
//!     .service_id("2002000000000558128851361561536")
//!     .appid("wxd678efh567hg6787")
//!     .sub_mchid("1900000109")
//!     .user(UserIdentity::Openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o".into()))
//!     .build()
//! .execute(client)
//! .await?;
//! println!("{}", record.authorization_state);
//! # Ok(()) }
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::permissions::{
    AuthorizationRecord, AuthorizationState, Goods, PreAuthorization, ShoppingInfo,
    UserRiskAssessment,
};
use crate::{
    permissions::check,
    types::{Check, Redacted, ValidationError},
};

mod apply_for_scene;
mod assess_user_risk_level;
mod authorization_code;
mod pre_authorize;
mod search;
mod terminate;

pub use apply_for_scene::{
    ApplyPartnerPermissionsForScene, AuthorizationScene, ScenePreAuthorization,
    TransactionSceneInfo,
};
pub use assess_user_risk_level::AssessPartnerUserRiskLevel;
pub use authorization_code::{
    query::QueryPartnerPermissionsByAuthorizationCode,
    terminate::TerminatePartnerPermissionsByAuthorizationCode,
};
pub use pre_authorize::PreAuthorizePartnerPermissions;
pub use search::QueryPartnerPermissionsByOpenid;
pub use terminate::TerminatePartnerPermissionsByOpenid;

/// A user in partner mode: exactly one of `openid` (under the provider's `appid`) and
/// `sub_openid` (under the sub-merchant's `sub_appid`; set `sub_appid` too), so sending both
/// or neither cannot be written.
///
/// `Debug` redacts the openid.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserIdentity {
    /// `openid`: the user's openid under the service provider's `appid`. Personal data.
    Openid(String),
    /// `sub_openid`: the user's openid under the sub-merchant's `sub_appid`, which must then
    /// be set as well. Personal data.
    SubOpenid(String),
}

impl UserIdentity {
    /// The openid (`openid` or `sub_openid`) at most 128 characters, and `sub_appid` given
    /// with a `sub_openid`.
    pub(crate) fn check(&self, sub_appid: Option<&String>) -> Check {
        match self {
            Self::Openid(openid) => check::openid("openid", openid),
            Self::SubOpenid(sub_openid) => {
                check::openid("sub_openid", sub_openid)?;
                require_sub_appid(sub_appid)
            }
        }
    }
}

/// `sub_appid` must accompany a `sub_openid`.
fn require_sub_appid(sub_appid: Option<&String>) -> Check {
    match sub_appid {
        Some(sub_appid) => check::id("sub_appid", sub_appid),
        None => Err(ValidationError::Missing { field: "sub_appid".into() }),
    }
}

impl fmt::Debug for UserIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Openid(_) => "Openid",
            Self::SubOpenid(_) => "SubOpenid",
        };
        f.debug_tuple(name).field(&Redacted).finish()
    }
}

/// How [`AssessPartnerUserRiskLevel`] finds the user: exactly one of `authorization_code`,
/// `openid` and `sub_openid`.
///
/// `Debug` redacts the openids and the authorization code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerUserLookup {
    /// `authorization_code`: the agreement number given at pre-authorization.
    AuthorizationCode(String),
    /// `openid`: the user's openid under the service provider's `appid`. Personal data.
    Openid(String),
    /// `sub_openid`: the user's openid under the sub-merchant's `sub_appid`, which must then
    /// be set as well. Personal data.
    SubOpenid(String),
}

impl PartnerUserLookup {
    /// As [`UserIdentity`]'s check, or `authorization_code` at most 32 characters.
    pub(crate) fn check(&self, sub_appid: Option<&String>) -> Check {
        match self {
            Self::AuthorizationCode(code) => check::authorization_code(code),
            Self::Openid(openid) => check::openid("openid", openid),
            Self::SubOpenid(sub_openid) => {
                check::openid("sub_openid", sub_openid)?;
                require_sub_appid(sub_appid)
            }
        }
    }
}

impl From<UserIdentity> for PartnerUserLookup {
    fn from(user: UserIdentity) -> Self {
        match user {
            UserIdentity::Openid(openid) => Self::Openid(openid),
            UserIdentity::SubOpenid(sub_openid) => Self::SubOpenid(sub_openid),
        }
    }
}

impl fmt::Debug for PartnerUserLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AuthorizationCode(_) => {
                f.debug_tuple("AuthorizationCode").field(&Redacted).finish()
            }
            Self::Openid(_) => f.debug_tuple("Openid").field(&Redacted).finish(),
            Self::SubOpenid(_) => f.debug_tuple("SubOpenid").field(&Redacted).finish(),
        }
    }
}
