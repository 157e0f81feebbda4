//! The seed endpoint, `CompletePartnerServiceOrder`, through `prepare()` and through
//! `execute()` over the recording `MockTransport`: success and every rejection.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

#[path = "shared/seed.rs"]
mod seed_request;

use std::time::Duration;

use seed_request::{fixture, seed};
use wxpay_core::{
    Client, Error, NoContent, PrivateKey, TransportErrorKind, VerifyError, transport::MockTransport,
};

const PUB_KEY_ID: &str = "PUB_KEY_ID_0000000000000024101100397200000006";
const SEED_BODY: &str = r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"profit_sharing":true,"complete_time":"2019-11-11T16:24:05+08:00","goods_tag":"goods_tag"}"#;

fn client(mock: &MockTransport) -> Client<MockTransport> {
    Client::builder()
        .mchid("1900007291")
        .merchant_serial("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB")
        .private_key_pem(&fixture("official_key.pem"))
        .wechatpay_public_key_pem(PUB_KEY_ID, &fixture("platform_pub.pem"))
        .timeout(Duration::from_millis(300))
        .build_with_transport(mock.clone())
        .unwrap()
}

fn now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(),
    )
    .unwrap()
}

fn answer(status: u16, body: &str, ts: i64) -> http::Response<Vec<u8>> {
    let key = PrivateKey::from_pem(&fixture("platform_key.pem")).unwrap();
    wxpay_core::testing::signed_response_at(&key, PUB_KEY_ID, status, body, ts)
}

#[test]
fn prepare_builds_the_exact_request() {
    let req = client(&MockTransport::new())
        .prepare_with(&seed(), 1_554_208_460, "593BEC0C930BF1AFEB40B4A08C8FB242")
        .unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(
        req.uri(),
        "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete"
    );
    assert_eq!(std::str::from_utf8(req.body()).unwrap(), SEED_BODY);
    let mut names: Vec<&str> = req.headers().keys().map(http::HeaderName::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["accept", "authorization", "content-type", "user-agent", "wechatpay-serial"]
    );
    let auth = req.headers()["authorization"].to_str().unwrap();
    assert!(auth.starts_with(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"1900007291\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\",timestamp=\"1554208460\",serial_no=\"408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB\",signature=\""
    ));
    assert_eq!(req.headers()["wechatpay-serial"], PUB_KEY_ID);
}

async fn outcome(response: Option<http::Response<Vec<u8>>>) -> Result<NoContent, Error> {
    let mock = MockTransport::new();
    match response {
        Some(r) => mock.push_response(r),
        None => mock.push_hang(),
    };
    client(&mock).execute(&seed()).await
}

fn with(
    mut r: http::Response<Vec<u8>>,
    name: &'static str,
    value: Option<&str>,
) -> http::Response<Vec<u8>> {
    match value {
        Some(v) => r.headers_mut().insert(name, v.parse().unwrap()),
        None => r.headers_mut().remove(name),
    };
    r
}

#[tokio::test]
async fn execute_succeeds_and_rejects() {
    assert_eq!(outcome(Some(answer(204, "", now()))).await.unwrap(), NoContent);

    let verify = |r: Result<NoContent, Error>| match r {
        Err(Error::Verify { source, .. }) => source,
        other => panic!("{other:?}"),
    };
    let mut tampered = answer(204, "", now());
    *tampered.body_mut() = b"{}".to_vec();
    assert_eq!(verify(outcome(Some(tampered)).await), VerifyError::BadSignature);
    let ts = now();
    let moved = with(answer(204, "", ts), "Wechatpay-Timestamp", Some(&(ts + 1).to_string()));
    assert_eq!(verify(outcome(Some(moved)).await), VerifyError::BadSignature);
    assert!(matches!(
        verify(outcome(Some(answer(204, "", now() - 600))).await),
        VerifyError::Stale { .. }
    ));
    let unknown = with(
        answer(204, "", now()),
        "Wechatpay-Serial",
        Some("PUB_KEY_ID_0114232134912410000000000000000001"),
    );
    assert!(matches!(verify(outcome(Some(unknown)).await), VerifyError::UnknownSerial(_)));
    let missing = with(answer(204, "", now()), "Wechatpay-Nonce", None);
    assert_eq!(verify(outcome(Some(missing)).await), VerifyError::MissingHeader("Wechatpay-Nonce"));
    let garbled = with(answer(204, "", now()), "Wechatpay-Signature", Some("not*base64"));
    assert_eq!(verify(outcome(Some(garbled)).await), VerifyError::InvalidBase64);
    let probe =
        with(answer(204, "", now()), "Wechatpay-Signature", Some("WECHATPAY/SIGNTEST/AAAA"));
    assert_eq!(verify(outcome(Some(probe)).await), VerifyError::SignatureProbe);

    let sign_error = http::Response::builder()
        .status(401)
        .body(br#"{"code":"SIGN_ERROR","message":"sign error","detail":{"sign_information":{"method":"POST","sign_message_length":336}}}"#.to_vec())
        .unwrap();
    match outcome(Some(sign_error)).await {
        Err(Error::Api { status, code, detail: Some(detail), .. }) => {
            assert_eq!((status.as_u16(), code.as_str()), (401, "SIGN_ERROR"));
            assert_eq!(detail["sign_information"]["sign_message_length"], 336);
        }
        other => panic!("{other:?}"),
    }
    let server_error = http::Response::builder()
        .status(500)
        .body(br#"{"code":"SYSTEM_ERROR","message":"x"}"#.to_vec())
        .unwrap();
    let err = outcome(Some(server_error)).await.unwrap_err();
    assert!(err.is_retryable() && err.status().map(|s| s.as_u16()) == Some(500));
    let err = outcome(None).await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
}
