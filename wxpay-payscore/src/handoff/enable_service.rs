//! `wxpayScoreEnable`: the authorization page.

use serde::Serialize;

use super::{BusinessView, sealed::Sealed};

/// 调起支付分-授权服务 (`businessType` `wxpayScoreEnable`): opens the authorization page,
/// from the `apply_permissions_token` of 商户预授权 (valid for one hour).
///
/// Not signed: the token stands for the merchant. Use it directly as a [`BusinessView`].
///
/// WeChat: <https://pay.weixin.qq.com/doc/v3/partner/4012677913> (JSAPI调起支付分授权页,
/// partner); the direct-merchant, mini-program and App pages take the same parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct EnableService {
    /// 预授权token `apply_permissions_token`: from the pre-authorization answer.
    pub apply_permissions_token: String,
    /// 授权场景 `scene` (optional): partner trade-scene authorization (服务商交易场景授权)
    /// sets `ORDER`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scene: Option<String>,
}

impl Sealed for EnableService {}

impl BusinessView for EnableService {
    const BUSINESS_TYPE: &'static str = "wxpayScoreEnable";

    fn fields(&self) -> Vec<(&'static str, &str)> {
        let mut fields = vec![("apply_permissions_token", self.apply_permissions_token.as_str())];
        if let Some(scene) = &self.scene {
            fields.push(("scene", scene));
        }
        fields
    }
}
