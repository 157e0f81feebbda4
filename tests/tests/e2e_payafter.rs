//! End to end over loopback HTTP: the legacy 先享后付 (`payafter-orders`) and 智慧零售
//! (`smartretail-orders`) orders against the simulator: create, the user's acceptance
//! (`PAYSCORE.USER_ACCEPTED`), complete with the `finish_ticket`, the charge
//! (`PAYSCORE.USER_PAID`), sync, cancel, expiry. Notifications are verified, decrypted and
//! decoded into `PayScoreEvent`.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use serde::de::IgnoredAny;
use support::{APPID, Receiver, api_code, client, no};
use wxpay_mock::{LegacyFamily, MockServer};
use wxpay_payscore::{
    Amount, StartTime,
    notification::PayScoreEvent,
    payafter_orders::{
        CancelPayAfterOrder, CompletePayAfterOrder, CreatePayAfterOrder, Fee, FeeDiscount,
        FinishType, PayAfterOrderState, QueryPayAfterOrder, SyncPayAfterOrder,
    },
    service_order::OrderLookup,
    smartretail_orders::{
        CancelSmartRetailOrder, CompleteSmartRetailOrder, CreateSmartRetailOrder,
        QuerySmartRetailOrder,
    },
};

const SERVICE_ID: &str = "500001";

fn event(server: &MockServer, inbox: &Receiver, n: usize) -> PayScoreEvent {
    let received = &inbox.received()[n];
    let parser = server.notification_parser().expect("parser");
    let notification = parser
        .parse::<IgnoredAny>(&received.headers, &received.body)
        .expect("verified notification");
    PayScoreEvent::from_notification(&notification).expect("payscore event")
}

fn fees() -> Vec<Fee> {
    vec![
        Fee::builder()
            .fee_name("就餐费用")
            .fee_count(4)
            .fee_amount(Amount::fen(40_000))
            .fee_desc("就餐人均100元")
            .build(),
    ]
}

fn create(out_order_no: &str) -> CreatePayAfterOrder {
    CreatePayAfterOrder::builder()
        .appid(APPID)
        .out_order_no(no(out_order_no))
        .service_id(SERVICE_ID)
        .service_start_time(StartTime::OnAccept)
        .service_start_location("嗨客时尚主题展餐厅")
        .service_introduction("某某酒店")
        .fees(fees())
        .discounts(vec![
            FeeDiscount::builder()
                .discount_name("满20减1元")
                .discount_desc("不与其他优惠叠加")
                .build(),
        ])
        .risk_amount(Amount::fen(50_000))
        .attach("Easdfowealsdkjfnlaksjdlfkwqoi")
        .build()
}

fn complete(out_order_no: &str, ticket: Option<String>) -> CompletePayAfterOrder {
    CompletePayAfterOrder::builder()
        .out_order_no(no(out_order_no))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .finish_type(FinishType::Used)
        .real_service_end_time("20240101121010".parse().expect("time"))
        .fees(fees())
        .discounts(vec![
            FeeDiscount::builder()
                .discount_name("满20减1元")
                .discount_amount(Amount::fen(100))
                .build(),
        ])
        .total_amount(Amount::fen(39_900))
        .maybe_finish_ticket(ticket)
        .build()
}

fn query(out_order_no: &str) -> QueryPayAfterOrder {
    QueryPayAfterOrder::builder()
        .service_id(SERVICE_ID)
        .lookup(no(out_order_no))
        .appid(APPID)
        .build()
}

#[tokio::test]
async fn payafter_order_from_creation_to_payment() {
    let inbox = Receiver::start().await;
    let server =
        MockServer::builder().service_notify_url(&inbox.url).start().await.expect("simulator");
    let client = client(&server);

    let created = create("PAYAFTER-1").execute(&client).await.expect("create");
    assert_eq!(created.out_order_no, "PAYAFTER-1");
    assert_eq!(created.miniprogram_businesstype.as_deref(), Some("wxpayScoreUse"));
    assert!(created.package.is_some());
    // The same parameters again: the same order; others with the same number: refused.
    let again = create("PAYAFTER-1").execute(&client).await.expect("repeat");
    assert_eq!(again.order_id, created.order_id);
    let mut other = create("PAYAFTER-1");
    other.attach = Some("else".into());
    assert_eq!(api_code(&other.execute(&client).await.expect_err("reentry")).1, "INVALID_REQUEST");

    let order = query("PAYAFTER-1").execute(&client).await.expect("query");
    assert_eq!(order.state, PayAfterOrderState::Created);
    assert_eq!(order.finish_ticket, None);
    // Not completable before the user accepted.
    let err = complete("PAYAFTER-1", Some("T".into())).execute(&client).await.expect_err("early");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");

    let accepted = server
        .accept_legacy_order(
            LegacyFamily::PayAfter,
            "PAYAFTER-1",
            Some("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
            None,
        )
        .expect("accept");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserAccepted(e) => {
            assert_eq!(
                e.out_order_no.as_ref().map(wxpay_core::OutOrderNo::as_str),
                Some("PAYAFTER-1")
            );
            assert_eq!(e.order_id.as_deref(), Some(created.order_id.as_str()));
            assert_eq!(e.service_id, SERVICE_ID);
            assert_eq!(e.openid.as_deref(), Some("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        }
        other => panic!("expected USER_ACCEPTED, got {other:?}"),
    }

    // The front end's query_id finds the order, with its completion ticket.
    let query_id = accepted["query_id"].as_str().expect("query_id").to_owned();
    let order = QueryPayAfterOrder::builder()
        .service_id(SERVICE_ID)
        .lookup(OrderLookup::QueryId(query_id))
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .expect("query by query_id");
    assert_eq!(order.state, PayAfterOrderState::UserAccepted);
    let ticket = order.finish_ticket.clone().expect("finish_ticket");

    let (status, code, _) =
        api_code(&complete("PAYAFTER-1", None).execute(&client).await.expect_err("no ticket"));
    assert_eq!((status, code.as_str()), (400, "PARAM_ERROR"));
    let err =
        complete("PAYAFTER-1", Some("WRONG".into())).execute(&client).await.expect_err("ticket");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");
    let mut wrong_total = complete("PAYAFTER-1", Some(ticket.clone()));
    wrong_total.total_amount = Some(Amount::fen(40_000));
    let err = wrong_total.execute(&client).await.expect_err("total");
    assert!(api_code(&err).2.contains("最终总金额计算非法"));

    let ids =
        complete("PAYAFTER-1", Some(ticket.clone())).execute(&client).await.expect("complete");
    assert_eq!(ids.order_id, created.order_id);
    assert_eq!(ids.service_id.as_deref(), Some(SERVICE_ID));
    // Repeating the accepted complete succeeds.
    complete("PAYAFTER-1", Some(ticket)).execute(&client).await.expect("complete again");
    let order = query("PAYAFTER-1").execute(&client).await.expect("query");
    assert_eq!(order.state, PayAfterOrderState::Finished);
    assert_eq!(order.finish_type, Some(FinishType::Used));
    assert_eq!(order.total_amount, Some(Amount::fen(39_900)));
    assert_eq!(order.discounts[0].discount_amount, Some(Amount::fen(100)));
    assert!(order.real_service_start_time.is_some());

    server.pay_legacy_order(LegacyFamily::PayAfter, "PAYAFTER-1", None).expect("charge");
    inbox.wait_for(2).await;
    match event(&server, &inbox, 1) {
        PayScoreEvent::UserPaid(e) => {
            assert_eq!(e.out_order_no, "PAYAFTER-1");
            assert_eq!(e.state.as_str(), "USER_PAID");
            assert_eq!(e.total_amount, Some(Amount::fen(39_900)));
            assert_eq!(e.order_id.as_deref(), Some(created.order_id.as_str()));
        }
        other => panic!("expected USER_PAID, got {other:?}"),
    }
    let order = query("PAYAFTER-1").execute(&client).await.expect("query");
    assert_eq!(order.state, PayAfterOrderState::UserPaid);
    assert!(order.pay_succ_time.is_some());
    assert!(order.finish_transaction_id.is_some());

    let cancel = CancelPayAfterOrder::builder()
        .out_order_no(no("PAYAFTER-1"))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .reason("用户投诉")
        .build();
    assert_eq!(api_code(&cancel.execute(&client).await.expect_err("paid")).1, "INVALID_REQUEST");
}

#[tokio::test]
async fn payafter_without_confirmation_synced_after_an_offline_payment() {
    let server = MockServer::builder().require_authorization(false).start().await.expect("sim");
    let client = client(&server);

    // Without confirmation the user is named and the order runs at once.
    let mut unnamed = create("PAYAFTER-SYNC");
    unnamed.need_user_confirm = Some(false);
    let err = unnamed.execute(&client).await.expect_err("no openid");
    assert_eq!(api_code(&err).1, "PARAM_ERROR");
    let mut direct = create("PAYAFTER-SYNC");
    direct.need_user_confirm = Some(false);
    direct.openid = Some("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o".into());
    let created = direct.execute(&client).await.expect("create");
    assert_eq!(created.package, None);
    let order = query("PAYAFTER-SYNC").execute(&client).await.expect("query");
    assert_eq!(order.state, PayAfterOrderState::UserAccepted);

    let sync = SyncPayAfterOrder::builder()
        .out_order_no(no("PAYAFTER-SYNC"))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .detail(serde_json::from_str(r#"{"paid_time":"20240101130000"}"#).expect("detail"))
        .build();
    // Nothing to sync before completion.
    assert_eq!(api_code(&sync.execute(&client).await.expect_err("early")).1, "INVALID_REQUEST");
    complete("PAYAFTER-SYNC", order.finish_ticket).execute(&client).await.expect("complete");
    let ids = sync.execute(&client).await.expect("sync");
    assert_eq!(ids.service_id, None, "the sync answer has no service_id");
    let order = query("PAYAFTER-SYNC").execute(&client).await.expect("query");
    assert_eq!(order.state, PayAfterOrderState::UserPaid);
    assert_eq!(order.pay_type.as_deref(), Some("MchChannelPayType"));
    assert_eq!(order.pay_succ_time.map(|t| t.to_string()).as_deref(), Some("20240101130000"));
    assert!(server.pay_legacy_order(LegacyFamily::PayAfter, "PAYAFTER-SYNC", None).is_err());
}

#[tokio::test]
async fn smartretail_orders_have_their_own_numbers_and_the_same_life() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);

    let create = |n: &str| {
        CreateSmartRetailOrder::builder()
            .appid(APPID)
            .out_order_no(no(n))
            .service_id(SERVICE_ID)
            .service_start_time(StartTime::OnAccept)
            .service_introduction("自助售货机")
            .fees(fees())
            .risk_amount(Amount::fen(50_000))
            .build()
    };
    let query = |n: &str| {
        QuerySmartRetailOrder::builder().service_id(SERVICE_ID).lookup(no(n)).appid(APPID).build()
    };
    create("RETAIL-1").execute(&client).await.expect("create");
    // A 先享后付 order of the same number is another order.
    let err = QueryPayAfterOrder::builder()
        .service_id(SERVICE_ID)
        .lookup(no("RETAIL-1"))
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .expect_err("other family");
    assert_eq!(api_code(&err).1, "ORDER_NOT_EXIST");
    // Another appid does not find it either.
    let err = QuerySmartRetailOrder::builder()
        .service_id(SERVICE_ID)
        .lookup(no("RETAIL-1"))
        .appid("wx0000000000000000")
        .build()
        .execute(&client)
        .await
        .expect_err("other appid");
    assert_eq!(api_code(&err).0, 404);

    // The user accepts, over the HTTP control route; the event goes where it says.
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{}__mock/smartretail-orders/RETAIL-1/accept", server.base_url()))
        .body(format!(r#"{{"notify_url":"{}"}}"#, inbox.url))
        .send()
        .await
        .expect("control");
    assert_eq!(answer.status(), 200);
    inbox.wait_for(1).await;
    assert!(matches!(event(&server, &inbox, 0), PayScoreEvent::UserAccepted(_)));
    let order = query("RETAIL-1").execute(&client).await.expect("query");
    assert_eq!(order.state, PayAfterOrderState::UserAccepted);

    // finish_type 1: the user did not use the service; nothing is charged.
    let not_used = CompleteSmartRetailOrder::builder()
        .out_order_no(no("RETAIL-1"))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .finish_type(FinishType::NotUsed)
        .cancel_reason("用户未取货")
        .maybe_finish_ticket(order.finish_ticket)
        .build();
    not_used.execute(&client).await.expect("complete as not used");
    let order = query("RETAIL-1").execute(&client).await.expect("query");
    assert_eq!(order.state, PayAfterOrderState::Finished);
    assert_eq!(order.finish_type, Some(FinishType::NotUsed));
    assert_eq!(order.total_amount, Some(Amount::fen(0)));
    assert!(server.pay_legacy_order(LegacyFamily::SmartRetail, "RETAIL-1", None).is_err());

    // Cancel a second order; the same reason again succeeds, completing it does not.
    create("RETAIL-2").execute(&client).await.expect("create");
    let cancel = CancelSmartRetailOrder::builder()
        .out_order_no(no("RETAIL-2"))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .reason("用户投诉")
        .build();
    let ids = cancel.execute(&client).await.expect("cancel");
    assert_eq!(ids.out_order_no, "RETAIL-2");
    cancel.execute(&client).await.expect("cancel again");
    assert_eq!(
        query("RETAIL-2").execute(&client).await.expect("query").state,
        PayAfterOrderState::Revoked
    );
    let mut emoji = cancel.clone();
    emoji.reason = "投诉😀".into();
    let (_, code, message) = api_code(&emoji.execute(&client).await.expect_err("emoji"));
    assert_eq!(code, "PARAM_ERROR");
    assert!(message.contains("4字节"), "{message}");

    // An unaccepted order expires.
    create("RETAIL-3").execute(&client).await.expect("create");
    let answer = http
        .post(format!("{}__mock/smartretail-orders/RETAIL-3/expire", server.base_url()))
        .send()
        .await
        .expect("control");
    assert_eq!(answer.status(), 200);
    assert_eq!(
        query("RETAIL-3").execute(&client).await.expect("query").state,
        PayAfterOrderState::Expired
    );
    let answer = http
        .post(format!("{}__mock/smartretail-orders/RETAIL-3/accept", server.base_url()))
        .send()
        .await
        .expect("control");
    assert_eq!(answer.status(), 409, "an expired order cannot be accepted");
}
