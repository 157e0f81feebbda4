//! `execute()` against `MockTransport`: signed, sent, verified, decoded.

use super::*;

// ---------------------------------------------------------------------------------------
// execute() against MockTransport: signed, sent, verified, decoded

/// A response signed the way WeChat Pay signs it (with the test key, now).
fn signed_response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    wxpay_core::testing::doc_signed_response(status, body)
}

#[tokio::test]
async fn terminate_executes_into_no_content() {
    let client = client();
    client.transport().push_response(signed_response(204, ""));
    let request = TerminatePartnerPermissionsByAuthorizationCode::builder()
        .authorization_code(AUTHORIZATION_CODE)
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .reason("用户注销")
        .build();
    assert_eq!(request.execute(&client).await.unwrap(), NoContent);

    let sent = client.transport().requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method().as_str(), "POST");
    assert_eq!(
        sent[0].uri().to_string(),
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/authorization-code/1234323JKHDFE1243252/terminate"
    );
    assert_eq!(
        sent[0].body().as_slice(),
        r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","reason":"用户注销"}"#.as_bytes()
    );
}

#[tokio::test]
async fn query_executes_into_a_record() {
    let client = client();
    let body = r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","mchid":"1900007291","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","authorization_code":"1234323JKHDFE1243252","authorization_state":"AVAILABLE","authorization_success_time":"2024-05-20T13:29:35.120+08:00"}"#;
    client.transport().push_response(signed_response(200, body));
    let record = QueryPermissionsByOpenid::builder()
        .openid(OPENID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build()
        .execute(&client)
        .await
        .unwrap();
    assert_eq!(record.authorization_state, AuthorizationState::Available);
    assert_eq!(record.authorization_code.as_deref(), Some(AUTHORIZATION_CODE));
    assert_eq!(
        client.transport().requests()[0].uri().to_string(),
        "https://api.mch.weixin.qq.com/v3/payscore/permissions/openid/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o?service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787"
    );
}

#[tokio::test]
async fn assessment_executes_with_sub_mchid_in_the_query() {
    let client = client();
    let body = r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","mchid":"1900007291","sub_mchid":"1900000109","authorization_code":"1234323JKHDFE1243252","authorization_state":"AVAILABLE","user_label":"A","user_risk_level":2,"risk_level_version":1}"#;
    client.transport().push_response(signed_response(200, body));
    let assessment = AssessPartnerUserRiskLevel::builder()
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(PartnerUserLookup::AuthorizationCode(AUTHORIZATION_CODE.to_owned()))
        .build()
        .execute(&client)
        .await
        .unwrap();
    assert_eq!(assessment.user_label.as_deref(), Some("A"));
    assert_eq!(assessment.record.user_risk_level, Some(2));
    let sent = &client.transport().requests()[0];
    assert_eq!(sent.uri().query(), Some("sub_mchid=1900000109"));
    assert!(!std::str::from_utf8(sent.body()).unwrap().contains("sub_mchid"));
}

#[tokio::test]
async fn a_forged_answer_is_rejected() {
    let client = client();
    let mut response = signed_response(200, r#"{"apply_permissions_token":"t"}"#);
    *response.body_mut() = br#"{"apply_permissions_token":"forged"}"#.to_vec();
    client.transport().push_response(response);
    let result = PreAuthorizePermissions::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .authorization_code(AUTHORIZATION_CODE)
        .build()
        .execute(&client)
        .await;
    assert!(matches!(result, Err(Error::Verify { .. })), "{result:?}");
}

#[tokio::test]
async fn a_wechat_error_surfaces_as_an_api_error() {
    let client = client();
    client.transport().push_response(signed_response(
        403,
        r#"{"code":"NO_AUTH","message":"请检查服务授权状态"}"#,
    ));
    let result = QueryPermissionsByAuthorizationCode::builder()
        .authorization_code(AUTHORIZATION_CODE)
        .service_id(SERVICE_ID)
        .build()
        .execute(&client)
        .await;
    assert!(
        matches!(&result, Err(Error::Api { status, code, .. }) if status.as_u16() == 403 && code == "NO_AUTH"),
        "{result:?}"
    );
}
