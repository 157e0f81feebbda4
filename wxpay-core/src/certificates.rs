//! WeChat Pay platform certificates: parsing X.509 PEM, and the `GET /v3/certificates`
//! download (protocol §4).

use std::fmt::Write as _;

use der::{Decode as _, Encode as _};
use serde::{Deserialize, Serialize};
use x509_cert::Certificate;

use crate::{
    aead::{ApiV3Key, EncryptedResource},
    error::{ConfigError, DecryptError},
    ids::PlatformSerial,
    keys::{PublicKey, decode_pem, pem_blocks, read_file},
    trust::PlatformCertificate,
};

const WHAT: &str = "platform certificate";

impl PlatformCertificate {
    /// Parses the first X.509 certificate of a PEM document: its serial, public key and
    /// validity come from the certificate itself.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] saying what was found and what was expected.
    pub fn from_pem(pem: &str) -> Result<Self, ConfigError> {
        let (label, der) = decode_pem(WHAT, pem)?;
        if label != "CERTIFICATE" {
            return Err(ConfigError::WrongPemType {
                what: WHAT,
                expected: "`CERTIFICATE`",
                found: label,
            });
        }
        Self::from_der(&der)
    }

    /// Parses every certificate in a PEM document (a bundle).
    ///
    /// # Errors
    ///
    /// As [`PlatformCertificate::from_pem`], for the first bad block.
    pub fn all_from_pem(pem: &str) -> Result<Vec<Self>, ConfigError> {
        pem_blocks(WHAT, pem)?
            .into_iter()
            .map(|(label, der)| {
                if label == "CERTIFICATE" {
                    Self::from_der(&der)
                } else {
                    Err(ConfigError::WrongPemType {
                        what: WHAT,
                        expected: "`CERTIFICATE`",
                        found: label,
                    })
                }
            })
            .collect()
    }

    /// Reads a PEM file of one or more certificates.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Io`], or as [`PlatformCertificate::all_from_pem`].
    pub fn all_from_pem_file(path: impl AsRef<std::path::Path>) -> Result<Vec<Self>, ConfigError> {
        Self::all_from_pem(&read_file(WHAT, path.as_ref())?)
    }

    /// Parses a DER X.509 certificate.
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidKey`] if it is not a certificate with an RSA key.
    pub fn from_der(der: &[u8]) -> Result<Self, ConfigError> {
        let invalid = |reason: String| ConfigError::InvalidKey { what: WHAT, reason };
        let cert = Certificate::from_der(der)
            .map_err(|e| invalid(format!("not an X.509 certificate ({e})")))?;
        let tbs = cert.tbs_certificate();
        let serial_hex = tbs.serial_number().as_bytes().iter().fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02X}");
            hex
        });
        let serial = PlatformSerial::parse(&serial_hex)?;
        let spki = tbs
            .subject_public_key_info()
            .to_der()
            .map_err(|e| invalid(format!("cannot read the public key ({e})")))?;
        let public_key = PublicKey::from_der(&spki)?;
        let secs = |t: x509_cert::time::Time| {
            i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
        };
        Ok(Self {
            serial,
            public_key,
            not_before: secs(tbs.validity().not_before),
            not_after: secs(tbs.validity().not_after),
        })
    }

    /// Whether the certificate is valid at Unix time `now`.
    #[must_use]
    pub fn is_valid_at(&self, now: i64) -> bool {
        self.not_before <= now && now <= self.not_after
    }
}

/// The body of `GET /v3/certificates`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CertificateList {
    /// One entry per certificate (several during a rotation).
    pub data: Vec<CertificateEntry>,
}

/// One downloaded certificate, still encrypted.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CertificateEntry {
    /// Certificate serial.
    pub serial_no: String,
    /// Start of validity (RFC 3339).
    pub effective_time: String,
    /// End of validity (RFC 3339).
    pub expire_time: String,
    /// The PEM certificate, encrypted with the APIv3 key.
    pub encrypt_certificate: EncryptedResource,
}

impl CertificateEntry {
    /// A new entry (for simulators and tests).
    #[must_use]
    pub fn new(
        serial_no: String,
        effective_time: String,
        expire_time: String,
        encrypt_certificate: EncryptedResource,
    ) -> Self {
        Self { serial_no, effective_time, expire_time, encrypt_certificate }
    }
}

/// Why a certificate download could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateError {
    /// An entry did not decrypt with the APIv3 key.
    #[error("certificate `{serial}` did not decrypt; check the APIv3 key")]
    Decrypt {
        /// The entry's serial.
        serial: String,
        /// Why.
        #[source]
        source: DecryptError,
    },
    /// An entry did not hold a usable certificate.
    #[error("certificate `{serial}` is not a usable X.509 RSA certificate")]
    Parse {
        /// The entry's serial.
        serial: String,
        /// Why.
        #[source]
        source: ConfigError,
    },
    /// The serial inside the certificate differs from the entry's `serial_no`.
    #[error("certificate serial `{inside}` does not match the listed `{listed}`")]
    SerialMismatch {
        /// `serial_no` of the entry.
        listed: String,
        /// Serial inside the certificate.
        inside: String,
    },
    /// `GET /v3/certificates` answered 403 or 404: this merchant has no platform certificates
    /// (newer merchants only get the WeChat Pay public key). Not retried, never refetched in a
    /// loop: configure the WeChat Pay public key instead.
    #[error(
        "WeChat Pay answered HTTP {status} to `GET /v3/certificates`: this merchant has no platform certificates; configure the WeChat Pay public key (`PUB_KEY_ID_…`) instead"
    )]
    NotAvailable {
        /// The status WeChat Pay answered with (403 or 404).
        status: u16,
        /// WeChat's error `code`, e.g. `RESOURCE_NOT_EXISTS`, `NO_AUTH`.
        code: String,
    },
}

impl CertificateList {
    /// Decrypts and parses every entry.
    ///
    /// # Errors
    ///
    /// The first [`CertificateError`].
    pub fn decrypt(&self, key: &ApiV3Key) -> Result<Vec<PlatformCertificate>, CertificateError> {
        self.data
            .iter()
            .map(|entry| {
                let serial = entry.serial_no.chars().take(64).collect::<String>();
                let pem = key.decrypt_to_string(&entry.encrypt_certificate).map_err(|source| {
                    CertificateError::Decrypt { serial: serial.clone(), source }
                })?;
                let cert = PlatformCertificate::from_pem(&pem)
                    .map_err(|source| CertificateError::Parse { serial: serial.clone(), source })?;
                if !cert.serial.matches(&entry.serial_no) {
                    return Err(CertificateError::SerialMismatch {
                        listed: serial,
                        inside: cert.serial.to_string(),
                    });
                }
                Ok(cert)
            })
            .collect()
    }
}
