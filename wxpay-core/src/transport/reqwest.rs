//! The default transport over `reqwest`.

use std::{future::Future, pin::Pin, time::Duration};

use bytes::Bytes;

use crate::error::{TransportError, TransportErrorKind};

use super::{ChunkSource, StreamingBody, Transport};

/// A [`Transport`] over a `reqwest::Client`: connection pooling, no redirects.
///
/// Cheap to clone; clones share one connection pool, so a [`Client`](crate::Client) per
/// merchant costs little.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with the given connect and whole-request timeouts.
    ///
    /// # Errors
    ///
    /// Returns reqwest's error if its client cannot be built (e.g. no TLS backend).
    pub fn new(connect_timeout: Duration, timeout: Duration) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self { client })
    }

    /// Wraps an existing `reqwest::Client` (configure proxies, TLS, pools there). Make sure it
    /// does not follow redirects.
    #[must_use]
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client }
    }
}

impl Transport for ReqwestTransport {
    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request = reqwest::Request::try_from(request.map(reqwest::Body::from))
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
        let response = self.client.execute(request).await.map_err(classify)?;
        let status = response.status();
        let version = response.version();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(classify)?;
        let mut out = http::Response::new(body.to_vec());
        *out.status_mut() = status;
        *out.version_mut() = version;
        *out.headers_mut() = headers;
        Ok(out)
    }

    // Streaming (bill downloads): the body is read chunk by chunk by the caller.
    async fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<StreamingBody>, TransportError> {
        let request = reqwest::Request::try_from(request.map(reqwest::Body::from))
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
        let response = self.client.execute(request).await.map_err(classify)?;
        let mut out = http::Response::new(());
        *out.status_mut() = response.status();
        *out.version_mut() = response.version();
        *out.headers_mut() = response.headers().clone();
        Ok(out.map(|()| StreamingBody::from_source(ReqwestChunks(response))))
    }
}

/// The body of a reqwest response, chunk by chunk.
struct ReqwestChunks(reqwest::Response);

impl ChunkSource for ReqwestChunks {
    fn next_chunk(
        &mut self,
    ) -> Pin<Box<dyn Future<Output = Result<Option<Bytes>, TransportError>> + Send + '_>> {
        Box::pin(async move { self.0.chunk().await.map_err(classify) })
    }
}

fn classify(err: reqwest::Error) -> TransportError {
    let kind = if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, err)
}
