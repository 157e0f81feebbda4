//! End to end: user authorization (授权 / 预授权) in direct and partner mode: pre-authorize,
//! the simulated user opening and closing the service (with `PAYSCORE.USER_OPEN_SERVICE` /
//! `USER_CLOSE_SERVICE`), queries, terminations, risk levels and the legacy endpoints.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use serde::de::IgnoredAny;
use support::{APPID, Receiver, SERVICE_ID, SUB_APPID, SUB_MCHID, api_code, client};
use wxpay_mock::{MockServer, ServiceAction};
use wxpay_payscore::{
    UserServiceStatus,
    notification::PayScoreEvent,
    partner::{
        permissions::{
            ApplyPartnerPermissionsForScene, AssessPartnerUserRiskLevel, PartnerUserLookup,
            PreAuthorizePartnerPermissions, QueryPartnerPermissionsByAuthorizationCode,
            QueryPartnerPermissionsByOpenid, TerminatePartnerPermissionsByAuthorizationCode,
            TerminatePartnerPermissionsByOpenid, TransactionSceneInfo, UserIdentity,
        },
        service_quotas::QueryPartnerServiceQuotas,
    },
    permissions::{
        AssessUserRiskLevel, AuthorizationState, PreAuthorizePermissions,
        QueryPermissionsByAuthorizationCode, QueryPermissionsByOpenid,
        TerminatePermissionsByAuthorizationCode, TerminatePermissionsByOpenid, UserLookup,
    },
    user_service_state::{QueryUserServiceState, UseServiceState},
    users::TerminateUserPermissions,
};

const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

fn event(server: &MockServer, inbox: &Receiver, n: usize) -> PayScoreEvent {
    let received = &inbox.received()[n];
    let notification = server
        .notification_parser()
        .expect("parser")
        .parse::<IgnoredAny>(&received.headers, &received.body)
        .expect("verified");
    PayScoreEvent::from_notification(&notification).expect("event")
}

#[tokio::test]
async fn direct_pre_authorization_open_close_and_terminate() {
    let server = MockServer::start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);

    let pre = PreAuthorizePermissions::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .authorization_code("AUTH-1")
        .notify_url(&inbox.url)
        .build();
    let token = pre.execute(&client).await.expect("pre-authorize").apply_permissions_token;
    assert_eq!(pre.execute(&client).await.expect("again").apply_permissions_token, token);
    let other = PreAuthorizePermissions::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .authorization_code("AUTH-1")
        .build();
    assert_eq!(
        api_code(&other.execute(&client).await.expect_err("reused code")).1,
        "INVALID_REQUEST"
    );

    let record = QueryPermissionsByAuthorizationCode::builder()
        .authorization_code("AUTH-1")
        .service_id(SERVICE_ID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(record.authorization_state, AuthorizationState::Unavailable);
    let missing = QueryPermissionsByAuthorizationCode::builder()
        .authorization_code("AUTH-NONE")
        .service_id(SERVICE_ID)
        .build()
        .execute(&client)
        .await;
    assert_eq!(api_code(&missing.expect_err("unknown code")).1, "RESOURCE_NOT_EXISTS");
    // Terminating what is not authorized is refused.
    let terminate = TerminatePermissionsByAuthorizationCode::builder()
        .authorization_code("AUTH-1")
        .service_id(SERVICE_ID)
        .reason("用户注销")
        .build();
    assert_eq!(
        api_code(&terminate.execute(&client).await.expect_err("not open")).1,
        "INVALID_REQUEST"
    );

    // The user opens the service.
    server
        .open_service(&ServiceAction::for_authorization_code(SERVICE_ID, "AUTH-1", OPENID))
        .expect("open");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserOpenService(auth) => {
            assert_eq!(auth.openid, OPENID);
            assert_eq!(auth.user_service_status, UserServiceStatus::UserOpenService);
            assert_eq!(auth.authorization_code.as_deref(), Some("AUTH-1"));
        }
        other => panic!("expected USER_OPEN_SERVICE, got {}", other.event_type()),
    }
    let record = QueryPermissionsByAuthorizationCode::builder()
        .authorization_code("AUTH-1")
        .service_id(SERVICE_ID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(record.authorization_state, AuthorizationState::Available);
    assert_eq!(record.openid.as_deref(), Some(OPENID));
    assert!(record.authorization_success_time.is_some());
    let by_openid = QueryPermissionsByOpenid::builder()
        .openid(OPENID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(by_openid.authorization_state, AuthorizationState::Available);
    let legacy = QueryUserServiceState::builder()
        .appid(APPID)
        .service_id(SERVICE_ID)
        .openid(OPENID)
        .build()
        .execute(&client)
        .await
        .expect("legacy");
    assert_eq!(legacy.use_service_state, UseServiceState::Available);

    // Risk level: the default, then the one set for the user.
    let assessed = AssessUserRiskLevel::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserLookup::Openid(OPENID.into()))
        .build()
        .execute(&client)
        .await
        .expect("assess");
    assert_eq!(assessed.record.user_risk_level, Some(1));
    server.set_user_risk_level(OPENID, 3, 2);
    let assessed = AssessUserRiskLevel::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserLookup::AuthorizationCode("AUTH-1".into()))
        .build()
        .execute(&client)
        .await
        .expect("assess");
    assert_eq!(
        (assessed.record.user_risk_level, assessed.record.risk_level_version),
        (Some(3), Some(2))
    );

    // The user closes the service; the merchant can no longer terminate it.
    server
        .close_service(&ServiceAction::for_authorization_code(SERVICE_ID, "AUTH-1", OPENID))
        .expect("close");
    inbox.wait_for(2).await;
    assert_eq!(event(&server, &inbox, 1).event_type(), "PAYSCORE.USER_CLOSE_SERVICE");
    let record = QueryPermissionsByOpenid::builder()
        .openid(OPENID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(record.authorization_state, AuthorizationState::Unavailable);
    assert!(record.cancel_authorization_time.is_some());
    assert!(
        TerminatePermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("x")
            .build()
            .execute(&client)
            .await
            .is_err()
    );

    // Open again (without pre-authorization this time), then the merchant terminates.
    server.open_service(&ServiceAction::new(SERVICE_ID, APPID, "oOther")).expect("open");
    TerminatePermissionsByOpenid::builder()
        .openid("oOther")
        .service_id(SERVICE_ID)
        .appid(APPID)
        .reason("用户注销")
        .build()
        .execute(&client)
        .await
        .expect("terminate");
    let legacy = QueryUserServiceState::builder()
        .appid(APPID)
        .service_id(SERVICE_ID)
        .openid("oOther")
        .build()
        .execute(&client)
        .await
        .expect("legacy");
    assert_eq!(legacy.use_service_state, UseServiceState::Unavailable);
    server.open_service(&ServiceAction::new(SERVICE_ID, APPID, "oOther")).expect("open");
    TerminateUserPermissions::builder()
        .openid("oOther")
        .service_id(SERVICE_ID)
        .appid(APPID)
        .reason("用户注销")
        .build()
        .execute(&client)
        .await
        .expect("legacy terminate");
    let never = QueryPermissionsByOpenid::builder()
        .openid("oNever")
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(never.authorization_state, AuthorizationState::Unavailable);
}

#[tokio::test]
async fn partner_permissions() {
    let server = MockServer::builder().start().await.expect("simulator");
    let inbox = Receiver::start().await;
    let client = client(&server);
    let mchid = server.credentials().mchid;

    PreAuthorizePartnerPermissions::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code("P-AUTH-1")
        .sub_appid(SUB_APPID)
        .notify_url(&inbox.url)
        .build()
        .execute(&client)
        .await
        .expect("pre-authorize");
    let scene = ApplyPartnerPermissionsForScene::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code("P-AUTH-2")
        .transaction_scene_info(
            TransactionSceneInfo::builder().mchid(mchid.clone()).sub_mchid(SUB_MCHID).build(),
        )
        .build()
        .execute(&client)
        .await
        .expect("apply for scene");
    assert!(scene.transaction_permissions_token.is_some());
    let wrong = ApplyPartnerPermissionsForScene::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code("P-AUTH-3")
        .transaction_scene_info(
            TransactionSceneInfo::builder().mchid("1900009999").sub_mchid(SUB_MCHID).build(),
        )
        .build();
    assert_eq!(
        api_code(&wrong.execute(&client).await.expect_err("other merchant")).1,
        "INVALID_REQUEST"
    );

    server
        .open_service(
            &ServiceAction::for_authorization_code(SERVICE_ID, "P-AUTH-1", OPENID)
                .with_sub_mchid(SUB_MCHID)
                .with_sub_openid(SUB_APPID, "oSubOpenid"),
        )
        .expect("open");
    inbox.wait_for(1).await;
    match event(&server, &inbox, 0) {
        PayScoreEvent::UserOpenService(auth) => {
            assert_eq!(auth.sub_mchid.as_deref(), Some(SUB_MCHID));
            assert_eq!(auth.sub_openid.as_deref(), Some("oSubOpenid"));
        }
        other => panic!("expected USER_OPEN_SERVICE, got {}", other.event_type()),
    }

    let record = QueryPartnerPermissionsByAuthorizationCode::builder()
        .authorization_code("P-AUTH-1")
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(record.authorization_state, AuthorizationState::Available);
    assert_eq!(record.sub_mchid.as_deref(), Some(SUB_MCHID));
    let found = QueryPartnerPermissionsByOpenid::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .user(UserIdentity::SubOpenid("oSubOpenid".into()))
        .sub_appid(SUB_APPID)
        .build()
        .execute(&client)
        .await
        .expect("search");
    assert_eq!(found.authorization_state, AuthorizationState::Available);
    // Another sub-merchant knows nothing of it.
    let elsewhere = QueryPartnerPermissionsByAuthorizationCode::builder()
        .authorization_code("P-AUTH-1")
        .service_id(SERVICE_ID)
        .sub_mchid("1900000110")
        .build()
        .execute(&client)
        .await;
    assert_eq!(api_code(&elsewhere.expect_err("other sub-merchant")).0, 404);

    let assessed = AssessPartnerUserRiskLevel::builder()
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(PartnerUserLookup::Openid(OPENID.into()))
        .build()
        .execute(&client)
        .await
        .expect("assess (sub_mchid in the query string)");
    assert_eq!(assessed.record.user_risk_level, Some(1));

    let quotas = QueryPartnerServiceQuotas::builder()
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .risk_level_version(1)
        .build()
        .execute(&client)
        .await
        .expect("quotas");
    assert_eq!(quotas.mchid, mchid);
    assert!(!quotas.quotas.is_empty());

    TerminatePartnerPermissionsByOpenid::builder()
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .user(UserIdentity::Openid(OPENID.into()))
        .reason("注销")
        .build()
        .execute(&client)
        .await
        .expect("terminate");
    let again = TerminatePartnerPermissionsByAuthorizationCode::builder()
        .authorization_code("P-AUTH-1")
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .reason("注销")
        .build();
    assert_eq!(
        api_code(&again.execute(&client).await.expect_err("already terminated")).1,
        "INVALID_REQUEST"
    );
}

#[tokio::test]
async fn control_routes_over_http() {
    let server = MockServer::builder()
        .service_notify_url("http://127.0.0.1:9/unused")
        .start()
        .await
        .expect("simulator");
    let client = client(&server);
    let http = reqwest::Client::new();
    let base = server.base_url();
    let response = http
        .post(format!("{base}__mock/permissions/open"))
        .header("Content-Type", "application/json")
        .body(format!(r#"{{"service_id":"{SERVICE_ID}","appid":"{APPID}","openid":"oHttp"}}"#))
        .send()
        .await
        .expect("open");
    assert_eq!(response.status(), 200);
    let record = QueryPermissionsByOpenid::builder()
        .openid("oHttp")
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .expect("query");
    assert_eq!(record.authorization_state, AuthorizationState::Available);
    let response = http
        .post(format!("{base}__mock/permissions/close"))
        .header("Content-Type", "application/json")
        .body(format!(r#"{{"service_id":"{SERVICE_ID}","openid":"oHttp"}}"#))
        .send()
        .await
        .expect("close");
    assert_eq!(response.status(), 200);
    let missing =
        http.post(format!("{base}__mock/orders/NOPE/confirm")).send().await.expect("confirm");
    assert_eq!(missing.status(), 404);
    let health = http.get(format!("{base}__mock/health")).send().await.expect("health");
    assert_eq!(health.status(), 200);
    // Events went to the service notification URL (which refuses connections): recorded.
    let delivery = server
        .wait_for_delivery("PAYSCORE.USER_CLOSE_SERVICE", support::WAIT)
        .await
        .expect("delivery");
    assert!(!delivery.delivered);
}
