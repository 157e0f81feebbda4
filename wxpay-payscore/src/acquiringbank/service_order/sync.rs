//! `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/sync`

use serde::Deserialize;
use wxpay_core::{NoContent, OutOrderNo, endpoint};

use crate::types::{SyncDetail, SyncType};

/// Reports a payment made outside PayScore (从业机构同步微信支付分订单信息), so that WeChat
/// stops charging the user.
///
/// `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/sync`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012691378> and
/// <https://pay.weixin.qq.com/doc/v3/partner/4013194292>
///
/// 前置条件: the order is `DOING` / `MCH_COMPLETE`. Answers `204 No Content`. This page
/// documents only `detail.paid_time`; leave `seq` and `paid_amount` unset.
#[endpoint(POST, "v3/payscore/acquiringbank/serviceorder/<out_order_no>/sync", response = NoContent)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SyncAcquiringBankServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// What is reported (场景类型): `Order_Paid`. The builder sets it.
    #[builder(default = SyncType::OrderPaid)]
    pub r#type: SyncType,
    /// The details (内容信息详情): when the user paid (收款成功时间, `yyyyMMddHHmmss`).
    pub detail: SyncDetail,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    fn request() -> SyncAcquiringBankServiceOrder {
        SyncAcquiringBankServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1900000109")
            .channel_id("1230000109")
            .detail(decode(r#"{"paid_time":"20091225091210"}"#))
            .build()
    }

    #[test]
    fn prepares_the_request() {
        let request = request();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/1234323JKHDFE1243252/sync",
            r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","channel_id":"1230000109","type":"Order_Paid","detail":{"paid_time":"20091225091210"}}"#,
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
