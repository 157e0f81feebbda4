//! Typed payloads of the profit-sharing notifications (分账动账通知): `PROFITSHARING.SUCCESS`
//! and `PROFITSHARING.CLOSED`, one per receiver.
//!
//! WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_1_10.shtml> (partner:
//! <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_1_10.shtml>)
//!
//! The envelope's `resource` (`original_type` `profitsharing`) is encrypted with the APIv3
//! key; once wxpay-core's [`NotificationParser`](wxpay_core::notify::NotificationParser) has
//! verified and decrypted it, [`ProfitSharingEvent::from_notification`] gives the typed event.
//!
//! ```
//! use wxpay_settlement::profit_sharing::notification::ProfitSharingEvent;
//!
//! let plaintext = r#"{"mchid":"1900000100","transaction_id":"4200000000000000000000000000",
//!     "order_id":"3008450740201411110007820472","out_order_no":"P20150806125346",
//!     "receiver":{"type":"MERCHANT_ID","account":"1900000109","amount":888,"description":"运费/交易佣金"},
//!     "success_time":"2018-06-08T10:34:56+08:00"}"#.as_bytes();
//! let event = ProfitSharingEvent::from_parts("PROFITSHARING.SUCCESS", plaintext)?;
//! let ProfitSharingEvent::Success(shared) = event else { panic!("not a success") };
//! assert_eq!(shared.receiver.amount, 888);
//! # Ok::<(), wxpay_core::DecodeError>(())
//! ```

use std::fmt;

use serde::Deserialize;
use wxpay_core::{DecodeError, notify::Notification};

use super::{ReceiverType, types::DebugAccount};

/// `PROFITSHARING.SUCCESS`: 分账成功.
pub const SUCCESS: &str = "PROFITSHARING.SUCCESS";
/// `PROFITSHARING.CLOSED`: 分账关闭 (failed, the money stays with the merchant).
pub const CLOSED: &str = "PROFITSHARING.CLOSED";

/// A decrypted profit-sharing notification.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ProfitSharingEvent {
    /// `PROFITSHARING.SUCCESS`: the receiver got its share.
    Success(Box<ProfitSharingNotification>),
    /// `PROFITSHARING.CLOSED`: the share to this receiver was closed.
    Closed(Box<ProfitSharingNotification>),
    /// Any other `event_type`, kept as JSON.
    Other {
        /// The `event_type` of the envelope.
        event_type: String,
        /// The decrypted resource.
        resource: serde_json::Value,
    },
}

impl ProfitSharingEvent {
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
            CLOSED => Self::Closed(from_slice(plaintext)?),
            other => Self::Other { event_type: other.to_owned(), resource: from_slice(plaintext)? },
        })
    }

    /// Decodes a notification that
    /// [`NotificationParser`](wxpay_core::notify::NotificationParser) has verified and
    /// decrypted.
    ///
    /// # Errors
    ///
    /// As [`ProfitSharingEvent::from_parts`].
    pub fn from_notification<T>(notification: &Notification<T>) -> Result<Self, DecodeError> {
        Self::from_parts(&notification.event_type, notification.plaintext().as_bytes())
    }

    /// The `event_type`, e.g. `PROFITSHARING.SUCCESS`.
    #[must_use]
    pub fn event_type(&self) -> &str {
        match self {
            Self::Success(_) => SUCCESS,
            Self::Closed(_) => CLOSED,
            Self::Other { event_type, .. } => event_type,
        }
    }
}

/// The decrypted resource of a `PROFITSHARING.*` notification.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ProfitSharingNotification {
    /// 直连商户号 `mchid` (direct mode).
    #[serde(default)]
    pub mchid: Option<String>,
    /// 服务商商户号 `sp_mchid` (partner mode).
    #[serde(default)]
    pub sp_mchid: Option<String>,
    /// 子商户号 `sub_mchid` (partner mode).
    #[serde(default)]
    pub sub_mchid: Option<String>,
    /// 微信订单号 `transaction_id`.
    pub transaction_id: String,
    /// 微信分账/回退单号 `order_id`.
    pub order_id: String,
    /// 商户分账/回退单号 `out_order_no`.
    pub out_order_no: String,
    /// 分账接收方 `receiver`.
    pub receiver: NotifiedReceiver,
    /// 成功时间 `success_time` (RFC 3339).
    pub success_time: String,
}

/// 分账接收方 `receiver` of a [`ProfitSharingNotification`]. `Debug` hides an openid
/// `account`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NotifiedReceiver {
    /// 分账接收方类型 `type`.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// 分账接收方账号 `account`.
    pub account: String,
    /// 分账动账金额 `amount`, in fen.
    pub amount: u64,
    /// 分账/回退描述 `description`.
    pub description: String,
}

impl fmt::Debug for NotifiedReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotifiedReceiver")
            .field("kind", &self.kind)
            .field("account", &DebugAccount(&self.kind, &self.account))
            .field("amount", &self.amount)
            .field("description", &self.description)
            .finish()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PARTNER: &str = r#"{"sp_mchid":"1900000100","sub_mchid":"1900000109",
        "transaction_id":"4200000000000000000000000000","order_id":"3008450740201411110007820472",
        "out_order_no":"P20150806125346","receiver":{"type":"PERSONAL_OPENID",
        "account":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","amount":888,"description":"运费/交易佣金"},
        "success_time":"2018-06-08T10:34:56+08:00"}"#;

    #[test]
    fn decodes_the_events() {
        let event = ProfitSharingEvent::from_parts(CLOSED, PARTNER.as_bytes()).unwrap();
        assert_eq!(event.event_type(), CLOSED);
        assert!(!format!("{event:?}").contains("oUpF8"), "openid redacted");
        let ProfitSharingEvent::Closed(closed) = event else { panic!() };
        assert_eq!(closed.sub_mchid.as_deref(), Some("1900000109"));
        assert_eq!(closed.receiver.kind, ReceiverType::PersonalOpenid);
        let other = ProfitSharingEvent::from_parts("PROFITSHARING.X", b"{}").unwrap();
        assert_eq!(other.event_type(), "PROFITSHARING.X");
        let err =
            ProfitSharingEvent::from_parts(SUCCESS, br#"{"transaction_id":"1"}"#).unwrap_err();
        assert!(err.to_string().contains("order_id"), "{err}");
    }
}
