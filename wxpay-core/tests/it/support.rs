//! Shared fixtures: keys, a recording transport, signed responses, test endpoints.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use serde::Deserialize;
use wxpay_core::{
    Client, ClientBuilder, NoContent, OutOrderNo, PrivateKey, PublicKey, Transport, TransportError,
    TransportErrorKind, endpoint, sign,
};

pub const MCHID: &str = "1900007291";
pub const MCH_SERIAL: &str = "408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB";
pub const PUB_KEY_ID: &str = "PUB_KEY_ID_0000000000000024101100397200000006";
pub const TS: i64 = 1_554_208_460;
pub const NONCE: &str = "593BEC0C930BF1AFEB40B4A08C8FB242";

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn official_key() -> PrivateKey {
    PrivateKey::from_pem(&fixture("official_key.pem")).unwrap()
}

/// The key that plays WeChat Pay: signs responses.
pub fn platform_key() -> PrivateKey {
    PrivateKey::from_pem(&fixture("platform_key.pem")).unwrap()
}

pub fn builder() -> ClientBuilder {
    Client::builder()
        .mchid(MCHID)
        .merchant_serial(MCH_SERIAL)
        .private_key(official_key())
        .wechatpay_public_key(
            PUB_KEY_ID,
            PublicKey::from_pem(&fixture("platform_pub.pem")).unwrap(),
        )
}

pub fn now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(),
    )
    .unwrap()
}

/// A response signed by the platform key as WeChat Pay would sign it.
pub fn signed_response(status: u16, body: &str, timestamp: i64) -> http::Response<Vec<u8>> {
    let nonce = sign::nonce().unwrap();
    let ts = timestamp.to_string();
    let signature =
        platform_key().sign_base64(&sign::response_message(&ts, &nonce, body.as_bytes())).unwrap();
    http::Response::builder()
        .status(status)
        .header("Request-ID", "08F78BB5AF0610D302A7A5D8051880A3BE01-0")
        .header("Wechatpay-Timestamp", ts)
        .header("Wechatpay-Nonce", nonce)
        .header("Wechatpay-Signature", signature)
        .header("Wechatpay-Serial", PUB_KEY_ID)
        .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

pub type Answer = Result<http::Response<Vec<u8>>, TransportErrorKind>;

/// A transport that records every request and answers from a queue.
#[derive(Clone, Default)]
pub struct Recorder {
    pub requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
    pub answers: Arc<Mutex<VecDeque<Answer>>>,
}

impl Recorder {
    pub fn answer(&self, response: http::Response<Vec<u8>>) -> &Self {
        self.answers.lock().unwrap().push_back(Ok(response));
        self
    }

    pub fn fail(&self, kind: TransportErrorKind) -> &Self {
        self.answers.lock().unwrap().push_back(Err(kind));
        self
    }

    pub fn last(&self) -> (String, String, Vec<u8>, http::HeaderMap) {
        let requests = self.requests.lock().unwrap();
        let r = requests.last().unwrap();
        (r.method().to_string(), r.uri().to_string(), r.body().clone(), r.headers().clone())
    }
}

impl Transport for Recorder {
    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        self.requests.lock().unwrap().push(request);
        let next = self.answers.lock().unwrap().pop_front();
        match next {
            Some(Ok(r)) => Ok(r),
            Some(Err(kind)) => Err(TransportError::from_kind(kind)),
            None => std::future::pending().await,
        }
    }
}

/// Shaped like the seed endpoint: a POST with a path field answering 204.
#[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/complete", response = NoContent)]
#[derive(Debug, Clone)]
pub struct Complete {
    pub out_order_no: OutOrderNo,
    pub service_id: String,
    pub sub_mchid: String,
    pub total_amount: u64,
}

pub fn complete() -> Complete {
    Complete {
        out_order_no: OutOrderNo::new("1234323JKHDFE1243252").unwrap(),
        service_id: "2002000000000558128851361561536".into(),
        sub_mchid: "1900000109".into(),
        total_amount: 39900,
    }
}

/// A GET with a JSON response.
#[endpoint(GET, "v3/payscore/serviceorder", response = Order)]
#[derive(Debug)]
pub struct Query {
    pub service_id: String,
    pub appid: String,
    pub out_order_no: String,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Order {
    pub out_order_no: String,
    pub total_amount: u64,
}
