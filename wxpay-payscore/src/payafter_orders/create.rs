//! `POST /v3/payscore/payafter-orders`

use serde::Deserialize;
use wxpay_core::{OutOrderNo, endpoint, sensitive::Sensitive};

use super::{CreatePayAfterOrderResponse, Fee, FeeDiscount};
use crate::{
    payafter_orders::{check_discounts, check_fees},
    types::{
        Amount, ServiceTime, StartTime, ValidationError, optional_text, redacted_debug,
        required_text,
    },
};

/// Creates a 先享后付 order (创建先享后付订单, legacy, direct merchant).
///
/// `POST /v3/payscore/payafter-orders`
///
/// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=17_1&index=3>
///
/// The order starts `CREATED`: hand the returned `package` (and the `miniprogram_*` fields)
/// to the front end; once the user accepts, `PAYSCORE.USER_ACCEPTED` follows. `name`,
/// `phone`, `userid` and `address` are [`Sensitive`]: the client encrypts them to the WeChat
/// Pay key it names in `Wechatpay-Serial`. `Debug` redacts `openid` and never shows the
/// sensitive fields.
#[endpoint(POST, "v3/payscore/payafter-orders", response = CreatePayAfterOrderResponse)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePayAfterOrder {
    /// App ID (公众账号ID).
    pub appid: String,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// When the service starts, as confirmed at ordering (用户下单时确认的服务开始时间):
    /// `yyyyMMddHHmmss`, `yyyyMMdd` or `OnAccept` (the moment the user accepts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_start_time: Option<StartTime>,
    /// When the service is expected to end (用户下单时确定的预计服务结束时间).
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
    /// The user's name (用户姓名), sent encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub name: Option<Sensitive>,
    /// The user's phone number (用户手机号), sent encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub phone: Option<Sensitive>,
    /// The user's identity card number (用户身份证ID), sent encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub userid: Option<Sensitive>,
    /// The user's delivery address (用户收货地址), sent encrypted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub address: Option<Sensitive>,
}

impl CreatePayAfterOrder {
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

redacted_debug!(CreatePayAfterOrder {
    appid, out_order_no, service_id, service_start_time, service_end_time,
    service_start_location, service_end_location, service_introduction, fees, discounts,
    risk_amount, attach, need_user_confirm, name, phone, userid, address,
} redact { openid });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_request, decode, prepare};

    fn request() -> CreatePayAfterOrder {
        CreatePayAfterOrder::builder()
            .appid("wxd678efh567hg6787")
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("500001")
            .service_start_time(StartTime::OnAccept)
            .service_end_time("20091225121010".parse().unwrap())
            .service_start_location("嗨客时尚主题展餐厅")
            .service_end_location("嗨客时尚主题展餐厅")
            .service_introduction("某某酒店")
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
                    .discount_desc("不与其他优惠叠加")
                    .build(),
            ])
            .risk_amount(Amount::fen(10_000))
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .need_user_confirm(false)
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
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders",
            r#"{"appid":"wxd678efh567hg6787","out_order_no":"1234323JKHDFE1243252","service_id":"500001","service_start_time":"OnAccept","service_end_time":"20091225121010","service_start_location":"嗨客时尚主题展餐厅","service_end_location":"嗨客时尚主题展餐厅","service_introduction":"某某酒店","fees":[{"fee_name":"就餐费用","fee_count":4,"fee_amount":40000,"fee_desc":"就餐人均100元"}],"discounts":[{"discount_name":"满20减1元","discount_desc":"不与其他优惠叠加"}],"risk_amount":10000,"attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","need_user_confirm":false,"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#,
        );
        let minimal = CreatePayAfterOrder::builder()
            .appid("wx1")
            .out_order_no(OutOrderNo::new("A1").unwrap())
            .service_id("500001")
            .build();
        assert_request(
            &minimal,
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders",
            r#"{"appid":"wx1","out_order_no":"A1","service_id":"500001"}"#,
        );
        let decoded: CreatePayAfterOrder =
            serde_json::from_slice(prepare(&request()).body()).unwrap();
        assert_eq!(decoded, request());
    }

    #[test]
    fn personal_fields_are_encrypted_and_redacted() {
        let with_user = CreatePayAfterOrder::builder()
            .appid("wxd678efh567hg6787")
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("500001")
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .name("张三")
            .phone("13800138000")
            .userid("110101199003074477")
            .address("广东省深圳市南山区")
            .build();
        let prepared = prepare(&with_user);
        let body = std::str::from_utf8(prepared.body()).unwrap();
        assert_eq!(prepared.headers()["wechatpay-serial"], crate::test_support::PUBLIC_KEY_ID);
        for plain in ["张三", "13800138000", "110101199003074477", "广东省深圳市南山区"]
        {
            assert!(!body.contains(plain), "{plain} leaked into {body}");
        }
        let json: serde_json::Value = serde_json::from_slice(prepared.body()).unwrap();
        // The holder of the WeChat Pay key (here the documentation key) reads them back.
        let key =
            wxpay_core::PrivateKey::from_pem(wxpay_core::testing::DOC_PRIVATE_KEY_PEM).unwrap();
        let phone = Sensitive::from_ciphertext(json["phone"].as_str().unwrap(), &key).unwrap();
        assert_eq!(phone.expose(), "13800138000");
        let debug = format!("{with_user:?}");
        for secret in ["张三", "13800138000", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("openid: Some(<redacted>)"), "{debug}");
    }

    #[test]
    fn decodes_the_response() {
        let response: CreatePayAfterOrderResponse = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"1234323JKHDFE1243252",
                "service_id":"500001","order_id":"15646546545165651651",
                "miniprogram_businesstype":"wxpayScoreUse","miniprogram_appid":"wxd8f3793ea3b935b8",
                "miniprogram_path":"pages/use/use","miniprogram_username":"gh_1234567890ab",
                "package":"DJIOSQPYWDxsjdldeskdsxxxxMDEGDJJLIIOOIdjahsdasdhxxksf"}"#,
        );
        assert_eq!(response.order_id, "15646546545165651651");
        assert_eq!(response.miniprogram_businesstype.as_deref(), Some("wxpayScoreUse"));
        assert_eq!(
            response.package.as_deref(),
            Some("DJIOSQPYWDxsjdldeskdsxxxxMDEGDJJLIIOOIdjahsdasdhxxksf")
        );
    }
}
