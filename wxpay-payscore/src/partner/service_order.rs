//! Service orders, partner mode (普通服务商): `/v3/payscore/partner/serviceorder/...`.
//!
//! The same life cycle as the [direct-merchant orders](crate::service_order), on behalf of a
//! sub-merchant (`sub_mchid`). Unlike their direct twins, cancel, modify, complete, pay and
//! sync answer `204 No Content`: query the order ([`QueryPartnerServiceOrder`]) to read its
//! new state.

mod cancel;
mod complete;
mod create;
mod direct_complete;
mod modify;
mod pay;
mod query;
mod send_pending_message;
mod send_prepaid_message;
mod sync;

pub use cancel::CancelPartnerServiceOrder;
pub use complete::CompletePartnerServiceOrder;
pub use create::{CreatePartnerServiceOrder, CreatePartnerServiceOrderResponse};
pub use direct_complete::DirectCompletePartnerServiceOrder;
pub use modify::ModifyPartnerServiceOrder;
pub use pay::PayPartnerServiceOrder;
pub use query::QueryPartnerServiceOrder;
pub use send_pending_message::SendPartnerServiceOrderPendingMessage;
pub use send_prepaid_message::SendPartnerServiceOrderPrepaidMessage;
pub use sync::SyncPartnerServiceOrder;
