//! `/v3/payscore/acquiringbank/permissions/authorization-code/{authorization_code}`: the
//! authorization found by the institution's agreement number.

pub(super) mod query;
pub(super) mod terminate;
