//! Completes a PayScore service order in partner mode (protocol §9.2) and prints
//! `completed <out_order_no>`.
//!
//! ```text
//! WXPAY_MCHID=… WXPAY_MCH_SERIAL=… WXPAY_MCH_PRIVATE_KEY=apiclient_key.pem \
//! WXPAY_PUBLIC_KEY_ID=PUB_KEY_ID_… WXPAY_PUBLIC_KEY=pub_key.pem \
//!     cargo run -p wxpay-payscore --example complete_order [out_order_no]
//! ```
//!
//! `WXPAY_BASE_URL` points the client at a simulator instead of WeChat Pay.

use std::{error::Error, process::ExitCode};

use wxpay_core::{Client, OutOrderNo};
use wxpay_payscore::{
    Amount, Discount, Location, Payment, TimeRange,
    partner::service_order::CompletePartnerServiceOrder,
};

const DEFAULT_OUT_ORDER_NO: &str = "1234323JKHDFE1243252";

#[tokio::main]
async fn main() -> ExitCode {
    let out_order_no = std::env::args().nth(1).unwrap_or_else(|| DEFAULT_OUT_ORDER_NO.to_owned());
    match run(&out_order_no).await {
        Ok(()) => {
            println!("completed {out_order_no}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            let mut source = err.source();
            while let Some(cause) = source {
                eprintln!("caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run(out_order_no: &str) -> Result<(), Box<dyn Error>> {
    let client = Client::from_env()?;
    let request = CompletePartnerServiceOrder::builder()
        .out_order_no(OutOrderNo::new(out_order_no)?)
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
        .total_amount(
            // 40000 − 100: WeChat rejects a total that differs from payments minus discounts.
            Amount::fen(39_900),
        )
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
                .start_time("20091225091010".parse::<wxpay_payscore::ServiceTime>()?)
                .start_time_remark("开始租借时间")
                .end_time("20091225121010".parse()?)
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
        .complete_time("2019-11-11T16:24:05+08:00".parse()?)
        .goods_tag("goods_tag")
        .build();
    request.validate()?;
    request.execute(&client).await?;
    Ok(())
}
