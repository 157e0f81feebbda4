//! `GET /v3/payscore/payafter-orders`

use wxpay_core::endpoint;

use super::PayAfterOrder;
use crate::legacy::query_order;

query_order! {
    /// Queries a 先享后付 order (查询先享后付订单, legacy, direct merchant).
    ///
    /// `GET /v3/payscore/payafter-orders`
    ///
    /// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=17_2&index=4>
    ///
    /// Asks by exactly one of `out_order_no` or `query_id` ([`OrderLookup`](crate::service_order::OrderLookup)). The answer carries
    /// the `finish_ticket` that [`CompletePayAfterOrder`](super::CompletePayAfterOrder) needs.
    #[endpoint(GET, "v3/payscore/payafter-orders", response = PayAfterOrder)]
    pub struct QueryPayAfterOrder;
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

    fn by_out_order_no() -> QueryPayAfterOrder {
        QueryPayAfterOrder::builder()
            .service_id("500001")
            .lookup(wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &by_out_order_no(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders?service_id=500001&out_order_no=1234323JKHDFE1243252&appid=wxd678efh567hg6787",
            "",
        );
        assert_query_round_trips(&by_out_order_no(), &[]);
        let by_query_id = QueryPayAfterOrder::builder()
            .service_id("500001")
            .lookup(OrderLookup::QueryId("15646546545165651651".into()))
            .appid("wxd678efh567hg6787")
            .build();
        assert_request(
            &by_query_id,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders?service_id=500001&query_id=15646546545165651651&appid=wxd678efh567hg6787",
            "",
        );
        assert_query_round_trips(&by_query_id, &[]);
    }

    #[tokio::test]
    async fn executes_and_decodes_the_order() {
        let client = client();
        client.transport().push_response(signed_response(200, QUERIED_ORDER));
        let order = by_out_order_no().execute(&client).await.unwrap();
        assert_eq!(order.state, PayAfterOrderState::Finished);
        assert_eq!(order.finish_ticket.as_deref(), Some("Easdfowealsdkjfnlaksjdlfkwqoi"));
        assert_eq!(client.transport().requests()[0].uri().path(), "/v3/payscore/payafter-orders");
    }
}
