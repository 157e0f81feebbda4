//! Signing, response verification and `prepare()` of the seed endpoint.
//!
//! ```text
//! cargo bench -p wxpay-payscore --bench signing                                              # aws-lc-rs
//! cargo bench -p wxpay-payscore --bench signing --no-default-features --features rustcrypto  # RustCrypto
//! ```
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use wxpay_core::{
    Client, OutOrderNo, PrivateKey, PublicKey, PublicKeyId, TrustStore, sign,
    transport::MockTransport,
};
use wxpay_payscore::{
    Amount, Discount, Payment, TimeRange, partner::service_order::CompletePartnerServiceOrder,
};

const KEY: &str = include_str!("../../wxpay-core/tests/fixtures/official_key.pem");
const PUB: &str = include_str!("../../wxpay-core/tests/fixtures/official_pub.pem");
const PUB_KEY_ID: &str = "PUB_KEY_ID_0000000000000024101100397200000006";

fn seed() -> CompletePartnerServiceOrder {
    let payments = vec![
        Payment::builder()
            .name("就餐费用")
            .amount(Amount::fen(40_000))
            .description("就餐人均100元")
            .count(4)
            .build(),
    ];
    let discounts = vec![
        Discount::builder()
            .name("满20减1元")
            .amount(Amount::fen(100))
            .description("不与其他优惠叠加")
            .count(2)
            .build(),
    ];
    CompletePartnerServiceOrder::builder()
        .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
        .service_id("2002000000000558128851361561536")
        .sub_mchid("1900000109")
        .post_payments(payments)
        .total_amount(Amount::fen(39_900))
        .post_discounts(discounts)
        .time_range(
            TimeRange::builder()
                .start_time("20091225091010".parse::<wxpay_payscore::ServiceTime>().unwrap())
                .end_time("20091225121010".parse().unwrap())
                .build(),
        )
        .profit_sharing(true)
        .goods_tag("goods_tag")
        .build()
}

fn bench(c: &mut Criterion) {
    let backend = wxpay_core::backend_name();
    let key = PrivateKey::from_pem(KEY).unwrap();
    let client = Client::builder()
        .mchid("1900007291")
        .merchant_serial("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB")
        .private_key(key.clone())
        .wechatpay_public_key_pem(PUB_KEY_ID, PUB)
        .build_with_transport(MockTransport::new())
        .unwrap();
    let request = seed();
    let prepared = client.prepare(&request).unwrap();
    let target = prepared.uri().path_and_query().unwrap().as_str().to_owned();
    let message = sign::request_message(
        "POST",
        &target,
        1_554_208_460,
        "593BEC0C930BF1AFEB40B4A08C8FB242",
        prepared.body(),
    );

    c.bench_function(&format!("{backend}/sign_request"), |b| {
        b.iter(|| key.sign_base64(black_box(&message)).unwrap());
    });

    let trust = TrustStore::with_public_key(
        PublicKeyId::new(PUB_KEY_ID).unwrap(),
        PublicKey::from_pem(PUB).unwrap(),
    );
    let body = br#"{"out_order_no":"1234323JKHDFE1243252","service_id":"2002000000000558128851361561536","state":"DOING","state_description":"MCH_COMPLETE","total_amount":39900}"#;
    for (name, body) in [("verify_response_204", &b""[..]), ("verify_response_json", &body[..])] {
        let ts = "1554208460";
        let nonce = "c5ac7061fccab6bf3e254dcf98995b8c";
        let sig = key.sign_base64(&sign::response_message(ts, nonce, body)).unwrap();
        let mut headers = http::HeaderMap::new();
        headers.insert("Wechatpay-Timestamp", ts.parse().unwrap());
        headers.insert("Wechatpay-Nonce", nonce.parse().unwrap());
        headers.insert("Wechatpay-Signature", sig.parse().unwrap());
        headers.insert("Wechatpay-Serial", PUB_KEY_ID.parse().unwrap());
        c.bench_function(&format!("{backend}/{name}"), |b| {
            b.iter(|| {
                trust.verify_at(black_box(&headers), black_box(body), 1_554_208_460, 300).unwrap();
            });
        });
    }

    c.bench_function(&format!("{backend}/prepare_complete_partner_service_order"), |b| {
        b.iter(|| client.prepare(black_box(&request)).unwrap());
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
