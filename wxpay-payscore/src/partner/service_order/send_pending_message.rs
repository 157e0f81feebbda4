//! `POST /v3/payscore/partner/serviceorder/{out_order_no}/send-pendingmessage`

use wxpay_core::{NoContent, endpoint};

use crate::service_order::message::charge_message;

charge_message! {
    /// Tells the user that fees are pending (下发服务费用待处理消息, partner mode).
    ///
    /// `POST /v3/payscore/partner/serviceorder/{out_order_no}/send-pendingmessage`
    ///
    /// Official docs: <https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/partner-service-order/send-partner-order-pending-message.html>
    ///
    /// The user receives a message about the pending fees. Only once per order. Answers `204 No Content`.
    #[endpoint(POST, "v3/payscore/partner/serviceorder/<out_order_no>/send-pendingmessage", response = NoContent)]
    pub struct SendPartnerServiceOrderPendingMessage {
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
            message_request!(SendPartnerServiceOrderPendingMessage, sub_mchid("1900000109")),
            "https://api.mch.weixin.qq.com/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/send-pendingmessage",
            PARTNER_BODY
        );
    }
}
