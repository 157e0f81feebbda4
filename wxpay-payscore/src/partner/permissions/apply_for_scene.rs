//! `POST /v3/payscore/partner/permissions/apply-for-scene`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use crate::{permissions::check, types::ValidationError, types::string_enum};

/// Pre-authorizes a user inside a payment scene (服务商场景中预授权), partner mode.
///
/// `POST /v3/payscore/partner/permissions/apply-for-scene`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-auth/scene-apply-partner-permissions.html>
///
/// Like [`PreAuthorizePartnerPermissions`](super::PreAuthorizePartnerPermissions), but the
/// user authorizes while paying (scene `TRANSACTION`) for the payment named by
/// `transaction_scene_info`.
///
/// `Debug` redacts `authorization_code`.
#[endpoint(POST, "v3/payscore/partner/permissions/apply-for-scene", response = ScenePreAuthorization)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ApplyPartnerPermissionsForScene {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's app ID (服务商的公众号ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户的公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户的商户号).
    pub sub_mchid: String,
    /// The merchant's own agreement number for this authorization (授权协议号): at most
    /// 32 characters from digits, letters and `_-*`, unique per sub-merchant.
    pub authorization_code: String,
    /// Where WeChat sends the authorization notifications (通知地址), at most 255
    /// characters; the portal setting applies when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// The scene in which the user authorizes (授权场景); the builder defaults to
    /// `TRANSACTION`.
    #[builder(default = AuthorizationScene::Transaction)]
    pub scene: AuthorizationScene,
    /// The payment the user authorizes in (微信支付交易中授权附带的参数), required with
    /// scene `TRANSACTION`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_scene_info: Option<TransactionSceneInfo>,
}

crate::types::redacted_debug!(ApplyPartnerPermissionsForScene { service_id, appid, sub_appid, sub_mchid, notify_url, scene, transaction_scene_info } redact { authorization_code });

impl ApplyPartnerPermissionsForScene {
    /// Checks the documented limits before sending: ids present, `authorization_code` at
    /// most 32 characters, `notify_url` at most 255, `transaction_scene_info` given for
    /// scene `TRANSACTION`, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::id("service_id", &self.service_id)?;
        check::id("appid", &self.appid)?;
        check::optional_id("sub_appid", self.sub_appid.as_ref())?;
        check::id("sub_mchid", &self.sub_mchid)?;
        check::authorization_code(&self.authorization_code)?;
        check::notify_url(self.notify_url.as_ref())?;
        check::id("scene", self.scene.as_str())?;
        match &self.transaction_scene_info {
            Some(info) => {
                check::id("transaction_scene_info.mchid", &info.mchid)?;
                check::id("transaction_scene_info.sub_mchid", &info.sub_mchid)
            }
            None if self.scene == AuthorizationScene::Transaction => {
                Err(ValidationError::Missing { field: "transaction_scene_info".into() })
            }
            None => Ok(()),
        }
    }
}

string_enum! {
    /// The scene in which a user authorizes (`scene`, 授权场景).
    pub enum AuthorizationScene {
        /// `TRANSACTION`: while paying with WeChat Pay (微信支付交易中授权).
        Transaction = "TRANSACTION",
    }
}

/// The payment a `TRANSACTION`-scene authorization belongs to (`transaction_scene_info`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct TransactionSceneInfo {
    /// Merchant id that placed the payment order (支付下单的商户号).
    pub mchid: String,
    /// Sub-merchant id that placed the payment order (支付下单的子商户号).
    pub sub_mchid: String,
}

/// The answer to [`ApplyPartnerPermissionsForScene`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ScenePreAuthorization {
    /// The scene, as sent (授权场景).
    pub scene: AuthorizationScene,
    /// Token for authorizing inside the payment (微信支付交易中授权token), for scene
    /// `TRANSACTION`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_permissions_token: Option<String>,
}
