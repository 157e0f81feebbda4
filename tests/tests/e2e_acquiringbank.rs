//! End to end over loopback HTTP: acquiring-institution PayScore orders (从业机构,
//! `/v3/payscore/acquiringbank/serviceorder...`) against the simulator: the partner order
//! machine with the order's `channel_id`; cancel, modify, complete and sync answer a
//! verified `204`; `PAYSCORE.USER_CONFIRM` / `USER_PAID` decode into `PayScoreEvent`.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use serde::de::IgnoredAny;
use support::{
    APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, actual_range, api_code, client, deposit,
    fees, no,
};
use wxpay_mock::{MockServer, OrderKey};
use wxpay_payscore::{
    Amount, CollectionState, Payment, ServiceOrderState, StateDescription,
    acquiringbank::service_order::{
        CancelAcquiringBankServiceOrder, CompleteAcquiringBankServiceOrder,
        CreateAcquiringBankServiceOrder, ModifyAcquiringBankServiceOrder,
        QueryAcquiringBankDeduction, QueryAcquiringBankServiceOrder,
        RegisterAcquiringBankDeductInfo,
    },
    notification::PayScoreEvent,
};

const CHANNEL_ID: &str = "1900000100";

/// A model from its JSON (the same with hand-written constructors or derived builders).
fn json<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("model JSON")
}

fn event(server: &MockServer, inbox: &Receiver, n: usize) -> PayScoreEvent {
    let received = &inbox.received()[n];
    let parser = server.notification_parser().expect("parser");
    let notification = parser
        .parse::<IgnoredAny>(&received.headers, &received.body)
        .expect("verified notification");
    PayScoreEvent::from_notification(&notification).expect("payscore event")
}

fn create(out_order_no: &str, notify_url: &str) -> CreateAcquiringBankServiceOrder {
    CreateAcquiringBankServiceOrder::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .sub_appid(SUB_APPID)
        .channel_id(CHANNEL_ID)
        .out_order_no(no(out_order_no))
        .service_introduction("XX充电宝")
        .post_payments(fees().0)
        .risk_fund(deposit())
        .time_range(json(r#"{"start_time":"OnAccept"}"#))
        .notify_url(notify_url)
        .build()
}

fn complete(out_order_no: &str) -> CompleteAcquiringBankServiceOrder {
    let (payments, discounts, total) = fees();
    CompleteAcquiringBankServiceOrder::builder()
        .out_order_no(no(out_order_no))
        .service_id(SERVICE_ID)
        .channel_id(CHANNEL_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .post_discounts(discounts)
        .total_amount(total)
        .time_range(actual_range())
        .build()
}

fn query(out_order_no: &str, channel_id: &str) -> QueryAcquiringBankServiceOrder {
    QueryAcquiringBankServiceOrder::builder()
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .channel_id(channel_id)
        .lookup(no(out_order_no))
        .build()
}

#[tokio::test]
async fn acquiring_bank_order_life() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);

    let created = create("AB-1", &inbox.url).execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Created);
    assert_eq!(created.channel_id, CHANNEL_ID);
    assert_eq!(created.sub_mchid, SUB_MCHID);
    assert!(created.package.is_some());

    server.confirm_order(OrderKey::partner(SUB_MCHID, "AB-1")).expect("confirm");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserConfirm(order) => {
            assert_eq!(order.out_order_no, "AB-1");
            assert_eq!(order.sub_mchid.as_deref(), Some(SUB_MCHID));
        }
        other => panic!("expected USER_CONFIRM, got {other:?}"),
    }

    // Deductions are registered for completed orders only.
    let register = RegisterAcquiringBankDeductInfo::builder()
        .out_order_no(no("AB-1"))
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .channel_id(CHANNEL_ID)
        .out_trade_no("DEDUCT-AB-1")
        .build();
    assert_eq!(api_code(&register.execute(&client).await.expect_err("early")).1, "INVALID_REQUEST");
    let deduction = QueryAcquiringBankDeduction::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .channel_id(CHANNEL_ID)
        .out_order_no(no("AB-1"))
        .build();
    assert_eq!(api_code(&deduction.execute(&client).await.expect_err("none yet")).0, 404);

    complete("AB-1").execute(&client).await.expect("complete (204, verified)");
    // WeChat asks the institution to create the cashier order (商户预下单通知).
    inbox.wait_for(2).await;
    match event(&server, &inbox, 1) {
        PayScoreEvent::MchPrepay(prepay) => {
            assert_eq!(prepay.out_order_no, "AB-1");
            assert_eq!(prepay.sub_mchid, SUB_MCHID);
            assert_eq!(prepay.channel_id.as_deref(), Some(CHANNEL_ID));
            assert_eq!(prepay.total_amount, Amount::fen(39_900));
            let body = &prepay.prepay_req_body;
            assert_eq!(body.sub_mchid.as_deref(), Some(SUB_MCHID));
            assert_eq!(body.body.as_deref(), Some("XX充电宝"));
            assert_eq!(body.notify_url.as_deref(), Some(inbox.url.as_str()));
            let (start, expire) = (body.time_start.as_deref(), body.time_expire.as_deref());
            assert!(start.zip(expire).is_some_and(|(s, e)| s.len() == 14 && s < e));
        }
        other => panic!("expected MCH_PREPAY, got {other:?}"),
    }
    // Completing again with the same parameters (原参重入) does not ask again.
    complete("AB-1").execute(&client).await.expect("complete again (204)");
    let registered = register.execute(&client).await.expect("register");
    assert_eq!(registered.description.as_deref(), Some("XX充电宝"));
    let found = deduction.execute(&client).await.expect("deduction");
    assert_eq!(found.out_trade_no, "DEDUCT-AB-1");
    assert_eq!(found.description, "XX充电宝");
    let order = query("AB-1", CHANNEL_ID).execute(&client).await.expect("query");
    assert_eq!(order.state, ServiceOrderState::Doing);
    assert_eq!(order.state_description, Some(StateDescription::MchComplete));
    assert_eq!(order.channel_id.as_deref(), Some(CHANNEL_ID));
    assert_eq!(order.total_amount, Some(Amount::fen(39_900)));

    // Lower the amount while it is being charged; raising it is refused.
    let modify = |total: u64| {
        ModifyAcquiringBankServiceOrder::builder()
            .out_order_no(no("AB-1"))
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .channel_id(CHANNEL_ID)
            .post_payments(json::<Vec<Payment>>(&format!(
                r#"[{{"name":"就餐费用","amount":{}}}]"#,
                total + 100
            )))
            .post_discounts(json(r#"[{"name":"满20减1元","amount":100}]"#))
            .total_amount(Amount::fen(total))
            .reason("用户投诉")
            .build()
    };
    modify(30_000).execute(&client).await.expect("modify (204)");
    let err = modify(35_000).execute(&client).await.expect_err("raise");
    assert_eq!(api_code(&err).1, "PARAM_ERROR");

    server.pay_order(OrderKey::partner(SUB_MCHID, "AB-1")).expect("charge");
    inbox.wait_for(3).await;
    assert_eq!(inbox.received().len(), 3, "one MCH_PREPAY, however often completed");
    match event(&server, &inbox, 2) {
        PayScoreEvent::UserPaid(order) => {
            assert_eq!(order.out_order_no, "AB-1");
            assert_eq!(order.total_amount, Some(Amount::fen(30_000)));
            assert_eq!(order.collection.expect("collection").state, CollectionState::UserPaid);
        }
        other => panic!("expected USER_PAID, got {other:?}"),
    }
    let order = query("AB-1", CHANNEL_ID).execute(&client).await.expect("query");
    assert_eq!(order.state, ServiceOrderState::Done);

    // Another channel does not see the order.
    let err = query("AB-1", "1900000999").execute(&client).await.expect_err("other channel");
    assert_eq!(api_code(&err).1, "ORDER_NOT_EXIST");

    // Cancel: allowed before payment, refused after.
    create("AB-2", &inbox.url).execute(&client).await.expect("create");
    let cancel = |n: &str| {
        CancelAcquiringBankServiceOrder::builder()
            .out_order_no(no(n))
            .service_id(SERVICE_ID)
            .channel_id(CHANNEL_ID)
            .sub_mchid(SUB_MCHID)
            .reason("用户取消")
            .build()
    };
    cancel("AB-2").execute(&client).await.expect("cancel (204)");
    assert_eq!(
        query("AB-2", CHANNEL_ID).execute(&client).await.expect("query").state,
        ServiceOrderState::Revoked
    );
    let err = cancel("AB-1").execute(&client).await.expect_err("paid");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");

    // The request's own validate(): an empty reason.
    let mut empty = cancel("AB-2");
    empty.reason = String::new();
    let (status, code, _) = api_code(&empty.execute(&client).await.expect_err("empty reason"));
    assert_eq!((status, code.as_str()), (400, "PARAM_ERROR"));
}

#[tokio::test]
async fn acquiring_bank_permissions_by_authorization_code() {
    use wxpay_payscore::acquiringbank::permissions::{
        PreAuthorizeAcquiringBankPermissions, QueryAcquiringBankPermissionsByAuthorizationCode,
        TerminateAcquiringBankPermissionsByAuthorizationCode,
    };

    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    let code = "AUTH-AB-1";

    let pre = PreAuthorizeAcquiringBankPermissions::builder()
        .service_id(SERVICE_ID)
        .channel_id(CHANNEL_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code(code)
        .notify_url(&inbox.url)
        .build();
    let token = pre.execute(&client).await.expect("pre-authorize");
    assert!(!token.apply_permissions_token.is_empty());
    let query = QueryAcquiringBankPermissionsByAuthorizationCode::builder()
        .authorization_code(code)
        .service_id(SERVICE_ID)
        .channel_id(CHANNEL_ID)
        .sub_mchid(SUB_MCHID)
        .build();
    let record = query.execute(&client).await.expect("query");
    assert_eq!(record.authorization_state.as_str(), "UNAVAILABLE");
    assert_eq!(record.authorization_code, code);
    assert_eq!(record.channel_id.as_deref(), Some(CHANNEL_ID));

    // The user authorizes in WeChat: USER_OPEN_SERVICE to the pre-authorization's URL.
    server
        .open_service(
            &wxpay_mock::ServiceAction::for_authorization_code(SERVICE_ID, code, "oUser1")
                .with_sub_mchid(SUB_MCHID),
        )
        .expect("open");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserOpenService(a) => {
            assert_eq!(a.authorization_code.as_deref(), Some(code));
            assert_eq!(a.sub_mchid.as_deref(), Some(SUB_MCHID));
        }
        other => panic!("expected USER_OPEN_SERVICE, got {other:?}"),
    }
    let record = query.execute(&client).await.expect("query");
    assert_eq!(record.authorization_state.as_str(), "AVAILABLE");
    assert!(record.authorization_success_time.is_some());

    let terminate = TerminateAcquiringBankPermissionsByAuthorizationCode::builder()
        .authorization_code(code)
        .service_id(SERVICE_ID)
        .channel_id(CHANNEL_ID)
        .sub_mchid(SUB_MCHID)
        .reason("用户投诉")
        .build();
    terminate.execute(&client).await.expect("terminate (204)");
    let record = query.execute(&client).await.expect("query");
    assert_eq!(record.authorization_state.as_str(), "UNAVAILABLE");
    let err = terminate.execute(&client).await.expect_err("twice");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");
    let err = QueryAcquiringBankPermissionsByAuthorizationCode::builder()
        .authorization_code("NO-SUCH-CODE")
        .service_id(SERVICE_ID)
        .channel_id(CHANNEL_ID)
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect_err("unknown code");
    assert_eq!(api_code(&err).0, 404);
}

#[tokio::test]
async fn acquiring_bank_pay_on_delivery_order_joins_the_machine() {
    use wxpay_payscore::acquiringbank::CreateAcquiringBankPayOnDeliveryOrder;

    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    let request: CreateAcquiringBankPayOnDeliveryOrder = serde_json::from_str(&format!(
        r#"{{"out_order_no":"POD-1","appid":"{APPID}","sub_mchid":"{SUB_MCHID}","channel_id":"{CHANNEL_ID}",
            "service_id":"{SERVICE_ID}","service_introduction":"XX充电宝",
            "post_payments":[{{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}}],
            "time_range":{{"start_time":"OnAccept"}},"risk_fund":{{"name":"ESTIMATE_ORDER_COST","amount":50000}},
            "notify_url":"{}","shopping_info":{{"real_merchant_appid":"{APPID}",
            "goods":[{{"name":"无线耳机","picture":"https://example.com/p.png","amount":40000,"count":1}}]}}}}"#,
        inbox.url
    ))
    .expect("request");
    let created = request.execute(&client).await.expect("create");
    assert_eq!(created.state, ServiceOrderState::Created);
    assert!(created.package.is_some());
    let shopping = created.shopping_info.expect("shopping_info");
    assert_eq!(shopping.goods.len(), 1);

    server.confirm_order(OrderKey::partner(SUB_MCHID, "POD-1")).expect("confirm");
    complete("POD-1").execute(&client).await.expect("complete (204)");
    let order = query("POD-1", CHANNEL_ID).execute(&client).await.expect("query");
    assert_eq!(order.state_description, Some(StateDescription::MchComplete));
    assert_eq!(order.total_amount, Some(Amount::fen(39_900)));

    // Without sub_mchid the order has no owner.
    let mut unowned = request.clone();
    unowned.sub_mchid = None;
    assert_eq!(
        api_code(&unowned.execute(&client).await.expect_err("no sub_mchid")).1,
        "PARAM_ERROR"
    );
}
