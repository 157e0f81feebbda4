//! Downloads a trade bill (交易账单), checks its digest and prints
//! `bill <date>: <rows> rows, <hash_type> verified`.
//!
//! ```text
//! WXPAY_MCHID=… WXPAY_MCH_SERIAL=… WXPAY_MCH_PRIVATE_KEY=apiclient_key.pem \
//! WXPAY_PUBLIC_KEY_ID=PUB_KEY_ID_… WXPAY_PUBLIC_KEY=pub_key.pem \
//!     cargo run -p wxpay-settlement --example download_bill -- \
//!     --date 2026-12-01 [--type ALL|SUCCESS|REFUND] [--gzip] [--sub-mchid ID] --out FILE
//! ```
//!
//! `WXPAY_BASE_URL` points the client at a simulator instead of WeChat Pay. The bill is
//! written decompressed to `FILE` only once its `hash_value` matched: on a mismatch the error
//! is printed, no `FILE` is left behind and the exit code is 1. Bad arguments exit with 2.

use std::{error::Error, process::ExitCode};

use wxpay_core::Client;
use wxpay_settlement::bill::{BillType, GetTradeBill, TarType, TradeBill};

const USAGE: &str = "usage: download_bill --date YYYY-MM-DD [--type ALL|SUCCESS|REFUND] [--gzip] [--sub-mchid ID] --out FILE";

/// The command line.
struct Args {
    date: String,
    bill_type: BillType,
    gzip: bool,
    sub_mchid: Option<String>,
    out: String,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut date, mut out, mut sub_mchid) = (None, None, None);
    let mut bill_type = BillType::All;
    let mut gzip = false;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--date" => date = Some(value()?),
            "--out" => out = Some(value()?),
            "--sub-mchid" => sub_mchid = Some(value()?),
            "--type" => {
                bill_type = match value()?.as_str() {
                    "ALL" => BillType::All,
                    "SUCCESS" => BillType::Success,
                    "REFUND" => BillType::Refund,
                    other => {
                        return Err(format!("--type must be ALL, SUCCESS or REFUND, not {other}"));
                    }
                }
            }
            "--gzip" => gzip = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        date: date.ok_or("--date is missing")?,
        bill_type,
        gzip,
        sub_mchid,
        out: out.ok_or("--out is missing")?,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args).await {
        Ok(line) => {
            println!("{line}");
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

async fn run(args: &Args) -> Result<String, Box<dyn Error>> {
    let client = Client::from_env()?;
    let file = GetTradeBill::builder()
        .bill_date(args.date.clone())
        .bill_type(args.bill_type.clone())
        .maybe_tar_type(args.gzip.then_some(TarType::Gzip))
        .maybe_sub_mchid(args.sub_mchid.clone())
        .build()
        .execute(&client)
        .await?;
    // Written to a temporary file and renamed to `out` only once the digest matched.
    let done = client.download_bill_to_file(&file, &args.out).await?;
    let bill = TradeBill::parse(&std::fs::read_to_string(&args.out)?)?;
    Ok(format!("bill {}: {} rows, {} verified", args.date, bill.rows.len(), done.hash_type))
}
