//! The checks of the documented limits, one by one.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::types::{RiskFundName, StartTime};

fn payment() -> Payment {
    Payment::builder()
        .name("就餐费用")
        .amount(Amount::fen(40_000))
        .description("就餐人均100元")
        .count(4)
        .build()
}

#[test]
fn counts_characters_not_bytes() {
    // 20 Han characters are 60 bytes but within the limit.
    let name = "汉".repeat(20);
    assert_eq!(
        Payment::builder().name(name.clone()).amount(Amount::ZERO).build().validate(),
        Ok(())
    );
    let long = format!("{name}字");
    assert_eq!(
        Payment::builder().name(long).amount(Amount::ZERO).build().validate(),
        Err(ValidationError::TooLong { field: "name".into(), max: 20, len: 21 })
    );
    assert_eq!(
        Discount::builder()
            .name("满20减1元")
            .amount(Amount::fen(1))
            .description("x".repeat(31))
            .build()
            .validate(),
        Err(ValidationError::TooLong { field: "description".into(), max: 30, len: 31 })
    );
}

#[test]
fn rejects_four_byte_characters() {
    let err = Payment { description: Some("好吃😀".into()), ..payment() }.validate();
    assert_eq!(
        err,
        Err(ValidationError::UnsupportedCharacter {
            field: "description".into(), character: '😀'
        })
    );
    // 3-byte characters (CJK, ¥, €) are fine.
    assert_eq!(Payment { description: Some("¥€汉".into()), ..payment() }.validate(), Ok(()));
    let location = Location::builder().start_location("起点🚲").end_location("终点").build();
    assert!(matches!(
        location.validate(),
        Err(ValidationError::UnsupportedCharacter { field, .. }) if field == "location.start_location"
    ));
    assert!(
        Device::builder().start_device_id("dev-1").materiel_no("𝔸").build().validate().is_err()
    );
}

#[test]
fn checks_count_and_list_sizes() {
    assert_eq!(Payment { count: Some(1), ..payment() }.validate(), Ok(()));
    assert_eq!(Payment { count: Some(100), ..payment() }.validate(), Ok(()));
    for count in [0, 101] {
        assert_eq!(
            Payment { count: Some(count), ..payment() }.validate(),
            Err(ValidationError::CountOutOfRange { field: "count".into(), count })
        );
    }
    let many = vec![Payment::builder().name("a").amount(Amount::ZERO).build(); 101];
    assert_eq!(
        payments(&many, true, true),
        Err(ValidationError::TooManyItems { field: "post_payments".into(), max: 100, len: 101 })
    );
    assert_eq!(payments(&many[..100], true, true), Ok(()));
    assert_eq!(
        payments(&[], true, true),
        Err(ValidationError::Missing { field: "post_payments".into() })
    );
    assert_eq!(payments(&[], false, true), Ok(()));
    let many = vec![Discount::builder().name("a").amount(Amount::ZERO).build(); 31];
    assert!(matches!(discounts(&many), Err(ValidationError::TooManyItems { max: 30, .. })));
    let bad = [payment(), Payment { count: Some(0), ..payment() }];
    assert_eq!(
        payments(&bad, true, true),
        Err(ValidationError::CountOutOfRange { field: "post_payments[1].count".into(), count: 0 })
    );
    let unnamed = [Payment::default()];
    assert_eq!(payments(&unnamed, true, false), Ok(()));
    assert_eq!(
        payments(&unnamed, true, true),
        Err(ValidationError::Missing { field: "post_payments[0].name".into() })
    );
    assert_eq!(
        discounts(&[Discount::builder().name("").amount(Amount::ZERO).build()]),
        Err(ValidationError::Missing { field: "post_discounts[0].name".into() })
    );
}

#[test]
fn checks_the_amount_identity() {
    let discounts = [Discount::builder().name("满20减1元").amount(Amount::fen(100)).build()];
    assert_eq!(amounts(&[payment()], &discounts, Amount::fen(39_900), true), Ok(()));
    assert_eq!(
        amounts(&[payment()], &discounts, Amount::fen(50_000), true),
        Err(ValidationError::TotalAmountMismatch {
            total_amount: Amount::fen(50_000),
            expected: Some(Amount::fen(39_900)),
        })
    );
    let too_much = [Discount::builder().name("x").amount(Amount::fen(40_001)).build()];
    let err = amounts(&[payment()], &too_much, Amount::ZERO, true).unwrap_err();
    assert_eq!(
        err,
        ValidationError::TotalAmountMismatch { total_amount: Amount::ZERO, expected: None }
    );
    assert_eq!(err.to_string(), "`total_amount` is 0 fen, but post_discounts exceed post_payments");
}

#[test]
fn checks_decrease_only() {
    assert_eq!(check_decrease(Amount::fen(100), Amount::fen(99)), Ok(()));
    assert_eq!(check_decrease(Amount::fen(100), Amount::fen(100)), Ok(()));
    let err = check_decrease(Amount::fen(100), Amount::fen(101)).unwrap_err();
    assert_eq!(
        err,
        ValidationError::AmountIncreased { previous: Amount::fen(100), new: Amount::fen(101) }
    );
    assert_eq!(
        err.to_string(),
        "the new total of 101 fen exceeds the previous total of 100 fen; an order total may only be lowered"
    );
}

#[test]
fn checks_remarks_and_risk_fund() {
    let range: TimeRange<StartTime> = TimeRange::builder()
        .start_time(StartTime::OnAccept)
        .start_time_remark("x".repeat(21))
        .build();
    assert_eq!(
        range.validate(),
        Err(ValidationError::TooLong {
            field: "time_range.start_time_remark".into(),
            max: 20,
            len: 21
        })
    );
    let range: TimeRange = TimeRange::builder().end_time_remark("x".repeat(50)).build();
    assert_eq!(range.validate(), Ok(()));
    let range: TimeRange = TimeRange::builder().end_time_remark("x".repeat(51)).build();
    assert!(range.validate().is_err());
    let fund = RiskFund::builder()
        .name(RiskFundName::Deposit)
        .amount(Amount::fen(1))
        .description("y".repeat(31))
        .build();
    assert!(matches!(fund.validate(), Err(ValidationError::TooLong { max: 30, .. })));
}

#[test]
fn messages_name_the_field() {
    let cases = [
        (ValidationError::Missing { field: "reason".into() }, "`reason` is missing or empty"),
        (
            ValidationError::TooLong { field: "attach".into(), max: 256, len: 300 },
            "`attach` is 300 characters long; at most 256 are allowed",
        ),
        (
            ValidationError::CountOutOfRange { field: "post_payments[0].count".into(), count: 0 },
            "`post_payments[0].count` is 0; it must be 1 to 100",
        ),
        (
            ValidationError::TotalAmountMismatch {
                total_amount: Amount::fen(50_000),
                expected: Some(Amount::fen(39_900)),
            },
            "`total_amount` is 50000 fen, but post_payments minus post_discounts is 39900 fen",
        ),
    ];
    for (err, message) in cases {
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn checks_the_shared_order_fields() {
    assert_eq!(ids(&[("appid", "wx1"), ("service_id", "500001")]), Ok(()));
    assert_eq!(
        ids(&[("appid", "wx1"), ("sub_mchid", "")]),
        Err(ValidationError::Missing { field: "sub_mchid".into() })
    );
    assert_eq!(service_introduction(&"一".repeat(20)), Ok(()));
    assert_eq!(
        service_introduction(&"一".repeat(21)),
        Err(ValidationError::TooLong { field: "service_introduction".into(), max: 20, len: 21 })
    );
    let unnamed = Payment { name: None, ..payment() };
    assert_eq!(items(std::slice::from_ref(&unnamed), &[], false), Ok(()));
    assert_eq!(
        items(&[payment(), unnamed], &[], true),
        Err(ValidationError::Missing { field: "post_payments[1].name".into() })
    );
    assert_eq!(
        start_time_given(false),
        Err(ValidationError::Missing { field: "time_range.start_time".into() })
    );
    assert_eq!(
        attach_and_notify_url(Some(&"a".repeat(257)), "https://example.com"),
        Err(ValidationError::TooLong { field: "attach".into(), max: 256, len: 257 })
    );
    assert_eq!(
        attach_and_notify_url(None, ""),
        Err(ValidationError::Missing { field: "notify_url".into() })
    );
}

#[test]
fn an_order_without_confirmation_names_its_user() {
    let missing = |field: &str| Err(ValidationError::Missing { field: field.into() });
    assert_eq!(openid_unless_confirmed(Some(false), false), missing("openid"));
    assert_eq!(openid_unless_confirmed(Some(false), true), Ok(()));
    assert_eq!(openid_unless_confirmed(None, false), Ok(()));
    assert_eq!(openid_unless_confirmed(Some(true), false), Ok(()));
    let id = String::from("x");
    assert_eq!(sub_appid_with_sub_openid(None, Some(&id)), missing("sub_appid"));
    assert_eq!(sub_appid_with_sub_openid(Some(&id), Some(&id)), Ok(()));
    assert_eq!(sub_appid_with_sub_openid(None, None), Ok(()));
}
