//! `POST /v3/payscore/payafter-orders/{out_order_no}/cancel`

use serde::Deserialize;
use wxpay_core::{OutOrderNo, endpoint};

use super::PayAfterOrderIds;
use crate::types::{ValidationError, required_text};

/// Revokes a 先享后付 order (撤销先享后付订单, legacy, direct merchant): the user is not
/// charged and the order becomes `REVOKED`.
///
/// `POST /v3/payscore/payafter-orders/{out_order_no}/cancel`
///
/// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=17_3&index=5>
#[endpoint(POST, "v3/payscore/payafter-orders/<out_order_no>/cancel", response = PayAfterOrderIds)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CancelPayAfterOrder {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// App ID (公众账号ID).
    pub appid: String,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Why the order is revoked (取消原因), e.g. `用户投诉`.
    pub reason: String,
}

impl CancelPayAfterOrder {
    /// Checks what can be checked before sending: `appid`, `service_id` and `reason`
    /// present, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("appid", &self.appid, None)?;
        required_text("service_id", &self.service_id, None)?;
        required_text("reason", &self.reason, None)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{
        assert_path_fields_not_in_body, assert_request, client, signed_response,
    };

    fn request() -> CancelPayAfterOrder {
        CancelPayAfterOrder::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .reason("用户投诉")
            .build()
    }

    #[test]
    fn validate_accepts_the_example() {
        assert_eq!(request().validate(), Ok(()));
        let mut bad = request();
        bad.service_id = String::new();
        assert_eq!(
            bad.validate(),
            Err(crate::ValidationError::Missing { field: "service_id".into() })
        );
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders/1234323JKHDFE1243252/cancel",
            r#"{"appid":"wxd678efh567hg6787","service_id":"500001","reason":"用户投诉"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
    }

    #[tokio::test]
    async fn executes_and_decodes_the_documented_answer() {
        let client = client();
        client.transport().push_response(signed_response(
            200,
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"2304203423948239423","service_id":"500001","order_id":"15646546545165651651"}"#,
        ));
        let ids = request().execute(&client).await.unwrap();
        assert_eq!(ids.out_order_no, "2304203423948239423");
        assert_eq!(ids.order_id, "15646546545165651651");
        assert_eq!(ids.service_id.as_deref(), Some("500001"));
    }
}
