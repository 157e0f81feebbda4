//! End to end: the order state machine (protocol §9.1): every transition the real service
//! refuses is refused with its documented error, in partner and direct mode.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use support::{
    APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, actual_range, api_code, client,
    direct_complete, direct_create, fees, no, partner_complete, partner_create, time,
};
use wxpay_core::Client;
use wxpay_mock::{ControlError, MockServer, OrderKey, ServiceAction};
use wxpay_payscore::{
    Amount, Discount, PaidType, Payment, ServiceDate, ServiceOrderState, SyncDetail, TimeRange,
    partner::service_order::{
        CancelPartnerServiceOrder, CompletePartnerServiceOrder, DirectCompletePartnerServiceOrder,
        ModifyPartnerServiceOrder, PayPartnerServiceOrder, QueryPartnerServiceOrder,
        SendPartnerServiceOrderPendingMessage, SendPartnerServiceOrderPrepaidMessage,
        SyncPartnerServiceOrder,
    },
    service_order::{
        CancelServiceOrder, DirectCompleteServiceOrder, ModifyServiceOrder, PayServiceOrder,
        QueryServiceOrder, SendServiceOrderPendingMessage, SyncServiceOrder,
    },
};

const BAD_STATE: (u16, &str, &str) = (400, "INVALID_REQUEST", "当前订单状态不合法");

fn code(result: Result<impl Sized, wxpay_core::Error>) -> (u16, String, String) {
    match result {
        Ok(_) => panic!("expected a refusal"),
        Err(err) => api_code(&err),
    }
}

fn assert_refused(result: Result<impl Sized, wxpay_core::Error>, expected: (u16, &str, &str)) {
    let (status, code, message) = code(result);
    assert_eq!((status, code.as_str(), message.as_str()), expected);
}

fn key(out_order_no: &str) -> OrderKey {
    OrderKey::partner(SUB_MCHID, out_order_no)
}

async fn state(client: &Client, out_order_no: &str) -> String {
    let order = QueryPartnerServiceOrder::builder()
        .lookup(no(out_order_no))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(client)
        .await
        .expect("query");
    match order.state_description {
        Some(d) => format!("{}/{d}", order.state),
        None => order.state.to_string(),
    }
}

fn modify(out_order_no: &str, total: u64) -> ModifyPartnerServiceOrder {
    ModifyPartnerServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .sub_mchid(SUB_MCHID)
        .post_payments(vec![Payment::builder().name("就餐费用").amount(Amount::fen(total)).build()])
        .total_amount(Amount::fen(total))
        .reason("用户投诉")
        .build()
}

fn sync(out_order_no: &str) -> SyncPartnerServiceOrder {
    SyncPartnerServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .detail(SyncDetail::builder().paid_time(time("20240101130000")).build())
        .build()
}

fn pending_message(out_order_no: &str) -> SendPartnerServiceOrderPendingMessage {
    let (payments, discounts, total) = fees();
    SendPartnerServiceOrderPendingMessage::builder()
        .out_order_no(no(out_order_no))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .total_amount(total)
        .prepaid_time("20240102".parse::<ServiceDate>().expect("date"))
        .post_discounts(discounts)
        .build()
}

#[tokio::test]
async fn partner_transitions() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    let n = "T-PARTNER";

    // CREATED: nothing but confirm, cancel, query.
    let first = partner_create(n, &inbox.url).execute(&client).await.expect("create");
    let again =
        partner_create(n, &inbox.url).execute(&client).await.expect("same parameters (原参重入)");
    assert_eq!(first.order_id, again.order_id);
    let mut other = partner_create(n, &inbox.url);
    other.attach = Some("other".into());
    assert_refused(
        other.execute(&client).await,
        (400, "INVALID_REQUEST", "订单重入参数校验失败，请检查商户服务订单号是否重复"),
    );
    assert_refused(partner_complete(n).execute(&client).await, BAD_STATE);
    assert_refused(modify(n, 100).execute(&client).await, BAD_STATE);
    assert_refused(sync(n).execute(&client).await, BAD_STATE);
    assert_refused(
        PayPartnerServiceOrder::builder()
            .out_order_no(no(n))
            .sub_mchid(SUB_MCHID)
            .build()
            .execute(&client)
            .await,
        BAD_STATE,
    );
    assert_refused(pending_message(n).execute(&client).await, BAD_STATE);
    assert!(matches!(server.pay_order(key(n)), Err(ControlError::InvalidState { .. })));

    // DOING/USER_CONFIRM: complete or cancel.
    server.confirm_order(key(n)).expect("confirm");
    assert!(matches!(server.confirm_order(key(n)), Err(ControlError::InvalidState { .. })));
    assert_eq!(state(&client, n).await, "DOING/USER_CONFIRM");
    assert_refused(modify(n, 100).execute(&client).await, BAD_STATE);
    assert_refused(sync(n).execute(&client).await, BAD_STATE);
    pending_message(n).execute(&client).await.expect("pending-fee message while DOING");
    let (payments, discounts, _) = fees();
    let wrong_total = CompletePartnerServiceOrder::builder()
        .out_order_no(no(n))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments.clone())
        .total_amount(Amount::fen(40_000))
        .post_discounts(discounts.clone())
        .time_range(actual_range())
        .build();
    assert_refused(wrong_total.execute(&client).await, (400, "PARAM_ERROR", "最终总金额计算非法"));
    let over_risk = CompletePartnerServiceOrder::builder()
        .out_order_no(no(n))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(vec![
            Payment::builder().name("就餐费用").amount(Amount::fen(60_000)).build(),
        ])
        .total_amount(Amount::fen(60_000))
        .time_range(actual_range())
        .build();
    assert_eq!(code(over_risk.execute(&client).await).1, "PARAM_ERROR");
    let no_end = CompletePartnerServiceOrder::builder()
        .out_order_no(no(n))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments.clone())
        .total_amount(Amount::fen(40_000))
        .build();
    assert_refused(
        no_end.execute(&client).await,
        (400, "PARAM_ERROR", "创建订单未填写服务结束时间，则结束时间必填"),
    );
    let future = CompletePartnerServiceOrder::builder()
        .out_order_no(no(n))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments.clone())
        .total_amount(Amount::fen(40_000))
        .time_range(
            TimeRange::builder()
                .start_time(time("20240101091010"))
                .end_time(time("20991231235959"))
                .build(),
        )
        .build();
    assert_refused(
        future.execute(&client).await,
        (400, "PARAM_ERROR", "实际结束时间不能晚于使用完结接口的时间"),
    );
    let backwards = CompletePartnerServiceOrder::builder()
        .out_order_no(no(n))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .total_amount(Amount::fen(40_000))
        .time_range(
            TimeRange::builder()
                .start_time(time("20240101121010"))
                .end_time(time("20240101091010"))
                .build(),
        )
        .build();
    assert_refused(
        backwards.execute(&client).await,
        (400, "PARAM_ERROR", "真实结束时间小于预计开始时间"),
    );
    assert_eq!(state(&client, n).await, "DOING/USER_CONFIRM", "refused completes change nothing");

    // DOING/MCH_COMPLETE: modify (decrease only), pay, sync; complete only repeated.
    partner_complete(n).execute(&client).await.expect("complete");
    partner_complete(n).execute(&client).await.expect("the same complete again");
    let mut different = partner_complete(n);
    different.goods_tag = Some("other".into());
    assert_refused(different.execute(&client).await, BAD_STATE);
    assert_eq!(code(modify(n, 50_000).execute(&client).await).1, "PARAM_ERROR", "increase refused");
    assert_refused(
        ModifyPartnerServiceOrder::builder()
            .out_order_no(no(n))
            .sub_mchid(SUB_MCHID)
            .post_payments(vec![Payment::builder().name("x").amount(Amount::fen(100)).build()])
            .total_amount(Amount::fen(99))
            .reason("r")
            .build()
            .execute(&client)
            .await,
        (400, "PARAM_ERROR", "最终总金额计算非法"),
    );
    modify(n, 30_000).execute(&client).await.expect("decrease");
    let order = QueryPartnerServiceOrder::builder()
        .lookup(no(n))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(order.total_amount, Some(Amount::fen(30_000)));
    assert_eq!(order.collection.expect("collection").paying_amount, Some(Amount::fen(30_000)));
    PayPartnerServiceOrder::builder()
        .out_order_no(no(n))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("request payment");
    SendPartnerServiceOrderPrepaidMessage::builder()
        .out_order_no(no(n))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(vec![
            Payment::builder().name("就餐费用").amount(Amount::fen(30_000)).build(),
        ])
        .total_amount(Amount::fen(30_000))
        .prepaid_time("20240102".parse::<ServiceDate>().expect("date"))
        .build()
        .execute(&client)
        .await
        .expect("pre-deduction message while being charged");
    sync(n).execute(&client).await.expect("sync: paid through the merchant's channel");

    // DONE: terminal.
    let order = QueryPartnerServiceOrder::builder()
        .lookup(no(n))
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(order.state, ServiceOrderState::Done);
    assert_eq!(order.collection.expect("collection").details[0].paid_type, Some(PaidType::Mch));
    let cancel = CancelPartnerServiceOrder::builder()
        .out_order_no(no(n))
        .sub_mchid(SUB_MCHID)
        .reason("用户取消")
        .build();
    assert_refused(
        cancel.execute(&client).await,
        (400, "INVALID_REQUEST", "当前订单状态不满足撤销条件"),
    );
    assert_refused(modify(n, 100).execute(&client).await, BAD_STATE);
    assert_refused(sync(n).execute(&client).await, BAD_STATE);
    assert_refused(
        PayPartnerServiceOrder::builder()
            .out_order_no(no(n))
            .sub_mchid(SUB_MCHID)
            .build()
            .execute(&client)
            .await,
        BAD_STATE,
    );
    assert!(server.pay_order(key(n)).is_err());

    // Another sub-merchant does not see the order.
    let err = QueryPartnerServiceOrder::builder()
        .lookup(no(n))
        .sub_mchid("1900000110")
        .build()
        .execute(&client)
        .await
        .expect_err("other");
    assert_eq!(api_code(&err).1, "ORDER_NOT_EXIST");
}

#[tokio::test]
async fn partner_cancel_and_expiry() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    let url = "http://127.0.0.1:9/notify";

    partner_create("T-CANCEL", url).execute(&client).await.expect("create");
    let cancel = CancelPartnerServiceOrder::builder()
        .out_order_no(no("T-CANCEL"))
        .sub_mchid(SUB_MCHID)
        .reason("用户取消")
        .service_id(SERVICE_ID)
        .build();
    cancel.execute(&client).await.expect("cancel CREATED");
    cancel.execute(&client).await.expect("the same cancel again (原参重入)");
    assert_refused(
        CancelPartnerServiceOrder::builder()
            .out_order_no(no("T-CANCEL"))
            .sub_mchid(SUB_MCHID)
            .reason("另一个原因")
            .build()
            .execute(&client)
            .await,
        (400, "INVALID_REQUEST", "当前订单状态不满足撤销条件"),
    );
    assert_eq!(state(&client, "T-CANCEL").await, "REVOKED");
    assert_refused(partner_complete("T-CANCEL").execute(&client).await, BAD_STATE);
    assert!(server.confirm_order(key("T-CANCEL")).is_err());

    // Cancelling while being charged is allowed (the 2025 cancel pages list USER_PAYING).
    partner_create("T-CANCEL-2", url).execute(&client).await.expect("create");
    server.confirm_order(key("T-CANCEL-2")).expect("confirm");
    partner_complete("T-CANCEL-2").execute(&client).await.expect("complete");
    CancelPartnerServiceOrder::builder()
        .out_order_no(no("T-CANCEL-2"))
        .sub_mchid(SUB_MCHID)
        .reason("商户撤销")
        .build()
        .execute(&client)
        .await
        .expect("cancel");
    assert_eq!(state(&client, "T-CANCEL-2").await, "REVOKED");

    partner_create("T-EXPIRE", url).execute(&client).await.expect("create");
    server.expire_order(key("T-EXPIRE")).expect("expire");
    assert_eq!(state(&client, "T-EXPIRE").await, "EXPIRED");
    assert!(server.confirm_order(key("T-EXPIRE")).is_err());
    assert_refused(
        CancelPartnerServiceOrder::builder()
            .out_order_no(no("T-EXPIRE"))
            .sub_mchid(SUB_MCHID)
            .reason("x")
            .build()
            .execute(&client)
            .await,
        (400, "INVALID_REQUEST", "当前订单状态不满足撤销条件"),
    );

    // Unknown orders.
    assert_eq!(code(partner_complete("T-NONE").execute(&client).await).1, "ORDER_NOT_EXIST");
    assert_eq!(code(sync("T-NONE").execute(&client).await).0, 404);
}

#[tokio::test]
async fn orders_without_confirmation_need_an_authorized_user() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    let openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    let without_openid = |n: &str| {
        let mut order = partner_create(n, &inbox.url);
        order.need_user_confirm = Some(false);
        order
    };
    let unconfirmed = |n: &str| {
        let mut order = without_openid(n);
        order.openid = Some(openid.into());
        order
    };

    assert_eq!(code(without_openid("T-FREE").execute(&client).await).1, "PARAM_ERROR");
    assert_eq!(
        code(unconfirmed("T-FREE").execute(&client).await).1,
        "INVALID_REQUEST",
        "not authorized"
    );

    server
        .open_service(
            &ServiceAction::new(SERVICE_ID, support::APPID, openid).with_sub_mchid(SUB_MCHID),
        )
        .expect("open service");
    let created = unconfirmed("T-FREE").execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Doing);
    assert!(created.package.is_none());
    partner_complete("T-FREE").execute(&client).await.expect("complete at once");

    // Create and complete in one call (legacy), partner answers 204.
    let (payments, discounts, total) = fees();
    DirectCompletePartnerServiceOrder::builder()
        .out_order_no(no("T-DIRECT-COMPLETE"))
        .service_id(SERVICE_ID)
        .appid(support::APPID)
        .sub_appid(SUB_APPID)
        .service_introduction("XX餐厅")
        .time_range(actual_range())
        .total_amount(total)
        .notify_url(&inbox.url)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .post_discounts(discounts)
        .openid(openid)
        .build()
        .execute(&client)
        .await
        .expect("direct-complete");
    assert_eq!(state(&client, "T-DIRECT-COMPLETE").await, "DOING/MCH_COMPLETE");
}

#[tokio::test]
async fn direct_mode_transitions_and_answers() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    let url = "http://127.0.0.1:9/notify";
    let n = "T-DIRECT";

    direct_create(n, url).execute(&client).await.expect("create");
    assert_refused(direct_complete(n).execute(&client).await, BAD_STATE);
    assert_refused(
        PayServiceOrder::builder().out_order_no(no(n)).appid(APPID).build().execute(&client).await,
        BAD_STATE,
    );
    server.confirm_order(n).expect("confirm");
    SendServiceOrderPendingMessage::builder()
        .out_order_no(no(n))
        .service_id(SERVICE_ID)
        .post_payments(fees().0)
        .total_amount(Amount::fen(40_000))
        .prepaid_time("20240102".parse().expect("date"))
        .build()
        .execute(&client)
        .await
        .expect("pending message");
    direct_complete(n).execute(&client).await.expect("complete");

    let modified = ModifyServiceOrder::builder()
        .out_order_no(no(n))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .post_payments(vec![
            Payment::builder().name("就餐费用").amount(Amount::fen(30_000)).build(),
        ])
        .total_amount(Amount::fen(29_000))
        .reason("优惠")
        .post_discounts(vec![
            Discount::builder().name("优惠").amount(Amount::fen(1_000)).description("x").build(),
        ])
        .build()
        .execute(&client)
        .await
        .expect("modify answers the order");
    assert_eq!(modified.total_amount, Some(Amount::fen(29_000)));

    let paid = PayServiceOrder::builder()
        .out_order_no(no(n))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .build()
        .execute(&client)
        .await;
    assert_eq!(paid.expect("pay answers the ids").out_order_no, n);

    let synced = SyncServiceOrder::builder()
        .out_order_no(no(n))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .detail(SyncDetail::builder().paid_time(time("20240101")).build())
        .build()
        .execute(&client)
        .await
        .expect("sync answers the order");
    assert_eq!(synced.state, ServiceOrderState::Done);

    let cancel =
        CancelServiceOrder::builder().out_order_no(no(n)).appid(APPID).reason("用户取消").build();
    assert_refused(
        cancel.execute(&client).await,
        (400, "INVALID_REQUEST", "当前订单状态不满足撤销条件"),
    );

    // A wrong appid or service_id finds nothing.
    let err = QueryServiceOrder::builder()
        .lookup(no(n))
        .service_id(SERVICE_ID)
        .appid("wx0000000000000000")
        .build()
        .execute(&client)
        .await
        .expect_err("appid");
    assert_eq!(api_code(&err).1, "ORDER_NOT_EXIST");

    // Direct and partner orders live apart.
    assert!(
        QueryPartnerServiceOrder::builder()
            .lookup(no(n))
            .sub_mchid(SUB_MCHID)
            .build()
            .execute(&client)
            .await
            .is_err()
    );

    // Cancel answers the ids.
    direct_create("T-DIRECT-2", url).execute(&client).await.expect("create");
    let cancelled = CancelServiceOrder::builder()
        .out_order_no(no("T-DIRECT-2"))
        .appid(APPID)
        .reason("用户取消")
        .build()
        .execute(&client)
        .await
        .expect("cancel");
    assert_eq!(cancelled.out_order_no, "T-DIRECT-2");
    assert!(!cancelled.order_id.is_empty());

    // Direct-complete needs an authorized user.
    let (payments, discounts, total) = fees();
    let request = DirectCompleteServiceOrder::builder()
        .out_order_no(no("T-DIRECT-3"))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .service_introduction("XX餐厅")
        .time_range(actual_range())
        .total_amount(total)
        .notify_url(url)
        .post_payments(payments)
        .post_discounts(discounts)
        .openid("oUser")
        .build();
    assert_eq!(code(request.execute(&client).await).1, "INVALID_REQUEST");
    server.open_service(&ServiceAction::new(SERVICE_ID, APPID, "oUser")).expect("open");
    let done = request.execute(&client).await.expect("direct-complete");
    assert_eq!(done.state, ServiceOrderState::Doing);
}
