//! End to end over loopback HTTP: PayScore plans (支付分计划) and users' sign plans (签约计划),
//! direct and partner, against the simulator: the documented checks of a new plan, query,
//! stop (`NORMAL` → `STOP`), sign plans only on a `NORMAL` plan of the same service, the
//! user signing and cancelling (control actions, also over `/__mock/`) with
//! `PAYSCORE.USER_SIGN_PLAN` / `PAYSCORE.USER_CANCEL_SIGN_PLAN` verified, decrypted and
//! decoded into `SignPlanNotification`, and the merchant's stop.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/plans.rs"]
mod plans;
#[path = "e2e/support.rs"]
mod support;

use plans::{details, sign_details};
use support::{
    APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, api_code, client, payscore_event,
};
use wxpay_mock::{ControlError, MockServer};
use wxpay_payscore::{
    Amount,
    notification::{
        CancelSignType, PayScoreEvent, PlanDetailState, SignPlanNotification, SignPlanState,
    },
    plan::{
        CreatePayScorePlan, QueryPayScorePlan, StopPayScorePlan,
        partner::{CreatePartnerPayScorePlan, QueryPartnerPayScorePlan, StopPartnerPayScorePlan},
    },
    sign_plan::{
        CreateUserSignPlan, QueryUserSignPlan, StopUserSignPlan,
        partner::{CreatePartnerUserSignPlan, QueryPartnerUserSignPlan, StopPartnerUserSignPlan},
    },
};

const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

fn plan(merchant_plan_no: &str) -> CreatePayScorePlan {
    CreatePayScorePlan::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .plan_name("瑜伽课3节")
        .plan_duration(30)
        .deduction_quantity(3)
        .total_original_price(Amount::fen(300))
        .total_actual_price(Amount::fen(260))
        .plan_detail_list(details())
        .merchant_plan_no(merchant_plan_no)
        .build()
}

fn partner_plan(merchant_plan_no: &str) -> CreatePartnerPayScorePlan {
    CreatePartnerPayScorePlan::builder()
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
        .merchant_plan_no(merchant_plan_no)
        .build()
}

fn sign_plan(no: &str, plan_id: &str, notify_url: &str) -> CreateUserSignPlan {
    CreateUserSignPlan::builder()
        .service_id(SERVICE_ID)
        .plan_id(plan_id)
        .appid(APPID)
        .openid(OPENID)
        .merchant_sign_plan_no(no)
        .notify_url(notify_url)
        .sign_plan_detail(sign_details(no))
        .build()
}

fn sign_event(server: &MockServer, inbox: &Receiver, n: usize) -> (String, SignPlanNotification) {
    match payscore_event(server, inbox, n) {
        PayScoreEvent::UserSignPlan(plan) => ("PAYSCORE.USER_SIGN_PLAN".into(), *plan),
        PayScoreEvent::UserCancelSignPlan(plan) => ("PAYSCORE.USER_CANCEL_SIGN_PLAN".into(), *plan),
        other => panic!("expected a sign plan event, got {other:?}"),
    }
}

#[tokio::test]
async fn plans_are_checked_numbered_queried_and_stopped() {
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);

    let created = plan("PLAN-1").execute(&client).await.expect("create");
    assert_eq!(created.plan_state, "NORMAL");
    assert_eq!(created.mchid, server.keys().mchid);
    assert!(!created.plan_id.is_empty());
    let numbers: Vec<u32> = created.plan_detail_list.iter().map(|d| d.plan_detail_no).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(created.plan_detail_list[2].actual_price, Amount::fen(80));
    assert_eq!(created.stop_time, None);
    // The same parameters again: the same plan; others with the same number: refused.
    assert_eq!(plan("PLAN-1").execute(&client).await.expect("repeat").plan_id, created.plan_id);
    let mut other = plan("PLAN-1");
    other.plan_name = "普拉提3节".into();
    assert_eq!(api_code(&other.execute(&client).await.expect_err("reentry")).1, "INVALID_REQUEST");

    // The documented checks, each naming its field.
    let shared = &client;
    let refused = |request: CreatePayScorePlan| async move {
        let err = request.execute(shared).await.expect_err("refused");
        let (status, code, message) = api_code(&err);
        assert_eq!((status, code.as_str()), (400, "PARAM_ERROR"), "{message}");
        message
    };
    let mut count = plan("PLAN-BAD");
    count.deduction_quantity = 2;
    assert!(refused(count).await.contains("扣费次数"));
    let mut above = plan("PLAN-BAD");
    above.plan_detail_list[0].actual_price = Amount::fen(110);
    above.total_actual_price = Amount::fen(280);
    assert!(refused(above).await.contains("原支付金额"));
    let mut rising = plan("PLAN-BAD");
    rising.plan_detail_list[2].actual_price = Amount::fen(95);
    rising.total_actual_price = Amount::fen(275);
    assert!(refused(rising).await.contains("上一个计划明细"));
    let mut totals = plan("PLAN-BAD");
    totals.total_original_price = Amount::fen(301);
    assert!(refused(totals).await.contains("原总金额"));
    let mut actual_total = plan("PLAN-BAD");
    actual_total.total_actual_price = Amount::fen(270);
    assert!(refused(actual_total).await.contains("实际扣费总金额"));

    let query = QueryPayScorePlan::builder().merchant_plan_no("PLAN-1").build();
    assert_eq!(query.clone().execute(&client).await.expect("query"), created);
    let unknown = QueryPayScorePlan::builder().merchant_plan_no("PLAN-NONE").build();
    assert_eq!(api_code(&unknown.execute(&client).await.expect_err("unknown")).0, 404);

    let stop = StopPayScorePlan::builder().merchant_plan_no("PLAN-1").build();
    let stopped = stop.clone().execute(&client).await.expect("stop");
    assert_eq!(stopped.plan_state, "STOP");
    assert_eq!(stopped.stop_mchid.as_deref(), Some(server.keys().mchid.as_str()));
    assert!(stopped.stop_time.is_some());
    assert_eq!(api_code(&stop.execute(&client).await.expect_err("twice")).1, "INVALID_REQUEST");
    assert_eq!(query.execute(&client).await.expect("query").plan_state, "STOP");
    let unknown = StopPayScorePlan::builder().merchant_plan_no("PLAN-NONE").build();
    assert_eq!(api_code(&unknown.execute(&client).await.expect_err("unknown")).0, 404);

    // Partner plans are the sub-merchant's: the same number is another plan.
    let partner = partner_plan("PLAN-1").execute(&client).await.expect("partner create");
    assert_eq!(partner.plan_state, "NORMAL");
    assert_eq!(partner.sub_mchid, SUB_MCHID);
    assert_eq!(partner.sub_appid.as_deref(), Some(SUB_APPID));
    assert_ne!(partner.plan_id, created.plan_id);
    let query =
        QueryPartnerPayScorePlan::builder().merchant_plan_no("PLAN-1").sub_mchid(SUB_MCHID).build();
    assert_eq!(query.clone().execute(&client).await.expect("query").plan_id, partner.plan_id);
    let mut elsewhere = query.clone();
    elsewhere.sub_mchid = "1900000999".into();
    assert_eq!(api_code(&elsewhere.execute(&client).await.expect_err("other")).0, 404);
    let stop =
        StopPartnerPayScorePlan::builder().merchant_plan_no("PLAN-1").sub_mchid(SUB_MCHID).build();
    assert_eq!(stop.clone().execute(&client).await.expect("stop").plan_state, "STOP");
    assert_eq!(api_code(&stop.execute(&client).await.expect_err("twice")).1, "INVALID_REQUEST");
}

#[tokio::test]
async fn a_sign_plan_is_signed_then_cancelled_by_the_user_or_stopped_by_the_merchant() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    let plan_id = plan("PLAN-S").execute(&client).await.expect("plan").plan_id;

    let created = sign_plan("SP-1", &plan_id, &inbox.url).execute(&client).await.expect("create");
    assert!(!created.package.is_empty());
    let sign_plan_1 = &created.sign_plan;
    assert_eq!(sign_plan_1.sign_state, "UNSIGNED");
    assert_eq!(sign_plan_1.plan_id, plan_id);
    assert_eq!(sign_plan_1.going_detail_no, 0);
    assert_eq!(sign_plan_1.openid.as_deref(), Some(OPENID));
    assert_eq!(sign_plan_1.total_actual_price, Amount::fen(260));
    assert_eq!(sign_plan_1.signed_detail_list.len(), 3);
    assert_eq!(sign_plan_1.signed_detail_list[1].merchant_plan_detail_no, "SP-1-2");
    assert_eq!(sign_plan_1.signed_detail_list[1].plan_detail_state, "NOT_USED");
    assert_eq!(sign_plan_1.signed_detail_list[1].plan_detail_name, "第2节课");
    // Repeated numbers, another service, an unknown plan, items not matching the plan.
    let again = sign_plan("SP-1", &plan_id, &inbox.url).execute(&client).await.expect("repeat");
    assert_eq!(again.sign_plan.sign_plan_id, sign_plan_1.sign_plan_id);
    let mut other = sign_plan("SP-1", &plan_id, &inbox.url);
    other.notify_url = "https://example.com/else".into();
    assert_eq!(api_code(&other.execute(&client).await.expect_err("reentry")).1, "INVALID_REQUEST");
    let mut service = sign_plan("SP-X", &plan_id, &inbox.url);
    service.service_id = "500001".into();
    assert_eq!(
        api_code(&service.execute(&client).await.expect_err("service")).1,
        "INVALID_REQUEST"
    );
    let unknown = sign_plan("SP-X", "999999", &inbox.url);
    assert_eq!(api_code(&unknown.execute(&client).await.expect_err("plan")).1, "INVALID_REQUEST");
    let mut short = sign_plan("SP-X", &plan_id, &inbox.url);
    short.sign_plan_detail.pop();
    assert_eq!(api_code(&short.execute(&client).await.expect_err("items")).1, "PARAM_ERROR");
    let mut twice = sign_plan("SP-X", &plan_id, &inbox.url);
    twice.sign_plan_detail[1].merchant_plan_detail_no = "SP-X-1".into();
    assert_eq!(api_code(&twice.execute(&client).await.expect_err("numbers")).1, "PARAM_ERROR");

    // The user cannot cancel before signing; signing sends USER_SIGN_PLAN.
    assert!(matches!(
        server.cancel_user_sign_plan("SP-1", None, None),
        Err(ControlError::InvalidState { .. })
    ));
    let signed = server.sign_user_plan("SP-1", None).expect("sign");
    assert_eq!(signed["sign_state"], "SIGNED");
    inbox.wait_for(1).await;
    let (kind, event) = sign_event(&server, &inbox, 0);
    assert_eq!(kind, "PAYSCORE.USER_SIGN_PLAN");
    assert_eq!(event.merchant_sign_plan_no.as_deref(), Some("SP-1"));
    assert_eq!(event.sign_state, Some(SignPlanState::Signed));
    assert_eq!(event.openid.as_deref(), Some(OPENID));
    assert_eq!(event.plan_id.as_deref(), Some(plan_id.as_str()));
    assert!(event.sign_time.is_some());
    assert_eq!(event.signed_detail_list[0].plan_detail_state, PlanDetailState::NotUsed);
    let query = QueryUserSignPlan::builder().merchant_sign_plan_no("SP-1").build();
    let queried = query.clone().execute(&client).await.expect("query");
    assert_eq!(queried.sign_state, "SIGNED");
    assert_eq!(queried.sign_time, event.sign_time);
    assert!(matches!(server.sign_user_plan("SP-1", None), Err(ControlError::InvalidState { .. })));

    // The user cancels: USER_CANCEL_SIGN_PLAN, the items cancelled.
    server.cancel_user_sign_plan("SP-1", None, Some("不想上了")).expect("cancel");
    inbox.wait_for(2).await;
    let (kind, event) = sign_event(&server, &inbox, 1);
    assert_eq!(kind, "PAYSCORE.USER_CANCEL_SIGN_PLAN");
    assert_eq!(event.sign_state, Some(SignPlanState::SignPlanCancel));
    assert_eq!(event.cancel_sign_type, Some(CancelSignType::User));
    assert_eq!(event.cancel_reason.as_deref(), Some("不想上了"));
    assert!(
        event
            .signed_detail_list
            .iter()
            .all(|d| d.plan_detail_state == PlanDetailState::SignPlanDetailCancel)
    );
    let queried = query.execute(&client).await.expect("query");
    assert_eq!(queried.sign_state, "SIGN_PLAN_CANCEL");
    assert_eq!(queried.cancel_sign_type.as_deref(), Some("USER"));
    assert!(queried.cancel_sign_time.is_some());

    // The merchant stops a sign plan: cancelled, without a notification.
    sign_plan("SP-2", &plan_id, &inbox.url).execute(&client).await.expect("create");
    let stop =
        StopUserSignPlan::builder().merchant_sign_plan_no("SP-2").stop_reason("课程取消").build();
    let stopped = stop.clone().execute(&client).await.expect("stop");
    assert_eq!(stopped.sign_state, "SIGN_PLAN_CANCEL");
    assert_eq!(stopped.cancel_sign_type.as_deref(), Some("MERCHANT"));
    assert_eq!(stopped.cancel_reason.as_deref(), Some("课程取消"));
    assert_eq!(api_code(&stop.execute(&client).await.expect_err("twice")).1, "INVALID_REQUEST");
    assert!(matches!(server.sign_user_plan("SP-2", None), Err(ControlError::InvalidState { .. })));
    assert!(!server.deliveries().iter().any(|d| d.resource["merchant_sign_plan_no"] == "SP-2"));
    let unknown =
        StopUserSignPlan::builder().merchant_sign_plan_no("SP-NONE").stop_reason("x").build();
    assert_eq!(api_code(&unknown.execute(&client).await.expect_err("unknown")).0, 404);

    // A stopped plan takes no new sign plans.
    StopPayScorePlan::builder()
        .merchant_plan_no("PLAN-S")
        .build()
        .execute(&client)
        .await
        .expect("stop plan");
    let late = sign_plan("SP-3", &plan_id, &inbox.url);
    let (_, code, message) = api_code(&late.execute(&client).await.expect_err("stopped plan"));
    assert_eq!(code, "INVALID_REQUEST");
    assert!(message.contains("已停止"), "{message}");
}

#[tokio::test]
async fn partner_sign_plans_over_the_control_routes() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    let plan_id = partner_plan("PLAN-P").execute(&client).await.expect("plan").plan_id;
    let direct_plan_id = plan("PLAN-D").execute(&client).await.expect("direct plan").plan_id;
    let create = |no: &str, plan_id: &str| {
        CreatePartnerUserSignPlan::builder()
            .service_id(SERVICE_ID)
            .plan_id(plan_id)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .sub_appid(SUB_APPID)
            .sub_openid(OPENID)
            .merchant_sign_plan_no(no)
            .notify_url(&inbox.url)
            .sign_plan_detail(sign_details(no))
            .build()
    };
    let created = create("SP-P", &plan_id).execute(&client).await.expect("create");
    assert_eq!(created.sign_plan.sub_mchid, SUB_MCHID);
    assert_eq!(created.sign_plan.sub_openid.as_deref(), Some(OPENID));
    assert_eq!(created.sign_plan.sign_state, "UNSIGNED");
    // The direct merchant's plan is not the sub-merchant's; a user is required.
    let err = create("SP-Q", &direct_plan_id).execute(&client).await.expect_err("other owner");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");
    let mut anonymous = create("SP-Q", &plan_id);
    anonymous.sub_openid = None;
    assert_eq!(api_code(&anonymous.execute(&client).await.expect_err("user")).1, "PARAM_ERROR");

    let http = reqwest::Client::new();
    let url =
        |path: &str| format!("{}__mock/sign-plans/{path}?sub_mchid={SUB_MCHID}", server.base_url());
    let answer = http.post(url("SP-P/sign")).send().await.expect("sign");
    assert_eq!(answer.status(), 200);
    inbox.wait_for(1).await;
    let (kind, event) = sign_event(&server, &inbox, 0);
    assert_eq!(kind, "PAYSCORE.USER_SIGN_PLAN");
    assert_eq!(event.sub_mchid.as_deref(), Some(SUB_MCHID));
    assert_eq!(event.sub_openid.as_deref(), Some(OPENID));
    assert_eq!(event.sign_state, Some(SignPlanState::Signed));
    let query = QueryPartnerUserSignPlan::builder()
        .merchant_sign_plan_no("SP-P")
        .sub_mchid(SUB_MCHID)
        .build();
    assert_eq!(query.clone().execute(&client).await.expect("query").sign_state, "SIGNED");
    assert_eq!(http.post(url("SP-P/sign")).send().await.expect("again").status(), 409);
    assert_eq!(http.post(url("SP-NONE/sign")).send().await.expect("unknown").status(), 404);

    let answer =
        http.post(url("SP-P/cancel")).body(r#"{"reason":"搬家了"}"#).send().await.expect("cancel");
    assert_eq!(answer.status(), 200);
    inbox.wait_for(2).await;
    let (kind, event) = sign_event(&server, &inbox, 1);
    assert_eq!(kind, "PAYSCORE.USER_CANCEL_SIGN_PLAN");
    assert_eq!(event.cancel_reason.as_deref(), Some("搬家了"));
    assert_eq!(query.execute(&client).await.expect("query").sign_state, "SIGN_PLAN_CANCEL");
    let stop = StopPartnerUserSignPlan::builder()
        .merchant_sign_plan_no("SP-P")
        .sub_mchid(SUB_MCHID)
        .stop_reason("课程取消")
        .build();
    assert_eq!(api_code(&stop.execute(&client).await.expect_err("cancelled")).1, "INVALID_REQUEST");
}
