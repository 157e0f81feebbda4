//! Shared helpers of the fuzz targets: turning fuzzer bytes into a header map and a body, and
//! signing like WeChat Pay with the documentation test key.

use std::time::{SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue};
use wxpay_core::{PrivateKey, sign, testing, trust::headers};

/// Splits `data` at the first blank line: `Name: value` lines (invalid ones dropped), then
/// the body. Without a blank line everything is headers and the body is empty.
#[must_use]
pub fn split_headers(data: &[u8]) -> (HeaderMap, &[u8]) {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (data, &[][..]),
    };
    let mut map = HeaderMap::new();
    for line in head.split(|&b| b == b'\n') {
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        let value = line[colon + 1..].strip_prefix(b" ").unwrap_or(&line[colon + 1..]);
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(value))
        {
            map.append(name, value);
        }
    }
    (map, body)
}

/// Unix time now.
#[must_use]
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The documentation test key.
#[must_use]
pub fn doc_key() -> PrivateKey {
    PrivateKey::from_pem(testing::DOC_PRIVATE_KEY_PEM).expect("the documentation key is valid")
}

/// Replaces the `Wechatpay-*` headers of `map` with a valid signature over `body` by the
/// documentation key under the documentation public key id, timestamp now.
pub fn sign_into(map: &mut HeaderMap, key: &PrivateKey, body: &[u8]) {
    let timestamp = now().to_string();
    let nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
    let signature =
        key.sign_base64(&sign::response_message(&timestamp, nonce, body)).expect("the key signs");
    for (name, value) in [
        (headers::TIMESTAMP, timestamp.as_str()),
        (headers::NONCE, nonce),
        (headers::SIGNATURE, signature.as_str()),
        (headers::SERIAL, testing::DOC_PUBLIC_KEY_ID),
        (headers::SIGNATURE_TYPE, wxpay_core::AUTH_SCHEME),
    ] {
        map.insert(name, HeaderValue::from_str(value).expect("ASCII header value"));
    }
}
