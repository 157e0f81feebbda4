//! End to end: the simulator authenticates requests and signs answers like WeChat Pay, checked
//! independently of wxpay-core with the `openssl` CLI and hand-built `reqwest` requests.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{SystemTime, UNIX_EPOCH},
};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use serde_json::{Value, json};
use support::{APPID, SERVICE_ID, SUB_MCHID, client, partner_create};
use wxpay_core::{PrivateKey, sign};
use wxpay_mock::{KeyMode, MockServer};
use wxpay_payscore::partner::service_order::QueryPartnerServiceOrder;

/// A fresh scratch directory under the system temp dir.
fn scratch(name: &str) -> PathBuf {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_nanos();
    let dir = std::env::temp_dir().join(format!("wxpay-e2e-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn openssl(args: &[&str], dir: &Path) -> (bool, String) {
    let output =
        Command::new("openssl").args(args).current_dir(dir).output().expect("run the openssl CLI");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn now() -> i64 {
    i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs())
        .expect("time")
}

/// A request signed by hand: `sign` gets the message and returns the Base64 signature.
struct Hand<'a> {
    server: &'a MockServer,
    method: &'a str,
    target: String,
    body: String,
    timestamp: i64,
    nonce: String,
    serial: String,
    mchid: String,
    user_agent: bool,
    content_type: Option<&'a str>,
}

impl<'a> Hand<'a> {
    fn new(server: &'a MockServer, method: &'a str, target: &str, body: &str) -> Self {
        let credentials = server.credentials();
        Self {
            server,
            method,
            target: target.to_owned(),
            body: body.to_owned(),
            timestamp: now(),
            nonce: format!(
                "{:032}",
                SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_nanos()
            ),
            serial: credentials.merchant_serial,
            mchid: credentials.mchid,
            user_agent: true,
            content_type: (method != "GET").then_some("application/json"),
        }
    }

    fn message(&self) -> Vec<u8> {
        sign::request_message(
            self.method,
            &self.target,
            self.timestamp,
            &self.nonce,
            self.body.as_bytes(),
        )
    }

    fn sign_with_core(&self) -> String {
        let pem = self.server.keys().merchant_key_pem.clone().expect("merchant key");
        PrivateKey::from_pem(&pem).expect("key").sign_base64(&self.message()).expect("sign")
    }

    async fn send(&self, signature: &str) -> reqwest::Response {
        let authorization =
            sign::authorization(&self.mchid, &self.nonce, self.timestamp, &self.serial, signature);
        let url = format!("{}{}", self.server.base_url().trim_end_matches('/'), self.target);
        let mut request = reqwest::Client::new()
            .request(self.method.parse().expect("method"), url)
            .header("Authorization", authorization)
            .body(self.body.clone());
        request = request.header("Accept", "application/json");
        if self.user_agent {
            request = request.header("User-Agent", "wxpay-e2e-hand/1.0");
        }
        if let Some(content_type) = self.content_type {
            request = request.header("Content-Type", content_type);
        }
        request.send().await.expect("send")
    }
}

/// Sends `request` as is over a fresh connection and returns the whole answer.
async fn raw_http(addr: std::net::SocketAddr, request: &str) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("read");
    String::from_utf8_lossy(&answer).into_owned()
}

async fn error_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    assert!(response.headers().get("Request-ID").is_some(), "every answer carries Request-ID");
    let body: Value =
        serde_json::from_slice(&response.bytes().await.expect("body")).expect("error JSON");
    (status, body)
}

/// Checks a signed answer with `openssl dgst -sha256 -verify` and the public key PEM.
fn verify_with_openssl(
    dir: &Path,
    public_key_pem: &str,
    headers: &reqwest::header::HeaderMap,
    body: &[u8],
) {
    let header =
        |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).expect(name).to_owned();
    let mut message = Vec::new();
    message.extend_from_slice(header("Wechatpay-Timestamp").as_bytes());
    message.push(b'\n');
    message.extend_from_slice(header("Wechatpay-Nonce").as_bytes());
    message.push(b'\n');
    message.extend_from_slice(body);
    message.push(b'\n');
    std::fs::write(dir.join("pub.pem"), public_key_pem).expect("write");
    std::fs::write(dir.join("message"), &message).expect("write");
    std::fs::write(
        dir.join("signature"),
        STANDARD.decode(header("Wechatpay-Signature")).expect("base64"),
    )
    .expect("write");
    let (ok, text) = openssl(
        &["dgst", "-sha256", "-verify", "pub.pem", "-signature", "signature", "message"],
        dir,
    );
    assert!(ok && text.contains("Verified OK"), "openssl: {text}");
}

#[tokio::test]
async fn a_request_signed_with_openssl_is_accepted_and_answers_verify_with_openssl() {
    let server = MockServer::start().await.expect("simulator");
    let dir = scratch("openssl");
    std::fs::write(
        dir.join("apiclient_key.pem"),
        server.keys().merchant_key_pem.as_deref().expect("key"),
    )
    .expect("write");
    let sign_with_openssl = |hand: &Hand<'_>| {
        std::fs::write(dir.join("request"), hand.message()).expect("write");
        let (ok, text) = openssl(
            &["dgst", "-sha256", "-sign", "apiclient_key.pem", "-out", "request.sig", "request"],
            &dir,
        );
        assert!(ok, "openssl sign: {text}");
        STANDARD.encode(std::fs::read(dir.join("request.sig")).expect("signature"))
    };

    // POST with a JSON body (the create request exactly as wxpay-payscore serializes it).
    let body = serde_json::to_string(&partner_create("OPENSSL-1", "http://127.0.0.1:9/notify"))
        .expect("json");
    let hand = Hand::new(&server, "POST", "/v3/payscore/partner/serviceorder", &body);
    let response = hand.send(&sign_with_openssl(&hand)).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert!(
        headers
            .get("Wechatpay-Serial")
            .expect("serial")
            .to_str()
            .expect("ascii")
            .starts_with("PUB_KEY_ID_")
    );
    assert_eq!(headers.get("Wechatpay-Signature-Type").expect("type"), "WECHATPAY2-SHA256-RSA2048");
    let answer = response.bytes().await.expect("body");
    verify_with_openssl(&dir, &server.keys().public_key_pem, &headers, &answer);
    let created: Value = serde_json::from_slice(&answer).expect("json");
    assert_eq!(created["state"], "CREATED");

    // GET with a query string, and the 204 of a cancel: both signed, both verify.
    let target =
        format!("/v3/payscore/partner/serviceorder?out_order_no=OPENSSL-1&sub_mchid={SUB_MCHID}");
    let hand = Hand::new(&server, "GET", &target, "");
    let response = hand.send(&sign_with_openssl(&hand)).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    verify_with_openssl(
        &dir,
        &server.keys().public_key_pem,
        &headers,
        &response.bytes().await.expect("body"),
    );

    let body = json!({ "service_id": SERVICE_ID, "sub_mchid": SUB_MCHID, "reason": "用户取消" })
        .to_string();
    let hand =
        Hand::new(&server, "POST", "/v3/payscore/partner/serviceorder/OPENSSL-1/cancel", &body);
    let response = hand.send(&sign_with_openssl(&hand)).await;
    assert_eq!(response.status(), 204);
    let headers = response.headers().clone();
    let empty = response.bytes().await.expect("body");
    assert!(empty.is_empty());
    verify_with_openssl(&dir, &server.keys().public_key_pem, &headers, &empty);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn certificate_mode_answers_verify_with_the_certificate_key() {
    let server = MockServer::builder().mode(KeyMode::Certificate).start().await.expect("simulator");
    let dir = scratch("cert");
    let hand = Hand::new(&server, "GET", "/v3/certificates", "");
    let response = hand.send(&hand.sign_with_core()).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(
        headers.get("Wechatpay-Serial").expect("serial").to_str().expect("ascii"),
        server.current_serial()
    );
    // The key inside the platform certificate, extracted by openssl itself.
    std::fs::write(dir.join("platform.pem"), &server.keys().platform.cert_pem).expect("write");
    let (ok, key) = openssl(&["x509", "-in", "platform.pem", "-pubkey", "-noout"], &dir);
    assert!(ok, "{key}");
    let (ok, serial) = openssl(&["x509", "-in", "platform.pem", "-serial", "-noout"], &dir);
    assert!(ok && serial.trim().ends_with(&server.current_serial()), "{serial}");
    let body = response.bytes().await.expect("body");
    verify_with_openssl(&dir, &key, &headers, &body);
    let list: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(list["data"][0]["encrypt_certificate"]["associated_data"], "certificate");
    assert_eq!(list["data"][0]["encrypt_certificate"]["algorithm"], "AEAD_AES_256_GCM");
    assert_eq!(list["data"][0]["encrypt_certificate"]["nonce"].as_str().expect("nonce").len(), 12);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn public_key_mode_has_no_certificates() {
    let server = MockServer::start().await.expect("simulator");
    let hand = Hand::new(&server, "GET", "/v3/certificates", "");
    let (status, body) = error_of(hand.send(&hand.sign_with_core()).await).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("RESOURCE_NOT_EXISTS")));
}

#[tokio::test]
async fn a_bad_signature_is_sign_error_with_sign_information() {
    let server = MockServer::start().await.expect("simulator");
    let body = r#"{"service_id":"1","sub_mchid":"1900000109","reason":"x"}"#;
    let hand = Hand::new(&server, "POST", "/v3/payscore/partner/serviceorder/A1/cancel", body);
    let mut signature = STANDARD.decode(hand.sign_with_core()).expect("base64");
    signature[10] ^= 1;
    let (status, error) = error_of(hand.send(&STANDARD.encode(signature)).await).await;
    assert_eq!(status, 401);
    assert_eq!(error["code"], "SIGN_ERROR");
    let info = &error["detail"]["sign_information"];
    assert_eq!(info["method"], "POST");
    assert_eq!(info["url"], "/v3/payscore/partner/serviceorder/A1/cancel");
    assert_eq!(info["sign_message_length"], hand.message().len());
    assert!(
        info["truncated_sign_message"]
            .as_str()
            .expect("text")
            .starts_with("POST\n/v3/payscore/partner/serviceorder/A1/cancel\n")
    );
}

#[tokio::test]
async fn the_signed_url_is_the_raw_request_target() {
    let server = MockServer::start().await.expect("simulator");
    // `|` travels as `%7C`: the signature covers the encoded form, exactly as sent.
    let target =
        format!("/v3/payscore/partner/serviceorder?out_order_no=A%7C1&sub_mchid={SUB_MCHID}");
    let hand = Hand::new(&server, "GET", &target, "");
    let (status, error) = error_of(hand.send(&hand.sign_with_core()).await).await;
    assert_eq!((status, error["code"].as_str()), (404, Some("ORDER_NOT_EXIST")), "{error}");
    // Signing the decoded form instead is refused.
    let mut hand = Hand::new(&server, "GET", &target, "");
    hand.target =
        format!("/v3/payscore/partner/serviceorder?out_order_no=A|1&sub_mchid={SUB_MCHID}");
    let signature = hand.sign_with_core();
    hand.target = target;
    let (status, error) = error_of(hand.send(&signature).await).await;
    assert_eq!((status, error["code"].as_str()), (401, Some("SIGN_ERROR")), "{error}");
}

#[tokio::test]
async fn authentication_refusals() {
    let server = MockServer::start().await.expect("simulator");
    let target = format!("/v3/payscore/partner/serviceorder?out_order_no=A1&sub_mchid={SUB_MCHID}");
    let expect = |status: u16, code: &'static str| {
        move |(s, body): (u16, Value)| {
            assert_eq!((s, body["code"].as_str()), (status, Some(code)), "{body}");
        }
    };

    // A stale timestamp (and one from the future).
    for skew in [-301, 400] {
        let mut hand = Hand::new(&server, "GET", &target, "");
        hand.timestamp += skew;
        expect(401, "SIGN_ERROR")(error_of(hand.send(&hand.sign_with_core()).await).await);
    }
    // A nonce used twice.
    let hand = Hand::new(&server, "GET", &target, "");
    let signature = hand.sign_with_core();
    expect(404, "ORDER_NOT_EXIST")(error_of(hand.send(&signature).await).await);
    let (status, body) = error_of(hand.send(&signature).await).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("SIGN_ERROR")));
    assert_eq!(body["detail"]["field"], "nonce_str");
    // A serial that is not the merchant certificate's, an unknown merchant.
    let mut hand = Hand::new(&server, "GET", &target, "");
    hand.serial = "408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB".into();
    expect(401, "SIGN_ERROR")(error_of(hand.send(&hand.sign_with_core()).await).await);
    let mut hand = Hand::new(&server, "GET", &target, "");
    hand.mchid = "1900009999".into();
    expect(401, "SIGN_ERROR")(error_of(hand.send(&hand.sign_with_core()).await).await);
    // The serial in lower case is the same serial.
    let mut hand = Hand::new(&server, "GET", &target, "");
    hand.serial = hand.serial.to_ascii_lowercase();
    expect(404, "ORDER_NOT_EXIST")(error_of(hand.send(&hand.sign_with_core()).await).await);
    // Missing Accept (reqwest always adds one: write the request by hand) or User-Agent.
    let hand = Hand::new(&server, "GET", &target, "");
    let authorization = sign::authorization(
        &hand.mchid,
        &hand.nonce,
        hand.timestamp,
        &hand.serial,
        &hand.sign_with_core(),
    );
    let raw = format!(
        "GET {target} HTTP/1.1\r\nHost: {}\r\nAuthorization: {authorization}\r\nUser-Agent: raw\r\nConnection: close\r\n\r\n",
        server.addr()
    );
    let answer = raw_http(server.addr(), &raw).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("INVALID_REQUEST") && answer.contains("Accept"), "{answer}");
    let mut hand = Hand::new(&server, "GET", &target, "");
    hand.user_agent = false;
    expect(400, "INVALID_REQUEST")(error_of(hand.send(&hand.sign_with_core()).await).await);
    // A body that is not declared JSON.
    let body = json!({ "sub_mchid": SUB_MCHID, "reason": "x" }).to_string();
    let mut hand = Hand::new(&server, "POST", "/v3/payscore/partner/serviceorder/A1/cancel", &body);
    hand.content_type = Some("text/plain");
    expect(400, "INVALID_REQUEST")(error_of(hand.send(&hand.sign_with_core()).await).await);
    // A malformed Authorization header: spaces after the commas.
    let hand = Hand::new(&server, "GET", &target, "");
    let signature = hand.sign_with_core();
    let authorization =
        sign::authorization(&hand.mchid, &hand.nonce, hand.timestamp, &hand.serial, &signature)
            .replace(',', ", ");
    let response = reqwest::Client::new()
        .get(format!("{}{}", server.base_url().trim_end_matches('/'), target))
        .header("Authorization", authorization)
        .header("Accept", "*/*")
        .header("User-Agent", "x")
        .send()
        .await
        .expect("send");
    expect(401, "SIGN_ERROR")(error_of(response).await);
    // The order of the five pairs does not matter.
    let hand = Hand::new(&server, "GET", &target, "");
    let signature = hand.sign_with_core();
    let authorization = format!(
        "WECHATPAY2-SHA256-RSA2048 signature=\"{signature}\",timestamp=\"{}\",serial_no=\"{}\",nonce_str=\"{}\",mchid=\"{}\"",
        hand.timestamp, hand.serial, hand.nonce, hand.mchid
    );
    let response = reqwest::Client::new()
        .get(format!("{}{}", server.base_url().trim_end_matches('/'), target))
        .header("Authorization", authorization)
        .header("Accept", "*/*")
        .header("User-Agent", "x")
        .send()
        .await
        .expect("send");
    expect(404, "ORDER_NOT_EXIST")(error_of(response).await);
}

#[tokio::test]
async fn parameter_refusals_name_the_field() {
    let server = MockServer::start().await.expect("simulator");
    let send = |target: &'static str, body: Value| {
        let server = &server;
        async move {
            let body = body.to_string();
            let hand = Hand::new(server, "POST", target, &body);
            error_of(hand.send(&hand.sign_with_core()).await).await
        }
    };
    // A path parameter repeated in the body.
    let (status, error) = send(
        "/v3/payscore/partner/serviceorder/A1/cancel",
        json!({ "out_order_no": "A1", "sub_mchid": SUB_MCHID, "reason": "x" }),
    )
    .await;
    assert_eq!((status, error["code"].as_str()), (400, Some("PARAM_ERROR")));
    assert!(
        error["message"].as_str().expect("message").contains("/uri_template/out_order_no"),
        "{error}"
    );
    // `null` anywhere.
    let (status, error) = send(
        "/v3/payscore/partner/serviceorder/A1/cancel",
        json!({ "sub_mchid": SUB_MCHID, "reason": "x", "service_id": null }),
    )
    .await;
    assert_eq!((status, error["detail"]["field"].as_str()), (400, Some("/service_id")));
    // A missing field, a mistyped one deep inside.
    let (status, error) =
        send("/v3/payscore/partner/serviceorder/A1/cancel", json!({ "sub_mchid": SUB_MCHID }))
            .await;
    assert_eq!((status, error["detail"]["field"].as_str()), (400, Some("/reason")));
    let mut create =
        serde_json::to_value(partner_create("A2", "http://127.0.0.1:9/")).expect("json");
    create["post_payments"][0]["amount"] = json!("100");
    let (status, error) = send("/v3/payscore/partner/serviceorder", create).await;
    assert_eq!(
        (status, error["detail"]["field"].as_str()),
        (400, Some("/post_payments/0/amount")),
        "{error}"
    );
    // An unknown route.
    let (status, error) = send("/v3/payscore/partner/nothing-here", json!({})).await;
    assert_eq!((status, error["code"].as_str()), (404, Some("NOT_FOUND")));
    let _ = APPID;
}

#[tokio::test]
async fn the_client_and_the_simulator_agree() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    let err = QueryPartnerServiceOrder::builder()
        .lookup(support::no("NOPE"))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect_err("no such order");
    assert_eq!(support::api_code(&err).1, "ORDER_NOT_EXIST");
    assert!(err.request_id().is_some());
}

#[tokio::test]
async fn several_merchants_each_with_their_own_certificate_and_orders() {
    // A second merchant, using the spare key pair shipped with the simulator as its API key.
    let spare = wxpay_mock::PlatformKeyPair::spare();
    let server = MockServer::builder()
        .merchant("1900000200", spare.cert_pem.clone())
        .start()
        .await
        .expect("simulator");
    let serial = wxpay_core::PlatformCertificate::from_pem(&spare.cert_pem)
        .expect("cert")
        .serial
        .to_string();
    let credentials = server.credentials();
    let second = wxpay_core::Client::builder()
        .mchid("1900000200")
        .merchant_serial(&serial)
        .private_key_pem(&spare.key_pem)
        .wechatpay_public_key_pem(&credentials.public_key_id, &credentials.public_key_pem)
        .base_url(&credentials.base_url)
        .build()
        .expect("client");
    let first = client(&server);
    partner_create("MULTI-1", "http://127.0.0.1:9/")
        .execute(&second)
        .await
        .expect("second merchant creates");
    let err = QueryPartnerServiceOrder::builder()
        .lookup(support::no("MULTI-1"))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&first)
        .await
        .expect_err("other merchant");
    assert_eq!(support::api_code(&err).1, "ORDER_NOT_EXIST");
    QueryPartnerServiceOrder::builder()
        .lookup(support::no("MULTI-1"))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&second)
        .await
        .expect("own order");
    // Signing with the other merchant's key under the first merchant's id fails.
    let mixed = wxpay_core::Client::builder()
        .mchid(credentials.mchid.clone())
        .merchant_serial(&serial)
        .private_key_pem(&spare.key_pem)
        .wechatpay_public_key_pem(&credentials.public_key_id, &credentials.public_key_pem)
        .base_url(&credentials.base_url)
        .build()
        .expect("client");
    let err = QueryPartnerServiceOrder::builder()
        .lookup(support::no("MULTI-1"))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&mixed)
        .await
        .expect_err("mixed");
    assert_eq!(support::api_code(&err).0, 401);
}
