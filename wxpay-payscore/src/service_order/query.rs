//! `GET /v3/payscore/serviceorder`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::{OrderLookup, ServiceOrder};

/// Queries a PayScore service order (查询支付分订单, direct merchant).
///
/// `GET /v3/payscore/serviceorder`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/get-service-order.html>
///
/// Asks by exactly one of `out_order_no` or `query_id` ([`OrderLookup`]). After any
/// ambiguous failure of a state-changing call, query before retrying.
#[endpoint(GET, "v3/payscore/serviceorder", response = ServiceOrder)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryServiceOrder {
    /// Query: the order, by `out_order_no` (商户服务订单号) or `query_id` (回跳查询ID).
    #[serde(flatten)]
    #[builder(into)]
    pub lookup: OrderLookup,
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: app ID (公众账号ID).
    pub appid: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_query_round_trips, assert_request};

    #[test]
    fn prepares_a_query_by_out_order_no() {
        let query = QueryServiceOrder::builder()
            .lookup(wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder?out_order_no=1234323JKHDFE1243252&service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787",
            "",
        );
        assert_query_round_trips(&query, &[]);
    }

    #[test]
    fn prepares_a_query_by_query_id() {
        let query = QueryServiceOrder::builder()
            .lookup(OrderLookup::QueryId(("15646546545165651651 a+b/c").into()))
            .service_id("500001")
            .appid("wxd678efh567hg6787")
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder?query_id=15646546545165651651+a%2Bb%2Fc&service_id=500001&appid=wxd678efh567hg6787",
            "",
        );
        assert_query_round_trips(&query, &[]);
    }

    #[tokio::test]
    async fn executes_and_decodes_the_order() {
        use crate::{ServiceOrderState, test_support::signed_response};

        let client = crate::test_support::client();
        client.transport().push_response(signed_response(200, super::super::tests::PAID_ORDER));
        let query = QueryServiceOrder::builder()
            .lookup(wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .build();
        let order = query.execute(&client).await.unwrap();
        assert_eq!(order.state, ServiceOrderState::Done);
        assert_eq!(client.transport().requests()[0].uri().path(), "/v3/payscore/serviceorder");

        // A tampered body fails verification.
        let mut forged = signed_response(200, super::super::tests::PAID_ORDER);
        *forged.body_mut() = super::super::tests::PAID_ORDER.replace("39900", "1").into_bytes();
        client.transport().push_response(forged);
        let err = query.execute(&client).await.unwrap_err();
        assert!(matches!(err, wxpay_core::Error::Verify { .. }), "{err}");
    }

    #[test]
    fn a_missing_or_invalid_lookup_is_rejected_when_decoding() {
        let decode = |query: &str| serde_urlencoded::from_str::<QueryServiceOrder>(query);
        assert!(decode("service_id=1&appid=wx").is_err());
        assert!(
            decode("out_order_no=a%2Fb&service_id=1&appid=wx").is_err(),
            "invalid out_order_no"
        );
    }
}
