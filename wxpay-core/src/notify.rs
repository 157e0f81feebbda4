//! Verifying and decrypting WeChat Pay notifications (callbacks, protocol §5.1).
//!
//! Feed the raw header map and the raw body bytes exactly as received: never a parsed and
//! re-serialized body. Each processing step has its own error, so a failure says *why*.
//!
//! ```no_run
//! use wxpay_core::notify::{self, NotificationParser};
//!
//! # fn handle(parser: &NotificationParser, headers: &http::HeaderMap, body: &[u8]) -> http::Response<Vec<u8>> {
//! match parser.parse::<serde_json::Value>(headers, body) {
//!     Ok(n) => {
//!         // De-duplicate by `n.id` (WeChat Pay retries for 24 h), then process.
//!         notify::success()
//!     }
//!     Err(e) => notify::failure(&e.to_string()),
//! }
//! # }
//! ```

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "redis")]
pub mod redis;

use std::{
    collections::{BTreeMap, VecDeque},
    fmt,
    future::Future,
    sync::Mutex,
    time::Duration,
};

use http::HeaderMap;
use serde::{Deserialize, de::DeserializeOwned};

use crate::{
    aead::{AEAD_AES_256_GCM, ApiV3Key, EncryptedResource},
    error::{DecodeError, DecryptError, VerifyError},
    trust::{DEFAULT_MAX_SKEW_SECS, TrustStore, unix_now},
};

/// The envelope WeChat Pay POSTs to a `notify_url`.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct Envelope {
    /// Unique notification id: de-duplicate on it.
    pub id: String,
    /// When the notification was created (RFC 3339).
    pub create_time: String,
    /// The event, e.g. `PAYSCORE.USER_CONFIRM`.
    pub event_type: String,
    /// `encrypt-resource`.
    pub resource_type: String,
    /// Human-readable summary.
    #[serde(default)]
    pub summary: String,
    /// The encrypted payload.
    pub resource: EncryptedResource,
}

/// A verified, decrypted notification with its resource decoded as `T`.
#[non_exhaustive]
pub struct Notification<T> {
    /// Unique notification id: de-duplicate on it.
    pub id: String,
    /// When the notification was created (RFC 3339).
    pub create_time: String,
    /// The event, e.g. `PAYSCORE.USER_PAID`.
    pub event_type: String,
    /// `encrypt-resource`.
    pub resource_type: String,
    /// Human-readable summary.
    pub summary: String,
    /// `resource.original_type`, e.g. `payscore`.
    pub original_type: Option<String>,
    /// The decrypted resource.
    pub resource: T,
    plaintext: String,
}

impl<T> Notification<T> {
    /// The decrypted resource JSON exactly as WeChat Pay sent it. It may contain personal
    /// data: do not log it.
    #[must_use]
    pub fn plaintext(&self) -> &str {
        &self.plaintext
    }
}

impl<T: fmt::Debug> fmt::Debug for Notification<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notification")
            .field("id", &self.id)
            .field("create_time", &self.create_time)
            .field("event_type", &self.event_type)
            .field("summary", &self.summary)
            .field("resource", &self.resource)
            .finish_non_exhaustive()
    }
}

/// Why a notification was rejected; one variant per processing step.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NotifyError {
    /// Steps 1–4: headers present, timestamp within the window, serial known, signature valid.
    #[error("notification signature verification failed")]
    Verify(#[source] VerifyError),
    /// Step 5: the body is not a notification envelope.
    #[error("notification body is not a valid envelope")]
    Envelope(#[source] DecodeError),
    /// Step 6: `resource.algorithm` is not `AEAD_AES_256_GCM`.
    #[error("unsupported resource algorithm `{0}`; expected `AEAD_AES_256_GCM`")]
    Algorithm(String),
    /// Step 7: decryption failed (wrong APIv3 key, or altered data).
    #[error("notification resource decryption failed")]
    Decrypt(#[source] DecryptError),
    /// Step 8: the plaintext does not decode into the requested type.
    #[error("notification resource does not match the expected type")]
    Resource(#[source] DecodeError),
}

impl NotifyError {
    /// The failed step, for logs: `headers`, `timestamp`, `serial`, `signature`,
    /// `envelope`, `algorithm`, `decrypt` or `resource`.
    #[must_use]
    pub fn step(&self) -> &'static str {
        match self {
            Self::Verify(
                VerifyError::MissingHeader(_) | VerifyError::UnsupportedSignatureType(_),
            ) => "headers",
            Self::Verify(VerifyError::InvalidTimestamp | VerifyError::Stale { .. }) => "timestamp",
            Self::Verify(VerifyError::UnknownSerial(_)) => "serial",
            Self::Verify(_) => "signature",
            Self::Envelope(_) => "envelope",
            Self::Algorithm(_) => "algorithm",
            Self::Decrypt(_) => "decrypt",
            Self::Resource(_) => "resource",
        }
    }

    /// The HTTP status to answer WeChat Pay with (any non-2xx makes it retry).
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        match self {
            Self::Verify(_) => http::StatusCode::UNAUTHORIZED,
            Self::Envelope(_) | Self::Algorithm(_) => http::StatusCode::BAD_REQUEST,
            Self::Decrypt(_) | Self::Resource(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Verifies, decrypts and decodes notifications.
///
/// Needs only the trust store and the APIv3 key, not the merchant private key. Get one from
/// a client with [`Client::notification_parser`](crate::Client::notification_parser) or
/// build it directly.
#[derive(Clone, Debug)]
pub struct NotificationParser {
    trust: TrustStore,
    key: ApiV3Key,
    max_skew_secs: u64,
}

impl NotificationParser {
    /// A parser accepting signatures from `trust`, decrypting with `key`, with the default
    /// ±300 s window.
    #[must_use]
    pub fn new(trust: TrustStore, key: ApiV3Key) -> Self {
        Self { trust, key, max_skew_secs: DEFAULT_MAX_SKEW_SECS }
    }

    /// A parser configured from the environment: `WXPAY_APIV3_KEY`, and the WeChat Pay public
    /// key (`WXPAY_PUBLIC_KEY_ID` + `WXPAY_PUBLIC_KEY`, a PEM path) and/or
    /// `WXPAY_PLATFORM_CERTS` (comma-separated certificate PEM files).
    ///
    /// # Errors
    ///
    /// [`ConfigError`](crate::ConfigError) naming the missing or invalid variable.
    pub fn from_env() -> Result<Self, crate::ConfigError> {
        use crate::ConfigError;
        let var = |name: &'static str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let key = var("WXPAY_APIV3_KEY")
            .ok_or(ConfigError::Env { var: "WXPAY_APIV3_KEY", reason: "not set".into() })?;
        let key = ApiV3Key::new(&key)?;
        let mut trust = TrustStore::new();
        match (var("WXPAY_PUBLIC_KEY_ID"), var("WXPAY_PUBLIC_KEY")) {
            (Some(id), Some(path)) => {
                let id = crate::PublicKeyId::new(id.trim())?;
                trust.set_public_key(id, crate::PublicKey::from_pem_file(path.trim())?);
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err(ConfigError::Env { var: "WXPAY_PUBLIC_KEY", reason: "not set".into() });
            }
            (None, Some(_)) => {
                return Err(ConfigError::Env {
                    var: "WXPAY_PUBLIC_KEY_ID",
                    reason: "not set".into(),
                });
            }
        }
        if let Some(files) = var("WXPAY_PLATFORM_CERTS") {
            if files.trim() == "download" {
                return Err(ConfigError::Env {
                    var: "WXPAY_PLATFORM_CERTS",
                    reason: "`download` needs a client; give certificate PEM files here".into(),
                });
            }
            for file in files.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                trust.add_certificates(crate::PlatformCertificate::all_from_pem_file(file)?);
            }
        }
        if trust.is_empty() {
            return Err(ConfigError::Missing(
                "`WXPAY_PUBLIC_KEY_ID` + `WXPAY_PUBLIC_KEY` or `WXPAY_PLATFORM_CERTS` to verify notifications",
            ));
        }
        Ok(Self::new(trust, key))
    }

    /// Sets the accepted distance between the notification timestamp and the clock.
    #[must_use]
    pub fn with_max_skew(mut self, skew: Duration) -> Self {
        self.max_skew_secs = skew.as_secs();
        self
    }

    /// The trust store.
    #[must_use]
    pub fn trust_store(&self) -> &TrustStore {
        &self.trust
    }

    /// Verifies and decrypts a notification received now.
    ///
    /// # Errors
    ///
    /// The [`NotifyError`] of the first failing step.
    pub fn parse<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Notification<T>, NotifyError> {
        self.parse_at(headers, body, unix_now())
    }

    /// Verifies and decrypts a notification as of Unix time `now` (to replay an archived
    /// callback).
    ///
    /// # Errors
    ///
    /// The [`NotifyError`] of the first failing step.
    pub fn parse_at<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
    ) -> Result<Notification<T>, NotifyError> {
        self.trust
            .verify_at(headers, body, now, self.max_skew_secs)
            .map_err(NotifyError::Verify)?;
        let envelope: Envelope = crate::json::from_slice(body).map_err(NotifyError::Envelope)?;
        if envelope.resource.algorithm != AEAD_AES_256_GCM {
            return Err(NotifyError::Algorithm(
                envelope.resource.algorithm.chars().take(64).collect(),
            ));
        }
        let plaintext =
            self.key.decrypt_to_string(&envelope.resource).map_err(NotifyError::Decrypt)?;
        let resource =
            crate::json::from_slice(plaintext.as_bytes()).map_err(NotifyError::Resource)?;
        Ok(Notification {
            id: envelope.id,
            create_time: envelope.create_time,
            event_type: envelope.event_type,
            resource_type: envelope.resource_type,
            summary: envelope.summary,
            original_type: envelope.resource.original_type,
            resource,
            plaintext,
        })
    }
}

/// The answer that tells WeChat Pay a notification was accepted: `200` with
/// `{"code":"SUCCESS","message":"成功"}`.
#[must_use]
pub fn success() -> http::Response<Vec<u8>> {
    json_response(http::StatusCode::OK, "SUCCESS", "成功")
}

/// The answer that makes WeChat Pay retry: `500` with `{"code":"FAIL","message":…}`.
#[must_use]
pub fn failure(message: &str) -> http::Response<Vec<u8>> {
    json_response(http::StatusCode::INTERNAL_SERVER_ERROR, "FAIL", message)
}

/// A failure answer with the given (non-2xx) status.
#[must_use]
pub fn failure_with_status(status: http::StatusCode, message: &str) -> http::Response<Vec<u8>> {
    json_response(status, "FAIL", message)
}

fn json_response(status: http::StatusCode, code: &str, message: &str) -> http::Response<Vec<u8>> {
    let body = serde_json::json!({ "code": code, "message": message }).to_string().into_bytes();
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    response
}

/// Remembers notification ids to drop WeChat Pay's retries of an event already handled.
///
/// [`RecentIds`] keeps them in memory (one instance); `redis::RedisDedup` (feature
/// `redis`) shares them between the instances behind a load balancer. Record an id only
/// after the event was processed successfully.
///
/// Both operations are asynchronous and fallible because a shared store is reached over the
/// network. **Fail closed:** when [`seen`](Self::seen) or [`record`](Self::record) fails,
/// answer WeChat Pay with a failure (e.g. [`failure_with_status`] with
/// [`DedupError::status`]) so that it retries later; never treat an unreachable store as
/// "seen" (the event would be lost) nor as "new" without saying so in your own design.
///
/// ```
/// use wxpay_core::notify::{self, Dedup, DedupError, RecentIds};
///
/// async fn handle(dedup: &impl Dedup, id: &str) -> Result<http::Response<Vec<u8>>, DedupError> {
///     if !dedup.seen(id).await? {
///         // … process the event …
///         dedup.record(id).await?;
///     }
///     Ok(notify::success())
/// }
/// # let _ = handle(&RecentIds::default(), "EV-1");
/// ```
pub trait Dedup: Send + Sync {
    /// Whether `id` was recorded before (and has not expired).
    fn seen(&self, id: &str) -> impl Future<Output = Result<bool, DedupError>> + Send;
    /// Records `id` as handled.
    fn record(&self, id: &str) -> impl Future<Output = Result<(), DedupError>> + Send;
}

/// A [`Dedup`] store could not answer; the notification must be answered with a failure so
/// that WeChat Pay retries it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DedupError {
    /// The store's address or settings are invalid.
    #[error("invalid notification de-duplication store configuration")]
    Config(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The store is unreachable or failed the command (connection refused or lost, timeout,
    /// server error).
    #[error("notification de-duplication store unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl DedupError {
    /// The HTTP status to answer WeChat Pay with: `503 Service Unavailable` (it retries).
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        http::StatusCode::SERVICE_UNAVAILABLE
    }
}

/// How long a notification id is remembered by default: 25 h, longer than WeChat Pay's 24 h
/// of retries.
pub const DEFAULT_DEDUP_TTL: Duration = Duration::from_secs(25 * 3600);

/// Ids with the time they were recorded, and the order they were recorded in.
type Seen = (BTreeMap<String, i64>, VecDeque<(i64, String)>);

/// An in-memory [`Dedup`] of the ids seen in the last `ttl` ([`DEFAULT_DEDUP_TTL`], longer than
/// WeChat Pay's 24 h of retries), holding at most `capacity` ids.
#[derive(Debug)]
pub struct RecentIds {
    ttl: Duration,
    capacity: usize,
    state: Mutex<Seen>,
}

impl Default for RecentIds {
    fn default() -> Self {
        Self::new(DEFAULT_DEDUP_TTL, 100_000)
    }
}

impl RecentIds {
    /// Keeps ids for `ttl`, at most `capacity` of them (oldest dropped first).
    #[must_use]
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        Self { ttl, capacity, state: Mutex::new((BTreeMap::new(), VecDeque::new())) }
    }

    /// Records `id` and returns whether it is new: a check and a record in one step, for
    /// single-use values such as request nonces.
    pub fn insert(&self, id: &str) -> bool {
        let now = unix_now();
        let mut state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        self.prune(&mut state, now);
        let new = state.0.insert(id.to_owned(), now).is_none();
        state.1.push_back((now, id.to_owned()));
        self.prune(&mut state, now);
        new
    }

    fn prune(&self, state: &mut Seen, now: i64) {
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX);
        while let Some((at, id)) = state.1.front() {
            if now.saturating_sub(*at) <= ttl && state.1.len() <= self.capacity {
                break;
            }
            if state.0.get(id) == Some(at) {
                state.0.remove(id);
            }
            state.1.pop_front();
        }
    }
}

impl RecentIds {
    /// Whether `id` was recorded in the last `ttl` (the synchronous form of
    /// [`Dedup::seen`]; it cannot fail).
    #[must_use]
    pub fn seen(&self, id: &str) -> bool {
        let mut state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        self.prune(&mut state, unix_now());
        state.0.contains_key(id)
    }

    /// Records `id` (the synchronous form of [`Dedup::record`]).
    pub fn record(&self, id: &str) {
        self.insert(id);
    }
}

impl Dedup for RecentIds {
    async fn seen(&self, id: &str) -> Result<bool, DedupError> {
        Ok(RecentIds::seen(self, id))
    }

    async fn record(&self, id: &str) -> Result<(), DedupError> {
        RecentIds::record(self, id);
        Ok(())
    }
}
