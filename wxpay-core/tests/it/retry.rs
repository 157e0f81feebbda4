//! The retry rules of protocol §7.3 over a recording transport: what is retried, what is not,
//! `Retry-After`, backoff bounds and the call deadline (paused time), failover to the backup
//! host, and fresh signatures over byte-identical requests.

use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;
use wxpay_core::{
    Endpoint, Error, Method, NoContent, RetryPolicy, TransportErrorKind, VerifyError, sign,
};

use crate::support::{Query, Recorder, builder, complete, now, signed_response};

fn status(code: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(code).body(body.as_bytes().to_vec()).unwrap()
}

fn order() -> String {
    r#"{"out_order_no":"1234323JKHDFE1243252","total_amount":100}"#.to_owned()
}

fn query() -> Query {
    Query {
        service_id: "500001".into(),
        appid: "wxd678efh567hg6787".into(),
        out_order_no: "1234323JKHDFE1243252".into(),
    }
}

/// A POST that WeChat documents as "原参重入" (declared by hand here; `#[endpoint(…,
/// idempotent)]` sets the same constant).
#[derive(Serialize)]
struct Cancel {
    reason: String,
}

impl Endpoint for Cancel {
    const METHOD: Method = Method::Post;
    const PATH_TEMPLATE: &'static str = "v3/payscore/serviceorder/X/cancel";
    const IDEMPOTENT: bool = true;
    type Response = NoContent;
    fn write_path(&self, out: &mut String) {
        out.push_str("v3/payscore/serviceorder/X/cancel");
    }
}

fn client(recorder: &Recorder) -> wxpay_core::Client<Recorder> {
    builder().build_with_transport(recorder.clone()).unwrap()
}

fn count(recorder: &Recorder) -> usize {
    recorder.requests.lock().unwrap().len()
}

#[tokio::test(start_paused = true)]
async fn a_get_is_retried_after_a_5xx_with_a_fresh_signature_over_the_same_bytes() {
    let recorder = Recorder::default();
    recorder.answer(status(500, r#"{"code":"SYSTEM_ERROR","message":"系统错误"}"#));
    recorder.answer(status(503, ""));
    recorder.answer(signed_response(200, &order(), now()));
    let got = client(&recorder).execute(&query()).await.unwrap();
    assert_eq!(got.total_amount, 100);
    let requests = recorder.requests.lock().unwrap();
    assert_eq!(requests.len(), 3);
    let auth: Vec<_> = requests.iter().map(|r| r.headers()["authorization"].clone()).collect();
    assert_ne!(auth[0], auth[1]);
    assert_ne!(auth[1], auth[2]);
    for r in requests.iter() {
        assert_eq!(r.uri(), requests[0].uri());
        assert_eq!(r.body(), requests[0].body());
    }
    let nonce = |h: &http::HeaderValue| {
        let s = h.to_str().unwrap();
        s.split("nonce_str=\"").nth(1).unwrap().split('"').next().unwrap().to_owned()
    };
    assert_ne!(nonce(&auth[0]), nonce(&auth[2]));
}

#[tokio::test(start_paused = true)]
async fn a_post_is_not_retried_after_a_5xx_or_a_timeout_unless_idempotent() {
    let recorder = Recorder::default();
    recorder.answer(status(500, r#"{"code":"SYSTEM_ERROR","message":"x"}"#));
    let err = client(&recorder).execute(&complete()).await.unwrap_err();
    assert_eq!((err.attempts(), count(&recorder)), (1, 1));
    assert!(err.is_retryable(), "a 500 may succeed later: the caller decides");

    // Timeout (empty queue never answers): one attempt for a plain POST.
    let recorder = Recorder::default();
    let c = builder()
        .attempt_timeout(Duration::from_secs(1))
        .build_with_transport(recorder.clone())
        .unwrap();
    let err = c.execute(&complete()).await.unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout));
    assert_eq!(count(&recorder), 1);

    // Declared idempotent: 500 and timeouts are retried.
    let recorder = Recorder::default();
    recorder.answer(status(500, r#"{"code":"SYSTEM_ERROR","message":"x"}"#));
    recorder.fail(TransportErrorKind::Timeout);
    recorder.answer(signed_response(204, "", now()));
    client(&recorder).execute(&Cancel { reason: "r".into() }).await.unwrap();
    assert_eq!(count(&recorder), 3);
}

#[tokio::test(start_paused = true)]
async fn connect_failures_and_429_are_retried_for_every_method() {
    let recorder = Recorder::default();
    recorder.fail(TransportErrorKind::Connect);
    recorder.answer(status(429, r#"{"code":"FREQUENCY_LIMITED","message":"频率超限"}"#));
    recorder.answer(signed_response(204, "", now()));
    client(&recorder).execute(&complete()).await.unwrap();
    assert_eq!(count(&recorder), 3);
}

#[tokio::test(start_paused = true)]
async fn client_errors_verification_and_decoding_are_never_retried() {
    for first in [
        status(400, r#"{"code":"PARAM_ERROR","message":"参数错误"}"#),
        status(401, r#"{"code":"SIGN_ERROR","message":"签名错误"}"#),
        status(404, r#"{"code":"ORDER_NOT_EXIST","message":"订单不存在"}"#),
        signed_response(200, &order(), now() - 3600), // stale
        signed_response(200, r#"{"out_order_no":1}"#, now()), // undecodable
    ] {
        let recorder = Recorder::default();
        recorder.answer(first);
        recorder.answer(signed_response(200, &order(), now()));
        let err = client(&recorder).execute(&query()).await.unwrap_err();
        assert_eq!((err.attempts(), count(&recorder)), (1, 1), "{err:?}");
    }
    let recorder = Recorder::default();
    let mut tampered = signed_response(200, &order(), now());
    tampered.body_mut()[5] ^= 1;
    recorder.answer(tampered);
    let err = client(&recorder).execute(&query()).await.unwrap_err();
    assert!(matches!(err, Error::Verify { source: VerifyError::BadSignature, .. }));
    assert_eq!(count(&recorder), 1);
}

#[tokio::test(start_paused = true)]
async fn exhausted_retries_say_how_many_and_keep_the_last_error() {
    let recorder = Recorder::default();
    for _ in 0..3 {
        recorder.answer(status(502, "<html>Bad Gateway</html>"));
    }
    recorder.answer(signed_response(200, &order(), now()));
    let err = client(&recorder).execute(&query()).await.unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert_eq!(count(&recorder), 3);
    assert!(matches!(err, Error::Retried { attempts: 3, .. }));
    assert!(matches!(err.last(), Error::Api { status, .. } if status.as_u16() == 502));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    assert!(err.is_retryable());
    assert!(err.to_string().starts_with("after 3 attempts: WeChat Pay answered HTTP 502"), "{err}");
}

#[tokio::test(start_paused = true)]
async fn retries_can_be_turned_off_per_call_and_by_policy() {
    let recorder = Recorder::default();
    recorder.answer(status(503, ""));
    recorder.answer(signed_response(200, &order(), now()));
    let c = client(&recorder);
    let err = c.with_retry(RetryPolicy::none()).execute(&query()).await.unwrap_err();
    assert_eq!((err.attempts(), count(&recorder)), (1, 1));
    assert_eq!(c.retry_policy().attempts(), 3, "the original client keeps its policy");
    c.execute(&query()).await.unwrap();

    let recorder = Recorder::default();
    for _ in 0..6 {
        recorder.answer(status(503, ""));
    }
    let c = builder()
        .retry(RetryPolicy::default().max_attempts(5))
        .build_with_transport(recorder.clone())
        .unwrap();
    assert_eq!(c.execute(&query()).await.unwrap_err().attempts(), 5);
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_and_capped() {
    let recorder = Recorder::default();
    let mut limited = status(429, r#"{"code":"FREQUENCY_LIMITED","message":"x"}"#);
    limited.headers_mut().insert("retry-after", "3".parse().unwrap());
    recorder.answer(limited);
    recorder.answer(signed_response(204, "", now()));
    let started = Instant::now();
    client(&recorder).execute(&complete()).await.unwrap();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(3) && waited < Duration::from_millis(3100), "{waited:?}");

    let recorder = Recorder::default();
    let mut limited = status(429, r#"{"code":"FREQUENCY_LIMITED","message":"x"}"#);
    limited.headers_mut().insert("retry-after", "3600".parse().unwrap());
    recorder.answer(limited);
    recorder.answer(signed_response(204, "", now()));
    let c = builder()
        .retry(RetryPolicy::default().max_retry_after(Duration::from_secs(2)))
        .build_with_transport(recorder.clone())
        .unwrap();
    let started = Instant::now();
    c.execute(&complete()).await.unwrap();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(2) && waited < Duration::from_millis(2100), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn backoff_stays_within_its_bounds() {
    // Defaults: the first wait is drawn from [100, 200] ms, the second from [200, 400] ms.
    for _ in 0..20 {
        let recorder = Recorder::default();
        recorder.answer(status(500, ""));
        recorder.answer(status(500, ""));
        recorder.answer(signed_response(200, &order(), now()));
        let started = Instant::now();
        client(&recorder).execute(&query()).await.unwrap();
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(300) && waited <= Duration::from_millis(610),
            "{waited:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn the_deadline_covers_every_attempt_and_wait() {
    // Nobody answers; each attempt may take 400 ms, the call 1 s.
    let recorder = Recorder::default();
    let c = builder()
        .timeout(Duration::from_secs(1))
        .attempt_timeout(Duration::from_millis(400))
        .retry(RetryPolicy::default().max_attempts(10))
        .build_with_transport(recorder.clone())
        .unwrap();
    let started = Instant::now();
    let err = c.execute(&query()).await.unwrap_err();
    let took = started.elapsed();
    assert!(took <= Duration::from_secs(1), "{took:?}");
    assert!(
        matches!(err.last(), Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert!(err.attempts() >= 2 && err.attempts() < 10, "{err:?}");
}

/// Fails to connect to one origin, answers a signed 204 from any other.
#[derive(Clone, Default)]
struct Hosts {
    down: std::sync::Arc<std::sync::Mutex<Option<String>>>,
    seen: Recorder,
}

impl wxpay_core::Transport for Hosts {
    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, wxpay_core::TransportError> {
        let host = request.uri().authority().unwrap().to_string();
        self.seen.requests.lock().unwrap().push(request);
        if self.down.lock().unwrap().as_deref() == Some(host.as_str()) {
            return Err(wxpay_core::TransportError::from_kind(TransportErrorKind::Connect));
        }
        if host == "answers-500.example" {
            return Ok(status(500, r#"{"code":"SYSTEM_ERROR","message":"x"}"#));
        }
        Ok(signed_response(204, "", now()))
    }
}

#[tokio::test(start_paused = true)]
async fn connect_failures_fail_over_to_the_backup_with_the_same_target_and_body() {
    let hosts = Hosts::default();
    *hosts.down.lock().unwrap() = Some("primary.example".into());
    let c = builder()
        .base_url("https://primary.example/")
        .backup_base_url("https://backup.example/")
        .build_with_transport(hosts.clone())
        .unwrap();
    c.execute(&complete()).await.unwrap();
    let requests = hosts.seen.requests.lock().unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].uri().host(), Some("primary.example"));
    assert_eq!(requests[1].uri().host(), Some("backup.example"));
    assert_eq!(requests[0].uri().path_and_query(), requests[1].uri().path_and_query());
    assert_eq!(requests[0].body(), requests[1].body());
    // The backup request is signed over its own (identical) target, afresh.
    let auth = |i: usize| requests[i].headers()["authorization"].to_str().unwrap().to_owned();
    assert_ne!(auth(0), auth(1));
    let (ts, nonce) = {
        let a = auth(1);
        let field = |k: &str| {
            a.split(&format!("{k}=\"")).nth(1).unwrap().split('"').next().unwrap().to_owned()
        };
        (field("timestamp").parse::<i64>().unwrap(), field("nonce_str"))
    };
    let message = sign::request_message(
        "POST",
        requests[1].uri().path_and_query().unwrap().as_str(),
        ts,
        &nonce,
        requests[1].body(),
    );
    let expected = crate::support::official_key().sign_base64(&message).unwrap();
    assert!(auth(1).contains(&format!("signature=\"{expected}\"")));
}

#[tokio::test(start_paused = true)]
async fn an_answer_from_the_primary_never_fails_over() {
    let hosts = Hosts::default();
    let c = builder()
        .base_url("https://answers-500.example/")
        .backup_base_url("https://backup.example/")
        .build_with_transport(hosts.clone())
        .unwrap();
    let err = c.execute(&query()).await.unwrap_err();
    assert_eq!(err.attempts(), 3);
    let requests = hosts.seen.requests.lock().unwrap();
    assert!(requests.iter().all(|r| r.uri().host() == Some("answers-500.example")));
}

#[test]
fn the_production_default_fails_over_to_api2_and_others_have_no_backup() {
    let debug = format!("{:?}", builder().build_with_transport(Recorder::default()).unwrap());
    assert!(debug.contains("api.mch.weixin.qq.com"), "{debug}");
    let hosts = Hosts::default();
    *hosts.down.lock().unwrap() = Some("api.mch.weixin.qq.com".into());
    let c = builder().build_with_transport(hosts.clone()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build();
    rt.unwrap().block_on(async { c.execute(&complete()).await.unwrap() });
    let requests = hosts.seen.requests.lock().unwrap();
    assert_eq!(requests[1].uri().host(), Some("api2.mch.weixin.qq.com"));
    drop(requests);

    let hosts = Hosts::default();
    *hosts.down.lock().unwrap() = Some("gateway.example".into());
    let c = builder().base_url("https://gateway.example/").build_with_transport(hosts.clone());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build();
    let err = rt.unwrap().block_on(async { c.unwrap().execute(&complete()).await.unwrap_err() });
    assert_eq!(err.attempts(), 3);
    let requests = hosts.seen.requests.lock().unwrap();
    assert!(requests.iter().all(|r| r.uri().host() == Some("gateway.example")));
}
