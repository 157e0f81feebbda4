//! `POST /v3/payscore/payafter-orders/{out_order_no}/complete`

use wxpay_core::endpoint;

use super::PayAfterOrderIds;
use crate::legacy::complete_order;

complete_order! {
    /// Completes a 先享后付 order (完结先享后付订单, legacy, direct merchant): WeChat then
    /// charges the user `total_amount`.
    ///
    /// `POST /v3/payscore/payafter-orders/{out_order_no}/complete`
    ///
    /// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=17_4&index=6>
    ///
    /// Send the `finish_ticket` (完结凭证) read from [`QueryPayAfterOrder`](super::QueryPayAfterOrder)
    /// so that WeChat can check the order data is complete. `finish_type` `1` (用户未使用服务)
    /// ends the order without charge and carries a `cancel_reason`; `2` (用户使用服务) carries
    /// the actual times, fees and `total_amount`.
    #[endpoint(POST, "v3/payscore/payafter-orders/<out_order_no>/complete", response = PayAfterOrderIds)]
    pub struct CompletePayAfterOrder;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        legacy::fixtures::{
            COMPLETE_BODY, COMPLETE_NOT_USED_BODY, OUT_ORDER_NO, complete_not_used,
            complete_request,
        },
        test_support::{assert_post, assert_request},
    };

    #[test]
    fn prepares_the_request() {
        let url = "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders/1234323JKHDFE1243252/complete";
        assert_post(&complete_request!(CompletePayAfterOrder), url, COMPLETE_BODY, OUT_ORDER_NO);
        let url = "https://api.mch.weixin.qq.com/v3/payscore/payafter-orders/A1/complete";
        let not_used = complete_not_used!(CompletePayAfterOrder);
        assert_request(&not_used, "POST", url, COMPLETE_NOT_USED_BODY);
    }
}
