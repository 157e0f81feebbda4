//! `GET /v3/payscore/acquiringbank/serviceorder`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::AcquiringBankServiceOrder;
use crate::service_order::OrderLookup;

/// Queries a service order of a sub-merchant (从业机构查询微信支付分订单).
///
/// `GET /v3/payscore/acquiringbank/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012691343> and
/// <https://pay.weixin.qq.com/doc/v3/partner/4013194035>
///
/// Asks by exactly one of `out_order_no` or `query_id` ([`OrderLookup`]).
#[endpoint(GET, "v3/payscore/acquiringbank/serviceorder", response = AcquiringBankServiceOrder)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryAcquiringBankServiceOrder {
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Query: channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// Query: the order, by `out_order_no` (商户服务订单号) or `query_id` (回跳查询ID).
    #[serde(flatten)]
    #[builder(into)]
    pub lookup: OrderLookup,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        ServiceOrderState,
        test_support::{assert_query_round_trips, assert_request, client, signed_response},
    };

    fn query() -> QueryAcquiringBankServiceOrder {
        QueryAcquiringBankServiceOrder::builder()
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .channel_id("1230000109")
            .lookup(wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .build()
    }

    #[test]
    fn prepares_a_query_by_out_order_no() {
        assert_request(
            &query(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder?service_id=2002000000000558128851361561536&sub_mchid=1900000109&channel_id=1230000109&out_order_no=1234323JKHDFE1243252",
            "",
        );
        assert_query_round_trips(&query(), &[]);
    }

    #[test]
    fn prepares_a_query_by_query_id() {
        let query = QueryAcquiringBankServiceOrder::builder()
            .service_id("1")
            .sub_mchid("2")
            .channel_id("3")
            .lookup(OrderLookup::QueryId("15646546545165651651".into()))
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder?service_id=1&sub_mchid=2&channel_id=3&query_id=15646546545165651651",
            "",
        );
        assert_query_round_trips(&query, &[]);
    }

    #[tokio::test]
    async fn executes_and_decodes_the_order() {
        let client = client();
        client.transport().push_response(signed_response(200, super::super::tests::ORDER));
        let order = query().execute(&client).await.unwrap();
        assert_eq!(order.state, ServiceOrderState::Created);
        assert_eq!(order.channel_id.as_deref(), Some("1230000109"));
    }
}
