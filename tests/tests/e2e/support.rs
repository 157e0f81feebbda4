//! Helpers shared by the end-to-end tests (`#[path = "e2e/support.rs"] mod support;`):
//! clients for a simulator, a notification receiver, and sample requests.

#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::panic)]

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{Router, body::Bytes, extract::State, http::HeaderMap, response::IntoResponse};
use wxpay_core::{Client, OutOrderNo};
use wxpay_mock::MockServer;
use wxpay_payscore::{
    Amount, Discount, Payment, RiskFund, RiskFundName, ServiceTime, StartTime, TimeRange,
    partner::service_order::{CompletePartnerServiceOrder, CreatePartnerServiceOrder},
    service_order::{CompleteServiceOrder, CreateServiceOrder},
};

pub const SERVICE_ID: &str = "2002000000000558128851361561536";
pub const APPID: &str = "wxd678efh567hg6787";
pub const SUB_MCHID: &str = "1900000109";
pub const SUB_APPID: &str = "wxd678efh567hg6999";
pub const WAIT: Duration = Duration::from_secs(10);

/// A client for `server`, refetching certificates as soon as an unknown serial shows up.
pub fn client(server: &MockServer) -> Client {
    server
        .client_builder()
        .certificate_refetch_min_interval(Duration::ZERO)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client for the simulator")
}

pub fn no(text: &str) -> OutOrderNo {
    OutOrderNo::new(text).expect("valid out_order_no")
}

/// 4 meals at 100 yuan, minus a 1 yuan discount: 39 900 fen.
pub fn fees() -> (Vec<Payment>, Vec<Discount>, Amount) {
    (
        vec![
            Payment::builder()
                .name("就餐费用")
                .amount(Amount::fen(40_000))
                .description("就餐人均100元")
                .count(4)
                .build(),
        ],
        vec![
            Discount::builder()
                .name("满20减1元")
                .amount(Amount::fen(100))
                .description("不与其他优惠叠加")
                .build(),
        ],
        Amount::fen(39_900),
    )
}

pub fn time(text: &str) -> ServiceTime {
    text.parse().expect("service time")
}

/// A service period long past.
pub fn actual_range() -> TimeRange {
    TimeRange::builder().start_time(time("20240101091010")).end_time(time("20240101121010")).build()
}

pub fn deposit() -> RiskFund {
    RiskFund::builder()
        .name(RiskFundName::Deposit)
        .amount(Amount::fen(50_000))
        .description("就餐的预估费用")
        .build()
}

pub fn partner_create(out_order_no: &str, notify_url: &str) -> CreatePartnerServiceOrder {
    CreatePartnerServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .service_introduction("XX餐厅")
        .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
        .risk_fund(deposit())
        .notify_url(notify_url)
        .sub_appid(SUB_APPID)
        .post_payments(fees().0)
        .build()
}

pub fn partner_complete(out_order_no: &str) -> CompletePartnerServiceOrder {
    let (payments, discounts, total) = fees();
    CompletePartnerServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .total_amount(total)
        .post_discounts(discounts)
        .time_range(actual_range())
        .build()
}

pub fn direct_create(out_order_no: &str, notify_url: &str) -> CreateServiceOrder {
    CreateServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .service_introduction("XX餐厅")
        .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
        .risk_fund(deposit())
        .notify_url(notify_url)
        .post_payments(fees().0)
        .build()
}

pub fn direct_complete(out_order_no: &str) -> CompleteServiceOrder {
    let (payments, discounts, total) = fees();
    CompleteServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .post_payments(payments)
        .total_amount(total)
        .post_discounts(discounts)
        .time_range(actual_range())
        .build()
}

/// One notification as received: raw headers and body.
#[derive(Clone, Debug)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Bytes,
}

#[derive(Clone, Default)]
struct ReceiverState {
    received: Arc<Mutex<Vec<Received>>>,
    fail: Arc<AtomicUsize>,
}

/// A local notification endpoint that records every POST, answering 500 to the first
/// `fail_next` of them and 204 to the others.
pub struct Receiver {
    pub url: String,
    state: ReceiverState,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn receive(
    State(state): State<ReceiverState>,
    headers: HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    state.received.lock().expect("lock").push(Received { headers, body });
    let failing =
        state.fail.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
    if failing {
        (axum::http::StatusCode::INTERNAL_SERVER_ERROR, r#"{"code":"FAIL","message":"busy"}"#)
    } else {
        (axum::http::StatusCode::NO_CONTENT, "")
    }
}

impl Receiver {
    pub async fn start() -> Self {
        let state = ReceiverState::default();
        let app =
            Router::new().route("/notify", axum::routing::post(receive)).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/notify", listener.local_addr().expect("addr"));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("serve");
        });
        Self { url, state, task }
    }

    /// Answer 500 to the next `n` notifications.
    pub fn fail_next(&self, n: usize) {
        self.state.fail.store(n, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().expect("lock").clone()
    }

    /// Waits until `count` notifications arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "only {} notifications arrived",
                received.len()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// The `n`-th notification `inbox` received from `server`: verified, decrypted and decoded.
pub fn payscore_event(
    server: &MockServer,
    inbox: &Receiver,
    n: usize,
) -> wxpay_payscore::notification::PayScoreEvent {
    let received = &inbox.received()[n];
    let parser = server.notification_parser().expect("parser");
    let notification = parser
        .parse::<serde::de::IgnoredAny>(&received.headers, &received.body)
        .expect("verified notification");
    wxpay_payscore::notification::PayScoreEvent::from_notification(&notification)
        .expect("payscore event")
}

/// The `code` of an `Error::Api`, panicking on anything else.
pub fn api_code(err: &wxpay_core::Error) -> (u16, String, String) {
    match err {
        wxpay_core::Error::Api { status, code, message, .. } => {
            (status.as_u16(), code.clone(), message.clone())
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}
