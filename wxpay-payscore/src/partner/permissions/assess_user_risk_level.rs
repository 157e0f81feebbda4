//! `POST /v3/payscore/partner/permissions/assess-user-risk-level`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::PartnerUserLookup;
use crate::{
    permissions::{ShoppingInfo, UserRiskAssessment, check},
    types::ValidationError,
};

/// Assesses which risk tier (用户分层) an authorized user is in (服务商评估用户分层), partner
/// mode.
///
/// `POST /v3/payscore/partner/permissions/assess-user-risk-level`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-auth/assess-partner-user-risk-level.html>
///
/// Unlike every other partner endpoint, `sub_mchid` travels in the query string of this
/// `POST` (`?sub_mchid=…`), not in the JSON body. `Debug` redacts the openid.
#[endpoint(POST, "v3/payscore/partner/permissions/assess-user-risk-level", response = UserRiskAssessment)]
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AssessPartnerUserRiskLevel {
    /// Query: sub-merchant id (子商户商户号). Never sent in the body.
    #[endpoint(query)]
    pub sub_mchid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商的公众号ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户的公众号ID); required with
    /// [`PartnerUserLookup::SubOpenid`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The user: `authorization_code`, `openid` or `sub_openid`, exactly one.
    #[serde(flatten)]
    pub user: PartnerUserLookup,
    /// The goods of a pay-later purchase (先用后付商品信息), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shopping_info: Option<ShoppingInfo>,
}

impl AssessPartnerUserRiskLevel {
    /// An assessment of `user` for `sub_mchid`'s `service_id`. A [`UserIdentity`](super::UserIdentity)
    /// converts into `user`. With a sub-openid, also call
    /// [`with_sub_appid`](Self::with_sub_appid).
    #[must_use]
    pub fn new(
        sub_mchid: impl Into<String>,
        service_id: impl Into<String>,
        appid: impl Into<String>,
        user: impl Into<PartnerUserLookup>,
    ) -> Self {
        Self {
            sub_mchid: sub_mchid.into(),
            service_id: service_id.into(),
            appid: appid.into(),
            sub_appid: None,
            user: user.into(),
            shopping_info: None,
        }
    }

    /// Sets `sub_appid`.
    #[must_use]
    pub fn with_sub_appid(mut self, sub_appid: impl Into<String>) -> Self {
        self.sub_appid = Some(sub_appid.into());
        self
    }

    /// Sets `shopping_info`.
    #[must_use]
    pub fn with_shopping_info(mut self, shopping_info: ShoppingInfo) -> Self {
        self.shopping_info = Some(shopping_info);
        self
    }

    /// Checks the documented limits before sending: ids present, `authorization_code` at
    /// most 32 characters or the openid at most 128, `sub_appid` given with a `sub_openid`,
    /// goods named and pictured, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("sub_mchid", &self.sub_mchid)?;
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)?;
        check::optional_id("sub_appid", self.sub_appid.as_ref())?;
        self.user.check(self.sub_appid.as_ref())?;
        self.shopping_info.as_ref().map_or(Ok(()), ShoppingInfo::validate)
    }
}
