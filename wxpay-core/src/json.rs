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
        .map_err(|err| DecodeError::new(err.path().to_string(), err.inner()))?;
    de.end().map_err(|err| DecodeError::new(".".to_owned(), &err))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Payer {
        openid: u64,
        name: String,
    }

    #[test]
    fn errors_name_the_path_but_not_the_values() {
        let err =
            from_slice::<Vec<Payer>>(br#"[{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","name":"x"}]"#)
                .unwrap_err();
        assert_eq!(err.path, "[0].openid");
        let shown = err.to_string();
        assert!(shown.contains("expected u64") && !shown.contains("oUpF8"), "{shown}");
        let err = from_slice::<Payer>(br#"{"openid":1,"name":"x"} trailing"#).unwrap_err();
        assert_eq!(err.path, ".");
        assert!(from_slice::<Payer>(b"").is_err());
    }
}
