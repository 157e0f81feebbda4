//! `POST /v3/payscore/payafter-orders`

use wxpay_core::{endpoint, sensitive::Sensitive};

use super::CreatePayAfterOrderResponse;
use crate::legacy::create_order;

create_order! {
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
    pub struct CreatePayAfterOrder {
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        legacy::fixtures::{CREATE_BODY, create_request},
        test_support::{assert_request, decode, prepare},
    };
    use wxpay_core::OutOrderNo;

    const URL: &str = "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders";

    #[test]
    fn prepares_the_request() {
        assert_request(&create_request!(CreatePayAfterOrder), "POST", URL, CREATE_BODY);
        let minimal = CreatePayAfterOrder::builder()
            .appid("wx1")
            .out_order_no(OutOrderNo::new("A1").unwrap())
            .service_id("500001")
            .build();
        let body = r#"{"appid":"wx1","out_order_no":"A1","service_id":"500001"}"#;
        assert_request(&minimal, "POST", URL, body);
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
