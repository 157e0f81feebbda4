//! `hash_type` of a bill: the digest of the decompressed bill, and hex helpers.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::crypto::backend::Hasher;

/// The digest WeChat computed over the decompressed bill (`hash_type`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashType {
    /// `SHA1`: what WeChat sends for every bill today.
    Sha1,
    /// `SHA256`: accepted should WeChat switch to it.
    Sha256,
    /// Any other value, kept verbatim; downloading with it fails with
    /// [`BillError::UnsupportedHash`](super::BillError::UnsupportedHash).
    Unknown(String),
}

impl HashType {
    /// The value as WeChat writes it.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Unknown(value) => value,
        }
    }

    /// The lower-case hex digest of `data`, or `None` for an unknown hash type.
    #[must_use]
    pub fn hex_digest(&self, data: &[u8]) -> Option<String> {
        let mut hasher = self.hasher()?;
        hasher.update(data);
        Some(hex(&hasher.finish()))
    }

    pub(super) fn hasher(&self) -> Option<Hasher> {
        match self {
            Self::Sha1 => Some(Hasher::sha1()),
            Self::Sha256 => Some(Hasher::sha256()),
            Self::Unknown(_) => None,
        }
    }

    pub(super) fn digest_len(&self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Unknown(_) => 0,
        }
    }
}

impl From<&str> for HashType {
    fn from(value: &str) -> Self {
        match value.to_ascii_uppercase().as_str() {
            "SHA1" | "SHA-1" => Self::Sha1,
            "SHA256" | "SHA-256" => Self::Sha256,
            _ => Self::Unknown(value.to_owned()),
        }
    }
}

impl fmt::Display for HashType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for HashType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for HashType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <std::borrow::Cow<'de, str>>::deserialize(deserializer).map(|v| Self::from(v.as_ref()))
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

pub(super) fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}
