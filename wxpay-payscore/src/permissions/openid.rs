//! `/v3/payscore/permissions/openid/{openid}`: the authorization found by the user's openid.

pub(super) mod query;
pub(super) mod terminate;
