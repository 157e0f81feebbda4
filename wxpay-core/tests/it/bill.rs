//! Bill download (`wxpay_core::bill`): digest over the decompressed bytes (fixtures made by
//! `tests/fixtures/generate_bill.py` with Python `hashlib`/`gzip`), streaming, gzip, origin
//! check, size limit, and the to-file variant that leaves nothing behind on failure.

use std::{future::Future, pin::Pin, time::Duration};

use bytes::Bytes;
use wxpay_core::{
    Error, Transport, TransportError,
    bill::{BillError, BillFile, DownloadOptions, HashType},
    transport::{ChunkSource, StreamingBody},
};

use crate::support::{Recorder, builder, fixture, fixture_path};

const URL: &str = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNpItdaRAHlEd2qN-Lt_d5VQNo";

fn bill_bytes() -> Vec<u8> {
    std::fs::read(fixture_path("bill_trade.csv")).unwrap()
}

fn gz_bytes() -> Vec<u8> {
    std::fs::read(fixture_path("bill_trade.csv.gz")).unwrap()
}

fn sha1_file() -> BillFile {
    BillFile::new("SHA1", fixture("bill_trade.sha1").trim(), URL)
}

fn raw(status: u16, body: Vec<u8>) -> http::Response<Vec<u8>> {
    // No `Wechatpay-*` headers: WeChat does not sign bill files.
    http::Response::builder().status(status).body(body).unwrap()
}

/// Answers with a canned body, handed out in chunks of `size` bytes.
#[derive(Clone)]
struct Chunked {
    body: Bytes,
    size: usize,
    requests: std::sync::Arc<std::sync::Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl Chunked {
    fn new(body: Vec<u8>, size: usize) -> Self {
        Self { body: body.into(), size, requests: std::sync::Arc::default() }
    }
}

struct Pieces(Bytes, usize);

impl ChunkSource for Pieces {
    fn next_chunk(
        &mut self,
    ) -> Pin<Box<dyn Future<Output = Result<Option<Bytes>, TransportError>> + Send + '_>> {
        let n = self.1.min(self.0.len());
        let chunk = (n > 0).then(|| self.0.split_to(n));
        Box::pin(async move { Ok(chunk) })
    }
}

impl Transport for Chunked {
    async fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        panic!("a bill download must stream");
    }

    async fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<StreamingBody>, TransportError> {
        self.requests.lock().unwrap().push(request);
        Ok(http::Response::new(StreamingBody::from_source(Pieces(self.body.clone(), self.size))))
    }
}

#[tokio::test]
async fn plain_bill_is_signed_like_a_get_and_verified_by_its_sha1() {
    let recorder = Recorder::default();
    recorder.answer(raw(200, bill_bytes()));
    let client = builder().build_with_transport(recorder.clone()).unwrap();
    let mut out = Vec::new();
    let bill = client.download_bill(&sha1_file(), &mut out).await.unwrap();
    assert_eq!(out, bill_bytes());
    assert_eq!(bill.digest, fixture("bill_trade.sha1").trim());
    assert_eq!(bill.bytes, bill_bytes().len() as u64);
    assert!(!bill.gzip);
    let (method, uri, body, headers) = recorder.last();
    assert_eq!(method, "GET");
    assert_eq!(uri, URL, "the download URL exactly as given");
    assert!(body.is_empty());
    let auth = headers["authorization"].to_str().unwrap();
    assert!(auth.starts_with("WECHATPAY2-SHA256-RSA2048 mchid=\"1900007291\""), "{auth}");
}

#[tokio::test]
async fn gzip_bill_streams_in_small_chunks_and_hashes_the_decompressed_bytes() {
    for size in [1, 7, 4096, 1 << 20] {
        let transport = Chunked::new(gz_bytes(), size);
        let client = builder().build_with_transport(transport.clone()).unwrap();
        let mut out = Vec::new();
        let bill = client.download_bill(&sha1_file(), &mut out).await.unwrap();
        assert!(bill.gzip, "chunk size {size}");
        assert_eq!(out, bill_bytes(), "chunk size {size}");
        assert_eq!(transport.requests.lock().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn sha256_when_hash_type_says_so() {
    let transport = Chunked::new(bill_bytes(), 1000);
    let client = builder().build_with_transport(transport).unwrap();
    let file = BillFile::new("SHA256", fixture("bill_trade.sha256").trim(), URL);
    let bill = client.download_bill(&file, &mut Vec::new()).await.unwrap();
    assert_eq!(bill.hash_type, HashType::Sha256);
}

#[tokio::test]
async fn a_changed_byte_is_a_hash_mismatch() {
    let mut tampered = bill_bytes();
    let last_digit = tampered.iter().rposition(u8::is_ascii_digit).unwrap();
    tampered[last_digit] = if tampered[last_digit] == b'9' { b'8' } else { b'9' };
    for body in [tampered.clone(), {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, &tampered).unwrap();
        gz.finish().unwrap()
    }] {
        let client = builder().build_with_transport(Chunked::new(body, 999)).unwrap();
        let err = client.download_bill(&sha1_file(), &mut Vec::new()).await.unwrap_err();
        match err {
            Error::Bill(BillError::HashMismatch { expected, actual, hash_type }) => {
                assert_eq!(hash_type, HashType::Sha1);
                assert_eq!(expected, fixture("bill_trade.sha1").trim());
                assert_ne!(actual, expected);
            }
            other => panic!("expected a hash mismatch, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_foreign_origin_is_refused_before_anything_is_sent() {
    let transport = Chunked::new(bill_bytes(), 1000);
    let client = builder().build_with_transport(transport.clone()).unwrap();
    let file = BillFile::new(
        "SHA1",
        fixture("bill_trade.sha1").trim(),
        "https://evil.example/v3/billdownload/file?token=x",
    );
    let err = client.download_bill(&file, &mut Vec::new()).await.unwrap_err();
    assert!(
        matches!(err, Error::Bill(BillError::ForeignUrl { ref found, .. }) if found == "https://evil.example"),
        "{err:?}"
    );
    assert!(transport.requests.lock().unwrap().is_empty());
}

#[tokio::test]
async fn size_limit_applies_to_compressed_and_decompressed_bytes() {
    let options = DownloadOptions::new().max_bytes(50_000);
    for body in [bill_bytes(), gz_bytes()] {
        let client = builder().build_with_transport(Chunked::new(body, 4096)).unwrap();
        let err =
            client.download_bill_with(&sha1_file(), &options, &mut Vec::new()).await.unwrap_err();
        assert!(matches!(err, Error::Bill(BillError::TooLarge { limit: 50_000 })), "{err:?}");
    }
}

#[tokio::test]
async fn broken_gzip_is_a_typed_error() {
    let mut gz = gz_bytes();
    gz.truncate(20);
    gz.extend_from_slice(&[0xff; 64]);
    let client = builder().build_with_transport(Chunked::new(gz, 4096)).unwrap();
    let err = client.download_bill(&sha1_file(), &mut Vec::new()).await.unwrap_err();
    assert!(matches!(err, Error::Bill(BillError::Gzip(_))), "{err:?}");
}

#[tokio::test]
async fn error_answers_are_api_errors() {
    let recorder = Recorder::default();
    recorder.answer(raw(400, br#"{"code":"INVALID_REQUEST","message":"token expired"}"#.to_vec()));
    let client = builder().build_with_transport(recorder).unwrap();
    let err = client.download_bill(&sha1_file(), &mut Vec::new()).await.unwrap_err();
    assert_eq!(err.api_code(), Some("INVALID_REQUEST"));
}

#[tokio::test]
async fn the_download_runs_under_a_timeout() {
    // Recorder with no answer queued never answers.
    let client = builder().build_with_transport(Recorder::default()).unwrap();
    let options = DownloadOptions::new().timeout(Duration::from_millis(50));
    let err = client.download_bill_with(&sha1_file(), &options, &mut Vec::new()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == wxpay_core::TransportErrorKind::Timeout),
        "{err:?}"
    );
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn to_file_renames_only_a_verified_bill() {
    let dir = std::env::temp_dir().join(format!("wxpay-bill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bill.csv");
    let _ = std::fs::remove_file(&path);

    let client = builder().build_with_transport(Chunked::new(gz_bytes(), 333)).unwrap();
    client.download_bill_to_file(&sha1_file(), &path).await.unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bill_bytes());
    assert_eq!(entries(&dir), ["bill.csv"]);

    let other = dir.join("tampered.csv");
    let mut tampered = bill_bytes();
    tampered[100] ^= 1;
    let client = builder().build_with_transport(Chunked::new(tampered, 333)).unwrap();
    let err = client.download_bill_to_file(&sha1_file(), &other).await.unwrap_err();
    assert!(matches!(err, Error::Bill(BillError::HashMismatch { .. })), "{err:?}");
    assert_eq!(entries(&dir), ["bill.csv"], "no file and no temporary file left");

    // A failed download over an existing file leaves it untouched.
    let client = builder().build_with_transport(Chunked::new(b"garbage".to_vec(), 333)).unwrap();
    assert!(client.download_bill_to_file(&sha1_file(), &path).await.is_err());
    assert_eq!(std::fs::read(&path).unwrap(), bill_bytes());
    assert_eq!(entries(&dir), ["bill.csv"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
