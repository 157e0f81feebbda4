//! The APIv3 key and `AEAD_AES_256_GCM` resources (protocol §5): notification resources and
//! downloaded platform certificates.

use std::fmt;

use base64::{Engine as _, engine::general_purpose::STANDARD};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::{
    crypto::backend,
    error::{ConfigError, DecryptError},
};

/// The only algorithm WeChat Pay uses for encrypted resources.
pub const AEAD_AES_256_GCM: &str = "AEAD_AES_256_GCM";

/// The APIv3 key set in the merchant portal: exactly 32 bytes, used as raw bytes.
///
/// Redacted in `Debug`, zeroized on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ApiV3Key([u8; 32]);

impl fmt::Debug for ApiV3Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiV3Key(<redacted>)")
    }
}

impl ApiV3Key {
    /// Validates the key: its UTF-8 bytes must be exactly 32 (the portal's 32 characters).
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidKey`] stating the length found (never the key).
    pub fn new(key: &str) -> Result<Self, ConfigError> {
        let bytes = key.trim().as_bytes();
        let array: [u8; 32] = bytes.try_into().map_err(|_| ConfigError::InvalidKey {
            what: "APIv3 key",
            reason: format!(
                "must be exactly 32 bytes (the 32 characters set in the merchant portal), found {}",
                bytes.len()
            ),
        })?;
        Ok(Self(array))
    }

    /// Decrypts an encrypted resource (notification `resource`, `encrypt_certificate`).
    ///
    /// # Errors
    ///
    /// [`DecryptError`] saying which check failed: algorithm, nonce length, Base64, or the
    /// authentication tag (wrong key or altered data).
    pub fn decrypt(&self, resource: &EncryptedResource) -> Result<Vec<u8>, DecryptError> {
        if resource.algorithm != AEAD_AES_256_GCM {
            return Err(DecryptError::UnsupportedAlgorithm(
                resource.algorithm.chars().take(64).collect(),
            ));
        }
        let nonce: [u8; 12] = resource
            .nonce
            .as_bytes()
            .try_into()
            .map_err(|_| DecryptError::NonceLength(resource.nonce.len()))?;
        let data =
            STANDARD.decode(&resource.ciphertext).map_err(|_| DecryptError::InvalidBase64)?;
        if data.len() < 16 {
            return Err(DecryptError::TooShort);
        }
        let aad = resource.associated_data.as_deref().unwrap_or("");
        backend::aes_256_gcm_decrypt(&self.0, &nonce, aad.as_bytes(), &data)
            .map_err(|()| DecryptError::TagMismatch)
    }

    /// Decrypts an encrypted resource that holds UTF-8 text.
    ///
    /// # Errors
    ///
    /// As [`ApiV3Key::decrypt`], or [`DecryptError::NotUtf8`].
    pub fn decrypt_to_string(&self, resource: &EncryptedResource) -> Result<String, DecryptError> {
        String::from_utf8(self.decrypt(resource)?).map_err(|_| DecryptError::NotUtf8)
    }

    /// Encrypts `plaintext` as WeChat Pay does (for simulators and tests).
    ///
    /// # Errors
    ///
    /// [`DecryptError::NonceLength`] unless `nonce` is 12 bytes.
    pub fn encrypt(
        &self,
        nonce: &str,
        associated_data: &str,
        plaintext: &[u8],
    ) -> Result<EncryptedResource, DecryptError> {
        let nonce_bytes: [u8; 12] =
            nonce.as_bytes().try_into().map_err(|_| DecryptError::NonceLength(nonce.len()))?;
        let sealed = backend::aes_256_gcm_encrypt(
            &self.0,
            &nonce_bytes,
            associated_data.as_bytes(),
            plaintext,
        )
        .map_err(|()| DecryptError::TagMismatch)?;
        Ok(EncryptedResource {
            algorithm: AEAD_AES_256_GCM.to_owned(),
            ciphertext: STANDARD.encode(sealed),
            associated_data: Some(associated_data.to_owned()),
            nonce: nonce.to_owned(),
            original_type: None,
        })
    }
}

/// An `AEAD_AES_256_GCM` encrypted resource as WeChat Pay sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EncryptedResource {
    /// Always `AEAD_AES_256_GCM`.
    pub algorithm: String,
    /// Base64 of ciphertext followed by the 16-byte tag.
    pub ciphertext: String,
    /// Associated data (raw string; may be absent or empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_data: Option<String>,
    /// The 12-character nonce (raw string, not Base64).
    pub nonce: String,
    /// The type of the plaintext, e.g. `payscore` (notifications only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_type: Option<String>,
}

impl EncryptedResource {
    /// Sets `original_type`.
    #[must_use]
    pub fn with_original_type(mut self, original_type: impl Into<String>) -> Self {
        self.original_type = Some(original_type.into());
        self
    }
}
