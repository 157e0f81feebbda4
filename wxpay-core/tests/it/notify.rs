//! Notifications: the Python-generated fixture decodes; each step fails with its own error.

use std::{collections::BTreeMap, time::Duration};

use serde::Deserialize;
use wxpay_core::{
    ApiV3Key, DecryptError, TrustStore, VerifyError,
    notify::{self, Dedup, NotificationParser, NotifyError, RecentIds},
};

use crate::{certificates::APIV3_KEY, support::fixture};

const TS: i64 = 1_764_406_800;

fn parser() -> NotificationParser {
    let trust = TrustStore::new();
    trust.add_certificates(
        wxpay_core::PlatformCertificate::all_from_pem(&fixture("platform_cert_new.pem")).unwrap(),
    );
    NotificationParser::new(trust, ApiV3Key::new(APIV3_KEY).unwrap())
}

fn headers(signature: Option<&str>) -> http::HeaderMap {
    let map: BTreeMap<String, String> =
        serde_json::from_str(&fixture("notification_headers.json")).unwrap();
    let mut h = http::HeaderMap::new();
    for (k, v) in map {
        h.insert(http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
    }
    if let Some(sig) = signature {
        h.insert("Wechatpay-Signature", sig.trim().parse().unwrap());
    }
    h
}

#[derive(Debug, Deserialize)]
struct Confirm {
    out_order_no: String,
    state: String,
    post_payments: Vec<serde_json::Value>,
}

#[test]
fn a_real_format_notification_decodes() {
    let body = fixture("notification_body.json");
    let n = parser().parse_at::<Confirm>(&headers(None), body.as_bytes(), TS + 10).unwrap();
    assert_eq!(n.id, "EV-2018022511223320873");
    assert_eq!(n.event_type, "PAYSCORE.USER_CONFIRM");
    assert_eq!(n.resource_type, "encrypt-resource");
    assert_eq!(n.summary, "用户确认订单");
    assert_eq!(n.original_type.as_deref(), Some("payscore"));
    assert_eq!(n.resource.out_order_no, "1234323JKHDFE1243252");
    assert_eq!(n.resource.state, "DOING");
    assert_eq!(n.resource.post_payments.len(), 1);
    assert_eq!(n.plaintext(), fixture("notification_plaintext.json"));
    // The openid is in the plaintext but not in Debug output of the envelope.
    assert!(!format!("{n:?}").contains("oUpF8uMuAJO"));
}

#[test]
fn each_step_fails_with_its_own_error() {
    let p = parser();
    let body = fixture("notification_body.json");

    let mut h = headers(None);
    h.remove("Wechatpay-Nonce");
    let err = p.parse_at::<Confirm>(&h, body.as_bytes(), TS).unwrap_err();
    assert_eq!(err.step(), "headers");
    assert!(matches!(err, NotifyError::Verify(VerifyError::MissingHeader("Wechatpay-Nonce"))));

    // Replayed a day later: stale.
    let err = p.parse_at::<Confirm>(&headers(None), body.as_bytes(), TS + 24 * 3600).unwrap_err();
    assert_eq!(err.step(), "timestamp");
    // And with the real clock (the fixture is from 2025): stale too.
    assert_eq!(
        p.parse::<Confirm>(&headers(None), body.as_bytes()).unwrap_err().step(),
        "timestamp"
    );

    let mut h = headers(None);
    h.insert("Wechatpay-Serial", "PUB_KEY_ID_0000000000000024101100397200000006".parse().unwrap());
    assert_eq!(p.parse_at::<Confirm>(&h, body.as_bytes(), TS).unwrap_err().step(), "serial");

    let mut tampered = body.clone().into_bytes();
    let pos = tampered.iter().position(|&b| b == b'E').unwrap();
    tampered[pos] = b'F';
    let err = p.parse_at::<Confirm>(&headers(None), &tampered, TS).unwrap_err();
    assert!(matches!(err, NotifyError::Verify(VerifyError::BadSignature)));
    assert_eq!(err.step(), "signature");

    // A body with whitespace re-formatted (as a proxy or a JSON re-serialization would) fails.
    let reformatted =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&body).unwrap())
            .unwrap();
    assert_eq!(
        p.parse_at::<Confirm>(&headers(None), reformatted.as_bytes(), TS).unwrap_err().step(),
        "signature"
    );

    let probe = headers(Some("WECHATPAY/SIGNTEST/abc"));
    let err = p.parse_at::<Confirm>(&probe, body.as_bytes(), TS).unwrap_err();
    assert!(matches!(err, NotifyError::Verify(VerifyError::SignatureProbe)));
    assert!(!err.status().is_success());

    for (step, want) in [
        ("envelope", "envelope"),
        ("algorithm", "algorithm"),
        ("decrypt", "decrypt"),
        ("resource", "resource"),
    ] {
        let b = fixture(&format!("notification_{step}_body.json"));
        let sig = fixture(&format!("notification_{step}_signature.txt"));
        let err = p.parse_at::<Confirm>(&headers(Some(&sig)), b.as_bytes(), TS).unwrap_err();
        assert_eq!(err.step(), want, "{err:?}");
        match (step, &err) {
            ("decrypt", NotifyError::Decrypt(e)) => assert_eq!(*e, DecryptError::TagMismatch),
            ("resource", NotifyError::Resource(e)) => assert_eq!(e.path, "out_order_no"),
            _ => {}
        }
    }

    // The wrong APIv3 key fails at decryption.
    let wrong = NotificationParser::new(
        p.trust_store().clone(),
        ApiV3Key::new("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap(),
    );
    let err = wrong.parse_at::<Confirm>(&headers(None), body.as_bytes(), TS).unwrap_err();
    assert!(matches!(err, NotifyError::Decrypt(DecryptError::TagMismatch)));
}

#[test]
fn the_window_is_configurable() {
    let body = fixture("notification_body.json");
    let p = parser().with_max_skew(Duration::from_secs(30));
    assert!(p.parse_at::<Confirm>(&headers(None), body.as_bytes(), TS + 29).is_ok());
    assert_eq!(
        p.parse_at::<Confirm>(&headers(None), body.as_bytes(), TS + 31).unwrap_err().step(),
        "timestamp"
    );
}

#[test]
fn apiv3_key_is_validated_and_redacted() {
    for bad in ["", "short", "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb1", "ééééééééééééééééé"]
    {
        let err = ApiV3Key::new(bad).unwrap_err();
        assert!(err.to_string().contains("32 bytes"), "{err}");
        assert!(bad.is_empty() || !err.to_string().contains(bad));
    }
    let key = ApiV3Key::new(APIV3_KEY).unwrap();
    assert_eq!(format!("{key:?}"), "ApiV3Key(<redacted>)");
}

#[test]
fn encryption_round_trips_and_matches_python() {
    let key = ApiV3Key::new(APIV3_KEY).unwrap();
    let list: serde_json::Value =
        serde_json::from_str(&fixture("certificates_download.json")).unwrap();
    let resource: wxpay_core::aead::EncryptedResource =
        serde_json::from_value(list["data"][0]["encrypt_certificate"].clone()).unwrap();
    let pem = key.decrypt_to_string(&resource).unwrap();
    // Re-encrypting with the same nonce and AAD reproduces Python's ciphertext exactly.
    let again = key.encrypt(&resource.nonce, "certificate", pem.as_bytes()).unwrap();
    assert_eq!(again.ciphertext, resource.ciphertext);
    let mut short = resource.clone();
    short.nonce = "123".into();
    assert_eq!(key.decrypt(&short), Err(DecryptError::NonceLength(3)));
    let mut garbled = resource;
    garbled.ciphertext = "@@@".into();
    assert_eq!(key.decrypt(&garbled), Err(DecryptError::InvalidBase64));
}

#[test]
fn answers_and_dedup() {
    let ok = notify::success();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.body(), r#"{"code":"SUCCESS","message":"成功"}"#.as_bytes());
    let fail = notify::failure("验签失败");
    assert_eq!(fail.status(), 500);
    let v: serde_json::Value = serde_json::from_slice(fail.body()).unwrap();
    assert_eq!(v, serde_json::json!({"code": "FAIL", "message": "验签失败"}));

    let seen = RecentIds::new(Duration::from_secs(3600), 2);
    assert!(!seen.seen("a"));
    seen.record("a");
    assert!(seen.seen("a"));
    seen.record("b");
    seen.record("c");
    assert!(!seen.seen("a"), "capacity bound drops the oldest");
    assert!(seen.seen("b") && seen.seen("c"));
    // `insert` checks and records in one step.
    assert!(seen.insert("d"));
    assert!(!seen.insert("d"));
}

#[tokio::test]
async fn recent_ids_through_the_dedup_trait() {
    async fn handle(dedup: &impl Dedup, id: &str) -> Result<bool, notify::DedupError> {
        if dedup.seen(id).await? {
            return Ok(false);
        }
        dedup.record(id).await?;
        Ok(true)
    }
    let seen = RecentIds::new(Duration::from_secs(3600), 10);
    assert!(handle(&seen, "EV-1").await.unwrap(), "first delivery is processed");
    assert!(!handle(&seen, "EV-1").await.unwrap(), "the retry is dropped");
    assert!(seen.seen("EV-1"), "the trait and the inherent methods share one store");
    assert!(!RecentIds::default().seen("x"));
    assert_eq!(notify::DEFAULT_DEDUP_TTL, Duration::from_secs(25 * 3600));
}
