//! `GET /v3/profitsharing/return-orders/{out_return_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::profit_sharing::ReturnOrder;

/// 查询分账回退结果 — queries a return order.
///
/// `GET /v3/profitsharing/return-orders/{out_return_no}`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_4.shtml> (partner:
/// <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_4.shtml>)
#[endpoint(GET, "v3/profitsharing/return-orders/<out_return_no>", response = ReturnOrder)]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryReturn {
    /// Path: 商户回退单号 `out_return_no`.
    pub out_return_no: String,
    /// Query: 子商户号 `sub_mchid` (partner mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Query: 商户分账单号 `out_order_no` of the split the return belongs to.
    pub out_order_no: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        profit_sharing::ReturnResult,
        test_support::{assert_request, decode},
    };

    #[test]
    fn prepares_the_request() {
        assert_request(
            &QueryReturn::builder()
                .out_return_no("R20190516001")
                .sub_mchid("1900000109")
                .out_order_no("P20190806125346")
                .build(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/profitsharing/return-orders/R20190516001?sub_mchid=1900000109&out_order_no=P20190806125346",
            "",
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
        assert_eq!(answer.out_return_no, "R20190516001");
        assert_eq!((answer.return_mchid.as_str(), answer.amount), ("86693852", 10));
        assert_eq!(answer.result, ReturnResult::Success);
        assert_eq!(answer.fail_reason.as_deref(), Some("TIME_OUT_CLOSED"));
        assert_eq!(answer.finish_time.as_deref(), Some("2015-05-20T13:29:35.120+08:00"));
    }
}
