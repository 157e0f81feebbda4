//! `POST /v3/payscore/partner/serviceorder/{out_order_no}/send-prepaidmessage`

use wxpay_core::{NoContent, endpoint};

use crate::service_order::message::charge_message;

charge_message! {
    /// Tells the user that a charge is coming (下发服务预扣费消息, partner mode).
    ///
    /// `POST /v3/payscore/partner/serviceorder/{out_order_no}/send-prepaidmessage`
    ///
    /// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/send-partner-order-prepaid-message.html>
    ///
    /// The user receives a message announcing the charge on `prepaid_time`. Answers `204 No Content`.
    #[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/send-prepaidmessage", response = NoContent)]
    pub struct SendPartnerServiceOrderPrepaidMessage {
        /// Sub-merchant id (子商户商户号).
        pub sub_mchid: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service_order::message::{PARTNER_BODY, assert_message, message_request};

    #[test]
    fn prepares_the_request() {
        assert_message!(
            message_request!(SendPartnerServiceOrderPrepaidMessage, sub_mchid("1900000109")),
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/send-prepaidmessage",
            PARTNER_BODY
        );
    }
}
