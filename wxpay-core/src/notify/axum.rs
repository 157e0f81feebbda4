//! An axum extractor for verified notifications (feature `axum`).
//!
//! ```no_run
//! use axum::{Router, routing::post};
//! use wxpay_core::notify::{NotificationParser, axum::Verified};
//!
//! async fn payscore(Verified(n): Verified<serde_json::Value>) -> axum::http::StatusCode {
//!     // n.id, n.event_type, n.resource …
//!     axum::http::StatusCode::NO_CONTENT
//! }
//!
//! # fn app(parser: NotificationParser) -> Router {
//! Router::new().route("/notify", post(payscore)).with_state(parser)
//! # }
//! ```

use axum::{
    body::{Body, Bytes},
    extract::{FromRef, FromRequest, Request},
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;

use super::{Notification, NotificationParser, NotifyError, failure_with_status};

/// Extracts a verified, decrypted notification from the raw request (headers and body
/// bytes untouched). The state must provide a [`NotificationParser`] via `FromRef`.
#[derive(Debug)]
pub struct Verified<T>(pub Notification<T>);

/// The rejection: a non-2xx `{"code":"FAIL","message":…}` answer so WeChat Pay retries.
#[derive(Debug)]
pub struct Rejection(pub RejectionKind);

/// Why the extractor rejected the request.
#[derive(Debug)]
#[non_exhaustive]
pub enum RejectionKind {
    /// The body could not be read.
    Body,
    /// A processing step failed.
    Notify(NotifyError),
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let (status, message) = match &self.0 {
            RejectionKind::Body => (http::StatusCode::BAD_REQUEST, "cannot read body".to_owned()),
            RejectionKind::Notify(e) => (e.status(), format!("{} ({})", e, e.step())),
        };
        tracing::warn!(%status, %message, "notification rejected");
        failure_with_status(status, &message).map(Body::from).into_response()
    }
}

impl<S, T> FromRequest<S> for Verified<T>
where
    S: Send + Sync,
    NotificationParser: FromRef<S>,
    T: DeserializeOwned,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let parser = NotificationParser::from_ref(state);
        let (parts, body) = req.into_parts();
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|_| Rejection(RejectionKind::Body))?;
        parser
            .parse(&parts.headers, &bytes)
            .map(Verified)
            .map_err(|e| Rejection(RejectionKind::Notify(e)))
    }
}
