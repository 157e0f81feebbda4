//! `POST /v3/payscore/smartretail-orders`

use serde::Deserialize;
use wxpay_core::{OutOrderNo, endpoint};

use super::{CreatePayAfterOrderResponse, Fee, FeeDiscount};
use crate::{
    payafter_orders::{check_discounts, check_fees},
    types::{
        Amount, ServiceTime, StartTime, ValidationError, optional_text, redacted_debug,
        required_text,
    },
};

/// Creates a 智慧零售 order (创建智慧零售订单, legacy, direct merchant).
///
/// `POST /v3/payscore/smartretail-orders`
///
/// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=14_1&index=3>
///
/// The order starts `CREATED`: hand the returned `package` (and the `miniprogram_*` fields)
/// to the front end; once the user accepts, `PAYSCORE.USER_ACCEPTED` follows. Unlike
/// 先享后付 it carries no user data. `Debug` redacts `openid`.
#[endpoint(POST, "v3/payscore/smartretail-orders", response = CreatePayAfterOrderResponse)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateSmartRetailOrder {
    /// App ID (公众账号ID).
    pub appid: String,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// When the service starts (服务开始时间): `yyyyMMddHHmmss`, `yyyyMMdd` or `OnAccept`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_start_time: Option<StartTime>,
    /// When the service ends (服务结束时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_end_time: Option<ServiceTime>,
    /// Where the service starts (开始使用服务的地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_start_location: Option<String>,
    /// Where the service is expected to end (预计服务结束的地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_end_location: Option<String>,
    /// What the service is (服务信息，用于介绍本订单所提供的服务).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_introduction: Option<String>,
    /// Fee items (后付费，描述付费项目列表).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub fees: Vec<Fee>,
    /// Merchant discounts (商户优惠), at most 5; name and description only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub discounts: Vec<FeeDiscount>,
    /// Order risk amount (订单风险金额), in fen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_amount: Option<Amount>,
    /// The merchant's own data (商户自定义说明,可存放本订单所需信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// Whether the user must confirm the order (使用需用户确认订单类型); default `true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_user_confirm: Option<bool>,
    /// The user's openid under `appid` (微信用户在商户对应appid下的唯一标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
}

impl CreateSmartRetailOrder {
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
        optional_text("service_introduction", self.service_introduction.as_ref(), None)?;
        optional_text("service_start_location", self.service_start_location.as_ref(), None)?;
        optional_text("service_end_location", self.service_end_location.as_ref(), None)?;
        optional_text("attach", self.attach.as_ref(), None)?;
        check_fees(&self.fees)?;
        check_discounts(&self.discounts)
    }
}

redacted_debug!(CreateSmartRetailOrder {
    appid, out_order_no, service_id, service_start_time, service_end_time,
    service_start_location, service_end_location, service_introduction, fees, discounts,
    risk_amount, attach, need_user_confirm,
} redact { openid });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, client, prepare, signed_response};

    fn request() -> CreateSmartRetailOrder {
        CreateSmartRetailOrder::builder()
            .appid("wxd678efh567hg6787")
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("500001")
            .service_start_time(StartTime::OnAccept)
            .service_start_location("嗨客时尚主题展")
            .service_introduction("无人货架")
            .fees(vec![
                Fee::builder().fee_name("饮料").fee_count(2).fee_amount(Amount::fen(600)).build(),
            ])
            .risk_amount(Amount::fen(2_000))
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .build()
    }

    #[test]
    fn validate_accepts_the_example_and_catches_mistakes() {
        assert_eq!(request().validate(), Ok(()));
        let mut bad = request();
        bad.appid = String::new();
        assert_eq!(bad.validate(), Err(ValidationError::Missing { field: "appid".into() }));
        let mut bad = request();
        bad.attach = Some("🙂".into());
        assert!(matches!(bad.validate(), Err(ValidationError::UnsupportedCharacter { .. })));
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/smartretail-orders",
            r#"{"appid":"wxd678efh567hg6787","out_order_no":"1234323JKHDFE1243252","service_id":"500001","service_start_time":"OnAccept","service_start_location":"嗨客时尚主题展","service_introduction":"无人货架","fees":[{"fee_name":"饮料","fee_count":2,"fee_amount":600}],"risk_amount":2000,"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#,
        );
        let decoded: CreateSmartRetailOrder =
            serde_json::from_slice(prepare(&request()).body()).unwrap();
        assert_eq!(decoded, request());
        let debug = format!("{:?}", request());
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
    }

    #[tokio::test]
    async fn executes_and_decodes_the_documented_answer() {
        let client = client();
        client.transport().push_response(signed_response(
            200,
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"500001","order_id":"15646546545165651651","miniprogram_businesstype":"wxpayScoreUse",
                "package":"DJIOSQPYWDxsjdldeskdsxxxxMDEGDJJLIIOOIdjahsdasdhxxksf"}"#,
        ));
        let created = request().execute(&client).await.unwrap();
        assert_eq!(created.miniprogram_businesstype.as_deref(), Some("wxpayScoreUse"));
        assert_eq!(created.miniprogram_path, None);
        assert_eq!(
            client.transport().requests()[0].uri().path(),
            "/v3/payscore/smartretail-orders"
        );
    }
}
