//! Responses decode from the answers WeChat's pages show.

use super::*;

// ---------------------------------------------------------------------------------------
// Responses

#[test]
fn decodes_a_direct_authorization_record() {
    let body = r#"{
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "authorization_code": "1275342195190894594",
        "authorization_state": "AVAILABLE",
        "notify_url": "https://www.weixin.com",
        "cancel_authorization_time": "2015-05-20T13:29:35.120+08:00",
        "authorization_success_time": "2015-05-20T13:29:35+08:00",
        "user_risk_level": 1,
        "risk_level_version": 2,
        "a_field_added_later": {"nested": [1, 2, 3]}
    }"#;
    let record: AuthorizationRecord = serde_json::from_str(body).unwrap();
    assert_eq!(record.service_id, SERVICE_ID);
    assert_eq!(record.appid, APPID);
    assert_eq!(record.mchid, "1230000109");
    assert_eq!(record.openid.as_deref(), Some(OPENID));
    assert_eq!(record.authorization_code.as_deref(), Some("1275342195190894594"));
    assert_eq!(record.authorization_state, AuthorizationState::Available);
    assert_eq!(record.notify_url.as_deref(), Some("https://www.weixin.com"));
    let cancelled = record.cancel_authorization_time.unwrap();
    assert_eq!(cancelled, "2015-05-20T13:29:35.120+08:00".parse::<Rfc3339>().unwrap());
    assert_eq!(cancelled.to_string(), "2015-05-20T13:29:35.120+08:00"); // milliseconds kept
    let authorized = record.authorization_success_time.unwrap();
    assert_eq!(authorized.to_string(), "2015-05-20T13:29:35+08:00");
    assert_eq!(authorized.date_time().offset().whole_hours(), 8);
    assert_eq!(record.sub_mchid, None);
    assert_eq!(record.sub_appid, None);
    assert_eq!(record.sub_openid, None);
    assert_eq!(record.user_risk_level, Some(1));
    assert_eq!(record.risk_level_version, Some(2));
}

#[test]
fn decodes_a_minimal_record_and_keeps_an_unknown_state() {
    let body = r#"{"service_id":"500001","appid":"wxd678efh567hg6787","mchid":"1230000109","authorization_state":"FROZEN"}"#;
    let record: AuthorizationRecord = serde_json::from_str(body).unwrap();
    assert_eq!(record.authorization_state, AuthorizationState::Unknown("FROZEN".to_owned()));
    assert_eq!(record.authorization_state.as_str(), "FROZEN");
    assert_eq!(record.openid, None);
    assert_eq!(record.authorization_code, None);
    // Written back byte for byte: the unknown state round-trips, absent fields stay absent.
    assert_eq!(serde_json::to_string(&record).unwrap(), body);
}

#[test]
fn decodes_a_partner_authorization_record() {
    let body = r#"{
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1900007291",
        "authorization_code": "1275342195190894594",
        "authorization_state": "UNBINDUSER",
        "notify_url": "https://www.weixin.com",
        "sub_mchid": "1900000109",
        "sub_appid": "wx8888888888888888",
        "sub_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "channel_id": "ignored"
    }"#;
    let record: AuthorizationRecord = serde_json::from_str(body).unwrap();
    assert_eq!(record.authorization_state, AuthorizationState::UnbindUser);
    assert_eq!(record.sub_mchid.as_deref(), Some(SUB_MCHID));
    assert_eq!(record.sub_appid.as_deref(), Some(SUB_APPID));
    assert_eq!(record.sub_openid.as_deref(), Some(OPENID));
    assert_eq!(record.openid, None);
    assert_eq!(record.cancel_authorization_time, None);
}

#[test]
fn decodes_a_risk_assessment() {
    let body = r#"{
        "service_id": "2002000000000558128851361561536",
        "appid": "wxd678efh567hg6787",
        "mchid": "1230000109",
        "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "authorization_code": "1275342195190894594",
        "authorization_state": "UNAVAILABLE",
        "notify_url": "https://www.weixin.com",
        "cancel_authorization_time": "2015-05-20T13:29:35+08:00",
        "authorization_success_time": "2015-05-20T13:29:35.120+08:00",
        "sub_mchid": "1230000109",
        "sub_appid": "wxd678efh567hg6787",
        "sub_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "user_label": "A",
        "channel_id": "1230000109",
        "user_risk_level": 1,
        "risk_level_version": 1,
        "risk_model": "new"
    }"#;
    let assessment: UserRiskAssessment = serde_json::from_str(body).unwrap();
    assert_eq!(assessment.user_label.as_deref(), Some("A"));
    assert_eq!(assessment.channel_id.as_deref(), Some("1230000109"));
    assert_eq!(assessment.record.authorization_state, AuthorizationState::Unavailable);
    assert_eq!(assessment.record.user_risk_level, Some(1));
    assert_eq!(assessment.record.risk_level_version, Some(1));
    assert_eq!(assessment.record.sub_openid.as_deref(), Some(OPENID));

    let minimal = r#"{"service_id":"500001","appid":"wxd678efh567hg6787","mchid":"1230000109","authorization_state":"AVAILABLE"}"#;
    let assessment: UserRiskAssessment = serde_json::from_str(minimal).unwrap();
    assert_eq!(
        assessment,
        UserRiskAssessment::builder()
            .record(
                AuthorizationRecord::builder()
                    .service_id("500001")
                    .appid(APPID)
                    .mchid("1230000109")
                    .authorization_state(AuthorizationState::Available)
                    .build()
            )
            .build()
    );
    assert_eq!(serde_json::to_string(&assessment).unwrap(), minimal);
}

#[test]
fn decodes_a_pre_authorization() {
    let body = r#"{"apply_permissions_token":"1LXz0K6T8ob8l0e9Ii7sgg==","expires_in":300}"#;
    let answer: PreAuthorization = serde_json::from_str(body).unwrap();
    assert_eq!(
        answer,
        PreAuthorization::builder().apply_permissions_token("1LXz0K6T8ob8l0e9Ii7sgg==").build()
    );
}

#[test]
fn decodes_a_scene_pre_authorization() {
    let body =
        r#"{"scene":"TRANSACTION","transaction_permissions_token":"token-123","extra":true}"#;
    let answer: ScenePreAuthorization = serde_json::from_str(body).unwrap();
    assert_eq!(answer.scene, AuthorizationScene::Transaction);
    assert_eq!(answer.transaction_permissions_token.as_deref(), Some("token-123"));

    let answer: ScenePreAuthorization = serde_json::from_str(r#"{"scene":"OFFLINE"}"#).unwrap();
    assert_eq!(answer.scene, AuthorizationScene::Unknown("OFFLINE".to_owned()));
    assert_eq!(answer.transaction_permissions_token, None);
    assert_eq!(serde_json::to_string(&answer).unwrap(), r#"{"scene":"OFFLINE"}"#);
}

#[test]
fn decodes_a_user_service_state() {
    let body = r#"{"appid":"wxd678efh567hg6787","service_id":"500001","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","use_service_state":"AVAILABLE","unknown":1}"#;
    let state: UserServiceState = serde_json::from_str(body).unwrap();
    assert_eq!(state.appid, APPID);
    assert_eq!(state.service_id, "500001");
    assert_eq!(state.openid.as_deref(), Some(OPENID));
    assert_eq!(state.use_service_state, UseServiceState::Available);

    let body =
        r#"{"appid":"wxd678efh567hg6787","service_id":"500001","use_service_state":"PAUSED"}"#;
    let state: UserServiceState = serde_json::from_str(body).unwrap();
    assert_eq!(state.openid, None);
    assert_eq!(state.use_service_state, UseServiceState::Unknown("PAUSED".to_owned()));
    assert_eq!(serde_json::to_string(&state).unwrap(), body);
}

#[test]
fn state_enums_round_trip_every_known_value() {
    for (wire, state) in [
        ("UNAVAILABLE", AuthorizationState::Unavailable),
        ("AVAILABLE", AuthorizationState::Available),
        ("UNBINDUSER", AuthorizationState::UnbindUser),
    ] {
        assert_eq!(AuthorizationState::from(wire), state);
        assert_eq!(state.to_string(), wire);
        assert_eq!(serde_json::to_value(&state).unwrap(), json!(wire));
    }
    for (wire, state) in
        [("AVAILABLE", UseServiceState::Available), ("UNAVAILABLE", UseServiceState::Unavailable)]
    {
        assert_eq!(UseServiceState::from(wire), state);
        assert_eq!(state.to_string(), wire);
    }
    assert_eq!(AuthorizationScene::from("TRANSACTION"), AuthorizationScene::Transaction);
}
