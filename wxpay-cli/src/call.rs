//! `wxpay call`: a URI-template request, signed, sent, verified.

use std::io::Write as _;

use clap::Args;
use wxpay_core::{Error, Method};

use crate::{Exit, Failure, config, read_data};

pub(crate) const HELP: &str = "\
Placeholders `{name}` of TEMPLATE are filled with -p name=value, percent-encoded as one path
segment (a value cannot leave its segment; `.`, `..` and empty values are refused before
anything is sent). On a verified 2xx it prints `HTTP <status>`, `Request-ID: …` and the body
(pretty JSON); an API error prints its code, message and detail on stderr (exit 1); an answer
that fails verification prints nothing of its body (exit 3).

Examples:
  wxpay call POST 'v3/payscore/partner/serviceorder/{out_order_no}/complete' \\
      -p out_order_no=1234323JKHDFE1243252 -d @seed.json
  wxpay call GET v3/payscore/partner/serviceorder -q service_id=2002000000000558128851361561536 \\
      -q sub_mchid=1900000109 -q out_order_no=1234323JKHDFE1243252";

/// Arguments of `wxpay call`.
#[derive(Debug, Args)]
pub(crate) struct CallArgs {
    /// GET, POST, PUT, PATCH or DELETE.
    #[arg(value_parser = parse_method)]
    method: Method,
    /// The path as WeChat's documentation writes it, relative to the API root, with
    /// `{name}` placeholders, e.g. `v3/payscore/serviceorder/{out_order_no}/complete`.
    template: String,
    /// Fills the placeholder `{name}` (repeatable).
    #[arg(short = 'p', long = "path", value_name = "NAME=VALUE", value_parser = parse_pair)]
    path: Vec<(String, String)>,
    /// Appends a query parameter, in the order given (repeatable).
    #[arg(short = 'q', long = "query", value_name = "NAME=VALUE", value_parser = parse_pair)]
    query: Vec<(String, String)>,
    /// The JSON body, sent byte for byte: the text itself, or `@FILE`.
    #[arg(short = 'd', long = "data", value_name = "JSON|@FILE")]
    data: Option<String>,
    /// The call may be repeated with the same parameters (WeChat's "原参重入"): a 5xx or a
    /// timeout of a POST is then retried. GET and DELETE are retried without it.
    #[arg(long)]
    idempotent: bool,
}

pub(crate) fn parse_method(text: &str) -> Result<Method, String> {
    match text.to_ascii_uppercase().as_str() {
        "GET" => Ok(Method::Get),
        "POST" => Ok(Method::Post),
        "PUT" => Ok(Method::Put),
        "PATCH" => Ok(Method::Patch),
        "DELETE" => Ok(Method::Delete),
        _ => Err(format!("`{text}` is not GET, POST, PUT, PATCH or DELETE")),
    }
}

fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not NAME=VALUE")),
    }
}

pub(crate) async fn run(settings: &config::Settings, args: CallArgs) -> Result<Exit, Failure> {
    let body = args.data.as_deref().map(read_data).transpose()?;
    let vars = settings.vars()?;
    let client = config::client(vars.builder()?)?;
    let mut request = client.request(args.method, &args.template);
    for (name, value) in &args.path {
        request = request.path(name, value);
    }
    for (name, value) in &args.query {
        request = request.query(name, value);
    }
    if let Some(body) = body {
        request = request.json_text(body);
    }
    if args.idempotent {
        request = request.idempotent();
    }
    let answer = match request.send_verified().await {
        Ok(answer) => answer,
        Err(error @ Error::Build(wxpay_core::BuildError::Template(_))) => {
            return Err(Failure::usage(WithHint(
                error,
                "fill each {placeholder} with -p NAME=VALUE; query parameters go in -q NAME=VALUE",
            )));
        }
        Err(error) => return Err(api_failure(error)),
    };
    let mut out = std::io::stdout().lock();
    let printed = (|| {
        writeln!(out, "HTTP {}", answer.status.as_u16())?;
        if let Some(id) = &answer.request_id {
            writeln!(out, "Request-ID: {id}")?;
        }
        if !answer.body.is_empty() {
            writeln!(out, "{}", pretty(&answer.body))?;
        }
        out.flush()
    })();
    match printed {
        // `wxpay call … | head`: the reader has all it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Ok),
        Err(e) => Err(Failure::failed(config::Context("cannot write to stdout".into(), e))),
        Ok(()) => Ok(Exit::Ok),
    }
}

/// The body as pretty JSON, in the order it was sent (as received when it is not JSON).
pub(crate) fn pretty(body: &[u8]) -> String {
    match std::str::from_utf8(body) {
        Ok(text) if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() => reindent(text),
        _ => String::from_utf8_lossy(body).into_owned(),
    }
}

/// Re-indents valid JSON text two spaces per level, like `serde_json::to_string_pretty`,
/// keeping the key order and the exact spelling of every string and number.
fn reindent(text: &str) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                while chars.next_if(|n| n.is_whitespace()).is_some() {}
                if let Some(close) = chars.next_if(|n| matches!(n, '}' | ']')) {
                    out.push(c);
                    out.push(close);
                } else {
                    depth += 1;
                    out.push(c);
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// An error and what to do about it.
#[derive(Debug)]
struct WithHint(Error, &'static str);

impl std::fmt::Display for WithHint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\nhint: {}", self.0, self.1)
    }
}

impl std::error::Error for WithHint {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

/// An API error prints its code, message and detail; everything else is reported as is.
fn api_failure(error: Error) -> Failure {
    let api = match &error {
        Error::Retried { last, .. } => last.as_ref(),
        other => other,
    };
    if let Error::Api { status, code, message, detail, request_id, .. } = api {
        eprintln!("HTTP {}", status.as_u16());
        if let Some(id) = request_id {
            eprintln!("Request-ID: {id}");
        }
        eprintln!("code: {code}");
        eprintln!("message: {message}");
        if let Some(detail) = detail {
            eprintln!(
                "detail: {}",
                serde_json::to_string_pretty(detail).unwrap_or_else(|_| detail.to_string())
            );
        }
    }
    Failure::from(error)
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn pretty_keeps_the_order_and_matches_serde_json() {
        // Sorted keys: the same text as serde_json's pretty printer.
        let sorted =
            r#"{"a":[1,2.50,{"b":"x\\\"y, z: {}"}],"c":{},"d":[],"e":null,"f":{"g":true}}"#;
        let value: serde_json::Value = serde_json::from_str(sorted).unwrap_or_default();
        let serde = serde_json::to_string_pretty(&value).unwrap_or_default();
        assert_eq!(pretty(sorted.as_bytes()).replace("2.50", "2.5"), serde);
        // WeChat's order and spelling kept.
        assert_eq!(
            pretty(br#" { "z" : 1 , "a" : [ ] , "m": "\u4e2d" } "#),
            "{\n  \"z\": 1,\n  \"a\": [],\n  \"m\": \"\\u4e2d\"\n}"
        );
        assert_eq!(pretty(b"not json"), "not json");
        assert_eq!(pretty(b""), "");
    }
}
