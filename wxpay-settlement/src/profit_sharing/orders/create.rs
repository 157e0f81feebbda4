//! `POST /v3/profitsharing/orders`

use std::fmt;

use serde::{Deserialize, Serialize};
use wxpay_core::{endpoint, sensitive::Sensitive};

use crate::profit_sharing::{ProfitSharingOrder, ReceiverType, types::DebugAccount};

/// 请求分账 — splits part of a paid order's frozen money among receivers.
///
/// `POST /v3/profitsharing/orders`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_1.shtml> (partner:
/// <https://pay.weixin.qq.com/doc/v3/partner/4012690683>)
///
/// Only for payments made with `profit_sharing: true`. Processed asynchronously: the answer
/// is usually `PROCESSING`; [`QueryOrder`](super::QueryOrder) gives the outcome. At most 50
/// requests per payment and 50 receivers per request. A receiver `name` is sent encrypted
/// (the client sets `Wechatpay-Serial`). `unfreeze_unsplit: true` releases whatever is left
/// to the merchant after this split (no further split possible).
#[endpoint(POST, "v3/profitsharing/orders", response = ProfitSharingOrder)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateOrder {
    /// 子商户号 `sub_mchid` (partner mode: the sub-merchant whose money is shared).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 公众账号ID `appid`: required when a receiver is `PERSONAL_OPENID`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// 子商户公众账号ID `sub_appid` (partner mode): required for `PERSONAL_SUB_OPENID`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// 微信订单号 `transaction_id` of the payment (a PayScore `collection.details[]` one).
    pub transaction_id: String,
    /// 商户分账单号 `out_order_no`: unique per split request, 1–64 of `0-9a-zA-Z_-|*@`.
    pub out_order_no: String,
    /// 分账接收方列表 `receivers`: 1–50.
    pub receivers: Vec<Receiver>,
    /// 是否解冻剩余未分资金 `unfreeze_unsplit`: `true` releases the rest to the merchant.
    pub unfreeze_unsplit: bool,
}

/// 分账接收方 `receivers[]` of a [`CreateOrder`]. `Debug` hides the `name` and an openid
/// `account`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Receiver {
    /// 分账接收方类型 `type`.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// 分账接收方账号 `account`: the merchant id, or the openid.
    pub account: String,
    /// 分账个人接收方姓名 / 商户全称 `name` (optional), sent encrypted; if given, WeChat
    /// checks it against the account's real name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub name: Option<Sensitive>,
    /// 分账金额 `amount`, in fen, at least 1.
    pub amount: u64,
    /// 分账描述 `description`, at most 80 characters.
    pub description: String,
}

impl fmt::Debug for Receiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("kind", &self.kind)
            .field("account", &DebugAccount(&self.kind, &self.account))
            .field("name", &self.name)
            .field("amount", &self.amount)
            .field("description", &self.description)
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
    use crate::{
        profit_sharing::{DetailFailReason, OrderState, ReceiverResult},
        test_support::{assert_request, decode, prepare},
    };

    #[test]
    fn encrypts_the_receiver_name() {
        let request = CreateOrder::builder()
            .sub_mchid("1900000109")
            .appid("wx8888888888888888")
            .transaction_id("4208450740201411110007820472")
            .out_order_no("P20150806125346")
            .receivers(vec![
                Receiver::builder()
                    .kind(ReceiverType::MerchantId)
                    .account("86693852")
                    .name("hu89ohu89ohu89o")
                    .amount(888)
                    .description("分给商户A")
                    .build(),
            ])
            .unfreeze_unsplit(true)
            .build();
        let debug = format!("{request:?}");
        assert!(!debug.contains("hu89ohu89ohu89o") && debug.contains("86693852"), "{debug}");
        let prepared = prepare(&request);
        assert_eq!(prepared.method(), "POST");
        assert_eq!(
            prepared.uri().to_string(),
            "https://api.mch.weixin.qq.com/v3/profitsharing/orders"
        );
        assert_eq!(prepared.headers()["Wechatpay-Serial"], DOC_PUBLIC_KEY_ID);
        let body = std::str::from_utf8(prepared.body()).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(body).unwrap();
        let cipher = value["receivers"][0]["name"].as_str().unwrap().to_owned();
        let key = PrivateKey::from_pem(DOC_PRIVATE_KEY_PEM).unwrap();
        assert_eq!(Sensitive::from_ciphertext(&cipher, &key).unwrap().expose(), "hu89ohu89ohu89o");
        assert_eq!(
            body.replace(&cipher, "<cipher>"),
            r#"{"sub_mchid":"1900000109","appid":"wx8888888888888888","transaction_id":"4208450740201411110007820472","out_order_no":"P20150806125346","receivers":[{"type":"MERCHANT_ID","account":"86693852","name":"<cipher>","amount":888,"description":"分给商户A"}],"unfreeze_unsplit":true}"#
        );
        value["receivers"][0]["name"] = "x".into();
        let back: CreateOrder = serde_json::from_value(value).unwrap();
        assert_eq!(back.receivers[0].name.as_ref().map(Sensitive::expose), Some("x"));
    }

    #[test]
    fn personal_receiver_without_name() {
        let receiver = Receiver::builder()
            .kind(ReceiverType::PersonalOpenid)
            .account("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .amount(1)
            .description("分给个人")
            .build();
        assert!(!format!("{receiver:?}").contains("oUpF8uMuAJO"), "openid redacted");
        assert_request(
            &CreateOrder::builder()
                .appid("wx8888888888888888")
                .transaction_id("4208450740201411110007820472")
                .out_order_no("P2")
                .receivers(vec![receiver])
                .unfreeze_unsplit(false)
                .build(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/profitsharing/orders",
            r#"{"appid":"wx8888888888888888","transaction_id":"4208450740201411110007820472","out_order_no":"P2","receivers":[{"type":"PERSONAL_OPENID","account":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","amount":1,"description":"分给个人"}],"unfreeze_unsplit":false}"#,
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let order: ProfitSharingOrder = decode(
            r#"{"sub_mchid":"1900000109","transaction_id":"4208450740201411110007820472",
            "out_order_no":"P20150806125346","order_id":"3008450740201411110007820472","state":"FINISHED",
            "receivers":[{"amount":100,"description":"分给商户1900000110","type":"MERCHANT_ID","account":"1900000109",
              "result":"SUCCESS","fail_reason":"ACCOUNT_ABNORMAL","detail_id":"36011111111111111111111",
              "create_time":"2015-05-20T13:29:35.120+08:00","finish_time":"2015-05-20T13:29:35.120+08:00"}]}"#,
        );
        assert_eq!(order.state, OrderState::Finished);
        assert_eq!(order.order_id, "3008450740201411110007820472");
        let receiver = &order.receivers[0];
        assert_eq!(receiver.result, ReceiverResult::Success);
        assert_eq!(receiver.fail_reason, Some(DetailFailReason::AccountAbnormal));
        assert_eq!(receiver.kind, ReceiverType::MerchantId);
        assert!(format!("{receiver:?}").contains("1900000109"), "merchant ids are shown");
    }
}
