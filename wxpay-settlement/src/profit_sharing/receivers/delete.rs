//! `POST /v3/profitsharing/receivers/delete`

use std::fmt;

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::profit_sharing::{ReceiverType, types::DebugAccount};

/// 删除分账接收方 — removes a receiver; no further sharing to it.
///
/// `POST /v3/profitsharing/receivers/delete`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_9.shtml> (partner:
/// <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_9.shtml>)
#[endpoint(POST, "v3/profitsharing/receivers/delete", response = DeletedReceiver)]
#[derive(Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct DeleteReceiver {
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
    /// 分账接收方账号 `account`.
    pub account: String,
}

impl fmt::Debug for DeleteReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeleteReceiver")
            .field("sub_mchid", &self.sub_mchid)
            .field("appid", &self.appid)
            .field("sub_appid", &self.sub_appid)
            .field("kind", &self.kind)
            .field("account", &DebugAccount(&self.kind, &self.account))
            .finish()
    }
}

/// The answer of [`DeleteReceiver`]. `Debug` hides an openid `account`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DeletedReceiver {
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(default)]
    pub sub_mchid: Option<String>,
    /// 分账接收方类型 `type`.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// 分账接收方账号 `account`.
    pub account: String,
}

impl fmt::Debug for DeletedReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeletedReceiver")
            .field("sub_mchid", &self.sub_mchid)
            .field("kind", &self.kind)
            .field("account", &DebugAccount(&self.kind, &self.account))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    #[test]
    fn prepares_the_request_and_decodes_the_answer() {
        assert_request(
            &DeleteReceiver::builder()
                .sub_mchid("1900000109")
                .appid("wx8888888888888888")
                .kind(ReceiverType::MerchantId)
                .account("86693852")
                .build(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/profitsharing/receivers/delete",
            r#"{"sub_mchid":"1900000109","appid":"wx8888888888888888","type":"MERCHANT_ID","account":"86693852"}"#,
        );
        let answer: DeletedReceiver = decode(
            r#"{"sub_mchid":"1900000109","type":"PERSONAL_SUB_OPENID","account":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#,
        );
        assert_eq!(answer.kind, ReceiverType::PersonalSubOpenid);
        assert!(!format!("{answer:?}").contains("oUpF8"), "openid redacted");
    }
}
