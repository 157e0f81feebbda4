//! Typed payloads of the refund notifications (退款结果通知): `REFUND.SUCCESS`,
//! `REFUND.ABNORMAL`, `REFUND.CLOSED`.
//!
//! WeChat: <https://pay.weixin.qq.com/doc/v3/merchant/4012791865>
//!
//! WeChat Pay POSTs a signed envelope whose `resource` (`original_type` `refund`) is
//! encrypted with the APIv3 key. Once wxpay-core's
//! [`NotificationParser`](wxpay_core::notify::NotificationParser) has verified and decrypted
//! it, [`RefundEvent::from_notification`] (or [`RefundEvent::from_parts`]) gives the typed
//! event:
//!
//! ```
//! use wxpay_settlement::refund::{RefundStatus, notification::RefundEvent};
//!
//! let plaintext = r#"{"mchid":"1900000100","transaction_id":"1008450740201411110005820873",
//!     "out_trade_no":"20150806125346","refund_id":"50200207182018070300011301001",
//!     "out_refund_no":"7752501201407033233368018","refund_status":"SUCCESS",
//!     "success_time":"2018-06-08T10:34:56+08:00","user_received_account":"招商银行信用卡0403",
//!     "amount":{"total":999,"refund":999,"payer_total":999,"payer_refund":999}}"#.as_bytes();
//! let RefundEvent::Success(refund) = RefundEvent::from_parts("REFUND.SUCCESS", plaintext)? else {
//!     panic!("not a success");
//! };
//! assert_eq!(refund.refund_status, RefundStatus::Success);
//! assert_eq!(refund.amount.refund, 999);
//! # Ok::<(), wxpay_core::DecodeError>(())
//! ```
//!
//! The same notification may arrive more than once (dedupe by `out_refund_no` and status)
//! and may never arrive: poll [`QueryRefund`](super::QueryRefund) too.

use serde::Deserialize;
use wxpay_core::{DecodeError, notify::Notification};

use super::RefundStatus;

/// `REFUND.SUCCESS`: 退款成功.
pub const SUCCESS: &str = "REFUND.SUCCESS";
/// `REFUND.ABNORMAL`: 退款异常.
pub const ABNORMAL: &str = "REFUND.ABNORMAL";
/// `REFUND.CLOSED`: 退款关闭.
pub const CLOSED: &str = "REFUND.CLOSED";

/// A decrypted refund notification.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RefundEvent {
    /// `REFUND.SUCCESS`: the money is back with the user.
    Success(Box<RefundNotification>),
    /// `REFUND.ABNORMAL`: the refund failed on the way (e.g. the card was cancelled); see
    /// [`ApplyAbnormalRefund`](super::ApplyAbnormalRefund).
    Abnormal(Box<RefundNotification>),
    /// `REFUND.CLOSED`: the refund was closed.
    Closed(Box<RefundNotification>),
    /// Any other `event_type`, kept as JSON.
    Other {
        /// The `event_type` of the envelope.
        event_type: String,
        /// The decrypted resource.
        resource: serde_json::Value,
    },
}

impl RefundEvent {
    /// Decodes the decrypted `resource` of a notification whose envelope says `event_type`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] (with the JSON path of the failing field) if `plaintext` is not the
    /// JSON that `event_type` promises, or not JSON at all.
    pub fn from_parts(event_type: &str, plaintext: &[u8]) -> Result<Self, DecodeError> {
        use wxpay_core::json::from_slice;

        Ok(match event_type {
            SUCCESS => Self::Success(from_slice(plaintext)?),
            ABNORMAL => Self::Abnormal(from_slice(plaintext)?),
            CLOSED => Self::Closed(from_slice(plaintext)?),
            other => Self::Other { event_type: other.to_owned(), resource: from_slice(plaintext)? },
        })
    }

    /// Decodes a notification that
    /// [`NotificationParser`](wxpay_core::notify::NotificationParser) has verified and
    /// decrypted (parse it with any resource type, e.g. [`serde::de::IgnoredAny`]).
    ///
    /// # Errors
    ///
    /// As [`RefundEvent::from_parts`].
    pub fn from_notification<T>(notification: &Notification<T>) -> Result<Self, DecodeError> {
        Self::from_parts(&notification.event_type, notification.plaintext().as_bytes())
    }

    /// The `event_type`, e.g. `REFUND.SUCCESS`.
    #[must_use]
    pub fn event_type(&self) -> &str {
        match self {
            Self::Success(_) => SUCCESS,
            Self::Abnormal(_) => ABNORMAL,
            Self::Closed(_) => CLOSED,
            Self::Other { event_type, .. } => event_type,
        }
    }

    /// The refund, for the three refund events.
    #[must_use]
    pub fn refund(&self) -> Option<&RefundNotification> {
        match self {
            Self::Success(refund) | Self::Abnormal(refund) | Self::Closed(refund) => Some(refund),
            Self::Other { .. } => None,
        }
    }
}

/// The decrypted resource of a `REFUND.*` notification.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RefundNotification {
    /// 直连商户号 `mchid` (direct mode).
    #[serde(default)]
    pub mchid: Option<String>,
    /// 服务商户号 `sp_mchid` (partner mode).
    #[serde(default)]
    pub sp_mchid: Option<String>,
    /// 子商户号 `sub_mchid` (partner mode): route the event by it.
    #[serde(default)]
    pub sub_mchid: Option<String>,
    /// 商户订单号 `out_trade_no`.
    pub out_trade_no: String,
    /// 微信支付订单号 `transaction_id`.
    pub transaction_id: String,
    /// 商户退款单号 `out_refund_no`.
    pub out_refund_no: String,
    /// 微信支付退款单号 `refund_id`.
    pub refund_id: String,
    /// 退款状态 `refund_status`.
    pub refund_status: RefundStatus,
    /// 退款成功时间 `success_time` (RFC 3339), for `SUCCESS`.
    #[serde(default)]
    pub success_time: Option<String>,
    /// 退款入账账户 `user_received_account`.
    pub user_received_account: String,
    /// 金额信息 `amount`.
    pub amount: NotifiedAmount,
}

/// 金额信息 `amount` of a [`RefundNotification`], in fen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NotifiedAmount {
    /// 订单金额 `total`.
    pub total: u64,
    /// 退款金额 `refund`.
    pub refund: u64,
    /// 用户实际支付金额 `payer_total`.
    pub payer_total: u64,
    /// 用户退款金额 `payer_refund`.
    pub payer_refund: u64,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PARTNER: &str = r#"{"sp_mchid":"1900000100","sub_mchid":"1900000109",
        "transaction_id":"1008450740201411110005820873","out_trade_no":"20150806125346",
        "refund_id":"50200207182018070300011301001","out_refund_no":"7752501201407033233368018",
        "refund_status":"ABNORMAL","user_received_account":"招商银行信用卡0403",
        "amount":{"total":999,"refund":999,"payer_total":999,"payer_refund":999}}"#;

    #[test]
    fn decodes_every_refund_event() {
        let event = RefundEvent::from_parts(ABNORMAL, PARTNER.as_bytes()).unwrap();
        assert_eq!(event.event_type(), ABNORMAL);
        let RefundEvent::Abnormal(refund) = &event else { panic!("{event:?}") };
        assert_eq!(refund.sub_mchid.as_deref(), Some("1900000109"));
        assert_eq!(refund.refund_status, RefundStatus::Abnormal);
        assert_eq!(refund.success_time, None);
        let closed = PARTNER.replace("ABNORMAL", "CLOSED");
        let event = RefundEvent::from_parts(CLOSED, closed.as_bytes()).unwrap();
        assert_eq!(event.refund().map(|r| &r.refund_status), Some(&RefundStatus::Closed));
        let event = RefundEvent::from_parts("REFUND.NEW", br#"{"a":1}"#).unwrap();
        assert_eq!(event.event_type(), "REFUND.NEW");
        assert!(event.refund().is_none());
    }

    #[test]
    fn decode_errors_name_the_field() {
        let bad = PARTNER.replace(r#""refund":999"#, r#""refund":-1"#);
        let err = RefundEvent::from_parts(SUCCESS, bad.as_bytes()).unwrap_err();
        assert_eq!(err.path, "amount.refund");
        assert!(RefundEvent::from_parts(SUCCESS, b"not json").is_err());
    }
}
