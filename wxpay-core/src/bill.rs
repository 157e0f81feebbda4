//! Bill download (下载账单): the protocol special case of `GET <download_url>` (protocol §8.2).
//!
//! The bill endpoints (`/v3/bill/tradebill`, `/v3/bill/fundflowbill`, …, in
//! `wxpay-settlement`) answer a [`BillFile`]: `hash_type`, `hash_value` and `download_url`.
//! The download itself is signed like any `GET` (the canonical URL is the path and query of
//! `download_url`), but WeChat's answer carries **no** `Wechatpay-*` signature. It is
//! verified instead by the digest (`SHA1`, or what `hash_type` says) of the **decompressed**
//! bytes against `hash_value`:
//!
//! - [`Client::download_bill`] streams the decompressed bill into an `AsyncWrite` and fails
//!   with [`BillError::HashMismatch`] when the digest differs: the bytes written are then
//!   not a bill and must be discarded;
//! - [`Client::download_bill_to_file`] writes a temporary file next to the target and renames
//!   it only once the digest matched, so a failed download leaves no file behind.
//!
//! A gzip answer (`tar_type=GZIP`) is recognised by its magic bytes and decompressed on the
//! fly; nothing holds more than one chunk of the bill in memory. The whole download runs
//! under the client's timeout (or [`DownloadOptions::timeout`]) and a size limit
//! ([`DownloadOptions::max_bytes`], compressed and decompressed). A `download_url` whose
//! origin is not the client's base URL origin is refused before anything is signed or sent
//! ([`BillError::ForeignUrl`]): a signed request never leaves for another host.
//!
//! Encrypted bill files ([`EncryptedBillFile`]: PayScore's merchant bill, the partner
//! sub-merchant fund-flow bill) are opened with the client's merchant private key by
//! [`Client::download_encrypted_bill`]; see [`encrypted`].
//!
//! ```no_run
//! use wxpay_core::bill::BillFile;
//! # async fn run(client: wxpay_core::Client, file: BillFile) -> Result<(), wxpay_core::Error> {
//! // `file` is the answer of the trade-bill endpoint (wxpay-settlement's `GetTradeBill`).
//! let bill = client.download_bill_to_file(&file, "tradebill-2026-12-01.csv").await?;
//! println!("{} bytes, {} verified", bill.bytes, bill.hash_type);
//! # Ok(()) }
//! ```

use std::{
    fmt,
    io::Write as _,
    path::{Path, PathBuf},
    time::Duration,
};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncWrite, AsyncWriteExt as _};

use crate::{
    Client, Error, Transport,
    client::{api_error, request_id},
    crypto::backend::Hasher,
    error::{TransportError, TransportErrorKind},
    sign,
};

pub mod encrypted;
mod hash;

pub use encrypted::EncryptedBillFile;
pub use hash::HashType;
use hash::{hex, unhex};

/// Default [`DownloadOptions::max_bytes`]: 1 GiB.
pub const DEFAULT_MAX_BILL_BYTES: u64 = 1 << 30;

/// How much of an error answer is read.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Gzip input is fed to the decoder in pieces of this size, so that one network chunk cannot
/// expand far past the size limit before it is checked.
const PIECE: usize = 8 * 1024;

/// Where a bill is and what it hashes to: the answer of WeChat's bill endpoints
/// (申请交易账单 / 申请资金账单).
///
/// `Debug` shows the download URL without its query: the `token` is a short-lived bearer of
/// the bill.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillFile {
    /// 哈希类型 `hash_type`: `SHA1`.
    pub hash_type: HashType,
    /// 哈希值 `hash_value`: hex digest of the decompressed bill.
    pub hash_value: String,
    /// 账单下载地址 `download_url`: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=…`,
    /// valid for a few minutes.
    pub download_url: String,
}

impl BillFile {
    /// A bill location from its three documented fields.
    pub fn new(
        hash_type: impl Into<HashType>,
        hash_value: impl Into<String>,
        download_url: impl Into<String>,
    ) -> Self {
        Self {
            hash_type: hash_type.into(),
            hash_value: hash_value.into(),
            download_url: download_url.into(),
        }
    }
}

impl fmt::Debug for BillFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.download_url.split('?').next().unwrap_or_default();
        f.debug_struct("BillFile")
            .field("hash_type", &self.hash_type)
            .field("hash_value", &self.hash_value)
            .field("download_url", &format_args!("{shown}?<redacted>"))
            .finish()
    }
}

/// Limits of one download.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DownloadOptions {
    /// Largest accepted bill, compressed and decompressed (default
    /// [`DEFAULT_MAX_BILL_BYTES`]).
    pub max_bytes: u64,
    /// Time for the whole download; the client's request timeout when `None` (default).
    pub timeout: Option<Duration>,
}

impl Default for DownloadOptions {
    fn default() -> Self {
        Self { max_bytes: DEFAULT_MAX_BILL_BYTES, timeout: None }
    }
}

impl DownloadOptions {
    /// The defaults.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`DownloadOptions::max_bytes`].
    #[must_use]
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets [`DownloadOptions::timeout`].
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// A downloaded bill whose digest matched `hash_value`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DownloadedBill {
    /// The digest that was checked.
    pub hash_type: HashType,
    /// The digest of the decompressed bill, lower-case hex (equal to `hash_value`).
    pub digest: String,
    /// Length of the decompressed bill in bytes.
    pub bytes: u64,
    /// Whether the answer was gzip (`tar_type=GZIP`).
    pub gzip: bool,
}

/// Why a bill download was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BillError {
    /// `download_url` points to another origin than the client's base URL: nothing was
    /// signed or sent.
    #[error("bill download URL origin `{found}` is not the client's API origin `{expected}`")]
    ForeignUrl {
        /// `scheme://host[:port]` of the download URL.
        found: String,
        /// `scheme://host[:port]` of the client's base URL.
        expected: String,
    },
    /// `download_url` is not an absolute URL.
    #[error("bill download URL is not an absolute http(s) URL")]
    InvalidUrl,
    /// `hash_type` names a digest this version does not implement.
    #[error("unsupported bill hash_type `{0}`")]
    UnsupportedHash(String),
    /// `hash_value` is not a hex digest of the length `hash_type` implies.
    #[error("bill hash_value is not a {0} hex digest")]
    InvalidHashValue(HashType),
    /// The digest of the decompressed bill differs from `hash_value`: the bill was altered
    /// or truncated. Whatever was written is not the bill.
    #[error(
        "bill {hash_type} mismatch: WeChat announced {expected}, the download hashes to {actual}"
    )]
    HashMismatch {
        /// The digest algorithm.
        hash_type: HashType,
        /// `hash_value` as announced (lower case).
        expected: String,
        /// The digest of what arrived.
        actual: String,
    },
    /// The bill is larger than [`DownloadOptions::max_bytes`].
    #[error("bill is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// The answer started as gzip but does not decompress.
    #[error("bill is not valid gzip")]
    Gzip(#[source] std::io::Error),
    /// Writing the bill failed.
    #[error("cannot write the bill")]
    Write(#[source] std::io::Error),
    /// An encrypted bill file ([`EncryptedBillFile`]) does not decrypt: `encrypt_key` is not
    /// for the client's merchant key, the nonce is not 12 bytes, or the file was altered
    /// (AES-GCM tag mismatch). Nothing was written.
    #[error("cannot decrypt the bill file")]
    Decrypt(#[source] crate::error::DecryptError),
    /// `encrypt_key` decrypted to a key of this many bytes instead of 32.
    #[error("the bill file key is {0} bytes, expected 32 (AES-256)")]
    BillKeyLength(usize),
    /// Creating, syncing or renaming the bill file failed.
    #[error("cannot write the bill file `{path}`")]
    File {
        /// The path concerned.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl<T: Transport> Client<T> {
    /// Downloads the bill `file` describes into `out` (decompressed), checking its digest.
    /// See the [module docs](crate::bill).
    ///
    /// On error, whatever was written to `out` is not a valid bill: discard it (or use
    /// [`Client::download_bill_to_file`], which does).
    ///
    /// # Errors
    ///
    /// [`Error::Bill`] (foreign URL, hash mismatch, size, gzip, write), [`Error::Api`] for an
    /// error answer, [`Error::Transport`] (including the timeout).
    pub async fn download_bill<W>(
        &self,
        file: &BillFile,
        out: &mut W,
    ) -> Result<DownloadedBill, Error>
    where
        W: AsyncWrite + Unpin + Send,
    {
        self.download_bill_with(file, &DownloadOptions::default(), out).await
    }

    /// [`Client::download_bill`] with explicit limits.
    ///
    /// # Errors
    ///
    /// As [`Client::download_bill`].
    pub async fn download_bill_with<W>(
        &self,
        file: &BillFile,
        options: &DownloadOptions,
        out: &mut W,
    ) -> Result<DownloadedBill, Error>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let expected = expected_digest(file)?;
        let target = download_target(self.origin(), &file.download_url)?;
        let request = self.sign_raw(crate::Method::Get, &target, Vec::new())?;
        let timeout = options.timeout.unwrap_or_else(|| self.request_timeout());
        let download = self.stream(request, file, &expected, options.max_bytes, out);
        match tokio::time::timeout(timeout, download).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::from_kind(TransportErrorKind::Timeout).into()),
        }
    }

    /// Downloads the bill `file` describes to `path` (decompressed): written to a temporary
    /// file in the same directory and renamed to `path` only once the digest matched. On any
    /// error no file is left behind (and an existing `path` is untouched).
    ///
    /// # Errors
    ///
    /// As [`Client::download_bill`], and [`BillError::File`] for the file system.
    pub async fn download_bill_to_file(
        &self,
        file: &BillFile,
        path: impl AsRef<Path>,
    ) -> Result<DownloadedBill, Error> {
        self.download_bill_to_file_with(file, &DownloadOptions::default(), path).await
    }

    /// [`Client::download_bill_to_file`] with explicit limits.
    ///
    /// # Errors
    ///
    /// As [`Client::download_bill_to_file`].
    pub async fn download_bill_to_file_with(
        &self,
        file: &BillFile,
        options: &DownloadOptions,
        path: impl AsRef<Path>,
    ) -> Result<DownloadedBill, Error> {
        let path = path.as_ref();
        let file_error =
            |p: &Path, source| BillError::File { path: p.display().to_string(), source };
        let name = path.file_name().ok_or_else(|| {
            file_error(path, std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))
        })?;
        let suffix = sign::nonce().map_err(crate::BuildError::Random)?;
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.part", &suffix[..suffix.len().min(12)]));
        let temp = path.with_file_name(temp_name);
        let mut guard = TempFile(Some(temp.clone()));
        let mut out = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .await
            .map_err(|e| file_error(&temp, e))?;
        let downloaded = self.download_bill_with(file, options, &mut out).await?;
        out.sync_all().await.map_err(|e| file_error(&temp, e))?;
        drop(out);
        tokio::fs::rename(&temp, path).await.map_err(|e| file_error(path, e))?;
        guard.0 = None;
        Ok(downloaded)
    }

    async fn stream<W>(
        &self,
        request: http::Request<Vec<u8>>,
        file: &BillFile,
        expected: &[u8],
        max_bytes: u64,
        out: &mut W,
    ) -> Result<DownloadedBill, Error>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let response = self.transport().send_streaming(request).await?;
        let (parts, mut body) = response.into_parts();
        if !parts.status.is_success() {
            let id = request_id(&parts.headers);
            let text = body.collect_limited(ERROR_BODY_LIMIT).await?.unwrap_or_default();
            return Err(api_error(parts.status, &text, id));
        }
        let mut hasher = file.hash_type.hasher().ok_or_else(|| unsupported(&file.hash_type))?;
        let mut received: u64 = 0;
        let mut written: u64 = 0;
        let mut head: Vec<u8> = Vec::new();
        let mut decoder: Option<Option<flate2::write::MultiGzDecoder<Vec<u8>>>> = None;
        let mut sink = Sink { hasher: &mut hasher, written: &mut written, max_bytes, out };
        loop {
            let chunk = body.next_chunk().await?;
            let Some(chunk) = chunk else { break };
            received += chunk.len() as u64;
            if received > max_bytes {
                return Err(BillError::TooLarge { limit: max_bytes }.into());
            }
            // Decide plain or gzip on the first two bytes.
            let data: Vec<u8> = if decoder.is_none() {
                head.extend_from_slice(&chunk);
                if head.len() < 2 {
                    continue;
                }
                decoder = Some(
                    head.starts_with(&[0x1f, 0x8b])
                        .then(|| flate2::write::MultiGzDecoder::new(Vec::new())),
                );
                std::mem::take(&mut head)
            } else {
                chunk.to_vec()
            };
            match decoder.as_mut().and_then(Option::as_mut) {
                Some(gz) => {
                    for piece in data.chunks(PIECE) {
                        gz.write_all(piece).map_err(BillError::Gzip)?;
                        let produced = std::mem::take(gz.get_mut());
                        sink.put(&produced).await?;
                    }
                }
                None => sink.put(&data).await?,
            }
        }
        let gzip = match decoder {
            // Fewer than two bytes in all: plain.
            None => {
                sink.put(&head).await?;
                false
            }
            Some(None) => false,
            Some(Some(mut gz)) => {
                gz.try_finish().map_err(BillError::Gzip)?;
                let rest = std::mem::take(gz.get_mut());
                sink.put(&rest).await?;
                true
            }
        };
        sink.out.flush().await.map_err(BillError::Write)?;
        let digest = hasher.finish();
        if digest != expected {
            return Err(BillError::HashMismatch {
                hash_type: file.hash_type.clone(),
                expected: hex(expected),
                actual: hex(&digest),
            }
            .into());
        }
        Ok(DownloadedBill {
            hash_type: file.hash_type.clone(),
            digest: hex(&digest),
            bytes: written,
            gzip,
        })
    }
}

/// Hashes, counts and writes decompressed bytes.
struct Sink<'a, W> {
    hasher: &'a mut Hasher,
    written: &'a mut u64,
    max_bytes: u64,
    out: &'a mut W,
}

impl<W: AsyncWrite + Unpin + Send> Sink<'_, W> {
    async fn put(&mut self, data: &[u8]) -> Result<(), BillError> {
        if data.is_empty() {
            return Ok(());
        }
        *self.written += data.len() as u64;
        if *self.written > self.max_bytes {
            return Err(BillError::TooLarge { limit: self.max_bytes });
        }
        self.hasher.update(data);
        self.out.write_all(data).await.map_err(BillError::Write)
    }
}

/// Removes the temporary file when dropped, unless disarmed (`None`): also when the download
/// future is dropped half-way.
struct TempFile(Option<PathBuf>);

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn unsupported(hash_type: &HashType) -> BillError {
    BillError::UnsupportedHash(hash_type.as_str().to_owned())
}

/// The announced digest as bytes, checked against the hash type.
fn expected_digest(file: &BillFile) -> Result<Vec<u8>, BillError> {
    if let HashType::Unknown(_) = file.hash_type {
        return Err(unsupported(&file.hash_type));
    }
    unhex(file.hash_value.trim())
        .filter(|d| d.len() == file.hash_type.digest_len())
        .ok_or_else(|| BillError::InvalidHashValue(file.hash_type.clone()))
}

/// The request target (`/path?query`) of `url`, which must share `origin`
/// (`scheme://host[:port]`, compared case-insensitively).
pub(crate) fn download_target(origin: &str, url: &str) -> Result<String, BillError> {
    let uri: http::Uri = url.trim().parse().map_err(|_| BillError::InvalidUrl)?;
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return Err(BillError::InvalidUrl);
    };
    let found = format!("{scheme}://{authority}");
    if !found.eq_ignore_ascii_case(origin) {
        return Err(BillError::ForeignUrl { found, expected: origin.to_owned() });
    }
    let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
    Ok(if target.starts_with('/') { target.to_owned() } else { format!("/{target}") })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn targets_stay_on_the_origin() {
        let origin = "https://api.mch.weixin.qq.com";
        assert_eq!(
            download_target(
                origin,
                "https://api.mch.weixin.qq.com/v3/billdownload/file?token=a%2Fb&tartype=gzip"
            )
            .unwrap(),
            "/v3/billdownload/file?token=a%2Fb&tartype=gzip"
        );
        assert_eq!(
            download_target(origin, "HTTPS://API.MCH.WEIXIN.QQ.COM/v3/billdownload/file?token=x")
                .unwrap(),
            "/v3/billdownload/file?token=x"
        );
        for foreign in [
            "https://evil.example/v3/billdownload/file?token=x",
            "http://api.mch.weixin.qq.com/v3/billdownload/file?token=x",
            "https://api.mch.weixin.qq.com:8443/v3/billdownload/file?token=x",
            "https://api.mch.weixin.qq.com.evil.example/v3/billdownload/file",
        ] {
            let err = download_target(origin, foreign).unwrap_err();
            assert!(matches!(err, BillError::ForeignUrl { .. }), "{foreign}: {err:?}");
        }
        assert!(matches!(
            download_target(origin, "/v3/billdownload/file").unwrap_err(),
            BillError::InvalidUrl
        ));
    }

    #[test]
    fn hash_types_and_values() {
        assert_eq!(HashType::from("SHA1"), HashType::Sha1);
        assert_eq!(HashType::from("sha256"), HashType::Sha256);
        assert_eq!(HashType::from("MD5"), HashType::Unknown("MD5".into()));
        // `printf abc | sha1sum` and `| sha256sum`.
        assert_eq!(
            HashType::Sha1.hex_digest(b"abc").unwrap(),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            HashType::Sha256.hex_digest(b"abc").unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let file = BillFile::new("SHA1", "A9993E364706816ABA3E25717850C26C9CD0D89D", "https://x/y");
        assert_eq!(
            hex(&expected_digest(&file).unwrap()),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        let short = BillFile::new("SHA1", "a9993e", "https://x/y");
        assert!(matches!(
            expected_digest(&short),
            Err(BillError::InvalidHashValue(HashType::Sha1))
        ));
        let md5 = BillFile::new("MD5", "00", "https://x/y");
        assert!(matches!(expected_digest(&md5), Err(BillError::UnsupportedHash(h)) if h == "MD5"));
    }

    #[test]
    fn debug_hides_the_token() {
        let file = BillFile::new(
            "SHA1",
            "0".repeat(40),
            "https://api.mch.weixin.qq.com/v3/billdownload/file?token=SECRET",
        );
        let shown = format!("{file:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("/v3/billdownload/file"), "{shown}");
    }

    #[test]
    fn decodes_the_documented_answer() {
        let file: BillFile = serde_json::from_str(
            r#"{"hash_type":"SHA1","hash_value":"79bb0f45fc4c42234a918000b2668d689e2bde04","download_url":"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx","extra":1}"#,
        )
        .unwrap();
        assert_eq!(file.hash_type, HashType::Sha1);
        assert_eq!(file.hash_value, "79bb0f45fc4c42234a918000b2668d689e2bde04");
        assert_eq!(
            file.download_url,
            "https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx"
        );
    }
}
