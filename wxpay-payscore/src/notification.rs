//! Typed payloads of the PayScore notifications (protocol §9.5).
//!
//! WeChat Pay POSTs a signed, encrypted envelope to the `notify_url`. Once wxpay-core has
//! verified and decrypted it, [`PayScoreEvent::from_parts`] turns its `event_type` and the
//! decrypted `resource` into a typed event:
//!
//! ```
//! use wxpay_payscore::notification::PayScoreEvent;
//!
//! let plaintext = br#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","service_id":"500001",
//!     "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","user_service_status":"USER_OPEN_SERVICE",
//!     "openorclose_time":"20180225112233","out_request_no":"1234323JKHDFE1243252"}"#;
//! match PayScoreEvent::from_parts("PAYSCORE.USER_OPEN_SERVICE", plaintext)? {
//!     PayScoreEvent::UserOpenService(authorization) => {
//!         assert_eq!(authorization.out_request_no.as_deref(), Some("1234323JKHDFE1243252"));
//!     }
//!     other => panic!("unexpected {other:?}"),
//! }
//! # Ok::<(), wxpay_core::DecodeError>(())
//! ```
//!
//! With wxpay-core's [`NotificationParser`](wxpay_core::notify::NotificationParser), parse the
//! envelope with any resource type and hand the result to
//! [`PayScoreEvent::from_notification`].
//!
//! The same notification may arrive more than once (dedupe by order and event), and may
//! never arrive: poll the query endpoints too. In partner mode one URL receives every
//! sub-merchant's events; route them by [`PayScoreEvent::sub_mchid`]. `Debug` of every
//! payload redacts `openid` and `sub_openid`.

use std::fmt;

use serde::{Deserialize, Serialize};
use wxpay_core::{DecodeError, OutOrderNo, notify::Notification};

use crate::types::{
    Amount, Collection, Discount, Location, Payment, RiskFund, ServiceOrderState, ServiceTime,
    StartTime, StateDescription, TimeRange, UserServiceStatus, redacted_debug,
};

/// `PAYSCORE.USER_CONFIRM`: the user confirmed an order (需确认 mode).
pub const USER_CONFIRM: &str = "PAYSCORE.USER_CONFIRM";
/// `PAYSCORE.USER_PAID`: a charge succeeded (may come once per deduction).
pub const USER_PAID: &str = "PAYSCORE.USER_PAID";
/// `PAYSCORE.USER_OPEN_SERVICE`: the user authorized the service.
pub const USER_OPEN_SERVICE: &str = "PAYSCORE.USER_OPEN_SERVICE";
/// `PAYSCORE.USER_CLOSE_SERVICE`: the user revoked the authorization.
pub const USER_CLOSE_SERVICE: &str = "PAYSCORE.USER_CLOSE_SERVICE";
/// `PAYSCORE.USER_ACCEPTED`: the user accepted an order (older confirmation event).
pub const USER_ACCEPTED: &str = "PAYSCORE.USER_ACCEPTED";

/// A decrypted PayScore notification.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum PayScoreEvent {
    /// `PAYSCORE.USER_CONFIRM`: the user confirmed the order; it is `DOING` /
    /// `USER_CONFIRM`.
    UserConfirm(Box<OrderNotification>),
    /// `PAYSCORE.USER_PAID`: a charge succeeded; `collection` has the payment. Can arrive
    /// more than once for an order paid in several deductions: accumulate `paid_amount` and
    /// keep every `transaction_id`.
    UserPaid(Box<OrderNotification>),
    /// `PAYSCORE.USER_OPEN_SERVICE`: the user authorized the service.
    UserOpenService(Box<AuthorizationNotification>),
    /// `PAYSCORE.USER_CLOSE_SERVICE`: the user revoked the authorization.
    UserCloseService(Box<AuthorizationNotification>),
    /// `PAYSCORE.USER_ACCEPTED`: the user accepted an order (older confirmation event).
    UserAccepted(Box<UserAcceptedNotification>),
    /// Any other event, kept as JSON (`Debug` redacts `openid` and `sub_openid` in it).
    Other {
        /// The `event_type` of the envelope.
        event_type: String,
        /// The decrypted resource.
        resource: serde_json::Value,
    },
}

impl PayScoreEvent {
    /// Decodes the decrypted `resource` of a notification whose envelope says `event_type`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] (with the JSON path of the failing field) if `plaintext` is not the
    /// JSON that `event_type` promises, or not JSON at all.
    pub fn from_parts(event_type: &str, plaintext: &[u8]) -> Result<Self, DecodeError> {
        use wxpay_core::json::from_slice;

        Ok(match event_type {
            USER_CONFIRM => Self::UserConfirm(from_slice(plaintext)?),
            USER_PAID => Self::UserPaid(from_slice(plaintext)?),
            USER_OPEN_SERVICE => Self::UserOpenService(from_slice(plaintext)?),
            USER_CLOSE_SERVICE => Self::UserCloseService(from_slice(plaintext)?),
            USER_ACCEPTED => Self::UserAccepted(from_slice(plaintext)?),
            _ => {
                Self::Other { event_type: event_type.to_owned(), resource: from_slice(plaintext)? }
            }
        })
    }

    /// Decodes a notification that
    /// [`NotificationParser`](wxpay_core::notify::NotificationParser) has verified and
    /// decrypted (parse it with any resource type, e.g. [`serde::de::IgnoredAny`]).
    ///
    /// # Errors
    ///
    /// As [`PayScoreEvent::from_parts`].
    pub fn from_notification<T>(notification: &Notification<T>) -> Result<Self, DecodeError> {
        Self::from_parts(&notification.event_type, notification.plaintext().as_bytes())
    }

    /// The `event_type`, e.g. `PAYSCORE.USER_PAID`.
    #[must_use]
    pub fn event_type(&self) -> &str {
        match self {
            Self::UserConfirm(_) => USER_CONFIRM,
            Self::UserPaid(_) => USER_PAID,
            Self::UserOpenService(_) => USER_OPEN_SERVICE,
            Self::UserCloseService(_) => USER_CLOSE_SERVICE,
            Self::UserAccepted(_) => USER_ACCEPTED,
            Self::Other { event_type, .. } => event_type,
        }
    }

    /// The sub-merchant the event is about (partner mode), to route it.
    #[must_use]
    pub fn sub_mchid(&self) -> Option<&str> {
        match self {
            Self::UserConfirm(order) | Self::UserPaid(order) => order.sub_mchid.as_deref(),
            Self::UserOpenService(auth) | Self::UserCloseService(auth) => auth.sub_mchid.as_deref(),
            Self::UserAccepted(accepted) => accepted.sub_mchid.as_deref(),
            Self::Other { resource, .. } => resource.get("sub_mchid").and_then(|v| v.as_str()),
        }
    }
}

impl fmt::Debug for PayScoreEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UserConfirm(order) => f.debug_tuple("UserConfirm").field(order).finish(),
            Self::UserPaid(order) => f.debug_tuple("UserPaid").field(order).finish(),
            Self::UserOpenService(auth) => f.debug_tuple("UserOpenService").field(auth).finish(),
            Self::UserCloseService(auth) => f.debug_tuple("UserCloseService").field(auth).finish(),
            Self::UserAccepted(accepted) => f.debug_tuple("UserAccepted").field(accepted).finish(),
            Self::Other { event_type, resource } => f
                .debug_struct("Other")
                .field("event_type", event_type)
                .field("resource", &redact_json(resource))
                .finish(),
        }
    }
}

/// A copy of `value` with every `openid` / `sub_openid` value replaced by `<redacted>`.
fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;

    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let value = if matches!(key.as_str(), "openid" | "sub_openid") {
                        Value::from("<redacted>")
                    } else {
                        redact_json(value)
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

/// The order carried by `PAYSCORE.USER_CONFIRM` and `PAYSCORE.USER_PAID`.
///
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderNotification {
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
    /// Channel merchant id given at creation (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The merchant's order number (商户服务订单号).
    pub out_order_no: OutOrderNo,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The user's openid under `appid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// Order state: `DOING` for `USER_CONFIRM`, `DONE` once paid.
    pub state: ServiceOrderState,
    /// What a `DOING` order is doing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_description: Option<StateDescription>,
    /// What the service is (服务信息).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_introduction: Option<String>,
    /// Total amount (总金额).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Amount>,
    /// Fee items (后付费项目).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_payments: Vec<Payment>,
    /// Merchant discounts (商户优惠).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub post_discounts: Vec<Discount>,
    /// Risk fund (服务风险金).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_fund: Option<RiskFund>,
    /// Service period (服务时间段).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_range: Option<TimeRange<StartTime>>,
    /// Service location (服务位置).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The merchant's data given at creation (商户数据包).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// WeChat's order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Whether WeChat collects payment for the order (是否需要收款).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_collection: Option<bool>,
    /// Payment record (收款信息); on `USER_PAID`, the payment that succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<Collection>,
}

redacted_debug!(OrderNotification {
    appid, mchid, sub_appid, sub_mchid, channel_id, out_order_no, service_id, state,
    state_description, service_introduction, total_amount, post_payments, post_discounts,
    risk_fund, time_range, location, attach, order_id, need_collection, collection,
} redact { openid, sub_openid });

/// The authorization carried by `PAYSCORE.USER_OPEN_SERVICE` and
/// `PAYSCORE.USER_CLOSE_SERVICE`.
///
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationNotification {
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
    /// Channel merchant id given at authorization (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The user's openid under `appid`. Personal data.
    pub openid: String,
    /// The user's openid under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// `USER_OPEN_SERVICE` or `USER_CLOSE_SERVICE`.
    pub user_service_status: UserServiceStatus,
    /// When the authorization was granted or revoked (服务开启/解除授权时间),
    /// `yyyyMMddHHmmss`.
    pub openorclose_time: ServiceTime,
    /// The merchant's agreement number given at pre-authorization (授权协议号); absent
    /// without pre-authorization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    /// The merchant's request number given when authorizing (商户请求唯一标识).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_request_no: Option<String>,
}

redacted_debug!(AuthorizationNotification {
    appid, mchid, sub_appid, sub_mchid, channel_id, service_id, user_service_status,
    openorclose_time, authorization_code, out_request_no,
} redact { openid, sub_openid });

/// The payload of the older `PAYSCORE.USER_ACCEPTED` event: the authorization fields plus
/// the order it concerns. Sparsely documented, so everything beyond the ids is optional.
///
/// `Debug` redacts `openid` and `sub_openid`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserAcceptedNotification {
    /// App ID.
    pub appid: String,
    /// Merchant id.
    pub mchid: String,
    /// Sub-merchant app ID (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// Sub-merchant id (partner mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// Channel merchant id (渠道商商户号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// PayScore service id (服务ID).
    pub service_id: String,
    /// The merchant's order number (商户服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_order_no: Option<OutOrderNo>,
    /// WeChat's order number (微信支付服务订单号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The user's openid under `appid`. Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// The user's openid under `sub_appid` (partner mode). Personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    /// Authorization state change, when the event carries one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_service_status: Option<UserServiceStatus>,
    /// When the authorization was granted or revoked, `yyyyMMddHHmmss`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openorclose_time: Option<ServiceTime>,
    /// The merchant's agreement number (授权协议号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    /// The merchant's request number (商户请求唯一标识).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_request_no: Option<String>,
}

redacted_debug!(UserAcceptedNotification {
    appid, mchid, sub_appid, sub_mchid, channel_id, service_id, out_order_no, order_id,
    user_service_status, openorclose_time, authorization_code, out_request_no,
} redact { openid, sub_openid });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{CollectionState, PaidType};

    const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    const USER_CONFIRM_PLAINTEXT: &str = r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109",
        "sub_appid":"wxd678efh567hg6999","sub_mchid":"1900000109","out_order_no":"1234323JKHDFE1243252",
        "service_id":"2002000000000558128851361561536","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","state":"DOING","state_description":"USER_CONFIRM",
        "service_introduction":"XX充电宝","post_payments":[{"name":"充电宝费用","amount":0,"description":"充电宝租借","count":1}],
        "risk_fund":{"name":"DEPOSIT","amount":9900,"description":"押金"},
        "time_range":{"start_time":"OnAccept","end_time":"20200102121010"},
        "location":{"start_location":"嗨客时尚主题展餐厅"},"attach":"a%3Db","order_id":"15646546545165651651",
        "need_collection":true}"#;

    const USER_PAID_PLAINTEXT: &str = r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109",
        "out_order_no":"1234323JKHDFE1243252","service_id":"2002000000000558128851361561536",
        "openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","state":"DONE","service_introduction":"XX充电宝",
        "total_amount":39900,"post_payments":[{"name":"就餐费用","amount":40000,"description":"就餐人均100元","count":4}],
        "post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100}],
        "risk_fund":{"name":"ESTIMATE_ORDER_COST","amount":50000},
        "time_range":{"start_time":"20091225091010","end_time":"20091225121010"},
        "order_id":"15646546545165651651","need_collection":true,
        "collection":{"state":"USER_PAID","total_amount":39900,"paying_amount":0,"paid_amount":39900,
            "details":[{"seq":1,"amount":39900,"paid_type":"NEWTON","paid_time":"20091225121110",
                "transaction_id":"4200000000201912251234567890"}]}}"#;

    const OPEN_SERVICE_PLAINTEXT: &str = r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109",
        "out_request_no":"1234323JKHDFE1243252","service_id":"500001","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "user_service_status":"USER_OPEN_SERVICE","openorclose_time":"20180225112233","authorization_code":"AUTH-1"}"#;

    #[test]
    fn decodes_user_confirm() {
        let event =
            PayScoreEvent::from_parts(USER_CONFIRM, USER_CONFIRM_PLAINTEXT.as_bytes()).unwrap();
        assert_eq!(event.event_type(), USER_CONFIRM);
        assert_eq!(event.sub_mchid(), Some("1900000109"));
        let PayScoreEvent::UserConfirm(order) = event else { panic!("{event:?}") };
        assert_eq!(order.state, ServiceOrderState::Doing);
        assert_eq!(order.state_description, Some(StateDescription::UserConfirm));
        assert_eq!(order.out_order_no, "1234323JKHDFE1243252");
        assert_eq!(order.time_range.as_ref().and_then(|r| r.start_time), Some(StartTime::OnAccept));
        assert_eq!(order.post_payments[0].amount, Some(Amount::ZERO));
        assert_eq!(order.collection, None);
    }

    #[test]
    fn decodes_user_paid() {
        let event = PayScoreEvent::from_parts(USER_PAID, USER_PAID_PLAINTEXT.as_bytes()).unwrap();
        assert_eq!(event.sub_mchid(), None);
        let PayScoreEvent::UserPaid(order) = event else { panic!("{event:?}") };
        assert_eq!(order.state, ServiceOrderState::Done);
        let collection = order.collection.as_ref().unwrap();
        assert_eq!(collection.state, CollectionState::UserPaid);
        assert_eq!(collection.paid_amount, Some(Amount::fen(39_900)));
        assert_eq!(collection.details[0].paid_type, Some(PaidType::Newton));
        assert_eq!(
            collection.details[0].transaction_id.as_deref(),
            Some("4200000000201912251234567890")
        );
    }

    #[test]
    fn decodes_authorization_events() {
        let open = PayScoreEvent::from_parts(USER_OPEN_SERVICE, OPEN_SERVICE_PLAINTEXT.as_bytes())
            .unwrap();
        let PayScoreEvent::UserOpenService(auth) = &open else { panic!("{open:?}") };
        assert_eq!(auth.user_service_status, UserServiceStatus::UserOpenService);
        assert_eq!(auth.openorclose_time.to_string(), "20180225112233");
        assert_eq!(auth.authorization_code.as_deref(), Some("AUTH-1"));
        assert_eq!(auth.openid, OPENID);

        let close = OPEN_SERVICE_PLAINTEXT.replace("USER_OPEN_SERVICE", "USER_CLOSE_SERVICE");
        let close = PayScoreEvent::from_parts(USER_CLOSE_SERVICE, close.as_bytes()).unwrap();
        let PayScoreEvent::UserCloseService(auth) = &close else { panic!("{close:?}") };
        assert_eq!(auth.user_service_status, UserServiceStatus::UserCloseService);
        assert_eq!(close.event_type(), USER_CLOSE_SERVICE);
    }

    #[test]
    fn decodes_user_accepted() {
        let plaintext = r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","service_id":"500001",
            "out_order_no":"1234323JKHDFE1243252","order_id":"15646546545165651651","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#;
        let event = PayScoreEvent::from_parts(USER_ACCEPTED, plaintext.as_bytes()).unwrap();
        let PayScoreEvent::UserAccepted(accepted) = &event else { panic!("{event:?}") };
        assert_eq!(
            accepted.out_order_no.as_ref().map(OutOrderNo::as_str),
            Some("1234323JKHDFE1243252")
        );
        assert_eq!(accepted.user_service_status, None);
    }

    #[test]
    fn unknown_events_are_kept_as_json() {
        let event = PayScoreEvent::from_parts(
            "PAYSCORE.USER_SIGN_PLAN",
            br#"{"sub_mchid":"1900000109","openid":"o-1","plan":{"sub_openid":"o-2"}}"#,
        )
        .unwrap();
        assert_eq!(event.event_type(), "PAYSCORE.USER_SIGN_PLAN");
        assert_eq!(event.sub_mchid(), Some("1900000109"));
        let debug = format!("{event:?}");
        assert!(!debug.contains("o-1") && !debug.contains("o-2"), "{debug}");
        let PayScoreEvent::Other { resource, .. } = event else { panic!() };
        assert_eq!(resource["openid"], "o-1", "the value itself is intact");
    }

    #[test]
    fn decode_errors_name_the_field() {
        let err = PayScoreEvent::from_parts(USER_PAID, br#"{"appid":"wx","mchid":"1","out_order_no":"A1",
            "service_id":"1","state":"DONE","collection":{"state":"USER_PAID","details":[{"amount":-1}]}}"#)
        .unwrap_err();
        assert_eq!(err.path, "collection.details[0].amount");
        let err = PayScoreEvent::from_parts(USER_OPEN_SERVICE, br#"{"appid":"wx"}"#).unwrap_err();
        assert!(err.to_string().contains("invalid JSON"), "{err}");
        assert!(PayScoreEvent::from_parts("ANYTHING", b"not json").is_err());
    }

    #[test]
    fn decodes_a_verified_notification() {
        use wxpay_core::{
            ApiV3Key, PublicKey, PublicKeyId, TrustStore, aead::EncryptedResource,
            notify::NotificationParser,
        };

        use crate::test_support::{PUBLIC_KEY_ID, PUBLIC_KEY_PEM, signed_headers};

        let key = ApiV3Key::new("0123456789abcdef0123456789abcdef").unwrap();
        let resource: EncryptedResource = key
            .encrypt("0123456789ab", "payscore", USER_PAID_PLAINTEXT.as_bytes())
            .unwrap()
            .with_original_type("payscore");
        let body = serde_json::json!({
            "id": "EV-2018022511223320873",
            "create_time": "2019-07-30T16:36:59+08:00",
            "event_type": USER_PAID,
            "resource_type": "encrypt-resource",
            "summary": "支付成功",
            "resource": resource,
        })
        .to_string();
        let trust = TrustStore::with_public_key(
            PublicKeyId::new(PUBLIC_KEY_ID).unwrap(),
            PublicKey::from_pem(PUBLIC_KEY_PEM).unwrap(),
        );
        let parser = NotificationParser::new(trust, key);
        let notification = parser
            .parse::<serde::de::IgnoredAny>(&signed_headers(body.as_bytes()), body.as_bytes())
            .unwrap();
        let event = PayScoreEvent::from_notification(&notification).unwrap();
        let PayScoreEvent::UserPaid(order) = event else { panic!("{event:?}") };
        assert_eq!(order.total_amount, Some(Amount::fen(39_900)));
    }

    #[test]
    fn debug_redacts_openids() {
        for (event_type, plaintext) in [
            (USER_CONFIRM, USER_CONFIRM_PLAINTEXT),
            (USER_PAID, USER_PAID_PLAINTEXT),
            (USER_OPEN_SERVICE, OPEN_SERVICE_PLAINTEXT),
        ] {
            let event = PayScoreEvent::from_parts(event_type, plaintext.as_bytes()).unwrap();
            let debug = format!("{event:?}");
            assert!(!debug.contains(OPENID), "{debug}");
            assert!(debug.contains("<redacted>"), "{debug}");
        }
    }
}
