//! `POST /v3/profitsharing/return-orders`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use crate::profit_sharing::ReturnOrder;

/// 请求分账回退 — takes shared money back from a merchant receiver to the sharing merchant,
/// e.g. before refunding an order that was already shared.
///
/// `POST /v3/profitsharing/return-orders`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_3.shtml> (partner:
/// <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_3.shtml>)
///
/// Only `MERCHANT_ID` receivers can return money; at most what they received from that
/// split. The answer may be `PROCESSING`: [`QueryReturn`](super::QueryReturn) gives the
/// outcome.
#[endpoint(POST, "v3/profitsharing/return-orders", response = ReturnOrder)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateReturn {
    /// 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 微信分账单号 `order_id` or 商户分账单号 `out_order_no` of the split: exactly one.
    #[serde(flatten)]
    pub order: OrderRef,
    /// 商户回退单号 `out_return_no`: unique, 1–64 of `0-9a-zA-Z_-|*@`.
    pub out_return_no: String,
    /// 回退商户号 `return_mchid`: the receiver merchant that gives the money back.
    pub return_mchid: String,
    /// 回退金额 `amount`, in fen.
    pub amount: u64,
    /// 回退描述 `description`, at most 80 characters.
    pub description: String,
}

/// Which profit-sharing order: exactly one of 微信分账单号 `order_id` and 商户分账单号
/// `out_order_no`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum OrderRef {
    /// 微信分账单号 `order_id`.
    #[serde(rename = "order_id")]
    OrderId(String),
    /// 商户分账单号 `out_order_no`.
    #[serde(rename = "out_order_no")]
    OutOrderNo(String),
}

impl OrderRef {
    /// By 微信分账单号 `order_id`.
    pub fn order_id(id: impl Into<String>) -> Self {
        Self::OrderId(id.into())
    }

    /// By 商户分账单号 `out_order_no`.
    pub fn out_order_no(no: impl Into<String>) -> Self {
        Self::OutOrderNo(no.into())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        profit_sharing::ReturnResult,
        test_support::{assert_request, decode},
    };

    #[test]
    fn prepares_the_request() {
        assert_request(
            &CreateReturn::builder()
                .sub_mchid("1900000109")
                .order(OrderRef::order_id("3008450740201411110007820472"))
                .out_return_no("R20190516001")
                .return_mchid("86693852")
                .amount(10)
                .description("用户退款")
                .build(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/profitsharing/return-orders",
            r#"{"sub_mchid":"1900000109","order_id":"3008450740201411110007820472","out_return_no":"R20190516001","return_mchid":"86693852","amount":10,"description":"用户退款"}"#,
        );
        assert_request(
            &CreateReturn::builder()
                .order(OrderRef::out_order_no("P20150806125346"))
                .out_return_no("R2")
                .return_mchid("86693852")
                .amount(1)
                .description("回退")
                .build(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/profitsharing/return-orders",
            r#"{"out_order_no":"P20150806125346","out_return_no":"R2","return_mchid":"86693852","amount":1,"description":"回退"}"#,
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let answer: ReturnOrder = decode(
            r#"{"sub_mchid":"1900000109","order_id":"3008450740201411110007820472","out_order_no":"P20150806125346",
            "out_return_no":"R20190516001","return_id":"3008450740201411110007820472","return_mchid":"86693852",
            "amount":10,"description":"用户退款","result":"SUCCESS","fail_reason":"TIME_OUT_CLOSED",
            "create_time":"2015-05-20T13:29:35.120+08:00","finish_time":"2015-05-20T13:29:35.120+08:00"}"#,
        );
        assert_eq!(answer.result, ReturnResult::Success);
        assert_eq!(answer.amount, 10);
        assert_eq!(answer.fail_reason.as_deref(), Some("TIME_OUT_CLOSED"));
    }
}
