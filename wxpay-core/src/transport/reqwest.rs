//! The default transport over `reqwest`.

use std::time::Duration;

use crate::{
    client::DEFAULT_MAX_RESPONSE_SIZE,
    error::{TransportError, TransportErrorKind},
};

use super::Transport;

/// A [`Transport`] over a `reqwest::Client`: connection pooling, no redirects, and a limit on
/// the response body enforced while reading (an oversized or endless body costs at most the
/// limit in memory).
///
/// Cheap to clone; clones share one connection pool, so a [`Client`](crate::Client) per
/// merchant costs little.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_size: usize,
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
        Ok(Self::from_client(client))
    }

    /// Wraps an existing `reqwest::Client` (configure proxies, TLS, pools there). Make sure it
    /// does not follow redirects.
    #[must_use]
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client, max_response_size: DEFAULT_MAX_RESPONSE_SIZE }
    }

    /// The largest response body read, in bytes (default 10 MiB): past it the answer is a
    /// [`TransportErrorKind::BodyTooLarge`] error.
    #[must_use]
    pub fn with_max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }
}

impl Transport for ReqwestTransport {
    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request = reqwest::Request::try_from(request.map(reqwest::Body::from))
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
        let mut response = self.client.execute(request).await.map_err(classify)?;
        let too_large = || TransportError::from_kind(TransportErrorKind::BodyTooLarge);
        let declared = response.content_length().unwrap_or(0);
        if usize::try_from(declared).map_or(true, |n| n > self.max_response_size) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if body.len() + chunk.len() > self.max_response_size {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let mut out = http::Response::new(body);
        *out.status_mut() = response.status();
        *out.version_mut() = response.version();
        *out.headers_mut() = std::mem::take(response.headers_mut());
        Ok(out)
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
