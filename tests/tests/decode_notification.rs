//! The `decode_notification` example, run as a user would, on the Python-generated fixtures.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../wxpay-core/tests/fixtures");
const TS: &str = "1764406800";

fn run(headers: &str, body: &str, extra: &[&str], certs: &str) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "-p", "wxpay-payscore", "--example", "decode_notification", "--"])
        .arg(format!("{FIXTURES}/{headers}"))
        .arg(format!("{FIXTURES}/{body}"))
        .args(extra)
        .env("WXPAY_APIV3_KEY", "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb")
        .env("WXPAY_PLATFORM_CERTS", certs)
        .env_remove("WXPAY_PUBLIC_KEY_ID")
        .env_remove("WXPAY_PUBLIC_KEY")
        .output()
        .expect("cargo runs")
}

#[test]
fn decode_notification_example() {
    let certs = format!("{FIXTURES}/platform_cert_old.pem,{FIXTURES}/platform_cert_new.pem");
    let ok = run("notification_headers.json", "notification_body.json", &["--at", TS], &certs);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let plaintext =
        std::fs::read_to_string(format!("{FIXTURES}/notification_plaintext.json")).unwrap();
    assert_eq!(String::from_utf8(ok.stdout).unwrap().trim_end(), plaintext);

    // Without `--at` the 2025 fixture is stale.
    let stale = run("notification_headers.json", "notification_body.json", &[], &certs);
    assert_eq!(stale.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&stale.stderr).contains("step `timestamp`"));

    // Signed by a certificate we do not trust.
    let old_only = format!("{FIXTURES}/platform_cert_old.pem");
    let unknown =
        run("notification_headers.json", "notification_body.json", &["--at", TS], &old_only);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("step `serial`"));

    // A body that is not what was signed.
    let tampered =
        run("notification_headers.json", "notification_decrypt_body.json", &["--at", TS], &certs);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&tampered.stderr).contains("step `signature`"));
}
