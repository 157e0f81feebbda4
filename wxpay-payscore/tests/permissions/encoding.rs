//! Path and query fields stay out of the body, hostile values stay in their segment, and
//! requests decode back (the simulator reads them with these very structs).

use super::*;

// ---------------------------------------------------------------------------------------
// Path and query-attribute fields stay out of the body; hostile values stay in their segment

#[test]
fn path_fields_never_appear_in_the_body() {
    let cases: Vec<(Vec<String>, &[&str])> = vec![
        (
            body_keys(
                &TerminatePermissionsByAuthorizationCode::builder()
                    .authorization_code(AUTHORIZATION_CODE)
                    .service_id(SERVICE_ID)
                    .reason("r")
                    .build(),
            ),
            &["authorization_code"],
        ),
        (
            body_keys(
                &TerminatePermissionsByOpenid::builder()
                    .openid(OPENID)
                    .service_id(SERVICE_ID)
                    .appid(APPID)
                    .reason("r")
                    .build(),
            ),
            &["openid"],
        ),
        (
            body_keys(
                &TerminateUserPermissions::builder()
                    .openid(OPENID)
                    .service_id(SERVICE_ID)
                    .appid(APPID)
                    .reason("r")
                    .build(),
            ),
            &["openid", "service_id"],
        ),
        (
            body_keys(
                &TerminatePartnerPermissionsByAuthorizationCode::builder()
                    .authorization_code(AUTHORIZATION_CODE)
                    .service_id(SERVICE_ID)
                    .sub_mchid(SUB_MCHID)
                    .reason("r")
                    .build(),
            ),
            &["authorization_code"],
        ),
        (
            body_keys(
                &AssessPartnerUserRiskLevel::builder()
                    .sub_mchid(SUB_MCHID)
                    .service_id(SERVICE_ID)
                    .appid(APPID)
                    .user(UserIdentity::Openid(OPENID.to_owned()))
                    .build(),
            ),
            &["sub_mchid"],
        ),
    ];
    for (keys, forbidden) in cases {
        for key in forbidden {
            assert!(!keys.iter().any(|k| k == key), "`{key}` leaked into the body: {keys:?}");
        }
    }
}

#[test]
fn path_fields_of_get_endpoints_are_not_repeated_in_the_query() {
    let url = prepare(
        &QueryPermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .build(),
    )
    .url;
    assert_eq!(url.matches(OPENID).count(), 1, "{url}");
    let url = prepare(
        &QueryPermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .build(),
    )
    .url;
    assert!(!url.contains("authorization_code="), "{url}");
    let url = prepare(
        &QueryPartnerPermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .build(),
    )
    .url;
    assert!(!url.contains("authorization_code="), "{url}");
}

#[test]
fn hostile_path_values_are_encoded_inside_their_segment() {
    let url = prepare(
        &QueryPermissionsByAuthorizationCode::builder()
            .authorization_code("../x")
            .service_id(SERVICE_ID)
            .build(),
    )
    .url;
    assert_eq!(path_of(&url), "/v3/payscore/permissions/authorization-code/..%2Fx");

    let url = prepare(
        &TerminatePermissionsByAuthorizationCode::builder()
            .authorization_code("a/b")
            .service_id(SERVICE_ID)
            .reason("r")
            .build(),
    )
    .url;
    assert_eq!(path_of(&url), "/v3/payscore/permissions/authorization-code/a%2Fb/terminate");

    let url = prepare(
        &QueryPermissionsByOpenid::builder()
            .openid("a/b?c=d#e")
            .service_id(SERVICE_ID)
            .appid(APPID)
            .build(),
    )
    .url;
    assert_eq!(path_of(&url), "/v3/payscore/permissions/openid/a%2Fb%3Fc%3Dd%23e");
    assert!(url.ends_with("?service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787"));

    let url = prepare(
        &TerminatePermissionsByOpenid::builder()
            .openid("../x")
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("r")
            .build(),
    )
    .url;
    assert_eq!(path_of(&url), "/v3/payscore/permissions/openid/..%2Fx/terminate");

    let url = prepare(
        &TerminateUserPermissions::builder()
            .openid("a/b")
            .service_id("../x")
            .appid(APPID)
            .reason("r")
            .build(),
    )
    .url;
    assert_eq!(path_of(&url), "/v3/payscore/users/a%2Fb/permissions/..%2Fx/terminate");

    let url = prepare(
        &QueryPartnerPermissionsByAuthorizationCode::builder()
            .authorization_code("a/b")
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .build(),
    )
    .url;
    assert_eq!(path_of(&url), "/v3/payscore/partner/permissions/authorization-code/a%2Fb");

    let url = prepare(
        &TerminatePartnerPermissionsByAuthorizationCode::builder()
            .authorization_code("../x")
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .reason("r")
            .build(),
    )
    .url;
    assert_eq!(
        path_of(&url),
        "/v3/payscore/partner/permissions/authorization-code/..%2Fx/terminate"
    );
}

#[test]
fn query_values_are_form_encoded() {
    let url = prepare(
        &QueryPartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid("a&b=c")
            .user(UserIdentity::Openid("o p".to_owned()))
            .build(),
    )
    .url;
    assert!(url.ends_with("&sub_mchid=a%26b%3Dc&openid=o+p"), "{url}");
    let url = prepare(
        &AssessPartnerUserRiskLevel::builder()
            .sub_mchid("a&b")
            .service_id(SERVICE_ID)
            .appid(APPID)
            .user(UserIdentity::Openid(OPENID.to_owned()))
            .build(),
    )
    .url;
    assert!(url.ends_with("/assess-user-risk-level?sub_mchid=a%26b"), "{url}");
}

// ---------------------------------------------------------------------------------------
// Requests decode back (the simulator reads them with these very structs)

#[test]
fn request_bodies_decode_back_into_the_request_types() {
    let request = TerminatePartnerPermissionsByOpenid::builder()
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .user(UserIdentity::SubOpenid(OPENID.to_owned()))
        .reason("用户注销")
        .sub_appid(SUB_APPID)
        .build();
    let decoded: TerminatePartnerPermissionsByOpenid =
        serde_json::from_str(&prepare(&request).body).unwrap();
    assert_eq!(decoded, request);

    let request = AssessUserRiskLevel::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserLookup::AuthorizationCode(AUTHORIZATION_CODE.to_owned()))
        .shopping_info(shopping_info())
        .build();
    let decoded: AssessUserRiskLevel = serde_json::from_str(&prepare(&request).body).unwrap();
    assert_eq!(decoded, request);

    let request = ApplyPartnerPermissionsForScene::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code(AUTHORIZATION_CODE)
        .transaction_scene_info(
            TransactionSceneInfo::builder().mchid(MCHID).sub_mchid(SUB_MCHID).build(),
        )
        .notify_url(NOTIFY_URL)
        .build();
    let decoded: ApplyPartnerPermissionsForScene =
        serde_json::from_str(&prepare(&request).body).unwrap();
    assert_eq!(decoded, request);
}

#[test]
fn a_body_without_any_user_is_rejected() {
    let body = r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787"}"#;
    assert!(serde_json::from_str::<AssessUserRiskLevel>(body).is_err());
}
