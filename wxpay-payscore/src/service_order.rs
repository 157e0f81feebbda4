//! Service orders, direct-merchant mode (普通商户): `/v3/payscore/serviceorder/...`.
//!
//! The life of an order (protocol §9.1):
//!
//! 1. [`CreateServiceOrder`] → `CREATED` (the user confirms in WeChat with the returned
//!    `package`; `PAYSCORE.USER_CONFIRM` follows) or, without confirmation, `DOING`.
//! 2. The service runs (`DOING` / `USER_CONFIRM`); [`CancelServiceOrder`] ends it without
//!    charge.
//! 3. [`CompleteServiceOrder`] sets the final fees → `DOING` / `MCH_COMPLETE`, and WeChat
//!    charges the user (`collection.state` `USER_PAYING`). While it is unpaid,
//!    [`ModifyServiceOrder`] may lower the total, [`PayServiceOrder`] asks WeChat to charge
//!    again, and [`SyncServiceOrder`] reports a payment made through the merchant's own
//!    channel.
//! 4. `DONE` once paid (`PAYSCORE.USER_PAID`).
//!
//! [`QueryServiceOrder`] reads the order at any time. [`SendServiceOrderPendingMessage`] and
//! [`SendServiceOrderPrepaidMessage`] tell the user about upcoming fees;
//! [`DirectCompleteServiceOrder`] creates and completes in one call (legacy).
//!
//! The partner (service provider) twins live in
//! [`partner::service_order`](crate::partner::service_order).

mod cancel;
mod complete;
mod create;
mod direct_complete;
pub(crate) mod message;
mod modify;
mod pay;
mod query;
mod send_pending_message;
mod send_prepaid_message;
mod sync;

use serde::{Deserialize, Serialize};
use wxpay_core::OutOrderNo;

pub use cancel::{CancelServiceOrder, CancelServiceOrderResponse};
pub use complete::{CompleteServiceOrder, CompleteServiceOrderResponse};
pub use create::{CreateServiceOrder, CreateServiceOrderResponse};
pub use direct_complete::{DirectCompleteServiceOrder, DirectCompleteServiceOrderResponse};
pub use modify::ModifyServiceOrder;
pub use pay::{PayServiceOrder, PayServiceOrderResponse};
pub use query::QueryServiceOrder;
pub use send_pending_message::SendServiceOrderPendingMessage;
pub use send_prepaid_message::SendServiceOrderPrepaidMessage;
pub use sync::SyncServiceOrder;

use crate::types::{
    Amount, Collection, Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime,
    StateDescription, TimeRange, redacted_debug,
};

/// Which order a query asks for: by the merchant's order number or by the `query_id` the
/// front end received after the confirmation page. Exactly one of the two is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderLookup {
    /// `out_order_no`: the merchant's order number (商户服务订单号).
    OutOrderNo(OutOrderNo),
    /// `query_id`: the id WeChat hands to the front end after the confirmation page (回跳查询
    /// ID), at most 512 characters.
    QueryId(String),
}

impl From<OutOrderNo> for OrderLookup {
    fn from(out_order_no: OutOrderNo) -> Self {
        Self::OutOrderNo(out_order_no)
    }
}

/// A PayScore service order as WeChat reports it: the answer of the query, modify and sync
/// endpoints, and (partner mode) of the partner query.
///
/// Read `state`, `state_description` and `collection.state` together (protocol §9.1).
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ServiceOrder {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// App ID (the service provider's in partner mode).
    pub appid: String,
    /// Merchant id (the service provider's in partner mode).
    pub mchid: String,
    /// Sub-merchant app ID (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state.
    pub state: ServiceOrderState,
    /// What a `DOING` order is doing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[builder(default)]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (订单风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Total amount (总金额), once completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    /// Whether WeChat collects payment for the order (是否需要收款).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_collection: Option<bool>,
    /// Payment record (收款信息), once completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<Collection>,
    /// Service period (服务时间段); `start_time` may still be `OnAccept`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The merchant's data given at creation (商户数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The notification URL given at creation (商户回调地址).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// The user's openid under `appid` (用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

redacted_debug!(ServiceOrder {
    out_order_no, service_id, appid, mchid, sub_appid, sub_mchid, service_introduction, state,
    state_description, post_payments, post_discounts, risk_fund, total_amount, need_collection,
    collection, time_range, location, attach, notify_url, order_id,
} redact { openid, sub_openid });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CollectionState, PaidType, PromotionScope, RiskFundName, test_support::decode};

    /// A realistic answer of `GET /v3/payscore/partner/serviceorder` for a paid order.
    pub(crate) const PAID_ORDER: &str = r#"{
        "out_order_no": "1234323JKHDFE1243252",
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "sub_appid": "wxd678efh567hg6999",
        "sub_mchid": "1900000109",
        "service_introduction": "XX充电宝",
        "state": "DONE",
        "post_payments": [{"name": "就餐费用", "description": "就餐人均100元", "amount": 40000, "count": 4}],
        "post_discounts": [{"name": "满20减1元", "description": "不与其他优惠叠加", "amount": 100, "count": 2}],
        "risk_fund": {"name": "DEPOSIT", "amount": 10000, "description": "就餐的预估费用"},
        "total_amount": 39900,
        "need_collection": true,
        "collection": {
            "state": "USER_PAID",
            "total_amount": 39900,
            "paying_amount": 0,
            "paid_amount": 39900,
            "details": [{
                "seq": 1,
                "amount": 39900,
                "paid_type": "NEWTON",
                "paid_time": "20091225091210",
                "transaction_id": "15646546545165651651",
                "promotion_detail": [{
                    "coupon_id": "109519",
                    "name": "单品惠-6",
                    "scope": "SINGLE",
                    "type": "CASH",
                    "amount": 5,
                    "stock_id": "931386",
                    "wechatpay_contribute": 0,
                    "merchant_contribute": 5,
                    "other_contribute": 0,
                    "currency": "CNY",
                    "goods_detail": [{"goods_id": "M1006", "quantity": 1, "unit_price": 100, "discount_amount": 1, "goods_remark": "商品备注信息"}]
                }]
            }],
            "bank_type": "CMC"
        },
        "time_range": {"start_time": "20091225091010", "start_time_remark": "开始租借时间", "end_time": "20091225121010", "end_time_remark": "租借结束时间"},
        "location": {"start_location": "嗨客时尚主题展餐厅", "end_location": "嗨客时尚主题展餐厅"},
        "attach": "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald",
        "notify_url": "https://api.test.com",
        "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "sub_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "order_id": "15646546545165651651",
        "a_field_added_later": {"x": 1}
    }"#;

    #[test]
    fn decodes_a_paid_order() {
        let order: ServiceOrder = decode(PAID_ORDER);
        assert_eq!(order.out_order_no, "1234323JKHDFE1243252");
        assert_eq!(order.state, ServiceOrderState::Done);
        assert_eq!(order.state_description, None);
        assert_eq!(order.sub_mchid.as_deref(), Some("1900000109"));
        assert_eq!(order.total_amount, Some(Amount::fen(39_900)));
        assert_eq!(order.risk_fund.as_ref().map(|f| &f.name), Some(&RiskFundName::Deposit));
        let collection = order.collection.as_ref().expect("collection");
        assert_eq!(collection.state, CollectionState::UserPaid);
        assert_eq!(collection.paid_amount, Some(Amount::fen(39_900)));
        assert_eq!(collection.bank_type.as_deref(), Some("CMC"));
        let detail = &collection.details[0];
        assert_eq!(detail.paid_type, Some(PaidType::Newton));
        assert_eq!(detail.paid_time.map(|t| t.to_string()).as_deref(), Some("20091225091210"));
        assert_eq!(detail.transaction_id.as_deref(), Some("15646546545165651651"));
        let promotion = &detail.promotion_detail[0];
        assert_eq!(promotion.scope, Some(PromotionScope::Single));
        assert_eq!(promotion.goods_detail[0].unit_price, Some(Amount::fen(100)));
        let range = order.time_range.as_ref().expect("time_range");
        assert_eq!(range.start_time.map(|t| t.to_string()).as_deref(), Some("20091225091010"));
        assert_eq!(order.openid.as_deref(), Some("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
    }

    #[test]
    fn decodes_a_created_order() {
        let order: ServiceOrder = decode(
            r#"{"out_order_no":"A1","service_id":"500001","appid":"wxd678efh567hg6787","mchid":"1230000109",
                "service_introduction":"某某酒店","state":"CREATED","post_payments":[{"name":"就餐费用","amount":40000}],
                "risk_fund":{"name":"ESTIMATE_ORDER_COST","amount":10000},
                "time_range":{"start_time":"OnAccept"},"notify_url":"https://api.test.com","order_id":"1"}"#,
        );
        assert_eq!(order.state, ServiceOrderState::Created);
        assert_eq!(order.time_range.and_then(|r| r.start_time), Some(StartTime::OnAccept));
        assert_eq!(order.collection, None);
        assert!(order.post_discounts.is_empty());
    }

    #[test]
    fn debug_redacts_openids() {
        let order: ServiceOrder = decode(PAID_ORDER);
        let debug = format!("{order:?}");
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(debug.contains("openid: Some(<redacted>)"), "{debug}");
        assert!(debug.contains("sub_openid: Some(<redacted>)"), "{debug}");
        assert!(debug.contains("1234323JKHDFE1243252"), "{debug}");
    }

    #[test]
    fn order_lookup_is_flat() {
        let lookup = OrderLookup::from(OutOrderNo::new("A1").expect("valid"));
        assert_eq!(serde_json::to_string(&lookup).expect("json"), r#"{"out_order_no":"A1"}"#);
        let lookup = OrderLookup::QueryId("q".into());
        assert_eq!(serde_json::to_string(&lookup).expect("json"), r#"{"query_id":"q"}"#);
    }
}
