//! PayScore parking (微信支付分停车) notifications: `VEHICLE.ENTRANCE_STATE_CHANGE` and the
//! charge results `TRANSACTION.SUCCESS` / `TRANSACTION.FAIL` / `TRANSACTION.PAY_BACK`.
//!
//! They are sent to the `notify_url` of 创建停车入场 (`POST /v3/vehicle/parking/parkings`)
//! and 扣费受理 (`POST /v3/vehicle/transactions/parking`), direct and partner.

use std::fmt;

use serde::{Deserialize, Serialize};
use wxpay_core::{DecodeError, notify::Notification};

use super::redact_json;
use crate::types::{Amount, PromotionDetail, Rfc3339, redacted_debug, string_enum};

/// `VEHICLE.ENTRANCE_STATE_CHANGE`: the parking entrance became usable or blocked.
pub const ENTRANCE_STATE_CHANGE: &str = "VEHICLE.ENTRANCE_STATE_CHANGE";
/// `TRANSACTION.SUCCESS`: a parking charge succeeded.
pub const TRANSACTION_SUCCESS: &str = "TRANSACTION.SUCCESS";
/// `TRANSACTION.FAIL`: a parking charge failed.
pub const TRANSACTION_FAIL: &str = "TRANSACTION.FAIL";
/// `TRANSACTION.PAY_BACK`: the user repaid a charge WeChat had advanced (垫资单还款).
pub const TRANSACTION_PAY_BACK: &str = "TRANSACTION.PAY_BACK";

/// A decrypted PayScore-parking notification.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum ParkingEvent {
    /// `VEHICLE.ENTRANCE_STATE_CHANGE`: the entrance's service state changed.
    EntranceStateChange(Box<ParkingEntranceNotification>),
    /// `TRANSACTION.SUCCESS`: the charge succeeded (or was accepted, see `trade_state`).
    TransactionSuccess(Box<ParkingTransactionNotification>),
    /// `TRANSACTION.FAIL`: the charge failed.
    TransactionFail(Box<ParkingTransactionNotification>),
    /// `TRANSACTION.PAY_BACK`: the user repaid a charge WeChat had advanced.
    TransactionPayBack(Box<ParkingTransactionNotification>),
    /// Any other event, kept as JSON (`Debug` redacts personal fields in it).
    Other {
        /// The `event_type` of the envelope.
        event_type: String,
        /// The decrypted resource.
        resource: serde_json::Value,
    },
}

impl ParkingEvent {
    /// Decodes the decrypted `resource` of a notification whose envelope says `event_type`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] (with the JSON path of the failing field) if `plaintext` is not the
    /// JSON that `event_type` promises, or not JSON at all.
    pub fn from_parts(event_type: &str, plaintext: &[u8]) -> Result<Self, DecodeError> {
        use wxpay_core::json::from_slice;

        Ok(match event_type {
            ENTRANCE_STATE_CHANGE => Self::EntranceStateChange(from_slice(plaintext)?),
            TRANSACTION_SUCCESS => Self::TransactionSuccess(from_slice(plaintext)?),
            TRANSACTION_FAIL => Self::TransactionFail(from_slice(plaintext)?),
            TRANSACTION_PAY_BACK => Self::TransactionPayBack(from_slice(plaintext)?),
            _ => {
                Self::Other { event_type: event_type.to_owned(), resource: from_slice(plaintext)? }
            }
        })
    }

    /// Decodes a notification that
    /// [`NotificationParser`](wxpay_core::notify::NotificationParser) has verified and
    /// decrypted.
    ///
    /// # Errors
    ///
    /// As [`ParkingEvent::from_parts`].
    pub fn from_notification<T>(notification: &Notification<T>) -> Result<Self, DecodeError> {
        Self::from_parts(&notification.event_type, notification.plaintext().as_bytes())
    }

    /// The `event_type`, e.g. `VEHICLE.ENTRANCE_STATE_CHANGE`.
    #[must_use]
    pub fn event_type(&self) -> &str {
        match self {
            Self::EntranceStateChange(_) => ENTRANCE_STATE_CHANGE,
            Self::TransactionSuccess(_) => TRANSACTION_SUCCESS,
            Self::TransactionFail(_) => TRANSACTION_FAIL,
            Self::TransactionPayBack(_) => TRANSACTION_PAY_BACK,
            Self::Other { event_type, .. } => event_type,
        }
    }

    /// The sub-merchant the event is about (partner mode), to route it.
    #[must_use]
    pub fn sub_mchid(&self) -> Option<&str> {
        match self {
            Self::EntranceStateChange(entrance) => entrance.sub_mchid.as_deref(),
            Self::TransactionSuccess(t)
            | Self::TransactionFail(t)
            | Self::TransactionPayBack(t) => t.sub_mchid.as_deref(),
            Self::Other { resource, .. } => resource.get("sub_mchid").and_then(|v| v.as_str()),
        }
    }
}

impl fmt::Debug for ParkingEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EntranceStateChange(e) => f.debug_tuple("EntranceStateChange").field(e).finish(),
            Self::TransactionSuccess(t) => f.debug_tuple("TransactionSuccess").field(t).finish(),
            Self::TransactionFail(t) => f.debug_tuple("TransactionFail").field(t).finish(),
            Self::TransactionPayBack(t) => f.debug_tuple("TransactionPayBack").field(t).finish(),
            Self::Other { event_type, resource } => f
                .debug_struct("Other")
                .field("event_type", event_type)
                .field("resource", &redact_json(resource))
                .finish(),
        }
    }
}

string_enum! {
    /// 车牌颜色 `plate_color`.
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
    /// 停车入场状态 `parking_state`.
    pub enum ParkingState {
        /// `NORMAL`: the parking service can be used.
        Normal = "NORMAL",
        /// `BLOCKED`: it cannot be used for now; see `blocked_state_description`.
        Blocked = "BLOCKED",
    }
}

string_enum! {
    /// 不可用状态描述 `blocked_state_description`.
    pub enum BlockedStateDescription {
        /// `PAUSE`: the user paused the service.
        Pause = "PAUSE",
        /// `OVERDUE`: the user owes money; ask them to repay.
        Overdue = "OVERDUE",
        /// `REMOVE`: the user removed the plate; send them to authorization again.
        Remove = "REMOVE",
    }
}

string_enum! {
    /// 交易状态 `trade_state` of a parking charge.
    pub enum ParkingTradeState {
        /// `SUCCESS`: paid.
        Success = "SUCCESS",
        /// `ACCEPT`: accepted, waiting to be charged.
        Accept = "ACCEPT",
        /// `PAY_FAIL`: the charge failed (e.g. the bank refused).
        PayFail = "PAY_FAIL",
        /// `REFUND`: refunded.
        Refund = "REFUND",
    }
}

/// `VEHICLE.ENTRANCE_STATE_CHANGE` (停车入场状态变更).
///
/// `Debug` redacts `plate_number`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingEntranceNotification {
    /// 商户号 `sp_mchid` (partner mode: the service provider's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sp_mchid: Option<String>,
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 停车入场ID `parking_id`, assigned by WeChat.
    pub parking_id: String,
    /// 商户入场ID `out_parking_no`.
    pub out_parking_no: String,
    /// 车牌号 `plate_number`: province and plate, no special characters. Personal data.
    pub plate_number: String,
    /// 车牌颜色 `plate_color`.
    pub plate_color: PlateColor,
    /// 入场时间 `start_time`.
    pub start_time: Rfc3339,
    /// 停车场名称 `parking_name`.
    pub parking_name: String,
    /// 免费时长 `free_duration`, seconds.
    pub free_duration: u64,
    /// 停车入场状态 `parking_state`.
    pub parking_state: ParkingState,
    /// 不可用状态描述 `blocked_state_description`, when `BLOCKED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_state_description: Option<BlockedStateDescription>,
    /// 状态变更时间 `state_update_time` (RFC 3339, milliseconds).
    pub state_update_time: Rfc3339,
}

redacted_debug!(ParkingEntranceNotification {
    sp_mchid, sub_mchid, parking_id, out_parking_no, plate_color, start_time, parking_name,
    free_duration, parking_state, blocked_state_description, state_update_time,
} redact { plate_number });

/// The charge carried by the parking `TRANSACTION.SUCCESS`, `TRANSACTION.FAIL` and
/// `TRANSACTION.PAY_BACK` events (订单支付结果通知), direct and partner.
///
/// `Debug` redacts the payer's openids and the plate number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingTransactionNotification {
    /// 应用ID `appid` (direct mode; the service provider's `sp_appid` in partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// 服务商应用ID `sp_appid` (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sp_appid: Option<String>,
    /// 商户号 `mchid` (direct mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
    /// 服务商商户号 `sp_mchid` (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sp_mchid: Option<String>,
    /// 子商户应用ID `sub_appid` (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 商户订单号 `out_trade_no`.
    pub out_trade_no: String,
    /// 微信支付订单号 `transaction_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// 服务描述 `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 订单创建时间 `create_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_time: Option<Rfc3339>,
    /// 交易状态 `trade_state`.
    pub trade_state: ParkingTradeState,
    /// 交易状态描述 `trade_state_description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trade_state_description: Option<String>,
    /// 支付完成时间 `success_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_time: Option<Rfc3339>,
    /// 付款银行 `bank_type` (`BPA`: WeChat advanced the money, see `user_repaid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<String>,
    /// 用户是否已还款 `user_repaid`: `Y` or `N`; meaningful for `bank_type` `BPA` and
    /// `trade_state` `SUCCESS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_repaid: Option<String>,
    /// 附加数据 `attach`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// 交易场景 `trade_scene`: `PARKING`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trade_scene: Option<String>,
    /// 停车场景信息 `parking_info`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parking_info: Option<ParkingInfo>,
    /// 支付者 `payer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer: Option<Payer>,
    /// 订单金额 `amount`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<ParkingAmount>,
    /// 优惠信息 `promotion_detail`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotion_detail: Vec<PromotionDetail>,
}

/// 停车场景信息 `parking_info` of a parking charge.
///
/// `Debug` redacts `plate_number`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingInfo {
    /// 停车入场ID `parking_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parking_id: Option<String>,
    /// 车牌号 `plate_number`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate_number: Option<String>,
    /// 车牌颜色 `plate_color`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate_color: Option<PlateColor>,
    /// 入场时间 `start_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Rfc3339>,
    /// 出场时间 `end_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Rfc3339>,
    /// 停车场名称 `parking_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parking_name: Option<String>,
    /// 计费时长 `charging_duration`, seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charging_duration: Option<u64>,
    /// 停车场设备ID `device_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
}

redacted_debug!(ParkingInfo {
    parking_id, plate_color, start_time, end_time, parking_name, charging_duration, device_id,
} redact { plate_number });

/// 支付者 `payer`.
///
/// `Debug` redacts both openids.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payer {
    /// 用户标识 `openid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// 子商户用户标识 `sub_openid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
}

redacted_debug!(Payer {} redact { openid, sub_openid });

/// 订单金额 `amount` of a parking charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingAmount {
    /// 订单金额 `total` (fen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// 货币类型 `currency` (`CNY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// 用户实际支付金额 `payer_total` (fen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer_total: Option<Amount>,
    /// 折扣 `discount_total` (fen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_total: Option<Amount>,
}
