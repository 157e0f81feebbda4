//! The models and value types shared by the service-order endpoints and the notifications.
//!
//! Everything here is re-exported at the crate root.

mod amount;
mod datetime;
mod enums;
mod macros;
mod models;
mod validate;

pub use amount::Amount;
pub use datetime::{InvalidTime, Rfc3339, ServiceDate, ServiceTime, StartTime};
pub use enums::{
    CollectionState, PaidType, PromotionScope, PromotionType, RiskFundName, ServiceOrderState,
    StateDescription, SyncType, UserServiceStatus,
};
pub(crate) use macros::{redacted_debug, string_enum};
pub use models::{
    Collection, CollectionDetail, Device, Discount, GoodsDetail, Location, Payment,
    PromotionDetail, RiskFund, SyncDetail, TimeRange, total_amount,
};
pub(crate) use validate::{
    Check, amounts, attach_and_notify_url, check_completion, check_new_order, ids, items, limit,
    openid_unless_confirmed, optional_text, required_text, service_introduction, start_time_given,
    sub_appid_with_sub_openid,
};
pub use validate::{ValidationError, check_decrease};

/// Stands in for a personal field (`openid`, `sub_openid`) in `Debug` output.
pub(crate) struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How a personal field shows in `Debug`: whether it is set, never its value.
pub(crate) trait Redact {
    /// What `Debug` prints instead of the value.
    type Shown: std::fmt::Debug;
    /// The stand-in.
    fn redacted(&self) -> Self::Shown;
}

impl Redact for String {
    type Shown = Redacted;
    fn redacted(&self) -> Redacted {
        Redacted
    }
}

impl<T> Redact for Option<T> {
    type Shown = Option<Redacted>;
    fn redacted(&self) -> Option<Redacted> {
        self.as_ref().map(|_| Redacted)
    }
}
