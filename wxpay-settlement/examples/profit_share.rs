//! Shares part of a payment made with `profit_sharing: true` with one merchant receiver
//! (请求分账, `POST /v3/profitsharing/orders`) and prints `profit sharing <out_order_no> <state>`.
//!
//! ```text
//! WXPAY_MCHID=… WXPAY_MCH_SERIAL=… WXPAY_MCH_PRIVATE_KEY=apiclient_key.pem \
//! WXPAY_PUBLIC_KEY_ID=PUB_KEY_ID_… WXPAY_PUBLIC_KEY=pub_key.pem \
//!     cargo run -p wxpay-settlement --example profit_share -- \
//!     TRANSACTION_ID OUT_ORDER_NO --merchant ACCOUNT --name NAME --amount FEN \
//!     [--description TEXT] [--sub-mchid ID]
//! ```
//!
//! The receiver is a `MERCHANT_ID` (it must have been added with `AddReceiver`); its `name`
//! (the merchant's full name) goes out RSA-OAEP encrypted, with `Wechatpay-Serial` set by
//! the client. What is left of the payment after this split is released to the merchant
//! (`unfreeze_unsplit: true`). `WXPAY_BASE_URL` points the client at a simulator instead of
//! WeChat Pay. Exit status: 0 on success, 1 on an error (its chain is printed), 2 on bad
//! arguments.

use std::{error::Error, process::ExitCode};

use wxpay_core::Client;
use wxpay_settlement::profit_sharing::{CreateOrder, Receiver, ReceiverType};

const USAGE: &str = "usage: profit_share TRANSACTION_ID OUT_ORDER_NO --merchant ACCOUNT --name NAME --amount FEN [--description TEXT] [--sub-mchid ID]";

/// The parsed command line.
struct Args {
    transaction_id: String,
    out_order_no: String,
    merchant: String,
    name: String,
    amount: u64,
    description: String,
    sub_mchid: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut positional = Vec::new();
    let (mut merchant, mut name, mut amount, mut description, mut sub_mchid) =
        (None, None, None, None, None);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--merchant" => &mut merchant,
            "--name" => &mut name,
            "--amount" => &mut amount,
            "--description" => &mut description,
            "--sub-mchid" => &mut sub_mchid,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => {
                positional.push(arg);
                continue;
            }
        };
        *slot = Some(args.next().ok_or_else(|| format!("{arg} needs a value"))?);
    }
    let [transaction_id, out_order_no] = <[String; 2]>::try_from(positional)
        .map_err(|_| "expected TRANSACTION_ID and OUT_ORDER_NO".to_owned())?;
    let amount: String = amount.ok_or("missing --amount")?;
    let amount = amount
        .parse::<u64>()
        .ok()
        .filter(|fen| *fen > 0)
        .ok_or_else(|| format!("--amount must be a positive number of fen, not {amount:?}"))?;
    Ok(Args {
        transaction_id,
        out_order_no,
        merchant: merchant.ok_or("missing --merchant")?,
        name: name.ok_or("missing --name")?,
        amount,
        description: description.unwrap_or_else(|| "分账".to_owned()),
        sub_mchid,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("error: {problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok((out_order_no, state)) => {
            println!("profit sharing {out_order_no} {state}");
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

async fn run(args: Args) -> Result<(String, String), Box<dyn Error>> {
    let client = Client::from_env()?;
    let receiver = Receiver::builder()
        .kind(ReceiverType::MerchantId)
        .account(args.merchant)
        .name(args.name)
        .amount(args.amount)
        .description(args.description)
        .build();
    let order = CreateOrder::builder()
        .maybe_sub_mchid(args.sub_mchid)
        .transaction_id(args.transaction_id)
        .out_order_no(args.out_order_no)
        .receivers(vec![receiver])
        .unfreeze_unsplit(true)
        .build()
        .execute(&client)
        .await?;
    Ok((order.out_order_no, order.state.to_string()))
}
