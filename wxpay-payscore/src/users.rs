//! Legacy: `/v3/payscore/users/{openid}/...`, endpoints that predate pre-authorization.
//!
//! New integrations use [`TerminatePermissionsByOpenid`](crate::permissions::TerminatePermissionsByOpenid).

mod permissions;

pub use permissions::terminate::TerminateUserPermissions;
