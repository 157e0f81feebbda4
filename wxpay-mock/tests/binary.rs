//! The `wxpay-mock` binary: generates missing keys, prints `READY` and the `WXPAY_*`
//! credentials, and serves clients configured from them alone.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use tokio::{
    io::{AsyncBufReadExt as _, BufReader},
    process::{Child, Command},
};
use wxpay_core::{Client, OutOrderNo};
use wxpay_payscore::{
    Amount, RiskFund, RiskFundName, ServiceOrderState, StartTime, TimeRange,
    partner::service_order::{CreatePartnerServiceOrder, QueryPartnerServiceOrder},
};

struct Running {
    child: Child,
    vars: BTreeMap<String, String>,
    ready: String,
}

/// Starts the binary and reads its `READY` line and the `WXPAY_*` lines that follow.
async fn start(keys: &Path, mode: &str, flags: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxpay-mock"))
        .args(["--listen", "127.0.0.1:0", "--keys"])
        .arg(keys)
        .args(["--mode", mode])
        .args(flags)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn wxpay-mock");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut ready = String::new();
    let mut vars = BTreeMap::new();
    let read = async {
        while let Some(line) = lines.next_line().await.expect("read") {
            if let Some(url) = line.strip_prefix("READY ") {
                url.clone_into(&mut ready);
            } else if let Some((k, v)) = line.split_once('=') {
                vars.insert(k.to_owned(), v.to_owned());
                if k == "WXPAY_BASE_URL" {
                    break;
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), read).await.expect("READY in time");
    Running { child, vars, ready }
}

fn scratch() -> PathBuf {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_nanos();
    std::env::temp_dir().join(format!("wxpay-mock-bin-{}-{nanos}", std::process::id()))
}

fn client_for(vars: &BTreeMap<String, String>) -> Client {
    let var = |k: &str| vars.get(k).unwrap_or_else(|| panic!("{k} printed")).as_str();
    let mut builder = Client::builder()
        .mchid(var("WXPAY_MCHID"))
        .merchant_serial(var("WXPAY_MCH_SERIAL"))
        .private_key_file(var("WXPAY_MCH_PRIVATE_KEY"))
        .api_v3_key(var("WXPAY_APIV3_KEY"))
        .base_url(var("WXPAY_BASE_URL"))
        .certificate_refetch_min_interval(Duration::ZERO);
    builder = match vars.get("WXPAY_PLATFORM_CERTS").map(String::as_str) {
        Some("download") => builder.platform_certificates_download(),
        _ => builder.wechatpay_public_key_file(var("WXPAY_PUBLIC_KEY_ID"), var("WXPAY_PUBLIC_KEY")),
    };
    builder.build().expect("client from the printed credentials")
}

fn create(out_order_no: &str) -> CreatePartnerServiceOrder {
    create_notifying(out_order_no, "http://127.0.0.1:9/notify")
}

fn create_notifying(out_order_no: &str, notify_url: &str) -> CreatePartnerServiceOrder {
    CreatePartnerServiceOrder::new(
        OutOrderNo::new(out_order_no).expect("no"),
        "2002000000000558128851361561536",
        "wxd678efh567hg6787",
        "1900000109",
        "XX充电宝",
        TimeRange::starting(StartTime::OnAccept),
        RiskFund::new(RiskFundName::Deposit, Amount::fen(10_000)),
        notify_url,
    )
}

#[tokio::test]
async fn generates_keys_prints_credentials_and_serves() {
    let dir = scratch();
    let mut first = start(&dir, "pubkey", &["--allow-http-notify"]).await;
    for file in [
        "apiclient_cert.pem",
        "apiclient_key.pem",
        "platform_key.pem",
        "platform_cert.pem",
        "pub_key.pem",
        "pub_key_id.txt",
        "apiv3_key.txt",
    ] {
        assert!(dir.join(file).exists(), "{file} generated");
    }
    assert_eq!(first.vars["WXPAY_BASE_URL"], first.ready);
    assert!(first.ready.starts_with("http://127.0.0.1:"));
    assert_eq!(first.vars["WXPAY_MCHID"], "1230000109");
    assert!(first.vars["WXPAY_PUBLIC_KEY_ID"].starts_with("PUB_KEY_ID_"));
    assert!(!first.vars.contains_key("WXPAY_PLATFORM_CERTS"));

    let client = client_for(&first.vars);
    create("BIN-1").execute(&client).await.expect("create");
    // The user confirms through the control route.
    let confirm = reqwest::Client::new()
        .post(format!("{}__mock/orders/BIN-1/confirm?sub_mchid=1900000109", first.ready))
        .send()
        .await
        .expect("confirm");
    assert_eq!(confirm.status(), 200);
    let order = QueryPartnerServiceOrder::new(OutOrderNo::new("BIN-1").expect("no"), "1900000109")
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(order.state, ServiceOrderState::Doing);
    first.child.kill().await.expect("stop");

    // Second start: same keys, nothing generated; certificate mode this time.
    let serial = first.vars["WXPAY_MCH_SERIAL"].clone();
    // Without `--allow-http-notify`: HTTPS only, like WeChat Pay.
    let mut second = start(&dir, "cert", &[]).await;
    assert_eq!(second.vars["WXPAY_MCH_SERIAL"], serial);
    assert_eq!(second.vars["WXPAY_APIV3_KEY"], first.vars["WXPAY_APIV3_KEY"]);
    assert_eq!(second.vars["WXPAY_PLATFORM_CERTS"], "download");
    let client = client_for(&second.vars);
    let refused = create("BIN-2").execute(&client).await.expect_err("http notify_url");
    let text = format!("{refused:?}");
    assert!(text.contains("PARAM_ERROR") && text.contains("HTTPS"), "{text}");
    create_notifying("BIN-2", "https://merchant.example/notify")
        .execute(&client)
        .await
        .expect("create with downloaded certificates");
    second.child.kill().await.expect("stop");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn rejects_bad_arguments() {
    let output = Command::new(env!("CARGO_BIN_EXE_wxpay-mock"))
        .args(["--mode", "rsa", "--keys", "x"])
        .output()
        .await
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--mode"));
}
