//! `wxpay notify`: verifies and decrypts a captured notification.

use std::path::PathBuf;

use clap::Args;
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::{Exit, Failure, call::pretty, config};

pub(crate) const HELP: &str = "\
HEADERS.json is a JSON object of the request's headers (at least Wechatpay-Timestamp,
Wechatpay-Nonce, Wechatpay-Signature and Wechatpay-Serial); BODY_FILE holds the raw body,
byte for byte. The signature is checked against the configured WeChat Pay public key or
platform certificates (downloaded first with WXPAY_PLATFORM_CERTS=download), the resource
decrypted with WXPAY_APIV3_KEY. On success the resource JSON is printed on stdout (the
event type and id on stderr); otherwise the failed step (headers, timestamp, serial,
signature, envelope, algorithm, decrypt) and exit 1. --at checks the timestamp window
against another time than now, for a notification captured earlier.

Example:
  wxpay notify headers.json body.json --at 1700000000";

/// Arguments of `wxpay notify`.
#[derive(Debug, Args)]
pub(crate) struct NotifyArgs {
    /// A JSON object: header name to value.
    #[arg(value_name = "HEADERS.json")]
    headers: PathBuf,
    /// The raw notification body.
    #[arg(value_name = "BODY_FILE")]
    body: PathBuf,
    /// The time to check the timestamp against, Unix seconds (default: now).
    #[arg(long, value_name = "UNIX_SECONDS")]
    at: Option<i64>,
}

/// A notification that failed a step.
#[derive(Debug)]
struct Rejected(wxpay_core::notify::NotifyError);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "notification rejected at step `{}`: {}", self.0.step(), self.0)
    }
}

impl std::error::Error for Rejected {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

pub(crate) async fn run(settings: &config::Settings, args: NotifyArgs) -> Result<Exit, Failure> {
    let read = |path: &PathBuf, what: &str| {
        std::fs::read(path).map_err(|e| {
            Failure::usage(config::Context(format!("cannot read {what} `{}`", path.display()), e))
        })
    };
    let headers = headers(&read(&args.headers, "the headers file")?)?;
    let body = read(&args.body, "the body file")?;
    let vars = settings.vars()?;
    let client = config::client(vars.builder()?)?;
    if vars.downloads_certificates() {
        client.refresh_certificates().await?;
    }
    let parser = client.notification_parser()?;
    let now = args.at.unwrap_or_else(now);
    let notification = parser
        .parse_at::<serde_json::Value>(&headers, &body, now)
        .map_err(|e| Failure::failed(Rejected(e)))?;
    eprintln!("{} {}", notification.event_type, notification.id);
    println!("{}", pretty(notification.plaintext().as_bytes()));
    Ok(Exit::Ok)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or_default()
}

/// The headers file: `{"Wechatpay-Timestamp": "1700000000", …}` (numbers are accepted).
fn headers(json: &[u8]) -> Result<HeaderMap, Failure> {
    let bad = |why: String| Failure::usage(format!("headers file: {why}"));
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(json).map_err(|e| bad(format!("not a JSON object ({e})")))?;
    let mut map = HeaderMap::new();
    for (name, value) in object {
        let value = match value {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            _ => return Err(bad(format!("the value of `{name}` is not a string"))),
        };
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| bad(format!("`{name}` is not a header name")))?;
        let value = HeaderValue::from_str(&value)
            .map_err(|_| bad(format!("the value of `{name}` is not a header value")))?;
        map.append(header, value);
    }
    Ok(map)
}
