//! The APIv2 key and the APIv2 parameter signature (`HMAC-SHA256`).
//!
//! APIv3 requests are signed with the merchant's RSA key, but a few front-end hand-offs
//! still carry an APIv2-style signature: the PayScore confirm and detail pages opened with
//! `wx.openBusinessView` / `openBusinessView` / `WXOpenBusinessView` (protocol §9.6). That
//! signature is keyed with the **APIv2 key** (API密钥, set in the merchant portal; in partner
//! mode the service provider's), never with the APIv3 key and never with RSA.
//!
//! The rule (WeChat's 签名生成算法):
//!
//! 1. take every parameter whose value is not empty, except `sign` itself;
//! 2. sort them by name in ASCII order and join them as `k1=v1&k2=v2…` (values raw, not
//!    URL-encoded);
//! 3. append `&key=<APIv2 key>`;
//! 4. `HMAC-SHA256` that string keyed with the APIv2 key, upper-case hex.
//!
//! ```
//! use wxpay_core::ApiV2Key;
//!
//! let key = ApiV2Key::new("192006250b4c09247ec02edce69f6a2d")?;
//! let sign = key.sign_hmac_sha256(&[("mch_id", "1230000109"), ("nonce_str", "N"), ("empty", "")]);
//! assert_eq!(sign.len(), 64);
//! # Ok::<(), wxpay_core::ConfigError>(())
//! ```

use std::fmt::{self, Write as _};

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::{crypto::backend, error::ConfigError};

/// The environment variable [`ApiV2Key::from_env`] reads.
pub const APIV2_KEY_ENV: &str = "WXPAY_APIV2_KEY";

/// The `sign_type` value of an HMAC-SHA256 APIv2 signature.
pub const HMAC_SHA256: &str = "HMAC-SHA256";

/// The merchant's APIv2 key (API密钥): 32 printable ASCII characters, used only for APIv2
/// parameter signatures (front-end hand-offs).
///
/// The merchant portal generates and accepts 32 letters and digits; any printable ASCII
/// character (no spaces) is accepted here. `Debug` is redacted and the key is zeroized on
/// drop. It is a different key from the [`ApiV3Key`](crate::ApiV3Key).
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ApiV2Key(String);

impl fmt::Debug for ApiV2Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiV2Key(<redacted>)")
    }
}

impl ApiV2Key {
    /// Validates the key: exactly 32 characters, each printable ASCII (`!`..=`~`).
    /// Surrounding whitespace (a trailing newline from a file) is ignored.
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidKey`] saying which rule is broken (the length found, or the
    /// position of the first bad character), never the key or its characters.
    pub fn new(key: &str) -> Result<Self, ConfigError> {
        let key = key.trim();
        let invalid = |reason: String| ConfigError::InvalidKey { what: "APIv2 key", reason };
        if let Some(position) = key.chars().position(|c| !c.is_ascii_graphic()) {
            return Err(invalid(format!(
                "must be printable ASCII (the 32 letters and digits set in the merchant portal); character {} is not",
                position + 1
            )));
        }
        if key.len() != 32 {
            return Err(invalid(format!(
                "must be exactly 32 characters (as set in the merchant portal), found {}",
                key.len()
            )));
        }
        Ok(Self(key.to_owned()))
    }

    /// Reads the key from `WXPAY_APIV2_KEY`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Env`] when the variable is unset, empty or not UTF-8, and
    /// [`ConfigError::InvalidKey`] when its value is not a valid key; neither message
    /// contains the value.
    pub fn from_env() -> Result<Self, ConfigError> {
        let value = Zeroizing::new(crate::client::builder::require_env(APIV2_KEY_ENV)?);
        Self::new(&value)
    }

    /// Signs `params` with `HMAC-SHA256` by the APIv2 rule (see the [module docs](self)):
    /// empty values and any `sign` parameter are left out, the rest sorted by name.
    /// Returns 64 upper-case hex digits.
    #[must_use]
    pub fn sign_hmac_sha256(&self, params: &[(&str, &str)]) -> String {
        let mut message = Zeroizing::new(parameter_string(params));
        if !message.is_empty() {
            message.push('&');
        }
        message.push_str("key=");
        message.push_str(&self.0);
        let tag = backend::hmac_sha256(self.0.as_bytes(), message.as_bytes());
        tag.iter().fold(String::with_capacity(64), |mut hex, b| {
            // Writing to a `String` cannot fail.
            let _ = write!(hex, "{b:02X}");
            hex
        })
    }

    /// Checks an APIv2 `HMAC-SHA256` signature over `params` (e.g. a hand-off built
    /// elsewhere), in constant time. The hex is compared case-insensitively.
    #[must_use]
    pub fn verify_hmac_sha256(&self, params: &[(&str, &str)], sign: &str) -> bool {
        let expected = self.sign_hmac_sha256(params);
        expected.len() == sign.len()
            && expected
                .bytes()
                .zip(sign.bytes())
                .fold(0u8, |diff, (a, b)| diff | (a ^ b.to_ascii_uppercase()))
                == 0
    }
}

/// The APIv2 parameter string, without the key: the non-empty parameters other than
/// `sign`, sorted by name in ASCII order, as `k1=v1&k2=v2…` with raw values.
#[must_use]
pub fn parameter_string(params: &[(&str, &str)]) -> String {
    let mut kept: Vec<&(&str, &str)> =
        params.iter().filter(|(name, value)| !value.is_empty() && *name != "sign").collect();
    kept.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out = String::new();
    for (i, (name, value)) in kept.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const KEY: &str = "192006250b4c09247ec02edce69f6a2d";

    #[test]
    fn parameter_string_sorts_and_skips_empty_and_sign() {
        assert_eq!(
            parameter_string(&[
                ("timestamp", "1530097563"),
                ("mch_id", "1230000109"),
                ("sign", "IGNORED"),
                ("empty", ""),
                ("Zeta", "upper case sorts first"),
            ]),
            "Zeta=upper case sorts first&mch_id=1230000109&timestamp=1530097563"
        );
        assert_eq!(parameter_string(&[]), "");
    }

    /// Expected values from `openssl` (the same string is checked by
    /// `wxpay-payscore/tests/fixtures/handoff/generate.py` with Python `hmac`):
    ///
    /// ```text
    /// printf '%s' 'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=192006250b4c09247ec02edce69f6a2d' \
    ///   | openssl dgst -sha256 -hmac 192006250b4c09247ec02edce69f6a2d
    /// ```
    #[test]
    fn signs_like_openssl() {
        let key = ApiV2Key::new(KEY).unwrap();
        // WeChat's APIv2 signature example parameters (安全规范).
        let params = [
            ("appid", "wxd930ea5d5a258f4f"),
            ("mch_id", "10000100"),
            ("device_info", "1000"),
            ("body", "test"),
            ("nonce_str", "ibuaiVcKdpRxkhJA"),
        ];
        let sign = key.sign_hmac_sha256(&params);
        assert_eq!(sign, "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6");
        assert!(key.verify_hmac_sha256(&params, &sign));
        assert!(key.verify_hmac_sha256(&params, &sign.to_ascii_lowercase()));
        assert!(!key.verify_hmac_sha256(&params[1..], &sign));
        assert!(!key.verify_hmac_sha256(&params, &sign[1..]));
    }

    #[test]
    fn validates_the_key() {
        assert!(ApiV2Key::new(KEY).is_ok());
        assert!(ApiV2Key::new(&format!("  {KEY}\n")).is_ok(), "surrounding whitespace is trimmed");
        let short = ApiV2Key::new(&KEY[..31]).unwrap_err().to_string();
        assert!(short.contains("found 31"), "{short}");
        assert!(!short.contains(&KEY[..31]), "{short}");
        let bad = format!("{}é{}", &KEY[..5], &KEY[6..]);
        let err = ApiV2Key::new(&bad).unwrap_err().to_string();
        assert!(err.contains("character 6"), "{err}");
        assert!(!err.contains('é') && !err.contains(&KEY[..5]), "{err}");
        let space = format!("{} {}", &KEY[..10], &KEY[11..]);
        assert!(ApiV2Key::new(&space).is_err());
    }

    #[test]
    fn debug_is_redacted() {
        let key = ApiV2Key::new(KEY).unwrap();
        let debug = format!("{key:?}");
        assert_eq!(debug, "ApiV2Key(<redacted>)");
    }

    #[test]
    fn the_backend_matches_rfc_4231() {
        // RFC 4231 test case 2.
        let tag = backend::hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let expected: Vec<u8> = (0..expected.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&expected[i..i + 2], 16).unwrap())
            .collect();
        assert_eq!(tag.as_slice(), expected.as_slice());
    }
}
