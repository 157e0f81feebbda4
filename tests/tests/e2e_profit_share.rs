//! The `profit_share` example, run as a user would against the simulator: a PayScore order
//! completed with `profit_sharing: true` and paid, a `MERCHANT_ID` receiver added, then
//! `profit_share TRANSACTION_ID OUT_ORDER_NO --merchant … --name … --amount …` with the
//! configuration in the environment. The simulator decrypts the receiver `name` with the key
//! named in `Wechatpay-Serial` and compares it with the name the receiver was added with.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/settlement.rs"]
mod settlement;
#[path = "e2e/support.rs"]
mod support;

use std::{path::PathBuf, process::Command};

use settlement::paid_order;
use support::{APPID, Receiver, client};
use wxpay_mock::{KeyMode, MockServer};
use wxpay_settlement::profit_sharing::{
    AddReceiver, OrderState, QueryOrder, QueryUnsplitAmount, ReceiverType, RelationType,
};

const ACCOUNT: &str = "86693852";
const NAME: &str = "示例商户全称";

/// The simulator's key material written to files, as a merchant keeps them.
fn key_files(server: &MockServer, tag: &str) -> (PathBuf, PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!("wxpay-profit-share-{}-{tag}", std::process::id()));
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

/// `cargo run --example profit_share -- ARGS` configured for `server`.
fn example(server: &MockServer, tag: &str, args: &[&str]) -> Command {
    let creds = server.credentials();
    let (key, public, certs) = key_files(server, tag);
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["run", "--quiet", "-p", "wxpay-settlement", "--example", "profit_share", "--"])
        .args(args)
        .env("WXPAY_MCHID", &creds.mchid)
        .env("WXPAY_MCH_SERIAL", &creds.merchant_serial)
        .env("WXPAY_MCH_PRIVATE_KEY", &key)
        .env("WXPAY_APIV3_KEY", &creds.api_v3_key)
        .env("WXPAY_BASE_URL", &creds.base_url)
        .env_remove("WXPAY_PUBLIC_KEY_ID")
        .env_remove("WXPAY_PUBLIC_KEY")
        .env_remove("WXPAY_PLATFORM_CERTS");
    if server.mode() == KeyMode::PublicKey {
        cmd.env("WXPAY_PUBLIC_KEY_ID", &creds.public_key_id).env("WXPAY_PUBLIC_KEY", &public);
    } else {
        let list: Vec<String> = certs.iter().map(|p| p.display().to_string()).collect();
        cmd.env("WXPAY_PLATFORM_CERTS", list.join(","));
    }
    cmd
}

/// Runs `cmd` to the end, letting the simulator's tasks run on other worker threads.
fn output(cmd: &mut Command) -> std::process::Output {
    tokio::task::block_in_place(|| cmd.output()).expect("cargo runs")
}

/// Pays an order with `profit_sharing: true`, adds the receiver, and runs the example: first
/// with a wrong name (refused after decryption), then with the right one.
async fn share_with_example(mode: KeyMode, tag: &str) {
    let server = MockServer::builder().mode(mode).start().await.expect("simulator");
    let c = client(&server);
    let receiver = Receiver::start().await;
    let out_trade_no = format!("SHARE-EXAMPLE-{tag}");
    let transaction_id = paid_order(&server, &c, &receiver, &out_trade_no, true).await;
    AddReceiver::builder()
        .appid(APPID)
        .kind(ReceiverType::MerchantId)
        .account(ACCOUNT)
        .name(NAME)
        .relation_type(RelationType::Partner)
        .build()
        .execute(&c)
        .await
        .expect("receiver added");

    // A name other than the one added: the simulator decrypted it and tells them apart.
    let mut cmd = example(
        &server,
        tag,
        &[&transaction_id, "P-WRONG", "--merchant", ACCOUNT, "--name", "别的商户"],
    );
    let wrong = output(cmd.args(["--amount", "100"]));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("分账接收方全称与添加时不一致"), "{stderr}");
    assert!(wrong.stdout.is_empty());

    let shared = output(&mut example(
        &server,
        tag,
        &[
            &transaction_id,
            "P-1",
            "--merchant",
            ACCOUNT,
            "--name",
            NAME,
            "--amount",
            "10000",
            "--description",
            "分给商户A",
        ],
    ));
    assert!(shared.status.success(), "stderr: {}", String::from_utf8_lossy(&shared.stderr));
    assert_eq!(String::from_utf8_lossy(&shared.stdout).trim(), "profit sharing P-1 PROCESSING");

    // 10 000 fen went to the receiver, the rest was released (`unfreeze_unsplit`).
    let order = QueryOrder::builder()
        .out_order_no("P-1")
        .transaction_id(transaction_id.clone())
        .build()
        .execute(&c)
        .await
        .expect("query");
    assert_eq!(order.state, OrderState::Finished);
    let to_receiver = order.receivers.iter().find(|r| r.account == ACCOUNT).expect("receiver");
    assert_eq!((to_receiver.amount, to_receiver.description.as_str()), (10_000, "分给商户A"));
    let unsplit = QueryUnsplitAmount::builder()
        .transaction_id(transaction_id.clone())
        .build()
        .execute(&c)
        .await
        .expect("amounts");
    assert_eq!(unsplit.unsplit_amount, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn profit_share_with_the_public_key() {
    share_with_example(KeyMode::PublicKey, "public-key").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn profit_share_with_platform_certificates() {
    share_with_example(KeyMode::Certificate, "certificates").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn profit_share_says_what_is_wrong() {
    // Bad arguments: the usage, exit status 2.
    let server = MockServer::start().await.expect("simulator");
    let bad = output(&mut example(&server, "usage", &["4200000000000000000000000000"]));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("usage: profit_share"));

    // No configuration: the missing variable, exit status 1.
    let mut cmd = example(
        &server,
        "unconfigured",
        &["4200000000000000000000000000", "P-1", "--merchant", ACCOUNT, "--name", NAME],
    );
    cmd.args(["--amount", "1"]).env_remove("WXPAY_MCHID");
    let failed = output(&mut cmd);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("WXPAY_MCHID"));

    // An unknown payment: WeChat's answer in the error chain.
    let unknown = output(&mut example(
        &server,
        "unknown",
        &[
            "4200000000000000000000000000",
            "P-1",
            "--merchant",
            ACCOUNT,
            "--name",
            NAME,
            "--amount",
            "1",
        ],
    ));
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("RESOURCE_NOT_EXISTS"));
}
