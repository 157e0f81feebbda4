//! `POST /v3/payscore/oversea/partner/serviceorder/{out_order_no}/sync`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use super::OverseaSyncDetail;
use crate::types::SyncType;

/// Reports a payment made outside PayScore (同步支付分订单信息, 境外机构模式), so that WeChat
/// stops charging the user.
///
/// `POST /v3/payscore/oversea/partner/serviceorder/{out_order_no}/sync` on
/// [`HK_BASE_URL`](crate::oversea::HK_BASE_URL)
///
/// Official docs: <https://pay.weixin.qq.com/doc/global/v3/zh/4014096438>
///
/// When the user paid offline (线下操作), WeChat's order would otherwise still charge them.
/// Answers `204 No Content`.
#[endpoint(POST, "v3/payscore/oversea/partner/serviceorder/<out_order_no>/sync", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SyncOverseaServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// What is reported (场景类型): `Order_Paid`. The builder sets it.
    #[builder(default = SyncType::OrderPaid)]
    pub r#type: SyncType,
    /// The details (内容信息详情): when (RFC 3339) and optionally which payment and how much
    /// the user paid.
    pub detail: OverseaSyncDetail,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        Amount,
        test_support::{assert_path_fields_not_in_body, assert_request},
    };

    fn request() -> SyncOverseaServiceOrder {
        SyncOverseaServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .detail(
                OverseaSyncDetail::builder()
                    .seq(1)
                    .paid_time("2019-11-11T16:24:05+08:00".parse().unwrap())
                    .paid_amount(Amount::fen(1))
                    .build(),
            )
            .build()
    }

    #[test]
    fn prepares_the_request() {
        let request = request();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/oversea/partner/serviceorder/1234323JKHDFE1243252/sync",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","type":"Order_Paid","detail":{"seq":1,"paid_time":"2019-11-11T16:24:05+08:00","paid_amount":1}}"#,
        );
        assert_path_fields_not_in_body(&request, &[("out_order_no", "1234323JKHDFE1243252")]);
    }

    #[tokio::test]
    async fn answers_no_content() {
        let client = crate::test_support::client();
        client.transport().push_response(crate::test_support::signed_no_content());
        request().execute(&client).await.unwrap();
        assert_eq!(client.transport().requests()[0].method(), "POST");
    }
}
