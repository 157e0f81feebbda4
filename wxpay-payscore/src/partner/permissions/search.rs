//! `GET /v3/payscore/partner/permissions/search`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::UserIdentity;
use crate::{
    permissions::{AuthorizationRecord, check},
    types::ValidationError,
};

/// Queries a user's authorization by openid or sub-openid (查询用户授权记录, openid), partner
/// mode.
///
/// `GET /v3/payscore/partner/permissions/search`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-auth/get-partner-permissions-by-open-id.html>
///
/// `Debug` redacts the openid.
#[endpoint(GET, "v3/payscore/partner/permissions/search", response = AuthorizationRecord)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPartnerPermissionsByOpenid {
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: the service provider's app ID (服务商应用ID).
    pub appid: String,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Query: the sub-merchant's app ID (子商户应用ID); required with
    /// [`UserIdentity::SubOpenid`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Query: the user, `openid` or `sub_openid` (二选一).
    #[serde(flatten)]
    #[builder(into)]
    pub user: UserIdentity,
}

impl QueryPartnerPermissionsByOpenid {
    /// Checks the documented limits before sending: ids present, the openid at most 128
    /// characters, `sub_appid` given with a `sub_openid`, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)?;
        check::id("sub_mchid", &self.sub_mchid)?;
        check::optional_id("sub_appid", self.sub_appid.as_ref())?;
        self.user.check(self.sub_appid.as_ref())
    }
}
