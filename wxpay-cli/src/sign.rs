//! `wxpay sign`: the string to sign and the `Authorization` header, for debugging
//! `SIGN_ERROR`. Needs only the merchant id, serial and private key; sends nothing.

use std::time::{SystemTime, UNIX_EPOCH};

use clap::Args;
use wxpay_core::{MerchantSerial, PrivateKey, sign};

use crate::{Exit, Failure, call::parse_method, config, read_data};

pub(crate) const HELP: &str = "\
TARGET is the request target exactly as sent: the absolute path with the base URL's prefix,
plus `?query` (a missing leading `/` is added). The string to sign is printed between marker
lines and once more as a JSON string, where a stray `\\r`, space or BOM is visible; compare
it with what your code signs. Without --timestamp and --nonce the current time and a fresh
nonce are used.

Example:
  wxpay sign POST /v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete \\
      -d @seed.json --timestamp 1554208460 --nonce 593BEC0C930BF1AFEB40B4A08C8FB242";

/// Arguments of `wxpay sign`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// GET, POST, PUT, PATCH or DELETE.
    #[arg(value_parser = parse_method)]
    method: wxpay_core::Method,
    /// The request target as sent, e.g. `/v3/certificates` or `/v3/x?a=1`.
    target: String,
    /// The body: JSON text, or `@FILE` (signed byte for byte).
    #[arg(short = 'd', long = "data", value_name = "JSON|@FILE")]
    data: Option<String>,
    /// Unix seconds to sign with (default: now).
    #[arg(long, value_name = "T")]
    timestamp: Option<i64>,
    /// The nonce to sign with (default: a fresh one).
    #[arg(long, value_name = "N")]
    nonce: Option<String>,
}

pub(crate) fn run(settings: &config::Settings, args: &SignArgs) -> Result<Exit, Failure> {
    let body = args.data.as_deref().map(read_data).transpose()?.unwrap_or_default();
    let vars = settings.vars()?;
    let mchid = vars.require("WXPAY_MCHID")?;
    if mchid.is_empty() || mchid.len() > 32 || !mchid.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Failure::usage("`WXPAY_MCHID` must be 1 to 32 letters or digits"));
    }
    let serial = MerchantSerial::parse(&vars.require("WXPAY_MCH_SERIAL")?)
        .map_err(|e| Failure::usage(wxpay_core::ConfigError::InvalidId(e)))?;
    let key_path = vars.require("WXPAY_MCH_PRIVATE_KEY")?;
    if key_path.contains("-----") || key_path.contains(['\n', '\r']) {
        return Err(Failure::usage(
            "`WXPAY_MCH_PRIVATE_KEY` takes the path of a PEM file, not the PEM text (the value is not shown)",
        ));
    }
    let key = PrivateKey::from_pem_file(&key_path)?;
    let timestamp = match args.timestamp {
        Some(t) => t,
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok())
            .unwrap_or_default(),
    };
    let nonce = match &args.nonce {
        Some(nonce) => nonce.clone(),
        None => sign::nonce().map_err(Failure::failed)?,
    };
    let target = if args.target.starts_with('/') {
        args.target.clone()
    } else {
        format!("/{}", args.target)
    };
    let message = sign::request_message(args.method.as_str(), &target, timestamp, &nonce, &body);
    let signature = key.sign_base64(&message)?;
    let authorization = sign::authorization(&mchid, &nonce, timestamp, serial.as_str(), &signature);
    let text = String::from_utf8_lossy(&message);
    println!("--- string to sign (every line ends with \\n, the body line too) ---");
    print!("{text}");
    println!("--- end ---");
    println!(
        "as a JSON string: {}",
        serde_json::to_string(&text).unwrap_or_else(|_| format!("{text:?}"))
    );
    println!("Authorization: {authorization}");
    Ok(Exit::Ok)
}
