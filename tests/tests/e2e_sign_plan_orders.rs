//! End to end over loopback HTTP: the service orders of a sign plan's items
//! (`POST v3/payscore/sign-plan/serviceorder`, and its partner form) against the simulator.
//! A plan of three lessons is signed; its items are then served in order, one at a time,
//! each order numbered by the item's `merchant_plan_detail_no`, confirmed already (the user
//! confirmed the plan by signing it), priced at the item's price, and completed, charged or
//! cancelled through the ordinary service-order endpoints; the sign plan follows
//! (`USING` → `USED` / `SIGN_PLAN_DETAIL_CANCEL`).

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/plans.rs"]
mod plans;
#[path = "e2e/support.rs"]
mod support;

use plans::{details, sign_details};
use support::{APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, api_code, client, no, time};
use wxpay_core::Client;
use wxpay_mock::{MockServer, OrderKey};
use wxpay_payscore::{
    Amount, Location, Payment, ServiceOrderState, StateDescription, TimeRange,
    plan::{CreatePayScorePlan, partner::CreatePartnerPayScorePlan},
    service_order::{CancelServiceOrder, CompleteServiceOrder},
    sign_plan::{
        CreateSignPlanServiceOrder, CreateUserSignPlan, QueryUserSignPlan, UserSignPlan,
        partner::{CreatePartnerSignPlanServiceOrder, CreatePartnerUserSignPlan},
    },
};

const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

fn served() -> TimeRange {
    TimeRange::builder().start_time(time("20091225091010")).end_time(time("20091225121010")).build()
}

fn item_order(sign_plan_id: &str, item: u32, url: &str) -> CreateSignPlanServiceOrder {
    CreateSignPlanServiceOrder::builder()
        .service_id(SERVICE_ID)
        .sign_plan_id(sign_plan_id)
        .plan_detail_no(item)
        .appid(APPID)
        .openid(OPENID)
        .notify_url(url)
        .service_introduction("瑜伽课")
        .time_range(served())
        .location(Location::builder().start_location("瑜伽馆").end_location("瑜伽馆").build())
        .out_trade_no(format!("SPO-{item}"))
        .build()
}

async fn sign_plan_state(client: &Client) -> UserSignPlan {
    let query = QueryUserSignPlan::builder().merchant_sign_plan_no("SPO").build();
    query.execute(client).await.expect("query sign plan")
}

#[tokio::test]
async fn a_signed_plan_serves_its_items_in_order() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    let plan = CreatePayScorePlan::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .plan_name("瑜伽课3节")
        .plan_duration(30)
        .deduction_quantity(3)
        .total_original_price(Amount::fen(300))
        .total_actual_price(Amount::fen(260))
        .plan_detail_list(details())
        .merchant_plan_no("PLAN-O")
        .build();
    let plan_id = plan.execute(&c).await.expect("plan").plan_id;
    let signed = CreateUserSignPlan::builder()
        .service_id(SERVICE_ID)
        .plan_id(plan_id)
        .appid(APPID)
        .openid(OPENID)
        .merchant_sign_plan_no("SPO")
        .notify_url(&inbox.url)
        .sign_plan_detail(sign_details("SPO"))
        .build();
    let sign_plan_id = signed.execute(&c).await.expect("sign plan").sign_plan.sign_plan_id;

    // Not signed yet: no orders.
    let err = item_order(&sign_plan_id, 1, &inbox.url).execute(&c).await.expect_err("unsigned");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    server.sign_user_plan("SPO", None).expect("the user signs");

    // Items in order, each with its merchant number, of the plan's service.
    let err = item_order(&sign_plan_id, 2, &inbox.url).execute(&c).await.expect_err("skips 1");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    let mut wrong_no = item_order(&sign_plan_id, 1, &inbox.url);
    wrong_no.out_trade_no = "SPO-2".into();
    let err = wrong_no.execute(&c).await.expect_err("another item's number");
    assert_eq!(api_code(&err).1, "PARAM_ERROR", "{err}");
    let mut service = item_order(&sign_plan_id, 1, &inbox.url);
    service.service_id = "500001".into();
    let err = service.execute(&c).await.expect_err("another service");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    let err = item_order("404", 1, &inbox.url).execute(&c).await.expect_err("unknown");
    assert_eq!(api_code(&err).0, 404, "{err}");

    let first = item_order(&sign_plan_id, 1, &inbox.url).execute(&c).await.expect("item 1");
    assert_eq!(first.out_order_no, "SPO-1");
    assert_eq!(first.state, ServiceOrderState::Doing);
    assert_eq!(first.state_description, Some(StateDescription::UserConfirm));
    assert_eq!(first.post_payments[0].amount, Some(Amount::fen(90)));
    assert_eq!(first.post_payments[0].name.as_deref(), Some("第1节课"));
    assert_eq!(first.risk_fund.as_ref().map(|fund| fund.amount), Some(Amount::fen(90)));
    let order_id = first.order_id.clone().expect("order_id");
    let again = item_order(&sign_plan_id, 1, &inbox.url).execute(&c).await.expect("原参重入");
    assert_eq!(again.order_id.as_deref(), Some(order_id.as_str()));
    let err = item_order(&sign_plan_id, 2, &inbox.url).execute(&c).await.expect_err("1 in use");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    let state = sign_plan_state(&c).await;
    assert_eq!(state.going_detail_no, 1);
    let item = &state.signed_detail_list[0];
    assert_eq!(
        (item.plan_detail_state.as_str(), item.order_id.as_deref()),
        ("USING", Some(&*order_id))
    );

    // Completed and charged like any service order: the item is used.
    let payments = vec![Payment::builder().name("第1节课").amount(Amount::fen(90)).build()];
    CompleteServiceOrder::builder()
        .out_order_no(no("SPO-1"))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .post_payments(payments)
        .total_amount(Amount::fen(90))
        .time_range(served())
        .build()
        .execute(&c)
        .await
        .expect("complete (204)");
    server.pay_order("SPO-1").expect("charge");
    let state = sign_plan_state(&c).await;
    assert_eq!(state.signed_detail_list[0].plan_detail_state, "USED");
    assert!(state.signed_detail_list[0].complete_time.is_some());

    // Item 2, cancelled: then item 3 may be served.
    item_order(&sign_plan_id, 2, &inbox.url).execute(&c).await.expect("item 2");
    CancelServiceOrder::builder()
        .out_order_no(no("SPO-2"))
        .appid(APPID)
        .service_id(SERVICE_ID)
        .reason("用户请假")
        .build()
        .execute(&c)
        .await
        .expect("cancel (204)");
    let state = sign_plan_state(&c).await;
    assert_eq!(state.signed_detail_list[1].plan_detail_state, "SIGN_PLAN_DETAIL_CANCEL");
    let third = item_order(&sign_plan_id, 3, &inbox.url).execute(&c).await.expect("item 3");
    assert_eq!(third.post_payments[0].amount, Some(Amount::fen(80)));
    assert_eq!(sign_plan_state(&c).await.going_detail_no, 3);
}

#[tokio::test]
async fn a_sub_merchants_signed_plan_serves_its_items() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    let plan = CreatePartnerPayScorePlan::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .sub_appid(SUB_APPID)
        .plan_name("瑜伽课3节")
        .plan_duration(30)
        .deduction_quantity(3)
        .total_original_price(Amount::fen(300))
        .total_actual_price(Amount::fen(260))
        .plan_detail_list(details())
        .merchant_plan_no("PLAN-P")
        .build();
    let plan_id = plan.execute(&c).await.expect("plan").plan_id;
    let signed = CreatePartnerUserSignPlan::builder()
        .service_id(SERVICE_ID)
        .plan_id(plan_id)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .sub_appid(SUB_APPID)
        .sub_openid(OPENID)
        .merchant_sign_plan_no("SPP")
        .notify_url(&inbox.url)
        .sign_plan_detail(sign_details("SPP"))
        .build();
    let sign_plan_id = signed.execute(&c).await.expect("sign plan").sign_plan.sign_plan_id;
    server.sign_user_plan("SPP", Some(SUB_MCHID)).expect("the user signs");

    let order = |sub_mchid: &str| {
        CreatePartnerSignPlanServiceOrder::builder()
            .service_id(SERVICE_ID)
            .sign_plan_id(&sign_plan_id)
            .plan_detail_no(1)
            .appid(APPID)
            .sub_mchid(sub_mchid)
            .sub_appid(SUB_APPID)
            .sub_openid(OPENID)
            .notify_url(&inbox.url)
            .service_introduction("瑜伽课")
            .time_range(served())
            .out_trade_no("SPP-1")
            .build()
    };
    let err = order("1900000999").execute(&c).await.expect_err("another sub-merchant");
    assert_eq!(api_code(&err).0, 404, "{err}");
    let created = order(SUB_MCHID).execute(&c).await.expect("item 1");
    assert_eq!(created.sub_mchid, SUB_MCHID);
    assert_eq!(created.sub_appid.as_deref(), Some(SUB_APPID));
    assert_eq!(created.state, ServiceOrderState::Doing);
    let stored = server.order(OrderKey::partner(SUB_MCHID, "SPP-1")).expect("partner order");
    assert_eq!(stored["state_description"], "USER_CONFIRM");
}
