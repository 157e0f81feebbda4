//! The answer of `GET /v3/certificates`: decoding the list, decrypting each entry with the
//! APIv3 key and parsing the certificate inside.
//!
//! Input: one mode byte, then the rest. Mode 0: the rest is the JSON answer. Mode 1: the
//! rest is a certificate PEM, encrypted into a valid one-entry list (so certificate parsing
//! and the serial check are reached); the first 40 bytes after the mode name the listed
//! serial.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use wxpay_core::{
    ApiV3Key,
    certificates::{CertificateEntry, CertificateList},
};

static KEY: LazyLock<ApiV3Key> =
    LazyLock::new(|| ApiV3Key::new("a7cde1ef5f1f44e7a4e2d5f3b1c0a9e8").expect("32 bytes"));

fn decrypt(list: &CertificateList) {
    match list.decrypt(&KEY) {
        Ok(certs) => assert_eq!(certs.len(), list.data.len()),
        Err(e) => {
            let _ = (e.to_string(), format!("{e:?}"));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else { return };
    if mode & 1 == 0 {
        if let Ok(list) = wxpay_core::json::from_slice::<CertificateList>(rest) {
            decrypt(&list);
        }
        return;
    }
    let (serial, pem) = rest.split_at(rest.len().min(40));
    let resource = KEY.encrypt("fuzzfuzzfuzz", "certificate", pem).expect("12-byte nonce");
    let entry = CertificateEntry::new(
        String::from_utf8_lossy(serial).into_owned(),
        "2018-06-08T10:34:56+08:00".to_owned(),
        "2028-06-08T10:34:56+08:00".to_owned(),
        resource,
    );
    let json = serde_json::json!({ "data": [entry] }).to_string();
    let list: CertificateList = wxpay_core::json::from_slice(json.as_bytes()).expect("round trip");
    decrypt(&list);
});
