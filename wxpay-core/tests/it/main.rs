//! Integration tests of wxpay-core; they run under both crypto backends.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, unreachable_pub)]

#[cfg(feature = "axum")]
mod axum_extractor;
mod bill;
mod certificates;
mod encrypted_bill;
mod execute;
mod keys;
#[cfg(feature = "reqwest")]
mod limits;
#[cfg(feature = "reqwest")]
mod loopback;
mod notify;
mod openssl_cli;
mod retry;
mod sensitive;
mod support;
mod vectors;
