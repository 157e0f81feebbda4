//! Acquiring institutions (从业机构, 支付分∙机构模式): `/v3/payscore/acquiringbank/...`.
//!
//! A licensed acquiring institution (从业机构, e.g. a bank or a payment institution) runs
//! PayScore for its sub-merchants (`sub_mchid`), often through a channel merchant
//! (渠道商, `channel_id`). The institution signs with its own `mchid`; WeChat answers the
//! same way as for any other merchant.
//!
//! - [`permissions`]: pre-authorization (预授权), the authorization record by agreement
//!   number, and its termination.
//! - [`service_order`]: create, query, cancel, complete, modify and sync an order, plus the
//!   two deduction calls ([`RegisterAcquiringBankDeductInfo`](service_order::RegisterAcquiringBankDeductInfo)
//!   and [`QueryAcquiringBankDeduction`](service_order::QueryAcquiringBankDeduction)) that an
//!   institution uses when it charges the user through the clearing house (银联/网联) itself.
//! - [`CreateAcquiringBankPayOnDeliveryOrder`]: a pay-on-delivery order (先用后付).
//!
//! When the user pays a pending order actively, WeChat sends `PAYSCORE.MCH_PREPAY`
//! (商户预下单通知, [`MchPrepayNotification`](crate::notification::MchPrepayNotification)):
//! place the clearing house's order with its `prepay_req_body`. The other notifications are
//! those of [`notification`](crate::notification).
//!
//! The order life cycle is the one of [`service_order`](crate::service_order) (protocol
//! §9.1); cancel, complete, modify and sync answer `204 No Content`.

pub mod permissions;
pub mod service_order;
mod service_pay_on_delivery_order;

pub use service_pay_on_delivery_order::{
    CreateAcquiringBankPayOnDeliveryOrder, CreateAcquiringBankPayOnDeliveryOrderResponse, JumpLink,
    JumpLinkType, PayOnDeliveryShoppingInfo,
};
