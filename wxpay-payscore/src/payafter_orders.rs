//! 先享后付 (legacy, direct merchant): `/v3/payscore/payafter-orders...`.
//!
//! The 2019 "enjoy first, pay later" product, older than the service-order API
//! ([`service_order`](crate::service_order)) and kept for merchants whose service id was
//! opened for it. Its orders have their own shape: fee items are `fees[]` (`fee_name`,
//! `fee_amount`, ...), times are flat fields (`service_start_time`, ...), and the life of an
//! order is:
//!
//! 1. [`CreatePayAfterOrder`] → `CREATED` (hand `package` to the front end; the user accepts
//!    in WeChat and `PAYSCORE.USER_ACCEPTED` follows) → `USER_ACCEPTED`. An order left
//!    `CREATED` for an hour becomes `EXPIRED`.
//! 2. [`CompletePayAfterOrder`] with the `finish_ticket` read by [`QueryPayAfterOrder`] →
//!    `FINISHED`, then `USER_PAID` once WeChat has charged the user. [`CancelPayAfterOrder`]
//!    revokes an order instead (`REVOKED`).
//! 3. [`SyncPayAfterOrder`] reports a payment made outside WeChat (`Order_Paid`).
//!
//! ```no_run
//! use wxpay_core::{Client, OutOrderNo};
//! use wxpay_payscore::{
//!     Amount,
//!     payafter_orders::{CompletePayAfterOrder, Fee, FinishType, QueryPayAfterOrder},
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let out_order_no = OutOrderNo::new("1234323JKHDFE1243252")?;
//! let order = QueryPayAfterOrder::builder()
//!     .service_id("500001")
//!     .lookup(out_order_no.clone())
//!     .appid("wxd678efh567hg6787")
//!     .build()
//!     .execute(&client)
//!     .await?;
//! let complete = CompletePayAfterOrder::builder()
//!     .out_order_no(out_order_no)
//!     .appid("wxd678efh567hg6787")
//!     .service_id("500001")
//!     .finish_type(FinishType::Used)
//!     .fees(vec![Fee::builder().fee_name("就餐费用").fee_amount(Amount::fen(40_000)).build()])
//!     .total_amount(Amount::fen(40_000))
//!     .maybe_finish_ticket(order.finish_ticket)
//!     .build();
//! complete.validate()?;
//! complete.execute(&client).await?;
//! # Ok(()) }
//! ```
//!
//! The 智慧零售 family ([`smartretail_orders`](crate::smartretail_orders)) uses the same order
//! shape; its endpoints reuse the models declared here.

mod cancel;
mod complete;
mod create;
mod query;
mod sync;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use wxpay_core::OutOrderNo;

pub use cancel::CancelPayAfterOrder;
pub use complete::CompletePayAfterOrder;
pub use create::CreatePayAfterOrder;
pub use query::QueryPayAfterOrder;
pub use sync::SyncPayAfterOrder;

use crate::types::{
    Amount, Check, ServiceTime, StartTime, ValidationError, optional_text, required_text,
    string_enum,
};

/// At most this many merchant discounts (`discounts`, 最多包含5条商户优惠).
const MAX_DISCOUNTS: usize = 5;
/// At most this many characters in a discount name (`discount_name`).
const DISCOUNT_NAME: usize = 20;

/// The checks of every 先享后付 / 智慧零售 create and complete request: `appid` and
/// `service_id` present, the optional `texts` (name, value) free of 4-byte characters, then
/// [`check_fees`] and [`check_discounts`].
pub(crate) fn check_order(
    appid: &str,
    service_id: &str,
    texts: &[(&str, Option<&String>)],
    fees: &[Fee],
    discounts: &[FeeDiscount],
) -> Check {
    required_text("appid", appid, None)?;
    required_text("service_id", service_id, None)?;
    for (field, value) in texts {
        optional_text(field, *value, None)?;
    }
    check_fees(fees)?;
    check_discounts(discounts)
}

/// Checks fee items: names present, no 4-byte characters.
fn check_fees(fees: &[Fee]) -> Check {
    for (i, fee) in fees.iter().enumerate() {
        required_text(&format!("fees[{i}].fee_name"), &fee.fee_name, None)?;
        optional_text(&format!("fees[{i}].fee_desc"), fee.fee_desc.as_ref(), None)?;
    }
    Ok(())
}

/// Checks merchant discounts: at most 5, names present and at most 20 characters.
fn check_discounts(discounts: &[FeeDiscount]) -> Check {
    if discounts.len() > MAX_DISCOUNTS {
        return Err(ValidationError::TooManyItems {
            field: "discounts".into(),
            max: MAX_DISCOUNTS,
            len: discounts.len(),
        });
    }
    for (i, discount) in discounts.iter().enumerate() {
        required_text(
            &format!("discounts[{i}].discount_name"),
            &discount.discount_name,
            Some(DISCOUNT_NAME),
        )?;
        optional_text(
            &format!("discounts[{i}].discount_desc"),
            discount.discount_desc.as_ref(),
            None,
        )?;
    }
    Ok(())
}

/// A fee item (`fees[]`, 后付费项目) of a 先享后付 or 智慧零售 order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Fee {
    /// Fee item name (付费项目名称).
    pub fee_name: String,
    /// How many (付费项目数量).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_count: Option<u32>,
    /// Total of this item (付费项目总金额), in fen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_amount: Option<Amount>,
    /// How the item is charged (描述计费规则).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_desc: Option<String>,
}

/// A merchant discount (`discounts[]`, 商户优惠; at most 5) of a 先享后付 or 智慧零售 order.
/// Create sends name and description only; complete and query add `discount_amount`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct FeeDiscount {
    /// Discount name (优惠名称), at most 20 characters, e.g. `满20减1元`.
    pub discount_name: String,
    /// What the discount is (优惠说明), e.g. `不与其他优惠叠加`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_desc: Option<String>,
    /// Discount amount (商品优惠金额), in fen: complete and query only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_amount: Option<Amount>,
}

string_enum! {
    /// State of a 先享后付 or 智慧零售 order (`state`).
    pub enum PayAfterOrderState {
        /// `CREATED`: accepted by WeChat (商户下单已受理), waiting for the user.
        Created = "CREATED",
        /// `USER_ACCEPTED`: the user accepted and uses the service (用户成功使用服务).
        UserAccepted = "USER_ACCEPTED",
        /// `FINISHED`: completed by the merchant (商户完结订单).
        Finished = "FINISHED",
        /// `USER_PAID`: the user paid (用户订单支付成功).
        UserPaid = "USER_PAID",
        /// `REVOKED`: revoked by the merchant (商户撤销订单).
        Revoked = "REVOKED",
        /// `EXPIRED`: expired (订单已失效): `CREATED` unchanged for more than an hour.
        Expired = "EXPIRED",
    }
}

/// How the user used the order (`finish_type`, 标识用户订单使用情况), an integer on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FinishType {
    /// `1`: the user did not use the service; the order is cancelled (用户未使用服务，取消订单).
    NotUsed,
    /// `2`: the user used the service; the order is completed (用户使用服务，完结订单).
    Used,
    /// A value this version does not know, kept verbatim.
    Unknown(u8),
}

impl FinishType {
    /// The value as WeChat writes it.
    #[must_use]
    pub const fn as_u8(self) -> u8 {
        match self {
            Self::NotUsed => 1,
            Self::Used => 2,
            Self::Unknown(value) => value,
        }
    }
}

impl From<u8> for FinishType {
    fn from(value: u8) -> Self {
        match value {
            1 => Self::NotUsed,
            2 => Self::Used,
            other => Self::Unknown(other),
        }
    }
}

impl Serialize for FinishType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.as_u8())
    }
}

impl<'de> Deserialize<'de> for FinishType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u8::deserialize(deserializer).map(Self::from)
    }
}

/// The answer to [`CreatePayAfterOrder`] (and to
/// [`CreateSmartRetailOrder`](crate::smartretail_orders::CreateSmartRetailOrder)): the new
/// order and what the front end needs to open WeChat's confirmation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePayAfterOrderResponse {
    /// App ID (公众账号ID).
    pub appid: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
    /// `businessType` for the mini-program jump (小程序跳转businessType), e.g.
    /// `wxpayScoreUse`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram_businesstype: Option<String>,
    /// App id of WeChat's mini-program, for a jump from the merchant's mini-program
    /// (小程序跳转appid).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram_appid: Option<String>,
    /// Path in WeChat's mini-program (小程序跳转路径).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram_path: Option<String>,
    /// Username of WeChat's mini-program, for a jump from the merchant's app
    /// (小程序跳转username).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miniprogram_username: Option<String>,
    /// Order data for WeChat's mini-program (用于跳转到微信侧小程序订单数据): pass it on
    /// unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

/// A 先享后付 or 智慧零售 order as the query endpoints report it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayAfterOrder {
    /// App ID (公众账号ID).
    pub appid: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// Order state (订单状态).
    pub state: PayAfterOrderState,
    /// How the user used the order (标识用户订单使用情况), once finished.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_type: Option<FinishType>,
    /// Planned service start (服务开始时间); may be `OnAccept`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_start_time: Option<StartTime>,
    /// Planned service end (服务结束时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_end_time: Option<ServiceTime>,
    /// Actual service start (实际服务开始时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_service_start_time: Option<StartTime>,
    /// Actual service end (实际服务结束时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_service_end_time: Option<ServiceTime>,
    /// When the user paid (支付完成时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_succ_time: Option<ServiceTime>,
    /// Planned start location (开始使用服务的地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_start_location: Option<String>,
    /// Planned end location (预计服务结束的地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_end_location: Option<String>,
    /// Actual start location (实际开始使用服务的地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_service_start_location: Option<String>,
    /// Actual end location (实际结束使用服务的地点).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_service_end_location: Option<String>,
    /// What the service is (服务信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_introduction: Option<String>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    /// Merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<FeeDiscount>,
    /// Order risk amount (订单风险金额), in fen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_amount: Option<Amount>,
    /// Total amount (总金额), in fen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    /// The merchant's data given at creation (商户自定义说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The ticket to send with complete (完结凭证: 用于完结订单时传入,确保订单完结时数据完整).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_ticket: Option<String>,
    /// The transaction that settled the order (结单交易单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_transaction_id: Option<String>,
    /// How it was paid (支付方式), e.g. `MchChannelPayType` (paid through the merchant's
    /// channel, see sync).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_type: Option<String>,
}

/// The answer to cancel, complete and sync of a 先享后付 or 智慧零售 order: which order
/// changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayAfterOrderIds {
    /// App ID (公众账号ID).
    pub appid: String,
    /// Merchant id (商户号).
    pub mchid: String,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID); not in the sync answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    pub order_id: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::decode;

    /// The documented answer of a query (all fields, example values of WeChat's page).
    pub(crate) const QUERIED_ORDER: &str = r#"{
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "out_order_no": "1234323JKHDFE1243252",
        "service_id": "500001",
        "state": "FINISHED",
        "finish_type": 2,
        "service_start_time": "20091225091010",
        "service_end_time": "20091225121010",
        "real_service_start_time": "20091225091010",
        "real_service_end_time": "20091225121010",
        "pay_succ_time": "20091225121510",
        "service_start_location": "嗨客时尚主题展餐厅",
        "service_end_location": "嗨客时尚主题展餐厅",
        "real_service_start_location": "嗨客时尚主题展餐厅",
        "real_service_end_location": "嗨客时尚主题展餐厅",
        "service_introduction": "某某酒店",
        "fees": [{"fee_name": "就餐费用", "fee_count": 4, "fee_amount": 40000, "fee_desc": "就餐人均100元"}],
        "discounts": [{"discount_name": "满20减1元", "discount_amount": 100, "discount_desc": "不与其他优惠叠加"}],
        "risk_amount": 10000,
        "total_amount": 39900,
        "attach": "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald",
        "finish_ticket": "Easdfowealsdkjfnlaksjdlfkwqoi",
        "finish_transaction_id": "4200000000002104083200000488",
        "pay_type": "MchChannelPayType"
    }"#;

    #[test]
    fn decodes_a_queried_order() {
        let order: PayAfterOrder = decode(QUERIED_ORDER);
        assert_eq!(order.state, PayAfterOrderState::Finished);
        assert_eq!(order.finish_type, Some(FinishType::Used));
        assert_eq!(order.fees[0].fee_amount, Some(Amount::fen(40_000)));
        assert_eq!(order.discounts[0].discount_amount, Some(Amount::fen(100)));
        assert_eq!(order.total_amount, Some(Amount::fen(39_900)));
        assert_eq!(order.pay_succ_time.unwrap().to_string(), "20091225121510");
        assert_eq!(order.pay_type.as_deref(), Some("MchChannelPayType"));
        // Round trip: what the simulator would answer decodes back to the same order.
        let again: PayAfterOrder = decode(&serde_json::to_string(&order).unwrap());
        assert_eq!(again, order);
    }

    #[test]
    fn validate_checks_the_documented_discount_limits() {
        let discount = |name: &str| FeeDiscount::builder().discount_name(name).build();
        assert_eq!(check_discounts(&vec![discount("满20减1元"); 5]), Ok(()));
        assert_eq!(
            check_discounts(&vec![discount("满20减1元"); 6]),
            Err(ValidationError::TooManyItems { field: "discounts".into(), max: 5, len: 6 })
        );
        assert_eq!(
            check_discounts(&[discount(&"优".repeat(21))]),
            Err(ValidationError::TooLong {
                field: "discounts[0].discount_name".into(),
                max: 20,
                len: 21
            })
        );
        assert_eq!(
            check_discounts(&[discount("")]),
            Err(ValidationError::Missing { field: "discounts[0].discount_name".into() })
        );
        let emoji = Fee::builder().fee_name("饮料🥤").build();
        assert!(matches!(
            check_fees(&[emoji]),
            Err(ValidationError::UnsupportedCharacter { character: '🥤', .. })
        ));
    }

    #[test]
    fn finish_type_is_an_integer() {
        assert_eq!(serde_json::to_string(&FinishType::NotUsed).unwrap(), "1");
        assert_eq!(serde_json::from_str::<FinishType>("2").unwrap(), FinishType::Used);
        assert_eq!(serde_json::from_str::<FinishType>("7").unwrap(), FinishType::Unknown(7));
        assert!(serde_json::from_str::<FinishType>("\"2\"").is_err());
    }

    #[test]
    fn unknown_states_are_kept() {
        let order: PayAfterOrder =
            decode(&QUERIED_ORDER.replace("\"FINISHED\"", "\"SOMETHING_NEW\""));
        assert_eq!(order.state, PayAfterOrderState::Unknown("SOMETHING_NEW".into()));
        assert_eq!(order.state.as_str(), "SOMETHING_NEW");
    }

    #[test]
    fn decodes_the_ids_answer_with_and_without_service_id() {
        let ids: PayAfterOrderIds = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"2304203423948239423",
                "service_id":"500001","order_id":"15646546545165651651"}"#,
        );
        assert_eq!(ids.order_id, "15646546545165651651");
        assert_eq!(ids.service_id.as_deref(), Some("500001"));
        let ids: PayAfterOrderIds = decode(
            r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"2304203423948239423",
                "order_id":"15646546545165651651"}"#,
        );
        assert_eq!(ids.service_id, None);
    }
}
