//! [`Client`]: signs, sends, verifies and decodes; [`ClientBuilder`] configures it.

use std::{
    fmt,
    path::Path,
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
    Endpoint, Error, FromResponse, VerifyError,
    aead::ApiV3Key,
    certificates::{CertificateError, CertificateList},
    error::{BuildError, ConfigError, TransportError, TransportErrorKind},
    ids::{MerchantSerial, PublicKeyId},
    keys::{PrivateKey, PublicKey},
    notify::{Notification, NotificationParser, NotifyError},
    sensitive::with_encryption_key,
    sign,
    transport::{DefaultTransport, Transport},
    trust::{DEFAULT_MAX_SKEW_SECS, PlatformCertificate, TrustStore, headers, unix_now},
};

/// The production API root.
pub const DEFAULT_BASE_URL: &str = "https://api.mch.weixin.qq.com/";

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
/// side) and a [`Transport`]. Cheap to clone; clones share everything.
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
}

struct Inner {
    mchid: String,
    merchant_serial: MerchantSerial,
    private_key: PrivateKey,
    trust: TrustStore,
    origin: String,
    base_path: String,
    user_agent: HeaderValue,
    timeout: Duration,
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
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("mchid", &self.inner.mchid)
            .field("merchant_serial", &self.inner.merchant_serial)
            .field("base_url", &format_args!("{}{}", self.inner.origin, self.inner.base_path))
            .field("public_key_id", &self.inner.trust.public_key_id())
            .field("verify_responses", &self.inner.verify_responses)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with the defaults: production base URL, 10 s connect and 30 s request
    /// timeouts, ±300 s signature window.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Builds a client from the `WXPAY_*` environment variables (see [`ClientBuilder::from_env`]).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the missing or invalid variable.
    #[cfg(feature = "reqwest")]
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
        let inner = &*self.inner;
        let mut target = String::with_capacity(160);
        target.push_str(&inner.base_path);
        let path_start = target.len();
        endpoint.write_path(&mut target);
        check_path(&target[path_start..])?;

        // Sensitive fields encrypt to the key advertised in `Wechatpay-Serial`.
        let encryption = inner.trust.encryption_key(unix_now());
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
        let serial = encryption.map(|(serial, _)| serial);
        self.sign_request(E::METHOD.into(), &target, body, timestamp, nonce, serial.as_deref())
    }

    /// Signs a request given as method, request target (`/path?query`, exactly as it will be
    /// sent) and body bytes: the escape hatch for endpoints not declared with `#[endpoint]`.
    ///
    /// # Errors
    ///
    /// [`Error::Build`] if `target` is not a valid request target.
    pub fn sign_raw(
        &self,
        method: http::Method,
        target: &str,
        body: Vec<u8>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let nonce = sign::nonce().map_err(BuildError::Random)?;
        let serial = self.inner.trust.encryption_key(unix_now()).map(|(serial, _)| serial);
        self.sign_request(method, target, body, unix_now(), &nonce, serial.as_deref())
    }

    fn sign_request(
        &self,
        method: http::Method,
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
        let has_body =
            !matches!(method, http::Method::GET | http::Method::DELETE) || !body.is_empty();
        let mut builder = http::Request::builder()
            .method(method)
            .uri(format!("{}{target}", inner.origin))
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
        self.ensure_certificates().await?;
        let request = self.prepare(endpoint)?;
        tracing::debug!(method = %E::METHOD, path = E::PATH_TEMPLATE, "sending");
        let (parts, body, request_id) = successful(self.send(request).await?)?;
        let mut verified = self.verify_response(&parts.headers, &body);
        if self.refetched_after(verified.as_ref().err()).await {
            verified = self.verify_response(&parts.headers, &body);
        }
        decode_verified(parts.status, &body, request_id, verified)
    }

    /// Sends an already signed request (see [`Client::sign_raw`]) with this client's
    /// transport and timeout, and returns the raw response, unverified.
    ///
    /// # Errors
    ///
    /// [`Error::Transport`] if no response arrives in time.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        match tokio::time::timeout(self.inner.timeout, self.transport.send(request)).await {
            Ok(result) => Ok(result?),
            Err(_) => Err(TransportError::from_kind(TransportErrorKind::Timeout).into()),
        }
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
        let target = format!("{}v3/certificates", self.inner.base_path);
        let request = self.sign_raw(http::Method::GET, &target, Vec::new())?;
        let (parts, body, request_id) = successful(self.send(request).await?)?;
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
        if !matches!(err, Some(VerifyError::UnknownSerial(_))) || !self.refetch_allowed() {
            return false;
        }
        if let Err(err) = self.refresh_certificates().await {
            tracing::warn!(error = %err, "certificate refetch after an unknown serial failed");
        }
        true
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
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(interval).await;
                let Some(inner) = weak.upgrade() else { break };
                let client = Client { inner, transport: transport.clone() };
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

pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers.get(headers::REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

impl From<CertificateError> for Error {
    fn from(err: CertificateError) -> Self {
        Error::Certificate(err)
    }
}

/// Rejects path values that are empty or dot segments: HTTP stacks normalise `.`/`..` away,
/// so the signed and the sent path would differ (and the request could reach another route).
fn check_path(path: &str) -> Result<(), Error> {
    let bad = path.split('/').enumerate().find(|(i, seg)| {
        matches!(*seg, "." | "..") || (seg.is_empty() && *i > 0 && !path.is_empty())
    });
    match bad {
        Some((_, seg)) => Err(Error::Config(ConfigError::InvalidId(crate::InvalidId {
            what: "path parameter",
            reason: format!("a path segment cannot be {seg:?}"),
        }))),
        None => Ok(()),
    }
}

pub(crate) fn api_error(
    status: http::StatusCode,
    body: &[u8],
    request_id: Option<String>,
) -> Error {
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

// Bill download support (`crate::bill`): the origin downloads must stay on, and the timeout.
impl<T> Client<T> {
    /// `scheme://host[:port]` of the base URL.
    pub(crate) fn origin(&self) -> &str {
        &self.inner.origin
    }

    /// The whole-request timeout.
    pub(crate) fn request_timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The merchant private key: opens encrypted bill files.
    pub(crate) fn merchant_private_key(&self) -> &PrivateKey {
        &self.inner.private_key
    }
}

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
    user_agent: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    max_skew_secs: u64,
    verify_responses: bool,
    api_v3_key: Option<ApiV3Key>,
    download: bool,
    refresh_interval: Duration,
    refetch_min_interval: Duration,
    error: Option<ConfigError>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("mchid", &self.mchid)
            .field("merchant_serial", &self.merchant_serial)
            .field("private_key", &self.private_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
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
            user_agent: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
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

    /// Connect timeout of the default transport (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Whole-request timeout, enforced for every transport (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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
    /// PEM files) and `WXPAY_BASE_URL`.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the missing or invalid variable.
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut builder = Self::new()
            .mchid(require_env("WXPAY_MCHID")?)
            .merchant_serial(&require_env("WXPAY_MCH_SERIAL")?)
            .private_key_file(require_env("WXPAY_MCH_PRIVATE_KEY")?);
        match (optional_env("WXPAY_PUBLIC_KEY_ID")?, optional_env("WXPAY_PUBLIC_KEY")?) {
            (Some(id), Some(path)) => builder = builder.wechatpay_public_key_file(&id, path),
            (None, None) => {}
            (Some(_), None) => {
                return Err(ConfigError::Missing("environment variable `WXPAY_PUBLIC_KEY`"));
            }
            (None, Some(_)) => {
                return Err(ConfigError::Missing("environment variable `WXPAY_PUBLIC_KEY_ID`"));
            }
        }
        if let Some(key) = optional_env("WXPAY_APIV3_KEY")? {
            builder = builder.api_v3_key(&key);
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
                for file in files.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    builder = builder.platform_certificates_file(file);
                }
            }
        }
        if let Some(url) = optional_env("WXPAY_BASE_URL")? {
            builder = builder.base_url(&url);
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
    pub fn build(self) -> Result<Client, Error> {
        let transport = crate::transport::ReqwestTransport::new(self.connect_timeout, self.timeout)
            .map_err(|e| ConfigError::Transport(Box::new(e)))?;
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
        });
        let (origin, base_path) = split_base_url(&self.base_url)?;
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
                origin,
                base_path,
                user_agent,
                timeout: self.timeout,
                max_skew_secs: self.max_skew_secs,
                verify_responses: self.verify_responses,
                api_v3_key: self.api_v3_key,
                download,
            }),
            transport,
        })
    }
}

/// Splits `https://host[:port]/prefix/` into (`https://host[:port]`, `/prefix/`).
fn split_base_url(url: &str) -> Result<(String, String), ConfigError> {
    let bad = || ConfigError::BaseUrl(url.to_owned());
    let uri: http::Uri = url.parse().map_err(|_| bad())?;
    let scheme = uri.scheme_str().filter(|s| matches!(*s, "http" | "https")).ok_or_else(bad)?;
    let authority = uri.authority().ok_or_else(bad)?;
    let path = uri.path();
    if uri.query().is_some() || !path.ends_with('/') || !url.ends_with('/') {
        return Err(bad());
    }
    Ok((format!("{scheme}://{authority}"), path.to_owned()))
}

fn require_env(var: &'static str) -> Result<String, ConfigError> {
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
