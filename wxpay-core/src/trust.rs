//! The trust store: which WeChat Pay keys this client accepts, and verification of signed
//! responses and notifications (protocol §3).

use std::{
    sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard},
    time::{SystemTime, UNIX_EPOCH},
};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use http::HeaderMap;

use crate::{
    AUTH_SCHEME,
    error::VerifyError,
    ids::{PlatformSerial, PublicKeyId},
    keys::PublicKey,
    sign::response_message,
};

/// Header names of a signed WeChat Pay message.
pub mod headers {
    /// `Wechatpay-Timestamp`.
    pub const TIMESTAMP: &str = "Wechatpay-Timestamp";
    /// `Wechatpay-Nonce`.
    pub const NONCE: &str = "Wechatpay-Nonce";
    /// `Wechatpay-Signature`.
    pub const SIGNATURE: &str = "Wechatpay-Signature";
    /// `Wechatpay-Serial`.
    pub const SERIAL: &str = "Wechatpay-Serial";
    /// `Wechatpay-Signature-Type`.
    pub const SIGNATURE_TYPE: &str = "Wechatpay-Signature-Type";
    /// `Request-ID`.
    pub const REQUEST_ID: &str = "Request-ID";
}

/// The prefix of WeChat Pay's deliberately invalid probe signatures.
pub const SIGNATURE_PROBE_PREFIX: &str = "WECHATPAY/SIGNTEST/";

/// The default tolerance between a signature's timestamp and the local clock.
pub const DEFAULT_MAX_SKEW_SECS: u64 = 300;

/// A WeChat Pay platform certificate's verification key and validity.
#[derive(Clone, Debug)]
pub struct PlatformCertificate {
    /// The certificate serial, as WeChat Pay writes it in `Wechatpay-Serial`.
    pub serial: PlatformSerial,
    /// The certificate's public key.
    pub public_key: PublicKey,
    /// Start of validity, Unix seconds.
    pub not_before: i64,
    /// End of validity, Unix seconds.
    pub not_after: i64,
}

/// The keys a client trusts to have been used by WeChat Pay.
///
/// Keys are chosen by `Wechatpay-Serial`: a `PUB_KEY_ID_…` selects the WeChat Pay public
/// key, anything else a platform certificate by serial. An unknown serial is rejected, never
/// tried against every key.
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    public_key: Option<(PublicKeyId, PublicKey)>,
    certificates: Arc<RwLock<Vec<PlatformCertificate>>>,
}

impl TrustStore {
    /// An empty store (trusts nothing).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A store trusting the WeChat Pay public key `key` with id `id`.
    #[must_use]
    pub fn with_public_key(id: PublicKeyId, key: PublicKey) -> Self {
        Self { public_key: Some((id, key)), ..Self::default() }
    }

    /// A copy whose certificate list is independent of this one (clones share it).
    #[must_use]
    pub fn clone_detached(&self) -> Self {
        Self {
            public_key: self.public_key.clone(),
            certificates: Arc::new(RwLock::new(self.certificates())),
        }
    }

    /// Sets the WeChat Pay public key.
    pub fn set_public_key(&mut self, id: PublicKeyId, key: PublicKey) {
        self.public_key = Some((id, key));
    }

    /// The configured WeChat Pay public key id.
    #[must_use]
    pub fn public_key_id(&self) -> Option<&PublicKeyId> {
        self.public_key.as_ref().map(|(id, _)| id)
    }

    /// Adds (or replaces, by serial) platform certificates.
    pub fn add_certificates(&self, certificates: impl IntoIterator<Item = PlatformCertificate>) {
        let mut list = self.write_certificates();
        for cert in certificates {
            list.retain(|c| c.serial != cert.serial);
            list.push(cert);
        }
    }

    /// Replaces the platform certificates with `certificates`.
    pub fn replace_certificates(&self, certificates: Vec<PlatformCertificate>) {
        *self.write_certificates() = certificates;
    }

    /// The platform certificates currently held.
    #[must_use]
    pub fn certificates(&self) -> Vec<PlatformCertificate> {
        self.read_certificates().clone()
    }

    /// Whether the store holds no key at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.public_key.is_none() && self.certificates().is_empty()
    }

    /// The id to send as `Wechatpay-Serial` and the key to encrypt sensitive fields with: the
    /// WeChat Pay public key if configured, else the valid platform certificate with the
    /// latest `not_before`.
    #[must_use]
    pub fn encryption_key(&self, now: i64) -> Option<(String, PublicKey)> {
        if let Some((id, key)) = &self.public_key {
            return Some((id.to_string(), key.clone()));
        }
        let list = self.read_certificates();
        list.iter()
            .filter(|c| c.not_before <= now && now <= c.not_after)
            .max_by_key(|c| c.not_before)
            .map(|c| (c.serial.to_string(), c.public_key.clone()))
    }

    /// The key named by `serial`, if held (certificates must be valid at `now`).
    #[must_use]
    pub fn key_for(&self, serial: &str, now: i64) -> Option<PublicKey> {
        if let Some((id, key)) = &self.public_key
            && id.as_str() == serial
        {
            return Some(key.clone());
        }
        if serial.starts_with("PUB_KEY_ID_") {
            return None;
        }
        let list = self.read_certificates();
        list.iter()
            .find(|c| c.serial.matches(serial) && c.not_before <= now && now <= c.not_after)
            .map(|c| c.public_key.clone())
    }

    fn read_certificates(&self) -> RwLockReadGuard<'_, Vec<PlatformCertificate>> {
        self.certificates.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_certificates(&self) -> RwLockWriteGuard<'_, Vec<PlatformCertificate>> {
        self.certificates.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Verifies a signed response or notification with the current clock.
    ///
    /// # Errors
    ///
    /// The [`VerifyError`] of the first failing check.
    pub fn verify(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        max_skew_secs: u64,
    ) -> Result<(), VerifyError> {
        self.verify_at(headers, body, unix_now(), max_skew_secs)
    }

    /// Verifies a signed response or notification as of Unix time `now` (e.g. to replay an
    /// archived callback).
    ///
    /// Checks, in order: the four `Wechatpay-*` headers are present; the signature type (when
    /// given) is `WECHATPAY2-SHA256-RSA2048`; `|now − timestamp| ≤ max_skew_secs`; the
    /// signature is not a `WECHATPAY/SIGNTEST/` probe; the serial names a held key; the
    /// signature is Base64; RSA-SHA256 over `timestamp\nnonce\nbody\n` verifies.
    ///
    /// # Errors
    ///
    /// The [`VerifyError`] of the first failing check.
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
        max_skew_secs: u64,
    ) -> Result<(), VerifyError> {
        let timestamp = header(headers, headers::TIMESTAMP)?;
        let nonce = header(headers, headers::NONCE)?;
        let signature = header(headers, headers::SIGNATURE)?;
        let serial = header(headers, headers::SERIAL)?;
        if let Some(kind) = headers.get(headers::SIGNATURE_TYPE) {
            let kind = kind.to_str().unwrap_or_default();
            if kind != AUTH_SCHEME {
                return Err(VerifyError::UnsupportedSignatureType(kind.chars().take(64).collect()));
            }
        }
        let ts: i64 = if timestamp.bytes().all(|b| b.is_ascii_digit()) && timestamp.len() <= 12 {
            timestamp.parse().map_err(|_| VerifyError::InvalidTimestamp)?
        } else {
            return Err(VerifyError::InvalidTimestamp);
        };
        let skew = now.abs_diff(ts);
        if skew > max_skew_secs {
            return Err(VerifyError::Stale { timestamp: ts, now, skew, max_skew: max_skew_secs });
        }
        if signature.starts_with(SIGNATURE_PROBE_PREFIX) {
            return Err(VerifyError::SignatureProbe);
        }
        let key = self
            .key_for(serial, now)
            .ok_or_else(|| VerifyError::UnknownSerial(serial.chars().take(64).collect()))?;
        let signature = STANDARD.decode(signature).map_err(|_| VerifyError::InvalidBase64)?;
        if key.verify(&response_message(timestamp, nonce, body), &signature) {
            Ok(())
        } else {
            Err(VerifyError::BadSignature)
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, VerifyError> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or(VerifyError::MissingHeader(name))
}

/// The current Unix time in seconds.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
