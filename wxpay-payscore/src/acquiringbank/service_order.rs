//! Service orders of acquiring institutions (从业机构): `/v3/payscore/acquiringbank/serviceorder/...`.
//!
//! The life of an order is the one of the [direct-merchant orders](crate::service_order),
//! on behalf of a sub-merchant (`sub_mchid`) and usually a channel merchant (`channel_id`):
//!
//! 1. [`CreateAcquiringBankServiceOrder`] → `DOING` (免确认) or `CREATED` (需确认, the user
//!    confirms with the returned `package`).
//! 2. [`CancelAcquiringBankServiceOrder`] ends it without charge, or
//!    [`CompleteAcquiringBankServiceOrder`] sets the final fees (`DOING` / `MCH_COMPLETE`).
//! 3. While unpaid, [`ModifyAcquiringBankServiceOrder`] may lower the total and
//!    [`SyncAcquiringBankServiceOrder`] reports a payment made through the institution's own
//!    channel.
//! 4. An institution that charges the user itself through the clearing house (银联/网联
//!    委托代扣) first registers its deduction number with
//!    [`RegisterAcquiringBankDeductInfo`] and reads it back with
//!    [`QueryAcquiringBankDeduction`].
//!
//! [`QueryAcquiringBankServiceOrder`] reads the order at any time. Cancel, complete, modify
//! and sync answer `204 No Content`.
//!
//! ```no_run
//! use wxpay_core::OutOrderNo;
//! use wxpay_payscore::{
//!     CollectionState,
//!     acquiringbank::service_order::{QueryAcquiringBankDeduction, QueryAcquiringBankServiceOrder},
//! };
//!
//! # async fn run(client: &wxpay_core::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let out_order_no = OutOrderNo::new("1234323JKHDFE1243252")?;
//! let order = QueryAcquiringBankServiceOrder::builder()
//!     .service_id("2002000000000558128851361561536")
//!     .sub_mchid("1900000109")
//!     .channel_id("1230000109")
//!     .lookup(out_order_no.clone())
//!     .build()
//!     .execute(client)
//!     .await?;
//! if order.collection.is_some_and(|c| c.state == CollectionState::UserPaying) {
//!     let deduction = QueryAcquiringBankDeduction::builder()
//!         .service_id("2002000000000558128851361561536")
//!         .appid("wxd678efh567hg6787")
//!         .sub_mchid("1900000109")
//!         .channel_id("1230000109")
//!         .out_order_no(out_order_no)
//!         .build()
//!         .execute(client)
//!         .await?;
//!     println!("charge {} through the clearing house", deduction.out_trade_no);
//! }
//! # Ok(()) }
//! ```

mod cancel;
mod complete;
mod create;
mod deduction;
mod modify;
mod query;
mod register_deduct_info;
mod sync;

use serde::{Deserialize, Serialize};
use wxpay_core::OutOrderNo;

pub use cancel::CancelAcquiringBankServiceOrder;
pub use complete::CompleteAcquiringBankServiceOrder;
pub use create::{CreateAcquiringBankServiceOrder, CreateAcquiringBankServiceOrderResponse};
pub use deduction::{AcquiringBankDeduction, QueryAcquiringBankDeduction};
pub use modify::ModifyAcquiringBankServiceOrder;
pub use query::QueryAcquiringBankServiceOrder;
pub use register_deduct_info::{RegisterAcquiringBankDeductInfo, RegisteredDeductInfo};
pub use sync::SyncAcquiringBankServiceOrder;

use crate::types::{
    Amount, Collection, Discount, Location, Payment, RiskFund, ServiceOrderState, StartTime,
    StateDescription, TimeRange, redacted_debug,
};

/// An acquiring institution's service order as WeChat reports it: the answer of
/// [`QueryAcquiringBankServiceOrder`].
///
/// Read `state`, `state_description` and `collection.state` together (protocol §9.1).
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AcquiringBankServiceOrder {
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The institution's app ID (服务商应用ID).
    pub appid: String,
    /// The institution's merchant id (服务商商户号).
    pub mchid: String,
    /// Sub-merchant app ID (子商户应用ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (子商户号); 选填 on one of WeChat's two query pages, so decoded as
    /// optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// What the service is (服务信息).
    pub service_introduction: String,
    /// Order state (服务订单状态).
    pub state: ServiceOrderState,
    /// What a `DOING` order is doing (订单状态说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (后付费商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
    /// Service period (服务时间段).
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
    /// The user's openid under `appid` (服务商公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (子商户公众号下的用户标识). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
}

redacted_debug!(AcquiringBankServiceOrder {
    out_order_no, service_id, appid, mchid, sub_appid, sub_mchid, channel_id,
    service_introduction, state, state_description, post_payments, post_discounts, risk_fund,
    total_amount, need_collection, collection, time_range, location, attach, notify_url,
    order_id,
} redact { openid, sub_openid });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CollectionState, PaidType, PromotionScope, RiskFundName, test_support::decode};

    /// WeChat's example answer of `GET /v3/payscore/acquiringbank/serviceorder`.
    pub(crate) const ORDER: &str = r#"{
        "out_order_no": "1234323JKHDFE1243252",
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "sub_appid": "wxd678efh567hg6999",
        "sub_mchid": "1900000109",
        "service_introduction": "XX充电宝",
        "state": "CREATED",
        "state_description": "MCH_COMPLETE",
        "post_payments": [{"name": "就餐费用", "description": "就餐人均100元", "amount": 40000, "count": 4}],
        "post_discounts": [{"name": "满20减1元", "description": "不与其他优惠叠加", "amount": 100, "count": 2}],
        "risk_fund": {"name": "DEPOSIT", "amount": 10000, "description": "就餐的预估费用"},
        "total_amount": 40000,
        "need_collection": true,
        "collection": {
            "state": "USER_PAID",
            "total_amount": 50000,
            "paying_amount": 40000,
            "paid_amount": 10000,
            "details": [{
                "seq": 1,
                "amount": 10000,
                "paid_type": "NEWTON",
                "paid_time": "20091225091210",
                "transaction_id": "15646546545165651651",
                "promotion_detail": [{
                    "coupon_id": "123456",
                    "name": "单品优惠-6",
                    "scope": "GLOBAL",
                    "type": "CASH",
                    "amount": 100,
                    "stock_id": "activity_id",
                    "wechatpay_contribute": 100,
                    "merchant_contribute": 100,
                    "other_contribute": 100,
                    "currency": "CNY",
                    "goods_detail": [{"goods_id": "M1006", "quantity": 1, "unit_price": 1, "discount_amount": 100, "goods_remark": "商品备注信息"}]
                }]
            }]
        },
        "time_range": {"start_time": "20091225091010", "start_time_remark": "开始租借时间", "end_time": "20091225121010", "end_time_remark": "租借结束时间"},
        "location": {"start_location": "嗨客时尚主题展餐厅", "end_location": "嗨客时尚主题展餐厅"},
        "attach": "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald",
        "notify_url": "https://api.test.com",
        "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "sub_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "order_id": "0000300001201908301055157220022",
        "channel_id": "1230000109"
    }"#;

    #[test]
    fn decodes_the_documented_order() {
        let order: AcquiringBankServiceOrder = decode(ORDER);
        assert_eq!(order.out_order_no, "1234323JKHDFE1243252");
        assert_eq!(order.state, ServiceOrderState::Created);
        assert_eq!(order.state_description, Some(StateDescription::MchComplete));
        assert_eq!(order.channel_id.as_deref(), Some("1230000109"));
        assert_eq!(order.sub_mchid.as_deref(), Some("1900000109"));
        assert_eq!(order.risk_fund.as_ref().map(|f| &f.name), Some(&RiskFundName::Deposit));
        assert_eq!(order.total_amount, Some(Amount::fen(40_000)));
        let collection = order.collection.as_ref().expect("collection");
        assert_eq!(collection.state, CollectionState::UserPaid);
        assert_eq!(collection.paying_amount, Some(Amount::fen(40_000)));
        let detail = &collection.details[0];
        assert_eq!(detail.paid_type, Some(PaidType::Newton));
        assert_eq!(detail.paid_time.map(|t| t.to_string()).as_deref(), Some("20091225091210"));
        assert_eq!(detail.promotion_detail[0].scope, Some(PromotionScope::Global));
        assert_eq!(order.order_id, "0000300001201908301055157220022");
        let range = order.time_range.as_ref().expect("time_range");
        assert_eq!(range.start_time.map(|t| t.to_string()).as_deref(), Some("20091225091010"));
    }

    #[test]
    fn debug_redacts_openids() {
        let order: AcquiringBankServiceOrder = decode(ORDER);
        let debug = format!("{order:?}");
        assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
        assert!(debug.contains("sub_openid: Some(<redacted>)"), "{debug}");
        assert!(debug.contains("channel_id: Some(\"1230000109\")"), "{debug}");
    }
}
