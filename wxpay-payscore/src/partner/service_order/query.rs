//! `GET /v3/payscore/partner/serviceorder`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::service_order::{OrderLookup, ServiceOrder};

/// Queries a sub-merchant's PayScore service order (查询支付分订单, partner mode).
///
/// `GET /v3/payscore/partner/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/get-partner-service-order.html>
///
/// Asks by exactly one of `out_order_no` or `query_id` ([`OrderLookup`]). This is how to read
/// the outcome of the partner calls that answer `204`.
#[endpoint(GET, "v3/payscore/partner/serviceorder", response = ServiceOrder)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPartnerServiceOrder {
    /// Query: PayScore service id (服务ID); optional in the current docs, sent by the
    /// official samples.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Query: the order, by `out_order_no` (商户服务订单号) or `query_id` (回跳查询ID).
    #[serde(flatten)]
    #[builder(into)]
    pub lookup: OrderLookup,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_query_round_trips, assert_request};

    #[test]
    fn prepares_a_query_by_out_order_no() {
        let query = QueryPartnerServiceOrder::builder()
            .lookup(wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .sub_mchid("1900000109")
            .service_id("2002000000000558128851361561536")
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder?service_id=2002000000000558128851361561536&sub_mchid=1900000109&out_order_no=1234323JKHDFE1243252",
            "",
        );
        assert_query_round_trips(&query, &[]);
    }

    #[test]
    fn prepares_a_query_by_query_id() {
        let query = QueryPartnerServiceOrder::builder()
            .lookup(OrderLookup::QueryId(("15646546545165651651").into()))
            .sub_mchid("1900000109")
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder?sub_mchid=1900000109&query_id=15646546545165651651",
            "",
        );
        assert_query_round_trips(&query, &[]);
    }
}
