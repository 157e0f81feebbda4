//! The `query_order` example, run as a user would against the simulator: partner and direct
//! mode, WeChat's error for an unknown order, `WXPAY_MAX_ATTEMPTS`, `WXPAY_BACKUP_BASE_URL`,
//! and usage errors.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/support.rs"]
mod support;

use std::{
    path::PathBuf,
    process::{Command, Output},
};

use support::{APPID, SERVICE_ID, SUB_MCHID, client, direct_create, partner_create};
use wxpay_mock::{Fault, MockServer, OrderKey};
use wxpay_payscore::service_order::QueryServiceOrder;

const NOTIFY_URL: &str = "https://example.com/notify";

/// The simulator's merchant key and public key written to files, as a merchant keeps them.
fn key_files(server: &MockServer, tag: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("wxpay-query-order-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let creds = server.credentials();
    let key = dir.join("apiclient_key.pem");
    std::fs::write(&key, creds.merchant_private_key_pem.as_deref().expect("merchant key"))
        .expect("write");
    let public = dir.join("pub_key.pem");
    std::fs::write(&public, &creds.public_key_pem).expect("write");
    (key, public)
}

/// Runs `query_order ARGS` against `server` with `env` on top of its configuration.
async fn query_order(
    server: &MockServer,
    tag: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Output {
    let creds = server.credentials();
    let (key, public) = key_files(server, tag);
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["run", "--quiet", "-p", "wxpay-payscore", "--example", "query_order", "--"])
        .args(args)
        .env("WXPAY_MCHID", &creds.mchid)
        .env("WXPAY_MCH_SERIAL", &creds.merchant_serial)
        .env("WXPAY_MCH_PRIVATE_KEY", &key)
        .env("WXPAY_PUBLIC_KEY_ID", &creds.public_key_id)
        .env("WXPAY_PUBLIC_KEY", &public)
        .env("WXPAY_BASE_URL", &creds.base_url)
        .env_remove("WXPAY_APIV3_KEY")
        .env_remove("WXPAY_PLATFORM_CERTS")
        .env_remove("WXPAY_MAX_ATTEMPTS")
        .env_remove("WXPAY_BACKUP_BASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    tokio::task::spawn_blocking(move || cmd.output()).await.expect("join").expect("cargo runs")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn partner_args(out_order_no: &str) -> Vec<&str> {
    vec![out_order_no, "--service-id", SERVICE_ID, "--sub-mchid", SUB_MCHID]
}

#[tokio::test(flavor = "multi_thread")]
async fn partner_and_direct_orders_print_their_state() {
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    partner_create("QUERY-P-1", NOTIFY_URL).execute(&c).await.expect("create");
    let output = query_order(&server, "p1", &partner_args("QUERY-P-1"), &[]).await;
    assert_eq!(stdout(&output), "QUERY-P-1 CREATED");

    server.confirm_order(OrderKey::partner(SUB_MCHID, "QUERY-P-1")).expect("confirm");
    let output = query_order(&server, "p2", &partner_args("QUERY-P-1"), &[]).await;
    assert_eq!(stdout(&output), "QUERY-P-1 DOING/USER_CONFIRM");

    direct_create("QUERY-D-1", NOTIFY_URL).execute(&c).await.expect("create");
    server.confirm_order("QUERY-D-1").expect("confirm");
    let args = ["QUERY-D-1", "--service-id", SERVICE_ID, "--appid", APPID];
    let output = query_order(&server, "d1", &args, &[]).await;
    assert_eq!(stdout(&output), "QUERY-D-1 DOING/USER_CONFIRM");
    let query = server.requests().into_iter().rev().find(|r| r.method == "GET").expect("query");
    assert!(query.target.starts_with("/v3/payscore/serviceorder?"), "{}", query.target);
    // The example asked what the library asks.
    let direct = QueryServiceOrder::new(support::no("QUERY-D-1"), SERVICE_ID, APPID);
    assert_eq!(direct.execute(&c).await.expect("query").out_order_no, "QUERY-D-1");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_order_prints_wechats_error_and_exits_1() {
    let server = MockServer::start().await.expect("simulator");
    let output = query_order(&server, "unknown", &partner_args("QUERY-NONE"), &[]).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("ORDER_NOT_EXIST"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn max_attempts_from_the_environment() {
    let server = MockServer::start().await.expect("simulator");
    partner_create("QUERY-R-1", NOTIFY_URL).execute(&client(&server)).await.expect("create");

    // One attempt: the 429 is the answer.
    server.add_fault(Fault::rate_limited().times(1));
    let once = [("WXPAY_MAX_ATTEMPTS", "1")];
    let output = query_order(&server, "r1", &partner_args("QUERY-R-1"), &once).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("FREQUENCY_LIMITED"));

    // The default retries it.
    server.add_fault(Fault::rate_limited().times(1));
    let output = query_order(&server, "r2", &partner_args("QUERY-R-1"), &[]).await;
    assert_eq!(stdout(&output), "QUERY-R-1 CREATED");

    // An invalid value is a configuration error that names the variable.
    let output =
        query_order(&server, "r3", &partner_args("QUERY-R-1"), &[("WXPAY_MAX_ATTEMPTS", "0")])
            .await;
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("WXPAY_MAX_ATTEMPTS"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_backup_host_takes_over_when_the_primary_is_down() {
    let server = MockServer::start().await.expect("simulator");
    partner_create("QUERY-B-1", NOTIFY_URL).execute(&client(&server)).await.expect("create");
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let primary = format!("http://{}/", closed.local_addr().expect("addr"));
    drop(closed);
    let backup = server.credentials().base_url;
    let env = [("WXPAY_BASE_URL", primary.as_str()), ("WXPAY_BACKUP_BASE_URL", backup.as_str())];
    let output = query_order(&server, "b1", &partner_args("QUERY-B-1"), &env).await;
    assert_eq!(stdout(&output), "QUERY-B-1 CREATED");

    // Without the backup the refused connection is the error.
    let output =
        query_order(&server, "b2", &partner_args("QUERY-B-1"), &[("WXPAY_BASE_URL", &primary)])
            .await;
    assert_eq!(output.status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread")]
async fn usage_errors_exit_2_without_a_request() {
    let server = MockServer::start().await.expect("simulator");
    for args in [
        &[][..],
        &["QUERY-U-1"][..],
        &["QUERY-U-1", "--service-id", SERVICE_ID][..],
        &["QUERY-U-1", "--service-id"][..],
        &["QUERY-U-1", "--service-id", SERVICE_ID, "--sub-mchid", SUB_MCHID, "--bogus"][..],
    ] {
        let output = query_order(&server, "usage", args, &[]).await;
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage: query_order"));
    }
    assert!(server.requests().is_empty());
}
