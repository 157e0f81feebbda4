//! `wxpay-mock`: the WeChat Pay simulator as a process, for SDKs in any language.
//!
//! ```text
//! wxpay-mock --listen 127.0.0.1:PORT --keys DIR [--mchid MCHID] [--mode pubkey|cert] [--seed N]
//!            [--allow-http-notify] [--fast-notify-retries]
//! ```
//!
//! Like WeChat Pay, the process refuses `notify_url`s that are not HTTPS and retries
//! notifications over 24 hours; the two flags relax that for local tests.
//!
//! Reads the keys in DIR (generating missing files), listens, prints `READY <base url>`
//! and the `WXPAY_*` variables a client needs, then serves until interrupted.

use std::{io::Write as _, net::SocketAddr, path::PathBuf, process::ExitCode};

use wxpay_mock::{DEFAULT_MCHID, KeyMaterial, KeyMode, MockServer, RetrySchedule};

const USAGE: &str = "usage: wxpay-mock --listen 127.0.0.1:PORT --keys DIR [--mchid MCHID] [--mode pubkey|cert] [--seed N]
                  [--allow-http-notify] [--fast-notify-retries]

  --listen ADDR   address to listen on (default 127.0.0.1:0, a free port)
  --keys DIR      apiclient_cert.pem, platform_key.pem, platform_cert.pem, pub_key.pem,
                  pub_key_id.txt, apiv3_key.txt; missing files are generated
                  (with the merchant's apiclient_key.pem)
  --mchid MCHID   merchant id (default 1230000109)
  --mode MODE     pubkey (answers signed with the WeChat Pay public key, default) or cert
                  (platform certificates, served by GET /v3/certificates)
  --seed N        seed of the fault generator
  --allow-http-notify
                  accept http:// notify_url on a loopback host (127.0.0.1, [::1],
                  localhost); by default only HTTPS without a query string, as WeChat Pay
  --fast-notify-retries
                  retry notifications after 100, 200, 400, 800 ms instead of WeChat Pay's
                  15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h";

struct Args {
    listen: SocketAddr,
    keys: PathBuf,
    mchid: String,
    mode: KeyMode,
    seed: Option<u64>,
    allow_http_notify: bool,
    fast_notify_retries: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut listen = SocketAddr::from(([127, 0, 0, 1], 0));
    let mut keys = None;
    let mut mchid = DEFAULT_MCHID.to_owned();
    let mut mode = KeyMode::PublicKey;
    let mut seed = None;
    let mut allow_http_notify = false;
    let mut fast_notify_retries = false;
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if matches!(name.as_str(), "-h" | "--help") {
            return Err(String::new());
        }
        let mut value = || {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--allow-http-notify" if inline.is_none() => allow_http_notify = true,
            "--fast-notify-retries" if inline.is_none() => fast_notify_retries = true,
            "--listen" => {
                let v = value()?;
                listen =
                    v.parse().map_err(|_| format!("--listen: `{v}` is not an IP:PORT address"))?;
            }
            "--keys" => keys = Some(PathBuf::from(value()?)),
            "--mchid" => mchid = value()?,
            "--mode" => {
                mode = match value()?.as_str() {
                    "pubkey" | "public-key" => KeyMode::PublicKey,
                    "cert" | "certificate" => KeyMode::Certificate,
                    other => {
                        return Err(format!("--mode: `{other}` is neither `pubkey` nor `cert`"));
                    }
                };
            }
            "--seed" => {
                let v = value()?;
                seed = Some(v.parse().map_err(|_| format!("--seed: `{v}` is not a number"))?);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let keys = keys.ok_or("--keys DIR is required")?;
    Ok(Args { listen, keys, mchid, mode, seed, allow_http_notify, fast_notify_retries })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) };
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            let mut source = std::error::Error::source(&*err);
            while let Some(cause) = source {
                eprintln!("caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let loaded = KeyMaterial::load_or_generate(&args.keys, &args.mchid)?;
    for path in &loaded.generated {
        eprintln!("generated {}", path.display());
    }
    let schedule =
        if args.fast_notify_retries { RetrySchedule::default() } else { RetrySchedule::wechat() };
    let mut builder = MockServer::builder()
        .mode(args.mode)
        .keys(loaded.material.clone())
        .listen(args.listen)
        .retry_schedule(schedule)
        .allow_loopback_http(args.allow_http_notify);
    if let Some(seed) = args.seed {
        builder = builder.seed(seed);
    }
    let server = builder.start().await?;
    let credentials = server.credentials();
    let mut out = std::io::stdout().lock();
    writeln!(out, "READY {}", server.base_url())?;
    writeln!(out, "WXPAY_MCHID={}", credentials.mchid)?;
    writeln!(out, "WXPAY_MCH_SERIAL={}", credentials.merchant_serial)?;
    writeln!(out, "WXPAY_MCH_PRIVATE_KEY={}", loaded.merchant_key_path.display())?;
    match args.mode {
        KeyMode::PublicKey => {
            writeln!(out, "WXPAY_PUBLIC_KEY_ID={}", credentials.public_key_id)?;
            writeln!(out, "WXPAY_PUBLIC_KEY={}", loaded.public_key_path.display())?;
        }
        KeyMode::Certificate => writeln!(out, "WXPAY_PLATFORM_CERTS=download")?,
    }
    writeln!(out, "WXPAY_APIV3_KEY={}", credentials.api_v3_key)?;
    writeln!(out, "WXPAY_BASE_URL={}", credentials.base_url)?;
    out.flush()?;
    drop(out);
    shutdown_signal().await;
    eprintln!("stopping");
    drop(server);
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        parse_args(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn parses_arguments() {
        let args = parse(&["--listen", "127.0.0.1:8080", "--keys=/tmp/k", "--mode", "cert"])
            .expect("args");
        assert_eq!(args.listen.port(), 8080);
        assert_eq!(args.mode, KeyMode::Certificate);
        assert_eq!(args.mchid, DEFAULT_MCHID);
        assert!(
            !args.allow_http_notify && !args.fast_notify_retries,
            "WeChat's behaviour by default"
        );
        let args =
            parse(&["--keys", "d", "--allow-http-notify", "--fast-notify-retries"]).expect("flags");
        assert!(args.allow_http_notify && args.fast_notify_retries);
        assert!(parse(&["--keys", "d", "--allow-http-notify=yes"]).is_err());
        assert!(parse(&["--listen", "x", "--keys", "d"]).is_err());
        assert!(parse(&["--listen", "127.0.0.1:1"]).is_err());
        assert!(parse(&["--mode", "rsa", "--keys", "d"]).is_err());
        assert_eq!(parse(&["--help"]).err().as_deref(), Some(""));
    }
}
