//! Test helpers of the bill module: prepared requests with the documentation key (protocol
//! §11.1) and the simulator's way of decoding a query.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use serde::de::DeserializeOwned;
use wxpay_core::{
    Endpoint,
    testing::{DOC_NONCE, DOC_TIMESTAMP, doc_client},
};

/// Asserts method, full URL and the empty body of a prepared `GET`, and that its query
/// decodes back into `endpoint` (what the simulator does).
pub(crate) fn assert_get<E>(endpoint: &E, url: &str)
where
    E: Endpoint + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let request = doc_client().prepare_with(endpoint, DOC_TIMESTAMP, DOC_NONCE).unwrap();
    assert_eq!(request.method().as_str(), "GET", "method");
    assert_eq!(request.uri().to_string(), url, "url");
    assert!(request.body().is_empty(), "a GET has no body");
    assert!(!request.headers().contains_key("content-type"), "no Content-Type without a body");
    let query = request.uri().query().unwrap_or_default();
    let decoded: E = serde_urlencoded::from_str(query).unwrap();
    assert_eq!(&decoded, endpoint, "the query decodes back into the request");
}
