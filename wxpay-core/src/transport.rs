//! The [`Transport`] that carries signed requests: reqwest by default, or your own.

use std::future::Future;

use crate::error::TransportError;

#[cfg(any(test, feature = "test-util"))]
mod mock;
#[cfg(feature = "reqwest")]
mod reqwest;

#[cfg(any(test, feature = "test-util"))]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub use mock::MockTransport;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use reqwest::ReqwestTransport;

/// Sends one HTTP request and returns the complete response.
///
/// The request is already signed: a transport must send the method, URI, headers and body
/// exactly as given, and must not follow redirects. Implement it to plug in another HTTP
/// client, a proxy, or a test double. Transports are cheap to clone (wrap state in an `Arc`):
/// the background certificate refresh holds a clone.
pub trait Transport: Clone + Send + Sync + 'static {
    /// Sends `request` and collects the whole response.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + Send;
}

/// The transport used when none is given: [`ReqwestTransport`] with the `reqwest` feature.
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub type DefaultTransport = ReqwestTransport;

/// The transport used when none is given. Without the `reqwest` feature there is none: use
/// [`ClientBuilder::build_with_transport`](crate::ClientBuilder::build_with_transport).
#[cfg(not(feature = "reqwest"))]
pub type DefaultTransport = NoTransport;

/// A transport that cannot exist; the default type parameter without the `reqwest` feature.
#[cfg(not(feature = "reqwest"))]
#[derive(Debug, Clone, Copy)]
pub enum NoTransport {}

#[cfg(not(feature = "reqwest"))]
impl Transport for NoTransport {
    #[allow(clippy::manual_async_fn)]
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + Send {
        async move { match *self {} }
    }
}
