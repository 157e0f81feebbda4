//! [`ClientBuilder`]: settings, the `WXPAY_*` environment, validation.

use std::{
    fmt,
    path::Path,
    sync::{Arc, Mutex, atomic::AtomicBool},
    time::Duration,
};

use http::HeaderValue;

use super::{Client, DEFAULT_BASE_URL, Download, Host, Inner, RetryPolicy, default_user_agent};
use crate::{
    Error,
    aead::ApiV3Key,
    error::ConfigError,
    ids::{MerchantSerial, PublicKeyId},
    keys::{PrivateKey, PublicKey},
    transport::Transport,
    trust::{DEFAULT_MAX_SKEW_SECS, PlatformCertificate, TrustStore},
};

/// Configures a [`Client`].
///
/// Fallible setters record the first error and [`ClientBuilder::build`] returns it, so calls
/// chain without `?` at each step.
#[must_use]
pub struct ClientBuilder {
    mchid: Option<String>,
    merchant_serial: Option<MerchantSerial>,
    private_key: Option<PrivateKey>,
    trust: TrustStore,
    base_url: String,
    backup_base_url: Backup,
    user_agent: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    attempt_timeout: Duration,
    max_response_size: usize,
    retry: RetryPolicy,
    max_skew_secs: u64,
    verify_responses: bool,
    api_v3_key: Option<ApiV3Key>,
    download: bool,
    refresh_interval: Duration,
    refetch_min_interval: Duration,
    error: Option<ConfigError>,
}

/// The failover host setting.
#[derive(Debug)]
enum Backup {
    /// `api2` for the production base URL, none for any other.
    Default,
    /// None.
    Disabled,
    /// This URL.
    Url(String),
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("mchid", &self.mchid)
            .field("merchant_serial", &self.merchant_serial)
            .field("private_key", &self.private_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
            .field("backup_base_url", &self.backup_base_url)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            mchid: None,
            merchant_serial: None,
            private_key: None,
            trust: TrustStore::new(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            backup_base_url: Backup::Default,
            user_agent: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            attempt_timeout: Duration::from_secs(10),
            max_response_size: super::DEFAULT_MAX_RESPONSE_SIZE,
            retry: RetryPolicy::default(),
            max_skew_secs: DEFAULT_MAX_SKEW_SECS,
            verify_responses: true,
            api_v3_key: None,
            download: false,
            refresh_interval: Duration::from_secs(12 * 3600),
            refetch_min_interval: Duration::from_secs(60),
            error: None,
        }
    }
}

impl ClientBuilder {
    /// A builder with the defaults (see [`Client::builder`]).
    pub fn new() -> Self {
        Self::default()
    }

    fn fail(mut self, err: ConfigError) -> Self {
        self.error.get_or_insert(err);
        self
    }

    /// Applies `set` with a value read from `var`: an error it records names the variable.
    fn tag_var(self, var: &'static str, set: impl FnOnce(Self) -> Self) -> Self {
        let had_error = self.error.is_some();
        let mut next = set(self);
        if !had_error && let Some(err) = next.error.take() {
            next.error = Some(ConfigError::EnvValue { var, source: Box::new(err) });
        }
        next
    }

    /// The merchant id (`mchid`; the service provider's id in partner mode).
    pub fn mchid(mut self, mchid: impl Into<String>) -> Self {
        let mchid = mchid.into();
        if mchid.is_empty() || mchid.len() > 32 || !mchid.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return self.fail(ConfigError::InvalidId(crate::InvalidId {
                what: "mchid",
                reason: "must be 1 to 32 letters or digits".into(),
            }));
        }
        self.mchid = Some(mchid);
        self
    }

    /// The serial number of the merchant API certificate (hex; case does not matter).
    pub fn merchant_serial(mut self, serial: &str) -> Self {
        match MerchantSerial::parse(serial) {
            Ok(serial) => {
                self.merchant_serial = Some(serial);
                self
            }
            Err(e) => self.fail(e.into()),
        }
    }

    /// The merchant private key.
    pub fn private_key(mut self, key: PrivateKey) -> Self {
        self.private_key = Some(key);
        self
    }

    /// The merchant private key as PKCS#8 or PKCS#1 PEM text.
    pub fn private_key_pem(self, pem: &str) -> Self {
        match PrivateKey::from_pem(pem) {
            Ok(key) => self.private_key(key),
            Err(e) => self.fail(e),
        }
    }

    /// The merchant private key from a PEM file (`apiclient_key.pem`).
    pub fn private_key_file(self, path: impl AsRef<Path>) -> Self {
        match PrivateKey::from_pem_file(path) {
            Ok(key) => self.private_key(key),
            Err(e) => self.fail(e),
        }
    }

    /// The WeChat Pay public key and its id (`PUB_KEY_ID_…`), from the merchant portal.
    pub fn wechatpay_public_key(mut self, id: &str, key: PublicKey) -> Self {
        match PublicKeyId::new(id.trim()) {
            Ok(id) => {
                self.trust.set_public_key(id, key);
                self
            }
            Err(e) => self.fail(e.into()),
        }
    }

    /// The WeChat Pay public key as PEM text, with its id.
    pub fn wechatpay_public_key_pem(self, id: &str, pem: &str) -> Self {
        match PublicKey::from_pem(pem) {
            Ok(key) => self.wechatpay_public_key(id, key),
            Err(e) => self.fail(e),
        }
    }

    /// The WeChat Pay public key from a PEM file (`pub_key.pem`), with its id.
    pub fn wechatpay_public_key_file(self, id: &str, path: impl AsRef<Path>) -> Self {
        match PublicKey::from_pem_file(path) {
            Ok(key) => self.wechatpay_public_key(id, key),
            Err(e) => self.fail(e),
        }
    }

    /// The APIv3 key (32 characters): decrypts notifications and downloaded certificates.
    pub fn api_v3_key(mut self, key: &str) -> Self {
        match ApiV3Key::new(key) {
            Ok(key) => {
                self.api_v3_key = Some(key);
                self
            }
            Err(e) => self.fail(e),
        }
    }

    /// Trusts these platform certificates as given (no download).
    pub fn platform_certificates(
        self,
        certificates: impl IntoIterator<Item = PlatformCertificate>,
    ) -> Self {
        self.trust.add_certificates(certificates);
        self
    }

    /// Trusts the platform certificates in a PEM file (one or more certificates).
    pub fn platform_certificates_file(self, path: impl AsRef<Path>) -> Self {
        match PlatformCertificate::all_from_pem_file(path) {
            Ok(certs) => self.platform_certificates(certs),
            Err(e) => self.fail(e),
        }
    }

    /// Platform-certificate mode with download: the first request (or an explicit
    /// [`Client::refresh_certificates`] at start-up) fetches `GET /v3/certificates`, then a
    /// task owned by the client refreshes them every
    /// [`certificate_refresh_interval`](Self::certificate_refresh_interval), and a response
    /// with an unknown serial triggers one rate-limited refetch. Needs the APIv3 key. Never
    /// blocks construction.
    pub fn platform_certificates_download(mut self) -> Self {
        self.download = true;
        self
    }

    /// Interval of the background certificate refresh (default 12 h).
    pub fn certificate_refresh_interval(mut self, interval: Duration) -> Self {
        self.refresh_interval = interval.max(Duration::from_secs(1));
        self
    }

    /// Minimum time between two refetches triggered by unknown serials (default 60 s).
    pub fn certificate_refetch_min_interval(mut self, interval: Duration) -> Self {
        self.refetch_min_interval = interval;
        self
    }

    /// Uses `trust` as the trust store (public key, platform certificates).
    pub fn trust_store(mut self, trust: TrustStore) -> Self {
        self.trust = trust;
        self
    }

    /// The API root, default `https://api.mch.weixin.qq.com/` (point it at a simulator or a
    /// proxy). Must be absolute `http(s)` and end in `/`.
    pub fn base_url(mut self, url: &str) -> Self {
        url.clone_into(&mut self.base_url);
        self
    }

    /// The `User-Agent` header (default: `wxpay-core/<version> (<os>; <backend>)`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The failover API root, tried after a connection failure or a timeout of a request that
    /// may be retried (see [`RetryPolicy`]); never for an answer the primary gave. Default:
    /// `https://api2.mch.weixin.qq.com/` when the base URL is the production default, none
    /// otherwise. Same rules as [`base_url`](Self::base_url).
    pub fn backup_base_url(mut self, url: &str) -> Self {
        self.backup_base_url = Backup::Url(url.to_owned());
        self
    }

    /// No failover host, even for the production base URL.
    pub fn no_backup_base_url(mut self) -> Self {
        self.backup_base_url = Backup::Disabled;
        self
    }

    /// Connect timeout of the default transport (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The deadline of a whole call, enforced for every transport (default 30 s): the
    /// certificate download it may need, every attempt, every wait between attempts.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The limit of one attempt, sending and receiving the whole body (default 10 s; never
    /// more than what is left of [`timeout`](Self::timeout)). A server that trickles bytes is
    /// cut off here.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes (default 10 MiB). The default transport
    /// stops reading at the limit (a larger or endless body costs no more memory than this);
    /// the answer is then a [`TransportErrorKind::BodyTooLarge`](crate::TransportErrorKind)
    /// error.
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// How calls are retried (default [`RetryPolicy::default`]: 3 attempts); per call, see
    /// [`Client::with_retry`].
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Maximum distance between a response signature's timestamp and the local clock
    /// (default 300 s).
    pub fn max_clock_skew(mut self, skew: Duration) -> Self {
        self.max_skew_secs = skew.as_secs();
        self
    }

    /// **Dangerous:** accept 2xx responses without verifying their signature. WeChat Pay
    /// says such responses must be treated as forged; only for debugging against a
    /// gateway that cannot sign.
    pub fn danger_accept_unverified_responses(mut self) -> Self {
        self.verify_responses = false;
        self
    }

    /// Reads the `WXPAY_*` environment variables: `WXPAY_MCHID`, `WXPAY_MCH_SERIAL`,
    /// `WXPAY_MCH_PRIVATE_KEY` (path), `WXPAY_PUBLIC_KEY_ID` + `WXPAY_PUBLIC_KEY` (path),
    /// `WXPAY_APIV3_KEY`, `WXPAY_PLATFORM_CERTS` (`download`, or comma-separated certificate
    /// PEM files), `WXPAY_BASE_URL`, `WXPAY_BACKUP_BASE_URL` and `WXPAY_MAX_ATTEMPTS`
    /// (attempts per call, 1 = no retry).
    ///
    /// The key variables take paths: PEM text given instead is refused with an error that
    /// says so and never repeats the value.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the missing or invalid variable.
    pub fn from_env() -> Result<Self, ConfigError> {
        let mchid = require_env("WXPAY_MCHID")?;
        let serial = require_env("WXPAY_MCH_SERIAL")?;
        let key = require_path_env("WXPAY_MCH_PRIVATE_KEY")?;
        let mut builder = Self::new()
            .tag_var("WXPAY_MCHID", |b| b.mchid(mchid))
            .tag_var("WXPAY_MCH_SERIAL", |b| b.merchant_serial(&serial))
            .tag_var("WXPAY_MCH_PRIVATE_KEY", |b| b.private_key_file(key));
        let public_key = match optional_env("WXPAY_PUBLIC_KEY")? {
            Some(_) => Some(require_path_env("WXPAY_PUBLIC_KEY")?),
            None => None,
        };
        match (optional_env("WXPAY_PUBLIC_KEY_ID")?, public_key) {
            (Some(id), Some(path)) => {
                builder =
                    builder.tag_var("WXPAY_PUBLIC_KEY", |b| b.wechatpay_public_key_file(&id, path));
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err(ConfigError::Missing("environment variable `WXPAY_PUBLIC_KEY`"));
            }
            (None, Some(_)) => {
                return Err(ConfigError::Missing("environment variable `WXPAY_PUBLIC_KEY_ID`"));
            }
        }
        if let Some(key) = optional_env("WXPAY_APIV3_KEY")? {
            builder = builder.tag_var("WXPAY_APIV3_KEY", |b| b.api_v3_key(&key));
        }
        match optional_env("WXPAY_PLATFORM_CERTS")?.as_deref() {
            None => {}
            Some("download") => {
                if builder.api_v3_key.is_none() && builder.error.is_none() {
                    return Err(ConfigError::Env {
                        var: "WXPAY_PLATFORM_CERTS",
                        reason: "`download` needs `WXPAY_APIV3_KEY` to decrypt the certificates"
                            .into(),
                    });
                }
                builder = builder.platform_certificates_download();
            }
            Some(files) => {
                check_path_value("WXPAY_PLATFORM_CERTS", files)?;
                for file in files.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    builder = builder
                        .tag_var("WXPAY_PLATFORM_CERTS", |b| b.platform_certificates_file(file));
                }
            }
        }
        if let Some(url) = optional_env("WXPAY_BASE_URL")? {
            split_base_url(&url).map_err(|e| ConfigError::EnvValue {
                var: "WXPAY_BASE_URL",
                source: Box::new(e),
            })?;
            builder = builder.base_url(&url);
        }
        if let Some(url) = optional_env("WXPAY_BACKUP_BASE_URL")? {
            split_base_url(&url).map_err(|e| ConfigError::EnvValue {
                var: "WXPAY_BACKUP_BASE_URL",
                source: Box::new(e),
            })?;
            builder = builder.backup_base_url(&url);
        }
        if let Some(attempts) = optional_env("WXPAY_MAX_ATTEMPTS")? {
            let attempts = attempts
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=RetryPolicy::MAX_ATTEMPTS).contains(n))
                .ok_or(ConfigError::Env {
                    var: "WXPAY_MAX_ATTEMPTS",
                    reason: format!(
                        "must be a whole number from 1 (no retry) to {}",
                        RetryPolicy::MAX_ATTEMPTS
                    ),
                })?;
            builder.retry = builder.retry.max_attempts(attempts);
        }
        if let Some(err) = builder.error.take() {
            return Err(err);
        }
        Ok(builder)
    }

    /// Builds a client with the default transport.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for the first invalid or missing setting.
    #[cfg(feature = "reqwest")]
    #[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
    pub fn build(self) -> Result<Client, Error> {
        let transport = crate::transport::ReqwestTransport::new(self.connect_timeout, self.timeout)
            .map_err(|e| ConfigError::Transport(Box::new(e)))?
            .with_max_response_size(self.max_response_size);
        self.build_with_transport(transport)
    }

    /// Builds a client that sends through `transport`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for the first invalid or missing setting.
    pub fn build_with_transport<T: Transport>(self, transport: T) -> Result<Client<T>, Error> {
        if let Some(err) = self.error {
            return Err(err.into());
        }
        let mchid = self.mchid.ok_or(ConfigError::Missing("merchant id (`mchid`)"))?;
        let merchant_serial =
            self.merchant_serial.ok_or(ConfigError::Missing("merchant certificate serial"))?;
        let private_key = self.private_key.ok_or(ConfigError::Missing("merchant private key"))?;
        if self.trust.certificates().iter().any(|c| c.serial.matches(merchant_serial.as_str())) {
            return Err(ConfigError::InvalidId(crate::InvalidId {
                what: "platform certificate",
                reason: "its serial is the merchant certificate serial: the merchant's own \
                         certificate (`apiclient_cert.pem`) was given as a WeChat Pay platform certificate"
                    .into(),
            })
            .into());
        }
        if self.download && self.api_v3_key.is_none() {
            return Err(ConfigError::Missing(
                "APIv3 key (needed to download platform certificates)",
            )
            .into());
        }
        if self.verify_responses && self.trust.is_empty() && !self.download {
            return Err(ConfigError::Missing(
                "WeChat Pay public key or platform certificates to verify responses",
            )
            .into());
        }
        let download = self.download.then(|| Download {
            refresh_interval: self.refresh_interval,
            refetch_min_interval: self.refetch_min_interval,
            last_refetch: Mutex::new(None),
            refresher_started: AtomicBool::new(false),
            initial: tokio::sync::Mutex::new(()),
            unavailable: Mutex::new(None),
        });
        let primary = split_base_url(&self.base_url)?;
        let backup = match self.backup_base_url {
            Backup::Url(url) => Some(split_base_url(&url)?),
            Backup::Default if self.base_url == DEFAULT_BASE_URL => {
                Some(split_base_url(super::DEFAULT_BACKUP_BASE_URL)?)
            }
            Backup::Default | Backup::Disabled => None,
        }
        .filter(|backup| *backup != primary);
        let user_agent = self.user_agent.unwrap_or_else(default_user_agent);
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            ConfigError::InvalidId(crate::InvalidId {
                what: "user agent",
                reason: "must be visible ASCII".into(),
            })
        })?;
        Ok(Client {
            inner: Arc::new(Inner {
                mchid,
                merchant_serial,
                private_key,
                trust: self.trust,
                primary,
                backup,
                user_agent,
                timeout: self.timeout,
                attempt_timeout: self.attempt_timeout,
                max_response_size: self.max_response_size,
                max_skew_secs: self.max_skew_secs,
                verify_responses: self.verify_responses,
                api_v3_key: self.api_v3_key,
                download,
            }),
            transport,
            retry: self.retry,
        })
    }
}

/// Splits `https://host[:port]/prefix/` into (`https://host[:port]`, `/prefix/`).
fn split_base_url(url: &str) -> Result<Host, ConfigError> {
    let bad = || ConfigError::BaseUrl(url.to_owned());
    let uri: http::Uri = url.parse().map_err(|_| bad())?;
    let scheme = uri.scheme_str().filter(|s| matches!(*s, "http" | "https")).ok_or_else(bad)?;
    let authority = uri.authority().ok_or_else(bad)?;
    let path = uri.path();
    if uri.query().is_some() || !path.ends_with('/') || !url.ends_with('/') {
        return Err(bad());
    }
    Ok(Host { origin: format!("{scheme}://{authority}"), base_path: path.to_owned() })
}

/// A variable that takes a file path: refuses PEM text (or anything else that cannot be a
/// path) without repeating it, so a key pasted into the variable never reaches a message.
fn require_path_env(var: &'static str) -> Result<String, ConfigError> {
    let value = require_env(var)?;
    check_path_value(var, &value)?;
    Ok(value)
}

fn check_path_value(var: &'static str, value: &str) -> Result<(), ConfigError> {
    let reason = if value.contains("-----BEGIN") || value.contains("-----END") {
        Some("takes the path of a PEM file, not the PEM text (the value is not shown)")
    } else if value.contains(['\n', '\r']) || value.len() > 4096 {
        Some("takes a file path; this value cannot be one (not shown)")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(ConfigError::Env { var, reason: reason.into() }),
        None => Ok(()),
    }
}

pub(crate) fn require_env(var: &'static str) -> Result<String, ConfigError> {
    optional_env(var)?.ok_or(ConfigError::Env { var, reason: "not set".into() })
}

fn optional_env(var: &'static str) -> Result<Option<String>, ConfigError> {
    match std::env::var(var) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => Ok(Some(v.trim().to_owned())),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(ConfigError::Env { var, reason: "not valid UTF-8".into() })
        }
    }
}
