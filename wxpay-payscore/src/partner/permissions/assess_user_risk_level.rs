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
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
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
    #[builder(into)]
    pub user: PartnerUserLookup,
    /// The goods of a pay-later purchase (先用后付商品信息), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shopping_info: Option<ShoppingInfo>,
}

impl AssessPartnerUserRiskLevel {
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
