//! Encrypted bill files (加密账单): the `download_bill_list[]` entries of PayScore's
//! 商户申请获取对账单 (`GET /v3/payscore/merchant-bill`) and the partner 申请单个子商户资金账单
//! (`GET /v3/bill/sub-merchant-fundflowbill`).
//!
//! Each file is `AEAD_AES_256_GCM` ciphertext (tag appended, no associated data) under a key
//! of its own; `encrypt_key` is that key RSA-OAEP (SHA-1, MGF1-SHA-1) encrypted to the
//! **merchant** certificate's public key, so only the merchant private key the client signs
//! with opens it. WeChat: "商户获取到的对账单数据，需先解密、再解压，才能得到原始账单文件" —
//! decrypt, then decompress, then check `hash_value` against the digest of the original bill.
//!
//! AES-GCM authenticates the whole file at its end, so an encrypted file is held in memory
//! (within [`DownloadOptions::max_bytes`]) and nothing reaches the writer before both the tag
//! and the digest verified.

use std::fmt;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncWrite, AsyncWriteExt as _};
use zeroize::Zeroizing;

use super::{
    BillError, BillFile, DownloadOptions, DownloadedBill, ERROR_BODY_LIMIT, HashType, PIECE,
    download_target, expected_digest, hex,
};
use crate::{
    Client, Error, Transport,
    client::{api_error, request_id},
    crypto::backend,
    error::{DecryptError, TransportError, TransportErrorKind},
};

/// One encrypted file of a bill (`download_bill_list[]`).
///
/// `Debug` redacts `encrypt_key` and the download token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EncryptedBillFile {
    /// 账单文件序号 `bill_sequence`: the position of this file in the bill, from 1; join the
    /// decrypted files in this order.
    pub bill_sequence: u32,
    /// 下载地址 `download_url`: valid for about 5 minutes.
    pub download_url: String,
    /// 加密密钥 `encrypt_key`: the file's AES-256-GCM key, RSA-OAEP encrypted to the merchant
    /// certificate's public key, Base64.
    pub encrypt_key: String,
    /// 哈希类型 `hash_type`: `SHA1`.
    pub hash_type: HashType,
    /// 哈希值 `hash_value`: digest of the original bill (decrypted and decompressed).
    pub hash_value: String,
    /// 随机字符串 `nonce`: the AES-GCM nonce of the file (its 12 UTF-8 bytes).
    pub nonce: String,
}

impl EncryptedBillFile {
    /// An entry from its six documented fields.
    pub fn new(
        bill_sequence: u32,
        download_url: impl Into<String>,
        encrypt_key: impl Into<String>,
        hash_type: impl Into<HashType>,
        hash_value: impl Into<String>,
        nonce: impl Into<String>,
    ) -> Self {
        Self {
            bill_sequence,
            download_url: download_url.into(),
            encrypt_key: encrypt_key.into(),
            hash_type: hash_type.into(),
            hash_value: hash_value.into(),
            nonce: nonce.into(),
        }
    }

    fn as_bill_file(&self) -> BillFile {
        BillFile::new(self.hash_type.clone(), self.hash_value.clone(), self.download_url.clone())
    }
}

impl fmt::Debug for EncryptedBillFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.download_url.split('?').next().unwrap_or_default();
        f.debug_struct("EncryptedBillFile")
            .field("bill_sequence", &self.bill_sequence)
            .field("download_url", &format_args!("{shown}?<redacted>"))
            .field("encrypt_key", &"<redacted>")
            .field("hash_type", &self.hash_type)
            .field("hash_value", &self.hash_value)
            .field("nonce", &self.nonce)
            .finish()
    }
}

impl<T: Transport> Client<T> {
    /// Downloads the encrypted bill file `file` describes, decrypts it with the client's
    /// merchant private key, decompresses it when it is gzip, checks its digest, and only
    /// then writes the plain bill to `out`. See the [module docs](crate::bill::encrypted).
    ///
    /// # Errors
    ///
    /// [`Error::Bill`]: [`BillError::Decrypt`] (key, nonce or tag), [`BillError::HashMismatch`],
    /// [`BillError::TooLarge`], foreign URL, gzip, write; [`Error::Api`] for an error answer;
    /// [`Error::Transport`] (including the timeout).
    pub async fn download_encrypted_bill<W>(
        &self,
        file: &EncryptedBillFile,
        out: &mut W,
    ) -> Result<DownloadedBill, Error>
    where
        W: AsyncWrite + Unpin + Send,
    {
        self.download_encrypted_bill_with(file, &DownloadOptions::default(), out).await
    }

    /// [`Client::download_encrypted_bill`] with explicit limits.
    ///
    /// # Errors
    ///
    /// As [`Client::download_encrypted_bill`].
    pub async fn download_encrypted_bill_with<W>(
        &self,
        file: &EncryptedBillFile,
        options: &DownloadOptions,
        out: &mut W,
    ) -> Result<DownloadedBill, Error>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let expected = expected_digest(&file.as_bill_file())?;
        let (key, nonce) = self.bill_key(file)?;
        let target = download_target(self.origin(), &file.download_url)?;
        let request = self.sign_raw(crate::Method::Get, &target, Vec::new())?;
        let timeout = options.timeout.unwrap_or_else(|| self.request_timeout());
        let fetch = self.fetch_encrypted(request, options.max_bytes);
        let sealed = match tokio::time::timeout(timeout, fetch).await {
            Ok(result) => result?,
            Err(_) => return Err(TransportError::from_kind(TransportErrorKind::Timeout).into()),
        };
        let packed = Zeroizing::new(
            backend::aes_256_gcm_decrypt(&key, &nonce, b"", &sealed)
                .map_err(|()| BillError::Decrypt(DecryptError::TagMismatch))?,
        );
        let (plain, gzip) = decompress(&packed, options.max_bytes)?;
        let mut hasher =
            file.hash_type.hasher().ok_or_else(|| super::unsupported(&file.hash_type))?;
        hasher.update(&plain);
        let digest = hasher.finish();
        if digest != expected {
            return Err(BillError::HashMismatch {
                hash_type: file.hash_type.clone(),
                expected: hex(&expected),
                actual: hex(&digest),
            }
            .into());
        }
        out.write_all(&plain).await.map_err(BillError::Write)?;
        out.flush().await.map_err(BillError::Write)?;
        Ok(DownloadedBill {
            hash_type: file.hash_type.clone(),
            digest: hex(&digest),
            bytes: plain.len() as u64,
            gzip,
        })
    }

    /// The file's AES key (OAEP-decrypted with the merchant key) and nonce.
    fn bill_key(
        &self,
        file: &EncryptedBillFile,
    ) -> Result<(Zeroizing<[u8; 32]>, [u8; 12]), BillError> {
        let nonce: [u8; 12] = file
            .nonce
            .as_bytes()
            .try_into()
            .map_err(|_| BillError::Decrypt(DecryptError::NonceLength(file.nonce.len())))?;
        let raw = Zeroizing::new(
            self.merchant_private_key()
                .decrypt_oaep_base64(file.encrypt_key.trim())
                .map_err(BillError::Decrypt)?,
        );
        let key: [u8; 32] =
            raw.as_slice().try_into().map_err(|_| BillError::BillKeyLength(raw.len()))?;
        Ok((Zeroizing::new(key), nonce))
    }

    /// The whole (encrypted) answer body, within `max_bytes`.
    async fn fetch_encrypted(
        &self,
        request: http::Request<Vec<u8>>,
        max_bytes: u64,
    ) -> Result<Vec<u8>, Error> {
        let response = self.transport().send_streaming(request).await?;
        let (parts, mut body) = response.into_parts();
        if !parts.status.is_success() {
            let id = request_id(&parts.headers);
            let text = body.collect_limited(ERROR_BODY_LIMIT).await?.unwrap_or_default();
            return Err(api_error(parts.status, &text, id));
        }
        let mut sealed = Vec::new();
        while let Some(chunk) = body.next_chunk().await? {
            if (sealed.len() + chunk.len()) as u64 > max_bytes {
                return Err(BillError::TooLarge { limit: max_bytes }.into());
            }
            sealed.extend_from_slice(&chunk);
        }
        Ok(sealed)
    }
}

/// The plain bill: gunzipped when it starts with the gzip magic, within `max_bytes`.
fn decompress(data: &[u8], max_bytes: u64) -> Result<(Vec<u8>, bool), BillError> {
    use std::io::Write as _;
    if !data.starts_with(&[0x1f, 0x8b]) {
        if data.len() as u64 > max_bytes {
            return Err(BillError::TooLarge { limit: max_bytes });
        }
        return Ok((data.to_vec(), false));
    }
    let mut gz = flate2::write::MultiGzDecoder::new(Vec::new());
    for piece in data.chunks(PIECE) {
        gz.write_all(piece).map_err(BillError::Gzip)?;
        if gz.get_ref().len() as u64 > max_bytes {
            return Err(BillError::TooLarge { limit: max_bytes });
        }
    }
    let plain = gz.finish().map_err(BillError::Gzip)?;
    if plain.len() as u64 > max_bytes {
        return Err(BillError::TooLarge { limit: max_bytes });
    }
    Ok((plain, true))
}

/// A bill file encrypted as WeChat encrypts them: what [`encrypt_bill_file`] returns.
#[derive(Clone)]
#[non_exhaustive]
pub struct SealedBillFile {
    /// The file as served: AES-256-GCM ciphertext with the tag appended.
    pub bytes: Vec<u8>,
    /// `encrypt_key`: the AES key RSA-OAEP encrypted to the merchant key, Base64.
    pub encrypt_key: String,
    /// `nonce`: 12 alphanumeric characters.
    pub nonce: String,
}

impl fmt::Debug for SealedBillFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealedBillFile")
            .field("bytes", &self.bytes.len())
            .field("encrypt_key", &"<redacted>")
            .field("nonce", &self.nonce)
            .finish()
    }
}

/// Encrypts `bill` (already gzip-compressed if it is to be) as WeChat does for
/// [`EncryptedBillFile`]s, for simulators and tests: a fresh random AES-256-GCM key and
/// 12-character nonce, no associated data, the key RSA-OAEP encrypted to `merchant`.
///
/// # Errors
///
/// [`Error::Build`](crate::Error) if the OS RNG fails, [`BillError::Decrypt`] if the key
/// cannot be encrypted to `merchant`.
pub fn encrypt_bill_file(
    merchant: &crate::PublicKey,
    bill: &[u8],
) -> Result<SealedBillFile, Error> {
    let mut key = Zeroizing::new([0u8; 32]);
    getrandom::fill(key.as_mut_slice()).map_err(crate::BuildError::Random)?;
    let nonce: String =
        crate::sign::nonce().map_err(crate::BuildError::Random)?.chars().take(12).collect();
    let nonce_bytes: [u8; 12] = nonce
        .as_bytes()
        .try_into()
        .map_err(|_| BillError::Decrypt(DecryptError::NonceLength(nonce.len())))?;
    let bytes = backend::aes_256_gcm_encrypt(&key, &nonce_bytes, b"", bill)
        .map_err(|()| BillError::Decrypt(DecryptError::OaepEncrypt))?;
    let encrypt_key = merchant.encrypt_oaep_base64(key.as_slice()).map_err(BillError::Decrypt)?;
    Ok(SealedBillFile { bytes, encrypt_key, nonce })
}
