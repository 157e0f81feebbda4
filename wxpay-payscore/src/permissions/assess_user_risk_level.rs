//! `POST /v3/payscore/permissions/assess-user-risk-level`

use std::fmt;

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use crate::{
    permissions::{ShoppingInfo, UserRiskAssessment, check},
    types::{Redacted, ValidationError},
};

/// Assesses which risk tier (用户分层) an authorized user is in (商户评估用户分层),
/// direct-merchant mode.
///
/// `POST /v3/payscore/permissions/assess-user-risk-level`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-auth/assess-user-risk-level.html>
#[endpoint(POST, "v3/payscore/permissions/assess-user-risk-level", response = UserRiskAssessment)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct AssessUserRiskLevel {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// App ID bound to the merchant id (公众号ID).
    pub appid: String,
    /// The user: `authorization_code` or `openid`, exactly one (二选一).
    #[serde(flatten)]
    #[builder(into)]
    pub user: UserLookup,
    /// The goods of a pay-later purchase (先用后付商品信息), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shopping_info: Option<ShoppingInfo>,
}

impl AssessUserRiskLevel {
    /// Checks the documented limits before sending: values present, `authorization_code` at
    /// most 32 characters or `openid` at most 128, goods named and pictured, no 4-byte
    /// characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)?;
        match &self.user {
            UserLookup::AuthorizationCode(code) => check::authorization_code(code)?,
            UserLookup::Openid(openid) => check::openid("openid", openid)?,
        }
        self.shopping_info.as_ref().map_or(Ok(()), ShoppingInfo::validate)
    }
}

/// How [`AssessUserRiskLevel`] finds the user: exactly one of `authorization_code` and
/// `openid` (二选一), so sending both or neither cannot be written. Serialized as that one
/// key of the enclosing object.
///
/// `Debug` redacts the openid and the authorization code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserLookup {
    /// `authorization_code`: the agreement number given at pre-authorization (授权协议号).
    AuthorizationCode(String),
    /// `openid`: the user's openid under `appid` (用户标识). Personal data.
    Openid(String),
}

impl fmt::Debug for UserLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AuthorizationCode(_) => {
                f.debug_tuple("AuthorizationCode").field(&Redacted).finish()
            }
            Self::Openid(_) => f.debug_tuple("Openid").field(&Redacted).finish(),
        }
    }
}
