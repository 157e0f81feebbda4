//! `GET /v3/refund/domestic/refunds/{out_refund_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::Refund;

/// 查询单笔退款（通过商户退款单号）— queries a refund by the merchant's refund number.
///
/// `GET /v3/refund/domestic/refunds/{out_refund_no}`
///
/// WeChat: <https://pay.weixin.qq.com/doc/v3/merchant/4012791863>
///
/// Poll it when no `REFUND.*` notification arrived: a refund is `PROCESSING` until it is
/// `SUCCESS`, `CLOSED` or `ABNORMAL`.
#[endpoint(GET, "v3/refund/domestic/refunds/<out_refund_no>", response = Refund)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryRefund {
    /// Path: 商户退款单号 `out_refund_no`.
    pub out_refund_no: String,
    /// Query: 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        assert_request(
            &QueryRefund::builder().out_refund_no("1217752501201407033233368018").build(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds/1217752501201407033233368018",
            "",
        );
        assert_request(
            &QueryRefund::builder().out_refund_no("R|1").sub_mchid("1900000109").build(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds/R%7C1?sub_mchid=1900000109",
            "",
        );
    }
}
