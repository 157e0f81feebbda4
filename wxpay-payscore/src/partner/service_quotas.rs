//! Suggested 先享 quotas per user risk tier, partner mode:
//! `/v3/payscore/partner/servicequotas/...`.
//!
//! With the tier from the [risk assessment](crate::partner::permissions), the quota tells
//! how much a user of that tier may be granted before paying.

mod query;

pub use query::{QueryPartnerServiceQuotas, ServiceQuota, ServiceQuotas};
