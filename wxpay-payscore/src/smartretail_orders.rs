//! 智慧零售 (legacy, direct merchant): `/v3/payscore/smartretail-orders...`.
//!
//! The 2019 smart-retail product (e.g. unmanned shelves), older than the service-order API
//! ([`service_order`](crate::service_order)). Its orders have the same shape as
//! [先享后付](crate::payafter_orders) ones, so the models are shared and re-exported here:
//!
//! 1. [`CreateSmartRetailOrder`] → `CREATED`; the user accepts in WeChat
//!    (`PAYSCORE.USER_ACCEPTED`) → `USER_ACCEPTED`. An order left `CREATED` for an hour
//!    becomes `EXPIRED`.
//! 2. [`CompleteSmartRetailOrder`] with the `finish_ticket` read by
//!    [`QuerySmartRetailOrder`] → `FINISHED`, then `USER_PAID`; or
//!    [`CancelSmartRetailOrder`] → `REVOKED`.
//!
//! A payment made outside WeChat is reported with
//! [`SyncPayAfterOrder`](crate::payafter_orders::SyncPayAfterOrder), which WeChat documents
//! for 智慧零售 orders too; there is no `smartretail-orders/.../sync` path.

mod cancel;
mod complete;
mod create;
mod query;

pub use cancel::CancelSmartRetailOrder;
pub use complete::CompleteSmartRetailOrder;
pub use create::CreateSmartRetailOrder;
pub use query::QuerySmartRetailOrder;

pub use crate::payafter_orders::{
    CreatePayAfterOrderResponse, Fee, FeeDiscount, FinishType, PayAfterOrder, PayAfterOrderIds,
    PayAfterOrderState,
};
