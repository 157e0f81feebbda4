//! User authorization for acquiring institutions (从业机构授权):
//! `/v3/payscore/acquiringbank/permissions/...`.
//!
//! 1. [`PreAuthorizeAcquiringBankPermissions`] registers the institution's agreement number
//!    (`authorization_code`) and returns the `apply_permissions_token` for the front end.
//! 2. [`QueryAcquiringBankPermissionsByAuthorizationCode`] reads the authorization record.
//! 3. [`TerminateAcquiringBankPermissionsByAuthorizationCode`] ends it.

mod authorization_code;
mod pre_authorize;

use serde::{Deserialize, Serialize};

pub use authorization_code::{
    query::QueryAcquiringBankPermissionsByAuthorizationCode,
    terminate::TerminateAcquiringBankPermissionsByAuthorizationCode,
};
pub use pre_authorize::PreAuthorizeAcquiringBankPermissions;

use crate::{
    permissions::AuthorizationState,
    types::{Rfc3339, redacted_debug},
};

/// A user's authorization record as an acquiring institution reads it: the answer of
/// [`QueryAcquiringBankPermissionsByAuthorizationCode`].
///
/// Unlike the direct and partner [`AuthorizationRecord`](crate::permissions::AuthorizationRecord)
/// it names the channel merchant (`channel_id`) and always the sub-merchant.
/// `Debug` redacts `openid`, `sub_openid` and `authorization_code`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AcquiringBankAuthorizationRecord {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The institution's app ID (服务商应用ID).
    pub appid: String,
    /// The institution's merchant id (商户号).
    pub mchid: String,
    /// The user's openid under `appid` (服务商公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (子商户公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// The institution's agreement number (授权协议号).
    pub authorization_code: String,
    /// Authorization state (授权状态).
    pub authorization_state: AuthorizationState,
    /// Notification URL given at pre-authorization (授权通知地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// When the user last revoked the authorization (最近一次解除授权时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_authorization_time: Option<Rfc3339>,
    /// When the user last authorized successfully (最近一次授权成功时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_success_time: Option<Rfc3339>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
}

redacted_debug!(AcquiringBankAuthorizationRecord {
    service_id, appid, mchid, authorization_state, notify_url, cancel_authorization_time,
    authorization_success_time, sub_mchid, sub_appid, channel_id,
} redact { openid, sub_openid, authorization_code });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::decode;

    /// WeChat's example answer of the query by agreement number.
    const RECORD: &str = r#"{
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "authorization_code": "1275342195190894594",
        "authorization_state": "UNAVAILABLE",
        "notify_url": "https://www.weixin.com",
        "cancel_authorization_time": "2015-05-20T13:29:35.120+08:00",
        "authorization_success_time": "2015-05-20T13:29:35.120+08:00",
        "sub_mchid": "1230000109",
        "sub_appid": "wxd678efh567hg6787",
        "channel_id": "1230000109"
    }"#;

    #[test]
    fn decodes_the_record() {
        let record: AcquiringBankAuthorizationRecord = decode(RECORD);
        assert_eq!(record.authorization_state, AuthorizationState::Unavailable);
        assert_eq!(record.authorization_code, "1275342195190894594");
        assert_eq!(record.channel_id.as_deref(), Some("1230000109"));
        assert_eq!(record.sub_mchid, "1230000109");
        assert_eq!(
            record.authorization_success_time.map(|t| t.to_string()).as_deref(),
            Some("2015-05-20T13:29:35.120+08:00")
        );
        assert_eq!(record.sub_openid, None);
    }

    #[test]
    fn debug_redacts_personal_fields() {
        let record: AcquiringBankAuthorizationRecord = decode(RECORD);
        let debug = format!("{record:?}");
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(!debug.contains("1275342195190894594"), "{debug}");
        assert!(debug.contains("authorization_code: <redacted>"), "{debug}");
        assert!(debug.contains("channel_id: Some(\"1230000109\")"), "{debug}");
    }
}
