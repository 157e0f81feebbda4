//! A blocking [`Client`] for code that is not async: a plain `fn main`, a thread pool, a
//! synchronous web framework. Enabled by the `blocking` feature.
//!
//! It is the async [`crate::Client`] on a runtime of its own, as `reqwest::blocking` does it:
//! building the client starts one thread that runs a single-threaded tokio runtime; every
//! call is handed to that thread over a channel and the calling thread waits for its answer.
//! Calls from many threads sharing one client (it is `Clone`, `Send` and `Sync`) run
//! concurrently on that runtime over one connection pool. Everything else is the async
//! client's: the same signing, retries and deadline, the verification of every answer (`204`
//! included), the background certificate refresh. The thread stops when the last clone is
//! dropped.
//!
//! ```no_run
//! use wxpay_core::{NoContent, OutOrderNo, blocking, endpoint};
//!
//! /// Cancels a PayScore service order (partner mode).
//! ///
//! /// `POST /v3/payscore/partner/serviceorder/{out_order_no}/cancel`
//! #[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/cancel", response = NoContent)]
//! pub struct CancelOrder {
//!     /// Path parameter.
//!     pub out_order_no: OutOrderNo,
//!     /// JSON body field.
//!     pub sub_mchid: String,
//!     /// JSON body field.
//!     pub reason: String,
//! }
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let client = blocking::Client::from_env()?;
//!     let req = CancelOrder {
//!         out_order_no: OutOrderNo::new("1234323JKHDFE1243252")?,
//!         sub_mchid: "1900000109".into(),
//!         reason: "user cancelled".into(),
//!     };
//!     client.execute(&req)?; // signed, sent, 204 signature verified
//!     Ok(())
//! }
//! ```
//!
//! # Inside an async runtime
//!
//! Blocking a thread that drives async tasks stalls them, so every call that would wait
//! panics, before anything is sent, when the calling thread is in a tokio runtime context
//! (an async task, `block_on`, `Runtime::enter`, `spawn_blocking` too). Use
//! [`crate::Client`] with `.await` there. Building and dropping the client are allowed
//! anywhere.

#![cfg_attr(docsrs, doc(cfg(feature = "blocking")))]

mod request;

pub use request::RequestBuilder;

use std::{fmt, future::Future, io, pin::Pin, sync::Arc, thread, time::Duration};

use http::HeaderMap;
use serde::de::DeserializeOwned;
use tokio::sync::{mpsc, oneshot};

use super::{Answer, Call, ClientBuilder, RetryPolicy};
use crate::{
    Endpoint, Error, Method, TrustStore,
    error::ConfigError,
    notify::{Notification, NotificationParser, NotifyError},
    transport::{DefaultTransport, Transport},
};

/// The message of the panic of a call made inside an async runtime.
const INSIDE_RUNTIME: &str = "wxpay_core::blocking::Client was called inside an async \
    runtime: blocking this thread would stall the tasks it drives. Use wxpay_core::Client \
    and `.await` the call there, or call from a thread of your own (std::thread::spawn)";

/// A WeChat Pay APIv3 client whose calls block the calling thread; see the
/// [module documentation](self).
///
/// Built from the same [`ClientBuilder`] as the async client
/// ([`ClientBuilder::build_blocking`], [`Client::new`], [`Client::from_env`]), or around an
/// async client ([`Client::from_async`]). Cheap to clone: clones share the runtime thread,
/// the keys, the connections and the certificates.
#[derive(Clone)]
pub struct Client<T = DefaultTransport> {
    client: crate::Client<T>,
    runtime: Arc<Runtime>,
}

impl<T> fmt::Debug for Client<T> {
    /// The async client's `Debug`: identifiers and settings, never key material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::Client").field(&self.client).finish()
    }
}

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
impl Client {
    /// Builds a blocking client with the default transport from `builder`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for the first invalid or missing setting, or if the runtime thread
    /// cannot be started.
    pub fn new(builder: ClientBuilder) -> Result<Self, Error> {
        Self::from_async(builder.build()?)
    }

    /// Builds a blocking client from the `WXPAY_*` environment variables (see
    /// [`ClientBuilder::from_env`]).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the missing or invalid variable, or if the runtime thread
    /// cannot be started.
    pub fn from_env() -> Result<Self, Error> {
        Self::new(ClientBuilder::from_env()?)
    }
}

impl ClientBuilder {
    /// Builds a [`blocking::Client`](Client) with the default transport.
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build`], or [`Error::Config`] if the runtime thread cannot be
    /// started.
    #[cfg(feature = "reqwest")]
    #[cfg_attr(docsrs, doc(cfg(all(feature = "blocking", feature = "reqwest"))))]
    pub fn build_blocking(self) -> Result<Client, Error> {
        Client::new(self)
    }

    /// Builds a [`blocking::Client`](Client) that sends through `transport`.
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build_with_transport`], or [`Error::Config`] if the runtime
    /// thread cannot be started.
    #[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
    pub fn build_blocking_with_transport<T: Transport>(
        self,
        transport: T,
    ) -> Result<Client<T>, Error> {
        Client::from_async(self.build_with_transport(transport)?)
    }
}

impl<T: Transport> Client<T> {
    /// Wraps an async client: starts the runtime thread its calls will run on.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] ([`ConfigError::Transport`]) if the thread or its runtime cannot
    /// be started.
    pub fn from_async(client: crate::Client<T>) -> Result<Self, Error> {
        Ok(Self { client, runtime: Arc::new(Runtime::start()?) })
    }

    /// Signs and sends `endpoint` (any `#[endpoint]` struct), verifies the response
    /// signature (every 2xx, `204` included) and decodes it, blocking until done: the
    /// blocking form of [`crate::Client::execute`].
    ///
    /// # Errors
    ///
    /// Any [`Error`], exactly as [`crate::Client::execute`].
    ///
    /// # Panics
    ///
    /// Inside an async runtime (see the [module documentation](self)), before anything is
    /// sent; and if the call itself panics on the runtime thread (the panic is resumed here).
    pub fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, Error> {
        self.answer(|| self.client.call_for(endpoint).map(OwnedCall::new))?.decode()
    }

    /// Starts a request to any endpoint named by its URI template, as
    /// [`crate::Client::request`] does; its [`send`](RequestBuilder::send) blocks.
    ///
    /// ```no_run
    /// # fn run(client: wxpay_core::blocking::Client) -> Result<(), wxpay_core::Error> {
    /// use wxpay_core::{Method, NoContent};
    ///
    /// let body = serde_json::json!({ "service_id": "2002000000000558128851361561536", "sub_mchid": "1900000109", "reason": "user cancelled" });
    /// client
    ///     .request(Method::Post, "v3/payscore/partner/serviceorder/{out_order_no}/cancel")
    ///     .path("out_order_no", "1234323JKHDFE1243252")
    ///     .json(&body)
    ///     .send::<NoContent>()?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, template: &str) -> RequestBuilder<'_, T> {
        RequestBuilder::new(self, self.client.request(method, template))
    }

    /// Builds the exact signed request for `endpoint` without sending it (see
    /// [`crate::Client::prepare`]). Does not block.
    ///
    /// # Errors
    ///
    /// As [`crate::Client::prepare`].
    pub fn prepare<E: Endpoint>(&self, endpoint: &E) -> Result<http::Request<Vec<u8>>, Error> {
        self.client.prepare(endpoint)
    }

    /// The merchant id (`mchid`) that signs requests.
    #[must_use]
    pub fn mchid(&self) -> &str {
        self.client.mchid()
    }

    /// The keys this client trusts for responses and notifications.
    #[must_use]
    pub fn trust_store(&self) -> &TrustStore {
        self.client.trust_store()
    }

    /// The retry policy of this client.
    #[must_use]
    pub fn retry_policy(&self) -> RetryPolicy {
        self.client.retry_policy()
    }

    /// A clone of this client that retries by `policy` (see
    /// [`crate::Client::with_retry`]); it shares the runtime thread.
    #[must_use]
    pub fn with_retry(&self, policy: RetryPolicy) -> Self {
        Self { client: self.client.with_retry(policy), runtime: Arc::clone(&self.runtime) }
    }

    /// A parser for notifications to this merchant, sharing this client's trust store (see
    /// [`crate::Client::notification_parser`]). Does not block.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if no APIv3 key was configured.
    pub fn notification_parser(&self) -> Result<NotificationParser, Error> {
        self.client.notification_parser()
    }

    /// Verifies, decrypts and decodes a notification (raw headers and raw body bytes),
    /// blocking while an unknown serial triggers a certificate refetch: the blocking form of
    /// [`crate::Client::parse_notification`].
    ///
    /// # Errors
    ///
    /// As [`crate::Client::parse_notification`].
    ///
    /// # Panics
    ///
    /// As [`Client::execute`].
    pub fn parse_notification<R: DeserializeOwned + Send + 'static>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Result<Notification<R>, NotifyError>, Error> {
        refuse_inside_runtime();
        let client = self.client.clone();
        let (headers, body) = (headers.clone(), body.to_vec());
        self.block_on(async move { client.parse_notification(&headers, &body).await })
    }

    /// Downloads, verifies and installs the platform certificates, blocking until done: the
    /// blocking form of [`crate::Client::refresh_certificates`].
    ///
    /// # Errors
    ///
    /// As [`crate::Client::refresh_certificates`].
    ///
    /// # Panics
    ///
    /// As [`Client::execute`].
    pub fn refresh_certificates(&self) -> Result<usize, Error> {
        refuse_inside_runtime();
        let client = self.client.clone();
        self.block_on(async move { client.refresh_certificates().await })
    }

    /// One call: refuses to block inside a runtime, makes sure the certificates the request
    /// may encrypt to are there, builds the request on this thread with `build` (the
    /// endpoint or template is borrowed, not sent), then runs it on the runtime thread.
    fn answer(&self, build: impl FnOnce() -> Result<OwnedCall, Error>) -> Result<Answer, Error> {
        refuse_inside_runtime();
        if self.client.inner.download.is_some() {
            let client = self.client.clone();
            let limit = self.client.inner.timeout;
            self.block_on(async move { ensure_certificates(&client, limit).await })?;
        }
        let call = build()?;
        let client = self.client.clone();
        self.block_on(async move { call.run(&client).await })
    }

    /// Runs `future` on the runtime thread and waits for its output; a panic in it is
    /// resumed on this thread.
    fn block_on<R: Send + 'static>(&self, future: impl Future<Output = R> + Send + 'static) -> R {
        let (done, outcome) = oneshot::channel();
        let job: Job = Box::pin(async move {
            // Spawned apart so that a panic comes back as a `JoinError` holding its payload.
            let _ = done.send(tokio::spawn(future).await);
        });
        let queued = self.runtime.jobs.as_ref().is_some_and(|jobs| jobs.send(job).is_ok());
        let outcome = if queued { outcome.blocking_recv().ok() } else { None };
        match outcome {
            Some(Ok(output)) => output,
            Some(Err(error)) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            // The runtime thread runs until the last clone of this client is dropped and
            // never panics itself (a panicking call is a task of its own).
            _ => unreachable!("the wxpay blocking runtime thread stopped while a client is alive"),
        }
    }
}

/// Panics with [`INSIDE_RUNTIME`] if this thread is in a tokio runtime context.
fn refuse_inside_runtime() {
    assert!(tokio::runtime::Handle::try_current().is_err(), "{INSIDE_RUNTIME}");
}

/// The certificate step of [`crate::Client::run`], under the client's deadline.
async fn ensure_certificates<T: Transport>(
    client: &crate::Client<T>,
    limit: Duration,
) -> Result<(), Error> {
    match tokio::time::timeout(limit, client.ensure_certificates()).await {
        Ok(result) => result,
        Err(_) => {
            Err(crate::error::TransportError::from_kind(crate::error::TransportErrorKind::Timeout)
                .into())
        }
    }
}

/// A [`Call`] that owns its template, so that it can be sent to the runtime thread.
struct OwnedCall {
    method: Method,
    template: String,
    target: String,
    body: Vec<u8>,
    serial: Option<String>,
    idempotent: bool,
}

impl OwnedCall {
    fn new(call: Call<'_>) -> Self {
        let Call { method, template, target, body, serial, idempotent } = call;
        Self { method, template: template.to_owned(), target, body, serial, idempotent }
    }

    /// Sends the call with `client`, with its retries, deadline and verification.
    async fn run<T: Transport>(self, client: &crate::Client<T>) -> Result<Answer, Error> {
        let Self { method, template, target, body, serial, idempotent } = self;
        let call = Call { method, template: &template, target, body, serial, idempotent };
        client.run(|| Ok(call)).await
    }
}

/// A call queued for the runtime thread.
type Job = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The runtime thread and its queue. Dropping it (with the last client) closes the queue,
/// which ends the thread; the drop waits for that.
struct Runtime {
    jobs: Option<mpsc::UnboundedSender<Job>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Runtime {
    /// Starts the thread with a current-thread runtime (I/O and time enabled) and waits until
    /// the runtime is built.
    fn start() -> Result<Self, Error> {
        let (jobs, mut queue) = mpsc::unbounded_channel::<Job>();
        let (started, start) = std::sync::mpsc::channel();
        let thread = thread::Builder::new()
            .name("wxpay-blocking".to_owned())
            .spawn(move || {
                let runtime =
                    match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                        Ok(runtime) => runtime,
                        Err(error) => {
                            let _ = started.send(Err(error));
                            return;
                        }
                    };
                let _ = started.send(Ok(()));
                runtime.block_on(async move {
                    while let Some(job) = queue.recv().await {
                        tokio::spawn(job);
                    }
                });
            })
            .map_err(|e| runtime_error(&e))?;
        match start.recv() {
            Ok(Ok(())) => Ok(Self { jobs: Some(jobs), thread: Some(thread) }),
            Ok(Err(error)) => Err(runtime_error(&error)),
            Err(_) => {
                Err(runtime_error(&io::Error::other("the runtime thread ended while starting")))
            }
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take()
            && thread.thread().id() != thread::current().id()
        {
            // Only fails if the thread panicked, which it does not; nothing to report in a drop.
            let _ = thread.join();
        }
    }
}

/// The error of a runtime thread that could not be started.
fn runtime_error(error: &io::Error) -> Error {
    let error =
        io::Error::new(error.kind(), format!("the blocking client's runtime thread: {error}"));
    ConfigError::Transport(Box::new(error)).into()
}

#[cfg(all(test, feature = "test-util"))]
mod tests {
    use std::{
        panic::{AssertUnwindSafe, catch_unwind},
        sync::{
            Arc,
            atomic::{AtomicUsize, Ordering},
        },
    };

    use super::Client;
    use crate::{
        Error, NoContent, endpoint,
        error::TransportError,
        testing::{
            DOC_MCHID, DOC_MERCHANT_SERIAL, DOC_PRIVATE_KEY_PEM, DOC_PUBLIC_KEY_ID,
            DOC_PUBLIC_KEY_PEM, doc_client, doc_signed_response,
        },
        transport::{MockTransport, Transport},
    };

    /// A test endpoint.
    #[endpoint(POST, "v3/things/<id>/complete", response = NoContent)]
    struct Complete {
        /// Path parameter.
        id: String,
        /// Body field.
        reason: String,
    }

    fn complete() -> Complete {
        Complete { id: "T1".to_owned(), reason: "done".to_owned() }
    }

    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}

    #[test]
    fn is_send_sync_and_clone() {
        assert_send_sync::<Client>();
        assert_send_sync::<Client<MockTransport>>();
    }

    #[test]
    fn executes_and_verifies_on_the_runtime_thread() {
        let async_client = doc_client();
        let transport = async_client.transport().clone();
        transport.push_response(doc_signed_response(204, ""));
        let client = Client::from_async(async_client).expect("runtime thread");
        let NoContent = client.execute(&complete()).expect("verified 204");
        let sent = transport.requests();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].uri().path(), "/v3/things/T1/complete");
        assert_eq!(sent[0].body().as_slice(), br#"{"reason":"done"}"#);
        // An unsigned answer is refused, exactly as by the async client.
        transport.push_response(http::Response::new(Vec::new()));
        let refused = client.execute(&complete());
        assert!(matches!(refused, Err(Error::Verify { .. })), "{refused:?}");
    }

    /// Panics on its first request, then answers a signed `204`.
    #[derive(Clone, Default)]
    struct PanicsOnce(Arc<AtomicUsize>);

    impl Transport for PanicsOnce {
        async fn send(
            &self,
            _request: http::Request<Vec<u8>>,
        ) -> Result<http::Response<Vec<u8>>, TransportError> {
            assert!(self.0.fetch_add(1, Ordering::SeqCst) > 0, "transport exploded");
            Ok(doc_signed_response(204, ""))
        }
    }

    #[test]
    fn a_panic_on_the_runtime_thread_is_resumed_and_the_client_survives() {
        let client = crate::Client::builder()
            .mchid(DOC_MCHID)
            .merchant_serial(DOC_MERCHANT_SERIAL)
            .private_key_pem(DOC_PRIVATE_KEY_PEM)
            .wechatpay_public_key_pem(DOC_PUBLIC_KEY_ID, DOC_PUBLIC_KEY_PEM)
            .build_blocking_with_transport(PanicsOnce::default())
            .expect("client");
        let panicked = catch_unwind(AssertUnwindSafe(|| client.execute(&complete())));
        let payload = panicked.expect_err("the transport's panic reaches the caller");
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned());
        assert_eq!(message.as_deref(), Some("transport exploded"));
        assert!(matches!(client.execute(&complete()), Ok(NoContent)));
    }
}
