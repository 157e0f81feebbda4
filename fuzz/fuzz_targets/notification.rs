//! `NotificationParser`: headers + body, verified against the documentation public key and
//! decrypted with a fixed APIv3 key.
//!
//! Input: one mode byte, then `split_headers` format.
//! - mode 0: headers and body as given (must never be accepted: nothing can be signed);
//! - mode 1: the body is validly signed, so envelope decoding and decryption are reached;
//! - mode 2: the "body" is the resource plaintext: it is encrypted into a valid envelope and
//!   signed, so resource decoding is reached; valid JSON must then decode as a `Value`.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use wxpay_core::{
    ApiV3Key, PrivateKey, PublicKey, PublicKeyId, notify::NotificationParser, testing,
    trust::TrustStore,
};
use wxpay_fuzz::{doc_key, sign_into, split_headers};
use wxpay_payscore::notification::{
    AuthorizationNotification, OrderNotification, UserAcceptedNotification,
};

const API_V3_KEY: &str = "a7cde1ef5f1f44e7a4e2d5f3b1c0a9e8";

static PARSER: LazyLock<NotificationParser> = LazyLock::new(|| {
    let id = PublicKeyId::new(testing::DOC_PUBLIC_KEY_ID).expect("valid id");
    let key = PublicKey::from_pem(testing::DOC_PUBLIC_KEY_PEM).expect("valid key");
    NotificationParser::new(
        TrustStore::with_public_key(id, key),
        ApiV3Key::new(API_V3_KEY).expect("32 bytes"),
    )
});
static KEY: LazyLock<PrivateKey> = LazyLock::new(doc_key);
static AEAD: LazyLock<ApiV3Key> = LazyLock::new(|| ApiV3Key::new(API_V3_KEY).expect("32 bytes"));

fn parse_all(headers: &http::HeaderMap, body: &[u8]) -> bool {
    let value = PARSER.parse::<serde_json::Value>(headers, body);
    if let Err(e) = &value {
        // Every error answers with a status that makes WeChat Pay retry, and names its step.
        assert!(!e.status().is_success());
        let _ = (e.step(), e.to_string());
    }
    let _ = PARSER.parse::<OrderNotification>(headers, body).map(|n| format!("{n:?}"));
    let _ = PARSER.parse::<AuthorizationNotification>(headers, body).map(|n| format!("{n:?}"));
    let _ = PARSER.parse::<UserAcceptedNotification>(headers, body).map(|n| format!("{n:?}"));
    value.is_ok()
}

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else { return };
    let (mut headers, body) = split_headers(rest);
    match mode % 3 {
        0 => assert!(!parse_all(&headers, body), "an unsigned notification was accepted"),
        1 => {
            sign_into(&mut headers, &KEY, body);
            parse_all(&headers, body);
        }
        _ => {
            let resource = AEAD
                .encrypt("fuzzfuzzfuzz", "payscore", body)
                .expect("12-byte nonce")
                .with_original_type("payscore");
            let envelope = serde_json::json!({
                "id": "EV-2018022511223320873",
                "create_time": "2015-05-20T13:29:35+08:00",
                "resource_type": "encrypt-resource",
                "event_type": "PAYSCORE.USER_PAID",
                "summary": "fuzz",
                "resource": resource,
            })
            .to_string();
            sign_into(&mut headers, &KEY, envelope.as_bytes());
            let ok = parse_all(&headers, envelope.as_bytes());
            if serde_json::from_slice::<serde_json::Value>(body).is_ok() {
                assert!(ok, "a valid signed notification with a JSON resource was rejected");
            }
        }
    }
});
