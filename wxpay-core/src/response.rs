//! Decoding verified responses: [`FromResponse`] and [`NoContent`].

use http::StatusCode;

use crate::error::DecodeError;

/// A type a verified 2xx WeChat Pay response decodes into.
///
/// Implemented for every `serde::de::DeserializeOwned` type (JSON bodies, decoded with the
/// JSON path of the failing field in the error) and for [`NoContent`].
/// The response signature has always been verified before this runs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as an endpoint response",
    label = "not a response type",
    note = "derive `serde::Deserialize` for JSON responses, or use `wxpay_core::NoContent` when the endpoint returns no body"
)]
pub trait FromResponse: Sized {
    /// Decodes the body of a verified 2xx response.
    ///
    /// # Errors
    ///
    /// Returns [`DecodeError`] if the body does not match `Self`.
    fn from_response(status: StatusCode, body: &[u8]) -> Result<Self, DecodeError>;
}

impl<T: serde::de::DeserializeOwned> FromResponse for T {
    fn from_response(_status: StatusCode, body: &[u8]) -> Result<Self, DecodeError> {
        crate::json::from_slice(body)
    }
}

/// The response of endpoints that answer without a body (`204 No Content`).
///
/// Accepts any 2xx whose signature verified, and ignores the body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoContent;

// Never implement `Deserialize` for `NoContent`: the blanket impl above would then conflict.
impl FromResponse for NoContent {
    fn from_response(_status: StatusCode, _body: &[u8]) -> Result<Self, DecodeError> {
        Ok(Self)
    }
}
