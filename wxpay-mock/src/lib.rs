//! # wxpay-mock
//!
//! An embedded WeChat Pay APIv3 simulator for PayScore (微信支付分): a real HTTP server on
//! `127.0.0.1` that
//!
//! - authenticates every request like WeChat Pay (the `Authorization` header, the merchant
//!   certificate serial, the timestamp window, nonce replay, RSA-SHA256 over the raw request
//!   target and body) and answers WeChat's error shapes;
//! - signs every answer, `204` included, with its platform key: in public-key mode with the
//!   `PUB_KEY_ID_…`, in certificate mode with the platform certificate serial; serves
//!   `GET /v3/certificates` and rotates certificates;
//! - decodes requests with the very `wxpay-payscore` endpoint structs that clients send,
//!   routed by their `PATH_TEMPLATE`;
//! - keeps PayScore orders and authorizations in memory (direct and partner modes) and
//!   refuses every transition the real service refuses;
//! - serves the newer families with the same care: PayScore parking (`v3/vehicle/…`, with
//!   `VEHICLE.ENTRANCE_STATE_CHANGE` and `TRANSACTION.*`), the legacy 先享后付 and 智慧零售
//!   orders (`PAYSCORE.USER_ACCEPTED`, `USER_PAID`), cross-border and acquiring-institution
//!   orders on the partner order machine, pay-on-delivery orders (先用后付, direct and
//!   partner, on the ordinary order machine), service-account applications
//!   (`PAYSCORE.BIND_SERVICE_ACCOUNT`), PayScore plans and users' sign plans
//!   (`PAYSCORE.USER_SIGN_PLAN`, `USER_CANCEL_SIGN_PLAN`) and the service orders of their
//!   items (`sign-plan/serviceorder`), each request checked with its
//!   struct's `validate()`;
//! - sends signed, AES-256-GCM encrypted `PAYSCORE.*` notifications, retried on failure,
//!   every attempt recorded;
//! - generates bills from its own payments and refunds in WeChat's formats (trade and
//!   fund-flow bills, and the PayScore merchant bill and partner sub-merchant fund-flow bill
//!   encrypted to the merchant key), with `hash_value`, gzip, and signed-`GET` downloads;
//! - injects faults deterministically (latency, 5xx, dropped connections, broken signatures).
//!
//! Simulated user actions (confirming, paying, opening or closing the service, signing or
//! cancelling a sign plan) and WeChat's own decisions (approving a service-account
//! application) are a separate control API: methods on [`MockServer`] and HTTP routes
//! under `/__mock/`.
//!
//! ```
//! use wxpay_core::Method;
//! use wxpay_mock::MockServer;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = MockServer::start().await?;
//! let client = server.client_builder().build()?; // a `wxpay_core::Client` for this server
//! let created: serde_json::Value = client
//!     .request(Method::Post, "v3/payscore/serviceorder")
//!     .json(&serde_json::json!({
//!         "out_order_no": "1234323JKHDFE1243252", "appid": "wxd678efh567hg6787",
//!         "service_id": "2002000000000558128851361561536", "service_introduction": "就餐",
//!         "time_range": {"start_time": "OnAccept"},
//!         "risk_fund": {"name": "DEPOSIT", "amount": 50000},
//!         "notify_url": "http://127.0.0.1:9/payscore/notify"
//!     }))
//!     .send()
//!     .await?; // signed by the client, authenticated by the simulator, answer signed back
//! assert_eq!(created["state"], "CREATED");
//!
//! // The user confirms in WeChat: a control action (also `POST /__mock/orders/{no}/confirm`).
//! let confirmed = server.confirm_order("1234323JKHDFE1243252")?;
//! assert_eq!(confirmed.order["state"], "DOING");
//! # Ok(()) }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

mod auth;
pub mod cli;
mod control;
mod error;
pub mod faults;
mod ledger;
mod material;
mod nonces;
pub mod notify;
mod requests;
mod routes;
mod signing;
mod state;
mod util;

use std::{
    collections::BTreeMap,
    fmt,
    net::SocketAddr,
    sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard},
    time::Duration,
};

use hyper_util::rt::TokioIo;
use tokio::{sync::watch, task::JoinHandle};
use tower::ServiceExt as _;

pub use control::{ConfirmedOrder, OrderKey, ServiceAction, vehicle::ParkingUser};
pub use error::{ControlError, StartError};
pub use faults::{Fault, FaultKind};
pub use material::{DEFAULT_MCHID, KeyMaterial, LoadedKeys, PlatformKeyPair, files};
pub use nonces::DEFAULT_NONCE_CAPACITY;
pub use notify::{Attempt, Delivery, RetrySchedule};
pub use requests::{DEFAULT_REQUEST_LOG_CAPACITY, RequestRecord};
pub use state::DEFAULT_MAX_ORDERS;
pub use state::legacy::LegacyFamily;

use crate::{
    auth::{Checker, Merchant},
    error::ApiError,
    faults::Faults,
    routes::{ClientProbe, DropConnection, Route},
    signing::{PlatformKey, Signer},
    state::State,
};

/// Which key signs answers (protocol §3.5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyMode {
    /// The WeChat Pay public key: `Wechatpay-Serial: PUB_KEY_ID_…`; `GET /v3/certificates`
    /// answers `404 RESOURCE_NOT_EXISTS`.
    #[default]
    PublicKey,
    /// Platform certificates: `Wechatpay-Serial` is the newest certificate's serial;
    /// `GET /v3/certificates` lists them.
    Certificate,
}

/// Settings fixed at start.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) mode: KeyMode,
    pub(crate) max_skew: i64,
    pub(crate) retry_schedule: RetrySchedule,
    pub(crate) auto_pay: Option<Duration>,
    pub(crate) service_notify_url: Option<String>,
    pub(crate) require_authorization: bool,
    pub(crate) allow_loopback_http: bool,
}

/// Everything the server tasks share.
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) routes: Vec<Route>,
    pub(crate) primary_mchid: String,
    /// `http://127.0.0.1:PORT/`: the origin of bill download URLs.
    pub(crate) base_url: String,
    pub(crate) merchants: RwLock<BTreeMap<String, Merchant>>,
    nonces: nonces::NonceStore,
    pub(crate) signer: RwLock<Signer>,
    pub(crate) api_v3_key: wxpay_core::ApiV3Key,
    pub(crate) state: Mutex<State>,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) deliveries: notify::Deliveries,
    pub(crate) requests: requests::RequestLog,
    pub(crate) http: reqwest::Client,
    pub(crate) shutdown: watch::Receiver<bool>,
    pub(crate) runtime: tokio::runtime::Handle,
}

impl Shared {
    pub(crate) fn signer(&self) -> RwLockReadGuard<'_, Signer> {
        self.signer.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn draw_faults(&self, method: &str, template: Option<&str>, request: u64) -> Vec<FaultKind> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner).draw(method, template, request)
    }

    fn authenticate(
        &self,
        method: &str,
        target: &str,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<String, ApiError> {
        let merchants = self.merchants.read().unwrap_or_else(PoisonError::into_inner);
        let checker = Checker { merchants: &merchants, max_skew: self.config.max_skew };
        checker.check(&self.nonces, method, target, headers, body)
    }
}

/// The simulator's request authentication (protocol §2) without a server, for fuzzing: checks
/// `Authorization`, `Accept`, `User-Agent`, timestamp window, nonce and signature against one
/// merchant `mchid` whose certificate has serial `serial` and public key `key`. Returns the
/// merchant id, or the `(status, code)` of the error answer. Feature `fuzzing`; not a stable
/// API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub fn authenticate_for_fuzzing(
    mchid: &str,
    serial: &str,
    key: wxpay_core::PublicKey,
    method: &str,
    target: &str,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<String, (u16, &'static str)> {
    let merchants = BTreeMap::from([(
        mchid.to_owned(),
        Merchant { serial: util::normalize_serial(serial), key },
    )]);
    let nonces = nonces::NonceStore::new(600, 16);
    Checker { merchants: &merchants, max_skew: 300 }
        .check(&nonces, method, target, headers, body)
        .map_err(|e| (e.status.as_u16(), e.code))
}

/// Configures and starts a [`MockServer`].
#[must_use]
pub struct MockServerBuilder {
    mode: KeyMode,
    material: KeyMaterial,
    merchants: Vec<(String, String)>,
    listen: SocketAddr,
    max_skew: Duration,
    retry_schedule: RetrySchedule,
    seed: u64,
    faults: Vec<Fault>,
    auto_pay: Option<Duration>,
    service_notify_url: Option<String>,
    notify_timeout: Duration,
    require_authorization: bool,
    allow_loopback_http: bool,
    request_log_capacity: usize,
    nonce_capacity: usize,
    max_orders: usize,
    observer: Option<requests::Observer>,
}

impl fmt::Debug for MockServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServerBuilder")
            .field("mode", &self.mode)
            .field("material", &self.material)
            .field("listen", &self.listen)
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

impl Default for MockServerBuilder {
    fn default() -> Self {
        Self {
            mode: KeyMode::PublicKey,
            material: KeyMaterial::default(),
            merchants: Vec::new(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            max_skew: Duration::from_secs(300),
            retry_schedule: RetrySchedule::default(),
            seed: 0x5EED,
            faults: Vec::new(),
            auto_pay: None,
            service_notify_url: None,
            notify_timeout: Duration::from_secs(5),
            require_authorization: true,
            allow_loopback_http: true,
            request_log_capacity: DEFAULT_REQUEST_LOG_CAPACITY,
            nonce_capacity: DEFAULT_NONCE_CAPACITY,
            max_orders: state::DEFAULT_MAX_ORDERS,
            observer: None,
        }
    }
}

impl MockServerBuilder {
    /// Public-key or certificate mode (default: public key).
    pub fn mode(mut self, mode: KeyMode) -> Self {
        self.mode = mode;
        self
    }

    /// The keys (default: the pre-generated test keys shipped with the crate).
    pub fn keys(mut self, material: KeyMaterial) -> Self {
        self.material = material;
        self
    }

    /// Also accept requests from merchant `mchid` signed with the key of `cert_pem`.
    pub fn merchant(mut self, mchid: impl Into<String>, cert_pem: impl Into<String>) -> Self {
        self.merchants.push((mchid.into(), cert_pem.into()));
        self
    }

    /// Where to listen (default `127.0.0.1:0`, a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Accepted distance between a request's timestamp and the clock (default 300 s).
    pub fn max_clock_skew(mut self, skew: Duration) -> Self {
        self.max_skew = skew;
        self
    }

    /// Delays between notification retries (default for tests: 100, 200, 400, 800 ms;
    /// [`RetrySchedule::wechat`] is WeChat Pay's, which the `wxpay-mock` binary uses).
    pub fn retry_schedule(mut self, schedule: RetrySchedule) -> Self {
        self.retry_schedule = schedule;
        self
    }

    /// How long a notification receiver may take to answer (default 5 s).
    pub fn notify_timeout(mut self, timeout: Duration) -> Self {
        self.notify_timeout = timeout;
        self
    }

    /// Seed of the fault generator (default fixed: runs are reproducible).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Adds a fault rule.
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Charge completed orders automatically after `delay` (as WeChat Pay does); by default
    /// payment is a control action ([`MockServer::pay_order`]).
    pub fn auto_pay(mut self, delay: Duration) -> Self {
        self.auto_pay = Some(delay);
        self
    }

    /// Where authorization events go when no `notify_url` was given at pre-authorization
    /// (WeChat Pay uses the URL set in the merchant portal).
    pub fn service_notify_url(mut self, url: impl Into<String>) -> Self {
        self.service_notify_url = Some(url.into());
        self
    }

    /// Whether orders without user confirmation (`need_user_confirm: false`) and
    /// direct-complete need an `AVAILABLE` authorization of the user (default true).
    pub fn require_authorization(mut self, require: bool) -> Self {
        self.require_authorization = require;
        self
    }

    /// Whether a `notify_url` may be `http://` on a loopback host (`127.0.0.1`, `[::1]`,
    /// `localhost`), for receivers in tests. Default `true` in-process; the binary refuses
    /// them unless started with `--allow-http-notify`. Other `http://` URLs and URLs with a
    /// query string are always refused, as WeChat Pay does ("只支持HTTPS协议 … 不能携带查询参数").
    pub fn allow_loopback_http(mut self, allow: bool) -> Self {
        self.allow_loopback_http = allow;
        self
    }

    /// How many [`RequestRecord`]s [`MockServer::requests`] keeps, the newest (default
    /// [`DEFAULT_REQUEST_LOG_CAPACITY`]); [`MockServer::requests_received`] counts them all.
    pub fn request_log_capacity(mut self, capacity: usize) -> Self {
        self.request_log_capacity = capacity;
        self
    }

    /// How many request nonces are remembered (default [`DEFAULT_NONCE_CAPACITY`]). Nonces
    /// are kept while their timestamp is within the clock-skew window; when more arrive
    /// within it, the oldest is forgotten and requests signed at or before its timestamp are
    /// refused as expired (`401 SIGN_ERROR`), so that no replay is ever accepted.
    pub fn nonce_capacity(mut self, capacity: usize) -> Self {
        self.nonce_capacity = capacity;
        self
    }

    /// How many service orders are kept (default [`DEFAULT_MAX_ORDERS`]). Past it, the
    /// oldest finished orders (`DONE`, `REVOKED`, `EXPIRED`) are forgotten first, then the
    /// oldest of any state, down to nine tenths of the limit.
    pub fn max_orders(mut self, max: usize) -> Self {
        self.max_orders = max;
        self
    }

    /// Calls `observer` with every request record once it is finished (answered, dropped
    /// by a fault, or abandoned by the client), e.g. to check answers without keeping the
    /// whole log.
    pub fn on_request(mut self, observer: impl Fn(&RequestRecord) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Starts the server on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// [`StartError`] if the keys are unusable or the address cannot be bound.
    pub async fn start(self) -> Result<MockServer, StartError> {
        let parsed = self.material.check()?;
        let mut merchants = BTreeMap::new();
        merchants.insert(
            self.material.mchid.clone(),
            Merchant {
                serial: util::normalize_serial(parsed.merchant.serial.as_str()),
                key: parsed.merchant.public_key.clone(),
            },
        );
        for (mchid, pem) in &self.merchants {
            let cert = wxpay_core::PlatformCertificate::from_pem(pem)
                .map_err(|e| StartError::Keys(format!("merchant `{mchid}` certificate: {e}")))?;
            merchants.insert(
                mchid.clone(),
                Merchant {
                    serial: util::normalize_serial(cert.serial.as_str()),
                    key: cert.public_key,
                },
            );
        }
        let signer = Signer {
            mode: self.mode,
            public_key: (self.material.public_key_id.clone(), parsed.platform_key.clone()),
            certificates: vec![PlatformKey {
                key: parsed.platform_key,
                cert: parsed.platform_cert,
                cert_pem: self.material.platform.cert_pem.clone(),
            }],
        };
        let listener = tokio::net::TcpListener::bind(self.listen)
            .await
            .map_err(|source| StartError::Bind { addr: self.listen.to_string(), source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| StartError::Bind { addr: self.listen.to_string(), source })?;
        let http = reqwest::Client::builder()
            .timeout(self.notify_timeout)
            .build()
            .map_err(|e| StartError::Keys(format!("cannot build the notification client: {e}")))?;
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let shared = Arc::new(Shared {
            config: Config {
                mode: self.mode,
                max_skew: i64::try_from(self.max_skew.as_secs()).unwrap_or(i64::MAX),
                retry_schedule: self.retry_schedule,
                auto_pay: self.auto_pay,
                service_notify_url: self.service_notify_url,
                require_authorization: self.require_authorization,
                allow_loopback_http: self.allow_loopback_http,
            },
            routes: routes::table(),
            primary_mchid: self.material.mchid.clone(),
            base_url: format!("http://{addr}/"),
            merchants: RwLock::new(merchants),
            nonces: nonces::NonceStore::new(
                i64::try_from(self.max_skew.as_secs()).unwrap_or(i64::MAX),
                self.nonce_capacity,
            ),
            signer: RwLock::new(signer),
            api_v3_key: parsed.api_v3_key,
            state: Mutex::new(State::with_max_orders(self.max_orders)),
            faults: Mutex::new(Faults::new(self.seed, self.faults)),
            deliveries: notify::Deliveries::default(),
            requests: requests::RequestLog::new(self.request_log_capacity, self.observer),
            http,
            shutdown: shutdown_rx,
            runtime: tokio::runtime::Handle::current(),
        });
        let router = axum::Router::new()
            .nest("/__mock", routes::control::router())
            .fallback(routes::api)
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(serve(listener, router));
        tracing::debug!(%addr, mode = ?self.mode, "wxpay-mock listening");
        Ok(MockServer { shared, addr, material: self.material, shutdown: shutdown_tx, task })
    }
}

/// The error that makes hyper close a connection without answering.
#[derive(Debug)]
struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by a fault")
    }
}

impl std::error::Error for Dropped {}

/// Accepts connections until the task is aborted; aborting drops every connection.
async fn serve(listener: tokio::net::TcpListener, router: axum::Router) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let Ok((stream, probe)) = ClientProbe::split(stream) else { continue };
                let router = router.clone();
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |request: http::Request<hyper::body::Incoming>| {
                        let router = router.clone();
                        let mut request = request.map(axum::body::Body::new);
                        request.extensions_mut().insert(probe.clone());
                        async move {
                            let response = router
                                .oneshot(request)
                                .await
                                .unwrap_or_else(|never| match never {});
                            if response.extensions().get::<DropConnection>().is_some() {
                                return Err(Dropped);
                            }
                            Ok(response)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// A running simulator. Stops (and drops every connection) when dropped.
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    material: KeyMaterial,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .field("mode", &self.shared.config.mode)
            .field("mchid", &self.material.mchid)
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        self.task.abort();
    }
}

/// The credentials a client needs to talk to the simulator. `Debug` hides the secrets.
#[derive(Clone)]
#[non_exhaustive]
pub struct Credentials {
    /// `WXPAY_MCHID`.
    pub mchid: String,
    /// `WXPAY_MCH_SERIAL`: the merchant certificate serial.
    pub merchant_serial: String,
    /// The merchant private key PEM (`WXPAY_MCH_PRIVATE_KEY` points to a file of it).
    pub merchant_private_key_pem: Option<String>,
    /// `WXPAY_PUBLIC_KEY_ID`.
    pub public_key_id: String,
    /// The WeChat Pay public key PEM (`WXPAY_PUBLIC_KEY` points to a file of it).
    pub public_key_pem: String,
    /// The platform certificates currently listed (PEM), oldest first.
    pub platform_certificates_pem: Vec<String>,
    /// `WXPAY_APIV3_KEY`.
    pub api_v3_key: String,
    /// `WXPAY_BASE_URL`: `http://127.0.0.1:PORT/`.
    pub base_url: String,
    /// The key mode of the server.
    pub mode: KeyMode,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("mchid", &self.mchid)
            .field("merchant_serial", &self.merchant_serial)
            .field("public_key_id", &self.public_key_id)
            .field("base_url", &self.base_url)
            .field("mode", &self.mode)
            .field("merchant_private_key_pem", &"<redacted>")
            .field("api_v3_key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a simulator with the defaults: public-key mode, the shipped test keys, a free
    /// port on `127.0.0.1`.
    ///
    /// # Errors
    ///
    /// [`StartError`] if no port can be bound.
    pub async fn start() -> Result<Self, StartError> {
        Self::builder().start().await
    }

    /// A builder.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The listening address.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API root, `http://127.0.0.1:PORT/`.
    #[must_use]
    pub fn base_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The key mode.
    #[must_use]
    pub fn mode(&self) -> KeyMode {
        self.shared.config.mode
    }

    /// The keys the server started with.
    #[must_use]
    pub fn keys(&self) -> &KeyMaterial {
        &self.material
    }

    /// What a client needs.
    ///
    /// # Panics
    ///
    /// Never: the merchant certificate was checked at start.
    #[must_use]
    pub fn credentials(&self) -> Credentials {
        let signer = self.shared.signer();
        Credentials {
            mchid: self.material.mchid.clone(),
            merchant_serial: self.material.merchant_serial().unwrap_or_default(),
            merchant_private_key_pem: self.material.merchant_key_pem.clone(),
            public_key_id: self.material.public_key_id.clone(),
            public_key_pem: self.material.public_key_pem.clone(),
            platform_certificates_pem: signer
                .certificates
                .iter()
                .map(|c| c.cert_pem.clone())
                .collect(),
            api_v3_key: self.material.api_v3_key.clone(),
            base_url: self.base_url(),
            mode: self.shared.config.mode,
        }
    }

    /// A `wxpay_core` client builder configured for this server: merchant id, serial and
    /// private key, APIv3 key, base URL, and the WeChat Pay public key (public-key mode) or
    /// certificate download (certificate mode). Call `.build()` on it.
    pub fn client_builder(&self) -> wxpay_core::ClientBuilder {
        let credentials = self.credentials();
        let mut builder = wxpay_core::Client::builder()
            .mchid(credentials.mchid)
            .merchant_serial(&credentials.merchant_serial)
            .api_v3_key(&credentials.api_v3_key)
            .base_url(&credentials.base_url);
        if let Some(pem) = &credentials.merchant_private_key_pem {
            builder = builder.private_key_pem(pem);
        }
        match credentials.mode {
            KeyMode::PublicKey => builder
                .wechatpay_public_key_pem(&credentials.public_key_id, &credentials.public_key_pem),
            KeyMode::Certificate => builder.platform_certificates_download(),
        }
    }

    /// A notification parser that accepts this server's notifications (its public key or
    /// platform certificates, and its APIv3 key).
    ///
    /// # Errors
    ///
    /// [`StartError::Keys`] if a key does not parse (never with the checked material).
    pub fn notification_parser(
        &self,
    ) -> Result<wxpay_core::notify::NotificationParser, StartError> {
        let keys = |e: &dyn fmt::Display| StartError::Keys(e.to_string());
        let key = wxpay_core::ApiV3Key::new(&self.material.api_v3_key).map_err(|e| keys(&e))?;
        let trust = match self.mode() {
            KeyMode::PublicKey => {
                let id = wxpay_core::PublicKeyId::new(self.material.public_key_id.clone())
                    .map_err(|e| keys(&e))?;
                let public = wxpay_core::PublicKey::from_pem(&self.material.public_key_pem)
                    .map_err(|e| keys(&e))?;
                wxpay_core::TrustStore::with_public_key(id, public)
            }
            KeyMode::Certificate => {
                let trust = wxpay_core::TrustStore::new();
                trust.add_certificates(
                    self.shared.signer().certificates.iter().map(|c| c.cert.clone()),
                );
                trust
            }
        };
        Ok(wxpay_core::notify::NotificationParser::new(trust, key))
    }

    /// Adds a fault rule; out-of-range values are clamped ([`Fault::clamped`]).
    pub fn add_fault(&self, fault: Fault) {
        self.shared.faults.lock().unwrap_or_else(PoisonError::into_inner).add(fault);
    }

    /// Adds a fault rule after [`Fault::check`].
    ///
    /// # Errors
    ///
    /// [`ControlError::BadRequest`] naming the out-of-range value.
    pub fn try_add_fault(&self, fault: Fault) -> Result<(), ControlError> {
        fault.check().map_err(ControlError::BadRequest)?;
        self.add_fault(fault);
        Ok(())
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.faults.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// The fault rules, with their remaining counts.
    #[must_use]
    pub fn faults(&self) -> Vec<Fault> {
        self.shared.faults.lock().unwrap_or_else(PoisonError::into_inner).rules()
    }

    /// The requests received, oldest first: the newest
    /// [`MockServerBuilder::request_log_capacity`] of them. A request is recorded on arrival
    /// and completed when answered (or dropped, or abandoned by the client).
    #[must_use]
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.requests.snapshot()
    }

    /// How many requests to the WeChat Pay API arrived since the start, including those no
    /// longer kept in [`MockServer::requests`].
    #[must_use]
    pub fn requests_received(&self) -> u64 {
        self.shared.requests.received()
    }

    /// Every notification so far, with its attempts.
    #[must_use]
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared.deliveries.snapshot()
    }

    /// Waits until a notification of `event_type` has finished (delivered or given up), at
    /// most `timeout`.
    pub async fn wait_for_delivery(&self, event_type: &str, timeout: Duration) -> Option<Delivery> {
        self.wait_for(|d| d.event_type == event_type && d.finished, timeout).await
    }

    /// Waits until some notification matches `predicate`, at most `timeout`
    /// (`Duration::MAX`: without limit).
    pub async fn wait_for(
        &self,
        predicate: impl Fn(&Delivery) -> bool,
        timeout: Duration,
    ) -> Option<Delivery> {
        let deadline = tokio::time::Instant::now().checked_add(timeout);
        loop {
            if let Some(found) = self.deliveries().into_iter().find(|d| predicate(d)) {
                return Some(found);
            }
            if deadline.is_some_and(|d| tokio::time::Instant::now() >= d) {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}
