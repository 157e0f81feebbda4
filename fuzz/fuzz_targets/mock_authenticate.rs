//! The simulator's request authentication (`Authorization` parsing, serial, timestamp,
//! nonce, RSA signature over method, target and body), reached without a server through
//! `wxpay_mock::authenticate_for_fuzzing`.
//!
//! Input: one mode byte, then `METHOD\nTARGET\nAUTHORIZATION\nBODY…`. Mode 0: the
//! `Authorization` value as given (never accepted: it cannot carry a valid signature).
//! Mode 1: a valid `Authorization` over method, target and body is built by the
//! documentation key (must be accepted for a method and target without a line break).
#![no_main]

use std::sync::LazyLock;

use http::{HeaderMap, HeaderValue, header};
use libfuzzer_sys::fuzz_target;
use wxpay_core::{PrivateKey, PublicKey, sign, testing};
use wxpay_fuzz::{doc_key, now};

static KEY: LazyLock<PrivateKey> = LazyLock::new(doc_key);
static PUBLIC: LazyLock<PublicKey> =
    LazyLock::new(|| PublicKey::from_pem(testing::DOC_PUBLIC_KEY_PEM).expect("valid key"));

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else { return };
    let mut parts = rest.splitn(4, |&b| b == b'\n');
    let method = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let target = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let given = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(header::USER_AGENT, HeaderValue::from_static("wxpay-fuzz"));
    let signed = mode & 1 == 1;
    if signed {
        let timestamp = now();
        let nonce = sign::nonce().expect("OS RNG");
        let signature = KEY
            .sign_base64(&sign::request_message(&method, &target, timestamp, &nonce, body))
            .expect("the key signs");
        let value = sign::authorization(
            testing::DOC_MCHID,
            &nonce,
            timestamp,
            testing::DOC_MERCHANT_SERIAL,
            &signature,
        );
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(&value).expect("ASCII"));
    } else if let Ok(value) = HeaderValue::from_bytes(given) {
        headers.insert(header::AUTHORIZATION, value);
    }
    let result = wxpay_mock::authenticate_for_fuzzing(
        testing::DOC_MCHID,
        testing::DOC_MERCHANT_SERIAL,
        PUBLIC.clone(),
        &method,
        &target,
        &headers,
        body,
    );
    match result {
        Ok(mchid) => {
            assert!(signed, "a request the fuzzer signed itself was accepted");
            assert_eq!(mchid, testing::DOC_MCHID);
        }
        Err((status, code)) => {
            assert!(!signed, "a validly signed request was refused: {status} {code}");
            assert!((400..500).contains(&status));
        }
    }
});
