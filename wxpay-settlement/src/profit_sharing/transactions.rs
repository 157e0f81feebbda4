//! `/v3/profitsharing/transactions/...`: what is left to share of a payment.

mod amounts;

pub use amounts::{QueryUnsplitAmount, UnsplitAmount};
