//! The axum extractor: raw body kept, verified notification or a FAIL answer.

use std::collections::BTreeMap;

use axum::{Router, routing::post};
use wxpay_core::{
    ApiV3Key, PlatformCertificate, TrustStore,
    notify::{NotificationParser, axum::Verified},
};

use crate::{certificates::APIV3_KEY, support::fixture};

async fn handler(Verified(n): Verified<serde_json::Value>) -> String {
    format!("{} {}", n.event_type, n.resource["out_order_no"].as_str().unwrap_or_default())
}

#[tokio::test]
async fn extractor_accepts_valid_and_rejects_tampered() {
    let trust = TrustStore::new();
    trust.add_certificates(
        PlatformCertificate::all_from_pem(&fixture("platform_cert_new.pem")).unwrap(),
    );
    // The fixture was signed in 2025; widen the window so it verifies today.
    let parser = NotificationParser::new(trust, ApiV3Key::new(APIV3_KEY).unwrap())
        .with_max_skew(std::time::Duration::from_secs(100 * 365 * 86400));
    let app = Router::new().route("/notify", post(handler)).with_state(parser);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/notify", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let headers: BTreeMap<String, String> =
        serde_json::from_str(&fixture("notification_headers.json")).unwrap();
    let body = fixture("notification_body.json");
    let client = reqwest::Client::new();
    let mut request = client.post(&url).body(body.clone());
    for (k, v) in &headers {
        request = request.header(k, v);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "PAYSCORE.USER_CONFIRM 1234323JKHDFE1243252");

    let mut request = client.post(&url).body(body.replace("EV-", "XX-"));
    for (k, v) in &headers {
        request = request.header(k, v);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 401);
    let answer: serde_json::Value = response.json().await.unwrap();
    assert_eq!(answer["code"], "FAIL");
    assert!(answer["message"].as_str().unwrap().contains("signature"), "{answer}");
    server.abort();
}
