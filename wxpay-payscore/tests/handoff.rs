//! The front-end hand-offs against the fixtures that `fixtures/handoff/generate.py` computed
//! with Python's `hmac`, and the `handoff` example run as a user would.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

use serde_json::Value;
use wxpay_core::{ApiV2Key, OutOrderNo};
use wxpay_payscore::handoff::{
    BusinessView, ConfirmOrder, EnableService, OrderDetail, SignPlan, Signer,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/handoff/handoff.json");
const TIMESTAMP: i64 = 1_530_097_563;
const NONCE: &str = "zyx53Nkey8o4bHpxTQvd8m7e92nG5mG2";
const KEY: &str = "192006250b4c09247ec02edce69f6a2d";
const SP_KEY: &str = "Sp0123456789abcdefABCDEF98765432";

fn fixtures() -> Value {
    serde_json::from_str(&std::fs::read_to_string(FIXTURES).unwrap()).unwrap()
}

fn direct() -> Signer {
    Signer::new("1230000109", ApiV2Key::new(KEY).unwrap())
}

fn partner() -> Signer {
    Signer::new("1900000100", ApiV2Key::new(SP_KEY).unwrap())
}

/// All three forms equal the fixture, and the `extraData` keeps WeChat's field order.
fn check<V: BusinessView>(name: &str, view: &V) {
    let fixtures = fixtures();
    let expected = &fixtures[name];
    assert_eq!(
        serde_json::to_value(view.mini_program()).unwrap(),
        expected["mini_program"],
        "{name}"
    );
    assert_eq!(serde_json::to_value(view.jsapi()).unwrap(), expected["jsapi"], "{name}");
    assert_eq!(serde_json::to_value(view.app()).unwrap(), expected["app"], "{name}");
    assert_eq!(
        serde_json::to_string(&view.mini_program().extra_data).unwrap(),
        expected["extra_data_line"].as_str().unwrap(),
        "{name}: field order"
    );
}

fn confirm(package: &str) -> ConfirmOrder {
    ConfirmOrder::builder().package(package).timestamp(TIMESTAMP).nonce_str(NONCE).build()
}

fn detail(service_id: &str, out_order_no: &str) -> OrderDetail {
    OrderDetail::builder()
        .service_id(service_id)
        .out_order_no(OutOrderNo::new(out_order_no).unwrap())
        .timestamp(TIMESTAMP)
        .nonce_str(NONCE)
        .build()
}

#[test]
fn confirm_order_direct_and_partner() {
    check(
        "use_direct",
        &confirm("AAQTnZoAAAABAAAAAAA+82Zwq2w/MeohrOrWEZiAAAA=").sign(&direct()).unwrap(),
    );
    check("use_partner", &confirm("AARupJoAAAABAAAAAADSh9ra0Xzx").sign(&partner()).unwrap());
}

#[test]
fn order_detail_direct_and_partner() {
    check(
        "detail_direct",
        &detail("88888888000011", "1234323JKHDFE1243252").sign(&direct()).unwrap(),
    );
    check(
        "detail_partner",
        &detail("2002000000000558128851361561536", "P-2024|ab*c_1").sign(&partner()).unwrap(),
    );
}

#[test]
fn enable_service_and_sign_plan_are_unsigned() {
    let token = fixtures()["enable"]["mini_program"]["extraData"]["apply_permissions_token"]
        .as_str()
        .unwrap()
        .to_owned();
    check("enable", &EnableService::builder().apply_permissions_token(token).build());
    check(
        "enable_partner_order_scene",
        &EnableService::builder().apply_permissions_token("AAQT+token/x=").scene("ORDER").build(),
    );
    check("plan", &SignPlan::builder().package("AARupJoAAAABAAAAAADSh9ra0Xzx").build());
}

#[test]
fn the_signature_depends_on_key_merchant_and_every_field() {
    let base = confirm("PKG").sign(&direct()).unwrap();
    // Same mch_id, another key.
    let other_key = Signer::new("1230000109", ApiV2Key::new(SP_KEY).unwrap());
    assert_ne!(confirm("PKG").sign(&other_key).unwrap().sign, base.sign);
    assert_ne!(confirm("PKG2").sign(&direct()).unwrap().sign, base.sign);
    let later =
        ConfirmOrder::builder().package("PKG").timestamp(TIMESTAMP + 1).nonce_str(NONCE).build();
    assert_ne!(later.sign(&direct()).unwrap().sign, base.sign);
}

#[test]
fn fresh_timestamp_and_nonce_by_default() {
    let a = ConfirmOrder::builder().package("PKG").build().sign(&direct()).unwrap();
    let b = ConfirmOrder::builder().package("PKG").build().sign(&direct()).unwrap();
    assert_eq!(a.nonce_str.len(), 32);
    assert!(a.nonce_str.bytes().all(|c| c.is_ascii_alphanumeric()));
    assert_ne!(a.nonce_str, b.nonce_str);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let ts: u64 = a.timestamp.parse().unwrap();
    assert!(ts.abs_diff(now) < 600, "{ts} vs {now}");
    assert_ne!(a.sign, b.sign);
}

fn run_example(args: &[&str], key: Option<&str>, mchid: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["run", "--quiet", "-p", "wxpay-payscore", "--example", "handoff", "--"])
        .args(args);
    match key {
        Some(key) => command.env("WXPAY_APIV2_KEY", key),
        None => command.env_remove("WXPAY_APIV2_KEY"),
    };
    match mchid {
        Some(mchid) => command.env("WXPAY_MCHID", mchid),
        None => command.env_remove("WXPAY_MCHID"),
    };
    command.output().expect("cargo runs")
}

#[test]
fn handoff_example() {
    let fixtures = fixtures();
    let fixed = ["--timestamp", "1530097563", "--nonce", NONCE];

    let package = "AAQTnZoAAAABAAAAAAA+82Zwq2w/MeohrOrWEZiAAAA=";
    let args = [&["use", "--package", package][..], &fixed].concat();
    let out = run_example(&args, Some(KEY), Some("1230000109"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        fixtures["use_direct"]["extra_data_line"].as_str().unwrap()
    );

    let args = [
        &["detail", "--service-id", "88888888000011", "--out-order-no", "1234323JKHDFE1243252"][..],
        &fixed,
    ]
    .concat();
    let out = run_example(&args, Some(KEY), Some("1230000109"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        fixtures["detail_direct"]["extra_data_line"].as_str().unwrap()
    );

    // Without --timestamp/--nonce: fresh values, still a signed extraData.
    let out = run_example(&["use", "--package", "PKG"], Some(KEY), Some("1230000109"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["sign"].as_str().unwrap().len(), 64);

    // Missing key, merchant and arguments: exit 2, saying what is missing.
    let out = run_example(&["use", "--package", "PKG"], None, Some("1230000109"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WXPAY_APIV2_KEY"));
    assert!(out.stdout.is_empty());
    let out = run_example(&["use", "--package", "PKG"], Some(KEY), None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WXPAY_MCHID"));
    let out = run_example(&["detail", "--service-id", "1"], Some(KEY), Some("1230000109"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing `--out-order-no`"));
    let out = run_example(&[], Some(KEY), Some("1230000109"));
    assert_eq!(out.status.code(), Some(2));

    // A bad key is rejected without echoing it.
    let bad = "not-a-32-character-key";
    let out = run_example(&["use", "--package", "PKG"], Some(bad), Some("1230000109"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("APIv2 key") && !stderr.contains(bad), "{stderr}");
}
