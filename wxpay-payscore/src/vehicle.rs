//! PayScore parking (微信支付分停车服务), `/v3/vehicle/...`, direct merchant (普通商户) and
//! partner (普通服务商).
//!
//! Both modes use the **same paths**; the partner forms add `sub_mchid` (and, to charge,
//! `sub_appid`) and are declared as their own `Partner*` structs. The flow:
//!
//! 1. [`parking::FindParkingService`]: has this user opened the parking service for this
//!    plate (`NORMAL`, `PAUSE` or `OUT_SERVICE`)?
//! 2. [`parking::CreateParking`] when the car enters: WeChat answers the parking id and
//!    whether the parking can be charged (`state` `NORMAL` / `BLOCKED`); later changes
//!    arrive as `VEHICLE.ENTRANCE_STATE_CHANGE` notifications.
//! 3. [`transactions::ChargeParking`] when the car leaves: WeChat accepts the charge
//!    (`trade_state` `ACCEPTED`) and charges asynchronously; the result arrives as a
//!    `TRANSACTION.*` notification. **Let the car out only after `ACCEPTED`** (WeChat:
//!    losses from releasing a car without it are the merchant's).
//! 4. [`transactions::QueryParkingTransaction`] reads the charge at any time.
//!
//! ```no_run
//! use wxpay_core::Client;
//! use wxpay_payscore::{
//!     Amount,
//!     vehicle::{ParkingAmount, ParkingInfo, ParkingTradeState, PlateColor, transactions::ChargeParking},
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let charge = ChargeParking::builder()
//!     .appid("wxcbda96de0b165486")
//!     .description("停车场扣费")
//!     .out_trade_no("20150806125346")
//!     .notify_url("https://yoursite.com/wxpay.html")
//!     .amount(ParkingAmount::builder().total(Amount::fen(888)).currency("CNY").build())
//!     .parking_info(
//!         ParkingInfo::builder()
//!             .parking_id("5K8264ILTKCH16CQ250") // the id CreateParking answered
//!             .plate_number("粤B888888")
//!             .plate_color(PlateColor::Blue)
//!             .start_time("2017-08-26T10:43:39+08:00".parse()?)
//!             .end_time("2017-08-26T11:43:39+08:00".parse()?)
//!             .parking_name("欢乐海岸停车场")
//!             .charging_duration(3600)
//!             .device_id("12313")
//!             .build(),
//!     )
//!     .build();
//! charge.validate()?;
//! let accepted = charge.execute(&client).await?;
//! if accepted.trade_state == ParkingTradeState::Accepted {
//!     // open the barrier
//! }
//! # Ok(()) }
//! ```

pub mod parking;
pub mod transactions;

use serde::{Deserialize, Serialize};

use crate::types::{
    Amount, Check, PromotionDetail, Rfc3339, optional_text, redacted_debug, required_text,
    string_enum,
};

/// The length limits of the parking pages (`string[1, N]`).
pub(crate) mod limit {
    /// Ids, app ids, plate numbers, openids, `out_trade_no`, `goods_tag`: `string[1, 32]`.
    pub(crate) const ID: usize = 32;
    /// `description` and `attach` of a charge: `string[1, 128]`.
    pub(crate) const TEXT: usize = 128;
}

/// A required id of at most 32 characters.
pub(crate) fn check_id(field: &str, value: &str) -> Check {
    required_text(field, value, Some(limit::ID))
}

/// Checks the common fields of a charge (direct and partner).
pub(crate) fn check_charge(
    description: &str,
    attach: Option<&String>,
    out_trade_no: &str,
    goods_tag: Option<&String>,
    notify_url: &str,
    parking_info: Option<&ParkingInfo>,
) -> Check {
    required_text("description", description, Some(limit::TEXT))?;
    optional_text("attach", attach, Some(limit::TEXT))?;
    check_id("out_trade_no", out_trade_no)?;
    optional_text("goods_tag", goods_tag, Some(limit::ID))?;
    required_text("notify_url", notify_url, None)?;
    parking_info.map_or(Ok(()), ParkingInfo::check)
}

string_enum! {
    /// Plate colour (`plate_color`, 车牌颜色).
    pub enum PlateColor {
        /// `BLUE`: 蓝色.
        Blue = "BLUE",
        /// `GREEN`: 绿色 (new-energy vehicles).
        Green = "GREEN",
        /// `YELLOW`: 黄色.
        Yellow = "YELLOW",
        /// `BLACK`: 黑色.
        Black = "BLACK",
        /// `WHITE`: 白色.
        White = "WHITE",
        /// `LIMEGREEN`: 黄绿色.
        LimeGreen = "LIMEGREEN",
    }
}

string_enum! {
    /// A `Y`/`N` flag (`profit_sharing` 分账标识, `user_repaid` 用户是否已还款).
    pub enum YesNo {
        /// `Y`.
        Yes = "Y",
        /// `N`.
        No = "N",
    }
}

string_enum! {
    /// The scene of a parking charge (`trade_scene`, 交易场景).
    pub enum TradeScene {
        /// `PARKING`: a car park (车场停车场景), the only documented scene.
        Parking = "PARKING",
    }
}

string_enum! {
    /// State of a parking charge (`trade_state`, 交易状态).
    pub enum ParkingTradeState {
        /// `SUCCESS`: paid (支付成功).
        Success = "SUCCESS",
        /// `ACCEPTED`: accepted, WeChat is charging (已接收，等待扣款): the car may leave.
        Accepted = "ACCEPTED",
        /// `PAY_FAIL`: the charge failed (支付失败); the user repays later
        /// (`user_repaid`).
        PayFail = "PAY_FAIL",
        /// `REFUND`: refunded (转入退款).
        Refund = "REFUND",
    }
}

/// The parking a charge is for (`parking_info`, 停车场景信息): must match what
/// [`CreateParking`](parking::CreateParking) declared. `Debug` redacts `plate_number`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ParkingInfo {
    /// The parking id WeChat answered at entry (停车入场id).
    pub parking_id: String,
    /// Plate number (车牌号): province and number only, no separators, e.g. `粤B888888`.
    pub plate_number: String,
    /// Plate colour (车牌颜色).
    pub plate_color: PlateColor,
    /// Entry time (入场时间), RFC 3339.
    pub start_time: Rfc3339,
    /// Exit time (出场时间), RFC 3339; not equal to `start_time` and not in the future.
    pub end_time: Rfc3339,
    /// Car park name (停车场名称).
    pub parking_name: String,
    /// Charged duration in seconds (计费时长).
    pub charging_duration: u64,
    /// The car park device that saw the car leave (停车场设备id).
    pub device_id: String,
}

redacted_debug!(ParkingInfo {
    parking_id, plate_color, start_time, end_time, parking_name, charging_duration, device_id,
} redact { plate_number });

impl ParkingInfo {
    /// Checks the ids and texts: present, plate number at most 32 characters, no 4-byte
    /// characters.
    fn check(&self) -> Check {
        required_text("parking_info.parking_id", &self.parking_id, None)?;
        check_id("parking_info.plate_number", &self.plate_number)?;
        required_text("parking_info.parking_name", &self.parking_name, None)?;
        required_text("parking_info.device_id", &self.device_id, None)
    }
}

/// The amount of a parking charge (`amount`, 订单金额).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ParkingAmount {
    /// Order amount in fen (订单金额).
    pub total: Amount,
    /// Currency (货币类型), `CNY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// What the user actually paid (用户实际支付金额); answers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer_total: Option<Amount>,
    /// Discount (折扣); answers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_total: Option<Amount>,
}

/// Who paid (`payer`, 支付者信息). `Debug` redacts both openids.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingPayer {
    /// The user's openid under `appid` (用户在appid下的标识). Personal data.
    pub openid: String,
    /// The user's openid under `sub_appid` (用户在 `sub_appid` 下的标识), partner mode.
    /// Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
}

redacted_debug!(ParkingPayer {} redact { openid, sub_openid });

/// A parking charge as WeChat reports it: the answer of
/// [`ChargeParking`](transactions::ChargeParking) and
/// [`QueryParkingTransaction`](transactions::QueryParkingTransaction), direct and partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingTransaction {
    /// App ID (应用ID).
    pub appid: String,
    /// Sub-merchant app ID (子商户应用ID), partner mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Merchant id (商户号): the service provider's in partner mode. WeChat writes it
    /// `sp_mchid` in both modes; `mchid` is accepted too.
    #[serde(alias = "mchid")]
    pub sp_mchid: String,
    /// Sub-merchant id (子商户号), partner mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// What was charged for (服务描述).
    pub description: String,
    /// When the order was created (订单创建时间).
    pub create_time: Rfc3339,
    /// The merchant's order number (商户订单号).
    pub out_trade_no: String,
    /// WeChat's order number (微信支付订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// State of the charge (交易状态).
    pub trade_state: ParkingTradeState,
    /// What the state means (交易状态描述), e.g. `支付失败，请重新下单支付`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trade_state_description: Option<String>,
    /// When the user paid (支付完成时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_time: Option<Rfc3339>,
    /// The paying bank (付款银行), e.g. `CMC`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<String>,
    /// Whether the user has repaid a failed charge (用户是否已还款).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_repaid: Option<YesNo>,
    /// The merchant's data (附加数据), once paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// The scene (交易场景), `PARKING`.
    pub trade_scene: TradeScene,
    /// The parking charged for (停车场景信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parking_info: Option<ParkingInfo>,
    /// Who paid (支付者信息).
    pub payer: ParkingPayer,
    /// The amounts (订单金额信息).
    pub amount: ParkingAmount,
    /// Coupons applied (优惠信息).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotion_detail: Vec<PromotionDetail>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::decode;

    /// The documented answer of the partner charge and query (example values of WeChat's
    /// page).
    pub(crate) const PARTNER_TRANSACTION: &str = r#"{
        "appid": "wxcbda96de0b165486",
        "sub_appid": "wxcbda96de0b165489",
        "sp_mchid": "1230000109",
        "sub_mchid": "1900000109",
        "description": "停车场扣费",
        "create_time": "2017-08-26T10:43:39+08:00",
        "out_trade_no": "20150806125346",
        "transaction_id": "1009660380201506130728806387",
        "trade_state": "SUCCESS",
        "trade_state_description": "支付失败，请重新下单支付",
        "success_time": "2017-08-26T10:43:39+08:00",
        "bank_type": "CMC",
        "user_repaid": "Y",
        "attach": "深圳分店",
        "trade_scene": "PARKING",
        "parking_info": {
            "parking_id": "5K8264ILTKCH16CQ250",
            "plate_number": "粤B888888",
            "plate_color": "BLUE",
            "start_time": "2017-08-26T10:43:39+08:00",
            "end_time": "2017-08-26T10:43:39+08:00",
            "parking_name": "欢乐海岸停车场",
            "charging_duration": 3600,
            "device_id": "12313"
        },
        "payer": {"openid": "oUpF8uMuAJOM2pxb1Q", "sub_openid": "oUpF8uMuAJOM2pxb1Q"},
        "amount": {"total": 888, "currency": "CNY", "payer_total": 100, "discount_total": 100},
        "promotion_detail": [{
            "coupon_id": "109519",
            "name": "单品惠-6",
            "scope": "SINGLE",
            "type": "CASH",
            "stock_id": "931386",
            "amount": 5,
            "wechatpay_contribute": 1,
            "merchant_contribute": 1,
            "other_contribute": 1,
            "currency": "CNY"
        }]
    }"#;

    #[test]
    fn decodes_the_documented_transaction() {
        let t: ParkingTransaction = decode(PARTNER_TRANSACTION);
        assert_eq!(t.trade_state, ParkingTradeState::Success);
        assert_eq!(t.sp_mchid, "1230000109");
        assert_eq!(t.sub_mchid.as_deref(), Some("1900000109"));
        assert_eq!(t.user_repaid, Some(YesNo::Yes));
        assert_eq!(t.amount.total, Amount::fen(888));
        assert_eq!(t.amount.payer_total, Some(Amount::fen(100)));
        let info = t.parking_info.as_ref().unwrap();
        assert_eq!(info.plate_color, PlateColor::Blue);
        assert_eq!(info.charging_duration, 3600);
        assert_eq!(t.promotion_detail[0].coupon_id, "109519");
        let debug = format!("{t:?}");
        assert!(!debug.contains("oUpF8uMuAJOM2pxb1Q"), "{debug}");
        assert!(!debug.contains("粤B888888"), "{debug}");
        let again: ParkingTransaction = decode(&serde_json::to_string(&t).unwrap());
        assert_eq!(again, t);
    }

    #[test]
    fn decodes_a_direct_transaction_with_mchid() {
        let direct = r#"{"appid":"wxcbda96de0b165486","mchid":"1230000109","description":"停车场扣费",
            "create_time":"2017-08-26T10:43:39+08:00","out_trade_no":"20150806125346","trade_state":"ACCEPTED",
            "trade_scene":"PARKING","payer":{"openid":"oUpF8uMuAJOM2pxb1Q"},"amount":{"total":888,"currency":"CNY"}}"#;
        let t: ParkingTransaction = decode(direct);
        assert_eq!(t.sp_mchid, "1230000109");
        assert_eq!(t.trade_state, ParkingTradeState::Accepted);
        assert_eq!(t.sub_appid, None);
        assert!(t.promotion_detail.is_empty());
    }
}
