//! Decode tests of every notification payload against WeChat's documented fields.
#![allow(clippy::unwrap_used)]

use wxpay_core::OutOrderNo;

use super::*;
use crate::{
    Amount, CollectionState, PaidType, ServiceOrderState, StartTime, StateDescription,
    UserServiceStatus,
};

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
    let event = PayScoreEvent::from_parts(USER_CONFIRM, USER_CONFIRM_PLAINTEXT.as_bytes()).unwrap();
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
    let open =
        PayScoreEvent::from_parts(USER_OPEN_SERVICE, OPEN_SERVICE_PLAINTEXT.as_bytes()).unwrap();
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
        "PAYSCORE.SOMETHING_NEW",
        br#"{"sub_mchid":"1900000109","openid":"o-1","plan":{"sub_openid":"o-2"}}"#,
    )
    .unwrap();
    assert_eq!(event.event_type(), "PAYSCORE.SOMETHING_NEW");
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
