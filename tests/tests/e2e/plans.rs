//! Helpers of the PayScore plan end-to-end tests (`#[path = "e2e/plans.rs"] mod plans;`):
//! a plan of three lessons and the merchant numbers of a sign plan's items.

#![allow(dead_code, unreachable_pub)]

use wxpay_payscore::{Amount, plan::PlanDetail, sign_plan::SignPlanDetail};

/// Three lessons at 1 yuan: 0.90, 0.90, 0.80 charged.
pub fn details() -> Vec<PlanDetail> {
    [(100, 90), (100, 90), (100, 80)]
        .into_iter()
        .enumerate()
        .map(|(i, (original, actual))| {
            PlanDetail::builder()
                .plan_detail_name(format!("第{}节课", i + 1))
                .original_price(Amount::fen(original))
                .actual_price(Amount::fen(actual))
                .plan_discount_description("享受九折")
                .build()
        })
        .collect()
}

pub fn sign_details(prefix: &str) -> Vec<SignPlanDetail> {
    (1..=3)
        .map(|n| {
            SignPlanDetail::builder()
                .plan_detail_no(n)
                .merchant_plan_detail_no(format!("{prefix}-{n}"))
                .build()
        })
        .collect()
}
