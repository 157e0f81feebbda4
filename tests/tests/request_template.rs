//! URI-template requests (`Client::request`): the seed request built from its template is
//! byte-identical to the `#[endpoint]` struct's; hostile values and template mistakes are
//! build errors; answers are verified exactly as `execute` verifies them.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "shared/seed.rs"]
mod seed_request;

use std::time::Duration;

use seed_request::{fixture, seed};
use wxpay_core::{
    BuildError, Client, Error, Method, NoContent, PrivateKey, RetryPolicy, VerifyError,
    transport::MockTransport,
};

const PUB_KEY_ID: &str = "PUB_KEY_ID_0000000000000024101100397200000006";
const TEMPLATE: &str = "v3/payscore/partner/serviceorder/{out_order_no}/complete";
const OUT_ORDER_NO: &str = "1234323JKHDFE1243252";
const TS: i64 = 1_554_208_460;
const NONCE: &str = "593BEC0C930BF1AFEB40B4A08C8FB242";

/// The seed body as WeChat documents it (the `#[endpoint]` struct's field order).
const SEED_BODY: &str = r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"profit_sharing":true,"complete_time":"2019-11-11T16:24:05+08:00","goods_tag":"goods_tag"}"#;

/// The seed body as a user of the template builder writes it in code.
fn seed_json() -> serde_json::Value {
    serde_json::from_str(SEED_BODY).unwrap()
}

fn client(mock: &MockTransport) -> Client<MockTransport> {
    Client::builder()
        .mchid("1900007291")
        .merchant_serial("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB")
        .private_key_pem(&fixture("official_key.pem"))
        .wechatpay_public_key_pem(PUB_KEY_ID, &fixture("platform_pub.pem"))
        .timeout(Duration::from_secs(5))
        .build_with_transport(mock.clone())
        .unwrap()
}

fn now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(),
    )
    .unwrap()
}

fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let key = PrivateKey::from_pem(&fixture("platform_key.pem")).unwrap();
    wxpay_core::testing::signed_response_at(&key, PUB_KEY_ID, status, body, now())
}

fn parts(req: &http::Request<Vec<u8>>) -> (String, String, Vec<u8>, Vec<(String, String)>) {
    let headers = req
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    (req.method().to_string(), req.uri().to_string(), req.body().clone(), headers)
}

#[test]
fn template_request_is_byte_identical_to_the_endpoint_struct() {
    let c = client(&MockTransport::new());
    let from_struct = c.prepare_with(&seed(), TS, NONCE).unwrap();
    for template in [TEMPLATE, "/v3/payscore/partner/serviceorder/{out_order_no}/complete"] {
        let from_template = c
            .request(Method::Post, template)
            .path("out_order_no", OUT_ORDER_NO)
            .json_text(SEED_BODY)
            .prepare_with(TS, NONCE)
            .unwrap();
        // Same method, URL, body and headers, the signature included.
        assert_eq!(parts(&from_template), parts(&from_struct));
    }
    // The struct itself is a valid `json` body: same bytes again.
    let from_struct_body = c
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", OUT_ORDER_NO)
        .json(&seed())
        .prepare_with(TS, NONCE)
        .unwrap();
    assert_eq!(parts(&from_struct_body), parts(&from_struct));
    // A `serde_json::Value` body is the same JSON (keys sorted by serde_json).
    let value = seed_json();
    let from_value = c
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", OUT_ORDER_NO)
        .json(&value)
        .prepare_with(TS, NONCE)
        .unwrap();
    assert_eq!(from_value.body(), &serde_json::to_vec(&value).unwrap());
    let reparsed: serde_json::Value = serde_json::from_slice(from_struct.body()).unwrap();
    assert_eq!(reparsed, value);
}

#[test]
fn hostile_path_values_stay_in_their_segment_or_are_refused() {
    let c = client(&MockTransport::new());
    let uri = |value: &str| {
        c.request(Method::Get, "v3/payscore/partner/serviceorder/{out_order_no}")
            .path("out_order_no", value)
            .query("sub_mchid", "1900000109")
            .prepare_with(TS, NONCE)
            .map(|r| r.uri().to_string())
    };
    assert_eq!(
        uri("../../v3/certificates?x=1#y").unwrap(),
        "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/..%2F..%2Fv3%2Fcertificates%3Fx%3D1%23y?sub_mchid=1900000109"
    );
    assert_eq!(
        uri("订单 a|b").unwrap(),
        "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/%E8%AE%A2%E5%8D%95%20a%7Cb?sub_mchid=1900000109"
    );
    for bad in ["..", ".", ""] {
        match uri(bad) {
            Err(Error::Build(BuildError::PathParameter(_))) => {}
            other => panic!("{bad:?}: {other:?}"),
        }
    }
}

#[test]
fn missing_unknown_and_malformed_placeholders_are_build_errors() {
    let c = client(&MockTransport::new());
    let template_error = |r: Result<http::Request<Vec<u8>>, Error>| match r {
        Err(Error::Build(BuildError::Template(message))) => message,
        other => panic!("{other:?}"),
    };
    let missing = template_error(c.request(Method::Post, TEMPLATE).prepare());
    assert!(missing.contains("`{out_order_no}`") && missing.contains("no value"), "{missing}");
    let unknown = template_error(
        c.request(Method::Post, TEMPLATE)
            .path("out_order_no", "1")
            .path("out_trade_no", "secret-value")
            .prepare(),
    );
    assert!(unknown.contains("`out_trade_no`") && !unknown.contains("secret-value"), "{unknown}");
    let body = serde_json::json!({});
    let get_body = template_error(c.request(Method::Get, "v3/certificates").json(&body).prepare());
    assert!(get_body.contains("GET"), "{get_body}");
    template_error(c.request(Method::Get, "v3/a/{x").path("x", "1").prepare());
    match c.request(Method::Post, "v3/x").json_text("{not json").prepare() {
        Err(Error::Build(BuildError::Body(_))) => {}
        other => panic!("{other:?}"),
    }
    template_error(c.request(Method::Get, "https://evil.example/v3").prepare());
    template_error(c.request(Method::Get, "//evil.example/v3").prepare());
    // A query value must be a flat scalar.
    match c.request(Method::Get, "v3/certificates").query("x", vec![1, 2]).prepare() {
        Err(Error::Build(BuildError::Query(_))) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn query_order_and_empty_body_default() {
    let c = client(&MockTransport::new());
    let req = c
        .request(Method::Get, "v3/payscore/partner/serviceorder")
        .query("service_id", "2002000000000558128851361561536")
        .query("sub_mchid", "1900000109")
        .query("out_order_no", "a b&c")
        .query("query_id", None::<String>)
        .prepare_with(TS, NONCE)
        .unwrap();
    assert_eq!(
        req.uri(),
        "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder?service_id=2002000000000558128851361561536&sub_mchid=1900000109&out_order_no=a+b%26c"
    );
    assert!(req.body().is_empty());
    let post = c.request(Method::Post, "v3/x/{id}/y").path("id", "1").prepare().unwrap();
    assert_eq!(post.body(), b"{}");
}

#[tokio::test]
async fn answers_are_verified_like_execute() {
    let body = seed_json();
    let send = |response: http::Response<Vec<u8>>| {
        let mock = MockTransport::new();
        mock.push_response(response);
        let body = body.clone();
        async move {
            let c = client(&mock);
            let result = c
                .request(Method::Post, TEMPLATE)
                .path("out_order_no", OUT_ORDER_NO)
                .json(&body)
                .send::<NoContent>()
                .await;
            (result, mock)
        }
    };
    let (ok, mock) = send(answer(204, "")).await;
    assert_eq!(ok.unwrap(), NoContent);
    let recorded = mock.requests();
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        recorded[0].uri(),
        "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete"
    );

    let mut tampered = answer(204, "");
    *tampered.body_mut() = b"{}".to_vec();
    match send(tampered).await.0 {
        Err(Error::Verify { source: VerifyError::BadSignature, .. }) => {}
        other => panic!("{other:?}"),
    }

    // Decoded into any Deserialize type, e.g. `serde_json::Value`; `send_verified` keeps the
    // status and Request-ID.
    let mock = MockTransport::new();
    mock.push_response(answer(200, r#"{"state":"DOING"}"#));
    let c = client(&mock);
    let value: serde_json::Value = c
        .request(Method::Get, "v3/payscore/partner/serviceorder")
        .query("out_order_no", OUT_ORDER_NO)
        .send()
        .await
        .unwrap();
    assert_eq!(value["state"], "DOING");
    mock.push_response(answer(200, r#"{"state":"DONE"}"#));
    let verified = c.request(Method::Get, "v3/x").send_verified().await.unwrap();
    assert_eq!(
        (verified.status.as_u16(), verified.body.as_slice()),
        (200, &br#"{"state":"DONE"}"#[..])
    );
}

#[tokio::test]
async fn retries_follow_the_idempotent_flag() {
    let error = || {
        http::Response::builder()
            .status(500)
            .body(br#"{"code":"SYSTEM_ERROR","message":"x"}"#.to_vec())
            .unwrap()
    };
    let policy = RetryPolicy::default()
        .max_attempts(2)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2));
    let mock = MockTransport::new();
    mock.push_response(error());
    let c = client(&mock).with_retry(policy);
    // Not idempotent: a POST's 5xx is not repeated.
    let err = c.request(Method::Post, "v3/x").send::<NoContent>().await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(mock.requests().len(), 1);
    // Declared idempotent: retried, and the second answer is taken.
    mock.push_response(error());
    mock.push_response(answer(204, ""));
    c.request(Method::Post, "v3/x").idempotent().send::<NoContent>().await.unwrap();
    assert_eq!(mock.requests().len(), 3);
}
