//! `POST /v3/payscore/smartretail-orders/{out_order_no}/complete`

use wxpay_core::endpoint;

use super::PayAfterOrderIds;
use crate::legacy::complete_order;

complete_order! {
    /// Completes a 智慧零售 order (完结智慧零售订单, legacy, direct merchant): WeChat then
    /// charges the user `total_amount`.
    ///
    /// `POST /v3/payscore/smartretail-orders/{out_order_no}/complete`
    ///
    /// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=14_4&index=6>
    ///
    /// Allowed once the user has accepted the order (前置条件：用户确认订单成功后). Send the
    /// `finish_ticket` (完结凭证) read from [`QuerySmartRetailOrder`](super::QuerySmartRetailOrder)
    /// so that WeChat can check the order data is complete. `finish_type` `1` (用户未使用服务)
    /// ends the order without charge and carries a `cancel_reason`; `2` (用户使用服务) carries
    /// the actual times, fees and `total_amount`.
    #[endpoint(POST, "v3/payscore/smartretail-orders/<out_order_no>/complete", response = PayAfterOrderIds)]
    pub struct CompleteSmartRetailOrder;
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
        let url = "https://api.mch.weixin.qq.com/v3/payscore/smartretail-orders/1234323JKHDFE1243252/complete";
        assert_post(&complete_request!(CompleteSmartRetailOrder), url, COMPLETE_BODY, OUT_ORDER_NO);
        let url = "https://api.mch.weixin.qq.com/v3/payscore/smartretail-orders/A1/complete";
        let not_used = complete_not_used!(CompleteSmartRetailOrder);
        assert_request(&not_used, "POST", url, COMPLETE_NOT_USED_BODY);
    }
}
