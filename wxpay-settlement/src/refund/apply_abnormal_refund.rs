//! `POST /v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund`

use serde::Deserialize;
use wxpay_core::{endpoint, sensitive::Sensitive};

use super::Refund;
use crate::string_enum::string_enum;

string_enum! {
    /// 异常退款处理方式 `type`.
    pub enum AbnormalRefundType {
        /// `USER_BANK_CARD`: 退款到用户银行卡 (needs `bank_type`, `bank_account`, `real_name`).
        UserBankCard = "USER_BANK_CARD",
        /// `MERCHANT_BANK_CARD`: 退款至交易商户银行账户.
        MerchantBankCard = "MERCHANT_BANK_CARD",
    }
}

/// 发起异常退款 — sends a refund whose status is `ABNORMAL` to a bank card instead.
///
/// `POST /v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund`
///
/// WeChat: <https://pay.weixin.qq.com/docs/merchant/apis/refund/refunds/create-abnormal-refund.html>
/// (partner, `sub_mchid` in the body: <https://pay.weixin.qq.com/doc/v3/partner/4017150905>);
/// both pages write the path as above.
///
/// `bank_account` and `real_name` are [`Sensitive`]: the client encrypts them with RSA-OAEP
/// to the WeChat Pay key it names in `Wechatpay-Serial`. To the user's card only debit
/// cards of the banks WeChat lists are accepted.
#[endpoint(POST, "v3/refund/domestic/refunds/<refund_id>/apply-abnormal-refund", response = Refund)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ApplyAbnormalRefund {
    /// Path: 微信支付退款单号 `refund_id`.
    pub refund_id: String,
    /// 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 商户退款单号 `out_refund_no`.
    pub out_refund_no: String,
    /// 异常退款处理方式 `type`.
    #[serde(rename = "type")]
    pub kind: AbnormalRefundType,
    /// 开户银行 `bank_type` (for `USER_BANK_CARD`), e.g. `ICBC_DEBIT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<String>,
    /// 收款银行卡号 `bank_account` (for `USER_BANK_CARD`), sent encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub bank_account: Option<Sensitive>,
    /// 收款用户姓名 `real_name` (for `USER_BANK_CARD`), sent encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub real_name: Option<Sensitive>,
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
        refund::{RefundAccount, RefundChannel, RefundStatus},
        test_support::{assert_request, decode, prepare},
    };

    #[test]
    fn encrypts_the_bank_fields() {
        let request = ApplyAbnormalRefund::builder()
            .refund_id("50000000382019052709732678859")
            .sub_mchid("1900000109")
            .out_refund_no("1217752501201407033233368018")
            .kind(AbnormalRefundType::UserBankCard)
            .bank_type("ICBC_DEBIT")
            .bank_account("6222020200000000001")
            .real_name("张三")
            .build();
        assert!(!format!("{request:?}").contains("张三"), "Debug redacts");
        let prepared = prepare(&request);
        assert_eq!(
            prepared.uri().to_string(),
            "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds/50000000382019052709732678859/apply-abnormal-refund"
        );
        assert_eq!(prepared.headers()["Wechatpay-Serial"], DOC_PUBLIC_KEY_ID);
        let mut body: serde_json::Value = serde_json::from_slice(prepared.body()).unwrap();
        let key = PrivateKey::from_pem(DOC_PRIVATE_KEY_PEM).unwrap();
        for (field, plain) in [("bank_account", "6222020200000000001"), ("real_name", "张三")] {
            let cipher = body[field].as_str().unwrap().to_owned();
            assert_ne!(cipher, plain);
            assert_eq!(Sensitive::from_ciphertext(&cipher, &key).unwrap().expose(), plain);
            body[field] = "<cipher>".into();
        }
        let expected: serde_json::Value = serde_json::from_str(
            r#"{"sub_mchid":"1900000109","out_refund_no":"1217752501201407033233368018","type":"USER_BANK_CARD","bank_type":"ICBC_DEBIT","bank_account":"<cipher>","real_name":"<cipher>"}"#,
        )
        .unwrap();
        assert_eq!(body, expected);
    }

    #[test]
    fn merchant_bank_card_has_no_sensitive_fields() {
        assert_request(
            &ApplyAbnormalRefund::builder()
                .refund_id("5000")
                .out_refund_no("R1")
                .kind(AbnormalRefundType::MerchantBankCard)
                .build(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds/5000/apply-abnormal-refund",
            r#"{"out_refund_no":"R1","type":"MERCHANT_BANK_CARD"}"#,
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        // The answer is the refund (退款单), as in WeChat's example.
        let refund: Refund = decode(
            r#"{"refund_id":"50000000382019052709732678859","out_refund_no":"1217752501201407033233368018",
            "transaction_id":"1217752501201407033233368018","out_trade_no":"1217752501201407033233368018",
            "channel":"ORIGINAL","user_received_account":"招商银行信用卡0403","success_time":"2020-12-01T16:18:12+08:00",
            "create_time":"2020-12-01T16:18:12+08:00","status":"SUCCESS","funds_account":"UNSETTLED",
            "amount":{"total":100,"refund":100,"from":[{"account":"AVAILABLE","amount":444}],"payer_total":90,
                "payer_refund":90,"settlement_refund":100,"settlement_total":100,"discount_refund":10,"currency":"CNY",
                "refund_fee":100},
            "promotion_detail":[{"promotion_id":"109519","scope":"GLOBAL","type":"COUPON","amount":5,"refund_amount":100,
                "goods_detail":[{"merchant_goods_id":"1217752501201407033233368018","wechatpay_goods_id":"1001",
                "goods_name":"iPhone6s 16G","unit_price":528800,"refund_amount":528800,"refund_quantity":1}]}]}"#,
        );
        assert_eq!(refund.refund_id, "50000000382019052709732678859");
        assert_eq!(
            (refund.status, refund.channel),
            (RefundStatus::Success, RefundChannel::Original)
        );
        assert_eq!(refund.amount.from[0].account, RefundAccount::Available);
        assert_eq!(refund.amount.from[0].amount, 444);
        assert_eq!(refund.amount.refund_fee, Some(100));
        assert_eq!(
            (refund.promotion_detail[0].scope.as_str(), refund.promotion_detail[0].kind.as_str()),
            ("GLOBAL", "COUPON")
        );
    }
}
