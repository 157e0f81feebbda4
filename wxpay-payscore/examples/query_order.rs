//! Queries a PayScore service order and prints `<out_order_no> <state>`, followed by
//! `/<state_description>` when WeChat reports one (e.g. `1234323JKHDFE1243252 DOING/MCH_COMPLETE`).
//!
//! ```text
//! WXPAY_MCHID=… WXPAY_MCH_SERIAL=… WXPAY_MCH_PRIVATE_KEY=apiclient_key.pem \
//! WXPAY_PUBLIC_KEY_ID=PUB_KEY_ID_… WXPAY_PUBLIC_KEY=pub_key.pem \
//!     cargo run -p wxpay-payscore --example query_order -- \
//!     OUT_ORDER_NO --service-id ID [--sub-mchid ID] [--appid ID]
//! ```
//!
//! With `--sub-mchid` the partner query (`GET /v3/payscore/partner/serviceorder`) is used,
//! otherwise the direct one (`GET /v3/payscore/serviceorder`, which needs `--appid`). The
//! configuration comes from the environment as for `complete_order`; `WXPAY_BASE_URL` points
//! the client at a simulator, `WXPAY_MAX_ATTEMPTS` and `WXPAY_BACKUP_BASE_URL` set the retries
//! and the failover host. Exit status: 0 on success, 1 on any error (its chain is printed),
//! 2 on a usage error.

use std::{error::Error, process::ExitCode};

use wxpay_core::{Client, OutOrderNo};
use wxpay_payscore::{
    partner::service_order::QueryPartnerServiceOrder,
    service_order::{QueryServiceOrder, ServiceOrder},
};

const USAGE: &str = "usage: query_order OUT_ORDER_NO --service-id ID [--sub-mchid ID] [--appid ID]";

/// The command line.
struct Args {
    out_order_no: String,
    service_id: String,
    sub_mchid: Option<String>,
    appid: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut out_order_no, mut service_id, mut sub_mchid, mut appid) = (None, None, None, None);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--service-id" => &mut service_id,
            "--sub-mchid" => &mut sub_mchid,
            "--appid" => &mut appid,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            _ if out_order_no.is_none() => {
                out_order_no = Some(arg);
                continue;
            }
            _ => return Err(format!("unexpected argument `{arg}`")),
        };
        *slot = Some(args.next().ok_or_else(|| format!("`{arg}` needs a value"))?);
    }
    let out_order_no = out_order_no.ok_or("OUT_ORDER_NO is missing")?;
    let service_id = service_id.ok_or("--service-id is missing")?;
    if sub_mchid.is_none() && appid.is_none() {
        return Err("--appid is required without --sub-mchid (the direct query needs it)".into());
    }
    Ok(Args { out_order_no, service_id, sub_mchid, appid })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args).await {
        Ok(order) => {
            let state = order.state.as_str();
            match &order.state_description {
                Some(description) => {
                    println!("{} {state}/{}", order.out_order_no, description.as_str());
                }
                None => println!("{} {state}", order.out_order_no),
            }
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

async fn run(args: &Args) -> Result<ServiceOrder, Box<dyn Error>> {
    let client = Client::from_env()?;
    let out_order_no = OutOrderNo::new(&args.out_order_no)?;
    let order = match (&args.sub_mchid, &args.appid) {
        (Some(sub_mchid), _) => {
            QueryPartnerServiceOrder::new(out_order_no, sub_mchid)
                .with_service_id(&args.service_id)
                .execute(&client)
                .await?
        }
        (None, Some(appid)) => {
            QueryServiceOrder::new(out_order_no, &args.service_id, appid).execute(&client).await?
        }
        (None, None) => return Err(USAGE.into()),
    };
    Ok(order)
}
