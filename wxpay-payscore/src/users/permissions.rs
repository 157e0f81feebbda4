//! `/v3/payscore/users/{openid}/permissions/{service_id}`: a user's authorization of one service.

pub(super) mod terminate;
