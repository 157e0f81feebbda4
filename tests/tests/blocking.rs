//! `wxpay_core::blocking::Client` against the simulator over loopback, from plain `#[test]`
//! functions (no async runtime on the calling thread): the seed completion as an
//! `#[endpoint]` struct and as a URI template, eight threads sharing one client (in
//! certificate mode, so the first download is shared too), a tampered answer refused, and
//! the refusal to block inside an async runtime, before anything is sent.
//!
//! The simulator runs on a multi-threaded runtime of its own, kept alive by [`Simulator`].

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/support.rs"]
mod support;

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    thread,
    time::{Duration, Instant},
};

use support::{SUB_MCHID, partner_complete, partner_create};
use wxpay_core::{Error, Method, NoContent, VerifyError, blocking};
use wxpay_mock::{Fault, KeyMode, MockServer, OrderKey};
use wxpay_payscore::partner::service_order::{
    CompletePartnerServiceOrder, CreatePartnerServiceOrder,
};

const TEMPLATE: &str = "v3/payscore/partner/serviceorder/{out_order_no}/complete";
/// The seed body, as WeChat's documentation writes it.
const SEED_BODY: &str = r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"profit_sharing":true,"complete_time":"2019-11-11T16:24:05+08:00","goods_tag":"goods_tag"}"#;

/// A simulator on a runtime of its own: the test thread stays outside any runtime.
struct Simulator {
    server: MockServer,
    // Dropped after `server`: it serves the simulator's connections.
    _runtime: tokio::runtime::Runtime,
}

impl Simulator {
    fn start(mode: KeyMode) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime for the simulator");
        let server = runtime.block_on(MockServer::builder().mode(mode).start()).expect("simulator");
        Self { server, _runtime: runtime }
    }

    fn client(&self) -> blocking::Client {
        self.server
            .client_builder()
            .timeout(Duration::from_secs(10))
            .build_blocking()
            .expect("blocking client for the simulator")
    }

    /// Creates the partner order `out_order_no` through `client` and confirms it.
    fn confirmed(&self, client: &blocking::Client, out_order_no: &str) {
        let created = client
            .execute(&partner_create(out_order_no, "https://example.com/notify"))
            .expect("create");
        assert_eq!(created.out_order_no.as_str(), out_order_no);
        self.server.confirm_order(OrderKey::partner(SUB_MCHID, out_order_no)).expect("confirm");
    }
}

/// The state of the partner order `out_order_no`, queried through a GET template.
fn state(client: &blocking::Client, out_order_no: &str) -> serde_json::Value {
    let order: serde_json::Value = client
        .request(Method::Get, "v3/payscore/partner/serviceorder")
        .query("service_id", support::SERVICE_ID)
        .query("sub_mchid", SUB_MCHID)
        .query("out_order_no", out_order_no)
        .send()
        .expect("query");
    order["state"].clone()
}

#[test]
fn seed_completion_from_a_plain_test() {
    let sim = Simulator::start(KeyMode::PublicKey);
    let client = sim.client();
    sim.confirmed(&client, "1234323JKHDFE1243252");
    let request: &CompletePartnerServiceOrder = &partner_complete("1234323JKHDFE1243252");
    let NoContent = client.execute(request).expect("seed completion");
    let last = sim.server.requests().pop().expect("a request");
    assert_eq!(
        (last.method.as_str(), last.target.as_str(), last.status),
        ("POST", "/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete", Some(204))
    );
    assert_eq!(state(&client, "1234323JKHDFE1243252"), "DOING");
}

#[test]
fn seed_completion_through_a_template() {
    let sim = Simulator::start(KeyMode::PublicKey);
    let client = sim.client();
    sim.confirmed(&client, "1234323JKHDFE1243252");
    let done = client
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", "1234323JKHDFE1243252")
        .json_text(SEED_BODY)
        .send_verified()
        .expect("seed completion");
    assert_eq!(done.status.as_u16(), 204);
    assert!(done.body.is_empty());
    assert_eq!(state(&client, "1234323JKHDFE1243252"), "DOING");
    // A hostile path value is refused before anything is sent.
    let before = sim.server.requests_received();
    let refused = client
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", "..")
        .json_text(SEED_BODY)
        .send::<NoContent>();
    assert!(matches!(refused, Err(Error::Build(_))), "{refused:?}");
    assert_eq!(sim.server.requests_received(), before);
}

#[test]
fn eight_threads_share_one_client() {
    // Certificate mode: the first call of every thread waits for one shared download.
    let sim = Simulator::start(KeyMode::Certificate);
    let client = sim.client();
    let orders: Vec<String> = (0..8).map(|i| format!("BLOCKING{i:02}")).collect();
    thread::scope(|scope| {
        for no in &orders {
            let client = client.clone();
            let sim = &sim;
            scope.spawn(move || sim.confirmed(&client, no));
        }
    });
    let downloads = sim.server.requests().iter().filter(|r| r.target == "/v3/certificates").count();
    assert_eq!(downloads, 1, "one certificate download for eight threads");

    // Every completion waits 300 ms in the simulator: run one after the other they would
    // take 2.4 s; sharing the client's runtime, they overlap.
    sim.server
        .add_fault(Fault::latency(Duration::from_millis(300)).on::<CompletePartnerServiceOrder>());
    let started = Instant::now();
    thread::scope(|scope| {
        for no in &orders {
            let client = &client;
            scope.spawn(move || client.execute(&partner_complete(no)).expect("complete"));
        }
    });
    let elapsed = started.elapsed();
    println!("8 concurrent completions with 300 ms latency each: {elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "calls did not overlap: {elapsed:?}");
    sim.server.clear_faults();
    for no in &orders {
        assert_eq!(state(&client, no), "DOING", "{no}");
    }
    let completed = sim
        .server
        .requests()
        .iter()
        .filter(|r| r.target.ends_with("/complete") && r.status == Some(204))
        .count();
    assert_eq!(completed, 8);
}

#[test]
fn a_tampered_answer_is_refused() {
    let sim = Simulator::start(KeyMode::PublicKey);
    let client = sim.client();
    sim.server.add_fault(Fault::tamper_body().on::<CreatePartnerServiceOrder>().times(1));
    let result = client.execute(&partner_create("BLOCKINGTAMPER", "https://example.com/notify"));
    assert!(
        matches!(result, Err(Error::Verify { source: VerifyError::BadSignature, .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn refuses_to_block_inside_a_runtime() {
    let server = MockServer::start().await.expect("simulator");
    // Building and dropping are allowed here; calling is not.
    let client = server.client_builder().build_blocking().expect("blocking client");
    let request = partner_create("BLOCKINGINASYNC", "https://example.com/notify");
    let message = |result: Result<(), Box<dyn std::any::Any + Send>>| {
        let payload = result.expect_err("the call must panic");
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    };
    let endpoint = catch_unwind(AssertUnwindSafe(|| {
        let _ = client.execute(&request);
    }));
    let template = catch_unwind(AssertUnwindSafe(|| {
        let _ = client.request(Method::Post, TEMPLATE).send::<NoContent>();
    }));
    for text in [message(endpoint), message(template)] {
        assert!(text.contains("inside an async runtime"), "{text}");
        assert!(text.contains("wxpay_core::Client"), "{text}");
    }
    assert_eq!(server.requests_received(), 0, "nothing was sent");
    drop(client);
}
