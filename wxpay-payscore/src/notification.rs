//! Typed payloads of the PayScore notifications (protocol §9.5): every `PAYSCORE.*` event in
//! [`PayScoreEvent`], the PayScore-parking events in its sibling [`ParkingEvent`], and the
//! cross-border order events in [`OverseaEvent`].
//!
//! WeChat Pay POSTs a signed, encrypted envelope to the `notify_url`. Once wxpay-core has
//! verified and decrypted it, [`PayScoreEvent::from_parts`] turns its `event_type` and the
//! decrypted `resource` into a typed event:
//!
//! ```
//! use wxpay_payscore::notification::PayScoreEvent;
//!
//! let plaintext = br#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","service_id":"500001",
//!     "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","user_service_status":"USER_OPEN_SERVICE",
//!     "openorclose_time":"20180225112233","out_request_no":"1234323JKHDFE1243252"}"#;
//! match PayScoreEvent::from_parts("PAYSCORE.USER_OPEN_SERVICE", plaintext)? {
//!     PayScoreEvent::UserOpenService(authorization) => {
//!         assert_eq!(authorization.out_request_no.as_deref(), Some("1234323JKHDFE1243252"));
//!     }
//!     other => panic!("unexpected {other:?}"),
//! }
//! # Ok::<(), wxpay_core::DecodeError>(())
//! ```
//!
//! With wxpay-core's [`NotificationParser`](wxpay_core::notify::NotificationParser), parse the
//! envelope with any resource type and hand the result to
//! [`PayScoreEvent::from_notification`].
//!
//! The same notification may arrive more than once (dedupe by order and event), and may
//! never arrive: poll the query endpoints too. In partner mode one URL receives every
//! sub-merchant's events; route them by [`PayScoreEvent::sub_mchid`]. `Debug` of every
//! payload redacts `openid`, `sub_openid`, `authorization_code` and plate numbers.
//!
//! | `event_type` | Variant | Payload |
//! |---|---|---|
//! | `PAYSCORE.USER_CONFIRM` | [`PayScoreEvent::UserConfirm`] | [`OrderNotification`] |
//! | `PAYSCORE.USER_PAID` | [`PayScoreEvent::UserPaid`] | [`OrderNotification`] |
//! | `PAYSCORE.USER_OPEN_SERVICE` | [`PayScoreEvent::UserOpenService`] | [`AuthorizationNotification`] |
//! | `PAYSCORE.USER_CLOSE_SERVICE` | [`PayScoreEvent::UserCloseService`] | [`AuthorizationNotification`] |
//! | `PAYSCORE.USER_ACCEPTED` | [`PayScoreEvent::UserAccepted`] | [`UserAcceptedNotification`] |
//! | `PAYSCORE.MCH_PREPAY` | [`PayScoreEvent::MchPrepay`] | [`MchPrepayNotification`] |
//! | `PAYSCORE.BIND_SERVICE_ACCOUNT` | [`PayScoreEvent::BindServiceAccount`] | [`ServiceAccountNotification`] |
//! | `PAYSCORE.USER_SIGN_PLAN` | [`PayScoreEvent::UserSignPlan`] | [`SignPlanNotification`] |
//! | `PAYSCORE.USER_CANCEL_SIGN_PLAN` | [`PayScoreEvent::UserCancelSignPlan`] | [`SignPlanNotification`] |
//! | `VEHICLE.ENTRANCE_STATE_CHANGE` | [`ParkingEvent::EntranceStateChange`] | [`ParkingEntranceNotification`] |
//! | `TRANSACTION.SUCCESS` / `FAIL` / `PAY_BACK` (parking) | [`ParkingEvent::TransactionSuccess`], … | [`ParkingTransactionNotification`] |
//! | `PAYSCORE.USER_CONFIRM` / `USER_PAID` (cross-border) | [`OverseaEvent::UserConfirm`], [`OverseaEvent::UserPaid`] | [`OverseaServiceOrder`](crate::oversea::partner::service_order::OverseaServiceOrder) |

use std::fmt;

mod authorization;
mod mch_prepay;
mod order;
pub mod oversea;
pub mod parking;
mod service_account;
mod sign_plan;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_events;

use wxpay_core::{DecodeError, notify::Notification};

pub use authorization::{AuthorizationNotification, UserAcceptedNotification};
pub use mch_prepay::{MchPrepayNotification, PrepayRequestBody};
pub use order::OrderNotification;
pub use oversea::OverseaEvent;
pub use parking::{
    BlockedStateDescription, ParkingAmount, ParkingEntranceNotification, ParkingEvent, ParkingInfo,
    ParkingState, ParkingTradeState, ParkingTransactionNotification, Payer, PlateColor,
};
pub use service_account::ServiceAccountNotification;
pub use sign_plan::{
    CancelSignType, PlanDetailState, SignPlanNotification, SignPlanState, SignedPlanDetail,
};

/// `PAYSCORE.USER_CONFIRM`: the user confirmed an order (需确认 mode).
pub const USER_CONFIRM: &str = "PAYSCORE.USER_CONFIRM";
/// `PAYSCORE.USER_PAID`: a charge succeeded (may come once per deduction).
pub const USER_PAID: &str = "PAYSCORE.USER_PAID";
/// `PAYSCORE.USER_OPEN_SERVICE`: the user authorized the service.
pub const USER_OPEN_SERVICE: &str = "PAYSCORE.USER_OPEN_SERVICE";
/// `PAYSCORE.USER_CLOSE_SERVICE`: the user revoked the authorization.
pub const USER_CLOSE_SERVICE: &str = "PAYSCORE.USER_CLOSE_SERVICE";
/// `PAYSCORE.USER_ACCEPTED`: the user accepted an order (older confirmation event).
pub const USER_ACCEPTED: &str = "PAYSCORE.USER_ACCEPTED";
/// `PAYSCORE.MCH_PREPAY`: an acquiring institution must create a cashier order.
pub const MCH_PREPAY: &str = "PAYSCORE.MCH_PREPAY";
/// `PAYSCORE.BIND_SERVICE_ACCOUNT`: the result of a service-account application.
pub const BIND_SERVICE_ACCOUNT: &str = "PAYSCORE.BIND_SERVICE_ACCOUNT";
/// `PAYSCORE.USER_SIGN_PLAN`: the user signed a sign plan.
pub const USER_SIGN_PLAN: &str = "PAYSCORE.USER_SIGN_PLAN";
/// `PAYSCORE.USER_CANCEL_SIGN_PLAN`: a sign plan was cancelled (by the user, the merchant, or
/// because the authorization was revoked).
pub const USER_CANCEL_SIGN_PLAN: &str = "PAYSCORE.USER_CANCEL_SIGN_PLAN";

/// A decrypted PayScore notification.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum PayScoreEvent {
    /// `PAYSCORE.USER_CONFIRM`: the user confirmed the order; it is `DOING` /
    /// `USER_CONFIRM`.
    UserConfirm(Box<OrderNotification>),
    /// `PAYSCORE.USER_PAID`: a charge succeeded; `collection` has the payment. Can arrive
    /// more than once for an order paid in several deductions: accumulate `paid_amount` and
    /// keep every `transaction_id`.
    UserPaid(Box<OrderNotification>),
    /// `PAYSCORE.USER_OPEN_SERVICE`: the user authorized the service.
    UserOpenService(Box<AuthorizationNotification>),
    /// `PAYSCORE.USER_CLOSE_SERVICE`: the user revoked the authorization.
    UserCloseService(Box<AuthorizationNotification>),
    /// `PAYSCORE.USER_ACCEPTED`: the user accepted an order (older confirmation event).
    UserAccepted(Box<UserAcceptedNotification>),
    /// `PAYSCORE.MCH_PREPAY`: acquiring-institution mode; create the cashier order.
    MchPrepay(Box<MchPrepayNotification>),
    /// `PAYSCORE.BIND_SERVICE_ACCOUNT`: a sub-merchant's service-account application was
    /// accepted or rejected.
    BindServiceAccount(Box<ServiceAccountNotification>),
    /// `PAYSCORE.USER_SIGN_PLAN`: the user signed a sign plan.
    UserSignPlan(Box<SignPlanNotification>),
    /// `PAYSCORE.USER_CANCEL_SIGN_PLAN`: a sign plan was cancelled.
    UserCancelSignPlan(Box<SignPlanNotification>),
    /// Any other event, kept as JSON (`Debug` redacts openids, authorization codes and plate
    /// numbers in it).
    Other {
        /// The `event_type` of the envelope.
        event_type: String,
        /// The decrypted resource.
        resource: serde_json::Value,
    },
}

impl PayScoreEvent {
    /// Decodes the decrypted `resource` of a notification whose envelope says `event_type`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] (with the JSON path of the failing field) if `plaintext` is not the
    /// JSON that `event_type` promises, or not JSON at all.
    pub fn from_parts(event_type: &str, plaintext: &[u8]) -> Result<Self, DecodeError> {
        use wxpay_core::json::from_slice;

        Ok(match event_type {
            USER_CONFIRM => Self::UserConfirm(from_slice(plaintext)?),
            USER_PAID => Self::UserPaid(from_slice(plaintext)?),
            USER_OPEN_SERVICE => Self::UserOpenService(from_slice(plaintext)?),
            USER_CLOSE_SERVICE => Self::UserCloseService(from_slice(plaintext)?),
            USER_ACCEPTED => Self::UserAccepted(from_slice(plaintext)?),
            MCH_PREPAY => Self::MchPrepay(from_slice(plaintext)?),
            BIND_SERVICE_ACCOUNT => Self::BindServiceAccount(from_slice(plaintext)?),
            USER_SIGN_PLAN => Self::UserSignPlan(from_slice(plaintext)?),
            USER_CANCEL_SIGN_PLAN => Self::UserCancelSignPlan(from_slice(plaintext)?),
            _ => {
                Self::Other { event_type: event_type.to_owned(), resource: from_slice(plaintext)? }
            }
        })
    }

    /// Decodes a notification that
    /// [`NotificationParser`](wxpay_core::notify::NotificationParser) has verified and
    /// decrypted (parse it with any resource type, e.g. [`serde::de::IgnoredAny`]).
    ///
    /// # Errors
    ///
    /// As [`PayScoreEvent::from_parts`].
    pub fn from_notification<T>(notification: &Notification<T>) -> Result<Self, DecodeError> {
        Self::from_parts(&notification.event_type, notification.plaintext().as_bytes())
    }

    /// The `event_type`, e.g. `PAYSCORE.USER_PAID`.
    #[must_use]
    pub fn event_type(&self) -> &str {
        match self {
            Self::UserConfirm(_) => USER_CONFIRM,
            Self::UserPaid(_) => USER_PAID,
            Self::UserOpenService(_) => USER_OPEN_SERVICE,
            Self::UserCloseService(_) => USER_CLOSE_SERVICE,
            Self::UserAccepted(_) => USER_ACCEPTED,
            Self::MchPrepay(_) => MCH_PREPAY,
            Self::BindServiceAccount(_) => BIND_SERVICE_ACCOUNT,
            Self::UserSignPlan(_) => USER_SIGN_PLAN,
            Self::UserCancelSignPlan(_) => USER_CANCEL_SIGN_PLAN,
            Self::Other { event_type, .. } => event_type,
        }
    }

    /// The sub-merchant the event is about (partner mode), to route it.
    #[must_use]
    pub fn sub_mchid(&self) -> Option<&str> {
        match self {
            Self::UserConfirm(order) | Self::UserPaid(order) => order.sub_mchid.as_deref(),
            Self::UserOpenService(auth) | Self::UserCloseService(auth) => auth.sub_mchid.as_deref(),
            Self::UserAccepted(accepted) => accepted.sub_mchid.as_deref(),
            Self::MchPrepay(prepay) => Some(&prepay.sub_mchid),
            Self::BindServiceAccount(account) => Some(&account.sub_mchid),
            Self::UserSignPlan(plan) | Self::UserCancelSignPlan(plan) => plan.sub_mchid.as_deref(),
            Self::Other { resource, .. } => resource.get("sub_mchid").and_then(|v| v.as_str()),
        }
    }
}

impl fmt::Debug for PayScoreEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UserConfirm(order) => f.debug_tuple("UserConfirm").field(order).finish(),
            Self::UserPaid(order) => f.debug_tuple("UserPaid").field(order).finish(),
            Self::UserOpenService(auth) => f.debug_tuple("UserOpenService").field(auth).finish(),
            Self::UserCloseService(auth) => f.debug_tuple("UserCloseService").field(auth).finish(),
            Self::UserAccepted(accepted) => f.debug_tuple("UserAccepted").field(accepted).finish(),
            Self::MchPrepay(prepay) => f.debug_tuple("MchPrepay").field(prepay).finish(),
            Self::BindServiceAccount(account) => {
                f.debug_tuple("BindServiceAccount").field(account).finish()
            }
            Self::UserSignPlan(plan) => f.debug_tuple("UserSignPlan").field(plan).finish(),
            Self::UserCancelSignPlan(plan) => {
                f.debug_tuple("UserCancelSignPlan").field(plan).finish()
            }
            Self::Other { event_type, resource } => f
                .debug_struct("Other")
                .field("event_type", event_type)
                .field("resource", &redact_json(resource))
                .finish(),
        }
    }
}

/// The JSON fields `Debug` never shows: openids, authorization codes, plate numbers.
const REDACTED_FIELDS: &[&str] = &["openid", "sub_openid", "authorization_code", "plate_number"];

/// A copy of `value` with every [`REDACTED_FIELDS`] value replaced by `<redacted>`.
fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;

    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let value = if REDACTED_FIELDS.contains(&key.as_str()) {
                        Value::from("<redacted>")
                    } else {
                        redact_json(value)
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}
