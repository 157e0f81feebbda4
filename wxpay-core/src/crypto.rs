//! The crypto backends behind one small interface: RSA PKCS#1 v1.5 SHA-256 signatures,
//! RSA-OAEP (SHA-1, MGF1-SHA-1), AES-256-GCM and HMAC-SHA256 (APIv2 signatures).
//!
//! `aws-lc` (default) uses aws-lc-rs; `rustcrypto` uses the RustCrypto crates. When both
//! features are enabled, aws-lc-rs is used. There is deliberately no PKCS#1 v1.5 decryption.

#[cfg(not(any(feature = "aws-lc", feature = "rustcrypto")))]
compile_error!(
    "wxpay-core needs a crypto backend: enable the `aws-lc` (default) or `rustcrypto` feature"
);

#[cfg(feature = "aws-lc")]
pub(crate) mod aws_lc;
#[cfg(feature = "aws-lc")]
pub(crate) use aws_lc as backend;

#[cfg(all(feature = "rustcrypto", not(feature = "aws-lc")))]
pub(crate) mod rustcrypto;
#[cfg(all(feature = "rustcrypto", not(feature = "aws-lc")))]
pub(crate) use rustcrypto as backend;

/// The name of the crypto backend compiled in: `"aws-lc-rs"` or `"rustcrypto"`.
#[must_use]
pub fn backend_name() -> &'static str {
    backend::NAME
}
