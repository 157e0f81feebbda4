//! RSA keys: the merchant private key that signs requests, and WeChat Pay public keys that
//! verify responses and encrypt sensitive fields. Loaded from PEM (strings or files).

use std::{fmt, path::Path, sync::Arc};

use base64::{Engine as _, engine::general_purpose::STANDARD};

use crate::{
    crypto::backend,
    error::{ConfigError, DecryptError},
};

/// Minimum RSA modulus size accepted, in bits.
const MIN_BITS: usize = 2048;

/// The merchant API private key (`apiclient_key.pem`) that signs every request.
///
/// Loads PKCS#8 (`BEGIN PRIVATE KEY`) and PKCS#1 (`BEGIN RSA PRIVATE KEY`) PEM. Cheap to
/// clone. Its `Debug` output never shows key material.
#[derive(Clone)]
pub struct PrivateKey {
    inner: Arc<backend::SigningKey>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("bits", &self.inner.bits())
            .field("key", &"<redacted>")
            .finish()
    }
}

impl PrivateKey {
    const WHAT: &'static str = "merchant private key";

    /// Parses a PKCS#8 or PKCS#1 PEM RSA private key (at least 2048 bits).
    ///
    /// # Errors
    ///
    /// [`ConfigError`] saying what was found and what was expected.
    pub fn from_pem(pem: &str) -> Result<Self, ConfigError> {
        let (label, der) = decode_pem(Self::WHAT, pem)?;
        let parsed = match label.as_str() {
            "PRIVATE KEY" => backend::SigningKey::from_pkcs8_der(&der),
            "RSA PRIVATE KEY" => backend::SigningKey::from_pkcs1_der(&der),
            "ENCRYPTED PRIVATE KEY" => {
                return Err(ConfigError::InvalidKey {
                    what: Self::WHAT,
                    reason: "the key is password-protected; export it without a password \
                             (`openssl pkcs8 -in key.pem -out apiclient_key.pem`)"
                        .into(),
                });
            }
            _ => {
                return Err(ConfigError::WrongPemType {
                    what: Self::WHAT,
                    expected: "`PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1)",
                    found: label,
                });
            }
        };
        let key = parsed.map_err(|reason| ConfigError::InvalidKey {
            what: Self::WHAT,
            reason: format!("not a usable RSA private key ({reason})"),
        })?;
        check_bits(Self::WHAT, key.bits())?;
        Ok(Self { inner: Arc::new(key) })
    }

    /// Reads and parses a PEM file; see [`PrivateKey::from_pem`].
    ///
    /// # Errors
    ///
    /// [`ConfigError::Io`] if the file cannot be read, else as [`PrivateKey::from_pem`].
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        Self::from_pem(&read_file(Self::WHAT, path.as_ref())?)
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 SHA-256 and returns the standard Base64
    /// signature (what goes into `signature="…"`).
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidKey`] if the backend refuses the key.
    pub fn sign_base64(&self, message: &[u8]) -> Result<String, ConfigError> {
        let signature = self.inner.sign_sha256(message).map_err(|()| ConfigError::InvalidKey {
            what: Self::WHAT,
            reason: "signing failed".into(),
        })?;
        Ok(STANDARD.encode(signature))
    }

    /// The matching public key.
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidKey`] if the backend cannot export it.
    pub fn public_key(&self) -> Result<PublicKey, ConfigError> {
        let der = self.inner.public_key_spki_der().map_err(|()| ConfigError::InvalidKey {
            what: Self::WHAT,
            reason: "cannot export the public key".into(),
        })?;
        PublicKey::from_der(&der)
    }

    /// Decrypts a Base64 RSA-OAEP (SHA-1, MGF1-SHA-1) ciphertext addressed to this key, e.g. a
    /// sensitive field in a response.
    ///
    /// # Errors
    ///
    /// [`DecryptError`] if the input is not Base64, or the key or ciphertext is wrong.
    pub fn decrypt_oaep_base64(&self, ciphertext: &str) -> Result<Vec<u8>, DecryptError> {
        let bytes = STANDARD.decode(ciphertext).map_err(|_| DecryptError::InvalidBase64)?;
        self.inner.oaep_sha1_decrypt(&bytes).map_err(|()| DecryptError::Oaep)
    }
}

/// An RSA public key of WeChat Pay (the "WeChat Pay public key" or a platform certificate's
/// key): verifies signatures and encrypts sensitive fields.
///
/// Loads SubjectPublicKeyInfo (`BEGIN PUBLIC KEY`) and PKCS#1 (`BEGIN RSA PUBLIC KEY`) PEM.
#[derive(Clone)]
pub struct PublicKey {
    inner: Arc<backend::VerifyingKey>,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey").field("bits", &self.inner.bits()).finish_non_exhaustive()
    }
}

impl PublicKey {
    const WHAT: &'static str = "WeChat Pay public key";

    /// Parses a SubjectPublicKeyInfo or PKCS#1 PEM RSA public key (at least 2048 bits).
    ///
    /// # Errors
    ///
    /// [`ConfigError`] saying what was found and what was expected.
    pub fn from_pem(pem: &str) -> Result<Self, ConfigError> {
        let (label, der) = decode_pem(Self::WHAT, pem)?;
        match label.as_str() {
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Self::from_der(&der),
            "CERTIFICATE" => Err(ConfigError::WrongPemType {
                what: Self::WHAT,
                expected: "`PUBLIC KEY`; load certificates as platform certificates",
                found: label,
            }),
            _ => Err(ConfigError::WrongPemType {
                what: Self::WHAT,
                expected: "`PUBLIC KEY` (SubjectPublicKeyInfo) or `RSA PUBLIC KEY` (PKCS#1)",
                found: label,
            }),
        }
    }

    /// Reads and parses a PEM file; see [`PublicKey::from_pem`].
    ///
    /// # Errors
    ///
    /// [`ConfigError::Io`] if the file cannot be read, else as [`PublicKey::from_pem`].
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        Self::from_pem(&read_file(Self::WHAT, path.as_ref())?)
    }

    /// Parses DER: SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidKey`] if it is not an RSA public key of at least 2048 bits.
    pub fn from_der(der: &[u8]) -> Result<Self, ConfigError> {
        let key =
            backend::VerifyingKey::from_der(der).map_err(|reason| ConfigError::InvalidKey {
                what: Self::WHAT,
                reason: format!("not an RSA public key ({reason})"),
            })?;
        check_bits(Self::WHAT, key.bits())?;
        Ok(Self { inner: Arc::new(key) })
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
    #[must_use]
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.inner.verify_sha256(message, signature)
    }

    /// Encrypts `plaintext` with RSA-OAEP (SHA-1, MGF1-SHA-1, empty label) and returns the
    /// standard Base64 ciphertext, as sensitive request fields require.
    ///
    /// # Errors
    ///
    /// [`DecryptError::OaepEncrypt`] if `plaintext` exceeds 214 bytes (RSA-2048).
    pub fn encrypt_oaep_base64(&self, plaintext: &[u8]) -> Result<String, DecryptError> {
        let ct = self.inner.oaep_sha1_encrypt(plaintext).map_err(|()| DecryptError::OaepEncrypt)?;
        Ok(STANDARD.encode(ct))
    }
}

fn check_bits(what: &'static str, bits: usize) -> Result<(), ConfigError> {
    if bits < MIN_BITS {
        return Err(ConfigError::InvalidKey {
            what,
            reason: format!("RSA key has {bits} bits; at least {MIN_BITS} are required"),
        });
    }
    Ok(())
}

pub(crate) fn read_file(what: &'static str, path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        what,
        path: shown_path(&path.display().to_string()),
        source,
    })
}

/// The path as an error may show it: a value that looks like key material (a line of base64,
/// PEM armour, several lines) is replaced by a note, so a key pasted where a path belongs never
/// reaches a message.
fn shown_path(path: &str) -> String {
    let base64_like = path.len() >= 40
        && path.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    if base64_like || path.contains("-----") || path.contains(['\n', '\r']) || path.len() > 1024 {
        "<a value that does not look like a path; not shown>".to_owned()
    } else {
        path.to_owned()
    }
}

/// Decodes the first PEM block of `text` (text around it is ignored), returning its label
/// and DER bytes.
pub(crate) fn decode_pem(what: &'static str, text: &str) -> Result<(String, Vec<u8>), ConfigError> {
    Ok(pem_blocks(what, text)?.into_iter().next().unwrap_or_default())
}

/// Decodes every PEM block of `text`, in order.
pub(crate) fn pem_blocks(
    what: &'static str,
    text: &str,
) -> Result<Vec<(String, Vec<u8>)>, ConfigError> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = &rest[start..];
        let Some(end_marker) = block.find("-----END ") else {
            return Err(ConfigError::Pem { what, reason: "`-----END` line missing".into() });
        };
        let after_end = &block[end_marker + "-----END ".len()..];
        let Some(close) = after_end.find("-----") else {
            return Err(ConfigError::Pem { what, reason: "unterminated `-----END` line".into() });
        };
        let len = end_marker + "-----END ".len() + close + "-----".len();
        let pem = block[..len].replace("\r\n", "\n");
        let (label, der) = pem_rfc7468::decode_vec(pem.as_bytes())
            .map_err(|err| ConfigError::Pem { what, reason: err.to_string() })?;
        blocks.push((label.to_owned(), der));
        rest = &block[len..];
    }
    if blocks.is_empty() {
        return Err(ConfigError::Pem {
            what,
            reason: "no `-----BEGIN …-----` line found; expected a PEM file".into(),
        });
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    #[test]
    fn key_material_given_as_a_path_is_not_shown() {
        let line = "MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQCgCGhn0EJbeyCQ";
        let err = super::read_file("merchant private key", std::path::Path::new(line)).unwrap_err();
        assert!(!format!("{err} {err:?}").contains(line), "{err}");
        let path = std::path::Path::new("/no/such/key.pem");
        let err = super::read_file("merchant private key", path).unwrap_err();
        assert!(err.to_string().contains("/no/such/key.pem"), "{err}");
    }
}
