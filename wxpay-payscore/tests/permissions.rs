//! Request building and response decoding of the authorization (授权 / 预授权) endpoints:
//! direct, partner and legacy.
//!
//! Every endpoint has a `prepare()` test that pins the method, the full URL with its query and
//! the exact body bytes, and checks that the `Authorization` header signs exactly those.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wxpay_core::{Client, Endpoint, Error, NoContent, PrivateKey, sign, transport::MockTransport};
use wxpay_payscore::{
    Amount, Rfc3339, ValidationError,
    partner::permissions::{
        ApplyPartnerPermissionsForScene, AssessPartnerUserRiskLevel, AuthorizationScene,
        PartnerUserLookup, PreAuthorizePartnerPermissions,
        QueryPartnerPermissionsByAuthorizationCode, QueryPartnerPermissionsByOpenid,
        ScenePreAuthorization, TerminatePartnerPermissionsByAuthorizationCode,
        TerminatePartnerPermissionsByOpenid, TransactionSceneInfo, UserIdentity,
    },
    permissions::{
        AssessUserRiskLevel, AuthorizationRecord, AuthorizationState, Goods, PreAuthorization,
        PreAuthorizePermissions, QueryPermissionsByAuthorizationCode, QueryPermissionsByOpenid,
        ShoppingInfo, TerminatePermissionsByAuthorizationCode, TerminatePermissionsByOpenid,
        UserLookup, UserRiskAssessment,
    },
    user_service_state::{QueryUserServiceState, UseServiceState, UserServiceState},
    users::TerminateUserPermissions,
};

use wxpay_core::testing::{
    DOC_MCHID as MCHID, DOC_MERCHANT_SERIAL as MERCHANT_SERIAL, DOC_NONCE as NONCE,
    DOC_PRIVATE_KEY_PEM as PRIVATE_PEM, DOC_TIMESTAMP as TIMESTAMP,
};
const ORIGIN: &str = "https://api.mch.weixin.qq.com";

const SERVICE_ID: &str = "2002000000000558128851361561536";
const APPID: &str = "wxd678efh567hg6787";
const SUB_MCHID: &str = "1900000109";
const SUB_APPID: &str = "wx8888888888888888";
const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
const AUTHORIZATION_CODE: &str = "1234323JKHDFE1243252";
const NOTIFY_URL: &str = "https://merchant.example.com/payscore/notify";

fn client() -> Client<MockTransport> {
    wxpay_core::testing::doc_client()
}

/// The signed request for `endpoint`, with the fixed timestamp and nonce.
struct Prepared {
    method: String,
    url: String,
    body: String,
    authorization: String,
    has_content_type: bool,
}

fn prepare<E: Endpoint>(endpoint: &E) -> Prepared {
    let request = client().prepare_with(endpoint, TIMESTAMP, NONCE).unwrap();
    Prepared {
        method: request.method().as_str().to_owned(),
        url: request.uri().to_string(),
        body: String::from_utf8(request.body().clone()).unwrap(),
        authorization: request.headers()["authorization"].to_str().unwrap().to_owned(),
        has_content_type: request.headers().contains_key("content-type"),
    }
}

/// Asserts method, full URL (with query) and exact body bytes, and that the `Authorization`
/// header signs exactly that method, target and body.
#[track_caller]
fn assert_request<E: Endpoint>(endpoint: &E, method: &str, url: &str, body: &str) {
    let prepared = prepare(endpoint);
    assert_eq!(prepared.method, method);
    assert_eq!(prepared.url, url);
    assert_eq!(prepared.body, body);
    assert_eq!(prepared.has_content_type, method != "GET", "Content-Type only with a body");

    let target = url.strip_prefix(ORIGIN).unwrap();
    let message = sign::request_message(method, target, TIMESTAMP, NONCE, body.as_bytes());
    let signature = PrivateKey::from_pem(PRIVATE_PEM).unwrap().sign_base64(&message).unwrap();
    let expected = sign::authorization(MCHID, NONCE, TIMESTAMP, MERCHANT_SERIAL, &signature);
    assert_eq!(prepared.authorization, expected);
}

/// The top-level keys of a JSON body.
fn body_keys<E: Endpoint>(endpoint: &E) -> Vec<String> {
    let body: Value = serde_json::from_str(&prepare(endpoint).body).unwrap();
    body.as_object().unwrap().keys().cloned().collect()
}

fn path_of(url: &str) -> &str {
    let target = url.strip_prefix(ORIGIN).unwrap();
    target.split_once('?').map_or(target, |(path, _)| path)
}

fn shopping_info() -> ShoppingInfo {
    ShoppingInfo::builder()
        .goods(vec![
            Goods::builder()
                .name("森海塞尔 MOMENTUM 4 无线耳机")
                .picture("https://mmbiz.qpic.cn/mmbiz_png/goods/640.png")
                .amount(Amount::fen(550))
                .count(1)
                .category_id(vec!["1001".into(), "1002".into()])
                .build(),
            Goods::builder()
                .name("耳机收纳包")
                .picture("https://mmbiz.qpic.cn/mmbiz_png/bag/640.png")
                .amount(Amount::fen(99))
                .count(2)
                .build(),
        ])
        .build()
}

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

// ---------------------------------------------------------------------------------------
// Personal data stays out of Debug output

#[test]
fn debug_output_redacts_openids() {
    let outputs = [
        format!(
            "{:?}",
            QueryPermissionsByOpenid::builder()
                .openid(OPENID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .build()
        ),
        format!(
            "{:?}",
            TerminatePermissionsByOpenid::builder()
                .openid(OPENID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            QueryUserServiceState::builder()
                .appid(APPID)
                .service_id(SERVICE_ID)
                .openid(OPENID)
                .build()
        ),
        format!(
            "{:?}",
            TerminateUserPermissions::builder()
                .openid(OPENID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            AssessUserRiskLevel::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .user(UserLookup::Openid(OPENID.to_owned()))
                .build()
        ),
        format!(
            "{:?}",
            QueryPartnerPermissionsByOpenid::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .sub_mchid(SUB_MCHID)
                .user(UserIdentity::SubOpenid(OPENID.to_owned()))
                .build()
        ),
        format!(
            "{:?}",
            TerminatePartnerPermissionsByOpenid::builder()
                .service_id(SERVICE_ID)
                .sub_mchid(SUB_MCHID)
                .appid(APPID)
                .user(UserIdentity::Openid(OPENID.to_owned()))
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            AssessPartnerUserRiskLevel::builder()
                .sub_mchid(SUB_MCHID)
                .service_id(SERVICE_ID)
                .appid(APPID)
                .user(PartnerUserLookup::SubOpenid(OPENID.to_owned()))
                .build()
        ),
        format!("{:?}", {
            let mut record =
                AuthorizationRecord::builder()
                    .service_id(SERVICE_ID)
                    .appid(APPID)
                    .mchid(MCHID)
                    .authorization_state(AuthorizationState::Available)
                    .build();
            record.openid = Some(OPENID.to_owned());
            record.sub_openid = Some(OPENID.to_owned());
            UserRiskAssessment::builder().record(record).build()
        }),
        format!(
            "{:?}",
            serde_json::from_str::<UserServiceState>(
                r#"{"appid":"a","service_id":"s","openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","use_service_state":"AVAILABLE"}"#
            )
            .unwrap()
        ),
    ];
    for output in outputs {
        assert!(!output.contains(OPENID), "openid leaked: {output}");
        assert!(output.contains("<redacted>"), "{output}");
    }
    let record = AuthorizationRecord::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .mchid(MCHID)
        .authorization_state(AuthorizationState::Available)
        .build();
    assert!(format!("{record:?}").contains("openid: None"));
}

#[test]
fn debug_output_redacts_authorization_codes() {
    let code = || AUTHORIZATION_CODE.to_owned();
    let outputs = [
        format!(
            "{:?}",
            PreAuthorizePermissions::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .authorization_code(code())
                .build()
        ),
        format!(
            "{:?}",
            QueryPermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .build()
        ),
        format!(
            "{:?}",
            TerminatePermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            PreAuthorizePartnerPermissions::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .sub_mchid(SUB_MCHID)
                .authorization_code(code())
                .build()
        ),
        format!(
            "{:?}",
            ApplyPartnerPermissionsForScene::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .sub_mchid(SUB_MCHID)
                .authorization_code(code())
                .build()
        ),
        format!(
            "{:?}",
            QueryPartnerPermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .sub_mchid(SUB_MCHID)
                .build()
        ),
        format!(
            "{:?}",
            TerminatePartnerPermissionsByAuthorizationCode::builder()
                .authorization_code(code())
                .service_id(SERVICE_ID)
                .sub_mchid(SUB_MCHID)
                .reason("r")
                .build()
        ),
        format!(
            "{:?}",
            AssessUserRiskLevel::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .user(UserLookup::AuthorizationCode(code()))
                .build()
        ),
        format!("{:?}", PartnerUserLookup::AuthorizationCode(code())),
        format!("{:?}", {
            let mut record = AuthorizationRecord::builder()
                .service_id(SERVICE_ID)
                .appid(APPID)
                .mchid(MCHID)
                .authorization_state(AuthorizationState::Available)
                .build();
            record.authorization_code = Some(code());
            UserRiskAssessment::builder().record(record).build()
        }),
        format!(
            "{:?}",
            serde_json::from_str::<AuthorizationRecord>(&format!(
                r#"{{"service_id":"s","appid":"a","mchid":"m","authorization_code":"{AUTHORIZATION_CODE}","authorization_state":"AVAILABLE"}}"#
            ))
            .unwrap()
        ),
    ];
    for output in outputs {
        assert!(!output.contains(AUTHORIZATION_CODE), "authorization_code leaked: {output}");
        assert!(output.contains("<redacted>"), "{output}");
    }
    // What is not personal stays visible.
    let output = format!(
        "{:?}",
        QueryPermissionsByAuthorizationCode::builder()
            .authorization_code(code())
            .service_id(SERVICE_ID)
            .build()
    );
    assert!(output.contains(SERVICE_ID), "{output}");
}

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

// ---------------------------------------------------------------------------------------
// validate()

#[test]
fn well_formed_requests_validate() {
    assert_eq!(
        PreAuthorizePermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .authorization_code(AUTHORIZATION_CODE)
            .notify_url(NOTIFY_URL)
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        AssessUserRiskLevel::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .user(UserLookup::Openid(OPENID.to_owned()))
            .shopping_info(shopping_info())
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        ApplyPartnerPermissionsForScene::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .authorization_code(AUTHORIZATION_CODE)
            .transaction_scene_info(
                TransactionSceneInfo::builder().mchid(MCHID).sub_mchid(SUB_MCHID).build()
            )
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        TerminatePartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .appid(APPID)
            .user(UserIdentity::SubOpenid(OPENID.to_owned()))
            .reason("用户注销")
            .sub_appid(SUB_APPID)
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        TerminateUserPermissions::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("r")
            .build()
            .validate(),
        Ok(())
    );
    assert_eq!(
        QueryUserServiceState::builder()
            .appid(APPID)
            .service_id(SERVICE_ID)
            .openid(OPENID)
            .build()
            .validate(),
        Ok(())
    );
}

#[test]
fn validate_reports_the_broken_limit() {
    let too_long_code = "A".repeat(33);
    assert_eq!(
        PreAuthorizePermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .authorization_code(too_long_code.as_str())
            .build()
            .validate(),
        Err(ValidationError::TooLong { field: "authorization_code".into(), max: 32, len: 33 })
    );
    // 51 characters, counted as characters rather than bytes.
    let reason = "撤".repeat(51);
    assert_eq!(
        TerminatePermissionsByAuthorizationCode::builder()
            .authorization_code(AUTHORIZATION_CODE)
            .service_id(SERVICE_ID)
            .reason(reason)
            .build()
            .validate(),
        Err(ValidationError::TooLong { field: "reason".into(), max: 50, len: 51 })
    );
    assert_eq!(
        TerminatePermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("")
            .build()
            .validate(),
        Err(ValidationError::Missing { field: "reason".into() })
    );
    assert_eq!(
        QueryPermissionsByOpenid::builder()
            .openid("")
            .service_id(SERVICE_ID)
            .appid(APPID)
            .build()
            .validate(),
        Err(ValidationError::Missing { field: "openid".into() })
    );
    assert!(matches!(
        TerminatePermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .reason("不想用了😀")
            .build()
            .validate(),
        Err(ValidationError::UnsupportedCharacter { field, character: '😀' }) if field == "reason"
    ));
    let long_url = format!("https://example.com/{}", "a".repeat(240));
    assert!(matches!(
        PreAuthorizePartnerPermissions::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .authorization_code(AUTHORIZATION_CODE)
            .notify_url(long_url)
            .build()
            .validate(),
        Err(ValidationError::TooLong { field, max: 255, .. }) if field == "notify_url"
    ));
}

#[test]
fn validate_requires_sub_appid_with_a_sub_openid() {
    let missing = Err(ValidationError::Missing { field: "sub_appid".into() });
    let user = UserIdentity::SubOpenid(OPENID.to_owned());
    assert_eq!(
        QueryPartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .user(user.clone())
            .build()
            .validate(),
        missing
    );
    assert_eq!(
        TerminatePartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .appid(APPID)
            .user(user.clone())
            .reason("r")
            .build()
            .validate(),
        missing
    );
    assert_eq!(
        AssessPartnerUserRiskLevel::builder()
            .sub_mchid(SUB_MCHID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .user(user)
            .build()
            .validate(),
        missing
    );
    // An openid under the provider's app ID needs no `sub_appid`.
    let user = UserIdentity::Openid(OPENID.to_owned());
    assert_eq!(
        QueryPartnerPermissionsByOpenid::builder()
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .user(user)
            .build()
            .validate(),
        Ok(())
    );
}

#[test]
fn validate_checks_the_scene_and_the_goods() {
    let mut request = ApplyPartnerPermissionsForScene::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .authorization_code(AUTHORIZATION_CODE)
        .transaction_scene_info(
            TransactionSceneInfo::builder().mchid(MCHID).sub_mchid(SUB_MCHID).build(),
        )
        .build();
    request.transaction_scene_info = None;
    assert_eq!(
        request.validate(),
        Err(ValidationError::Missing { field: "transaction_scene_info".into() })
    );

    let request = AssessUserRiskLevel::builder()
        .service_id(SERVICE_ID)
        .appid(APPID)
        .user(UserLookup::AuthorizationCode(AUTHORIZATION_CODE.to_owned()))
        .shopping_info(
            ShoppingInfo::builder()
                .goods(vec![
                    Goods::builder().name("").picture("p").amount(Amount::fen(1)).count(1).build(),
                ])
                .build(),
        )
        .build();
    assert_eq!(
        request.validate(),
        Err(ValidationError::Missing { field: "shopping_info.goods[0].name".into() })
    );
    let mut request = request;
    request.shopping_info = Some(ShoppingInfo::builder().goods(Vec::new()).build());
    assert_eq!(
        request.validate(),
        Err(ValidationError::Missing { field: "shopping_info.goods".into() })
    );
}

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
