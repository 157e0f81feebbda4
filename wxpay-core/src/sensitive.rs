//! Sensitive fields (protocol §6): request fields encrypted with RSA-OAEP to WeChat Pay's key,
//! and encrypted response fields decrypted with the merchant key.
//!
//! Declare a request field as [`Sensitive`]: when a [`Client`](crate::Client) serializes the
//! request it encrypts the field with the key it advertises in `Wechatpay-Serial`, so the
//! header and the ciphertexts always agree. Plaintext never appears in `Debug`.

use std::{cell::RefCell, fmt};

use serde::{Deserialize, Deserializer, Serialize, Serializer, ser::Error as _};
use zeroize::Zeroizing;

use crate::{error::DecryptError, keys::PrivateKey, keys::PublicKey};

thread_local! {
    static ENCRYPTION_KEY: RefCell<Option<PublicKey>> = const { RefCell::new(None) };
}

/// Runs `f` with `key` as the key [`Sensitive`] fields encrypt to on this thread.
pub(crate) fn with_encryption_key<R>(key: Option<PublicKey>, f: impl FnOnce() -> R) -> R {
    struct Reset(Option<PublicKey>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            ENCRYPTION_KEY.with(|slot| *slot.borrow_mut() = previous);
        }
    }
    let previous = ENCRYPTION_KEY.with(|slot| slot.replace(key));
    let _reset = Reset(previous);
    f()
}

/// A request field that is sent encrypted (RSA-OAEP, SHA-1, MGF1-SHA-1, Base64).
///
/// Holds the plaintext (zeroized on drop, redacted in `Debug`). Serializing it outside
/// [`Client::prepare`](crate::Client::prepare) fails rather than leak the plaintext.
///
/// ```
/// use wxpay_core::sensitive::Sensitive;
/// let name = Sensitive::new("张三");
/// assert_eq!(format!("{name:?}"), "Sensitive(<redacted>)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive(Zeroizing<String>);

impl Sensitive {
    /// Wraps a plaintext value.
    pub fn new(plaintext: impl Into<String>) -> Self {
        Self(Zeroizing::new(plaintext.into()))
    }

    /// The plaintext.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive(<redacted>)")
    }
}

impl From<&str> for Sensitive {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Sensitive {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl Serialize for Sensitive {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let key = ENCRYPTION_KEY.with(|slot| slot.borrow().clone()).ok_or_else(|| {
            S::Error::custom(
                "a `Sensitive` field can only be serialized by a wxpay `Client`, which encrypts it",
            )
        })?;
        let ciphertext = key.encrypt_oaep_base64(self.0.as_bytes()).map_err(S::Error::custom)?;
        serializer.serialize_str(&ciphertext)
    }
}

/// Deserializing reads the value as sent, i.e. the Base64 *ciphertext* (what a server
/// receives); turn it into plaintext with [`Sensitive::from_ciphertext`].
impl<'de> Deserialize<'de> for Sensitive {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl Sensitive {
    /// Decrypts a received ciphertext with `key` (the receiving side of a sensitive field).
    ///
    /// # Errors
    ///
    /// [`DecryptError`] if it is not Base64 or not encrypted to `key`.
    pub fn from_ciphertext(ciphertext: &str, key: &PrivateKey) -> Result<Self, DecryptError> {
        let plain = Zeroizing::new(key.decrypt_oaep_base64(ciphertext)?);
        let text = std::str::from_utf8(&plain).map_err(|_| DecryptError::NotUtf8)?;
        Ok(Self::new(text))
    }
}

/// A response field encrypted to the merchant key (RSA-OAEP, SHA-1, Base64).
///
/// Keeps the ciphertext; [`Encrypted::decrypt`] it with the merchant private key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Encrypted(String);

impl fmt::Debug for Encrypted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Encrypted(..)")
    }
}

impl Encrypted {
    /// Wraps a Base64 ciphertext.
    pub fn new(ciphertext: impl Into<String>) -> Self {
        Self(ciphertext.into())
    }

    /// The Base64 ciphertext.
    #[must_use]
    pub fn ciphertext(&self) -> &str {
        &self.0
    }

    /// Decrypts with the merchant private key.
    ///
    /// # Errors
    ///
    /// [`DecryptError`] if it is not Base64, not UTF-8, or not encrypted to `key`.
    pub fn decrypt(&self, key: &PrivateKey) -> Result<Sensitive, DecryptError> {
        Sensitive::from_ciphertext(&self.0, key)
    }
}
