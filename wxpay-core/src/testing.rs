//! Test material for code built on wxpay (feature `test-util`): the official documentation
//! test key (protocol §11.1), a client over [`MockTransport`], and responses signed the way
//! WeChat Pay signs them.
//!
//! The key is public: it is printed in WeChat Pay's "how to sign" pages. Never use it for
//! anything but tests.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::{Client, PrivateKey, sign, transport::MockTransport, trust::headers};

/// The official documentation test private key (PKCS#8 PEM), protocol §11.1.
pub const DOC_PRIVATE_KEY_PEM: &str = "\
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

/// Its public key (SPKI PEM); the test client also uses it as the "WeChat Pay public key".
pub const DOC_PUBLIC_KEY_PEM: &str = "\
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

/// The merchant id of the documentation examples.
pub const DOC_MCHID: &str = "1900007291";
/// The merchant certificate serial of the documentation examples.
pub const DOC_MERCHANT_SERIAL: &str = "408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB";
/// The WeChat Pay public key id of the documentation examples.
pub const DOC_PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0000000000000024101100397200000006";
/// The timestamp of the documentation vectors.
pub const DOC_TIMESTAMP: i64 = 1_554_208_460;
/// The nonce of the documentation vectors.
pub const DOC_NONCE: &str = "593BEC0C930BF1AFEB40B4A08C8FB242";

/// A client for merchant [`DOC_MCHID`] that signs with the documentation key and trusts its
/// public half as the WeChat Pay public key, over a fresh [`MockTransport`].
///
/// # Panics
///
/// Never: the built-in key material is valid.
#[must_use]
#[allow(clippy::expect_used)]
pub fn doc_client() -> Client<MockTransport> {
    Client::builder()
        .mchid(DOC_MCHID)
        .merchant_serial(DOC_MERCHANT_SERIAL)
        .private_key_pem(DOC_PRIVATE_KEY_PEM)
        .wechatpay_public_key_pem(DOC_PUBLIC_KEY_ID, DOC_PUBLIC_KEY_PEM)
        .build_with_transport(MockTransport::new())
        .expect("the documentation key material is valid")
}

/// A response with `status` and `body`, signed now by the documentation key under
/// [`DOC_PUBLIC_KEY_ID`], as [`doc_client`] expects.
///
/// # Panics
///
/// Never: the built-in key material is valid.
#[must_use]
#[allow(clippy::expect_used)]
pub fn doc_signed_response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let key = PrivateKey::from_pem(DOC_PRIVATE_KEY_PEM).expect("the documentation key is valid");
    signed_response(&key, DOC_PUBLIC_KEY_ID, status, body)
}

/// A response with `status` and `body`, signed now by `key` and naming `serial` in
/// `Wechatpay-Serial`, with the headers WeChat Pay sends.
///
/// # Panics
///
/// If signing fails or `status` is not a valid HTTP status.
#[must_use]
pub fn signed_response(
    key: &PrivateKey,
    serial: &str,
    status: u16,
    body: &str,
) -> http::Response<Vec<u8>> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    signed_response_at(key, serial, status, body, i64::try_from(now).unwrap_or(i64::MAX))
}

/// Like [`signed_response`], signed with `timestamp` (e.g. a stale one).
///
/// # Panics
///
/// If signing fails or `status` is not a valid HTTP status.
#[must_use]
#[allow(clippy::expect_used)]
pub fn signed_response_at(
    key: &PrivateKey,
    serial: &str,
    status: u16,
    body: &str,
    timestamp: i64,
) -> http::Response<Vec<u8>> {
    let timestamp = timestamp.to_string();
    let nonce = sign::nonce().expect("the OS RNG works");
    let signature = key
        .sign_base64(&sign::response_message(&timestamp, &nonce, body.as_bytes()))
        .expect("the key signs");
    http::Response::builder()
        .status(status)
        .header(headers::REQUEST_ID, "08F78BB5AF0610D302A5F3AB9B3F3D2D-0")
        .header(headers::TIMESTAMP, timestamp)
        .header(headers::NONCE, nonce)
        .header(headers::SIGNATURE, signature)
        .header(headers::SERIAL, serial)
        .header(headers::SIGNATURE_TYPE, crate::AUTH_SCHEME)
        .body(body.as_bytes().to_vec())
        .expect("a valid response")
}
