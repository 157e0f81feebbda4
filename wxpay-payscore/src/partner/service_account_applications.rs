//! Binding sub-merchants to a PayScore service (收付通子商户绑定支付分服务), partner mode:
//! `/v3/payscore/partner/service-account-applications...`.
//!
//! A 收付通 service provider that has PayScore and a service id applies, per sub-merchant,
//! for the binding ([`CreateServiceAccountApplication`]) and later reads the outcome
//! ([`QueryServiceAccountApplication`]); both answer a [`ServiceAccountApplication`].

mod create;
mod query;

pub use create::CreateServiceAccountApplication;
pub use query::QueryServiceAccountApplication;

use serde::{Deserialize, Serialize};

/// An application to bind a sub-merchant to a PayScore service (绑定申请单): the answer of
/// both [`CreateServiceAccountApplication`] and [`QueryServiceAccountApplication`], which
/// WeChat documents with the same fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceAccountApplication {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's merchant id (服务商商户号).
    pub mchid: String,
    /// The service provider's app ID (服务商应用ID).
    pub appid: String,
    /// Sub-merchant id (子商户商户号).
    pub sub_mchid: String,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// The provider's application number (申请单号).
    pub out_apply_no: String,
    /// Where the binding result is notified (绑定结果回调通知地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_notify_url: Option<String>,
    /// Acceptance state (受理状态), as WeChat sends it.
    pub apply_state: String,
    /// Why the application was rejected (拒绝原因).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::decode;

    #[test]
    fn decodes_the_documented_answer() {
        let application: ServiceAccountApplication = decode(
            r#"{"service_id":"2002000000000558128851361561536","mchid":"1230000109",
                "appid":"wxd678efh567hg6787","sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6787",
                "out_apply_no":"1234323JKHDFE1243252","result_notify_url":"https://api.test.com",
                "apply_state":"APPLY_STATE_WAITING","reject_reason":"未开通"}"#,
        );
        assert_eq!(application.out_apply_no, "1234323JKHDFE1243252");
        assert_eq!(application.sub_mchid, "1900000109");
        assert_eq!(application.apply_state, "APPLY_STATE_WAITING");
        assert_eq!(application.reject_reason.as_deref(), Some("未开通"));
        let minimal: ServiceAccountApplication = decode(
            r#"{"service_id":"5","mchid":"1","appid":"wx","sub_mchid":"2","out_apply_no":"A1","apply_state":"S"}"#,
        );
        assert_eq!(minimal.sub_appid, None);
    }
}
