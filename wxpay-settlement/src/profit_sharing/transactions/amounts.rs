//! `GET /v3/profitsharing/transactions/{transaction_id}/amounts`

use serde::Deserialize;
use wxpay_core::endpoint;

/// 查询剩余待分金额 — how much of a payment is still frozen for sharing.
///
/// `GET /v3/profitsharing/transactions/{transaction_id}/amounts`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_6.shtml> (partner:
/// <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_6.shtml>)
#[endpoint(GET, "v3/profitsharing/transactions/<transaction_id>/amounts", response = UnsplitAmount)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryUnsplitAmount {
    /// Path: 微信订单号 `transaction_id`.
    pub transaction_id: String,
}

/// The answer of [`QueryUnsplitAmount`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UnsplitAmount {
    /// 微信订单号 `transaction_id`.
    pub transaction_id: String,
    /// 订单剩余待分金额 `unsplit_amount`, in fen.
    pub unsplit_amount: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode};

    #[test]
    fn prepares_the_request_and_decodes_the_answer() {
        assert_request(
            &QueryUnsplitAmount::builder().transaction_id("4208450740201411110007820472").build(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/profitsharing/transactions/4208450740201411110007820472/amounts",
            "",
        );
        let answer: UnsplitAmount =
            decode(r#"{"transaction_id":"4208450740201411110007820472","unsplit_amount":1000}"#);
        assert_eq!(answer.unsplit_amount, 1000);
    }
}
