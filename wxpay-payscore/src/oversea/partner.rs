//! Cross-border PayScore, institution (partner) mode: `/v3/payscore/oversea/partner/...`.
//!
//! The institution signs with its own `mchid`; every request names the sub-merchant
//! (`sub_mchid`) it acts for.

pub mod service_order;
