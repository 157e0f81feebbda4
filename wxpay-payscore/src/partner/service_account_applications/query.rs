//! `GET /v3/payscore/partner/service-account-applications/{out_apply_no}`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::ServiceAccountApplication;
use crate::types::{ValidationError, required_text};

/// Queries a sub-merchant's PayScore binding (查询收付通子商户服务绑定结果).
///
/// `GET /v3/payscore/partner/service-account-applications/{out_apply_no}`
///
/// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-account/get-service-account-application.html>
#[endpoint(GET, "v3/payscore/partner/service-account-applications/<out_apply_no>", response = ServiceAccountApplication)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct QueryServiceAccountApplication {
    /// Path: the provider's application number (商户申请绑定单号).
    pub out_apply_no: String,
}

impl QueryServiceAccountApplication {
    /// Checks that `out_apply_no` is present, without 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("out_apply_no", &self.out_apply_no, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_request() {
        let request =
            QueryServiceAccountApplication::builder().out_apply_no("1234323JKHDFE1243252").build();
        assert_request(
            &request,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/partner/service-account-applications/1234323JKHDFE1243252",
            "",
        );
        assert_eq!(request.validate(), Ok(()));
    }
}
