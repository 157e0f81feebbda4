//! End to end: the simulator behaves like WeChat Pay where other SDKs found it did not
//! (issue 11), and stays bounded and honest under faults (issue 8). Requests are sent raw
//! (`Client::sign_raw` + `Client::send`) so that the client's own checks and retries do not
//! stand between the test and the simulator.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use serde_json::{Value, json};
use support::{APPID, SERVICE_ID, WAIT};
use wxpay_core::{Client, Method};
use wxpay_mock::{Fault, FaultKind, MockServer, RetrySchedule};

const NOTIFY: &str = "https://merchant.example/payscore/notify";

fn client(server: &MockServer) -> Client {
    support::client(server)
}

/// Signs and sends one raw request; returns the status, the `Retry-After` header and the
/// JSON body (`Null` when empty).
async fn call(
    client: &Client,
    method: Method,
    target: &str,
    body: Option<&Value>,
) -> (u16, Option<String>, Value) {
    let bytes = body.map(Value::to_string).unwrap_or_default().into_bytes();
    let request = client.sign_raw(method, target, bytes).expect("sign");
    send(client, request).await
}

async fn send(client: &Client, request: http::Request<Vec<u8>>) -> (u16, Option<String>, Value) {
    let response = client.send(request).await.expect("an answer");
    let retry_after = response
        .headers()
        .get(http::header::RETRY_AFTER)
        .map(|v| v.to_str().expect("ascii").to_owned());
    let body = if response.body().is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(response.body()).expect("JSON answer")
    };
    (response.status().as_u16(), retry_after, body)
}

/// A copy of a signed request, to send it again byte for byte (a replay).
fn copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(request.method()).uri(request.uri());
    for (name, value) in request.headers() {
        builder = builder.header(name, value);
    }
    builder.body(request.body().clone()).expect("copy")
}

fn create_body(out_order_no: &str, notify_url: &str) -> Value {
    json!({
        "out_order_no": out_order_no,
        "appid": APPID,
        "service_id": SERVICE_ID,
        "service_introduction": "XX充电宝",
        "time_range": {"start_time": "OnAccept"},
        "risk_fund": {"name": "DEPOSIT", "amount": 10000},
        "notify_url": notify_url,
    })
}

async fn create(client: &Client, out_order_no: &str, notify_url: &str) -> (u16, Value) {
    let body = create_body(out_order_no, notify_url);
    let (status, _, answer) =
        call(client, Method::Post, "/v3/payscore/serviceorder", Some(&body)).await;
    (status, answer)
}

fn assert_param_error(answer: &Value, field: &str, location: &str) {
    assert_eq!(answer["code"], "PARAM_ERROR", "{answer}");
    assert_eq!(answer["detail"]["field"], field, "{answer}");
    assert_eq!(answer["detail"]["location"], location, "{answer}");
}

#[tokio::test]
async fn a_query_names_exactly_one_of_out_order_no_and_query_id() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    assert_eq!(create(&client, "FID-Q1", NOTIFY).await.0, 200);
    let query_id = server.confirm_order("FID-Q1").expect("confirm").query_id;
    let base = format!("/v3/payscore/serviceorder?service_id={SERVICE_ID}&appid={APPID}");

    let both = format!("{base}&out_order_no=FID-Q1&query_id={query_id}");
    let (status, _, answer) = call(&client, Method::Get, &both, None).await;
    assert_eq!(status, 400);
    assert_param_error(&answer, "query_id", "query");
    assert!(answer["message"].as_str().expect("message").contains("不能同时填写"), "{answer}");

    for one in [format!("{base}&out_order_no=FID-Q1"), format!("{base}&query_id={query_id}")] {
        let (status, _, answer) = call(&client, Method::Get, &one, None).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["out_order_no"], "FID-Q1");
    }
}

#[tokio::test]
async fn user_confirm_notifications_carry_need_collection() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    assert_eq!(create(&client, "FID-NC", "http://127.0.0.1:9/notify").await.0, 200);
    server.confirm_order("FID-NC").expect("confirm");
    let delivery = server
        .wait_for(|d| d.event_type == "PAYSCORE.USER_CONFIRM", WAIT)
        .await
        .expect("a USER_CONFIRM notification");
    assert_eq!(delivery.resource["need_collection"], true, "{}", delivery.resource);
    assert_eq!(delivery.resource["state"], "DOING");
    // `Duration::MAX` means no limit (it used to overflow and panic).
    let again = server.wait_for(|d| d.event_type == "PAYSCORE.USER_CONFIRM", Duration::MAX).await;
    assert_eq!(again.map(|d| d.id), Some(delivery.id));
}

#[tokio::test]
async fn four_byte_utf8_is_a_param_error_wherever_it_is() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    // Three-byte characters (Chinese) are fine; a four-byte one (emoji) is not.
    let mut body = create_body("FID-EMOJI", NOTIFY);
    body["service_introduction"] = json!("充电宝🔋");
    let (status, _, answer) =
        call(&client, Method::Post, "/v3/payscore/serviceorder", Some(&body)).await;
    assert_eq!(status, 400);
    assert_param_error(&answer, "/service_introduction", "body");
    assert!(answer["message"].as_str().expect("message").contains("4字节"), "{answer}");

    body["service_introduction"] = json!("充电宝");
    body["post_payments"] = json!([{"name": "费用😀", "amount": 100}]);
    let (status, _, answer) =
        call(&client, Method::Post, "/v3/payscore/serviceorder", Some(&body)).await;
    assert_eq!(status, 400);
    assert_param_error(&answer, "/post_payments/0/name", "body");

    let target = format!(
        "/v3/payscore/serviceorder?service_id={SERVICE_ID}&appid={APPID}&out_order_no=A%F0%9F%94%8B"
    );
    let (status, _, answer) = call(&client, Method::Get, &target, None).await;
    assert_eq!(status, 400);
    assert_param_error(&answer, "out_order_no", "query");

    let target = "/v3/payscore/serviceorder/A%F0%9F%94%8B/cancel";
    let body = json!({"appid": APPID, "service_id": SERVICE_ID, "reason": "取消"});
    let (status, _, answer) = call(&client, Method::Post, target, Some(&body)).await;
    assert_eq!(status, 400);
    assert_param_error(&answer, "out_order_no", "uri_template");
    assert!(server.orders().is_empty());
}

#[tokio::test]
async fn notify_url_is_https_without_a_query_unless_loopback_http_is_allowed() {
    let strict = MockServer::builder().allow_loopback_http(false).start().await.expect("strict");
    let lenient = MockServer::start().await.expect("in-process default");
    let (strict_client, lenient_client) = (client(&strict), client(&lenient));
    for (url, why) in [
        ("http://127.0.0.1:9/notify", "HTTPS"),
        ("https://merchant.example/notify?order=1", "查询参数"),
        ("ftp://merchant.example/notify", "HTTPS"),
        ("https:///notify", "URL"),
    ] {
        let (status, answer) = create(&strict_client, "FID-URL", url).await;
        assert_eq!(status, 400, "{url}");
        assert_param_error(&answer, "/notify_url", "body");
        assert!(answer["message"].as_str().expect("message").contains(why), "{url}: {answer}");
    }
    assert_eq!(create(&strict_client, "FID-URL", NOTIFY).await.0, 200);
    // The in-process default lets tests receive on loopback HTTP, and nothing else.
    assert_eq!(create(&lenient_client, "FID-URL", "http://127.0.0.1:9/notify").await.0, 200);
    assert_eq!(create(&lenient_client, "FID-URL2", "http://localhost:9/notify").await.0, 200);
    let (status, answer) = create(&lenient_client, "FID-URL3", "http://merchant.example/n").await;
    assert_eq!(status, 400, "{answer}");
    let (status, _) = create(&lenient_client, "FID-URL4", "http://127.0.0.1:9/n?x=1").await;
    assert_eq!(status, 400);

    // Pre-authorization checks its optional notify_url the same way.
    let body = json!({
        "service_id": SERVICE_ID, "appid": APPID, "authorization_code": "FID-AUTH",
        "notify_url": "http://127.0.0.1:9/notify",
    });
    let (status, _, answer) =
        call(&strict_client, Method::Post, "/v3/payscore/permissions", Some(&body)).await;
    assert_eq!(status, 400, "{answer}");
    assert_param_error(&answer, "/notify_url", "body");
}

#[tokio::test]
async fn error_messages_speak_wechat_not_serde() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    let mut wrong_type = create_body("FID-MSG", NOTIFY);
    wrong_type["risk_fund"]["amount"] = json!("a lot");
    let mut missing = create_body("FID-MSG", NOTIFY);
    missing.as_object_mut().expect("object").remove("appid");
    let cases = [
        (wrong_type, "/risk_fund/amount", "类型"),
        (missing, "/appid", "必填"),
        (json!({"out_order_no": 7}), "/out_order_no", "类型"),
    ];
    for (body, field, rule) in cases {
        let (status, _, answer) =
            call(&client, Method::Post, "/v3/payscore/serviceorder", Some(&body)).await;
        assert_eq!(status, 400, "{answer}");
        assert_param_error(&answer, field, "body");
        let message = answer["message"].as_str().expect("message");
        assert!(message.contains(rule) && message.contains("输入源"), "{message}");
        let text = answer.to_string();
        for serde_words in ["expected", "invalid type", "u64", "missing field", "`"] {
            assert!(!text.contains(serde_words), "serde wording `{serde_words}` in {text}");
        }
    }
    let target = format!("/v3/payscore/serviceorder?service_id={SERVICE_ID}");
    let (status, _, answer) = call(&client, Method::Get, &target, None).await;
    assert_eq!(status, 400);
    assert!(!answer.to_string().contains("expected"), "{answer}");
    let request = client
        .sign_raw(Method::Post, "/v3/payscore/serviceorder", b"{not json".to_vec())
        .expect("sign");
    let (status, _, answer) = send(&client, request).await;
    assert_eq!(status, 400);
    assert_eq!(answer["message"], "请求体格式错误，不是合法的JSON", "{answer}");
}

#[tokio::test]
async fn rate_limits_carry_retry_after_and_first_attempts_fail_then_pass() {
    let server = MockServer::builder()
        .fault(Fault::rate_limited_retry_after(7).on_template("v3/payscore/serviceorder").times(1))
        .start()
        .await
        .expect("simulator");
    let client = client(&server);
    let (status, retry_after, answer) = call(
        &client,
        Method::Post,
        "/v3/payscore/serviceorder",
        Some(&create_body("FID-429", NOTIFY)),
    )
    .await;
    assert_eq!((status, retry_after.as_deref()), (429, Some("7")));
    assert_eq!(answer["code"], "FREQUENCY_LIMITED");
    assert!(server.orders().is_empty(), "refused, not processed");

    // The first two attempts of each distinct request fail; the third (same target and
    // body, signed afresh) passes; another request starts its own count.
    server.clear_faults();
    server.add_fault(Fault::server_error_status(503).first_attempts(2));
    let body = create_body("FID-K", NOTIFY);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let (status, _, _) =
            call(&client, Method::Post, "/v3/payscore/serviceorder", Some(&body)).await;
        statuses.push(status);
    }
    assert_eq!(statuses, vec![503, 503, 200, 200]);
    let (status, _) = create(&client, "FID-K2", NOTIFY).await;
    assert_eq!(status, 503);
}

#[tokio::test]
async fn absurd_fault_rules_are_refused_and_latency_sums_do_not_overflow() {
    let server = MockServer::start().await.expect("simulator");
    let http = reqwest::Client::new();
    let faults = format!("{}__mock/faults", server.base_url());
    for rule in [
        json!({"kind": "latency", "delay": u64::MAX}),
        json!({"kind": "latency", "delay": 600_001}),
        json!({"kind": "server_error", "status": 200}),
        json!({"kind": "rate_limited", "retry_after": u64::MAX}),
        json!({"kind": "unsigned", "probability": 2.0}),
        json!({"kind": "latency", "delay": -1}),
    ] {
        let answer = http.post(&faults).body(rule.to_string()).send().await.expect("answer");
        assert_eq!(answer.status(), 400, "{rule}");
        let text = answer.text().await.expect("body");
        assert!(text.contains("invalid fault rule"), "{text}");
    }
    assert!(server.faults().is_empty());
    assert!(server.try_add_fault(Fault::latency(Duration::MAX)).is_err());

    // Two rules at the cap: their sum is capped too, and a client that gives up is recorded.
    let ok = http
        .post(&faults)
        .body(json!({"kind": "latency", "delay": 600_000}).to_string())
        .send()
        .await
        .expect("answer");
    assert_eq!(ok.status(), 201);
    server.add_fault(Fault::latency(Duration::MAX)); // clamped, not refused
    let impatient = server.client_builder().timeout(Duration::from_millis(200)).build().expect("c");
    let request = impatient
        .sign_raw(Method::Get, "/v3/payscore/serviceorder?out_order_no=X", Vec::new())
        .expect("sign");
    let err = impatient.send(request).await.expect_err("gave up");
    assert!(matches!(err, wxpay_core::Error::Transport(_)), "{err:?}");
    // The simulator notices the closed connection during the delay and finishes the record.
    let deadline = tokio::time::Instant::now() + WAIT;
    let record = loop {
        let record = server.requests().pop().expect("the abandoned request is recorded");
        if record.finished || tokio::time::Instant::now() > deadline {
            break record;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert_eq!(record.status, None);
    assert_eq!(record.target, "/v3/payscore/serviceorder?out_order_no=X");
    assert_eq!(record.faults.len(), 2, "{record:?}");
    assert!(record.abandoned && record.finished, "{record:?}");
    assert!(record.faults.iter().all(|f| matches!(f, FaultKind::Latency { .. })));
    // The simulator still answers (nothing panicked).
    server.clear_faults();
    let answer =
        http.get(format!("{}__mock/requests", server.base_url())).send().await.expect("requests");
    let list: Vec<Value> = serde_json::from_str(&answer.text().await.expect("body")).expect("json");
    assert_eq!(list.last().expect("record")["status"], Value::Null);
}

#[tokio::test]
async fn request_log_nonces_and_orders_are_bounded() {
    let finished = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&finished);
    let server = MockServer::builder()
        .request_log_capacity(5)
        .nonce_capacity(3)
        .max_orders(10)
        .on_request(move |record| {
            assert!(record.finished);
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .start()
        .await
        .expect("simulator");
    let client = client(&server);
    let first = client
        .sign_raw(Method::Post, "/v3/payscore/serviceorder", {
            create_body("FID-B0", NOTIFY).to_string().into_bytes()
        })
        .expect("sign");
    let replay = copy(&first);
    assert_eq!(send(&client, first).await.0, 200);
    let mut last = None;
    for i in 1..20 {
        let request = client
            .sign_raw(Method::Post, "/v3/payscore/serviceorder", {
                create_body(&format!("FID-B{i}"), NOTIFY).to_string().into_bytes()
            })
            .expect("sign");
        last = Some(copy(&request));
        assert_eq!(send(&client, request).await.0, 200, "order {i}");
    }
    // Replays are refused, whether the nonce is still remembered (a replay) or was
    // forgotten for room (then its timestamp is refused as expired): never accepted.
    for request in [replay, last.expect("a request")] {
        let (status, _, answer) = send(&client, request).await;
        assert_eq!((status, answer["code"].as_str()), (401, Some("SIGN_ERROR")), "{answer}");
        let field = answer["detail"]["field"].as_str().expect("field");
        assert!(matches!(field, "nonce_str" | "timestamp"), "{answer}");
    }

    assert_eq!(server.requests_received(), 22);
    let kept: Vec<u64> = server.requests().iter().map(|r| r.seq).collect();
    assert_eq!(kept, vec![17, 18, 19, 20, 21]);
    assert_eq!(finished.load(Ordering::SeqCst), 22, "the observer saw every request");
    let orders = server.orders();
    assert!(orders.len() <= 10, "{} orders kept", orders.len());
    assert!(orders.iter().any(|o| o["out_order_no"] == "FID-B19"), "the newest is kept");
}

#[test]
fn wechat_retry_schedule_is_the_documented_one() {
    let schedule = RetrySchedule::wechat().0;
    let secs: Vec<u64> = schedule.iter().map(Duration::as_secs).collect();
    let (m, h) = (60, 3600);
    assert_eq!(
        secs,
        vec![
            15,
            15,
            30,
            3 * m,
            10 * m,
            20 * m,
            30 * m,
            30 * m,
            30 * m,
            h,
            3 * h,
            3 * h,
            3 * h,
            6 * h,
            6 * h
        ]
    );
    let total: u64 = secs.iter().sum();
    assert_eq!(total, 24 * h + 4 * m);
    assert_ne!(RetrySchedule::default(), RetrySchedule::wechat(), "tests stay fast");
}
