//! `/v3/profitsharing/receivers/...`: adding and deleting profit-sharing receivers.

mod add;
mod delete;

pub use add::{AddReceiver, AddedReceiver};
pub use delete::{DeleteReceiver, DeletedReceiver};
