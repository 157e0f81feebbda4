//! `GET /v3/payscore/acquiringbank/permissions/authorization-code/{authorization_code}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::super::AcquiringBankAuthorizationRecord;
use crate::{permissions::check, types::ValidationError};

/// Queries a user's authorization by the institution's agreement number
/// (从业机构查询与用户授权记录（授权协议号）).
///
/// `GET /v3/payscore/acquiringbank/permissions/authorization-code/{authorization_code}`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012461004>
///
/// `Debug` redacts `authorization_code`.
#[endpoint(GET, "v3/payscore/acquiringbank/permissions/authorization-code/<authorization_code>", response = AcquiringBankAuthorizationRecord)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryAcquiringBankPermissionsByAuthorizationCode {
    /// Path: the agreement number given at pre-authorization (授权协议号).
    pub authorization_code: String,
    /// Query: PayScore service id (服务ID).
    pub service_id: String,
    /// Query: channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// Query: sub-merchant id (子商户号).
    pub sub_mchid: String,
}

crate::types::redacted_debug!(QueryAcquiringBankPermissionsByAuthorizationCode {
    service_id, channel_id, sub_mchid,
} redact { authorization_code });

impl QueryAcquiringBankPermissionsByAuthorizationCode {
    /// Checks the documented limits before sending: values present, `authorization_code` at
    /// most 32 characters, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check::authorization_code(&self.authorization_code)?;
        check::id("service_id", &self.service_id)?;
        check::id("channel_id", &self.channel_id)?;
        check::id("sub_mchid", &self.sub_mchid)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_query_round_trips, assert_request};

    #[test]
    fn prepares_the_request() {
        let query = QueryAcquiringBankPermissionsByAuthorizationCode::builder()
            .authorization_code("1275342195190894594")
            .service_id("500001")
            .channel_id("1230000109")
            .sub_mchid("1230000109")
            .build();
        assert_request(
            &query,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/permissions/authorization-code/1275342195190894594?service_id=500001&channel_id=1230000109&sub_mchid=1230000109",
            "",
        );
        assert_query_round_trips(&query, &[("authorization_code", "1275342195190894594")]);
        assert_eq!(query.validate(), Ok(()));
    }

    #[test]
    fn the_agreement_number_is_one_path_segment() {
        let query = QueryAcquiringBankPermissionsByAuthorizationCode::builder()
            .authorization_code("a/b c")
            .service_id("1")
            .channel_id("2")
            .sub_mchid("3")
            .build();
        let request = crate::test_support::prepare(&query);
        assert_eq!(
            request.uri().path(),
            "/v3/payscore/acquiringbank/permissions/authorization-code/a%2Fb%20c"
        );
        assert!(!format!("{query:?}").contains("a/b c"));
    }
}
