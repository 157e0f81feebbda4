//! The `complete_order` example, run as a user would against the simulator: with the WeChat
//! Pay public key, with downloaded platform certificates, and with certificate files.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/support.rs"]
mod support;

use std::{path::PathBuf, process::Command};

use support::{SUB_MCHID, client, partner_create};
use wxpay_mock::{KeyMode, MockServer, OrderKey};

const OUT_ORDER_NO: &str = "EXAMPLE-COMPLETE-1";

/// Writes the simulator's key material to files, as a merchant keeps them.
fn key_files(server: &MockServer, tag: &str) -> (PathBuf, PathBuf, Vec<PathBuf>) {
    let dir =
        std::env::temp_dir().join(format!("wxpay-complete-order-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let creds = server.credentials();
    let key = dir.join("apiclient_key.pem");
    std::fs::write(&key, creds.merchant_private_key_pem.as_deref().expect("merchant key"))
        .expect("write");
    let public = dir.join("pub_key.pem");
    std::fs::write(&public, &creds.public_key_pem).expect("write");
    let certs = creds
        .platform_certificates_pem
        .iter()
        .enumerate()
        .map(|(i, pem)| {
            let path = dir.join(format!("platform_cert_{i}.pem"));
            std::fs::write(&path, pem).expect("write");
            path
        })
        .collect();
    (key, public, certs)
}

async fn run_example(mode: KeyMode, certificates: &str) -> (MockServer, std::process::Output) {
    let server = MockServer::builder().mode(mode).start().await.expect("simulator");
    let c = client(&server);
    partner_create(OUT_ORDER_NO, "https://example.com/notify").execute(&c).await.expect("create");
    server.confirm_order(OrderKey::partner(SUB_MCHID, OUT_ORDER_NO)).expect("confirm");

    let creds = server.credentials();
    let (key, public, certs) = key_files(&server, certificates);
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args([
        "run",
        "--quiet",
        "-p",
        "wxpay-payscore",
        "--example",
        "complete_order",
        "--",
        OUT_ORDER_NO,
    ])
    .env("WXPAY_MCHID", &creds.mchid)
    .env("WXPAY_MCH_SERIAL", &creds.merchant_serial)
    .env("WXPAY_MCH_PRIVATE_KEY", &key)
    .env("WXPAY_APIV3_KEY", &creds.api_v3_key)
    .env("WXPAY_BASE_URL", &creds.base_url)
    .env_remove("WXPAY_PUBLIC_KEY_ID")
    .env_remove("WXPAY_PUBLIC_KEY")
    .env_remove("WXPAY_PLATFORM_CERTS");
    match certificates {
        "public-key" => {
            cmd.env("WXPAY_PUBLIC_KEY_ID", &creds.public_key_id).env("WXPAY_PUBLIC_KEY", &public);
        }
        "download" => {
            cmd.env("WXPAY_PLATFORM_CERTS", "download");
        }
        _ => {
            let list: Vec<String> = certs.iter().map(|p| p.display().to_string()).collect();
            cmd.env("WXPAY_PLATFORM_CERTS", list.join(","));
        }
    }
    let output =
        tokio::task::spawn_blocking(move || cmd.output()).await.expect("join").expect("cargo runs");
    (server, output)
}

fn assert_completed(output: &std::process::Output) {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), format!("completed {OUT_ORDER_NO}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn complete_order_in_every_key_mode() {
    let (_server, output) = run_example(KeyMode::PublicKey, "public-key").await;
    assert_completed(&output);

    let (server, output) = run_example(KeyMode::Certificate, "download").await;
    assert_completed(&output);
    let paths: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert!(paths.iter().any(|p| p.ends_with("/v3/certificates")), "{paths:?}");

    let (_server, output) = run_example(KeyMode::Certificate, "files").await;
    assert_completed(&output);

    // Without configuration the example says what is missing and exits 1.
    let failed = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "-p", "wxpay-payscore", "--example", "complete_order"])
        .env_remove("WXPAY_MCHID")
        .output()
        .expect("cargo runs");
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("WXPAY_MCHID"));
}

/// Every secret-bearing variable given its secret as the value (the PEM text instead of a
/// path, the APIv3 key in the wrong variable, garbage keys): the example fails, says which
/// variable is wrong, and no line of any secret appears in its output.
#[tokio::test(flavor = "multi_thread")]
async fn secrets_given_as_values_never_reach_the_output() {
    let server = MockServer::builder().mode(KeyMode::PublicKey).start().await.expect("simulator");
    let creds = server.credentials();
    let (key_file, public_file, _) = key_files(&server, "secrets");
    let private_pem = creds.merchant_private_key_pem.clone().expect("merchant key");
    let secret_lines: Vec<String> = private_pem
        .lines()
        .chain(creds.public_key_pem.lines())
        .filter(|l| !l.starts_with("-----") && l.len() > 16)
        .map(str::to_owned)
        .chain([creds.api_v3_key.clone()])
        .collect();
    let base = [
        ("WXPAY_MCHID", creds.mchid.clone()),
        ("WXPAY_MCH_SERIAL", creds.merchant_serial.clone()),
        ("WXPAY_MCH_PRIVATE_KEY", key_file.display().to_string()),
        ("WXPAY_PUBLIC_KEY_ID", creds.public_key_id.clone()),
        ("WXPAY_PUBLIC_KEY", public_file.display().to_string()),
        ("WXPAY_APIV3_KEY", creds.api_v3_key.clone()),
        ("WXPAY_BASE_URL", creds.base_url.clone()),
    ];
    let cases = [
        ("WXPAY_MCH_PRIVATE_KEY", private_pem.clone()),
        ("WXPAY_PUBLIC_KEY", creds.public_key_pem.clone()),
        ("WXPAY_PLATFORM_CERTS", private_pem.clone()),
        ("WXPAY_MCH_PRIVATE_KEY", private_pem.lines().nth(1).unwrap_or_default().to_owned()),
        ("WXPAY_APIV3_KEY", format!("{}x", creds.api_v3_key)),
        ("WXPAY_MCH_SERIAL", creds.api_v3_key.clone()),
    ];
    for (var, value) in cases {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["run", "--quiet", "-p", "wxpay-payscore", "--example", "complete_order", "--"])
            .arg(OUT_ORDER_NO)
            .env_remove("WXPAY_PLATFORM_CERTS")
            .env("RUST_LOG", "trace");
        for (k, v) in &base {
            cmd.env(k, v);
        }
        cmd.env(var, &value);
        let output = tokio::task::spawn_blocking(move || cmd.output())
            .await
            .expect("join")
            .expect("cargo runs");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(1), "{var}: {all}");
        assert!(
            all.contains(var) || var == "WXPAY_MCH_SERIAL",
            "{var}: the message names it: {all}"
        );
        for secret in &secret_lines {
            assert!(!all.contains(secret.as_str()), "{var}: secret leaked: {all}");
        }
    }
}
