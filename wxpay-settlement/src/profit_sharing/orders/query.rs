//! `GET /v3/profitsharing/orders/{out_order_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::profit_sharing::ProfitSharingOrder;

/// 查询分账结果 — queries a profit-sharing order (also the one an unfreeze created).
///
/// `GET /v3/profitsharing/orders/{out_order_no}`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_2.shtml> (partner:
/// <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_2.shtml>)
#[endpoint(GET, "v3/profitsharing/orders/<out_order_no>", response = ProfitSharingOrder)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryOrder {
    /// Path: 商户分账单号 `out_order_no`.
    pub out_order_no: String,
    /// Query: 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Query: 微信订单号 `transaction_id` of the shared payment.
    pub transaction_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        assert_request(
            &QueryOrder::builder()
                .out_order_no("P20150806125346")
                .sub_mchid("1900000109")
                .transaction_id("4208450740201411110007820472")
                .build(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/profitsharing/orders/P20150806125346?sub_mchid=1900000109&transaction_id=4208450740201411110007820472",
            "",
        );
        assert_request(
            &QueryOrder::builder().out_order_no("P1").transaction_id("42").build(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/profitsharing/orders/P1?transaction_id=42",
            "",
        );
    }
}
