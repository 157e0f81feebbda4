//! End to end over loopback HTTP: the whole life of a PayScore order against the simulator,
//! in partner and direct mode, with the WeChat Pay public key and with downloaded platform
//! certificates. Every answer the client accepts has had its signature verified.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use serde::de::IgnoredAny;
use support::{
    APPID, Receiver, SERVICE_ID, SUB_MCHID, WAIT, client, direct_complete, direct_create, no,
    partner_complete, partner_create,
};
use wxpay_core::Client;
use wxpay_mock::{KeyMode, MockServer};
use wxpay_payscore::{
    Amount, CollectionState, PaidType, ServiceOrderState, StateDescription,
    notification::PayScoreEvent,
    partner::service_order::QueryPartnerServiceOrder,
    service_order::{OrderLookup, QueryServiceOrder},
};

async fn server(mode: KeyMode) -> MockServer {
    MockServer::builder().mode(mode).start().await.expect("simulator")
}

/// Verifies and decrypts the `n`-th notification the inbox got.
fn event(server: &MockServer, inbox: &Receiver, n: usize) -> PayScoreEvent {
    let received = &inbox.received()[n];
    let parser = server.notification_parser().expect("parser");
    let notification = parser
        .parse::<IgnoredAny>(&received.headers, &received.body)
        .expect("verified notification");
    PayScoreEvent::from_notification(&notification).expect("payscore event")
}

async fn partner_life(mode: KeyMode) {
    let server = server(mode).await;
    let inbox = Receiver::start().await;
    let client: Client = client(&server);
    let out_order_no = "PARTNER-LIFE-1";

    let created = partner_create(out_order_no, &inbox.url).execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Created);
    assert_eq!(created.sub_mchid, SUB_MCHID);
    assert!(created.package.is_some());

    let confirmed = server
        .confirm_order(wxpay_mock::OrderKey::partner(SUB_MCHID, out_order_no))
        .expect("confirm");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserConfirm(order) => {
            assert_eq!(order.out_order_no, out_order_no);
            assert_eq!(order.state, ServiceOrderState::Doing);
            assert_eq!(order.state_description, Some(StateDescription::UserConfirm));
            assert_eq!(order.sub_mchid.as_deref(), Some(SUB_MCHID));
        }
        other => panic!("expected USER_CONFIRM, got {}", other.event_type()),
    }

    // The front end's query_id finds the same order.
    let by_query_id = QueryPartnerServiceOrder::builder()
        .lookup(OrderLookup::QueryId(confirmed.query_id))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query by query_id");
    assert_eq!(by_query_id.out_order_no, out_order_no);

    partner_complete(out_order_no).execute(&client).await.expect("complete (204, verified)");
    let order = QueryPartnerServiceOrder::builder()
        .lookup(no(out_order_no))
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(order.state, ServiceOrderState::Doing);
    assert_eq!(order.state_description, Some(StateDescription::MchComplete));
    let collection = order.collection.expect("collection");
    assert_eq!(collection.state, CollectionState::UserPaying);
    assert_eq!(collection.paying_amount, Some(Amount::fen(39_900)));

    server.pay_order(wxpay_mock::OrderKey::partner(SUB_MCHID, out_order_no)).expect("pay");
    inbox.wait_for(2).await;
    match event(&server, &inbox, 1) {
        PayScoreEvent::UserPaid(order) => {
            assert_eq!(order.state, ServiceOrderState::Done);
            let collection = order.collection.expect("collection");
            assert_eq!(collection.state, CollectionState::UserPaid);
            assert_eq!(collection.paid_amount, Some(Amount::fen(39_900)));
            assert!(collection.details[0].transaction_id.is_some());
        }
        other => panic!("expected USER_PAID, got {}", other.event_type()),
    }

    let order = QueryPartnerServiceOrder::builder()
        .lookup(no(out_order_no))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(order.state, ServiceOrderState::Done);
    assert_eq!(order.total_amount, Some(Amount::fen(39_900)));
    let detail = &order.collection.expect("collection").details[0];
    assert_eq!(detail.paid_type, Some(PaidType::Newton));
    assert!(
        server.wait_for_delivery("PAYSCORE.USER_PAID", WAIT).await.expect("delivery").delivered
    );
}

async fn direct_life(mode: KeyMode) {
    let server = server(mode).await;
    let inbox = Receiver::start().await;
    let client = client(&server);
    let out_order_no = "DIRECT-LIFE-1";

    let created = direct_create(out_order_no, &inbox.url).execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Created);
    server.confirm_order(out_order_no).expect("confirm");
    inbox.wait_for(1).await;
    assert_eq!(event(&server, &inbox, 0).event_type(), "PAYSCORE.USER_CONFIRM");

    let completed = direct_complete(out_order_no).execute(&client).await.expect("complete");
    assert_eq!(completed.state, ServiceOrderState::Doing);
    assert_eq!(completed.state_description, Some(StateDescription::MchComplete));
    assert_eq!(completed.total_amount, Amount::fen(39_900));
    assert_eq!(completed.need_collection, Some(true));

    server.pay_order(out_order_no).expect("pay");
    inbox.wait_for(2).await;
    assert_eq!(event(&server, &inbox, 1).event_type(), "PAYSCORE.USER_PAID");

    let order = QueryServiceOrder::builder()
        .lookup(no(out_order_no))
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(order.state, ServiceOrderState::Done);
    assert!(order.openid.is_some());
    assert_eq!(order.collection.expect("collection").state, CollectionState::UserPaid);
}

#[tokio::test]
async fn partner_order_life_with_public_key() {
    partner_life(KeyMode::PublicKey).await;
}

#[tokio::test]
async fn partner_order_life_with_downloaded_certificates() {
    partner_life(KeyMode::Certificate).await;
}

#[tokio::test]
async fn direct_order_life_with_public_key() {
    direct_life(KeyMode::PublicKey).await;
}

#[tokio::test]
async fn direct_order_life_with_downloaded_certificates() {
    direct_life(KeyMode::Certificate).await;
}
