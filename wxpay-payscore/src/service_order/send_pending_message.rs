//! `POST /v3/payscore/serviceorder/{out_order_no}/send-pendingmessage`

use wxpay_core::{NoContent, endpoint};

use crate::service_order::message::charge_message;

charge_message! {
    /// Tells the user that fees are pending (下发服务费用待处理消息, direct merchant).
    ///
    /// `POST /v3/payscore/serviceorder/{out_order_no}/send-pendingmessage`
    ///
    /// Official docs: <https://pay.weixin.qq.com/docs/merchant/apis/weixin-pay-score/service-order/send-order-pending-message.html>
    ///
    /// The user receives a message about the pending fees. Only once per order. Answers `204 No Content`.
    #[endpoint(POST, "v3/payscore/serviceorder/<out_order_no>/send-pendingmessage", response = NoContent)]
    pub struct SendServiceOrderPendingMessage {
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service_order::message::{DIRECT_BODY, assert_message, message_request};

    #[test]
    fn prepares_the_request() {
        assert_message!(
            message_request!(SendServiceOrderPendingMessage),
            "https://api.mch.weixin.qq.com/v3/payscore/serviceorder/1234323JKHDFE1243252/send-pendingmessage",
            DIRECT_BODY
        );
    }
}
