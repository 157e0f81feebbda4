//! `POST /v3/refund/domestic/refunds`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use super::{FundsAccount, Refund, RefundAccount};

/// 申请退款 — refunds all or part of a paid order.
///
/// `POST /v3/refund/domestic/refunds`
///
/// WeChat: <https://pay.weixin.qq.com/doc/v3/merchant/4012791862> (partner:
/// <https://pay.weixin.qq.com/doc/v3/partner/4012738988>)
///
/// The order is named by exactly one of `transaction_id` and `out_trade_no`
/// ([`PaymentRef`]). Several partial refunds of one order add up; together they never exceed
/// what was paid. The same `out_refund_no` repeated refunds only once. For a PayScore order,
/// refund each payment by its `collection.details[].transaction_id`.
///
/// ```
/// use wxpay_settlement::refund::{CreateRefund, PaymentRef, RefundAmount};
///
/// let refund = CreateRefund::builder()
///     .payment(PaymentRef::out_trade_no("1217752501201407033233368018"))
///     .out_refund_no("1217752501201407033233368018")
///     .amount(RefundAmount::builder().refund(888).total(888).build())
///     .build();
/// assert_eq!(refund.amount.currency, "CNY");
/// ```
#[endpoint(POST, "v3/refund/domestic/refunds", response = Refund)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateRefund {
    /// 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 微信支付订单号 `transaction_id` or 商户订单号 `out_trade_no`: exactly one.
    #[serde(flatten)]
    pub payment: PaymentRef,
    /// 商户退款单号 `out_refund_no`: unique in the merchant's system, 1–64 of
    /// `0-9a-zA-Z_-|*@`; the same number repeated refunds only once.
    pub out_refund_no: String,
    /// 退款原因 `reason` (optional), at most 80 characters, shown to the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 退款结果回调url `notify_url` (optional): where `REFUND.*` notifications go; without
    /// it, the URL configured on the merchant platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// 退款资金来源 `funds_account` (optional): `AVAILABLE` refunds from the available
    /// balance; without it, from the unsettled funds first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds_account: Option<FundsAccount>,
    /// 金额信息 `amount`.
    pub amount: RefundAmount,
    /// 退款商品 `goods_detail` (optional): for single-item discounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub goods_detail: Vec<GoodsDetail>,
}

/// Which payment a refund or profit-sharing call is about: exactly one of
/// 微信支付订单号 `transaction_id` and 商户订单号 `out_trade_no`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum PaymentRef {
    /// 微信支付订单号 `transaction_id`, e.g. from a PayScore `collection.details[]`.
    #[serde(rename = "transaction_id")]
    TransactionId(String),
    /// 商户订单号 `out_trade_no`.
    #[serde(rename = "out_trade_no")]
    OutTradeNo(String),
}

impl PaymentRef {
    /// By 微信支付订单号 `transaction_id`.
    pub fn transaction_id(id: impl Into<String>) -> Self {
        Self::TransactionId(id.into())
    }

    /// By 商户订单号 `out_trade_no`.
    pub fn out_trade_no(no: impl Into<String>) -> Self {
        Self::OutTradeNo(no.into())
    }
}

/// 金额信息 `amount` of a [`CreateRefund`], in fen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct RefundAmount {
    /// 退款金额 `refund`: at most the order's total less what was already refunded.
    pub refund: u64,
    /// 退款出资账户及金额 `from` (optional): which accounts pay how much of `refund`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub from: Vec<FundsFrom>,
    /// 原订单金额 `total`: what the order was paid.
    pub total: u64,
    /// 退款币种 `currency`: `CNY` (the default).
    #[builder(default = "CNY".to_owned())]
    pub currency: String,
}

/// 退款出资账户及金额 `amount.from[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[non_exhaustive]
pub struct FundsFrom {
    /// 出资账户类型 `account`.
    pub account: RefundAccount,
    /// 出资金额 `amount`.
    pub amount: u64,
}

/// 退款商品 `goods_detail[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GoodsDetail {
    /// 商户侧商品编码 `merchant_goods_id`.
    pub merchant_goods_id: String,
    /// 微信支付商品编码 `wechatpay_goods_id` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechatpay_goods_id: Option<String>,
    /// 商品名称 `goods_name` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goods_name: Option<String>,
    /// 商品单价 `unit_price`.
    pub unit_price: u64,
    /// 商品退款金额 `refund_amount`.
    pub refund_amount: u64,
    /// 商品退货数量 `refund_quantity`.
    pub refund_quantity: u32,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        refund::{RefundChannel, RefundStatus},
        test_support::{assert_request, decode},
    };

    #[test]
    fn prepares_the_documented_request() {
        let request = CreateRefund::builder()
            .payment(PaymentRef::transaction_id("1217752501201407033233368018"))
            .out_refund_no("1217752501201407033233368018")
            .reason("商品已售完")
            .notify_url("https://weixin.qq.com")
            .funds_account(FundsAccount::Available)
            .amount(
                RefundAmount::builder()
                    .refund(888)
                    .from(vec![
                        FundsFrom::builder().account(RefundAccount::Available).amount(444).build(),
                    ])
                    .total(888)
                    .build(),
            )
            .goods_detail(vec![
                GoodsDetail::builder()
                    .merchant_goods_id("1217752501201407033233368018")
                    .wechatpay_goods_id("1001")
                    .goods_name("iPhone6s 16G")
                    .unit_price(528_800)
                    .refund_amount(528_800)
                    .refund_quantity(1)
                    .build(),
            ])
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds",
            r#"{"transaction_id":"1217752501201407033233368018","out_refund_no":"1217752501201407033233368018","reason":"商品已售完","notify_url":"https://weixin.qq.com","funds_account":"AVAILABLE","amount":{"refund":888,"from":[{"account":"AVAILABLE","amount":444}],"total":888,"currency":"CNY"},"goods_detail":[{"merchant_goods_id":"1217752501201407033233368018","wechatpay_goods_id":"1001","goods_name":"iPhone6s 16G","unit_price":528800,"refund_amount":528800,"refund_quantity":1}]}"#,
        );
        let back: CreateRefund =
            serde_json::from_slice(crate::test_support::prepare(&request).body()).unwrap();
        assert_eq!(back, request, "the simulator decodes what the client sends");
    }

    #[test]
    fn partner_form_by_out_trade_no() {
        let request = CreateRefund::builder()
            .sub_mchid("1900000109")
            .payment(PaymentRef::out_trade_no("1217752501201407033233368018"))
            .out_refund_no("R1")
            .amount(RefundAmount::builder().refund(1).total(2).build())
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds",
            r#"{"sub_mchid":"1900000109","out_trade_no":"1217752501201407033233368018","out_refund_no":"R1","amount":{"refund":1,"total":2,"currency":"CNY"}}"#,
        );
    }

    #[test]
    fn decoding_rejects_both_or_neither_payment_ids() {
        let amount = r#""out_refund_no":"R1","amount":{"refund":1,"total":2,"currency":"CNY"}"#;
        let neither = format!("{{{amount}}}");
        assert!(serde_json::from_str::<CreateRefund>(&neither).is_err());
        let one = format!(r#"{{"out_trade_no":"T1",{amount}}}"#);
        let decoded: CreateRefund = serde_json::from_str(&one).unwrap();
        assert_eq!(decoded.payment, PaymentRef::out_trade_no("T1"));
    }

    #[test]
    fn decodes_the_documented_answer() {
        let refund: Refund = decode(
            r#"{"refund_id":"50000000382019052709732678859","out_refund_no":"1217752501201407033233368018",
            "transaction_id":"1217752501201407033233368018","out_trade_no":"1217752501201407033233368018",
            "channel":"ORIGINAL","user_received_account":"招商银行信用卡0403","success_time":"2020-12-01T16:18:12+08:00",
            "create_time":"2020-12-01T16:18:12+08:00","status":"SUCCESS","funds_account":"UNSETTLED",
            "amount":{"total":100,"refund":100,"from":[{"account":"AVAILABLE","amount":444}],"payer_total":90,
                "payer_refund":90,"settlement_refund":100,"settlement_total":100,"discount_refund":10,"currency":"CNY","refund_fee":100},
            "promotion_detail":[{"promotion_id":"109519","scope":"SINGLE","type":"DISCOUNT","amount":5,"refund_amount":100,
                "goods_detail":[{"merchant_goods_id":"1217752501201407033233368018","wechatpay_goods_id":"1001",
                "goods_name":"iPhone6s 16G","unit_price":528800,"refund_amount":528800,"refund_quantity":1}]}]}"#,
        );
        assert_eq!(refund.status, RefundStatus::Success);
        assert_eq!(refund.channel, RefundChannel::Original);
        assert_eq!(refund.funds_account, Some(FundsAccount::Unsettled));
        assert_eq!(refund.amount.refund, 100);
        assert_eq!(refund.amount.payer_refund, Some(90));
        assert_eq!(refund.amount.from[0].account, RefundAccount::Available);
        assert_eq!(refund.promotion_detail[0].kind, "DISCOUNT");
        assert_eq!(refund.promotion_detail[0].goods_detail[0].unit_price, 528_800);
        let unknown: Refund = decode(
            r#"{"refund_id":"1","out_refund_no":"R","transaction_id":"T","out_trade_no":"O","channel":"NEW_CHANNEL",
            "user_received_account":"支付用户零钱","create_time":"2020-12-01T16:18:12+08:00","status":"PROCESSING",
            "amount":{"total":2,"refund":1},"extra_field":true}"#,
        );
        assert_eq!(unknown.channel, RefundChannel::Unknown("NEW_CHANNEL".into()));
        assert_eq!(unknown.success_time, None);
    }
}
