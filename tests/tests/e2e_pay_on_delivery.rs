//! End to end over loopback HTTP: pay-on-delivery orders (先用后付,
//! `servicepayondeliveryorder`, direct and partner) against the simulator. They are service
//! orders: confirmed, completed, charged, cancelled and queried by the ordinary
//! service-order endpoints and control actions, with the ordinary notifications, verified,
//! decrypted and decoded into `PayScoreEvent`.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use support::{
    APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, api_code, client, deposit, direct_complete,
    fees, no, partner_complete, payscore_event as event,
};
use wxpay_mock::{MockServer, OrderKey, ServiceAction};
use wxpay_payscore::{
    Amount, ServiceOrderState, StartTime, StateDescription, TimeRange,
    notification::PayScoreEvent,
    partner::{
        service_order::{CancelPartnerServiceOrder, QueryPartnerServiceOrder},
        service_pay_on_delivery_order::CreatePartnerPayOnDeliveryOrder,
    },
    service_order::{CancelServiceOrder, QueryServiceOrder},
    service_pay_on_delivery_order::{CreatePayOnDeliveryOrder, Good, JumpLink, ShoppingInfo},
};

const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

fn shopping() -> ShoppingInfo {
    ShoppingInfo::builder()
        .real_merchant_appid(APPID)
        .jump_link(
            JumpLink::builder()
                .jump_link_type("JUMP_LINK_MINI_PROGRAM")
                .appid(APPID)
                .path("pages/order")
                .build(),
        )
        .goods(vec![
            Good::builder()
                .name("无线耳机")
                .picture("https://example.com/p.png")
                .amount(Amount::fen(40_000))
                .count(1)
                .build(),
        ])
        .build()
}

fn direct(out_order_no: &str, notify_url: &str) -> CreatePayOnDeliveryOrder {
    CreatePayOnDeliveryOrder::builder()
        .out_order_no(no(out_order_no))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .service_introduction("XX数码")
        .post_payments(fees().0)
        .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
        .risk_fund(deposit())
        .notify_url(notify_url)
        .shopping_info(shopping())
        .build()
}

fn partner(out_order_no: &str, notify_url: &str) -> CreatePartnerPayOnDeliveryOrder {
    CreatePartnerPayOnDeliveryOrder::builder()
        .out_order_no(no(out_order_no))
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .sub_appid(SUB_APPID)
        .service_id(SERVICE_ID)
        .service_introduction("XX数码")
        .post_payments(fees().0)
        .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
        .risk_fund(deposit())
        .notify_url(notify_url)
        .shopping_info(shopping())
        .build()
}

fn query(out_order_no: &str) -> QueryServiceOrder {
    QueryServiceOrder::builder()
        .lookup(no(out_order_no))
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build()
}

#[tokio::test]
async fn a_direct_pay_on_delivery_order_runs_the_service_order_machine() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);

    let created = direct("POD-1", &inbox.url).execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Created);
    assert_eq!(created.mchid, server.keys().mchid);
    assert!(!created.package.is_empty());
    let shopping_info = created.shopping_info.clone().expect("shopping_info echoed");
    assert_eq!(shopping_info.goods[0].name, "无线耳机");
    assert_eq!(shopping_info.jump_link.path.as_deref(), Some("pages/order"));
    // The same parameters again: the same order; others with the same number: refused.
    let again = direct("POD-1", &inbox.url).execute(&client).await.expect("repeat");
    assert_eq!(again.order_id, created.order_id);
    let mut other = direct("POD-1", &inbox.url);
    other.attach = Some("else".into());
    assert_eq!(api_code(&other.execute(&client).await.expect_err("reentry")).1, "INVALID_REQUEST");
    // The goods are required.
    let mut bare = direct("POD-BARE", &inbox.url);
    bare.shopping_info.goods.clear();
    let (status, code, message) = api_code(&bare.execute(&client).await.expect_err("no goods"));
    assert_eq!((status, code.as_str()), (400, "PARAM_ERROR"));
    assert!(message.contains("/shopping_info/goods"), "{message}");

    // The ordinary query, confirmation, completion and charge drive it.
    let order = query("POD-1").execute(&client).await.expect("query");
    assert_eq!(order.state, ServiceOrderState::Created);
    assert_eq!(order.order_id.as_deref(), Some(created.order_id.as_str()));
    server.confirm_order_as("POD-1", OPENID).expect("confirm");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserConfirm(e) => {
            assert_eq!(e.out_order_no, "POD-1");
            assert_eq!(e.openid.as_deref(), Some(OPENID));
            assert_eq!(e.state_description, Some(StateDescription::UserConfirm));
        }
        other => panic!("expected USER_CONFIRM, got {other:?}"),
    }
    let completed = direct_complete("POD-1").execute(&client).await.expect("complete");
    assert_eq!(completed.state_description, Some(StateDescription::MchComplete));
    server.pay_order("POD-1").expect("charge");
    inbox.wait_for(2).await;
    match event(&server, &inbox, 1) {
        PayScoreEvent::UserPaid(e) => {
            assert_eq!(e.out_order_no, "POD-1");
            assert_eq!(e.total_amount, Some(fees().2));
        }
        other => panic!("expected USER_PAID, got {other:?}"),
    }
    let order = query("POD-1").execute(&client).await.expect("query");
    assert_eq!(order.state, ServiceOrderState::Done);
    // A paid order cannot be cancelled; an unconfirmed one can.
    let cancel = |no_: &str| {
        CancelServiceOrder::builder()
            .out_order_no(no(no_))
            .appid(APPID)
            .service_id(SERVICE_ID)
            .reason("用户取消")
            .build()
    };
    let err = cancel("POD-1").execute(&client).await.expect_err("paid");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");
    direct("POD-2", &inbox.url).execute(&client).await.expect("create");
    cancel("POD-2").execute(&client).await.expect("cancel");
    assert_eq!(
        query("POD-2").execute(&client).await.expect("query").state,
        ServiceOrderState::Revoked
    );
    let err = query("POD-NONE").execute(&client).await.expect_err("unknown");
    assert_eq!(api_code(&err).1, "ORDER_NOT_EXIST");
}

#[tokio::test]
async fn without_confirmation_the_user_must_have_authorized_the_service() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    let mut request = direct("POD-AUTO", "https://example.com/notify");
    request.need_user_confirm = Some(false);
    request.openid = Some(OPENID.into());
    let err = request.clone().execute(&client).await.expect_err("not authorized");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");
    server.open_service(&ServiceAction::new(SERVICE_ID, APPID, OPENID)).expect("authorize");
    let created = request.execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Doing);
    assert_eq!(created.state_description, Some(StateDescription::UserConfirm));
    assert!(!created.package.is_empty(), "the direct answer always has the package");
}

#[tokio::test]
async fn a_partner_pay_on_delivery_order_belongs_to_the_sub_merchant() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);

    let created = partner("POD-P1", &inbox.url).execute(&client).await.expect("create");
    assert_eq!(created.sub_mchid, SUB_MCHID);
    assert_eq!(created.sub_appid.as_deref(), Some(SUB_APPID));
    assert_eq!(created.state, ServiceOrderState::Created);
    assert!(created.package.is_some());
    assert_eq!(created.shopping_info.expect("shopping_info").goods.len(), 1);
    let mut no_sub_appid = partner("POD-P2", &inbox.url);
    no_sub_appid.sub_appid = None;
    no_sub_appid.sub_openid = Some(OPENID.into());
    let err = no_sub_appid.execute(&client).await.expect_err("sub_openid without sub_appid");
    assert_eq!(api_code(&err).1, "PARAM_ERROR");

    server.confirm_order(OrderKey::partner(SUB_MCHID, "POD-P1")).expect("confirm");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserConfirm(e) => {
            assert_eq!(e.out_order_no, "POD-P1");
            assert_eq!(e.sub_mchid.as_deref(), Some(SUB_MCHID));
        }
        other => panic!("expected USER_CONFIRM, got {other:?}"),
    }
    partner_complete("POD-P1").execute(&client).await.expect("complete (204)");
    let query =
        QueryPartnerServiceOrder::builder().lookup(no("POD-P1")).sub_mchid(SUB_MCHID).build();
    let order = query.clone().execute(&client).await.expect("query");
    assert_eq!(order.state_description, Some(StateDescription::MchComplete));
    assert_eq!(order.total_amount, Some(fees().2));
    // Another sub-merchant does not see it.
    let mut elsewhere = query.clone();
    elsewhere.sub_mchid = "1900000999".into();
    assert_eq!(
        api_code(&elsewhere.execute(&client).await.expect_err("other sub-merchant")).1,
        "ORDER_NOT_EXIST"
    );
    CancelPartnerServiceOrder::builder()
        .out_order_no(no("POD-P1"))
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .reason("未发货")
        .build()
        .execute(&client)
        .await
        .expect("cancel (204)");
    assert_eq!(query.execute(&client).await.expect("query").state, ServiceOrderState::Revoked);
}
