//! `POST /v3/payscore/payafter-orders/{out_order_no}/complete`

use serde::Deserialize;
use wxpay_core::{OutOrderNo, endpoint};

use super::{Fee, FeeDiscount, FinishType, PayAfterOrderIds};
use crate::{
    payafter_orders::{check_discounts, check_fees},
    types::{Amount, ServiceTime, ValidationError, optional_text, required_text},
};

/// Completes a 先享后付 order (完结先享后付订单, legacy, direct merchant): WeChat then
/// charges the user `total_amount`.
///
/// `POST /v3/payscore/payafter-orders/{out_order_no}/complete`
///
/// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=17_4&index=6>
///
/// Send the `finish_ticket` (完结凭证) read from [`QueryPayAfterOrder`](super::QueryPayAfterOrder)
/// so that WeChat can check the order data is complete. `finish_type` `1` (用户未使用服务)
/// ends the order without charge and carries a `cancel_reason`; `2` (用户使用服务) carries
/// the actual times, fees and `total_amount`.
#[endpoint(POST, "v3/payscore/payafter-orders/<out_order_no>/complete", response = PayAfterOrderIds)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CompletePayAfterOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// How the user used the order (标识用户订单使用情况): `1` not used, `2` used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_type: Option<FinishType>,
    /// Why the order is cancelled (取消订单的原因), with `finish_type` `1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// When the service actually started (实际服务开始时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_service_start_time: Option<ServiceTime>,
    /// When the service ended (服务结束时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_service_end_time: Option<ServiceTime>,
    /// Where the service actually ended (实际结束使用服务的地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_service_end_location: Option<String>,
    /// Final fee items (后付费，描述付费项目列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub fees: Vec<Fee>,
    /// Final merchant discounts (商户优惠), at most 5, with `discount_amount`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub discounts: Vec<FeeDiscount>,
    /// Total charged (总金额), in fen, zero or more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    /// The completion ticket from the query answer (完结凭证).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_ticket: Option<String>,
    /// Whether the payment is to be split (是否指定商户分账).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profit_sharing: Option<bool>,
}

impl CompletePayAfterOrder {
    /// Checks what can be checked before sending: `appid` and `service_id` present, fee
    /// names present, at most 5 discounts with names of at most 20 characters, no 4-byte
    /// characters in the texts.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("appid", &self.appid, None)?;
        required_text("service_id", &self.service_id, None)?;
        optional_text("cancel_reason", self.cancel_reason.as_ref(), None)?;
        optional_text("real_service_end_location", self.real_service_end_location.as_ref(), None)?;
        check_fees(&self.fees)?;
        check_discounts(&self.discounts)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_path_fields_not_in_body, assert_request, client, signed_response,
    };

    fn request() -> CompletePayAfterOrder {
        CompletePayAfterOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .finish_type(FinishType::Used)
            .real_service_start_time("20091225091010".parse().unwrap())
            .real_service_end_time("20091225121010".parse().unwrap())
            .real_service_end_location("嗨客时尚主题展餐厅")
            .fees(vec![
                Fee::builder()
                    .fee_name("就餐费用")
                    .fee_count(4)
                    .fee_amount(Amount::fen(40_000))
                    .fee_desc("就餐人均100元")
                    .build(),
            ])
            .discounts(vec![
                FeeDiscount::builder()
                    .discount_name("满20减1元")
                    .discount_amount(Amount::fen(100))
                    .discount_desc("不与其他优惠叠加")
                    .build(),
            ])
            .total_amount(Amount::fen(39_900))
            .finish_ticket("Easdfowealsdkjfnlaksjdlfkwqoi")
            .profit_sharing(true)
            .build()
    }

    #[test]
    fn validate_accepts_the_example() {
        assert_eq!(request().validate(), Ok(()));
        let mut bad = request();
        bad.service_id = String::new();
        assert_eq!(
            bad.validate(),
            Err(crate::ValidationError::Missing { field: "service_id".into() })
        );
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders/1234323JKHDFE1243252/complete",
            r#"{"appid":"wxd678efh567hg6787","service_id":"500001","finish_type":2,"real_service_start_time":"20091225091010","real_service_end_time":"20091225121010","real_service_end_location":"嗨客时尚主题展餐厅","fees":[{"fee_name":"就餐费用","fee_count":4,"fee_amount":40000,"fee_desc":"就餐人均100元"}],"discounts":[{"discount_name":"满20减1元","discount_desc":"不与其他优惠叠加","discount_amount":100}],"total_amount":39900,"finish_ticket":"Easdfowealsdkjfnlaksjdlfkwqoi","profit_sharing":true}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        let not_used = CompletePayAfterOrder::builder()
            .out_order_no(OutOrderNo::new("A1").unwrap())
            .appid("wx1")
            .service_id("500001")
            .finish_type(FinishType::NotUsed)
            .cancel_reason("用户未取车")
            .finish_ticket("T")
            .build();
        assert_request(
            &not_used,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders/A1/complete",
            r#"{"appid":"wx1","service_id":"500001","finish_type":1,"cancel_reason":"用户未取车","finish_ticket":"T"}"#,
        );
    }

    #[tokio::test]
    async fn executes_and_decodes_the_documented_answer() {
        let client = client();
        client.transport().push_response(signed_response(
            200,
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"2304203423948239423","service_id":"500001","order_id":"15646546545165651651"}"#,
        ));
        let ids = request().execute(&client).await.unwrap();
        assert_eq!(ids.order_id, "15646546545165651651");
    }
}
