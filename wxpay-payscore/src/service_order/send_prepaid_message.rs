//! `POST /v3/payscore/serviceorder/{out_order_no}/send-prepaidmessage`

use wxpay_core::{NoContent, endpoint};

use crate::service_order::message::charge_message;

charge_message! {
    /// Tells the user that a charge is coming (下发服务预扣费消息, direct merchant).
    ///
    /// `POST /v3/payscore/serviceorder/{out_order_no}/send-prepaidmessage`
    ///
    /// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/send-order-prepaid-message.html>
    ///
    /// The user receives a message announcing the charge on `prepaid_time`. Answers `204 No Content`.
    #[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/send-prepaidmessage", response = NoContent)]
    pub struct SendServiceOrderPrepaidMessage {
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service_order::message::{DIRECT_BODY, assert_message, message_request};

    #[test]
    fn prepares_the_request() {
        assert_message!(
            message_request!(SendServiceOrderPrepaidMessage),
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234323JKHDFE1243252/send-prepaidmessage",
            DIRECT_BODY
        );
    }
}
