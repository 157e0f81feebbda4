//! Cross-border PayScore (境外, `v3/payscore/oversea/partner/...`) notifications:
//! `PAYSCORE.USER_CONFIRM` and `PAYSCORE.USER_PAID` carrying the cross-border order.
//!
//! The event names are the mainland's, but the order differs (RFC 3339 times, `currency`,
//! `currency_rate_info`), so it decodes into [`OverseaServiceOrder`], not
//! [`OrderNotification`](super::OrderNotification). An institution knows which notify URL it
//! gave the cross-border orders: decode what arrives there with [`OverseaEvent`].
//!
//! Official docs: <https://pay.weixin.qq.com/doc/global/v3/zh/4014096520> (确认订单回调通知)

use std::fmt;

use wxpay_core::{DecodeError, notify::Notification};

use super::{USER_CONFIRM, USER_PAID, redact_json};
use crate::oversea::partner::service_order::OverseaServiceOrder;

/// A decrypted cross-border PayScore notification.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum OverseaEvent {
    /// `PAYSCORE.USER_CONFIRM`: the user confirmed the order; it is `DOING` / `USER_CONFIRM`.
    UserConfirm(Box<OverseaServiceOrder>),
    /// `PAYSCORE.USER_PAID`: a charge succeeded; `collection` has the payment.
    UserPaid(Box<OverseaServiceOrder>),
    /// Any other event, kept as JSON (`Debug` redacts personal fields in it).
    Other {
        /// The `event_type` of the envelope.
        event_type: String,
        /// The decrypted resource.
        resource: serde_json::Value,
    },
}

impl OverseaEvent {
    /// Decodes the decrypted `resource` of a notification whose envelope says `event_type`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] (with the JSON path of the failing field) if `plaintext` is not the
    /// cross-border order that `event_type` promises, or not JSON at all.
    pub fn from_parts(event_type: &str, plaintext: &[u8]) -> Result<Self, DecodeError> {
        use wxpay_core::json::from_slice;

        Ok(match event_type {
            USER_CONFIRM => Self::UserConfirm(from_slice(plaintext)?),
            USER_PAID => Self::UserPaid(from_slice(plaintext)?),
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
    /// As [`OverseaEvent::from_parts`].
    pub fn from_notification<T>(notification: &Notification<T>) -> Result<Self, DecodeError> {
        Self::from_parts(&notification.event_type, notification.plaintext().as_bytes())
    }

    /// The `event_type`, e.g. `PAYSCORE.USER_PAID`.
    #[must_use]
    pub fn event_type(&self) -> &str {
        match self {
            Self::UserConfirm(_) => USER_CONFIRM,
            Self::UserPaid(_) => USER_PAID,
            Self::Other { event_type, .. } => event_type,
        }
    }

    /// The sub-merchant the event is about, to route it.
    #[must_use]
    pub fn sub_mchid(&self) -> Option<&str> {
        match self {
            Self::UserConfirm(order) | Self::UserPaid(order) => Some(&order.sub_mchid),
            Self::Other { resource, .. } => resource.get("sub_mchid").and_then(|v| v.as_str()),
        }
    }
}

impl fmt::Debug for OverseaEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UserConfirm(order) => f.debug_tuple("UserConfirm").field(order).finish(),
            Self::UserPaid(order) => f.debug_tuple("UserPaid").field(order).finish(),
            Self::Other { event_type, resource } => f
                .debug_struct("Other")
                .field("event_type", event_type)
                .field("resource", &redact_json(resource))
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CollectionState, ServiceOrderState, notification::PayScoreEvent};

    /// A paid cross-border order as the notification carries it (RFC 3339 times, HKD).
    const PAID: &str = r#"{"out_order_no":"1234323JKHDFE1243252",
        "service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787",
        "mchid":"1230000109","sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109",
        "service_introduction":"XX充电宝","state":"DONE","total_amount":39900,
        "need_collection":true,
        "collection":{"state":"USER_PAID","total_amount":39900,"paying_amount":0,
          "paid_amount":39900,"details":[{"seq":1,"amount":39900,"paid_type":"NEWTON",
          "paid_time":"2024-01-01T13:00:00+08:00","transaction_id":"15646546545165651651"}]},
        "time_range":{"start_time":"2024-01-01T09:10:10+08:00","end_time":"2024-01-01T12:10:10+08:00"},
        "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","order_id":"15646546545165651651",
        "currency":"HKD"}"#;

    #[test]
    fn decodes_a_cross_border_order_that_the_mainland_type_refuses() {
        let event = OverseaEvent::from_parts(USER_PAID, PAID.as_bytes()).unwrap();
        assert_eq!(event.event_type(), USER_PAID);
        assert_eq!(event.sub_mchid(), Some("1900000109"));
        let OverseaEvent::UserPaid(order) = &event else { panic!("{event:?}") };
        assert_eq!(order.state, ServiceOrderState::Done);
        assert_eq!(order.currency.as_deref(), Some("HKD"));
        assert_eq!(order.collection.as_ref().map(|c| &c.state), Some(&CollectionState::UserPaid));
        // The mainland payload wants `yyyyMMddHHmmss`: it refuses the RFC 3339 times.
        assert!(PayScoreEvent::from_parts(USER_PAID, PAID.as_bytes()).is_err());
    }

    #[test]
    fn debug_redacts_the_openid_and_other_events_stay_json() {
        let event = OverseaEvent::from_parts(USER_CONFIRM, PAID.as_bytes()).unwrap();
        let shown = format!("{event:?}");
        assert!(!shown.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{shown}");
        let other = OverseaEvent::from_parts("PAYSCORE.NEW", PAID.as_bytes()).unwrap();
        assert_eq!(other.sub_mchid(), Some("1900000109"));
        assert!(!format!("{other:?}").contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        assert!(OverseaEvent::from_parts(USER_PAID, b"{}").is_err());
    }
}
