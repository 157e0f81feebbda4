//! `execute()` over a recording in-memory transport: success and every rejection.

use std::time::Duration;

use http::StatusCode;
use wxpay_core::{BuildError, Error, NoContent, RetryPolicy, TransportErrorKind, VerifyError};

use crate::support::{Order, PUB_KEY_ID, Query, Recorder, builder, complete, now, signed_response};

fn client(recorder: &Recorder) -> wxpay_core::Client<Recorder> {
    builder().timeout(Duration::from_millis(300)).build_with_transport(recorder.clone()).unwrap()
}

fn with_header(
    mut response: http::Response<Vec<u8>>,
    name: &str,
    value: &str,
) -> http::Response<Vec<u8>> {
    response
        .headers_mut()
        .insert(http::HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
    response
}

async fn verify_error(response: http::Response<Vec<u8>>) -> VerifyError {
    let recorder = Recorder::default();
    recorder.answer(response);
    match client(&recorder).execute(&complete()).await {
        Err(Error::Verify { source, request_id }) => {
            assert!(request_id.is_some());
            source
        }
        other => panic!("expected a verification error, got {other:?}"),
    }
}

#[tokio::test]
async fn signed_204_succeeds_and_the_request_is_what_was_signed() {
    let recorder = Recorder::default();
    recorder.answer(signed_response(204, "", now()));
    let NoContent = client(&recorder).execute(&complete()).await.unwrap();
    let (method, uri, body, headers) = recorder.last();
    assert_eq!(method, "POST");
    assert_eq!(
        uri,
        "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete"
    );
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","total_amount":39900}"#
    );
    assert_eq!(headers["wechatpay-serial"], PUB_KEY_ID);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["accept"], "application/json");
    assert!(headers["user-agent"].to_str().unwrap().starts_with("wxpay-core/"));
}

#[tokio::test]
async fn json_responses_decode_and_name_the_failing_field() {
    let recorder = Recorder::default();
    recorder.answer(signed_response(
        200,
        r#"{"out_order_no":"A1","total_amount":39900,"new":1}"#,
        now(),
    ));
    let query = Query { service_id: "s 1".into(), appid: "wx&1".into(), out_order_no: "A1".into() };
    let order = client(&recorder).execute(&query).await.unwrap();
    assert_eq!(order, Order { out_order_no: "A1".into(), total_amount: 39900 });
    let (method, uri, body, headers) = recorder.last();
    assert_eq!(method, "GET");
    assert_eq!(
        uri,
        "https://api.mch.weixin.qq.com/v3/payscore/serviceorder?service_id=s+1&appid=wx%261&out_order_no=A1"
    );
    assert!(body.is_empty());
    assert!(headers.get("content-type").is_none());

    recorder.answer(signed_response(200, r#"{"out_order_no":"A1","total_amount":"many"}"#, now()));
    match client(&recorder).execute(&query).await {
        Err(Error::Decode { source, .. }) => assert_eq!(source.path, "total_amount"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn tampered_body_is_rejected() {
    let mut response = signed_response(200, r#"{"out_order_no":"A1","total_amount":1}"#, now());
    *response.body_mut() = br#"{"out_order_no":"A1","total_amount":9}"#.to_vec();
    assert_eq!(verify_error(response).await, VerifyError::BadSignature);
}

#[tokio::test]
async fn tampered_204_timestamp_is_rejected() {
    let ts = now();
    let response =
        with_header(signed_response(204, "", ts), "Wechatpay-Timestamp", &(ts - 1).to_string());
    assert_eq!(verify_error(response).await, VerifyError::BadSignature);
}

#[tokio::test]
async fn stale_and_future_timestamps_are_rejected() {
    for ts in [now() - 301, now() + 400, now() - 24 * 3600] {
        let err = verify_error(signed_response(204, "", ts)).await;
        assert!(matches!(err, VerifyError::Stale { max_skew: 300, .. }), "{err:?}");
    }
    let err =
        verify_error(with_header(signed_response(204, "", now()), "Wechatpay-Timestamp", "12a"))
            .await;
    assert_eq!(err, VerifyError::InvalidTimestamp);
}

#[tokio::test]
async fn unknown_serial_is_rejected() {
    for serial in [
        "PUB_KEY_ID_0000000000000000000000000000000001",
        "5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC",
    ] {
        let err =
            verify_error(with_header(signed_response(204, "", now()), "Wechatpay-Serial", serial))
                .await;
        assert_eq!(err, VerifyError::UnknownSerial(serial.into()));
    }
}

#[tokio::test]
async fn missing_headers_are_rejected() {
    for name in
        ["Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"]
    {
        let mut response = signed_response(204, "", now());
        response.headers_mut().remove(name);
        assert_eq!(verify_error(response).await, VerifyError::MissingHeader(name));
        let response = with_header(signed_response(204, "", now()), name, "");
        assert_eq!(verify_error(response).await, VerifyError::MissingHeader(name));
    }
    // A completely unsigned 2xx is forged.
    let unsigned = http::Response::builder().status(204).body(Vec::new()).unwrap();
    let recorder = Recorder::default();
    recorder.answer(unsigned);
    assert!(matches!(
        client(&recorder).execute(&complete()).await,
        Err(Error::Verify { source: VerifyError::MissingHeader(_), .. })
    ));
}

#[tokio::test]
async fn bad_base64_probe_and_signature_type_are_rejected() {
    let err = verify_error(with_header(
        signed_response(204, "", now()),
        "Wechatpay-Signature",
        "%%%not base64",
    ))
    .await;
    assert_eq!(err, VerifyError::InvalidBase64);

    let probe = with_header(
        signed_response(204, "", now()),
        "Wechatpay-Signature",
        "WECHATPAY/SIGNTEST/Xa8nbz4XqA==",
    );
    let recorder = Recorder::default();
    recorder.answer(probe);
    let err = client(&recorder).execute(&complete()).await.unwrap_err();
    assert!(matches!(err, Error::Verify { source: VerifyError::SignatureProbe, .. }));
    assert!(err.is_retryable());

    let err = verify_error(with_header(
        signed_response(204, "", now()),
        "Wechatpay-Signature-Type",
        "WECHATPAY2-SM2-WITH-SM3",
    ))
    .await;
    assert!(matches!(err, VerifyError::UnsupportedSignatureType(_)));
}

#[tokio::test]
async fn sign_error_keeps_the_detail() {
    let body = r#"{"code":"SIGN_ERROR","message":"签名错误，请检查后再试","detail":{"field":"signature","location":"authorization","detail":{"issue":"sign not match"},"sign_information":{"method":"POST","url":"/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete","sign_message_length":336,"truncated_sign_message":"POST\n/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete\n1717834061\ncg55d1ns.c25\n{\"service_id\"\n"}}}"#;
    let recorder = Recorder::default();
    // Error answers are not signed by WeChat Pay; they must not be rejected for that.
    recorder.answer(
        http::Response::builder()
            .status(401)
            .header("Request-ID", "08F7-268578704")
            .body(body.as_bytes().to_vec())
            .unwrap(),
    );
    let err = client(&recorder).execute(&complete()).await.unwrap_err();
    let Error::Api { status, code, message, detail, request_id } = &err else { panic!("{err:?}") };
    assert_eq!(*status, StatusCode::UNAUTHORIZED);
    assert_eq!(code, "SIGN_ERROR");
    assert_eq!(message, "签名错误，请检查后再试");
    assert_eq!(request_id.as_deref(), Some("08F7-268578704"));
    let detail = detail.as_ref().unwrap();
    assert_eq!(detail["sign_information"]["sign_message_length"], 336);
    assert!(!err.is_retryable());
    assert_eq!(err.api_code(), Some("SIGN_ERROR"));
    assert!(err.to_string().contains("401 SIGN_ERROR"), "{err}");
}

#[tokio::test]
async fn server_errors_are_retryable_and_keep_raw_text() {
    let recorder = Recorder::default();
    recorder.answer(
        http::Response::builder()
            .status(500)
            .body(r#"{"code":"SYSTEM_ERROR","message":"系统错误"}"#.as_bytes().to_vec())
            .unwrap(),
    );
    recorder.answer(
        http::Response::builder().status(502).body(b"<html>Bad Gateway</html>".to_vec()).unwrap(),
    );
    recorder.answer(
        http::Response::builder()
            .status(429)
            .body(br#"{"code":"FREQUENCY_LIMITED","message":"slow down"}"#.to_vec())
            .unwrap(),
    );
    // One attempt each: this test is about classification, not the retry loop.
    let c = builder().retry(RetryPolicy::none()).build_with_transport(recorder.clone()).unwrap();
    let err = c.execute(&complete()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { code, .. } if code == "SYSTEM_ERROR") && err.is_retryable()
    );
    assert_eq!(err.attempts(), 1);
    let err = c.execute(&complete()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { code, message, .. } if code.is_empty() && message.contains("Bad Gateway"))
    );
    assert!(err.is_retryable());
    let err = c.execute(&complete()).await.unwrap_err();
    assert!(err.is_retryable() && err.status() == Some(StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn timeouts_and_connection_failures_are_transport_errors() {
    let recorder = Recorder::default(); // empty queue: never answers
    let client = |r: &Recorder| {
        builder()
            .retry(RetryPolicy::none())
            .timeout(Duration::from_millis(300))
            .build_with_transport(r.clone())
            .unwrap()
    };
    let err = client(&recorder).execute(&complete()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert!(err.is_retryable());
    recorder.fail(TransportErrorKind::Connect);
    let err = client(&recorder).execute(&complete()).await.unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Connect));
}

#[tokio::test]
async fn hostile_path_values_stay_in_their_segment() {
    #[wxpay_core::endpoint(POST, "v3/x/<id>/cancel", response = NoContent)]
    struct Cancel {
        id: String,
    }
    let recorder = Recorder::default();
    let c = client(&recorder);
    let req = c.prepare(&Cancel { id: "../../v3/refund?a=1#f".into() }).unwrap();
    assert_eq!(req.uri().path(), "/v3/x/..%2F..%2Fv3%2Frefund%3Fa%3D1%23f/cancel");
    assert_eq!(req.body(), b"{}");
    for bad in ["..", ".", ""] {
        let err = c.prepare(&Cancel { id: bad.into() }).unwrap_err();
        assert!(matches!(err, Error::Build(BuildError::PathParameter(_))), "{bad:?}");
        assert!(err.to_string().contains("invalid path parameter"), "{err}");
    }
}

#[tokio::test]
async fn danger_option_is_the_only_way_to_skip_verification() {
    let recorder = Recorder::default();
    recorder.answer(http::Response::builder().status(204).body(Vec::new()).unwrap());
    let c = builder()
        .danger_accept_unverified_responses()
        .build_with_transport(recorder.clone())
        .unwrap();
    c.execute(&complete()).await.unwrap();
}

#[test]
fn clients_and_their_futures_are_send_and_sync() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: &T) {}
    let client = builder().build_with_transport(Recorder::default()).unwrap();
    send_sync(&client);
    let request = complete();
    let future = client.execute(&request);
    send(&future);
    send_sync(&wxpay_core::Error::Config(wxpay_core::ConfigError::Missing("x")));
}
