//! Test helpers: a client with the official documentation test key (protocol §11.1) and
//! assertions on prepared requests.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use serde::de::DeserializeOwned;
use wxpay_core::{Client, Endpoint, transport::MockTransport};

use wxpay_core::testing::{DOC_NONCE, DOC_TIMESTAMP};

pub(crate) use wxpay_core::testing::{
    DOC_PUBLIC_KEY_ID as PUBLIC_KEY_ID, DOC_PUBLIC_KEY_PEM as PUBLIC_KEY_PEM,
};

/// A client for merchant `1900007291` signing with the test key, over a [`MockTransport`].
pub(crate) fn client() -> Client<MockTransport> {
    wxpay_core::testing::doc_client()
}

/// The request `endpoint` prepares into, with the §11.1 timestamp and nonce.
pub(crate) fn prepare<E: Endpoint>(endpoint: &E) -> http::Request<Vec<u8>> {
    client().prepare_with(endpoint, DOC_TIMESTAMP, DOC_NONCE).unwrap()
}

/// Asserts method, full URL (with query) and exact body bytes of the prepared request.
pub(crate) fn assert_request<E: Endpoint>(endpoint: &E, method: &str, url: &str, body: &str) {
    let request = prepare(endpoint);
    assert_eq!(request.method().as_str(), method, "method");
    assert_eq!(request.uri().to_string(), url, "url");
    assert_eq!(std::str::from_utf8(request.body()).unwrap(), body, "body");
    let has_content_type = request.headers().contains_key("content-type");
    assert_eq!(has_content_type, method != "GET", "Content-Type only with a body");
}

/// Asserts that the JSON body of `endpoint` does not carry `path_fields` (protocol §7.2: a
/// path parameter repeated in the body is a `PARAM_ERROR`), and that the simulator's way of
/// decoding it (body merged with the path values) gives `endpoint` back.
pub(crate) fn assert_path_fields_not_in_body<E>(endpoint: &E, path_fields: &[(&str, &str)])
where
    E: Endpoint + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let request = prepare(endpoint);
    let mut body: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(request.body()).unwrap();
    for (name, value) in path_fields {
        assert!(!body.contains_key(*name), "`{name}` must not be in the body");
        body.insert((*name).to_owned(), (*value).into());
    }
    let decoded: E = serde_json::from_value(body.into()).unwrap();
    assert_eq!(&decoded, endpoint, "decoding body + path gives the request back");
}

/// [`assert_request`] for a `POST` with a JSON body, then [`assert_path_fields_not_in_body`].
pub(crate) fn assert_post<E>(endpoint: &E, url: &str, body: &str, path_fields: &[(&str, &str)])
where
    E: Endpoint + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_request(endpoint, "POST", url, body);
    assert_path_fields_not_in_body(endpoint, path_fields);
}

/// Asserts that the query string of a `GET` endpoint decodes back into `endpoint` (how the
/// simulator reads it), with `path_fields` merged in.
pub(crate) fn assert_query_round_trips<E>(endpoint: &E, path_fields: &[(&str, &str)])
where
    E: Endpoint + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let request = prepare(endpoint);
    let query = request.uri().query().unwrap_or_default();
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
    for (name, value) in path_fields {
        assert!(pairs.iter().all(|(key, _)| key != name), "`{name}` must not be in the query");
        pairs.push(((*name).to_owned(), (*value).to_owned()));
    }
    let decoded: E =
        serde_urlencoded::from_str(&serde_urlencoded::to_string(&pairs).unwrap()).unwrap();
    assert_eq!(&decoded, endpoint, "decoding query + path gives the request back");
}

/// Decodes a response body the way `Client::execute` does.
pub(crate) fn decode<T: DeserializeOwned>(json: &str) -> T {
    wxpay_core::json::from_slice(json.as_bytes()).unwrap()
}

/// The `Wechatpay-*` headers WeChat Pay sends with `body` (signed with the test key, now).
pub(crate) fn signed_headers(body: &[u8]) -> http::HeaderMap {
    signed_response(200, std::str::from_utf8(body).unwrap()).into_parts().0.headers
}

/// A response signed like WeChat Pay signs it (with the test key, now), for `MockTransport`.
pub(crate) fn signed_response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    wxpay_core::testing::doc_signed_response(status, body)
}

/// A signed `204 No Content`.
pub(crate) fn signed_no_content() -> http::Response<Vec<u8>> {
    signed_response(204, "")
}

/// The fee item of WeChat's examples: 就餐费用, 4 × 100 yuan.
pub(crate) fn example_payment() -> crate::Payment {
    crate::Payment::builder()
        .name("就餐费用")
        .amount(crate::Amount::fen(40_000))
        .description("就餐人均100元")
        .count(4)
        .build()
}

/// The discount of WeChat's examples: 满20减1元, 1 yuan in all (count 2).
pub(crate) fn example_discount() -> crate::Discount {
    crate::Discount::builder()
        .name("满20减1元")
        .amount(crate::Amount::fen(100))
        .description("不与其他优惠叠加")
        .count(2)
        .build()
}

/// The risk fund of WeChat's examples: a 100 yuan deposit (就餐的预估费用).
pub(crate) fn example_risk_fund() -> crate::RiskFund {
    crate::RiskFund::builder()
        .name(crate::RiskFundName::Deposit)
        .amount(crate::Amount::fen(10_000))
        .description("就餐的预估费用")
        .build()
}

/// The location of WeChat's examples: 嗨客时尚主题展餐厅, start and end.
pub(crate) fn example_location() -> crate::Location {
    crate::Location::builder()
        .start_location("嗨客时尚主题展餐厅")
        .end_location("嗨客时尚主题展餐厅")
        .build()
}
