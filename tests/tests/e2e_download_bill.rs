//! The `download_bill` example, run as a user would against the simulator: a verified bill
//! is written and counted; a corrupted one is refused with exit code 1 and no file.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/support.rs"]
mod support;

use std::{path::PathBuf, process::Command};

use support::{client, direct_complete, direct_create};
use wxpay_mock::{Fault, MockServer};

fn command(server: &MockServer, dir: &std::path::Path, args: &[&str]) -> Command {
    let creds = server.credentials();
    let key = dir.join("apiclient_key.pem");
    std::fs::write(&key, creds.merchant_private_key_pem.as_deref().expect("merchant key"))
        .expect("write");
    let public = dir.join("pub_key.pem");
    std::fs::write(&public, &creds.public_key_pem).expect("write");
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["run", "--quiet", "-p", "wxpay-settlement", "--example", "download_bill", "--"])
        .args(args)
        .env("WXPAY_MCHID", &creds.mchid)
        .env("WXPAY_MCH_SERIAL", &creds.merchant_serial)
        .env("WXPAY_MCH_PRIVATE_KEY", &key)
        .env("WXPAY_APIV3_KEY", &creds.api_v3_key)
        .env("WXPAY_BASE_URL", &creds.base_url)
        .env("WXPAY_PUBLIC_KEY_ID", &creds.public_key_id)
        .env("WXPAY_PUBLIC_KEY", &public)
        .env_remove("WXPAY_PLATFORM_CERTS");
    cmd
}

async fn output(mut cmd: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output()).await.expect("join").expect("cargo runs")
}

#[tokio::test(flavor = "multi_thread")]
async fn download_bill_verifies_or_leaves_nothing() {
    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    direct_create("DL-BILL-1", "https://example.com/notify").execute(&c).await.expect("create");
    server.confirm_order("DL-BILL-1").expect("confirm");
    direct_complete("DL-BILL-1").execute(&c).await.expect("complete");
    let paid = server.pay_order("DL-BILL-1").expect("pay");
    let time = paid["collection"]["details"][0]["paid_time"].as_str().expect("paid_time");
    let date = format!("{}-{}-{}", &time[0..4], &time[4..6], &time[6..8]);

    let dir: PathBuf =
        std::env::temp_dir().join(format!("wxpay-download-bill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let out = dir.join("tradebill.csv");
    let out_arg = out.display().to_string();

    // Success: the decompressed bill in FILE, one row, SHA1 verified.
    let ok = output(command(&server, &dir, &["--date", &date, "--gzip", "--out", &out_arg])).await;
    assert!(ok.status.success(), "stderr: {}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout).trim(),
        format!("bill {date}: 1 rows, SHA1 verified")
    );
    let text = std::fs::read_to_string(&out).expect("bill written");
    assert!(text.starts_with("交易时间,"), "decompressed: {text}");
    assert!(text.contains("wxzff|"), "{text}");
    std::fs::remove_file(&out).expect("rm");

    // Refund bill of the day: no refunds yet.
    let ok =
        output(command(&server, &dir, &["--date", &date, "--type", "REFUND", "--out", &out_arg]))
            .await;
    assert!(ok.status.success(), "stderr: {}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout).trim(),
        format!("bill {date}: 0 rows, SHA1 verified")
    );
    std::fs::remove_file(&out).expect("rm");

    // Corrupted in transit: the error printed, exit 1, no FILE and no temporary file.
    server.add_fault(Fault::tamper_body().on_template("v3/billdownload/file").times(1));
    let failed =
        output(command(&server, &dir, &["--date", &date, "--gzip", "--out", &out_arg])).await;
    assert_eq!(
        failed.status.code(),
        Some(1),
        "stdout: {}",
        String::from_utf8_lossy(&failed.stdout)
    );
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("SHA1 mismatch"), "{stderr}");
    assert!(!out.exists(), "no bill after a mismatch");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("tradebill"))
        .collect();
    assert!(left.is_empty(), "no temporary file: {left:?}");

    // A missing argument: usage, exit 2.
    let usage = output(command(&server, &dir, &["--date", &date])).await;
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("--out is missing"));
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
