//! `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/registerdeductinfo`

use serde::{Deserialize, Serialize};
use wxpay_core::{OutOrderNo, endpoint};

use crate::types::{ValidationError, optional_text, required_text};

/// Registers the institution's deduction number for a completed order
/// (从业机构登记微信支付分扣款信息).
///
/// `POST /v3/payscore/acquiringbank/serviceorder/{out_order_no}/registerdeductinfo`
///
/// Official docs: <https://pay.weixin.qq.com/doc/v3/partner/4012458414> and
/// <https://pay.weixin.qq.com/doc/v3/partner/4013194100>
///
/// After the order is completed, register the institution's own deduction number
/// (`out_trade_no`), then charge the user through the clearing house's (银联/网联) 委托代扣
/// interface. [`QueryAcquiringBankDeduction`](super::QueryAcquiringBankDeduction) reads the
/// registration back.
#[endpoint(POST, "v3/payscore/acquiringbank/serviceorder/<out_order_no>/registerdeductinfo", response = RegisteredDeductInfo)]
#[derive(Clone, Debug, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct RegisterAcquiringBankDeductInfo {
    /// Path: the merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The institution's app ID (服务商应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// Sub-merchant id (子商户号).
    pub sub_mchid: String,
    /// Channel merchant id (渠道商商户号).
    pub channel_id: String,
    /// The institution's own deduction number (商户系统内部扣款单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_trade_no: Option<String>,
    /// The sub-merchant's app ID (子商户公众账号ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
}

impl RegisterAcquiringBankDeductInfo {
    /// Checks before sending: ids present, no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        required_text("service_id", &self.service_id, None)?;
        optional_text("appid", self.appid.as_ref(), None)?;
        required_text("sub_mchid", &self.sub_mchid, None)?;
        required_text("channel_id", &self.channel_id, None)?;
        optional_text("out_trade_no", self.out_trade_no.as_ref(), None)?;
        optional_text("sub_appid", self.sub_appid.as_ref(), None)
    }
}

/// The answer to [`RegisterAcquiringBankDeductInfo`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegisteredDeductInfo {
    /// What is charged (商品或支付单简要描述): use it as the description of the deduction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::{assert_path_fields_not_in_body, assert_request, decode};

    fn request() -> RegisterAcquiringBankDeductInfo {
        RegisterAcquiringBankDeductInfo::builder()
            .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            .appid("wxd678efh567hg6787")
            .sub_mchid("1900000109")
            .channel_id("1230000109")
            .out_trade_no("1234323JKHDFE1243252")
            .sub_appid("wxd678efh567hg6999")
            .build()
    }

    #[test]
    fn prepares_the_request() {
        assert_request(
            &request(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/1234323JKHDFE1243252/registerdeductinfo",
            r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","channel_id":"1230000109","out_trade_no":"1234323JKHDFE1243252","sub_appid":"wxd678efh567hg6999"}"#,
        );
        assert_path_fields_not_in_body(&request(), &[("out_order_no", "1234323JKHDFE1243252")]);
        assert_eq!(request().validate(), Ok(()));
    }

    #[test]
    fn decodes_the_response() {
        let response: RegisteredDeductInfo = decode(r#"{"description":"XX充电宝"}"#);
        assert_eq!(response.description.as_deref(), Some("XX充电宝"));
        let empty: RegisteredDeductInfo = decode("{}");
        assert_eq!(empty.description, None);
    }
}
