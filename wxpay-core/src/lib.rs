//! # wxpay-core
//!
//! The core of wxpay, a WeChat Pay APIv3 SDK: request signing (`SHA256-RSA2048`), the
//! transport, response signature verification (always, `204` included), the trust store,
//! and typed errors. Endpoints are declared once with [`#[endpoint]`](endpoint) and executed
//! with a [`Client`].
//!
//! ```no_run
//! use wxpay_core::{Client, NoContent, OutOrderNo, endpoint};
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
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let req = CancelOrder {
//!     out_order_no: OutOrderNo::new("1234323JKHDFE1243252")?,
//!     sub_mchid: "1900000109".into(),
//!     reason: "user cancelled".into(),
//! };
//! req.execute(&client).await?; // signed, sent, 204 signature verified
//! # Ok(()) }
//! ```
//!
//! ## Features
//!
//! - `aws-lc` (default): RSA, AES-GCM and HMAC through aws-lc-rs.
//! - `rustcrypto`: RSA, AES-GCM and HMAC through the RustCrypto crates instead.
//! - `reqwest` (default): the [`ReqwestTransport`](transport::ReqwestTransport);
//!   `rustls` (default) gives it TLS.
#![cfg_attr(
    feature = "test-util",
    doc = "- `test-util`: [`MockTransport`](transport::MockTransport)."
)]
#![cfg_attr(not(feature = "test-util"), doc = "- `test-util`: `transport::MockTransport`.")]
#![cfg_attr(
    feature = "axum",
    doc = "- `axum`: an extractor for verified notifications ([`notify::axum`])."
)]
#![cfg_attr(
    not(feature = "axum"),
    doc = "- `axum`: an extractor for verified notifications (`notify::axum`)."
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as wxpay_core;

pub mod aead;
pub mod apiv2;
pub mod certificates;
mod client;
mod crypto;
mod endpoint;
mod error;
mod ids;
pub mod json;
mod keys;
pub mod notify;
mod response;
pub mod sensitive;
pub mod sign;
#[cfg(feature = "test-util")]
pub mod testing;
pub mod transport;
pub mod trust;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use aead::ApiV3Key;
pub use apiv2::ApiV2Key;
pub use client::{
    Client, ClientBuilder, DEFAULT_BACKUP_BASE_URL, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_SIZE,
    RetryPolicy,
};
pub use crypto::backend_name;
pub use endpoint::{Endpoint, Method};
pub use error::{
    ApiErrorNumber, BuildError, ConfigError, DecodeError, DecryptError, Error, InvalidId, Result,
    TransportError, TransportErrorKind, VerifyError,
};
pub use ids::{MerchantSerial, OutOrderNo, PlatformSerial, PublicKeyId};
pub use keys::{PrivateKey, PublicKey};
pub use response::{FromResponse, NoContent};
pub use sign::AUTH_SCHEME;
pub use transport::Transport;
pub use trust::{PlatformCertificate, TrustStore};

/// Declares a WeChat Pay endpoint on a request struct.
///
/// ```text
/// #[endpoint(METHOD, "template", response = Type)]
/// ```
///
/// - `METHOD`: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`, upper case.
/// - `"template"`: the path relative to the API root, without a leading `/`. Placeholders
///   `<field>` fill a whole segment each and name a field of the struct; values are
///   formatted with `Display` and percent-encoded, so they cannot leave their segment.
/// - `response = Type`: what a verified 2xx decodes into: a `Deserialize` type, or
///   [`NoContent`] for `204` answers.
///
/// The attribute derives `Serialize` (through wxpay-core's serde, do not derive it
/// yourself): path fields are skipped; for `GET`/`DELETE` the other fields form the query
/// string, for `POST`/`PUT`/`PATCH` the JSON body. A body-method field marked
/// `#[endpoint(query)]` is sent in the query string instead. It implements [`Endpoint`] and
/// adds `execute(&self, &Client<T>)`, which signs, sends, verifies and decodes.
///
/// Your own `#[serde(...)]` attributes (`rename`, `skip_serializing_if`, …) and derives
/// (`Debug`, `Clone`, `Deserialize`) keep working. Mistakes are compile errors that say how
/// to fix them (a leading `/`, `{braces}`, a placeholder naming no field, an `Option` path
/// field, …).
///
/// ```
/// use wxpay_core::endpoint;
///
/// /// Queries a PayScore order by `out_order_no` (direct merchant).
/// ///
/// /// `GET /v3/payscore/serviceorder`
/// #[endpoint(GET, "v3/payscore/serviceorder", response = serde_json::Value)]
/// pub struct QueryOrder {
///     /// Query parameter.
///     pub service_id: String,
///     /// Query parameter.
///     pub appid: String,
///     /// Query parameter.
///     pub out_order_no: String,
/// }
/// ```
pub use wxpay_macros::endpoint;
