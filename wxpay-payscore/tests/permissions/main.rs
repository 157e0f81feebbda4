//! Request building and response decoding of the authorization (授权 / 预授权) endpoints:
//! direct, partner and legacy.
//!
//! Every endpoint has a `prepare()` test that pins the method, the full URL with its query and
//! the exact body bytes, and checks that the `Authorization` header signs exactly those.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod debug;
mod encoding;
mod execute;
mod prepare;
mod responses;
mod simulator_view;
mod validate;

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
