//! The blocking form of the URI-template request builder.

use std::fmt::{self, Display};

use serde::Serialize;

use super::{Client, OwnedCall};
use crate::{Error, FromResponse, request::VerifiedResponse, transport::Transport};

/// A request to a URI template, from [`Client::request`]: the blocking form of
/// [`crate::RequestBuilder`], with the same setters and rules; [`send`](Self::send) blocks.
#[must_use]
pub struct RequestBuilder<'a, T> {
    client: &'a Client<T>,
    inner: crate::RequestBuilder<'a, T>,
}

impl<T> fmt::Debug for RequestBuilder<'_, T> {
    /// Method and template only, as [`crate::RequestBuilder`]'s.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::RequestBuilder").field(&self.inner).finish()
    }
}

impl<'a, T: Transport> RequestBuilder<'a, T> {
    pub(super) fn new(client: &'a Client<T>, inner: crate::RequestBuilder<'a, T>) -> Self {
        Self { client, inner }
    }

    /// Fills the placeholder `{name}`, percent-encoded as one path segment (see
    /// [`crate::RequestBuilder::path`]).
    pub fn path(self, name: &str, value: impl Display) -> Self {
        Self { client: self.client, inner: self.inner.path(name, value) }
    }

    /// Appends the query parameter `name=value` (see [`crate::RequestBuilder::query`]).
    pub fn query(self, name: &str, value: impl Serialize) -> Self {
        Self { client: self.client, inner: self.inner.query(name, value) }
    }

    /// The JSON body, serialized when the call is built (see
    /// [`crate::RequestBuilder::json`]).
    pub fn json<B: Serialize + Sync + ?Sized>(self, body: &'a B) -> Self {
        Self { client: self.client, inner: self.inner.json(body) }
    }

    /// The JSON body as text, sent byte for byte (see [`crate::RequestBuilder::json_text`]).
    pub fn json_text(self, text: impl Into<Vec<u8>>) -> Self {
        Self { client: self.client, inner: self.inner.json_text(text) }
    }

    /// Declares the call safe to repeat with the same parameters ("原参重入"), so that a
    /// `5xx` or a timeout may be retried (see [`crate::RequestBuilder::idempotent`]).
    pub fn idempotent(self) -> Self {
        Self { client: self.client, inner: self.inner.idempotent() }
    }

    /// Builds the exact signed request without sending it. Does not block.
    ///
    /// # Errors
    ///
    /// As [`crate::RequestBuilder::prepare`].
    pub fn prepare(self) -> Result<http::Request<Vec<u8>>, Error> {
        self.inner.prepare()
    }

    /// Like [`prepare`](Self::prepare) with a given timestamp and nonce (deterministic).
    ///
    /// # Errors
    ///
    /// As [`crate::RequestBuilder::prepare`].
    pub fn prepare_with(
        self,
        timestamp: i64,
        nonce: &str,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.inner.prepare_with(timestamp, nonce)
    }

    /// Signs, sends (with the client's retries), verifies the answer's signature (every 2xx,
    /// `204` included) and decodes it into `R`, blocking until done.
    ///
    /// # Errors
    ///
    /// As [`crate::RequestBuilder::send`].
    ///
    /// # Panics
    ///
    /// As [`Client::execute`].
    pub fn send<R: FromResponse>(self) -> Result<R, Error> {
        self.answer()?.decode()
    }

    /// Like [`send`](Self::send), returning the verified answer as it came: status,
    /// `Request-ID` and body bytes.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send) (no decoding).
    ///
    /// # Panics
    ///
    /// As [`Client::execute`].
    pub fn send_verified(self) -> Result<VerifiedResponse, Error> {
        let crate::client::Answer { status, body, request_id } = self.answer()?;
        Ok(VerifiedResponse { status, request_id, body })
    }

    fn answer(self) -> Result<crate::client::Answer, Error> {
        super::refuse_inside_runtime();
        let Self { client, inner } = self;
        let ready = inner.finish()?;
        client.answer(|| ready.call().map(OwnedCall::new))
    }
}
