//! End to end over loopback HTTP: cross-border PayScore (境外,
//! `/v3/payscore/oversea/partner/serviceorder...`) against the simulator: the partner order
//! machine with RFC 3339 times and the sub-merchant's currency; cancel, complete and sync
//! answer a verified `204`.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use serde::de::IgnoredAny;
use support::{APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, api_code, client, fees, no};
use wxpay_mock::{MockServer, OrderKey};
use wxpay_payscore::{
    CollectionState, ServiceOrderState, StateDescription,
    notification::{OverseaEvent, PayScoreEvent},
    oversea::partner::service_order::{
        CancelOverseaServiceOrder, CompleteOverseaServiceOrder, CreateOverseaServiceOrder,
        OverseaSyncDetail, OverseaTimeRange, QueryOverseaServiceOrder, SyncOverseaServiceOrder,
    },
};

fn create(out_order_no: &str, notify_url: &str) -> CreateOverseaServiceOrder {
    CreateOverseaServiceOrder::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .sub_appid(SUB_APPID)
        .out_order_no(no(out_order_no))
        .currency("HKD")
        .service_introduction("XX充电宝")
        .post_payments(fees().0)
        .risk_fund(support::deposit())
        .time_range(
            OverseaTimeRange::builder()
                .start_time("2024-01-01T09:10:10+08:00".parse().expect("time"))
                .build(),
        )
        .notify_url(notify_url)
        .build()
}

fn complete(out_order_no: &str) -> CompleteOverseaServiceOrder {
    let (payments, discounts, total) = fees();
    CompleteOverseaServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .post_discounts(discounts)
        .total_amount(total)
        .currency("HKD")
        .time_range(
            OverseaTimeRange::builder()
                .end_time("2024-01-01T12:10:10+08:00".parse().expect("time"))
                .build(),
        )
        .build()
}

fn query(out_order_no: &str) -> QueryOverseaServiceOrder {
    QueryOverseaServiceOrder::builder()
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .lookup(no(out_order_no))
        .build()
}

#[tokio::test]
async fn cross_border_order_life() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);

    let created = create("HK-1", &inbox.url).execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Created);
    assert_eq!(created.currency.as_deref(), Some("HKD"));
    assert!(created.package.is_some());
    assert_eq!(created.sub_mchid, SUB_MCHID);

    // The control actions of partner orders drive it.
    server.confirm_order(OrderKey::partner(SUB_MCHID, "HK-1")).expect("confirm");
    inbox.wait_for(1).await;
    let parser = server.notification_parser().expect("parser");
    let received = &inbox.received()[0];
    let notification =
        parser.parse::<IgnoredAny>(&received.headers, &received.body).expect("verified");
    assert_eq!(notification.event_type, "PAYSCORE.USER_CONFIRM");
    // The order's times are RFC 3339 here: `OrderNotification` (the mainland's
    // `yyyyMMddHHmmss`) refuses it, `OverseaEvent` decodes the cross-border order.
    assert!(PayScoreEvent::from_notification(&notification).is_err());
    let OverseaEvent::UserConfirm(confirmed) =
        OverseaEvent::from_notification(&notification).expect("cross-border order")
    else {
        panic!("not USER_CONFIRM");
    };
    assert_eq!(confirmed.out_order_no.as_str(), "HK-1");
    assert_eq!(confirmed.sub_mchid, SUB_MCHID);
    assert_eq!(confirmed.state_description, Some(StateDescription::UserConfirm));
    assert_eq!(confirmed.currency.as_deref(), Some("HKD"));
    let start = confirmed.time_range.and_then(|range| range.start_time).expect("start_time");
    assert_eq!(serde_json::to_value(start).expect("json"), "2024-01-01T09:10:10+08:00");

    // A different currency at completion is refused.
    let mut usd = complete("HK-1");
    usd.currency = Some("USD".into());
    assert_eq!(api_code(&usd.execute(&client).await.expect_err("currency")).1, "PARAM_ERROR");

    complete("HK-1").execute(&client).await.expect("complete (204, verified)");
    let order = query("HK-1").execute(&client).await.expect("query");
    assert_eq!(order.state, ServiceOrderState::Doing);
    assert_eq!(order.state_description, Some(StateDescription::MchComplete));
    assert_eq!(order.currency.as_deref(), Some("HKD"));
    let range = order.time_range.expect("time_range");
    assert!(range.start_time.is_some() && range.end_time.is_some());
    assert_eq!(order.collection.expect("collection").state, CollectionState::UserPaying);

    // Paid through the institution's own channel.
    SyncOverseaServiceOrder::builder()
        .out_order_no(no("HK-1"))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .detail(
            OverseaSyncDetail::builder()
                .paid_time("2024-01-01T13:00:00+08:00".parse().expect("time"))
                .build(),
        )
        .build()
        .execute(&client)
        .await
        .expect("sync (204)");
    let order = query("HK-1").execute(&client).await.expect("query");
    assert_eq!(order.state, ServiceOrderState::Done);
    assert_eq!(order.collection.expect("collection").state, CollectionState::UserPaid);

    // An order charged by WeChat: `PAYSCORE.USER_PAID` carries the paid cross-border order.
    create("HK-3", &inbox.url).execute(&client).await.expect("create");
    server.confirm_order(OrderKey::partner(SUB_MCHID, "HK-3")).expect("confirm");
    complete("HK-3").execute(&client).await.expect("complete (204, verified)");
    server.pay_order(OrderKey::partner(SUB_MCHID, "HK-3")).expect("pay");
    inbox.wait_for(3).await;
    let received = &inbox.received()[2];
    let notification =
        parser.parse::<IgnoredAny>(&received.headers, &received.body).expect("verified");
    let OverseaEvent::UserPaid(paid) =
        OverseaEvent::from_notification(&notification).expect("cross-border order")
    else {
        panic!("not USER_PAID: {}", notification.event_type);
    };
    assert_eq!(paid.out_order_no.as_str(), "HK-3");
    assert_eq!(paid.state, ServiceOrderState::Done);
    let collection = paid.collection.expect("collection");
    assert_eq!(collection.state, CollectionState::UserPaid);
    assert!(collection.details.iter().any(|d| d.transaction_id.is_some()));

    // Cancel another order; a finished one cannot be.
    create("HK-2", &inbox.url).execute(&client).await.expect("create");
    let cancel = |n: &str| {
        CancelOverseaServiceOrder::builder()
            .out_order_no(no(n))
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .reason("用户取消")
            .build()
    };
    cancel("HK-2").execute(&client).await.expect("cancel (204)");
    assert_eq!(
        query("HK-2").execute(&client).await.expect("query").state,
        ServiceOrderState::Revoked
    );
    assert_eq!(
        api_code(&cancel("HK-1").execute(&client).await.expect_err("done")).1,
        "INVALID_REQUEST"
    );
    let err = query("HK-404").execute(&client).await.expect_err("unknown");
    assert_eq!(api_code(&err).1, "ORDER_NOT_EXIST");
}
