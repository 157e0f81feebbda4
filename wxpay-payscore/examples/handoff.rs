//! Prints the signed `extraData` a mini-program passes to `wx.openBusinessView`.
//!
//! ```text
//! handoff use --package PKG [--timestamp T] [--nonce N]
//! handoff detail --service-id ID --out-order-no NO [--timestamp T] [--nonce N]
//! ```
//!
//! `use` is the confirm page (`wxpayScoreUse`), `detail` the order details page
//! (`wxpayScoreDetail`). Configuration: `WXPAY_MCHID` and `WXPAY_APIV2_KEY` (in partner mode
//! the service provider's). `--timestamp` and `--nonce` make the output reproducible;
//! without them the current time and a fresh random nonce are used. Prints the `extraData`
//! JSON on one line and exits 0; a missing or invalid argument or setting is printed and
//! the exit code is 2.

use std::{collections::BTreeMap, process::ExitCode};

use wxpay_core::OutOrderNo;
use wxpay_payscore::handoff::{BusinessView as _, ConfirmOrder, OrderDetail, Signer};

const USAGE: &str = "usage: handoff use --package PKG [--timestamp T] [--nonce N]\n       handoff detail --service-id ID --out-order-no NO [--timestamp T] [--nonce N]";

fn main() -> ExitCode {
    match run() {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<String, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        return Err(format!("missing command `use` or `detail`\n{USAGE}"));
    };
    let allowed: &[&str] = match command.as_str() {
        "use" => &["--package", "--timestamp", "--nonce"],
        "detail" => &["--service-id", "--out-order-no", "--timestamp", "--nonce"],
        other => return Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    let mut options = BTreeMap::new();
    let mut iter = rest.iter();
    while let Some(flag) = iter.next() {
        if !allowed.contains(&flag.as_str()) {
            return Err(format!("unknown option `{flag}` for `{command}`\n{USAGE}"));
        }
        let value = iter.next().ok_or_else(|| format!("missing value for `{flag}`\n{USAGE}"))?;
        options.insert(flag.as_str(), value.as_str());
    }
    let require =
        |flag: &str| options.get(flag).copied().ok_or_else(|| format!("missing `{flag}`\n{USAGE}"));
    let timestamp = options
        .get("--timestamp")
        .map(|t| t.parse::<i64>().map_err(|_| format!("--timestamp: `{t}` is not Unix seconds")))
        .transpose()?;
    let nonce = options.get("--nonce").map(|n| (*n).to_owned());

    let json = if command == "use" {
        let package = require("--package")?;
        let signer = signer()?;
        let params = ConfirmOrder::builder()
            .package(package)
            .maybe_timestamp(timestamp)
            .maybe_nonce_str(nonce)
            .build()
            .sign(&signer)
            .map_err(|e| e.to_string())?;
        serde_json::to_string(&params.mini_program().extra_data)
    } else {
        let service_id = require("--service-id")?;
        let out_order_no = OutOrderNo::new(require("--out-order-no")?)
            .map_err(|e| format!("--out-order-no: {e}"))?;
        let signer = signer()?;
        let params = OrderDetail::builder()
            .service_id(service_id)
            .out_order_no(out_order_no)
            .maybe_timestamp(timestamp)
            .maybe_nonce_str(nonce)
            .build()
            .sign(&signer)
            .map_err(|e| e.to_string())?;
        serde_json::to_string(&params.mini_program().extra_data)
    };
    json.map_err(|e| e.to_string())
}

fn signer() -> Result<Signer, String> {
    Signer::from_env().map_err(|e| e.to_string())
}
