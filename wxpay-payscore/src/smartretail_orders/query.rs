//! `GET /v3/payscore/smartretail-orders`

use wxpay_core::endpoint;

use super::PayAfterOrder;
use crate::legacy::query_order;

query_order! {
    /// Queries a 智慧零售 order (查询智慧零售订单, legacy, direct merchant).
    ///
    /// `GET /v3/payscore/smartretail-orders`
    ///
    /// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=14_2&index=4>
    ///
    /// Asks by exactly one of `out_order_no` or `query_id` ([`OrderLookup`](crate::service_order::OrderLookup)). The answer carries
    /// the `finish_ticket` that [`CompleteSmartRetailOrder`](super::CompleteSmartRetailOrder)
    /// needs.
    #[endpoint(GET, "v3/payscore/smartretail-orders", response = PayAfterOrder)]
    pub struct QuerySmartRetailOrder;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        payafter_orders::{PayAfterOrderState, tests::QUERIED_ORDER},
        service_order::OrderLookup,
        test_support::{assert_query_round_trips, assert_request, client, signed_response},
    };

    #[test]
    fn prepares_the_request() {
        let query = QuerySmartRetailOrder::builder()
            .service_id("500001")
            .lookup(OrderLookup::QueryId("a b/c".into()))
            .appid("wxd678efh567hg6787")
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/smartretail-orders?service_id=500001&query_id=a+b%2Fc&appid=wxd678efh567hg6787",
            "",
        );
        assert_query_round_trips(&query, &[]);
    }

    #[tokio::test]
    async fn executes_and_decodes_the_order() {
        let client = client();
        let paid = QUERIED_ORDER.replace("\"FINISHED\"", "\"USER_PAID\"");
        client.transport().push_response(signed_response(200, &paid));
        let query = QuerySmartRetailOrder::builder()
            .service_id("500001")
            .lookup(wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .build();
        let order = query.execute(&client).await.unwrap();
        assert_eq!(order.state, PayAfterOrderState::UserPaid);
        assert_eq!(order.finish_transaction_id.as_deref(), Some("4200000000002104083200000488"));
    }
}
