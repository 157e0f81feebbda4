//! The seed request and the signed fixtures shared by the seed and request-template tests
//! (`#[path = "shared/seed.rs"] mod seed_request;`).

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use wxpay_core::OutOrderNo;
use wxpay_payscore::{
    Amount, Discount, Location, Payment, ServiceTime, TimeRange,
    partner::service_order::CompletePartnerServiceOrder,
};

/// `wxpay-core`'s fixtures: signed answers and keys.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../wxpay-core/tests/fixtures");

/// A fixture file's text.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

/// The seed request: complete order `1234323JKHDFE1243252` of sub-merchant `1900000109` as
/// WeChat's page shows it.
pub fn seed() -> CompletePartnerServiceOrder {
    CompletePartnerServiceOrder::builder()
        .out_order_no(OutOrderNo::new("1234323JKHDFE1243252").unwrap())
        .service_id("2002000000000558128851361561536")
        .sub_mchid("1900000109")
        .post_payments(vec![
            Payment::builder()
                .name("就餐费用")
                .amount(Amount::fen(40_000))
                .description("就餐人均100元")
                .count(4)
                .build(),
        ])
        .total_amount(Amount::fen(39_900))
        .post_discounts(vec![
            Discount::builder()
                .name("满20减1元")
                .amount(Amount::fen(100))
                .description("不与其他优惠叠加")
                .count(2)
                .build(),
        ])
        .time_range(
            TimeRange::builder()
                .start_time("20091225091010".parse::<ServiceTime>().unwrap())
                .start_time_remark("开始租借时间")
                .end_time("20091225121010".parse().unwrap())
                .end_time_remark("租借结束时间")
                .build(),
        )
        .location(
            Location::builder()
                .start_location("嗨客时尚主题展餐厅")
                .end_location("嗨客时尚主题展餐厅")
                .build(),
        )
        .profit_sharing(true)
        .complete_time("2019-11-11T16:24:05+08:00".parse().unwrap())
        .goods_tag("goods_tag")
        .build()
}
