//! `POST /v3/payscore/partner/serviceorder/{out_order_no}/sync`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{SyncDetail, SyncType};

/// Reports a payment made outside PayScore (同步订单信息, partner mode), so that WeChat
/// stops charging the user.
///
/// `POST /v3/payscore/partner/serviceorder/{out_order_no}/sync`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/sync-partner-service-order.html>
///
/// Answers `204 No Content`. In partner mode the detail may also carry the payment's `seq`
/// and `paid_amount`.
#[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/sync", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SyncPartnerServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// What is reported (场景类型): `Order_Paid`. The builder sets it.
    #[builder(default = SyncType::OrderPaid)]
    pub r#type: SyncType,
    /// The details (内容信息详情): when (and optionally which payment, how much) the user
    /// paid.
    pub detail: SyncDetail,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        Amount,
        test_support::{assert_path_fields_not_in_body, assert_request},
    };

    #[test]
    fn prepares_the_request() {
        let request = SyncPartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .detail(
                SyncDetail::builder()
                    .paid_time("20091225091210".parse().unwrap())
                    .seq(1)
                    .paid_amount(Amount::fen(1))
                    .build(),
            )
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/sync",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","type":"Order_Paid","detail":{"seq":1,"paid_time":"20091225091210","paid_amount":1}}"#,
        );
        assert_path_fields_not_in_body(&request, &[("out_order_no", "1234323JKHDFE1243252")]);
        let minimal = SyncPartnerServiceOrder::builder()
            .out_order_no(OutOrderNo::new("A1").unwrap())
            .service_id("1")
            .sub_mchid("2")
            .detail(SyncDetail::builder().paid_time("20091225".parse().unwrap()).build())
            .build();
        assert_request(
            &minimal,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/A1/sync",
            r#"{"service_id":"1","sub_mchid":"2","type":"Order_Paid","detail":{"paid_time":"20091225"}}"#,
        );
    }
}
