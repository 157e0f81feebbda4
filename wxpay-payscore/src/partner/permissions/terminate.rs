//! `POST /v3/payscore/partner/permissions/terminate`

use serde::Deserialize;
use wxpay_core::{NoContent, endpoint};

use super::UserIdentity;
use crate::{permissions::check, types::ValidationError};

/// Ends a user's authorization, found by openid or sub-openid (解除用户授权关系, openid),
/// partner mode.
///
/// `POST /v3/payscore/partner/permissions/terminate`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-auth/terminate-partner-permissions-by-open-id.html>
///
/// Answers `204 No Content`. `Debug` redacts the openid.
#[endpoint(POST, "v3/payscore/partner/permissions/terminate", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct TerminatePartnerPermissionsByOpenid {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// The service provider's app ID (公众账号ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户公众账号ID); required with
    /// [`UserIdentity::SubOpenid`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The user, `openid` or `sub_openid` (二选一).
    #[serde(flatten)]
    #[builder(into)]
    pub user: UserIdentity,
    /// Why the merchant ends the authorization (撤销原因), at most 50 characters.
    pub reason: String,
}

impl TerminatePartnerPermissionsByOpenid {
    /// Checks the documented limits before sending: ids present, the openid at most 128
    /// characters, `sub_appid` given with a `sub_openid`, `reason` at most 50, no 4-byte
    /// characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("service_id", &self.service_id)?;
        check::id("sub_mchid", &self.sub_mchid)?;
        check::id("appid", &self.appid)?;
        check::optional_id("sub_appid", self.sub_appid.as_ref())?;
        self.user.check(self.sub_appid.as_ref())?;
        check::reason(&self.reason)
    }
}
