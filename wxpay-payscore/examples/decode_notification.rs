//! Verifies, decrypts and prints a WeChat Pay notification captured to files.
//!
//! ```text
//! decode_notification HEADERS.json BODY_FILE [--at UNIX_SECONDS]
//! ```
//!
//! `HEADERS.json` is a JSON object of header names to values, `BODY_FILE` the raw body.
//! Configuration: `WXPAY_APIV3_KEY`, and `WXPAY_PUBLIC_KEY_ID` + `WXPAY_PUBLIC_KEY` and/or
//! `WXPAY_PLATFORM_CERTS` (certificate PEM files). `--at` verifies as of that Unix time, to
//! replay an archived callback. Prints the decrypted resource JSON and exits 0; otherwise
//! prints the step that failed and exits 1.

use std::{collections::BTreeMap, process::ExitCode};

use wxpay_core::notify::NotificationParser;

fn main() -> ExitCode {
    match run() {
        Ok(plaintext) => {
            println!("{plaintext}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: decode_notification HEADERS.json BODY_FILE [--at UNIX_SECONDS]";
    let (headers_path, body_path, at) = match args.as_slice() {
        [h, b] => (h, b, None),
        [h, b, flag, t] if flag == "--at" => {
            let t: i64 = t
                .parse()
                .map_err(|_| format!("--at: `{t}` is not a Unix time in seconds\n{usage}"))?;
            (h, b, Some(t))
        }
        _ => return Err(usage.to_owned()),
    };
    let headers_text = std::fs::read_to_string(headers_path)
        .map_err(|e| format!("step `input`: cannot read {headers_path}: {e}"))?;
    let map: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&headers_text).map_err(|e| {
            format!("step `input`: {headers_path} is not a JSON object of headers: {e}")
        })?;
    let mut headers = http::HeaderMap::new();
    for (name, value) in map {
        let value = match value {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        let name = http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("step `input`: `{name}` is not a header name"))?;
        let value = http::HeaderValue::from_str(&value)
            .map_err(|_| format!("step `input`: the value of `{name}` is not a header value"))?;
        headers.insert(name, value);
    }
    let body = std::fs::read(body_path)
        .map_err(|e| format!("step `input`: cannot read {body_path}: {e}"))?;
    let parser =
        NotificationParser::from_env().map_err(|e| format!("step `config`: {}", chain(&e)))?;
    let result = match at {
        Some(t) => parser.parse_at::<serde_json::Value>(&headers, &body, t),
        None => parser.parse::<serde_json::Value>(&headers, &body),
    };
    match result {
        Ok(notification) => Ok(notification.plaintext().to_owned()),
        Err(e) => Err(format!("step `{}` failed: {}", e.step(), chain(&e))),
    }
}

fn chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
