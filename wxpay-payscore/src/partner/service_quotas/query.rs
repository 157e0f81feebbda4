//! `GET /v3/payscore/partner/servicequotas/service-id/{service_id}`

use serde::{Deserialize, Serialize};
use wxpay_core::endpoint;

use crate::types::Amount;

/// Queries the suggested 先享 amount for each user risk tier (查询用户分层对应建议先享金额,
/// partner mode).
///
/// `GET /v3/payscore/partner/servicequotas/service-id/{service_id}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/service-quota/get-partner-user-risk-level-quota.html>
#[endpoint(GET, "v3/payscore/partner/servicequotas/service-id/<service_id>", response = ServiceQuotas)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryPartnerServiceQuotas {
    /// Path: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: sub-merchant id (子商户商户号).
    pub sub_mchid: String,
    /// Query: the service provider's app ID (服务商的公众号ID).
    pub appid: String,
    /// Query: the sub-merchant's app ID (子商户的公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Query: version of the tiering model (分层版本), as returned by the risk assessment.
    pub risk_level_version: u32,
}

/// The answer to [`QueryPartnerServiceQuotas`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceQuotas {
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The service provider's merchant id (商户号).
    pub mchid: String,
    /// Sub-merchant id (子商户商户号).
    pub sub_mchid: String,
    /// The service provider's app ID (公众号ID).
    pub appid: String,
    /// The sub-merchant's app ID (子商户的公众号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Version of the tiering model (分层版本).
    pub risk_level_version: u32,
    /// One suggestion per tier (先享金额列表).
    #[serde(default)]
    pub quotas: Vec<ServiceQuota>,
}

/// The suggested 先享 amount for one user risk tier (`quotas[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ServiceQuota {
    /// The user risk tier (用户分层).
    pub risk_level: u32,
    /// Suggested 先享 amount for that tier (建议先享金额).
    pub suggested_quota: Amount,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_query_round_trips, assert_request, decode};

    #[test]
    fn prepares_the_request() {
        let query = QueryPartnerServiceQuotas::builder()
            .service_id("2002000000000558128851361561536")
            .sub_mchid("1230000109")
            .appid("wxd678efh567hg6787")
            .risk_level_version(1)
            .sub_appid("wxd678efh567hg6999")
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/servicequotas/service-id/2002000000000558128851361561536?sub_mchid=1230000109&appid=wxd678efh567hg6787&sub_appid=wxd678efh567hg6999&risk_level_version=1",
            "",
        );
        assert_query_round_trips(&query, &[("service_id", "2002000000000558128851361561536")]);
    }

    #[test]
    fn decodes_the_response() {
        let quotas: ServiceQuotas = decode(
            r#"{"service_id":"2002000000000558128851361561536","mchid":"1230000109","sub_mchid":"1900000109",
                "appid":"wxd678efh567hg6787","sub_appid":"wxd678efh567hg6999","risk_level_version":1,
                "quotas":[{"risk_level":1,"suggested_quota":10000},{"risk_level":2,"suggested_quota":50000}]}"#,
        );
        assert_eq!(quotas.risk_level_version, 1);
        assert_eq!(
            quotas.quotas,
            vec![
                ServiceQuota::builder().risk_level(1).suggested_quota(Amount::fen(10_000)).build(),
                ServiceQuota::builder().risk_level(2).suggested_quota(Amount::fen(50_000)).build(),
            ]
        );
    }
}
