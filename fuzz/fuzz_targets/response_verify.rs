//! Response verification and decoding: arbitrary status, headers and body through
//! `Client::read_response` of a client trusting the documentation public key.
//!
//! Input: one status byte, one mode byte, then `split_headers` format. Mode bit 0 set: the
//! `Wechatpay-*` headers are replaced by a valid signature over the body, so decoding is
//! reached. A response the fuzzer signed itself must never verify (seeds carry stale
//! timestamps, and an RSA signature cannot be guessed).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use wxpay_core::{
    Client, Error, NoContent, PrivateKey, certificates::CertificateList, testing,
    transport::MockTransport,
};
use wxpay_fuzz::{doc_key, sign_into, split_headers};
use wxpay_payscore::service_order::ServiceOrder;

static CLIENT: LazyLock<Client<MockTransport>> = LazyLock::new(testing::doc_client);
static KEY: LazyLock<PrivateKey> = LazyLock::new(doc_key);

const STATUSES: [u16; 8] = [200, 201, 204, 202, 400, 401, 429, 500];

fn response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).expect("valid status");
    *response.headers_mut() = headers.clone();
    response
}

fn check<R: wxpay_core::FromResponse>(signed: bool, status: u16, h: &http::HeaderMap, b: &[u8]) {
    match CLIENT.read_response::<R>(response(status, h, b)) {
        Ok(_) => {
            assert!(signed || !(200..300).contains(&status), "an unsigned 2xx answer was accepted")
        }
        Err(Error::Verify { .. }) => {
            assert!(!signed, "a validly signed answer failed verification")
        }
        Err(_) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let [status, mode, rest @ ..] = data else { return };
    let status = STATUSES[usize::from(*status) % STATUSES.len()];
    let (mut headers, body) = split_headers(rest);
    let signed = mode & 1 == 1;
    if signed {
        sign_into(&mut headers, &KEY, body);
    }
    check::<serde_json::Value>(signed, status, &headers, body);
    check::<NoContent>(signed, status, &headers, body);
    check::<ServiceOrder>(signed, status, &headers, body);
    check::<CertificateList>(signed, status, &headers, body);
});
