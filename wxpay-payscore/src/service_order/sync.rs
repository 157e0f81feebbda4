//! `POST /v3/payscore/serviceorder/{out_order_no}/sync`

use serde::Deserialize;
use wxpay_core::{OutOrderNo, endpoint};

use super::ServiceOrder;
use crate::types::{SyncDetail, SyncType};

/// Reports a payment made outside PayScore (同步服务订单信息, direct merchant), so that
/// WeChat stops charging the user.
///
/// `POST /v3/payscore/serviceorder/{out_order_no}/sync`
///
/// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/sync-service-order.html>
///
/// For `Order_Paid` the order must be `DOING` / `MCH_COMPLETE` with the payment pending.
#[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/sync", response = ServiceOrder)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SyncServiceOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What is reported (场景类型): `Order_Paid`. The builder sets it.
    #[builder(default = SyncType::OrderPaid)]
    pub r#type: SyncType,
    /// The details (内容信息详情): when the user paid.
    pub detail: SyncDetail,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request};

    #[test]
    fn prepares_the_request() {
        let request = SyncServiceOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .detail(SyncDetail::builder().paid_time("20091225091210".parse().unwrap()).build())
            .build();
        assert_request(
            &request,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234323JKHDFE1243252/sync",
            r#"{"appid":"wxd678efh567hg6787","service_id":"500001","type":"Order_Paid","detail":{"paid_time":"20091225091210"}}"#,
        );
        assert_path_fields_not_in_body(&request, &[("out_order_no", "1234323JKHDFE1243252")]);
    }
}
