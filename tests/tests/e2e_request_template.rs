//! URI-template requests (`Client::request`) against the simulator over loopback: the seed
//! completion answers `204` and changes the order; hostile values and template mistakes are
//! refused before anything is sent; a tampered answer is refused.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/support.rs"]
mod support;

use support::{SUB_MCHID, client, partner_create};
use wxpay_core::{BuildError, Error, Method, NoContent, VerifyError};
use wxpay_mock::{Fault, MockServer, OrderKey};
use wxpay_payscore::partner::service_order::CompletePartnerServiceOrder;

const TEMPLATE: &str = "v3/payscore/partner/serviceorder/{out_order_no}/complete";
/// The seed body, as WeChat's documentation writes it.
const SEED_BODY: &str = r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"time_range":{"start_time":"20091225091010","start_time_remark":"开始租借时间","end_time":"20091225121010","end_time_remark":"租借结束时间"},"location":{"start_location":"嗨客时尚主题展餐厅","end_location":"嗨客时尚主题展餐厅"},"profit_sharing":true,"complete_time":"2019-11-11T16:24:05+08:00","goods_tag":"goods_tag"}"#;

/// A simulator with a confirmed partner order `out_order_no`, created through a template.
async fn confirmed(out_order_no: &str) -> (MockServer, wxpay_core::Client) {
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    let created: serde_json::Value = c
        .request(Method::Post, "v3/payscore/partner/serviceorder")
        .json(&partner_create(out_order_no, "https://example.com/notify"))
        .send()
        .await
        .expect("create through a template");
    assert_eq!(created["state"], "CREATED", "{created}");
    assert_eq!(created["out_order_no"], out_order_no);
    server.confirm_order(OrderKey::partner(SUB_MCHID, out_order_no)).expect("confirm");
    (server, c)
}

#[tokio::test]
async fn seed_completion_through_a_template_answers_204() {
    let (server, c) = confirmed("1234323JKHDFE1243252").await;
    let done = c
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", "1234323JKHDFE1243252")
        .json_text(SEED_BODY)
        .send_verified()
        .await
        .expect("seed completion");
    assert_eq!(done.status.as_u16(), 204);
    assert!(done.body.is_empty());
    let last = server.requests().pop().expect("a request");
    assert_eq!(
        (last.method.as_str(), last.target.as_str(), last.status),
        ("POST", "/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete", Some(204))
    );
    // The order moved on: query it through a GET template.
    let order: serde_json::Value = c
        .request(Method::Get, "v3/payscore/partner/serviceorder")
        .query("service_id", support::SERVICE_ID)
        .query("sub_mchid", SUB_MCHID)
        .query("out_order_no", "1234323JKHDFE1243252")
        .send()
        .await
        .expect("query");
    assert_eq!(order["state"], "DOING", "{order}");
    assert_eq!(order["total_amount"], 39_900, "{order}");
}

#[tokio::test]
async fn refused_values_and_templates_send_nothing() {
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    for bad in ["..", ".", ""] {
        let result = c
            .request(Method::Post, TEMPLATE)
            .path("out_order_no", bad)
            .json_text(SEED_BODY)
            .send::<NoContent>()
            .await;
        assert!(matches!(result, Err(Error::Build(BuildError::PathParameter(_)))), "{result:?}");
    }
    let missing = c.request(Method::Post, TEMPLATE).json_text(SEED_BODY).send::<NoContent>().await;
    match missing {
        Err(Error::Build(BuildError::Template(m))) => assert!(m.contains("{out_order_no}"), "{m}"),
        other => panic!("{other:?}"),
    }
    let unknown = c
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", "A1")
        .path("order_id", "A2")
        .send::<NoContent>()
        .await;
    match unknown {
        Err(Error::Build(BuildError::Template(m))) => assert!(m.contains("`order_id`"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());

    // A value that tries to leave its segment stays inside it: the simulator sees one
    // encoded segment and finds no such order.
    let err = c
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", "../../../v3/certificates")
        .json_text(SEED_BODY)
        .send::<NoContent>()
        .await
        .expect_err("no such order");
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    let last = server.requests().pop().expect("sent");
    assert_eq!(
        last.target,
        "/v3/payscore/partner/serviceorder/..%2F..%2F..%2Fv3%2Fcertificates/complete"
    );
}

#[tokio::test]
async fn a_tampered_answer_is_refused() {
    let (server, c) = confirmed("TEMPLATE-TAMPER-1").await;
    server.add_fault(Fault::tamper_body().on::<CompletePartnerServiceOrder>());
    let result = c
        .request(Method::Post, TEMPLATE)
        .path("out_order_no", "TEMPLATE-TAMPER-1")
        .json_text(SEED_BODY)
        .send::<NoContent>()
        .await;
    match result {
        Err(Error::Verify { source: VerifyError::BadSignature, .. }) => {}
        other => panic!("{other:?}"),
    }
}
