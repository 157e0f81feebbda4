//! `POST /v3/payscore/payafter-orders/{out_order_no}/sync`

use serde::Deserialize;
use wxpay_core::{OutOrderNo, endpoint};

use super::PayAfterOrderIds;
use crate::types::{SyncDetail, SyncType};

/// Reports a payment made outside WeChat (支付分订单同步, legacy 先享后付, direct merchant),
/// so that WeChat does not charge the user a second time.
///
/// `POST /v3/payscore/payafter-orders/{out_order_no}/sync`
///
/// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=24_1&index=1>
///
/// WeChat: some offline operation of the merchant (e.g. the user paid at the counter) can
/// leave the order unpaid on WeChat's side; sync tells WeChat. Only for the deposit-free
/// orders of 智慧零售, 先享后付, 免押租借 and 免押速住. `type` is `Order_Paid` (用户付款成功).
#[endpoint(POST, "v3/payscore/payafter-orders/<out_order_no>/sync", response = PayAfterOrderIds)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SyncPayAfterOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// What is reported (场景类型): `Order_Paid`, the default.
    #[builder(default = SyncType::OrderPaid)]
    pub r#type: SyncType,
    /// The details (内容信息详情): when the user paid through the other channel
    /// (`paid_time`, 用户通过其他方式付款成功的实际时间, `yyyyMMddHHmmss`).
    pub detail: SyncDetail,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    fn request() -> SyncPayAfterOrder {
        SyncPayAfterOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .detail(serde_json::from_str(r#"{"paid_time":"20091225091010"}"#).unwrap())
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders/1234323JKHDFE1243252/sync",
            r#"{"appid":"wxd678efh567hg6787","service_id":"500001","type":"Order_Paid","detail":{"paid_time":"20091225091010"}}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
    }

    #[test]
    fn decodes_the_documented_answer() {
        let ids: PayAfterOrderIds = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"2304203423948239423","order_id":"15646546545165651651"}"#,
        );
        assert_eq!(ids.mchid, "1230000109");
        assert_eq!(ids.service_id, None);
    }
}
