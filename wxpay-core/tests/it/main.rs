//! Integration tests of wxpay-core; they run under both crypto backends.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, unreachable_pub)]

#[cfg(feature = "axum")]
mod axum_extractor;
mod certificates;
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
