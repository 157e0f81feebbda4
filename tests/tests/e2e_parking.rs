//! End to end over loopback HTTP: PayScore parking (微信支付分停车) against the simulator,
//! direct and partner on the same paths: the plate's service, an entry, its state change
//! (`VEHICLE.ENTRANCE_STATE_CHANGE`), the charge (`ACCEPTED`, then `TRANSACTION.SUCCESS` or
//! `TRANSACTION.FAIL`), and the query. Every notification is verified, decrypted and decoded
//! into `ParkingEvent`.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use serde::de::IgnoredAny;
use support::{APPID, Receiver, SUB_APPID, SUB_MCHID, api_code, client};
use wxpay_mock::{MockServer, ParkingUser};
use wxpay_payscore::{
    Amount,
    notification::{self, ParkingEvent},
    vehicle::{
        ParkingAmount, ParkingInfo, ParkingTradeState, PlateColor,
        parking::{
            CreateParking, CreatePartnerParking, FindParkingService, FindPartnerParkingService,
            ParkingBlockReason, ParkingServiceState, ParkingState,
        },
        transactions::{
            ChargeParking, ChargePartnerParking, QueryParkingTransaction,
            QueryPartnerParkingTransaction,
        },
    },
};

const PLATE: &str = "粤B888888";
const OPENID: &str = "oUpF8uMuAJOM2pxb1Q";

/// Verifies and decrypts the `n`-th notification the inbox got.
fn event(server: &MockServer, inbox: &Receiver, n: usize) -> ParkingEvent {
    let received = &inbox.received()[n];
    let parser = server.notification_parser().expect("parser");
    let notification = parser
        .parse::<IgnoredAny>(&received.headers, &received.body)
        .expect("verified notification");
    ParkingEvent::from_notification(&notification).expect("parking event")
}

fn entry(out_parking_no: &str, notify_url: &str) -> CreateParking {
    CreateParking::builder()
        .out_parking_no(out_parking_no)
        .plate_number(PLATE)
        .plate_color(PlateColor::Blue)
        .notify_url(notify_url)
        .start_time("2024-01-01T10:00:00+08:00".parse().expect("time"))
        .parking_name("欢乐海岸停车场")
        .free_duration(3600)
        .build()
}

fn info(parking_id: &str) -> ParkingInfo {
    ParkingInfo::builder()
        .parking_id(parking_id)
        .plate_number(PLATE)
        .plate_color(PlateColor::Blue)
        .start_time("2024-01-01T10:00:00+08:00".parse().expect("time"))
        .end_time("2024-01-01T12:00:00+08:00".parse().expect("time"))
        .parking_name("欢乐海岸停车场")
        .charging_duration(3600)
        .device_id("12313")
        .build()
}

fn charge(out_trade_no: &str, parking_id: &str, notify_url: &str) -> ChargeParking {
    ChargeParking::builder()
        .appid(APPID)
        .description("停车场扣费")
        .attach("深圳分店")
        .out_trade_no(out_trade_no)
        .notify_url(notify_url)
        .amount(ParkingAmount::builder().total(Amount::fen(888)).currency("CNY").build())
        .parking_info(info(parking_id))
        .build()
}

#[tokio::test]
async fn direct_parking_from_entry_to_paid_charge() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);

    let find = FindParkingService::builder()
        .appid(APPID)
        .plate_number(PLATE)
        .plate_color(PlateColor::Blue)
        .openid(OPENID)
        .build();
    let service = find.execute(&client).await.expect("find before opening");
    assert_eq!(service.service_state, ParkingServiceState::OutService);
    assert_eq!(service.service_open_time, None);

    server.set_parking_user(&ParkingUser::new(PLATE, "BLUE", OPENID)).expect("open the service");
    let service = find.execute(&client).await.expect("find");
    assert_eq!(service.service_state, ParkingServiceState::Normal);
    assert_eq!(service.openid, OPENID);
    assert!(service.service_open_time.is_some());

    let parking = entry("P-DIRECT-1", &inbox.url).execute(&client).await.expect("enter");
    assert_eq!(parking.state, ParkingState::Normal);
    assert_eq!(parking.out_parking_no, "P-DIRECT-1");
    assert_eq!(parking.block_reason, None);
    // The same entry again answers the same parking; other parameters are refused.
    let again = entry("P-DIRECT-1", &inbox.url).execute(&client).await.expect("repeat");
    assert_eq!(again.id, parking.id);
    let mut different = entry("P-DIRECT-1", &inbox.url);
    different.free_duration = 1;
    let err = different.execute(&client).await.expect_err("different parameters");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");

    let accepted =
        charge("T-DIRECT-1", &parking.id, &inbox.url).execute(&client).await.expect("charge");
    assert_eq!(accepted.trade_state, ParkingTradeState::Accepted);
    assert_eq!(accepted.out_trade_no, "T-DIRECT-1");
    assert_eq!(accepted.payer.openid, OPENID);
    assert_eq!(accepted.amount.total, Amount::fen(888));
    assert_eq!(accepted.success_time, None);
    let query = QueryParkingTransaction::builder().out_trade_no("T-DIRECT-1").build();
    assert_eq!(
        query.execute(&client).await.expect("query").trade_state,
        ParkingTradeState::Accepted
    );

    // A parking is charged once.
    let err = charge("T-DIRECT-2", &parking.id, &inbox.url)
        .execute(&client)
        .await
        .expect_err("second charge of the parking");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");

    server.pay_parking("T-DIRECT-1", None).expect("WeChat charges the user");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        ParkingEvent::TransactionSuccess(t) => {
            assert_eq!(t.out_trade_no, "T-DIRECT-1");
            assert_eq!(t.trade_state, notification::ParkingTradeState::Success);
            assert_eq!(t.appid.as_deref(), Some(APPID));
            assert_eq!(t.mchid.as_deref(), Some(server.credentials().mchid.as_str()));
            assert_eq!(t.sub_mchid, None);
            assert_eq!(t.attach.as_deref(), Some("深圳分店"));
            assert!(t.success_time.is_some());
            assert_eq!(t.payer.and_then(|p| p.openid).as_deref(), Some(OPENID));
            let info = t.parking_info.expect("parking_info");
            assert_eq!(info.parking_id.as_deref(), Some(parking.id.as_str()));
            assert_eq!(info.plate_number.as_deref(), Some(PLATE));
            assert_eq!(t.amount.and_then(|a| a.total), Some(Amount::fen(888)));
        }
        other => panic!("expected TRANSACTION.SUCCESS, got {other:?}"),
    }
    let paid = query.execute(&client).await.expect("query after payment");
    assert_eq!(paid.trade_state, ParkingTradeState::Success);
    assert_eq!(paid.amount.payer_total, Some(Amount::fen(888)));
    assert_eq!(paid.attach.as_deref(), Some("深圳分店"));
    assert!(server.pay_parking("T-DIRECT-1", None).is_err(), "paid twice");

    let err = QueryParkingTransaction::builder()
        .out_trade_no("NO-SUCH-TRADE")
        .build()
        .execute(&client)
        .await
        .expect_err("unknown charge");
    assert_eq!(api_code(&err).0, 404);
}

#[tokio::test]
async fn entrance_state_follows_the_users_service() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);

    // Unknown plate: the entry is blocked.
    let blocked = entry("P-BLOCKED", &inbox.url).execute(&client).await.expect("enter");
    assert_eq!(blocked.state, ParkingState::Blocked);
    assert_eq!(blocked.block_reason, Some(ParkingBlockReason::OutService));
    let err = charge("T-BLOCKED", &blocked.id, &inbox.url)
        .execute(&client)
        .await
        .expect_err("charging a blocked entry");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");

    // The user opens the service: the open entry becomes usable, and WeChat says so.
    server.set_parking_user(&ParkingUser::new(PLATE, "BLUE", OPENID)).expect("open");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        ParkingEvent::EntranceStateChange(e) => {
            assert_eq!(e.parking_id, blocked.id);
            assert_eq!(e.out_parking_no, "P-BLOCKED");
            assert_eq!(e.parking_state, notification::ParkingState::Normal);
            assert_eq!(e.blocked_state_description, None);
            assert_eq!(e.plate_number, PLATE);
            assert_eq!(e.free_duration, 3600);
        }
        other => panic!("expected VEHICLE.ENTRANCE_STATE_CHANGE, got {other:?}"),
    }

    // The user pauses: BLOCKED / PAUSE.
    server
        .set_parking_user(&ParkingUser::new(PLATE, "BLUE", OPENID).with_service_state("PAUSE"))
        .expect("pause");
    inbox.wait_for(2).await;
    match event(&server, &inbox, 1) {
        ParkingEvent::EntranceStateChange(e) => {
            assert_eq!(e.parking_state, notification::ParkingState::Blocked);
            assert_eq!(
                e.blocked_state_description,
                Some(notification::BlockedStateDescription::Pause)
            );
        }
        other => panic!("expected VEHICLE.ENTRANCE_STATE_CHANGE, got {other:?}"),
    }

    // Over the HTTP control route: the entry is usable again (and the same state again
    // sends nothing).
    let http = reqwest::Client::new();
    let url = format!("{}__mock/vehicle/parkings/{}/state", server.base_url(), blocked.id);
    let answer = http.post(&url).body(r#"{"state":"NORMAL"}"#).send().await.expect("control");
    assert_eq!(answer.status(), 200);
    let answer = http.post(&url).body(r#"{"state":"NORMAL"}"#).send().await.expect("control");
    assert_eq!(answer.status(), 200);
    inbox.wait_for(3).await;
    match event(&server, &inbox, 2) {
        ParkingEvent::EntranceStateChange(e) => {
            assert_eq!(e.parking_state, notification::ParkingState::Normal);
        }
        other => panic!("expected VEHICLE.ENTRANCE_STATE_CHANGE, got {other:?}"),
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(inbox.received().len(), 3, "no event without a change");
    let accepted =
        charge("T-BLOCKED", &blocked.id, &inbox.url).execute(&client).await.expect("charge");
    assert_eq!(accepted.trade_state, ParkingTradeState::Accepted);
}

#[tokio::test]
async fn partner_parking_and_a_failed_charge() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    let http = reqwest::Client::new();

    // The user's service, over the HTTP control route.
    let answer = http
        .post(format!("{}__mock/vehicle/services", server.base_url()))
        .body(format!(
            r#"{{"plate_number":"{PLATE}","plate_color":"BLUE","openid":"{OPENID}","sub_mchid":"{SUB_MCHID}"}}"#
        ))
        .send()
        .await
        .expect("control");
    assert_eq!(answer.status(), 200);

    let find = FindPartnerParkingService::builder()
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .plate_number(PLATE)
        .plate_color(PlateColor::Blue)
        .openid(OPENID)
        .build();
    assert_eq!(
        find.execute(&client).await.expect("find").service_state,
        ParkingServiceState::Normal
    );
    // Not opened for the direct merchant.
    let direct_find = FindParkingService::builder()
        .appid(APPID)
        .plate_number(PLATE)
        .plate_color(PlateColor::Blue)
        .openid(OPENID)
        .build();
    assert_eq!(
        direct_find.execute(&client).await.expect("find").service_state,
        ParkingServiceState::OutService
    );

    let parking = CreatePartnerParking::builder()
        .sub_mchid(SUB_MCHID)
        .out_parking_no("P-PARTNER-1")
        .plate_number(PLATE)
        .plate_color(PlateColor::Blue)
        .notify_url(&inbox.url)
        .start_time("2024-01-01T10:00:00+08:00".parse().expect("time"))
        .parking_name("欢乐海岸停车场")
        .free_duration(600)
        .build()
        .execute(&client)
        .await
        .expect("enter");
    assert_eq!(parking.state, ParkingState::Normal);

    let charge = ChargePartnerParking::builder()
        .appid(APPID)
        .sub_appid(SUB_APPID)
        .sub_mchid(SUB_MCHID)
        .description("停车场扣费")
        .out_trade_no("T-PARTNER-1")
        .notify_url(&inbox.url)
        .amount(ParkingAmount::builder().total(Amount::fen(500)).build())
        .parking_info(info(&parking.id))
        .build();
    let accepted = charge.execute(&client).await.expect("charge");
    assert_eq!(accepted.trade_state, ParkingTradeState::Accepted);
    assert_eq!(accepted.sub_mchid.as_deref(), Some(SUB_MCHID));
    assert_eq!(accepted.sub_appid.as_deref(), Some(SUB_APPID));

    let answer = http
        .post(format!(
            "{}__mock/vehicle/transactions/T-PARTNER-1/fail?sub_mchid={SUB_MCHID}",
            server.base_url()
        ))
        .send()
        .await
        .expect("control");
    assert_eq!(answer.status(), 200);
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        ParkingEvent::TransactionFail(t) => {
            assert_eq!(t.out_trade_no, "T-PARTNER-1");
            assert_eq!(t.trade_state, notification::ParkingTradeState::PayFail);
            assert_eq!(t.sub_mchid.as_deref(), Some(SUB_MCHID));
            assert_eq!(t.sub_appid.as_deref(), Some(SUB_APPID));
            assert_eq!(t.sp_mchid.as_deref(), Some(server.credentials().mchid.as_str()));
            assert_eq!(t.sp_appid.as_deref(), Some(APPID));
            assert_eq!(t.mchid, None);
        }
        other => panic!("expected TRANSACTION.FAIL, got {other:?}"),
    }
    assert_eq!(event(&server, &inbox, 0).sub_mchid(), Some(SUB_MCHID));

    let failed = QueryPartnerParkingTransaction::builder()
        .out_trade_no("T-PARTNER-1")
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(failed.trade_state, ParkingTradeState::PayFail);
    assert!(failed.trade_state_description.is_some());
    // The sub-merchant's charge is not the direct merchant's.
    let err = QueryParkingTransaction::builder()
        .out_trade_no("T-PARTNER-1")
        .build()
        .execute(&client)
        .await
        .expect_err("direct query");
    assert_eq!(api_code(&err).0, 404);
}

#[tokio::test]
async fn requests_are_checked_like_the_sdk_and_wechat_do() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    server.set_parking_user(&ParkingUser::new(PLATE, "BLUE", OPENID)).expect("open");
    let parking =
        entry("P-CHECKS", "https://example.com/notify").execute(&client).await.expect("enter");

    // The struct's own validate(): a 129-character description.
    let mut long = charge("T-CHECKS", &parking.id, "https://example.com/notify");
    long.description = "停".repeat(129);
    let (status, code, message) = api_code(&long.execute(&client).await.expect_err("too long"));
    assert_eq!((status, code.as_str()), (400, "PARAM_ERROR"));
    assert!(message.contains("/description"), "{message}");

    // notify_url: HTTPS without a query string.
    let err = charge("T-CHECKS", &parking.id, "https://example.com/notify?x=1")
        .execute(&client)
        .await
        .expect_err("query string");
    assert!(api_code(&err).2.contains("不能携带查询参数"));

    // The plate must be the entry's.
    let mut other_plate = charge("T-CHECKS", &parking.id, "https://example.com/notify");
    if let Some(info) = other_plate.parking_info.as_mut() {
        info.plate_number = "粤B000000".into();
    }
    let (_, code, _) = api_code(&other_plate.execute(&client).await.expect_err("plate"));
    assert_eq!(code, "PARAM_ERROR");

    // Unknown parking id.
    let err = charge("T-CHECKS", "NO-SUCH-PARKING", "https://example.com/notify")
        .execute(&client)
        .await
        .expect_err("unknown parking");
    assert_eq!(api_code(&err).1, "PARAM_ERROR");

    // Emoji are refused (4-byte UTF-8).
    let mut emoji = entry("P-EMOJI", "https://example.com/notify");
    emoji.parking_name = "停车场🚗".into();
    let (_, code, message) = api_code(&emoji.execute(&client).await.expect_err("emoji"));
    assert_eq!(code, "PARAM_ERROR");
    assert!(message.contains("4字节"), "{message}");
}
