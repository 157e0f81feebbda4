//! `/v3/payscore/permissions/authorization-code/{authorization_code}`: the authorization
//! found by the merchant's agreement number.

pub(super) mod query;
pub(super) mod terminate;
