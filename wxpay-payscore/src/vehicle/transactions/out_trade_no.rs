//! `GET /v3/vehicle/transactions/out-trade-no/{out_trade_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use crate::{
    types::ValidationError,
    vehicle::{ParkingTransaction, check_id},
};

/// Queries a parking charge by the merchant's order number (查询订单, direct merchant).
///
/// `GET /v3/vehicle/transactions/out-trade-no/{out_trade_no}`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/merchant/4012534308>
///
/// Query when the payment notification did not arrive, or before acting on an uncertain
/// charge.
#[endpoint(GET, "v3/vehicle/transactions/out-trade-no/<out_trade_no>", response = ParkingTransaction)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryParkingTransaction {
    /// Path: the merchant's order number (商户订单号).
    pub out_trade_no: String,
}

impl QueryParkingTransaction {
    /// Checks `out_trade_no`: present, at most 32 characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_id("out_trade_no", &self.out_trade_no)
    }
}

/// Queries a parking charge of sub-merchant `sub_mchid` by the merchant's order number
/// (查询订单, partner).
///
/// `GET /v3/vehicle/transactions/out-trade-no/{out_trade_no}`
///
/// Official docs: <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_8_4.shtml>
///
/// The same path as [`QueryParkingTransaction`], with the query parameter `sub_mchid`
/// (子商户号, required in partner mode).
#[endpoint(GET, "v3/vehicle/transactions/out-trade-no/<out_trade_no>", response = ParkingTransaction)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPartnerParkingTransaction {
    /// Path: the merchant's order number (商户订单号).
    pub out_trade_no: String,
    /// Query: the sub-merchant (子商户号).
    pub sub_mchid: String,
}

impl QueryPartnerParkingTransaction {
    /// Checks `out_trade_no` and `sub_mchid`: present, at most 32 characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_id("out_trade_no", &self.out_trade_no)?;
        check_id("sub_mchid", &self.sub_mchid)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        test_support::{assert_query_round_trips, assert_request, client, signed_response},
        vehicle::{ParkingTradeState, tests::PARTNER_TRANSACTION},
    };

    #[test]
    fn prepares_the_requests() {
        let direct = QueryParkingTransaction::builder().out_trade_no("20150806125346").build();
        assert_request(
            &direct,
            "GET",
            "https://api.mch.weixin.qq.com/v3/vehicle/transactions/out-trade-no/20150806125346",
            "",
        );
        assert_query_round_trips(&direct, &[("out_trade_no", "20150806125346")]);
        let partner = QueryPartnerParkingTransaction::builder()
            .out_trade_no("20150806125346")
            .sub_mchid("1900000109")
            .build();
        assert_request(
            &partner,
            "GET",
            "https://api.mch.weixin.qq.com/v3/vehicle/transactions/out-trade-no/20150806125346?sub_mchid=1900000109",
            "",
        );
        assert_query_round_trips(&partner, &[("out_trade_no", "20150806125346")]);
        assert_eq!(direct.validate(), Ok(()));
        assert_eq!(partner.validate(), Ok(()));
        let empty =
            QueryPartnerParkingTransaction::builder().out_trade_no("1").sub_mchid("").build();
        assert_eq!(
            empty.validate(),
            Err(crate::ValidationError::Missing { field: "sub_mchid".into() })
        );
    }

    #[test]
    fn the_order_number_stays_one_path_segment() {
        let odd = QueryParkingTransaction::builder().out_trade_no("a/../b?c").build();
        let request = crate::test_support::prepare(&odd);
        assert_eq!(request.uri().path(), "/v3/vehicle/transactions/out-trade-no/a%2F..%2Fb%3Fc");
    }

    #[tokio::test]
    async fn executes_and_decodes_the_documented_answer() {
        let client = client();
        client.transport().push_response(signed_response(200, PARTNER_TRANSACTION));
        let partner = QueryPartnerParkingTransaction::builder()
            .out_trade_no("20150806125346")
            .sub_mchid("1900000109")
            .build();
        let t = partner.execute(&client).await.unwrap();
        assert_eq!(t.trade_state, ParkingTradeState::Success);
        assert_eq!(t.sub_mchid.as_deref(), Some("1900000109"));
        assert_eq!(t.transaction_id.as_deref(), Some("1009660380201506130728806387"));
    }
}
