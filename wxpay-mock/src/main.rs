//! `wxpay-mock`: the WeChat Pay simulator as a process, for SDKs in any language.
//!
//! ```text
//! wxpay-mock --listen 127.0.0.1:PORT --keys DIR [--mchid MCHID] [--mode pubkey|cert] [--seed N]
//!            [--allow-http-notify] [--fast-notify-retries]
//! ```
//!
//! The command line lives in [`wxpay_mock::cli`], shared with `wxpay mock`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    wxpay_mock::cli::main(std::env::args().skip(1)).await
}
