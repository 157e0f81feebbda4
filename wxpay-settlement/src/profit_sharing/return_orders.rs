//! `/v3/profitsharing/return-orders...`: returning (回退) shared money from a receiver.

mod create;
mod query;

pub use create::{CreateReturn, OrderRef};
pub use query::QueryReturn;
