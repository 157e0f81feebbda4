//! `POST /v3/profitsharing/receivers/add`

use std::fmt;

use serde::Deserialize;
use wxpay_core::{
    endpoint,
    sensitive::{Encrypted, Sensitive},
};

use crate::profit_sharing::{ReceiverType, RelationType, types::DebugAccount};

/// 添加分账接收方 — registers a receiver before sharing to it.
///
/// `POST /v3/profitsharing/receivers/add`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_8.shtml> (partner:
/// <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_8.shtml>)
///
/// `name` (the merchant's full name for `MERCHANT_ID`, required there; the person's name,
/// optional, for openids) is sent encrypted. `Debug` hides it and an openid `account`.
#[endpoint(POST, "v3/profitsharing/receivers/add", response = AddedReceiver)]
#[derive(Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct AddReceiver {
    /// 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 公众账号ID `appid`.
    pub appid: String,
    /// 子商户公众账号ID `sub_appid` (partner mode, for `PERSONAL_SUB_OPENID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// 分账接收方类型 `type`.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// 分账接收方账号 `account`: the merchant id, or the openid.
    pub account: String,
    /// 分账接收方全称 `name`, sent encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub name: Option<Sensitive>,
    /// 与分账方的关系类型 `relation_type`.
    pub relation_type: RelationType,
    /// 自定义的分账关系 `custom_relation`: required for `CUSTOM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_relation: Option<String>,
}

impl fmt::Debug for AddReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AddReceiver")
            .field("sub_mchid", &self.sub_mchid)
            .field("appid", &self.appid)
            .field("sub_appid", &self.sub_appid)
            .field("kind", &self.kind)
            .field("account", &DebugAccount(&self.kind, &self.account))
            .field("name", &self.name)
            .field("relation_type", &self.relation_type)
            .field("custom_relation", &self.custom_relation)
            .finish()
    }
}

/// The answer of [`AddReceiver`]. `Debug` hides an openid `account`; `name` stays
/// encrypted (to the merchant key).
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AddedReceiver {
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(default)]
    pub sub_mchid: Option<String>,
    /// 分账接收方类型 `type`.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// 分账接收方账号 `account`.
    pub account: String,
    /// 分账接收方全称 `name`, encrypted to the merchant key.
    #[serde(default)]
    pub name: Option<Encrypted>,
    /// 与分账方的关系类型 `relation_type`.
    #[serde(default)]
    pub relation_type: Option<RelationType>,
    /// 自定义的分账关系 `custom_relation`.
    #[serde(default)]
    pub custom_relation: Option<String>,
}

impl fmt::Debug for AddedReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AddedReceiver")
            .field("sub_mchid", &self.sub_mchid)
            .field("kind", &self.kind)
            .field("account", &DebugAccount(&self.kind, &self.account))
            .field("name", &self.name)
            .field("relation_type", &self.relation_type)
            .field("custom_relation", &self.custom_relation)
            .finish()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use wxpay_core::{
        PrivateKey,
        testing::{DOC_PRIVATE_KEY_PEM, DOC_PUBLIC_KEY_ID},
    };

    use super::*;
    use crate::test_support::{decode, prepare};

    #[test]
    fn encrypts_the_name() {
        let request = AddReceiver::builder()
            .sub_mchid("1900000109")
            .appid("wx8888888888888888")
            .sub_appid("wx8888888888888889")
            .kind(ReceiverType::PersonalOpenid)
            .account("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .name("张三")
            .relation_type(RelationType::Store)
            .build();
        let debug = format!("{request:?}");
        assert!(!debug.contains("张三") && !debug.contains("oUpF8uMu"), "{debug}");
        let prepared = prepare(&request);
        assert_eq!(
            prepared.uri().to_string(),
            "https://api.mch.weixin.qq.com/v3/profitsharing/receivers/add"
        );
        assert_eq!(prepared.headers()["Wechatpay-Serial"], DOC_PUBLIC_KEY_ID);
        let body = std::str::from_utf8(prepared.body()).unwrap();
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        let cipher = value["name"].as_str().unwrap();
        let key = PrivateKey::from_pem(DOC_PRIVATE_KEY_PEM).unwrap();
        assert_eq!(Sensitive::from_ciphertext(cipher, &key).unwrap().expose(), "张三");
        assert_eq!(
            body.replace(cipher, "<cipher>"),
            r#"{"sub_mchid":"1900000109","appid":"wx8888888888888888","sub_appid":"wx8888888888888889","type":"PERSONAL_OPENID","account":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","name":"<cipher>","relation_type":"STORE"}"#
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let answer: AddedReceiver = decode(
            r#"{"sub_mchid":"1900000109","type":"MERCHANT_ID","account":"1900000109",
            "name":"hu89ohu89ohu89o","relation_type":"PARTNER","custom_relation":"代理商"}"#,
        );
        assert_eq!(answer.kind, ReceiverType::MerchantId);
        assert_eq!(answer.relation_type, Some(RelationType::Partner));
        assert_eq!(answer.name.as_ref().map(Encrypted::ciphertext), Some("hu89ohu89ohu89o"));
        assert!(!format!("{answer:?}").contains("hu89o"), "the ciphertext is not shown");
    }
}
