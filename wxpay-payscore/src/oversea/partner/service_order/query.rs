//! `GET /v3/payscore/oversea/partner/serviceorder`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::OverseaServiceOrder;
use crate::service_order::OrderLookup;

/// Queries a cross-border PayScore service order (查询支付分订单, 境外机构模式).
///
/// `GET /v3/payscore/oversea/partner/serviceorder` on
/// [`HK_BASE_URL`](crate::oversea::HK_BASE_URL)
///
/// Official docs: <https://pay.weixin.qq.com/doc/global/v3/zh/4014096411>
///
/// Asks by exactly one of `out_order_no` or `query_id` ([`OrderLookup`]).
#[endpoint(GET, "v3/payscore/oversea/partner/serviceorder", response = OverseaServiceOrder)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryOverseaServiceOrder {
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Query: the order, by `out_order_no` (商户业务订单号) or `query_id` (单据查询ID).
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
        test_support::{assert_query_round_trips, assert_request, signed_response},
    };

    fn query() -> QueryOverseaServiceOrder {
        QueryOverseaServiceOrder::builder()
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .lookup(wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .build()
    }

    #[test]
    fn prepares_the_queries() {
        assert_request(
            &query(),
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/oversea/partner/serviceorder?service_id=2002000000000558128851361561536&sub_mchid=1900000109&out_order_no=1234323JKHDFE1243252",
            "",
        );
        assert_query_round_trips(&query(), &[]);
        let by_query_id = QueryOverseaServiceOrder::builder()
            .service_id("1")
            .sub_mchid("2")
            .lookup(OrderLookup::QueryId("15646546545165651651".into()))
            .build();
        assert_request(
            &by_query_id,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/oversea/partner/serviceorder?service_id=1&sub_mchid=2&query_id=15646546545165651651",
            "",
        );
        assert_query_round_trips(&by_query_id, &[]);
    }

    #[tokio::test]
    async fn executes_against_the_hk_access_point() {
        use wxpay_core::testing::{
            DOC_MCHID, DOC_MERCHANT_SERIAL, DOC_PRIVATE_KEY_PEM, DOC_PUBLIC_KEY_ID,
            DOC_PUBLIC_KEY_PEM,
        };
        let client = wxpay_core::Client::builder()
            .mchid(DOC_MCHID)
            .merchant_serial(DOC_MERCHANT_SERIAL)
            .private_key_pem(DOC_PRIVATE_KEY_PEM)
            .wechatpay_public_key_pem(DOC_PUBLIC_KEY_ID, DOC_PUBLIC_KEY_PEM)
            .base_url(crate::oversea::HK_BASE_URL)
            .build_with_transport(wxpay_core::transport::MockTransport::new())
            .unwrap();
        client.transport().push_response(signed_response(200, super::super::models::tests::ORDER));
        let order = query().execute(&client).await.unwrap();
        assert_eq!(order.state, ServiceOrderState::Created);
        assert_eq!(order.currency.as_deref(), Some("HKD"));
        let sent = &client.transport().requests()[0];
        assert_eq!(sent.uri().host(), Some("apihk.mch.weixin.qq.com"));
    }
}
