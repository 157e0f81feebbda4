//! Known answers: the official vectors of protocol §11.1, reproduced exactly.

use serde::Serialize;
use wxpay_core::{PublicKey, PublicKeyId, TrustStore, VerifyError, endpoint, sign};

use crate::support::{MCH_SERIAL, NONCE, PUB_KEY_ID, TS, builder, fixture, official_key};

const SIG_GET_REFUND: &str = "Lc9VXxmeonkdV8Xk9tmigQFLhl0vRWTerdmoRu01aAnYwIrD/5nsSwE1WlmZGLRlAFTNQ3QsMa0+VRDlJp1Wp5p0nO8EK68b5sJBbjouxaFciIfq1zfDWWz+jqhcMoKXI1A6dPm1AW7D4d30WsMTNzp6g23OXakIsh9LO3lUmwvTuE0BY8ncf6tNGk4wKmvXwERd/ZpoQY3MAVKz+Nakwc+2XBmzT66KcUehU5kr4IvGa/lEU5RZb/q00zP9VLdBhC/jQSX3X1UcJLCtEc4gTmib4tnmAT+bHF/e17ZAuxDNcx6rqT8gNEXqaJGG+1OflMSTU2tpyG65G4dMKdFcoA==";
const SIG_POST_JSAPI: &str = "jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A==";
const SIG_GET_CERTS: &str = "JNEITrKv8DWEtBJGZtxG9ARa+eIZDIn1Ht3MQM5j9jP77TtHdfCqLjpwevfWftBuaGMfEdiu2sWYtLvnZIoLW3FH10OVCBzKncid5xClTwav8JX+uDeGBBX8w64iHvFyuQj8ukZT+F1AFJii8hmXLD8Os90thnL0bfJYLo/4K237TH4dEd44NTH9ElFb/ykrvv9RBs+mCNpy5IUe2Qxhba3d3RiMqhWK2sSr3tsVzQihJ0TPMnjWqoU2W5Y/v3rBFDmLhqe0ZW6A4vyvjmiR0v/8XEI25Py4PNyZXszsdl4j0zLqelUJxGEMUBhYg1LIoDPjYMlA9HV1yKD6+JYZJA==";
const SIG_204: &str = "jeghfsrtH0lEz5KEKnVyRIH89w6EvmjURKBhOF/qUruenAJ9kFC77Cde8CIDtKK5eLX/CbmmNiHiolvDqGjtiqt87+fjTj0qmJWpFskTA2sYih/ARAKGW3FgLA/rL3rVVm+FGuPEsW/Z8xlBbTb3XX1OXoeCTytHVaPNuKd8vlwUqm8YHgZyUfuRcvFFtAPXIekw/VRssa6ytePicDI+zjxmqBD/OfVBZVoFjVmtVYSted5J/i6BK2UBm8bpHfehZDmvbvFu77ySZpVYaXWCwkSM3g7mxySmJnhAZz0XxzdrILlh9mRhh3Ypbgbjsvcwuhp+oPXYBCj1iivVUw5bvQ==";

const JSAPI_BODY: &str = r#"{"appid":"wxd678efh567hg6787","mchid":"1900007291","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}"#;

/// `GET /v3/refund/domestic/refunds/{out_refund_no}`, declared the way users declare
/// endpoints we do not cover.
#[endpoint(GET, "v3/refund/domestic/refunds/<out_refund_no>", response = serde_json::Value)]
struct QueryRefund {
    out_refund_no: String,
}

#[derive(Serialize)]
struct Amount {
    total: u64,
    currency: &'static str,
}

#[derive(Serialize)]
struct Payer {
    openid: &'static str,
}

/// `POST /v3/pay/transactions/jsapi`, the body of the official POST vector.
#[endpoint(POST, "v3/pay/transactions/jsapi", response = serde_json::Value)]
struct Jsapi {
    appid: &'static str,
    mchid: &'static str,
    description: &'static str,
    out_trade_no: &'static str,
    notify_url: &'static str,
    amount: Amount,
    payer: Payer,
}

fn authorization_signature(header: &str) -> &str {
    header.split("signature=\"").nth(1).unwrap().trim_end_matches('"')
}

#[test]
fn get_vector_signature_and_authorization() {
    let client = builder().build_with_transport(crate::support::Recorder::default()).unwrap();
    let req = client
        .prepare_with(&QueryRefund { out_refund_no: "123123123123".into() }, TS, NONCE)
        .unwrap();
    assert_eq!(req.method(), "GET");
    assert_eq!(req.uri(), "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds/123123123123");
    assert!(req.body().is_empty());
    let auth = req.headers()["authorization"].to_str().unwrap();
    assert_eq!(
        auth,
        format!(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1900007291\",nonce_str=\"{NONCE}\",timestamp=\"{TS}\",serial_no=\"{MCH_SERIAL}\",signature=\"{SIG_GET_REFUND}\""
        )
    );
    assert_eq!(authorization_signature(auth), SIG_GET_REFUND);
}

#[test]
fn post_vector_signature_and_exact_body() {
    let client = builder().build_with_transport(crate::support::Recorder::default()).unwrap();
    let body = Jsapi {
        appid: "wxd678efh567hg6787",
        mchid: "1900007291",
        description: "Image形象店-深圳腾大-QQ公仔",
        out_trade_no: "1217752501201407033233368018",
        notify_url: "https://www.weixin.qq.com/wxpay/pay.php",
        amount: Amount { total: 100, currency: "CNY" },
        payer: Payer { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    };
    let req = client.prepare_with(&body, TS, NONCE).unwrap();
    assert_eq!(req.uri(), "https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi");
    assert_eq!(std::str::from_utf8(req.body()).unwrap(), JSAPI_BODY);
    let auth = req.headers()["authorization"].to_str().unwrap();
    assert_eq!(authorization_signature(auth), SIG_POST_JSAPI);
}

#[test]
fn raw_messages_sign_to_the_published_values() {
    let key = official_key();
    let get =
        sign::request_message("GET", "/v3/refund/domestic/refunds/123123123123", TS, NONCE, b"");
    assert_eq!(key.sign_base64(&get).unwrap(), SIG_GET_REFUND);
    let post = sign::request_message(
        "POST",
        "/v3/pay/transactions/jsapi",
        TS,
        NONCE,
        JSAPI_BODY.as_bytes(),
    );
    assert_eq!(key.sign_base64(&post).unwrap(), SIG_POST_JSAPI);
    let certs = sign::request_message("GET", "/v3/certificates", TS, NONCE, b"");
    assert_eq!(key.sign_base64(&certs).unwrap(), SIG_GET_CERTS);
    // The PKCS#1 form of the same key signs identically.
    let pkcs1 = wxpay_core::PrivateKey::from_pem(&fixture("official_key_pkcs1.pem")).unwrap();
    assert_eq!(pkcs1.sign_base64(&get).unwrap(), SIG_GET_REFUND);
}

fn headers_204(signature: &str, timestamp: &str) -> http::HeaderMap {
    let mut h = http::HeaderMap::new();
    h.insert("Wechatpay-Timestamp", timestamp.parse().unwrap());
    h.insert("Wechatpay-Nonce", NONCE.parse().unwrap());
    h.insert("Wechatpay-Signature", signature.parse().unwrap());
    h.insert("Wechatpay-Serial", PUB_KEY_ID.parse().unwrap());
    h
}

#[test]
fn the_204_vector_verifies_and_tampering_fails() {
    let public = PublicKey::from_pem(&fixture("official_pub.pem")).unwrap();
    let trust = TrustStore::with_public_key(PublicKeyId::new(PUB_KEY_ID).unwrap(), public);
    let ts = TS.to_string();
    trust.verify_at(&headers_204(SIG_204, &ts), b"", TS, 300).unwrap();
    // A 204 whose timestamp was altered (still inside the window) no longer verifies.
    let altered = (TS + 1).to_string();
    assert_eq!(
        trust.verify_at(&headers_204(SIG_204, &altered), b"", TS, 300),
        Err(VerifyError::BadSignature)
    );
    // A body added to the 204 no longer verifies.
    assert_eq!(
        trust.verify_at(&headers_204(SIG_204, &ts), b"{}", TS, 300),
        Err(VerifyError::BadSignature)
    );
    // The same vector 301 s later is stale.
    assert!(matches!(
        trust.verify_at(&headers_204(SIG_204, &ts), b"", TS + 301, 300),
        Err(VerifyError::Stale { skew: 301, .. })
    ));
    trust.verify_at(&headers_204(SIG_204, &ts), b"", TS - 300, 300).unwrap();
}
