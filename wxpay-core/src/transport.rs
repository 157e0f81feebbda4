//! The [`Transport`] that carries signed requests: reqwest by default, or your own.

use std::{fmt, future::Future, pin::Pin};

use bytes::Bytes;

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

    /// Sends `request` and returns as soon as the status and headers are in; the body is
    /// read chunk by chunk from the [`StreamingBody`] (bill downloads use this so that a
    /// large file is never held in memory).
    ///
    /// The default collects the whole answer with [`Transport::send`] and hands it out as
    /// one chunk: correct for every transport, streaming for none. [`ReqwestTransport`]
    /// streams.
    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<StreamingBody>, TransportError>> + Send {
        let sent = self.send(request);
        async move { Ok(sent.await?.map(StreamingBody::from_bytes)) }
    }
}

/// A source of body chunks, for transports that stream ([`StreamingBody::from_source`]).
pub trait ChunkSource: Send {
    /// The next chunk; `Ok(None)` at the end of the body.
    fn next_chunk(
        &mut self,
    ) -> Pin<Box<dyn Future<Output = Result<Option<Bytes>, TransportError>> + Send + '_>>;
}

/// A response body read chunk by chunk (see [`Transport::send_streaming`]).
pub struct StreamingBody {
    source: Source,
}

enum Source {
    Whole(Option<Bytes>),
    Chunks(Box<dyn ChunkSource>),
}

impl fmt::Debug for StreamingBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.source {
            Source::Whole(_) => "buffered",
            Source::Chunks(_) => "streaming",
        };
        f.debug_struct("StreamingBody").field("kind", &kind).finish_non_exhaustive()
    }
}

impl StreamingBody {
    /// A body that is already complete, handed out as one chunk.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        Self { source: Source::Whole((!bytes.is_empty()).then_some(bytes)) }
    }

    /// A body read from `source`.
    pub fn from_source(source: impl ChunkSource + 'static) -> Self {
        Self { source: Source::Chunks(Box::new(source)) }
    }

    /// The next chunk; `Ok(None)` at the end of the body.
    ///
    /// # Errors
    ///
    /// [`TransportError`] if the connection breaks or times out while reading.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>, TransportError> {
        match &mut self.source {
            Source::Whole(bytes) => Ok(bytes.take()),
            Source::Chunks(source) => source.next_chunk().await,
        }
    }

    /// Reads the rest of the body, at most `limit` bytes; `None` if it is longer.
    ///
    /// # Errors
    ///
    /// As [`StreamingBody::next_chunk`].
    pub async fn collect_limited(
        &mut self,
        limit: usize,
    ) -> Result<Option<Vec<u8>>, TransportError> {
        let mut out = Vec::new();
        while let Some(chunk) = self.next_chunk().await? {
            if out.len() + chunk.len() > limit {
                return Ok(None);
            }
            out.extend_from_slice(&chunk);
        }
        Ok(Some(out))
    }
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
