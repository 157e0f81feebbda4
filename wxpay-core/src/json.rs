//! JSON decoding that names the path of the failing field.

use crate::error::DecodeError;

/// Deserializes `bytes` as JSON into `T`; errors carry the JSON path of the failing field.
///
/// # Errors
///
/// Returns [`DecodeError`] with the path (e.g. `collection.details[0].amount`) and serde's
/// reason.
pub fn from_slice<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|err| DecodeError { path: err.path().to_string(), source: err.into_inner() })?;
    de.end().map_err(|source| DecodeError { path: ".".to_owned(), source })?;
    Ok(value)
}
