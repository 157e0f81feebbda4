//! Encrypted bill files (`wxpay_core::bill::EncryptedBillFile`): fixtures made by
//! `tests/fixtures/generate_merchant_bill.py` with Python `cryptography` (AES-256-GCM under a
//! random key, the key RSA-OAEP SHA-1 encrypted to `official_pub.pem`, the gzip bill inside):
//! decrypted with the client's merchant key, decompressed, SHA-1 checked; every failure typed
//! and nothing written.

use wxpay_core::{
    DecryptError, Error, PrivateKey, PublicKey,
    bill::{BillError, DownloadOptions, EncryptedBillFile, HashType, encrypted::encrypt_bill_file},
};

use crate::support::{Recorder, builder, fixture, fixture_path};

fn entry() -> EncryptedBillFile {
    serde_json::from_str(&fixture("merchant_bill.json")).unwrap()
}

fn sealed() -> Vec<u8> {
    std::fs::read(fixture_path("merchant_bill.enc")).unwrap()
}

fn plain() -> Vec<u8> {
    std::fs::read(fixture_path("bill_trade.csv")).unwrap()
}

fn answer(body: Vec<u8>) -> Recorder {
    let recorder = Recorder::default();
    recorder.answer(http::Response::builder().status(200).body(body).unwrap());
    recorder
}

#[tokio::test]
async fn python_encrypted_bill_decrypts_decompresses_and_verifies() {
    let recorder = answer(sealed());
    let client = builder().build_with_transport(recorder.clone()).unwrap();
    let mut out = Vec::new();
    let bill = client.download_encrypted_bill(&entry(), &mut out).await.unwrap();
    assert_eq!(out, plain());
    assert!(bill.gzip);
    assert_eq!(bill.hash_type, HashType::Sha1);
    assert_eq!(bill.digest, fixture("bill_trade.sha1").trim());
    assert_eq!(bill.bytes, plain().len() as u64);
    let (method, uri, body, headers) = recorder.last();
    assert_eq!(method, "GET");
    assert_eq!(uri, entry().download_url);
    assert!(body.is_empty());
    assert!(headers["authorization"].to_str().unwrap().starts_with("WECHATPAY2-SHA256-RSA2048 "));
}

#[tokio::test]
async fn an_altered_file_fails_the_tag_and_writes_nothing() {
    let mut altered = sealed();
    altered[100] ^= 1;
    let client = builder().build_with_transport(answer(altered)).unwrap();
    let mut out = Vec::new();
    let err = client.download_encrypted_bill(&entry(), &mut out).await.unwrap_err();
    assert!(matches!(err, Error::Bill(BillError::Decrypt(DecryptError::TagMismatch))), "{err:?}");
    assert!(out.is_empty());
}

#[tokio::test]
async fn a_wrong_hash_value_is_a_mismatch_and_writes_nothing() {
    let mut file = entry();
    file.hash_value = "0".repeat(40);
    let client = builder().build_with_transport(answer(sealed())).unwrap();
    let mut out = Vec::new();
    let err = client.download_encrypted_bill(&file, &mut out).await.unwrap_err();
    assert!(matches!(err, Error::Bill(BillError::HashMismatch { .. })), "{err:?}");
    assert!(out.is_empty());
}

#[tokio::test]
async fn another_merchant_key_cannot_open_it() {
    let other = PrivateKey::from_pem(&fixture("platform_key.pem")).unwrap();
    let recorder = answer(sealed());
    let client = builder().private_key(other).build_with_transport(recorder.clone()).unwrap();
    let err = client.download_encrypted_bill(&entry(), &mut Vec::new()).await.unwrap_err();
    assert!(matches!(err, Error::Bill(BillError::Decrypt(DecryptError::Oaep))), "{err:?}");
    assert!(recorder.requests.lock().unwrap().is_empty(), "nothing sent with an unusable key");
    let mut file = entry();
    file.nonce = "750e5bb4".into();
    let client = builder().build_with_transport(answer(sealed())).unwrap();
    let err = client.download_encrypted_bill(&file, &mut Vec::new()).await.unwrap_err();
    assert!(
        matches!(err, Error::Bill(BillError::Decrypt(DecryptError::NonceLength(8)))),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_size_limit_holds_for_the_file_and_the_bill() {
    let client = builder().build_with_transport(answer(sealed())).unwrap();
    let small = DownloadOptions::new().max_bytes(1000);
    let err =
        client.download_encrypted_bill_with(&entry(), &small, &mut Vec::new()).await.unwrap_err();
    assert!(matches!(err, Error::Bill(BillError::TooLarge { limit: 1000 })), "{err:?}");
    // The compressed file fits, the decompressed bill does not.
    let client = builder().build_with_transport(answer(sealed())).unwrap();
    let limit = DownloadOptions::new().max_bytes(sealed().len() as u64 + 1);
    let err =
        client.download_encrypted_bill_with(&entry(), &limit, &mut Vec::new()).await.unwrap_err();
    assert!(matches!(err, Error::Bill(BillError::TooLarge { .. })), "{err:?}");
}

#[tokio::test]
async fn encrypt_bill_file_round_trips_plain_and_gzip() {
    let public = PublicKey::from_pem(&fixture("official_pub.pem")).unwrap();
    let gz = std::fs::read(fixture_path("bill_trade.csv.gz")).unwrap();
    for (content, gzip) in [(plain(), false), (gz, true)] {
        let sealed = encrypt_bill_file(&public, &content).unwrap();
        assert_eq!(sealed.nonce.len(), 12);
        assert!(!format!("{sealed:?}").contains(&sealed.encrypt_key));
        let file = EncryptedBillFile::new(
            1,
            entry().download_url,
            sealed.encrypt_key.clone(),
            "SHA1",
            fixture("bill_trade.sha1").trim(),
            sealed.nonce.clone(),
        );
        let client = builder().build_with_transport(answer(sealed.bytes)).unwrap();
        let mut out = Vec::new();
        let bill = client.download_encrypted_bill(&file, &mut out).await.unwrap();
        assert_eq!(out, plain());
        assert_eq!(bill.gzip, gzip);
    }
}

#[test]
fn debug_redacts_the_key_and_token() {
    let shown = format!("{:?}", entry());
    assert!(!shown.contains(&entry().encrypt_key), "{shown}");
    assert!(!shown.contains("MERCHANTBILLTOKEN"), "{shown}");
}
