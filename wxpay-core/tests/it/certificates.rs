//! Platform certificates: parsing, rotation, combined mode, download, refetch, refresh.

use std::time::Duration;

use wxpay_core::{
    ApiV3Key, Client, Error, PlatformCertificate, PublicKey, PublicKeyId, TrustStore, VerifyError,
    certificates::{CertificateError, CertificateList},
    sign,
};

use crate::support::{
    MCH_SERIAL, MCHID, PUB_KEY_ID, Recorder, complete, fixture, now, official_key,
};

pub const APIV3_KEY: &str = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
pub const OLD_SERIAL: &str = "5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC";
pub const NEW_SERIAL: &str = "B2C3D4E5F60718293A4B5C6D7E8F9012345678";
const Y2030: i64 = 1_893_456_000;
const Y2045_JUNE: i64 = 2_379_888_000;

fn old_cert() -> PlatformCertificate {
    PlatformCertificate::from_pem(&fixture("platform_cert_old.pem")).unwrap()
}

fn new_cert() -> PlatformCertificate {
    PlatformCertificate::from_pem(&fixture("platform_cert_new.pem")).unwrap()
}

/// Headers of a message signed by `key_file` at `ts` with `serial`.
fn signed_headers(key_file: &str, serial: &str, ts: i64, body: &[u8]) -> http::HeaderMap {
    let key = wxpay_core::PrivateKey::from_pem(&fixture(key_file)).unwrap();
    let nonce = "0f3fa5d34bb44ab7a6e1c9c20f3cb8e1";
    let sig = key.sign_base64(&sign::response_message(&ts.to_string(), nonce, body)).unwrap();
    let mut h = http::HeaderMap::new();
    h.insert("Wechatpay-Timestamp", ts.to_string().parse().unwrap());
    h.insert("Wechatpay-Nonce", nonce.parse().unwrap());
    h.insert("Wechatpay-Signature", sig.parse().unwrap());
    h.insert("Wechatpay-Serial", serial.parse().unwrap());
    h
}

fn signed_response(
    key_file: &str,
    serial: &str,
    status: u16,
    body: &str,
) -> http::Response<Vec<u8>> {
    let mut response =
        http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap();
    *response.headers_mut() = signed_headers(key_file, serial, now(), body.as_bytes());
    response
}

#[test]
fn certificates_parse_serial_key_and_validity() {
    let old = old_cert();
    assert_eq!(old.serial.as_str(), OLD_SERIAL);
    assert_eq!(old.not_before, 1_577_836_800); // 2020-01-01T00:00:00Z
    assert_eq!(old.not_after, 2_366_841_600); // 2045-01-01T00:00:00Z
    // DER stores this serial with a leading 00 byte; it is normalised away.
    assert_eq!(new_cert().serial.as_str(), NEW_SERIAL);
    assert!(new_cert().serial.matches("00b2c3d4e5f60718293a4b5c6d7e8f9012345678"));
    let bundle =
        format!("{}{}", fixture("platform_cert_old.pem"), fixture("platform_cert_new.pem"));
    assert_eq!(PlatformCertificate::all_from_pem(&bundle).unwrap().len(), 2);
    assert!(PlatformCertificate::from_pem(&fixture("platform_pub.pem")).is_err());
}

#[test]
fn rotation_old_and_new_then_old_expired() {
    let trust = TrustStore::new();
    trust.add_certificates([old_cert(), new_cert()]);
    let body = br#"{"ok":true}"#;
    // 2030: both valid; each verifies with its own serial.
    trust
        .verify_at(&signed_headers("platform_key.pem", OLD_SERIAL, Y2030, body), body, Y2030, 300)
        .unwrap();
    trust
        .verify_at(&signed_headers("platform_key2.pem", NEW_SERIAL, Y2030, body), body, Y2030, 300)
        .unwrap();
    // A signature by the old key presented under the new serial fails.
    assert_eq!(
        trust.verify_at(
            &signed_headers("platform_key.pem", NEW_SERIAL, Y2030, body),
            body,
            Y2030,
            300
        ),
        Err(VerifyError::BadSignature)
    );
    // The newest valid certificate is the one to encrypt with and to advertise.
    assert_eq!(trust.encryption_key(Y2030).unwrap().0, NEW_SERIAL);
    // June 2045: the old certificate has expired.
    assert_eq!(
        trust.verify_at(
            &signed_headers("platform_key.pem", OLD_SERIAL, Y2045_JUNE, body),
            body,
            Y2045_JUNE,
            300
        ),
        Err(VerifyError::UnknownSerial(OLD_SERIAL.into()))
    );
    trust
        .verify_at(
            &signed_headers("platform_key2.pem", NEW_SERIAL, Y2045_JUNE, body),
            body,
            Y2045_JUNE,
            300,
        )
        .unwrap();
}

#[test]
fn combined_mode_picks_the_key_by_serial() {
    let public = PublicKey::from_pem(&fixture("official_pub.pem")).unwrap();
    let trust = TrustStore::with_public_key(PublicKeyId::new(PUB_KEY_ID).unwrap(), public);
    trust.add_certificates([old_cert()]);
    let body = b"{}";
    trust
        .verify_at(&signed_headers("official_key.pem", PUB_KEY_ID, Y2030, body), body, Y2030, 300)
        .unwrap();
    trust
        .verify_at(&signed_headers("platform_key.pem", OLD_SERIAL, Y2030, body), body, Y2030, 300)
        .unwrap();
    // The certificate's key presented as the public key id fails: no key-guessing.
    assert_eq!(
        trust.verify_at(
            &signed_headers("platform_key.pem", PUB_KEY_ID, Y2030, body),
            body,
            Y2030,
            300
        ),
        Err(VerifyError::BadSignature)
    );
    // With a public key configured, requests advertise its id.
    assert_eq!(trust.encryption_key(Y2030).unwrap().0, PUB_KEY_ID);
}

#[test]
fn download_decrypts_with_the_apiv3_key() {
    let list: CertificateList =
        serde_json::from_str(&fixture("certificates_download.json")).unwrap();
    let certs = list.decrypt(&ApiV3Key::new(APIV3_KEY).unwrap()).unwrap();
    let serials: Vec<_> = certs.iter().map(|c| c.serial.to_string()).collect();
    assert_eq!(serials, [OLD_SERIAL, NEW_SERIAL]);
    let wrong = ApiV3Key::new("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
    let err = list.decrypt(&wrong).unwrap_err();
    assert!(err.to_string().contains("APIv3 key"), "{err}");
}

fn download_client(recorder: &Recorder) -> Client<Recorder> {
    Client::builder()
        .mchid(MCHID)
        .merchant_serial(MCH_SERIAL)
        .private_key(official_key())
        .api_v3_key(APIV3_KEY)
        .platform_certificates_download()
        .certificate_refetch_min_interval(Duration::from_secs(3600))
        .build_with_transport(recorder.clone())
        .unwrap()
}

#[tokio::test]
async fn download_at_start_verifies_itself_then_requests_advertise_the_newest() {
    let recorder = Recorder::default();
    let body = fixture("certificates_download.json");
    recorder.answer(signed_response("platform_key2.pem", NEW_SERIAL, 200, &body));
    let client = download_client(&recorder);
    assert_eq!(client.refresh_certificates().await.unwrap(), 2);
    let (method, uri, _, headers) = recorder.last();
    assert_eq!(
        (method.as_str(), uri.as_str()),
        ("GET", "https://api.mch.weixin.qq.com/v3/certificates")
    );
    assert!(headers.get("wechatpay-serial").is_none(), "no key known before the first download");

    recorder.answer(signed_response("platform_key.pem", OLD_SERIAL, 204, ""));
    client.execute(&complete()).await.unwrap();
    assert_eq!(recorder.last().3["wechatpay-serial"], NEW_SERIAL);
}

#[tokio::test]
async fn a_download_signed_by_an_unknown_key_is_not_installed() {
    let recorder = Recorder::default();
    let body = fixture("certificates_download.json");
    recorder.answer(signed_response("official_key.pem", NEW_SERIAL, 200, &body));
    let client = download_client(&recorder);
    assert!(matches!(
        client.refresh_certificates().await,
        Err(Error::Verify { source: VerifyError::BadSignature, .. })
    ));
    assert!(client.trust_store().certificates().is_empty());
}

#[tokio::test]
async fn unknown_serial_triggers_exactly_one_refetch() {
    let recorder = Recorder::default();
    // Start with the old certificate only (as after an earlier download).
    let client = Client::builder()
        .mchid(MCHID)
        .merchant_serial(MCH_SERIAL)
        .private_key(official_key())
        .api_v3_key(APIV3_KEY)
        .platform_certificates_download()
        .platform_certificates([old_cert()])
        .certificate_refetch_min_interval(Duration::from_secs(3600))
        .build_with_transport(recorder.clone())
        .unwrap();
    // A response signed by the new certificate → one refetch → verified.
    recorder.answer(signed_response("platform_key2.pem", NEW_SERIAL, 204, ""));
    recorder.answer(signed_response(
        "platform_key2.pem",
        NEW_SERIAL,
        200,
        &fixture("certificates_download.json"),
    ));
    client.execute(&complete()).await.unwrap();
    let paths: Vec<String> =
        recorder.requests.lock().unwrap().iter().map(|r| r.uri().path().to_owned()).collect();
    assert_eq!(paths.len(), 2);
    assert!(paths[1].ends_with("/v3/certificates"));
    // A serial nobody has: no further refetch inside the rate limit, a clear error.
    recorder.answer(signed_response("platform_key2.pem", "0123456789ABCDEF", 204, ""));
    let err = client.execute(&complete()).await.unwrap_err();
    assert!(matches!(err, Error::Verify { source: VerifyError::UnknownSerial(_), .. }), "{err:?}");
    assert_eq!(recorder.requests.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn first_request_downloads_the_certificates_first() {
    let recorder = Recorder::default();
    let client = download_client(&recorder);
    recorder.answer(signed_response(
        "platform_key2.pem",
        NEW_SERIAL,
        200,
        &fixture("certificates_download.json"),
    ));
    recorder.answer(signed_response("platform_key2.pem", NEW_SERIAL, 204, ""));
    client.execute(&complete()).await.unwrap();
    let requests = recorder.requests.lock().unwrap();
    assert!(requests[0].uri().path().ends_with("/v3/certificates"));
    assert_eq!(requests[1].headers()["wechatpay-serial"], NEW_SERIAL);
}

#[tokio::test]
async fn a_merchant_without_certificates_is_told_to_use_the_public_key_once() {
    for (status, code) in [(404, "RESOURCE_NOT_EXISTS"), (403, "NO_AUTH")] {
        let recorder = Recorder::default();
        let client = download_client(&recorder);
        recorder.answer(
            http::Response::builder()
                .status(status)
                .body(format!(r#"{{"code":"{code}","message":"use the public key"}}"#).into_bytes())
                .unwrap(),
        );
        for _ in 0..3 {
            let err = client.execute(&complete()).await.unwrap_err();
            assert!(
                matches!(&err, Error::Certificate(CertificateError::NotAvailable { status: s, code: c })
                    if *s == status && c == code),
                "{err:?}"
            );
            assert!(err.to_string().contains("public key"), "{err}");
            assert!(!err.is_retryable());
        }
        assert!(client.refresh_certificates().await.is_err());
        // Asked once; never again, neither by calls nor by refreshes.
        assert_eq!(recorder.requests.lock().unwrap().len(), 1, "HTTP {status}");
    }
}

#[tokio::test]
async fn public_key_mode_never_calls_certificates() {
    let recorder = Recorder::default();
    let client = crate::support::builder().build_with_transport(recorder.clone()).unwrap();
    recorder.answer(signed_response("platform_key.pem", OLD_SERIAL, 204, ""));
    assert!(client.execute(&complete()).await.is_err());
    let requests = recorder.requests.lock().unwrap();
    assert_eq!(requests.len(), 1);
    assert!(!requests[0].uri().path().contains("certificates"));
}

#[tokio::test(start_paused = true)]
async fn background_refresh_runs_and_stops_with_the_last_client() {
    let recorder = Recorder::default();
    let client = Client::builder()
        .mchid(MCHID)
        .merchant_serial(MCH_SERIAL)
        .private_key(official_key())
        .api_v3_key(APIV3_KEY)
        .platform_certificates_download()
        .certificate_refresh_interval(Duration::from_secs(60))
        .build_with_transport(recorder.clone())
        .unwrap();
    let body = fixture("certificates_download.json");
    for _ in 0..2 {
        recorder.answer(signed_response("platform_key2.pem", NEW_SERIAL, 200, &body));
    }
    client.start_certificate_refresh();
    let second = client.clone();
    tokio::time::sleep(Duration::from_secs(61)).await;
    tokio::task::yield_now().await;
    assert_eq!(recorder.requests.lock().unwrap().len(), 1);
    assert_eq!(client.trust_store().certificates().len(), 2);
    drop(client);
    tokio::time::sleep(Duration::from_secs(60)).await;
    tokio::task::yield_now().await;
    assert_eq!(recorder.requests.lock().unwrap().len(), 2, "a clone keeps it alive");
    drop(second);
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_secs(60)).await;
        tokio::task::yield_now().await;
    }
    assert_eq!(recorder.requests.lock().unwrap().len(), 2, "stopped after the last clone");
}

#[tokio::test]
async fn clients_for_different_merchants_do_not_share_trust() {
    let a = Recorder::default();
    let b = Recorder::default();
    let client_a = download_client(&a);
    let client_b = download_client(&b);
    a.answer(signed_response(
        "platform_key2.pem",
        NEW_SERIAL,
        200,
        &fixture("certificates_download.json"),
    ));
    client_a.refresh_certificates().await.unwrap();
    assert_eq!(client_a.trust_store().certificates().len(), 2);
    assert!(client_b.trust_store().certificates().is_empty());
}

#[test]
fn the_merchant_certificate_is_not_a_platform_certificate() {
    // Pretend the merchant's serial is the old platform certificate's: the builder refuses.
    let err = Client::builder()
        .mchid(MCHID)
        .merchant_serial(OLD_SERIAL)
        .private_key(official_key())
        .platform_certificates([old_cert()])
        .build_with_transport(Recorder::default())
        .unwrap_err();
    assert!(err.to_string().contains("configuration"), "{err}");
    let wxpay_core::Error::Config(wxpay_core::ConfigError::InvalidId(id)) = err else {
        panic!("{err:?}")
    };
    assert!(id.reason.contains("apiclient_cert.pem"), "{id}");
    // A download-mode client without the APIv3 key is refused too.
    let err = Client::builder()
        .mchid(MCHID)
        .merchant_serial(MCH_SERIAL)
        .private_key(official_key())
        .platform_certificates_download()
        .build_with_transport(Recorder::default())
        .unwrap_err();
    assert!(matches!(err, Error::Config(wxpay_core::ConfigError::Missing(_))), "{err:?}");
}
