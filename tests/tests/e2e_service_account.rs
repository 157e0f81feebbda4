//! End to end over loopback HTTP: service-account applications (收付通子商户绑定支付分服务,
//! partner) against the simulator: create (`PROCESSING`), query, repeated numbers, WeChat's
//! approval or rejection (control actions, also over `/__mock/`), and
//! `PAYSCORE.BIND_SERVICE_ACCOUNT` verified, decrypted and decoded into the typed payload.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/support.rs"]
mod support;

use support::{
    APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, api_code, client, payscore_event,
};
use wxpay_mock::{ControlError, MockServer};
use wxpay_payscore::{
    notification::{PayScoreEvent, ServiceAccountNotification},
    partner::service_account_applications::{
        CreateServiceAccountApplication, QueryServiceAccountApplication,
    },
};

fn apply(out_apply_no: &str, notify_url: Option<&str>) -> CreateServiceAccountApplication {
    CreateServiceAccountApplication::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .sub_appid(SUB_APPID)
        .out_apply_no(out_apply_no)
        .maybe_result_notify_url(notify_url.map(str::to_owned))
        .build()
}

fn query(out_apply_no: &str) -> QueryServiceAccountApplication {
    QueryServiceAccountApplication::builder().out_apply_no(out_apply_no).build()
}

fn bind_event(server: &MockServer, inbox: &Receiver, n: usize) -> ServiceAccountNotification {
    match payscore_event(server, inbox, n) {
        PayScoreEvent::BindServiceAccount(account) => *account,
        other => panic!("expected BIND_SERVICE_ACCOUNT, got {other:?}"),
    }
}

#[tokio::test]
async fn an_application_is_processed_then_approved_with_a_notification() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);

    let created = apply("APPLY-1", Some(&inbox.url)).execute(&client).await.expect("apply");
    assert_eq!(created.apply_state, "PROCESSING");
    assert_eq!(created.mchid, server.keys().mchid);
    assert_eq!(created.sub_mchid, SUB_MCHID);
    assert_eq!(created.result_notify_url.as_deref(), Some(inbox.url.as_str()));
    assert_eq!(created.reject_reason, None);
    // The same parameters again answer the application; others with its number are refused.
    let again = apply("APPLY-1", Some(&inbox.url)).execute(&client).await.expect("repeat");
    assert_eq!(again, created);
    let mut other = apply("APPLY-1", Some(&inbox.url));
    other.sub_mchid = "1900000999".into();
    assert_eq!(
        api_code(&other.execute(&client).await.expect_err("duplicate")).1,
        "INVALID_REQUEST"
    );
    // WeChat's number rules and a reachable HTTPS callback.
    let err = apply("APPLY|2", None).execute(&client).await.expect_err("bad number");
    assert_eq!(api_code(&err).1, "PARAM_ERROR");
    let err =
        apply("APPLY-3", Some("http://example.com/n")).execute(&client).await.expect_err("http");
    assert_eq!(api_code(&err).1, "PARAM_ERROR");

    assert_eq!(query("APPLY-1").execute(&client).await.expect("query").apply_state, "PROCESSING");
    let err = query("APPLY-NONE").execute(&client).await.expect_err("unknown");
    assert_eq!(api_code(&err).0, 404);

    let approved = server.approve_service_account("APPLY-1").expect("approve");
    assert_eq!(approved["apply_state"], "APPROVED");
    inbox.wait_for(1).await;
    let event = bind_event(&server, &inbox, 0);
    assert_eq!(event.out_apply_no, "APPLY-1");
    assert_eq!(event.apply_state, "APPROVED");
    assert_eq!(event.sub_mchid, SUB_MCHID);
    assert_eq!(event.sub_appid.as_deref(), Some(SUB_APPID));
    assert_eq!(event.service_id, SERVICE_ID);
    assert_eq!(event.reject_reason, None);
    let application = query("APPLY-1").execute(&client).await.expect("query");
    assert_eq!(application.apply_state, "APPROVED");
    // Decided once: neither approved nor rejected again.
    assert!(matches!(
        server.reject_service_account("APPLY-1", None),
        Err(ControlError::InvalidState { .. })
    ));
    assert!(matches!(
        server.approve_service_account("APPLY-NONE"),
        Err(ControlError::OrderNotFound(_))
    ));
}

#[tokio::test]
async fn a_rejection_over_http_carries_the_reason() {
    let inbox = Receiver::start().await;
    let server = MockServer::start().await.expect("simulator");
    let client = client(&server);
    apply("APPLY-R", Some(&inbox.url)).execute(&client).await.expect("apply");
    // Without a callback URL the result is only queried.
    apply("APPLY-Q", None).execute(&client).await.expect("apply");

    let http = reqwest::Client::new();
    let url =
        |path: &str| format!("{}__mock/service-account-applications/{path}", server.base_url());
    let answer = http
        .post(url("APPLY-R/reject"))
        .body(r#"{"reject_reason":"子商户未开通收付通"}"#)
        .send()
        .await
        .expect("reject");
    assert_eq!(answer.status(), 200);
    inbox.wait_for(1).await;
    let event = bind_event(&server, &inbox, 0);
    assert_eq!(event.apply_state, "REJECTED");
    assert_eq!(event.reject_reason.as_deref(), Some("子商户未开通收付通"));
    let application = query("APPLY-R").execute(&client).await.expect("query");
    assert_eq!(application.reject_reason.as_deref(), Some("子商户未开通收付通"));
    let again = http.post(url("APPLY-R/approve")).send().await.expect("approve");
    assert_eq!(again.status(), 409);
    let unknown = http.post(url("APPLY-NONE/approve")).send().await.expect("approve");
    assert_eq!(unknown.status(), 404);

    let approved = http.post(url("APPLY-Q/approve")).send().await.expect("approve");
    assert_eq!(approved.status(), 200);
    assert_eq!(query("APPLY-Q").execute(&client).await.expect("query").apply_state, "APPROVED");
    assert!(
        !server.deliveries().iter().any(|d| d.resource["out_apply_no"] == "APPLY-Q"),
        "no notification without result_notify_url"
    );
}
