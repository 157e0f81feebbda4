//! [`Client`]: signs, sends, verifies and decodes; [`ClientBuilder`] configures it.

pub(crate) mod builder;
mod call;
mod retry;

pub use builder::ClientBuilder;
pub(crate) use call::Call;
pub use retry::RetryPolicy;

use std::{
    fmt,
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use http::{HeaderMap, HeaderValue, header};
use serde::de::DeserializeOwned;

use crate::{
    __private::QueryWriter,
    Endpoint, Error, FromResponse, Method, VerifyError,
    aead::ApiV3Key,
    certificates::{CertificateError, CertificateList},
    error::{BuildError, ConfigError, TransportError, TransportErrorKind},
    ids::MerchantSerial,
    keys::PrivateKey,
    notify::{Notification, NotificationParser, NotifyError},
    sensitive::with_encryption_key,
    sign,
    transport::{DefaultTransport, Transport},
    trust::{PlatformCertificate, TrustStore, headers, unix_now},
};

/// The production API root.
pub const DEFAULT_BASE_URL: &str = "https://api.mch.weixin.qq.com/";

/// The production backup API root (another access point), the default failover host when the
/// base URL is [`DEFAULT_BASE_URL`].
pub const DEFAULT_BACKUP_BASE_URL: &str = "https://api2.mch.weixin.qq.com/";

/// The default limit on a response body (10 MiB; WeChat's largest JSON answers are a few KiB).
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 10 * 1024 * 1024;

/// The `User-Agent` sent by default: crate name and version, OS, crypto backend.
fn default_user_agent() -> String {
    format!(
        "wxpay-core/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        crate::crypto::backend_name()
    )
}

/// A WeChat Pay APIv3 client for one merchant (or one service provider).
///
/// Owns its keys and trust store (no global state: run one client per merchant side by
/// side) and a [`Transport`]. Cheap to clone; clones share everything but the
/// [`RetryPolicy`], which [`Client::with_retry`] replaces for one clone.
///
/// ```no_run
/// # async fn run() -> Result<(), wxpay_core::Error> {
/// let client = wxpay_core::Client::from_env()?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client<T = DefaultTransport> {
    inner: Arc<Inner>,
    transport: T,
    retry: RetryPolicy,
}

/// An API root split for signing: `https://host[:port]` and the path prefix (`/` or `/x/`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Host {
    origin: String,
    base_path: String,
}

struct Inner {
    mchid: String,
    merchant_serial: MerchantSerial,
    private_key: PrivateKey,
    trust: TrustStore,
    primary: Host,
    backup: Option<Host>,
    user_agent: HeaderValue,
    /// The deadline of a whole call: certificates, every attempt, every wait.
    timeout: Duration,
    /// The limit of one attempt (send and receive).
    attempt_timeout: Duration,
    max_response_size: usize,
    max_skew_secs: u64,
    verify_responses: bool,
    api_v3_key: Option<ApiV3Key>,
    download: Option<Download>,
}

/// Platform-certificate download settings and state.
struct Download {
    refresh_interval: Duration,
    refetch_min_interval: Duration,
    last_refetch: Mutex<Option<Instant>>,
    refresher_started: AtomicBool,
    initial: tokio::sync::Mutex<()>,
    /// `/v3/certificates` answered 403/404: no certificates exist; never asked again.
    unavailable: Mutex<Option<(u16, String)>>,
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("mchid", &self.inner.mchid)
            .field("merchant_serial", &self.inner.merchant_serial)
            .field(
                "base_url",
                &format_args!("{}{}", self.inner.primary.origin, self.inner.primary.base_path),
            )
            .field("public_key_id", &self.inner.trust.public_key_id())
            .field("verify_responses", &self.inner.verify_responses)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with the defaults: production base URL with `api2` as backup, 10 s connect
    /// timeout, 30 s per call (10 s per attempt), 3 attempts, 10 MiB response limit, ±300 s
    /// signature window.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Builds a client from the `WXPAY_*` environment variables (see [`ClientBuilder::from_env`]).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the missing or invalid variable.
    #[cfg(feature = "reqwest")]
    #[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env()?.build()
    }
}

impl<T: Transport> Client<T> {
    /// The merchant id (`mchid`) that signs requests.
    #[must_use]
    pub fn mchid(&self) -> &str {
        &self.inner.mchid
    }

    /// The keys this client trusts for responses and notifications.
    #[must_use]
    pub fn trust_store(&self) -> &TrustStore {
        &self.inner.trust
    }

    /// The transport.
    #[must_use]
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The retry policy of this client (see [`Client::with_retry`]).
    #[must_use]
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// A clone of this client that retries by `policy`: e.g. `RetryPolicy::none()` to send one
    /// request exactly once. Keys, trust store, connections and certificates stay shared.
    ///
    /// ```no_run
    /// # async fn run(client: wxpay_core::Client) {
    /// use wxpay_core::RetryPolicy;
    /// let once = client.with_retry(RetryPolicy::none());
    /// # let _ = once; }
    /// ```
    #[must_use]
    pub fn with_retry(&self, policy: RetryPolicy) -> Self {
        Self { inner: Arc::clone(&self.inner), transport: self.transport.clone(), retry: policy }
    }

    /// The maximum accepted distance between a signature timestamp and the local clock.
    #[must_use]
    pub fn max_clock_skew(&self) -> Duration {
        Duration::from_secs(self.inner.max_skew_secs)
    }

    /// Builds the exact signed request for `endpoint` without sending it.
    ///
    /// The `path?query` string and the body are built once; what is signed is exactly what
    /// is sent.
    ///
    /// # Errors
    ///
    /// [`Error::Build`] if the fields cannot be serialized or a path value is empty, `.` or `..`.
    pub fn prepare<E: Endpoint>(&self, endpoint: &E) -> Result<http::Request<Vec<u8>>, Error> {
        let nonce = sign::nonce().map_err(BuildError::Random)?;
        self.prepare_with(endpoint, unix_now(), &nonce)
    }

    /// Like [`Client::prepare`] with a given timestamp and nonce: deterministic, for tests and
    /// for comparing with another implementation's signature.
    ///
    /// # Errors
    ///
    /// As [`Client::prepare`].
    pub fn prepare_with<E: Endpoint>(
        &self,
        endpoint: &E,
        timestamp: i64,
        nonce: &str,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let call = self.call_for(endpoint)?;
        self.sign_call(&call, &self.inner.primary, timestamp, nonce)
    }

    /// Builds the host-independent part of `endpoint`'s request once: every attempt sends it
    /// byte for byte.
    fn call_for<E: Endpoint>(&self, endpoint: &E) -> Result<Call<'static>, Error> {
        let mut target = String::with_capacity(160);
        endpoint.write_path(&mut target);
        check_path(&target)?;

        // Sensitive fields encrypt to the key advertised in `Wechatpay-Serial`.
        let encryption = self.inner.trust.encryption_key(unix_now());
        let (query, body) =
            with_encryption_key(encryption.as_ref().map(|(_, k)| k.clone()), || {
                if E::METHOD.has_body() {
                    let mut query = QueryWriter::default();
                    endpoint.write_query_fields(&mut query)?;
                    let body = serde_json::to_vec(endpoint).map_err(BuildError::Body)?;
                    Ok::<_, Error>((query.into_string(), body))
                } else {
                    Ok((
                        serde_urlencoded::to_string(endpoint).map_err(BuildError::Query)?,
                        Vec::new(),
                    ))
                }
            })?;
        if !query.is_empty() {
            target.push('?');
            target.push_str(&query);
        }
        Ok(Call {
            method: E::METHOD,
            template: E::PATH_TEMPLATE,
            target,
            body,
            serial: encryption.map(|(serial, _)| serial),
            idempotent: E::IDEMPOTENT || !E::METHOD.has_body(),
        })
    }

    /// Signs `call` for `host` with the given timestamp and nonce.
    fn sign_call(
        &self,
        call: &Call<'_>,
        host: &Host,
        timestamp: i64,
        nonce: &str,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let target = format!("{}{}", host.base_path, call.target);
        self.sign_request(
            host,
            call.method,
            &target,
            call.body.clone(),
            timestamp,
            nonce,
            call.serial.as_deref(),
        )
    }

    /// Signs a request given as method, request target and body bytes: the escape hatch for
    /// endpoints not declared with `#[endpoint]` (the template builder of
    /// [`Client::request`] covers most of them, with retries and verification).
    ///
    /// `target` is the origin-form request target exactly as it will be sent and signed,
    /// `/path?query` including the base URL's path prefix: it starts with a single `/` and holds
    /// no host, port or `#fragment`, so the signed request cannot leave the configured host.
    ///
    /// # Errors
    ///
    /// [`Error::Build`] ([`BuildError::Target`]) if `target` is not such a target.
    pub fn sign_raw(
        &self,
        method: Method,
        target: &str,
        body: Vec<u8>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        check_target(target)?;
        let nonce = sign::nonce().map_err(BuildError::Random)?;
        let serial = self.inner.trust.encryption_key(unix_now()).map(|(serial, _)| serial);
        self.sign_request(
            &self.inner.primary,
            method,
            target,
            body,
            unix_now(),
            &nonce,
            serial.as_deref(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn sign_request(
        &self,
        host: &Host,
        method: Method,
        target: &str,
        body: Vec<u8>,
        timestamp: i64,
        nonce: &str,
        wechatpay_serial: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let inner = &*self.inner;
        let message = sign::request_message(method.as_str(), target, timestamp, nonce, &body);
        // The target and body can hold personal data (an openid in a path): log their sizes.
        tracing::trace!(
            method = %method,
            timestamp,
            nonce,
            target_len = target.len(),
            body_len = body.len(),
            message_len = message.len(),
            "signing request"
        );
        let signature = inner.private_key.sign_base64(&message)?;
        let authorization = sign::authorization(
            &inner.mchid,
            nonce,
            timestamp,
            inner.merchant_serial.as_str(),
            &signature,
        );
        let has_body = method.has_body() || !body.is_empty();
        let mut builder = http::Request::builder()
            .method(http::Method::from(method))
            .uri(format!("{}{target}", host.origin))
            .header(header::AUTHORIZATION, authorization)
            .header(header::ACCEPT, "application/json")
            .header(header::USER_AGENT, inner.user_agent.clone());
        if has_body {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        if let Some(serial) = wechatpay_serial {
            builder = builder.header("Wechatpay-Serial", serial);
        }
        builder.body(body).map_err(|e| Error::Build(BuildError::Http(e)))
    }

    /// Signs and sends `endpoint`, verifies the response signature (every 2xx, 204
    /// included) and decodes it.
    ///
    /// # Errors
    ///
    /// Any [`Error`]: building, transport (including the request timeout), WeChat's error
    /// answer ([`Error::Api`]), verification, decoding.
    pub async fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, Error> {
        self.run(|| self.call_for(endpoint)).await?.decode()
    }

    /// Sends an already signed request (see [`Client::sign_raw`]) once, with this client's
    /// transport, per-attempt timeout and response size limit, and returns the raw response,
    /// unverified. No retries.
    ///
    /// # Errors
    ///
    /// [`Error::Transport`] if no response arrives in time or the body is too large.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        Ok(self.send_once(request, self.inner.attempt_timeout.min(self.inner.timeout)).await?)
    }

    /// One attempt: the transport under `limit`, and the size limit for transports that do not
    /// enforce it while reading.
    async fn send_once(
        &self,
        request: http::Request<Vec<u8>>,
        limit: Duration,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = tokio::time::timeout(limit, self.transport.send(request))
            .await
            .map_err(|_| TransportError::from_kind(TransportErrorKind::Timeout))??;
        if response.body().len() > self.inner.max_response_size {
            return Err(TransportError::from_kind(TransportErrorKind::BodyTooLarge));
        }
        Ok(response)
    }

    /// Turns a raw response into `R`: a non-2xx becomes [`Error::Api`]; a 2xx is verified
    /// (unless verification was disabled with the `danger_` option) and decoded.
    ///
    /// # Errors
    ///
    /// [`Error::Api`], [`Error::Verify`] or [`Error::Decode`].
    pub fn read_response<R: FromResponse>(
        &self,
        response: http::Response<Vec<u8>>,
    ) -> Result<R, Error> {
        let (parts, body, request_id) = successful(response)?;
        let verified = self.verify_response(&parts.headers, &body);
        decode_verified(parts.status, &body, request_id, verified)
    }

    fn verify_response(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), VerifyError> {
        if !self.inner.verify_responses {
            return Ok(());
        }
        self.inner.trust.verify(headers, body, self.inner.max_skew_secs)
    }

    /// A parser for notifications to this merchant, sharing this client's trust store
    /// (so certificate refreshes apply to it too).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if no APIv3 key was configured.
    pub fn notification_parser(&self) -> Result<NotificationParser, Error> {
        let key = self.inner.api_v3_key.clone().ok_or(ConfigError::Missing("APIv3 key"))?;
        Ok(NotificationParser::new(self.inner.trust.clone(), key)
            .with_max_skew(Duration::from_secs(self.inner.max_skew_secs)))
    }

    /// Verifies, decrypts and decodes a notification (raw headers and raw body bytes). In
    /// certificate-download mode an unknown serial triggers one rate-limited refetch.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without an APIv3 key; otherwise the [`NotifyError`] of the failed
    /// step.
    pub async fn parse_notification<R: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Result<Notification<R>, NotifyError>, Error> {
        let parser = self.notification_parser()?;
        let first = parser.parse(headers, body);
        if let Err(NotifyError::Verify(err)) = &first
            && self.refetched_after(Some(err)).await
        {
            return Ok(parser.parse(headers, body));
        }
        Ok(first)
    }

    /// Downloads `GET /v3/certificates`, decrypts every certificate with the APIv3 key,
    /// verifies the download's own signature with the downloaded set (plus the keys already
    /// held), then installs them: new ones are added, old ones kept until they expire.
    /// Returns the number of certificates now held.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without an APIv3 key; transport, API, verification or
    /// [`Error::Certificate`] errors otherwise. Nothing is installed on error.
    pub async fn refresh_certificates(&self) -> Result<usize, Error> {
        let key = self.inner.api_v3_key.as_ref().ok_or(ConfigError::Missing("APIv3 key"))?;
        if let Some(err) = self.certificates_unavailable() {
            return Err(Error::Certificate(err));
        }
        let target = format!("{}v3/certificates", self.inner.primary.base_path);
        let request = self.sign_raw(Method::Get, &target, Vec::new())?;
        let (parts, body, request_id) = match successful(self.send(request).await?) {
            Err(Error::Api { status, code, .. }) if matches!(status.as_u16(), 403 | 404) => {
                // Newer merchants have only the WeChat Pay public key: remember it, so neither
                // calls nor the background task ask again.
                if let Some(download) = &self.inner.download {
                    *download.unavailable.lock().unwrap_or_else(PoisonError::into_inner) =
                        Some((status.as_u16(), code.clone()));
                }
                let err = CertificateError::NotAvailable { status: status.as_u16(), code };
                tracing::warn!(
                    status = status.as_u16(),
                    "no platform certificates for this merchant"
                );
                return Err(Error::Certificate(err));
            }
            other => other?,
        };
        let list: CertificateList = crate::json::from_slice(&body)
            .map_err(|source| Error::Decode { source, request_id: request_id.clone() })?;
        let downloaded = list.decrypt(key)?;
        let now = unix_now();
        let candidate = self.inner.trust.clone_detached();
        candidate.add_certificates(downloaded.iter().cloned());
        candidate
            .verify_at(&parts.headers, &body, now, self.inner.max_skew_secs)
            .map_err(|source| Error::Verify { source, request_id })?;
        let mut kept: Vec<PlatformCertificate> =
            self.inner.trust.certificates().into_iter().filter(|c| c.not_after >= now).collect();
        for cert in downloaded {
            kept.retain(|c| c.serial != cert.serial);
            kept.push(cert);
        }
        let count = kept.len();
        self.inner.trust.replace_certificates(kept);
        tracing::debug!(count, "platform certificates refreshed");
        Ok(count)
    }

    /// In certificate-download mode: downloads the certificates once if none is held yet
    /// (concurrent callers wait for the same download), and starts the background refresh.
    async fn ensure_certificates(&self) -> Result<(), Error> {
        let Some(download) = &self.inner.download else { return Ok(()) };
        if let Some(err) = self.certificates_unavailable() {
            // Combined mode goes on with the public key; otherwise nothing can be verified.
            return match self.inner.trust.public_key_id() {
                Some(_) => Ok(()),
                None => Err(Error::Certificate(err)),
            };
        }
        self.start_certificate_refresh();
        if self.inner.trust.encryption_key(unix_now()).is_some() {
            return Ok(());
        }
        let _guard = download.initial.lock().await;
        if self.inner.trust.encryption_key(unix_now()).is_none() {
            self.refresh_certificates().await?;
        }
        Ok(())
    }

    /// After a verification failure `err` naming an unknown serial, refetches the
    /// certificates (rate-limited, download mode only). True when it did: verify again.
    async fn refetched_after(&self, err: Option<&VerifyError>) -> bool {
        if !matches!(err, Some(VerifyError::UnknownSerial(_)))
            || self.certificates_unavailable().is_some()
            || !self.refetch_allowed()
        {
            return false;
        }
        if let Err(err) = self.refresh_certificates().await {
            tracing::warn!(error = %err, "certificate refetch after an unknown serial failed");
        }
        true
    }

    /// The 403/404 of an earlier `/v3/certificates` download, if there was one.
    fn certificates_unavailable(&self) -> Option<CertificateError> {
        let download = self.inner.download.as_ref()?;
        let unavailable = download.unavailable.lock().unwrap_or_else(PoisonError::into_inner);
        unavailable.as_ref().map(|(status, code)| CertificateError::NotAvailable {
            status: *status,
            code: code.clone(),
        })
    }

    fn refetch_allowed(&self) -> bool {
        let Some(download) = &self.inner.download else { return false };
        let mut last = download.last_refetch.lock().unwrap_or_else(PoisonError::into_inner);
        if last.is_some_and(|at| at.elapsed() < download.refetch_min_interval) {
            return false;
        }
        *last = Some(Instant::now());
        true
    }

    /// Starts the background certificate refresh (certificate-download mode only) if it is
    /// not running. It runs on the current tokio runtime and stops once the last clone of
    /// this client is dropped. [`Client::execute`] calls this for you.
    pub fn start_certificate_refresh(&self) {
        let Some(download) = &self.inner.download else { return };
        if download.refresher_started.swap(true, Ordering::AcqRel) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            download.refresher_started.store(false, Ordering::Release);
            return;
        };
        let weak = Arc::downgrade(&self.inner);
        let transport = self.transport.clone();
        let interval = download.refresh_interval;
        let retry = self.retry;
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(interval).await;
                let Some(inner) = weak.upgrade() else { break };
                let client = Client { inner, transport: transport.clone(), retry };
                if client.certificates_unavailable().is_some() {
                    break;
                }
                if let Err(err) = client.refresh_certificates().await {
                    tracing::warn!(error = %err, "scheduled certificate refresh failed");
                }
            }
            tracing::debug!("certificate refresh stopped: client dropped");
        });
    }
}

/// Splits a 2xx response into its parts, body and `Request-ID`; any other status becomes
/// [`Error::Api`].
fn successful(
    response: http::Response<Vec<u8>>,
) -> Result<(http::response::Parts, Vec<u8>, Option<String>), Error> {
    let (parts, body) = response.into_parts();
    let request_id = request_id(&parts.headers);
    if !parts.status.is_success() {
        return Err(api_error(parts.status, &body, request_id));
    }
    Ok((parts, body, request_id))
}

/// Decodes a 2xx body once its verification result is known.
fn decode_verified<R: FromResponse>(
    status: http::StatusCode,
    body: &[u8],
    request_id: Option<String>,
    verified: Result<(), VerifyError>,
) -> Result<R, Error> {
    if let Err(source) = verified {
        tracing::warn!(error = %source, request_id = request_id.as_deref(), "response rejected");
        return Err(Error::Verify { source, request_id });
    }
    R::from_response(status, body).map_err(|source| Error::Decode { source, request_id })
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    headers.get(headers::REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

impl From<CertificateError> for Error {
    fn from(err: CertificateError) -> Self {
        Error::Certificate(err)
    }
}

/// Rejects path values that are empty or dot segments: HTTP stacks normalise `.`/`..` away,
/// so the signed and the sent path would differ (and the request could reach another route).
pub(crate) fn check_path(path: &str) -> Result<(), Error> {
    let bad = path.split('/').enumerate().find(|(i, seg)| {
        matches!(*seg, "." | "..") || (seg.is_empty() && *i > 0 && !path.is_empty())
    });
    match bad {
        Some((_, seg)) => {
            Err(BuildError::PathParameter(format!("a path segment cannot be {seg:?}")).into())
        }
        None => Ok(()),
    }
}

/// Accepts only an origin-form target `/path[?query]`: one leading `/`, no authority, no
/// fragment, nothing an HTTP stack would rewrite. Anything else could send the signed request
/// to another host or port, or sign something other than what is sent.
fn check_target(target: &str) -> Result<(), Error> {
    let reason = if !target.starts_with('/') {
        Some("must start with `/` (origin form `/path?query`)")
    } else if target.starts_with("//") {
        Some("must not start with `//` (that names a host)")
    } else if target.contains('#') {
        Some("must not contain a `#fragment` (it would be signed but not sent)")
    } else if target.bytes().any(|b| b <= b' ' || b == 0x7f || b == b'\\' || !b.is_ascii()) {
        Some("must be percent-encoded ASCII without spaces, control characters or `\\`")
    } else if target.parse::<http::uri::PathAndQuery>().map_or(true, |pq| pq.as_str() != target) {
        Some("is not a valid HTTP request target")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(BuildError::Target(reason).into()),
        None => Ok(()),
    }
}

fn api_error(status: http::StatusCode, body: &[u8], request_id: Option<String>) -> Error {
    #[derive(serde::Deserialize)]
    struct Body {
        code: String,
        #[serde(default)]
        message: String,
        #[serde(default)]
        detail: Option<serde_json::Value>,
    }
    if let Ok(b) = serde_json::from_slice::<Body>(body) {
        return Error::Api {
            status,
            code: b.code,
            message: b.message,
            detail: b.detail,
            request_id,
        };
    }
    let message: String = String::from_utf8_lossy(body).chars().take(1024).collect();
    Error::Api { status, code: String::new(), message, detail: None, request_id }
}
