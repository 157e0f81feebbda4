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
    use crate::{
        profit_sharing::{DetailFailReason, OrderState, ReceiverResult, ReceiverType},
        test_support::{assert_request, decode},
    };

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

    #[test]
    fn decodes_the_documented_answer() {
        let order: ProfitSharingOrder = decode(
            r#"{"sub_mchid":"1900000109","transaction_id":"4208450740201411110007820472",
            "out_order_no":"P20150806125346","order_id":"3008450740201411110007820472","state":"FINISHED",
            "receivers":[{"amount":100,"description":"分给商户1900000110","type":"MERCHANT_ID","account":"1900000109",
              "result":"SUCCESS","fail_reason":"ACCOUNT_ABNORMAL",
              "create_time":"2015-05-20T13:29:35.120+08:00","finish_time":"2015-05-20T13:29:35.120+08:00"}]}"#,
        );
        assert_eq!(order.sub_mchid.as_deref(), Some("1900000109"));
        assert_eq!(order.out_order_no, "P20150806125346");
        assert_eq!(order.state, OrderState::Finished);
        let receiver = &order.receivers[0];
        assert_eq!((receiver.kind.clone(), receiver.amount), (ReceiverType::MerchantId, 100));
        assert_eq!(receiver.description, "分给商户1900000110");
        assert_eq!(receiver.result, ReceiverResult::Success);
        assert_eq!(receiver.fail_reason, Some(DetailFailReason::AccountAbnormal));
        assert_eq!(receiver.detail_id, None);
        assert_eq!(receiver.finish_time, "2015-05-20T13:29:35.120+08:00");
    }
}
