//! `POST /v3/profitsharing/orders/unfreeze`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::profit_sharing::ProfitSharingOrder;

/// 解冻剩余资金 — releases what is left unshared of a payment to the merchant; no further
/// split is possible afterwards.
///
/// `POST /v3/profitsharing/orders/unfreeze`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_5.shtml> (partner:
/// <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_5.shtml>)
///
/// Processed asynchronously, like a split: query the outcome with
/// [`QueryOrder`](super::QueryOrder) under this `out_order_no`.
#[endpoint(POST, "v3/profitsharing/orders/unfreeze", response = ProfitSharingOrder)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct UnfreezeOrder {
    /// 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 微信订单号 `transaction_id`.
    pub transaction_id: String,
    /// 商户分账单号 `out_order_no` of this unfreeze request.
    pub out_order_no: String,
    /// 分账描述 `description`, at most 80 characters.
    pub description: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        profit_sharing::{OrderState, ReceiverResult},
        test_support::{assert_request, decode},
    };

    #[test]
    fn prepares_the_request() {
        assert_request(
            &UnfreezeOrder::builder()
                .sub_mchid("1900000109")
                .transaction_id("4208450740201411110007820472")
                .out_order_no("P20150806125346")
                .description("解冻全部剩余资金")
                .build(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/profitsharing/orders/unfreeze",
            r#"{"sub_mchid":"1900000109","transaction_id":"4208450740201411110007820472","out_order_no":"P20150806125346","description":"解冻全部剩余资金"}"#,
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let order: ProfitSharingOrder = decode(
            r#"{"sub_mchid":"1900000109","transaction_id":"4208450740201411110007820472","out_order_no":"P20150806125346",
            "order_id":"3008450740201411110007820472","state":"PROCESSING",
            "receivers":[{"amount":100,"description":"解冻给分账方","type":"MERCHANT_ID","account":"1900000109",
              "result":"PENDING","create_time":"2015-05-20T13:29:35.120+08:00","finish_time":"2015-05-20T13:29:35.120+08:00",
              "detail_id":"36011111111111111111111"}]}"#,
        );
        assert_eq!(order.state, OrderState::Processing);
        assert_eq!(order.receivers[0].result, ReceiverResult::Pending);
        assert_eq!(order.receivers[0].fail_reason, None);
    }
}
