//! User authorization (授权 / 预授权), direct-merchant mode: `/v3/payscore/permissions/...`.
//!
//! A user authorizes a PayScore service once; afterwards the merchant may create orders for
//! them without asking again (免确认模式). The flow:
//!
//! 1. [`PreAuthorizePermissions`] registers the merchant's own agreement number
//!    (`authorization_code`) and returns an `apply_permissions_token` for the front end,
//!    which opens WeChat's authorization page with it.
//! 2. WeChat notifies `notify_url` when the user authorizes (`PAYSCORE.USER_OPEN_SERVICE`) or
//!    revokes (`PAYSCORE.USER_CLOSE_SERVICE`) the service.
//! 3. The merchant reads the current state with [`QueryPermissionsByAuthorizationCode`] or
//!    [`QueryPermissionsByOpenid`], and ends it with [`TerminatePermissionsByAuthorizationCode`]
//!    or [`TerminatePermissionsByOpenid`].
//!
//! [`AssessUserRiskLevel`] asks which risk tier (用户分层) an authorized user is in.
//!
//! The partner (service provider) twins live in
//! [`partner::permissions`](crate::partner::permissions); the two legacy endpoints that
//! predate pre-authorization are [`QueryUserServiceState`](crate::user_service_state::QueryUserServiceState)
//! and [`TerminateUserPermissions`](crate::users::TerminateUserPermissions).
//!
//! ```no_run
//! use wxpay_payscore::permissions::{AuthorizationState, QueryPermissionsByOpenid};
//!
//! # async fn run(client: &wxpay_core::Client) -> Result<(), wxpay_core::Error> {
//! let record = QueryPermissionsByOpenid::builder()
//!     .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
//!     .service_id("2002000000000558128851361561536")
//!     .appid("wxd678efh567hg6787")
//!     .build()
//! .execute(client)
//! .await?;
//! if record.authorization_state == AuthorizationState::Available {
//!     // the user has authorized the service: orders need no confirmation
//! }
//! # Ok(()) }
//! ```

mod assess_user_risk_level;
mod authorization_code;
mod openid;
mod pre_authorize;
mod types;

pub use assess_user_risk_level::{AssessUserRiskLevel, UserLookup};
pub use authorization_code::{
    query::QueryPermissionsByAuthorizationCode, terminate::TerminatePermissionsByAuthorizationCode,
};
pub use openid::{query::QueryPermissionsByOpenid, terminate::TerminatePermissionsByOpenid};
pub use pre_authorize::PreAuthorizePermissions;
pub(crate) use types::check;
pub use types::{
    AuthorizationRecord, AuthorizationState, Goods, PreAuthorization, ShoppingInfo,
    UserRiskAssessment,
};
