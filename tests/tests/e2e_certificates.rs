//! End to end: platform-certificate mode with rotation (protocol §3.5, §3.7, §4): the client
//! downloads the certificates, the simulator rotates to a new key, the client refetches on
//! the unknown serial, and the old certificate stays listed until removed.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use serde::de::IgnoredAny;
use support::{Receiver, SUB_MCHID, client, no, partner_create};
use wxpay_core::{Error, VerifyError};
use wxpay_mock::{KeyMode, MockServer, OrderKey, PlatformKeyPair};
use wxpay_payscore::partner::service_order::QueryPartnerServiceOrder;

fn held(client: &wxpay_core::Client) -> Vec<String> {
    let mut serials: Vec<String> =
        client.trust_store().certificates().iter().map(|c| c.serial.to_string()).collect();
    serials.sort();
    serials
}

fn sorted(mut serials: Vec<String>) -> Vec<String> {
    serials.sort();
    serials
}

#[tokio::test]
async fn rotation_is_followed_by_the_client() {
    let server = MockServer::builder().mode(KeyMode::Certificate).start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    let first = server.current_serial();

    // First call: the answer names an unknown serial, the client downloads, then verifies.
    partner_create("C-ROTATE", &inbox.url).execute(&client).await.expect("create");
    assert_eq!(held(&client), vec![first.clone()]);

    // Rotate to a freshly generated key: the next answer is signed with it.
    let second = server.rotate_certificate().expect("rotate");
    assert_ne!(second, first);
    assert_eq!(server.current_serial(), second);
    assert_eq!(server.certificate_serials(), vec![first.clone(), second.clone()]);
    QueryPartnerServiceOrder::builder()
        .lookup(no("C-ROTATE"))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query after rotation");
    assert_eq!(held(&client), sorted(vec![first.clone(), second.clone()]));

    // Notifications follow the rotation too.
    server.confirm_order(OrderKey::partner(SUB_MCHID, "C-ROTATE")).expect("confirm");
    let received = inbox.wait_for(1).await.remove(0);
    assert_eq!(
        received.headers.get("Wechatpay-Serial").expect("serial").to_str().expect("ascii"),
        second
    );
    client
        .parse_notification::<IgnoredAny>(&received.headers, &received.body)
        .await
        .expect("configured")
        .expect("verified");

    // Rotate again, to the spare key shipped with the crate; remove the first certificate.
    let third =
        server.rotate_certificate_to(&PlatformKeyPair::spare()).expect("rotate to the spare");
    server.remove_certificate(&first).expect("remove the first");
    assert_eq!(server.certificate_serials(), vec![second.clone(), third.clone()]);
    client.refresh_certificates().await.expect("refresh");
    QueryPartnerServiceOrder::builder()
        .lookup(no("C-ROTATE"))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert!(held(&client).contains(&third));

    // Removing the certificate in use makes the previous one sign again; the last one stays.
    server.remove_certificate(&third).expect("remove the third");
    assert_eq!(server.current_serial(), second);
    assert!(server.remove_certificate(&second).is_err(), "the last certificate cannot go");
    assert!(server.remove_certificate("ABCDEF").is_err());
}

#[tokio::test]
async fn a_client_without_download_rejects_a_rotated_key() {
    let server = MockServer::builder().mode(KeyMode::Certificate).start().await.expect("simulator");
    let credentials = server.credentials();
    let certificates = wxpay_core::PlatformCertificate::all_from_pem(
        &credentials.platform_certificates_pem.join("\n"),
    )
    .expect("certificates");
    let client = wxpay_core::Client::builder()
        .mchid(credentials.mchid.clone())
        .merchant_serial(&credentials.merchant_serial)
        .private_key_pem(credentials.merchant_private_key_pem.as_deref().expect("key"))
        .platform_certificates(certificates)
        .base_url(&credentials.base_url)
        .build()
        .expect("client");
    let query =
        QueryPartnerServiceOrder::builder().lookup(no("C-FIXED")).sub_mchid(SUB_MCHID).build();
    let err = query.execute(&client).await.expect_err("no order");
    assert!(matches!(err, Error::Api { .. }), "errors are not verified: {err:?}");
    partner_create("C-FIXED", "http://127.0.0.1:9/")
        .execute(&client)
        .await
        .expect("trusted certificate");
    server.rotate_certificate_to(&PlatformKeyPair::spare()).expect("rotate");
    match query.execute(&client).await.expect_err("unknown serial") {
        Error::Verify { source: VerifyError::UnknownSerial(serial), .. } => {
            assert_eq!(serial, server.current_serial());
        }
        other => panic!("expected an unknown serial, got {other:?}"),
    }
}

#[tokio::test]
async fn public_key_mode_ignores_certificate_rotation() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    server.rotate_certificate_to(&PlatformKeyPair::spare()).expect("rotate");
    assert!(server.current_serial().starts_with("PUB_KEY_ID_"));
    partner_create("C-PUBKEY", "http://127.0.0.1:9/")
        .execute(&client)
        .await
        .expect("still the public key");
}
