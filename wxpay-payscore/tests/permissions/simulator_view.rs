//! The simulator's view: body (or query) plus the path values decode back into the request.

use super::*;

// ---------------------------------------------------------------------------------------
// The simulator's view: body (or query) plus the path values decode back into the request

/// Decodes the JSON body of `endpoint`, with `extra` (path or query-attribute values)
/// merged in, the way the simulator reads a request, and asserts it gives `endpoint` back.
#[track_caller]
fn assert_body_round_trips<E>(endpoint: &E, extra: &[(&str, &str)])
where
    E: Endpoint + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let mut body: serde_json::Map<String, Value> =
        serde_json::from_str(&prepare(endpoint).body).unwrap();
    for (name, value) in extra {
        assert!(!body.contains_key(*name), "`{name}` must not be in the body");
        body.insert((*name).to_owned(), (*value).into());
    }
    let decoded: E = serde_json::from_value(body.into()).unwrap();
    assert_eq!(&decoded, endpoint);
}

/// Decodes the query string of a `GET` endpoint, with the path values merged in, and asserts
/// it gives `endpoint` back.
#[track_caller]
fn assert_query_round_trips<E>(endpoint: &E, path: &[(&str, &str)])
where
    E: Endpoint + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let url = prepare(endpoint).url;
    let query = url.split_once('?').map_or("", |(_, query)| query);
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
    for (name, value) in path {
        assert!(pairs.iter().all(|(key, _)| key != name), "`{name}` must not be in the query");
        pairs.push(((*name).to_owned(), (*value).to_owned()));
    }
    let decoded: E =
        serde_urlencoded::from_str(&serde_urlencoded::to_string(&pairs).unwrap()).unwrap();
    assert_eq!(&decoded, endpoint);
}

#[test]
fn every_body_decodes_back_with_its_path_and_query_values() {
    assert_body_round_trips(
        &PreAuthorizePermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .authorization_code(AUTHORIZATION_CODE)
            .notify_url(NOTIFY_URL)
            .build(),
        &[],
    );
    assert_body_round_trips(
        &TerminatePermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .reason("r")
            .build(),
        &[("authorization_code", AUTHORIZATION_CODE)],
    );
    assert_body_round_trips(
        &TerminatePermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("r")
            .build(),
        &[("openid", OPENID)],
    );
    assert_body_round_trips(
        &AssessUserRiskLevel::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .user(UserLookup::Openid(OPENID.to_owned()))
            .shopping_info(shopping_info())
            .build(),
        &[],
    );
    assert_body_round_trips(
        &TerminateUserPermissions::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("r")
            .build(),
        &[("openid", OPENID), ("service_id", SERVICE_ID)],
    );
    assert_body_round_trips(
        &PreAuthorizePartnerPermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .authorization_code(AUTHORIZATION_CODE)
            .sub_appid(SUB_APPID)
            .build(),
        &[],
    );
    assert_body_round_trips(
        &ApplyPartnerPermissionsForScene::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .authorization_code(AUTHORIZATION_CODE)
            .transaction_scene_info(
                TransactionSceneInfo::builder().mchid(MCHID).sub_mchid(SUB_MCHID).build(),
            )
            .notify_url(NOTIFY_URL)
            .build(),
        &[],
    );
    assert_body_round_trips(
        &TerminatePartnerPermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .reason("r")
            .build(),
        &[("authorization_code", AUTHORIZATION_CODE)],
    );
    assert_body_round_trips(
        &TerminatePartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .appid(APPID)
            .user(UserIdentity::SubOpenid(OPENID.to_owned()))
            .reason("r")
            .sub_appid(SUB_APPID)
            .build(),
        &[],
    );
    assert_body_round_trips(
        &AssessPartnerUserRiskLevel::builder()
            .sub_mchid(SUB_MCHID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .user(UserIdentity::Openid(OPENID.to_owned()))
            .shopping_info(shopping_info())
            .build(),
        &[("sub_mchid", SUB_MCHID)],
    );
}

#[test]
fn every_query_decodes_back_with_its_path_values() {
    assert_query_round_trips(
        &QueryPermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .build(),
        &[("authorization_code", AUTHORIZATION_CODE)],
    );
    assert_query_round_trips(
        &QueryPermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .build(),
        &[("openid", OPENID)],
    );
    assert_query_round_trips(
        &QueryUserServiceState::builder()
            .appid(APPID)
            .service_id(SERVICE_ID)
            .openid(OPENID)
            .build(),
        &[],
    );
    assert_query_round_trips(
        &QueryPartnerPermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .build(),
        &[("authorization_code", AUTHORIZATION_CODE)],
    );
    assert_query_round_trips(
        &QueryPartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .user(UserIdentity::SubOpenid(OPENID.to_owned()))
            .sub_appid(SUB_APPID)
            .build(),
        &[],
    );
    assert_query_round_trips(
        &QueryPartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .user(UserIdentity::Openid(OPENID.to_owned()))
            .build(),
        &[],
    );
}
