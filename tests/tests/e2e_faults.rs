//! End to end: every fault the simulator injects surfaces as the client error it should be
//! (`Error::Api`, `Error::Transport`, `Error::Verify`), and fault selection is deterministic.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use std::time::Duration;

use support::{SUB_MCHID, no, partner_complete, partner_create};
use wxpay_core::{Client, Error, RetryPolicy, TransportErrorKind, VerifyError};
use wxpay_mock::{Fault, FaultKind, KeyMode, MockServer};
use wxpay_payscore::partner::service_order::{
    CancelPartnerServiceOrder, CompletePartnerServiceOrder, CreatePartnerServiceOrder,
    QueryPartnerServiceOrder,
};

const URL: &str = "http://127.0.0.1:9/notify";

/// These tests look at each single answer: one attempt per call. The retry rules have tests of
/// their own below.
fn client(server: &MockServer) -> Client {
    support::client(server).with_retry(RetryPolicy::none())
}

async fn server_with(fault: Fault) -> MockServer {
    MockServer::builder().fault(fault).start().await.expect("simulator")
}

fn verify_error(err: Error) -> VerifyError {
    match err {
        Error::Verify { source, request_id } => {
            assert!(request_id.is_some(), "the Request-ID is kept");
            source
        }
        other => panic!("expected Error::Verify, got {other:?}"),
    }
}

async fn query(
    server: &MockServer,
    out_order_no: &str,
) -> Result<wxpay_payscore::service_order::ServiceOrder, Error> {
    QueryPartnerServiceOrder::new(no(out_order_no), SUB_MCHID).execute(&client(server)).await
}

#[tokio::test]
async fn server_errors_and_rate_limits_are_api_errors_and_change_nothing() {
    let server =
        server_with(Fault::server_error().on::<CreatePartnerServiceOrder>().times(1)).await;
    let client = client(&server);
    let err = partner_create("F-500", URL).execute(&client).await.expect_err("500");
    assert!(
        matches!(&err, Error::Api { status, code, .. } if status.as_u16() == 500 && code == "SYSTEM_ERROR"),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(
        support::api_code(&query(&server, "F-500").await.expect_err("not created")).1,
        "ORDER_NOT_EXIST"
    );
    // The rule fired once: the retry goes through.
    partner_create("F-500", URL).execute(&client).await.expect("retry");

    server.add_fault(Fault::server_error_status(503).times(1));
    let err = query(&server, "F-500").await.expect_err("503");
    assert_eq!(support::api_code(&err).0, 503);
    assert_eq!(support::api_code(&err).1, "SERVICE_UNAVAILABLE");

    server.add_fault(Fault::rate_limited().times(1));
    let err = query(&server, "F-500").await.expect_err("429");
    assert_eq!(
        support::api_code(&err),
        (429, "FREQUENCY_LIMITED".into(), "请求过于频繁，请稍后再试".into())
    );
    assert!(err.is_retryable());
    query(&server, "F-500").await.expect("rules exhausted");
}

#[tokio::test]
async fn dropped_connections_are_transport_errors() {
    let server =
        server_with(Fault::drop_connection().on::<CreatePartnerServiceOrder>().times(1)).await;
    let client = client(&server);
    let err = partner_create("F-DROP", URL).execute(&client).await.expect_err("dropped");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(err.is_retryable());
    assert!(query(&server, "F-DROP").await.is_err(), "dropped before processing");

    // Dropped after processing: the order exists; the same parameters again succeed (原参重入).
    server.add_fault(Fault::drop_after_processing().on::<CreatePartnerServiceOrder>().times(1));
    let err = partner_create("F-DROP", URL).execute(&client).await.expect_err("dropped");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(query(&server, "F-DROP").await.expect("processed").out_order_no, "F-DROP");
    let again = partner_create("F-DROP", URL).execute(&client).await.expect("same parameters");
    assert_eq!(again.out_order_no, "F-DROP");
    let records = server.requests();
    assert!(
        records.iter().any(|r| r.status.is_none() && r.faults.contains(&FaultKind::DropConnection))
    );
}

#[tokio::test]
async fn latency_beyond_the_client_timeout_is_a_timeout() {
    let server = server_with(Fault::latency(Duration::from_millis(800)).times(1)).await;
    let client =
        server.client_builder().timeout(Duration::from_millis(200)).build().expect("client");
    let err = QueryPartnerServiceOrder::new(no("F-SLOW"), SUB_MCHID)
        .execute(&client)
        .await
        .expect_err("slow");
    match err {
        Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Timeout),
        other => panic!("expected a timeout, got {other:?}"),
    }
    // Latency below the timeout only delays.
    server.add_fault(Fault::latency(Duration::from_millis(50)).times(1));
    let started = std::time::Instant::now();
    let err = QueryPartnerServiceOrder::new(no("F-SLOW"), SUB_MCHID)
        .execute(&client)
        .await
        .expect_err("404");
    assert_eq!(support::api_code(&err).1, "ORDER_NOT_EXIST");
    assert!(started.elapsed() >= Duration::from_millis(50));
}

#[tokio::test]
async fn broken_signatures_are_verify_errors() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    partner_create("F-SIG", URL).execute(&client).await.expect("create");

    server.add_fault(Fault::tamper_body().times(1));
    assert_eq!(
        verify_error(query(&server, "F-SIG").await.expect_err("tampered")),
        VerifyError::BadSignature
    );
    // A tampered 204: nothing to alter in the body, the signed nonce is altered instead.
    server.add_fault(Fault::tamper_body().on::<CancelPartnerServiceOrder>().times(1));
    let cancel = CancelPartnerServiceOrder::new(no("F-SIG"), SUB_MCHID, "用户取消");
    assert_eq!(
        verify_error(cancel.execute(&client).await.expect_err("tampered 204")),
        VerifyError::BadSignature
    );

    server.add_fault(Fault::stale_timestamp().times(1));
    assert!(matches!(
        verify_error(query(&server, "F-SIG").await.expect_err("stale")),
        VerifyError::Stale { .. }
    ));

    server.add_fault(Fault::unknown_serial().times(1));
    let serial = verify_error(query(&server, "F-SIG").await.expect_err("unknown serial"));
    assert!(
        matches!(&serial, VerifyError::UnknownSerial(s) if s.starts_with("PUB_KEY_ID_")),
        "{serial:?}"
    );

    server.add_fault(Fault::unsigned().times(1));
    assert!(matches!(
        verify_error(query(&server, "F-SIG").await.expect_err("unsigned")),
        VerifyError::MissingHeader(_)
    ));

    server.add_fault(Fault::signature_probe().times(1));
    let err = query(&server, "F-SIG").await.expect_err("probe");
    assert!(err.is_retryable(), "probes are followed by a correct answer");
    assert_eq!(verify_error(err), VerifyError::SignatureProbe);

    query(&server, "F-SIG").await.expect("no fault left");
}

#[tokio::test]
async fn an_unknown_serial_in_certificate_mode_survives_a_refetch() {
    let server = MockServer::builder().mode(KeyMode::Certificate).start().await.expect("simulator");
    let client = client(&server);
    partner_create("F-CERT", URL)
        .execute(&client)
        .await
        .expect("first call downloads the certificates");
    server.add_fault(Fault::unknown_serial().on::<QueryPartnerServiceOrder>().times(1));
    let err = QueryPartnerServiceOrder::new(no("F-CERT"), SUB_MCHID)
        .execute(&client)
        .await
        .expect_err("unknown");
    assert!(matches!(verify_error(err), VerifyError::UnknownSerial(_)));
    // The client refetched `GET /v3/certificates` once before giving up.
    let downloads = server.requests().iter().filter(|r| r.target == "/v3/certificates").count();
    assert_eq!(downloads, 2, "{:?}", server.requests());
}

#[tokio::test]
async fn faults_are_deterministic_for_a_seed() {
    async fn statuses(seed: u64) -> Vec<Option<u16>> {
        let server = MockServer::builder()
            .seed(seed)
            .fault(Fault::server_error().probability(0.5))
            .start()
            .await
            .expect("simulator");
        let client = client(&server);
        for _ in 0..16 {
            let _ = QueryPartnerServiceOrder::new(no("F-SEED"), SUB_MCHID).execute(&client).await;
        }
        server.requests().iter().map(|r| r.status).collect()
    }
    let first = statuses(42).await;
    assert_eq!(first, statuses(42).await);
    assert_ne!(first, statuses(7).await);
    assert!(first.contains(&Some(500)) && first.contains(&Some(404)), "{first:?}");
}

#[tokio::test]
async fn faults_over_the_control_routes() {
    let server = MockServer::start().await.expect("simulator");
    let http = reqwest::Client::new();
    let url = format!("{}__mock/faults", server.base_url());
    let response = http
        .post(&url)
        .header("Content-Type", "application/json")
        .body(r#"{"kind":"rate_limited","method":"GET","times":1}"#)
        .send()
        .await
        .expect("add fault");
    assert_eq!(response.status(), 201);
    assert_eq!(server.faults()[0], Fault::rate_limited().times(1).tap_method("GET"));
    let err = query(&server, "F-HTTP").await.expect_err("429");
    assert_eq!(support::api_code(&err).0, 429);
    assert_eq!(http.delete(&url).send().await.expect("clear").status(), 204);
    assert!(server.faults().is_empty());
}

trait TapMethod {
    fn tap_method(self, method: &str) -> Self;
}

impl TapMethod for Fault {
    fn tap_method(mut self, method: &str) -> Self {
        self.method = Some(method.to_owned());
        self
    }
}

/// With the default policy a 429 or a 5xx of a `GET` is retried until it succeeds or the
/// attempts run out, and a 5xx of a non-idempotent `POST` (complete) is never retried.
#[tokio::test]
async fn the_default_policy_retries_by_the_protocol_rules() {
    let server = MockServer::start().await.expect("simulator");
    let client = support::client(&server).with_retry(
        RetryPolicy::default()
            .initial_backoff(Duration::from_millis(1))
            .max_backoff(Duration::from_millis(5)),
    );
    partner_create("F-RETRY", URL).execute(&client).await.expect("created");
    let queries =
        |server: &MockServer| server.requests().iter().filter(|r| r.method == "GET").count();

    server.add_fault(Fault::rate_limited().on::<QueryPartnerServiceOrder>().times(1));
    let before = queries(&server);
    QueryPartnerServiceOrder::new(no("F-RETRY"), SUB_MCHID)
        .execute(&client)
        .await
        .expect("the 429 is retried");
    assert_eq!(queries(&server) - before, 2);

    server.add_fault(Fault::server_error().on::<QueryPartnerServiceOrder>().times(10));
    let before = queries(&server);
    let err = QueryPartnerServiceOrder::new(no("F-RETRY"), SUB_MCHID)
        .execute(&client)
        .await
        .expect_err("500 every time");
    assert_eq!(err.attempts(), 3, "{err}");
    assert!(matches!(err, Error::Retried { .. }), "{err:?}");
    assert_eq!(support::api_code(err.last()).0, 500);
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
    assert_eq!(queries(&server) - before, 3);
    server.clear_faults();

    server.add_fault(Fault::server_error().on::<CompletePartnerServiceOrder>().times(1));
    let posts = server.requests().len();
    let err = partner_complete("F-RETRY").execute(&client).await.expect_err("500");
    assert_eq!(err.attempts(), 1, "complete is not idempotent: {err}");
    assert_eq!(support::api_code(&err).0, 500);
    assert_eq!(server.requests().len() - posts, 1);
}
