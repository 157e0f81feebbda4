//! End to end: notification delivery: the envelope shape (protocol §5.1, §9.5), signatures
//! the client verifies, decryption with the APIv3 key, retries on failure, and the record of
//! every attempt.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use std::time::Duration;

use serde::de::IgnoredAny;
use serde_json::Value;
use support::{Receiver, SUB_MCHID, WAIT, client, partner_complete, partner_create};
use wxpay_core::{ApiV3Key, aead::EncryptedResource};
use wxpay_mock::{KeyMode, MockServer, OrderKey, RetrySchedule};
use wxpay_payscore::notification::PayScoreEvent;

fn header<'h>(headers: &'h axum::http::HeaderMap, name: &str) -> &'h str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("header {name}"))
}

#[tokio::test]
async fn the_envelope_is_signed_encrypted_and_shaped_like_wechat_pays() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    partner_create("N-SHAPE", &inbox.url).execute(&client).await.expect("create");
    server.confirm_order(OrderKey::partner(SUB_MCHID, "N-SHAPE")).expect("confirm");
    let received = inbox.wait_for(1).await.remove(0);

    for name in ["Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Request-ID"] {
        assert!(!header(&received.headers, name).is_empty());
    }
    assert_eq!(header(&received.headers, "Wechatpay-Serial"), server.credentials().public_key_id);
    assert_eq!(header(&received.headers, "Wechatpay-Signature-Type"), "WECHATPAY2-SHA256-RSA2048");
    assert!(header(&received.headers, "Content-Type").starts_with("application/json"));

    let envelope: Value = serde_json::from_slice(&received.body).expect("json");
    assert_eq!(envelope["id"].as_str().expect("id").len(), 36);
    assert_eq!(envelope["event_type"], "PAYSCORE.USER_CONFIRM");
    assert_eq!(envelope["resource_type"], "encrypt-resource");
    assert!(envelope["create_time"].as_str().expect("time").ends_with("+08:00"));
    assert!(!envelope["summary"].as_str().expect("summary").is_empty());
    let resource = &envelope["resource"];
    assert_eq!(resource["algorithm"], "AEAD_AES_256_GCM");
    assert_eq!(resource["associated_data"], "payscore");
    assert_eq!(resource["original_type"], "payscore");
    assert_eq!(resource["nonce"].as_str().expect("nonce").len(), 12);

    // Decrypts with the APIv3 key alone.
    let resource: EncryptedResource = serde_json::from_value(resource.clone()).expect("resource");
    let key = ApiV3Key::new(&server.credentials().api_v3_key).expect("key");
    let plaintext: Value =
        serde_json::from_str(&key.decrypt_to_string(&resource).expect("decrypt")).expect("json");
    assert_eq!(plaintext["out_order_no"], "N-SHAPE");
    assert_eq!(plaintext["state"], "DOING");
    assert_eq!(plaintext["sub_mchid"], SUB_MCHID);
    assert!(plaintext["openid"].is_string());

    // The client's own parser (same trust store as its responses) accepts it.
    let parsed = client
        .parse_notification::<IgnoredAny>(&received.headers, &received.body)
        .await
        .expect("configured")
        .expect("verified");
    assert_eq!(
        PayScoreEvent::from_notification(&parsed).expect("event").sub_mchid(),
        Some(SUB_MCHID)
    );
    // An altered body is rejected.
    let mut altered = received.body.to_vec();
    let last = altered.len() - 3;
    altered[last] ^= 1;
    assert!(
        client
            .parse_notification::<IgnoredAny>(&received.headers, &altered)
            .await
            .expect("configured")
            .is_err()
    );
}

#[tokio::test]
async fn failed_deliveries_are_retried_along_the_schedule() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    partner_create("N-RETRY", &inbox.url).execute(&client).await.expect("create");
    inbox.fail_next(2);
    server.confirm_order(OrderKey::partner(SUB_MCHID, "N-RETRY")).expect("confirm");

    let delivery = server.wait_for_delivery("PAYSCORE.USER_CONFIRM", WAIT).await.expect("finished");
    assert!(delivery.delivered);
    let statuses: Vec<Option<u16>> = delivery.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, vec![Some(500), Some(500), Some(204)]);
    assert!(delivery.attempts[0].answer.contains("FAIL"));
    // Default schedule: 100 ms, then 200 ms.
    let gap = |i: usize| {
        delivery.attempts[i + 1].at.duration_since(delivery.attempts[i].at).expect("ordered")
    };
    assert!(gap(0) >= Duration::from_millis(100), "{:?}", gap(0));
    assert!(gap(1) >= Duration::from_millis(200), "{:?}", gap(1));

    // Every attempt is the same notification, signed afresh.
    let received = inbox.received();
    assert_eq!(received.len(), 3);
    let ids: Vec<Value> = received
        .iter()
        .map(|r| serde_json::from_slice::<Value>(&r.body).expect("json")["id"].clone())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]));
    assert_ne!(
        header(&received[0].headers, "Wechatpay-Nonce"),
        header(&received[1].headers, "Wechatpay-Nonce")
    );
    let parser = server.notification_parser().expect("parser");
    for r in &received {
        parser.parse::<IgnoredAny>(&r.headers, &r.body).expect("each attempt verifies");
    }
}

#[tokio::test]
async fn delivery_gives_up_after_the_schedule() {
    let server = MockServer::builder()
        .retry_schedule(RetrySchedule(vec![Duration::from_millis(10), Duration::from_millis(20)]))
        .start()
        .await
        .expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    partner_create("N-GIVE-UP", &inbox.url).execute(&client).await.expect("create");
    inbox.fail_next(100);
    server.confirm_order(OrderKey::partner(SUB_MCHID, "N-GIVE-UP")).expect("confirm");
    let delivery = server.wait_for_delivery("PAYSCORE.USER_CONFIRM", WAIT).await.expect("finished");
    assert!(!delivery.delivered);
    assert_eq!(delivery.attempts.len(), 3);

    // An unreachable inbox: the transport error is recorded.
    partner_create("N-NOWHERE", "http://127.0.0.1:9/notify")
        .execute(&client)
        .await
        .expect("create");
    server.confirm_order(OrderKey::partner(SUB_MCHID, "N-NOWHERE")).expect("confirm");
    let delivery = server
        .wait_for(|d| d.finished && d.url.starts_with("http://127.0.0.1:9/"), WAIT)
        .await
        .expect("finished");
    assert!(delivery.attempts.iter().all(|a| a.status.is_none() && !a.answer.is_empty()));

    // The record is also served over HTTP.
    let list: Value = serde_json::from_slice(
        &reqwest::get(format!("{}__mock/notifications", server.base_url()))
            .await
            .expect("get")
            .bytes()
            .await
            .expect("body"),
    )
    .expect("json");
    assert_eq!(list.as_array().expect("list").len(), 2);
}

#[tokio::test]
async fn auto_pay_charges_completed_orders() {
    let server =
        MockServer::builder().auto_pay(Duration::from_millis(50)).start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    partner_create("N-AUTO", &inbox.url).execute(&client).await.expect("create");
    server.confirm_order(OrderKey::partner(SUB_MCHID, "N-AUTO")).expect("confirm");
    partner_complete("N-AUTO").execute(&client).await.expect("complete");
    let delivery = server.wait_for_delivery("PAYSCORE.USER_PAID", WAIT).await.expect("paid");
    assert!(delivery.delivered);
    assert_eq!(delivery.resource["state"], "DONE");
    assert_eq!(delivery.resource["collection"]["state"], "USER_PAID");
}

#[tokio::test]
async fn certificate_mode_notifications_carry_the_certificate_serial() {
    let server = MockServer::builder().mode(KeyMode::Certificate).start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    partner_create("N-CERT", &inbox.url)
        .execute(&client)
        .await
        .expect("create (downloads the certificates)");
    server.confirm_order(OrderKey::partner(SUB_MCHID, "N-CERT")).expect("confirm");
    let received = inbox.wait_for(1).await.remove(0);
    assert_eq!(header(&received.headers, "Wechatpay-Serial"), server.current_serial());
    client
        .parse_notification::<IgnoredAny>(&received.headers, &received.body)
        .await
        .expect("configured")
        .expect("verified with the downloaded certificate");
}
