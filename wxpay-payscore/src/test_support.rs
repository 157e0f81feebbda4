//! Test helpers: a client with the official documentation test key (protocol §11.1) and
//! assertions on prepared requests.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use serde::de::DeserializeOwned;
use wxpay_core::{Client, Endpoint, transport::MockTransport};

/// The official documentation test key (PKCS#8), protocol §11.1.
pub(crate) const PRIVATE_KEY_PEM: &str = "\
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCm2mb6q8gMKH/3
CNTbpJAIrbqiBiQGEOtjGcBrDYltsGynWgNscqT7WvfzU14FQbYcQUC5T4Wvva7m
i3fIp3OgX8VqMDNA0qebnr38Pe6kqiLyZgFpJPXlSKDyPyqhRbVTbXssvSMQeVKc
dXeVxoNNeoOlNFHgF/P0io6AmAVnz+hN8SiZKuOsth5/zUTLGvtkgxBcQooQrtXh
RcpLT798OyIb9xeJ2HO3xRtMv2+perEzb4gMibI74UBz+2QEbnkubPE+2jU2rRZu
dnNEz/BPOt3Qj/w2V6/G0VumGDh6+UeMU0jv4aupHztWITC4Akn0l7lBCNy3lgl8
VFaJnkIxAgMBAAECggEAYGL8aESB7NwciDWW2UdoWUsa7GxFtSdjAz2mFXGdeTsY
mVh7b9OOkRGM+Qio4LqEHDBp1mMk5E/cUJwy1zw8pGGO5nfvs7u9TT3XnHaefIs4
YvUgTYAneIuLRkXNN5rQU+CD7mVYczTSz0Vgjqo9wa1LjUz7G0xbBmJgTdMEFGJs
eJjy6AbJo0CGIwp6HJbTm4CmOUgXnnDAIbEGTIRImkZFH/rzneIeR7oZ77FVwxr1
CZB2gfRCov/yRPbw8vnryYkmvQ7D/ze3j5097vRg/MoDGBSdoOwcmo75vyofr0AS
zytMjmHYyifqkf5slPropSiJeGf4p/7gtKyF6dE/XQKBgQDVAlJ+4U5ZVGOuDc3+
sAhz8CTzgFNlq9vKuSoFK6hOz2L+cwj+E7NXGkOe2DsHHZNy2Xqxk7caKhPEp1z9
hhpMpyLVMoFt6CKemyoRBWDCQwLLwem9SZF/IAyovBkLiH36P42Jm26gUkNMKC/5
Zhtqxf6RZgRQzbVudJi47vIRCwKBgQDIh0+v27Oo+DM3fhObH4I1NrXpWOEGH7OQ
G1dEsMuFYF4hjGhg0kBEP3w9vVdl2+mRllZKTsx9oqjb8OibPLLIH8xsdbAB0WLf
JvjLu4wl/ILUzN1RI03dWnnv2EnEeQn6c3hizvrJ9wR5U4ue9RPVnQooJ0hZF1PU
uCL5fWK3MwKBgElReU/PAYbh80WP3t3Rfbdaa32dKBeQ5iCLR5lsA4zM+YgX1HqQ
EWTj126vgvHaDkyz6vWAoL/Sx+cirHFfXWIRDX5Q2hgYlQH+6qXdMgbrxeSYpHnQ
/tHBGFpkFELSAnrGsVMyOwvYBO4LzyeLK9i+ufcWJFoj1FVmsMLHDG8tAoGARdbi
iQQCoYG4DMarO2aQ6cmhN6EN1h0qY7EyBqlwaIZ0okiNfdMcMOjPc41DKCWcRmlO
qlihXcxN9TQFPzO3rH1urAOdBjUPs1qWYhZyrDQyuLyVBBJApyxAtajloDjrob+f
mQIvVDHk7ACN6xG+E7K6+9salnTKbJapD618uQMCgYBNy6XUvzLkP/A1U/UZdtcx
l8GwU/dturLxz4CyGbqDw4ubaYY2e13lnqHUqQgPtiSyH51nq3tdo8G0YAJdfkSv
KvnfslW91fyEBUKnkdW1o3/1UFU/wprZ7ixVL/F42A4xDu7OFE8EnweJOZ0jWceE
OdhCkaIGBCfRnlECRK8UyQ==
-----END PRIVATE KEY-----
";

/// Its public key, used as the "WeChat Pay public key" of the test client.
pub(crate) const PUBLIC_KEY_PEM: &str = "\
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAptpm+qvIDCh/9wjU26SQ
CK26ogYkBhDrYxnAaw2JbbBsp1oDbHKk+1r381NeBUG2HEFAuU+Fr72u5ot3yKdz
oF/FajAzQNKnm569/D3upKoi8mYBaST15Uig8j8qoUW1U217LL0jEHlSnHV3lcaD
TXqDpTRR4Bfz9IqOgJgFZ8/oTfEomSrjrLYef81Eyxr7ZIMQXEKKEK7V4UXKS0+/
fDsiG/cXidhzt8UbTL9vqXqxM2+IDImyO+FAc/tkBG55LmzxPto1Nq0WbnZzRM/w
Tzrd0I/8NlevxtFbphg4evlHjFNI7+GrqR87ViEwuAJJ9Je5QQjct5YJfFRWiZ5C
MQIDAQAB
-----END PUBLIC KEY-----
";

/// The test client's WeChat Pay public key id.
pub(crate) const PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0000000000000024101100397200000006";

/// A client for merchant `1900007291` signing with the test key, over a [`MockTransport`].
pub(crate) fn client() -> Client<MockTransport> {
    Client::builder()
        .mchid("1900007291")
        .merchant_serial("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB")
        .private_key_pem(PRIVATE_KEY_PEM)
        .wechatpay_public_key_pem(PUBLIC_KEY_ID, PUBLIC_KEY_PEM)
        .build_with_transport(MockTransport::new())
        .unwrap()
}

/// The request `endpoint` prepares into, with the §11.1 timestamp and nonce.
pub(crate) fn prepare<E: Endpoint>(endpoint: &E) -> http::Request<Vec<u8>> {
    client().prepare_with(endpoint, 1_554_208_460, "593BEC0C930BF1AFEB40B4A08C8FB242").unwrap()
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
    use wxpay_core::{PrivateKey, sign, trust::headers};

    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let nonce = "e0b3e8b6f5a64c4c9a2f1d7c3b9a8e6f";
    let message = sign::response_message(&timestamp, nonce, body);
    let signature = PrivateKey::from_pem(PRIVATE_KEY_PEM).unwrap().sign_base64(&message).unwrap();
    let mut map = http::HeaderMap::new();
    for (name, value) in [
        (headers::TIMESTAMP, timestamp.as_str()),
        (headers::NONCE, nonce),
        (headers::SIGNATURE, signature.as_str()),
        (headers::SERIAL, PUBLIC_KEY_ID),
        (headers::SIGNATURE_TYPE, "WECHATPAY2-SHA256-RSA2048"),
        (headers::REQUEST_ID, "08F78BB5AF0610D302A5F3AB9B3F3D2D"),
    ] {
        map.insert(name, value.parse().unwrap());
    }
    map
}

/// A response signed like WeChat Pay signs it (with the test key, now), for `MockTransport`.
pub(crate) fn signed_response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let mut response =
        http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap();
    *response.headers_mut() = signed_headers(body.as_bytes());
    response
}

/// A signed `204 No Content`.
pub(crate) fn signed_no_content() -> http::Response<Vec<u8>> {
    signed_response(204, "")
}
