//! Signatures of the acquiring-institution (从业机构) and cross-border (境外) requests, checked
//! against golden values made with the `openssl` CLI, and the HK access point.
//!
//! Each golden value was computed with the documentation test key and the §11.1 timestamp and
//! nonce: `printf 'METHOD\nTARGET\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nBODY\n' |
//! openssl dgst -sha256 -sign key.pem | base64 -w0`.

#![allow(clippy::unwrap_used, missing_docs)]

use serde::de::DeserializeOwned;
use wxpay_core::{
    Client, Endpoint, OutOrderNo,
    testing::{
        DOC_MCHID, DOC_MERCHANT_SERIAL, DOC_NONCE, DOC_PRIVATE_KEY_PEM, DOC_PUBLIC_KEY_ID,
        DOC_PUBLIC_KEY_PEM, DOC_TIMESTAMP,
    },
    transport::MockTransport,
};
use wxpay_payscore::{
    acquiringbank::service_order::{CreateAcquiringBankServiceOrder, QueryAcquiringBankDeduction},
    oversea::{
        HK_BASE_URL,
        partner::service_order::{OverseaSyncDetail, SyncOverseaServiceOrder},
    },
};

fn json<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap()
}

fn client(base_url: Option<&str>) -> Client<MockTransport> {
    let builder = Client::builder()
        .mchid(DOC_MCHID)
        .merchant_serial(DOC_MERCHANT_SERIAL)
        .private_key_pem(DOC_PRIVATE_KEY_PEM)
        .wechatpay_public_key_pem(DOC_PUBLIC_KEY_ID, DOC_PUBLIC_KEY_PEM);
    let builder = match base_url {
        Some(url) => builder.base_url(url).no_backup_base_url(),
        None => builder,
    };
    builder.build_with_transport(MockTransport::new()).unwrap()
}

/// Asserts the URL, the body bytes and the `Authorization` header (its signature given).
#[track_caller]
fn assert_signed<E: Endpoint>(
    client: &Client<MockTransport>,
    endpoint: &E,
    url: &str,
    body: &str,
    signature: &str,
) {
    let request = client.prepare_with(endpoint, DOC_TIMESTAMP, DOC_NONCE).unwrap();
    assert_eq!(request.uri().to_string(), url);
    assert_eq!(std::str::from_utf8(request.body()).unwrap(), body);
    let expected = format!(
        r#"WECHATPAY2-SHA256-RSA2048 mchid="{DOC_MCHID}",nonce_str="{DOC_NONCE}",timestamp="{DOC_TIMESTAMP}",serial_no="{DOC_MERCHANT_SERIAL}",signature="{signature}""#
    );
    assert_eq!(request.headers()["authorization"].to_str().unwrap(), expected);
}

#[test]
fn acquiring_bank_create_signature_matches_openssl() {
    let request = CreateAcquiringBankServiceOrder::builder()
        .service_id("2002000000000558128851361561536")
        .appid("wxd678efh567hg6787")
        .sub_mchid("1900000109")
        .sub_appid("wxd678efh567hg6999")
        .channel_id("1230000109")
        .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
        .service_introduction("XX充电宝")
        .post_payments(json(
            r#"[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}]"#,
        ))
        .risk_fund(json(r#"{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"}"#))
        .time_range(json(r#"{"start_time":"20091225091010","end_time":"20091225121010"}"#))
        .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
        .need_user_confirm(false)
        .notify_url("https://api.test.com")
        .build();
    assert_signed(
        &client(None),
        &request,
        "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder",
        r#"{"service_id":"2002000000000558128851361561536","appid":"wxd678efh567hg6787","sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6999","channel_id":"1230000109","out_order_no":"1234323JKHDFE1243252","service_introduction":"XX充电宝","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"risk_fund":{"name":"DEPOSIT","amount":10000,"description":"就餐的预估费用"},"time_range":{"start_time":"20091225091010","end_time":"20091225121010"},"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o","need_user_confirm":false,"notify_url":"https://api.test.com"}"#,
        concat!(
            "JE0UmfBPpIHPzrsEtakKVc+uTGHR0O3szD54GY4issg04/ByBNl9C2MXhfvtozgKUOxDJ8nhMiX0RUrR",
            "Z3m71fn6xK3P7y2MpFSQ0uztNaRQd/vYQZErjrOLZQJlSsLTLlxo+jH641l2jPjDqYhmK/6B/Z8ivgPC",
            "27ZFPMEYFk6tlNiaOr/SizqqRyK+ZEnbrI73Gs3dPV9sNYLpuXjvgh/QYydJ+HcYru4EjR7jpotaRJig",
            "s2LshM9VBhOqeBfvZZevFEMt4O00Yc5BBCXIirZHaHXAiO8V23C74/hHh+zRe6MVhrvMty2icsk40xsX",
            "mN8JZNmKJzEF8k1mD/8e4w==",
        ),
    );
}

#[test]
fn acquiring_bank_deduction_query_signature_matches_openssl() {
    let request = QueryAcquiringBankDeduction::builder()
        .service_id("2002000000000558128851361561536")
        .appid("wxd678efh567hg6787")
        .sub_mchid("1900000109")
        .channel_id("1230000109")
        .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
        .build();
    assert_signed(
        &client(None),
        &request,
        "https://api.mch.weixin.qq.com/v3/payscore/acquiringbank/serviceorder/deduction?service_id=2002000000000558128851361561536&appid=wxd678efh567hg6787&sub_mchid=1900000109&channel_id=1230000109&out_order_no=1234323JKHDFE1243252",
        "",
        concat!(
            "d1oZi6MyGu2zlVzg7WY4G1v8/RXkyn68QSrUlx99oPhUKxhWJlRNty2P1pNt/DDz9UedCz6+BNkVTBYO",
            "mmi/EdqXHMdSYb0UB9vpr7qqr1PvhZxdFiRNCXMns9BHW23IT24e5qJF8/FEYmKvkjyyBjVmzB4KI+qT",
            "HX8atBsum4LGo6j1KoTS7MA1kCRcUQDjq1xHfn9h+/HWAzM/VsFNxXWEKXZLORDOoodiJJDYSsQhmEN+",
            "p8KyKf/ZAce8X/GBL6yzjIGSuxVwxfpyizDTnHdoCWmqrtbJvzomc3vPzWpkmv2FNF/2q4JZKg2SfXvh",
            "uhGmhDq8CsX23rsAo4ylRA==",
        ),
    );
}

#[test]
fn oversea_sync_on_the_hk_access_point_signature_matches_openssl() {
    let request = SyncOverseaServiceOrder::builder()
        .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
        .service_id("2002000000000558128851361561536")
        .sub_mchid("1900000109")
        .detail(
            OverseaSyncDetail::builder()
                .seq(1)
                .paid_time("2019-11-11T16:24:05+08:00".parse().unwrap())
                .paid_amount(json("100"))
                .build(),
        )
        .build();
    assert_signed(
        &client(Some(HK_BASE_URL)),
        &request,
        "https://apihk.mch.weixin.qq.com/v3/payscore/oversea/partner/serviceorder/1234323JKHDFE1243252/sync",
        r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","type":"Order_Paid","detail":{"seq":1,"paid_time":"2019-11-11T16:24:05+08:00","paid_amount":100}}"#,
        concat!(
            "G6g60cuZqypHIfMDLQy3mepWsWSnPp1JPv1CQ4Pfwbr49c0Wad57FP6gHzdWfdiq4vyREUVrb4wH2QQ9",
            "SGZhg+qyC5WkA69Gh68j/PeTpKjJ6cAACXgatAdyGk/CuVJn/KYlzlyfkb87lFKjEivrxaQ62zTZ1lTv",
            "ijOWmJfkwGAtsHH79RFe++89FNhEKtAoXzIq6mO0PYYOieGhDpIav3sHZ4Jc207x1Ji77uxYY5/F1/cM",
            "gIzdVqhbP4AqQOhEcUiU0uwIFl5xJYkDk6BWmoPfnU4V8pa1QWTnHyc/PJVFpjBtV33o/E2r1hvKBM2S",
            "+YY/D7yzN5H7sZW75hHpdQ==",
        ),
    );
}
