//! `GET /v3/payscore/acquiringbank/serviceorder/deduction`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

/// Queries the deduction registered for an order (从业机构查询微信支付分扣款信息).
///
/// `GET /v3/payscore/acquiringbank/serviceorder/deduction`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012458665> and
/// <https://pay.weixin.qq.com/doc/v3/partner/4013194110>
///
/// 前置条件: the order is `DONE` or `DOING` and the institution has registered its deduction
/// with [`RegisterAcquiringBankDeductInfo`](super::RegisterAcquiringBankDeductInfo).
#[endpoint(GET, "v3/payscore/acquiringbank/serviceorder/deduction", response = AcquiringBankDeduction)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryAcquiringBankDeduction {
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: the institution's app ID (从业机构申请的公众号或移动应用 `AppID`).
    pub appid: String,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Query: the sub-merchant's app ID (子商户申请的公众号或移动应用 `AppID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Query: channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// Query: the merchant's order number (商户服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_order_no: Option<OutOrderNo>,
}

/// The answer to [`QueryAcquiringBankDeduction`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AcquiringBankDeduction {
    /// What is charged (商品或支付单简要描述).
    pub description: String,
    /// The institution's deduction number (商户扣款单号).
    pub out_trade_no: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_query_round_trips, assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let query = QueryAcquiringBankDeduction::builder()
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .sub_appid("wxd678efh567hg6999")
            .channel_id("1230000109")
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/deduction?service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787&sub_mchid=1900000109&sub_appid=wxd678efh567hg6999&channel_id=1230000109&out_order_no=1234323JKHDFE1243252",
            "",
        );
        assert_query_round_trips(&query, &[]);
        let minimal = QueryAcquiringBankDeduction::builder()
            .service_id("1")
            .appid("wx")
            .sub_mchid("2")
            .channel_id("3")
            .build();
        assert_request(
            &minimal,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/deduction?service_id=1&appid=wx&sub_mchid=2&channel_id=3",
            "",
        );
        assert_query_round_trips(&minimal, &[]);
    }

    #[test]
    fn decodes_the_response() {
        let response: AcquiringBankDeduction =
            decode(r#"{"description":"XX充电宝","out_trade_no":"1234323JKHDFE1243252"}"#);
        assert_eq!(response.description, "XX充电宝");
        assert_eq!(response.out_trade_no, "1234323JKHDFE1243252");
        assert!(serde_json::from_str::<AcquiringBankDeduction>(r#"{"description":"x"}"#).is_err());
    }
}
