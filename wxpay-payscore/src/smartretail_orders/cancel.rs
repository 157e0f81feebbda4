//! `POST /v3/payscore/smartretail-orders/{out_order_no}/cancel`

use wxpay_core::endpoint;

use super::PayAfterOrderIds;
use crate::legacy::cancel_order;

cancel_order! {
    /// Revokes a 智慧零售 order (撤销智慧零售订单, legacy, direct merchant): the user is not
    /// charged and the order becomes `REVOKED`.
    ///
    /// `POST /v3/payscore/smartretail-orders/{out_order_no}/cancel`
    ///
    /// Official docs (legacy): <https://pay.weixin.qq.com/wiki/doc/apiv3/payscore.php?chapter=14_3&index=5>
    #[endpoint(POST, "v3/payscore/smartretail-orders/<out_order_no>/cancel", response = PayAfterOrderIds)]
    pub struct CancelSmartRetailOrder;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        legacy::fixtures::{CANCEL_BODY, OUT_ORDER_NO, cancel_request},
        test_support::assert_post,
    };

    #[test]
    fn prepares_the_request() {
        let url = "https://api.mch.weixin.qq.com/v3/payscore/smartretail-orders/1234323JKHDFE1243252/cancel";
        assert_post(&cancel_request!(CancelSmartRetailOrder), url, CANCEL_BODY, OUT_ORDER_NO);
    }
}
