//! Cross-border service orders (境外支付分订单): `/v3/payscore/oversea/partner/serviceorder/...`.
//!
//! The life of an order is the one of the [partner orders](crate::partner::service_order)
//! (protocol §9.1): [`CreateOverseaServiceOrder`], then [`CancelOverseaServiceOrder`] or
//! [`CompleteOverseaServiceOrder`], and [`SyncOverseaServiceOrder`] for a payment made
//! outside PayScore; [`QueryOverseaServiceOrder`] reads it at any time. Cancel, complete and
//! sync answer `204 No Content`.
//!
//! Send these requests to [`HK_BASE_URL`](crate::oversea::HK_BASE_URL).

mod cancel;
mod complete;
mod create;
mod models;
mod query;
mod sync;

pub use cancel::CancelOverseaServiceOrder;
pub use complete::CompleteOverseaServiceOrder;
pub use create::{CreateOverseaServiceOrder, CreateOverseaServiceOrderResponse};
pub use models::{
    OverseaCollection, OverseaCollectionDetail, OverseaServiceOrder, OverseaSyncDetail,
    OverseaTime, OverseaTimeRange,
};
pub use query::QueryOverseaServiceOrder;
pub use sync::SyncOverseaServiceOrder;
