//! Models shared by the direct and partner authorization endpoints, and their checks.

use serde::{Deserialize, Serialize};

use crate::types::{Amount, Rfc3339, ValidationError, redacted_debug, required_text, string_enum};

/// The checks behind the `validate()` methods of the authorization requests.
pub(crate) mod check {
    use crate::types::{Check, limit, optional_text, required_text};

    /// `authorization_code` (授权协议号) is `string(32)`.
    const AUTHORIZATION_CODE: usize = 32;
    /// `openid` / `sub_openid` are `string(128)`.
    const OPENID: usize = 128;

    /// A required id (`service_id`, `appid`, `sub_mchid`, …): not empty, no 4-byte
    /// characters.
    pub(crate) fn id(field: &str, value: &str) -> Check {
        required_text(field, value, None)
    }

    /// An optional id (`sub_appid`): not empty and no 4-byte characters when given.
    pub(crate) fn optional_id(field: &str, value: Option<&String>) -> Check {
        value.map_or(Ok(()), |value| id(field, value))
    }

    /// `reason`: required, at most 50 characters.
    pub(crate) fn reason(value: &str) -> Check {
        required_text("reason", value, Some(limit::REASON))
    }

    /// `notify_url`: at most 255 characters when given.
    pub(crate) fn notify_url(value: Option<&String>) -> Check {
        optional_text("notify_url", value, Some(limit::NOTIFY_URL))
    }

    /// `authorization_code`: required, at most 32 characters.
    pub(crate) fn authorization_code(value: &str) -> Check {
        required_text("authorization_code", value, Some(AUTHORIZATION_CODE))
    }

    /// An openid (`openid` or `sub_openid`): required, at most 128 characters.
    pub(crate) fn openid(field: &str, value: &str) -> Check {
        required_text(field, value, Some(OPENID))
    }
}

string_enum! {
    /// Whether the user has authorized the service (`authorization_state`).
    pub enum AuthorizationState {
        /// `UNAVAILABLE`: not authorized, e.g. the user authorized once and revoked it later.
        Unavailable = "UNAVAILABLE",
        /// `AVAILABLE`: the user has authorized the service.
        Available = "AVAILABLE",
        /// `UNBINDUSER`: pre-authorized, but no user has completed the authorization yet.
        UnbindUser = "UNBINDUSER",
    }
}

/// The answer to a pre-authorization (`{apply_permissions_token}`).
///
/// Pass the token to the front end, which opens WeChat's authorization page with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PreAuthorization {
    /// Pre-authorization token (预授权 token) for the front end's authorization page.
    pub apply_permissions_token: String,
}

/// A user's authorization record for one PayScore service, as the query endpoints return it
/// (direct and partner alike).
///
/// `Debug` redacts `openid`, `sub_openid` and `authorization_code`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct AuthorizationRecord {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// App ID bound to `mchid` recorded at the user's latest successful authorization (the
    /// service provider's app ID in partner mode), whatever the request said.
    pub appid: String,
    /// Merchant id (the service provider's in partner mode) recorded at the latest
    /// successful authorization.
    pub mchid: String,
    /// The user's openid under `appid` (用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The merchant's agreement number given at pre-authorization (授权协议号). Absent for
    /// users who authorized without pre-authorization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    /// Authorization state (授权状态).
    pub authorization_state: AuthorizationState,
    /// Notification URL given at pre-authorization (授权通知地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// When the user last revoked the authorization (最近一次解除授权时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_authorization_time: Option<Rfc3339>,
    /// When the user last authorized successfully (最近一次授权成功时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_success_time: Option<Rfc3339>,
    /// Sub-merchant id (子商户号), partner mode only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Sub-merchant app ID (子商户应用ID), partner mode only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The user's openid under `sub_appid`, partner mode only. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// The user's risk tier (用户分层), when the service uses tiers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_risk_level: Option<u32>,
    /// Version of the tiering model that produced `user_risk_level` (分层版本).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_level_version: Option<u32>,
}

redacted_debug!(AuthorizationRecord {
    service_id,
    appid,
    mchid,
    authorization_state,
    notify_url,
    cancel_authorization_time,
    authorization_success_time,
    sub_mchid,
    sub_appid,
    user_risk_level,
    risk_level_version,
} redact { openid, sub_openid, authorization_code });

/// The answer to a risk-tier assessment (评估用户分层): the authorization record plus the
/// assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct UserRiskAssessment {
    /// The user's authorization record; its `user_risk_level` and `risk_level_version` carry
    /// the tier.
    #[serde(flatten)]
    pub record: AuthorizationRecord,
    /// User label (用户标签), e.g. `A`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_label: Option<String>,
    /// Channel merchant id (渠道商商户号), for merchants onboarded through a channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
}

/// Goods of a pay-later purchase (先用后付商品信息), sent with a risk-tier assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ShoppingInfo {
    /// The goods (商品列表).
    pub goods: Vec<Goods>,
}

impl ShoppingInfo {
    /// Checks that there is at least one item and that every item has a name and a
    /// picture, with no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.goods.is_empty() {
            return Err(ValidationError::Missing { field: "shopping_info.goods".into() });
        }
        self.goods.iter().enumerate().try_for_each(|(i, goods)| {
            let at = format!("shopping_info.goods[{i}].");
            required_text(&format!("{at}name"), &goods.name, None)?;
            required_text(&format!("{at}picture"), &goods.picture, None)?;
            goods
                .category_id
                .iter()
                .try_for_each(|id| required_text(&format!("{at}category_id"), id, None))
        })
    }
}

/// One item of [`ShoppingInfo`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Goods {
    /// Product name (商品名称).
    pub name: String,
    /// Product picture URL (商品图片链接).
    pub picture: String,
    /// Unit price (商品单价金额).
    pub amount: Amount,
    /// Quantity (商品数量).
    pub count: u32,
    /// Product category ids (商品品类ID); omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub category_id: Vec<String>,
}
