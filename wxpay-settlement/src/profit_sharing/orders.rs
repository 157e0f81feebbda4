//! `/v3/profitsharing/orders...`: create, query and unfreeze profit-sharing orders.

mod create;
mod query;
mod unfreeze;

pub use create::{CreateOrder, Receiver};
pub use query::QueryOrder;
pub use unfreeze::UnfreezeOrder;
