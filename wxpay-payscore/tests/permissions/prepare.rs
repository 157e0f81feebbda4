//! `prepare()` of every authorization endpoint: direct, legacy and partner.

use super::*;

// ---------------------------------------------------------------------------------------
// Direct mode: prepare()

#[test]
fn pre_authorize_permissions() {
    let request = PreAuthorizePermissions::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .authorization_code(AUTHORIZATION_CODE)
        .notify_url(NOTIFY_URL)
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","authorization_code":"1234323JKHDFE1243252","notify_url":"https://merchant.example.com/payscore/notify"}"#,
    );
}

#[test]
fn pre_authorize_permissions_without_notify_url_sends_no_null() {
    let request = PreAuthorizePermissions::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .authorization_code(AUTHORIZATION_CODE)
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","authorization_code":"1234323JKHDFE1243252"}"#,
    );
}

#[test]
fn query_permissions_by_authorization_code() {
    let request = QueryPermissionsByAuthorizationCode::builder()
        .authorization_code(AUTHORIZATION_CODE)
        .service_id(SERVICE_ID)
        .build();
    assert_request(
        &request,
        "GET",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions/authorization-code/1234323JKHDFE1243252?service_id=2002000000000558128851361561536",
        "",
    );
}

#[test]
fn terminate_permissions_by_authorization_code() {
    let request = TerminatePermissionsByAuthorizationCode::builder()
        .authorization_code(AUTHORIZATION_CODE)
        .service_id(SERVICE_ID)
        .reason("用户注销")
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions/authorization-code/1234323JKHDFE1243252/terminate",
        r#"{"service_id":"2002000000000558128851361561536","reason":"用户注销"}"#,
    );
}

#[test]
fn query_permissions_by_openid() {
    let request = QueryPermissionsByOpenid::builder()
        .openid(OPENID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .build();
    assert_request(
        &request,
        "GET",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions/openid/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o?service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787",
        "",
    );
}

#[test]
fn terminate_permissions_by_openid() {
    let request = TerminatePermissionsByOpenid::builder()
        .openid(OPENID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .reason("用户注销")
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions/openid/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o/terminate",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","reason":"用户注销"}"#,
    );
}

#[test]
fn assess_user_risk_level_by_openid_with_shopping_info() {
    let request = AssessUserRiskLevel::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserLookup::Openid(OPENID.to_owned()))
        .shopping_info(shopping_info())
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions/assess-user-risk-level",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","shopping_info":{"goods":[{"name":"森海塞尔 MOMENTUM 4 无线耳机","picture":"https://mmbiz.qpic.cn/mmbiz_png/goods/640.png","amount":550,"count":1,"category_id":["1001","1002"]},{"name":"耳机收纳包","picture":"https://mmbiz.qpic.cn/mmbiz_png/bag/640.png","amount":99,"count":2}]}}"#,
    );
}

#[test]
fn assess_user_risk_level_by_authorization_code() {
    let request = AssessUserRiskLevel::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserLookup::AuthorizationCode(AUTHORIZATION_CODE.to_owned()))
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/permissions/assess-user-risk-level",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","authorization_code":"1234323JKHDFE1243252"}"#,
    );
}

// ---------------------------------------------------------------------------------------
// Legacy endpoints: prepare()

#[test]
fn query_user_service_state() {
    let request =
        QueryUserServiceState::builder().appid(APPID).service_id(SERVICE_ID).openid(OPENID).build();
    assert_request(
        &request,
        "GET",
        "https://api.mch.weixin.qq.com/v3/payscore/user-service-state?appid=wxd678efh567hg6787&service_id=2002000000000558128851361561536&openid=oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "",
    );
}

#[test]
fn terminate_user_permissions() {
    let request = TerminateUserPermissions::builder()
        .openid(OPENID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .reason("用户注销")
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/users/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o/permissions/2002000000000558128851361561536/terminate",
        r#"{"appid":"wxd678efh567hg6787","reason":"用户注销"}"#,
    );
}

// ---------------------------------------------------------------------------------------
// Partner mode: prepare()

#[test]
fn pre_authorize_partner_permissions() {
    let request = PreAuthorizePartnerPermissions::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code(AUTHORIZATION_CODE)
        .sub_appid(SUB_APPID)
        .notify_url(NOTIFY_URL)
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_appid":"wx8888888888888888","sub_mchid":"1900000109","authorization_code":"1234323JKHDFE1243252","notify_url":"https://merchant.example.com/payscore/notify"}"#,
    );
}

#[test]
fn apply_partner_permissions_for_scene() {
    let request = ApplyPartnerPermissionsForScene::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code(AUTHORIZATION_CODE)
        .transaction_scene_info(
            TransactionSceneInfo::builder().mchid("1900007291").sub_mchid("1900000109").build(),
        )
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/apply-for-scene",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","authorization_code":"1234323JKHDFE1243252","scene":"TRANSACTION","transaction_scene_info":{"mchid":"1900007291","sub_mchid":"1900000109"}}"#,
    );
}

#[test]
fn query_partner_permissions_by_authorization_code() {
    let request = QueryPartnerPermissionsByAuthorizationCode::builder()
        .authorization_code(AUTHORIZATION_CODE)
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .build();
    assert_request(
        &request,
        "GET",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/authorization-code/1234323JKHDFE1243252?service_id=2002000000000558128851361561536&sub_mchid=1900000109",
        "",
    );
}

#[test]
fn terminate_partner_permissions_by_authorization_code() {
    let request = TerminatePartnerPermissionsByAuthorizationCode::builder()
        .authorization_code(AUTHORIZATION_CODE)
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .reason("用户注销")
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/authorization-code/1234323JKHDFE1243252/terminate",
        r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","reason":"用户注销"}"#,
    );
}

#[test]
fn query_partner_permissions_by_openid() {
    let request = QueryPartnerPermissionsByOpenid::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .user(UserIdentity::Openid(OPENID.to_owned()))
        .build();
    assert_request(
        &request,
        "GET",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/search?service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787&sub_mchid=1900000109&openid=oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "",
    );
}

#[test]
fn query_partner_permissions_by_sub_openid() {
    let request = QueryPartnerPermissionsByOpenid::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .user(UserIdentity::SubOpenid(OPENID.to_owned()))
        .sub_appid(SUB_APPID)
        .build();
    assert_request(
        &request,
        "GET",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/search?service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787&sub_mchid=1900000109&sub_appid=wx8888888888888888&sub_openid=oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "",
    );
}

#[test]
fn terminate_partner_permissions_by_openid() {
    let request = TerminatePartnerPermissionsByOpenid::builder()
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .user(UserIdentity::Openid(OPENID.to_owned()))
        .reason("用户注销")
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/terminate",
        r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","appid":"wxd678efh567hg6787","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","reason":"用户注销"}"#,
    );
}

#[test]
fn terminate_partner_permissions_by_sub_openid() {
    let request = TerminatePartnerPermissionsByOpenid::builder()
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .user(UserIdentity::SubOpenid(OPENID.to_owned()))
        .reason("用户注销")
        .sub_appid(SUB_APPID)
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/terminate",
        r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","appid":"wxd678efh567hg6787","sub_appid":"wx8888888888888888","sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","reason":"用户注销"}"#,
    );
}

#[test]
fn assess_partner_user_risk_level_sends_sub_mchid_in_the_query() {
    let request = AssessPartnerUserRiskLevel::builder()
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(PartnerUserLookup::AuthorizationCode(AUTHORIZATION_CODE.to_owned()))
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/assess-user-risk-level?sub_mchid=1900000109",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","authorization_code":"1234323JKHDFE1243252"}"#,
    );
}

#[test]
fn assess_partner_user_risk_level_by_sub_openid_with_shopping_info() {
    let request = AssessPartnerUserRiskLevel::builder()
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserIdentity::SubOpenid(OPENID.to_owned()))
        .sub_appid(SUB_APPID)
        .shopping_info(shopping_info())
        .build();
    assert_request(
        &request,
        "POST",
        "https://api.mch.weixin.qq.com/v3/payscore/partner/permissions/assess-user-risk-level?sub_mchid=1900000109",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_appid":"wx8888888888888888","sub_openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","shopping_info":{"goods":[{"name":"森海塞尔 MOMENTUM 4 无线耳机","picture":"https://mmbiz.qpic.cn/mmbiz_png/goods/640.png","amount":550,"count":1,"category_id":["1001","1002"]},{"name":"耳机收纳包","picture":"https://mmbiz.qpic.cn/mmbiz_png/bag/640.png","amount":99,"count":2}]}}"#,
    );
}

/// Golden value computed independently with
/// `printf 'POST\n/v3/payscore/partner/permissions/assess-user-risk-level?sub_mchid=1900000109\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n<body>\n' | openssl dgst -sha256 -sign key.pem | base64 -w0`.
#[test]
fn assess_partner_user_risk_level_signature_matches_openssl() {
    let request = AssessPartnerUserRiskLevel::builder()
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(PartnerUserLookup::AuthorizationCode(AUTHORIZATION_CODE.to_owned()))
        .build();
    let authorization = prepare(&request).authorization;
    assert_eq!(
        authorization,
        concat!(
            r#"WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242","#,
            r#"timestamp="1554208460",serial_no="408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB","#,
            r#"signature=""#,
            "nLXeKdwfkydM7iznPeAVdHRiObBcrEUka/rAudV5KlPZY67QUN2PVNkkiG/hNY8YsP2bLMgIR30iXFir",
            "lWaqeCCF9GU5OGObVhjnYxlD4B/eqc2PNne4OMv54Oz4eJh9AxcLIz+1IBLPTYzIeC+p2en0NGykIolP",
            "XZ/Z/axkz6rVY6IGn4b4KgnBnre8U5zp6SL4QYtzdoM1/YMV4UWZmBCz6/G0lA97fMLLGDMz7UcI7DpE",
            "ERBlWm5Q8qRlLidvV5BaD2YzRBn8ZjIw1md5bmqFjpmi3IxvfnK69sq6csLp3Ayduh5DeOaIGcK9ZOXq",
            "Pq0X0AjTULZ66uH635JI7w==",
            r#"""#,
        )
    );
}
