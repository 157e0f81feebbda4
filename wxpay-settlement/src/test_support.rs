//! Test helpers: a client with the official documentation test key (protocol §11.1) and
//! assertions on prepared requests.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use serde::de::DeserializeOwned;
use wxpay_core::{
    Endpoint,
    testing::{DOC_NONCE, DOC_TIMESTAMP},
};

/// The request `endpoint` prepares into, with the §11.1 timestamp and nonce.
pub(crate) fn prepare<E: Endpoint>(endpoint: &E) -> http::Request<Vec<u8>> {
    wxpay_core::testing::doc_client().prepare_with(endpoint, DOC_TIMESTAMP, DOC_NONCE).unwrap()
}

/// Asserts method, full URL (with query) and exact body bytes of the prepared request.
pub(crate) fn assert_request<E: Endpoint>(endpoint: &E, method: &str, url: &str, body: &str) {
    let request = prepare(endpoint);
    assert_eq!(request.method().as_str(), method, "method");
    assert_eq!(request.uri().to_string(), url, "url");
    assert_eq!(std::str::from_utf8(request.body()).unwrap(), body, "body");
}

/// Decodes a response body the way `Client::execute` does.
pub(crate) fn decode<T: DeserializeOwned>(json: &str) -> T {
    wxpay_core::json::from_slice(json.as_bytes()).unwrap()
}
