//! `GET /v3/refund/domestic/refunds/{out_refund_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::Refund;

/// 查询单笔退款（通过商户退款单号）— queries a refund by the merchant's refund number.
///
/// `GET /v3/refund/domestic/refunds/{out_refund_no}`
///
/// WeChat: <https://pay.weixin.qq.com/docs/merchant/apis/refund/refunds/query-by-out-refund-no.html>
/// (partner, `sub_mchid` required there:
/// <https://pay.weixin.qq.com/docs/partner/apis/partner-in-app-payment/query-by-out-refund-no.html>);
/// both pages write the path as above.
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
    use crate::{
        refund::{FundsAccount, RefundChannel, RefundStatus},
        test_support::{assert_request, decode},
    };

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

    #[test]
    fn decodes_the_documented_answer() {
        // The 200 example of WeChat's page (no `from`, no `refund_fee`).
        let refund: Refund = decode(
            r#"{"refund_id":"50000000382019052709732678859","out_refund_no":"1217752501201407033233368018",
            "transaction_id":"1217752501201407033233368018","out_trade_no":"1217752501201407033233368018",
            "channel":"ORIGINAL","user_received_account":"招商银行信用卡0403","success_time":"2020-12-01T16:18:12+08:00",
            "create_time":"2020-12-01T16:18:12+08:00","status":"SUCCESS","funds_account":"UNSETTLED",
            "amount":{"total":100,"refund":100,"payer_total":90,"payer_refund":90,"settlement_refund":100,
                "settlement_total":100,"discount_refund":10,"currency":"CNY"},
            "promotion_detail":[{"promotion_id":"109519","scope":"SINGLE","type":"DISCOUNT","amount":5,"refund_amount":100,
                "goods_detail":[{"merchant_goods_id":"1217752501201407033233368018","wechatpay_goods_id":"1001",
                "goods_name":"iPhone6s 16G","unit_price":528800,"refund_amount":528800,"refund_quantity":1}]}]}"#,
        );
        assert_eq!(refund.out_refund_no, "1217752501201407033233368018");
        assert_eq!(
            (refund.status, refund.channel),
            (RefundStatus::Success, RefundChannel::Original)
        );
        assert_eq!(refund.funds_account, Some(FundsAccount::Unsettled));
        assert_eq!(refund.user_received_account, "招商银行信用卡0403");
        assert_eq!(refund.success_time.as_deref(), Some("2020-12-01T16:18:12+08:00"));
        assert_eq!((refund.amount.total, refund.amount.refund), (100, 100));
        assert_eq!(refund.amount.discount_refund, Some(10));
        assert!(refund.amount.from.is_empty());
        assert_eq!(refund.promotion_detail[0].goods_detail[0].refund_quantity, 1);
    }
}
