//! `wxpay`: the WeChat Pay APIv3 command line.
//!
//! ```text
//! wxpay call METHOD TEMPLATE [-p name=value]... [-q name=value]... [-d JSON | -d @file]
//! wxpay sign METHOD TARGET [-d JSON | -d @file] [--timestamp T --nonce N]
//! wxpay notify HEADERS.json BODY_FILE [--at UNIX_SECONDS]
//! wxpay certs download --out DIR
//! wxpay mock [wxpay-mock flags]
//! ```
//!
//! Configuration comes from the `WXPAY_*` variables (the rules of
//! `wxpay_core::ClientBuilder::from_env`), from `--env-file FILE` (which overrides the
//! environment) and from flags (which override both).
//!
//! Exit status: 0 success; 1 WeChat Pay answered with an error (or the network failed, or a
//! notification was rejected); 2 usage or configuration error, nothing sent; 3 the answer
//! failed verification (its body is not printed).

mod call;
mod certs;
mod config;
mod notify;
mod sign;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Settings;

/// Calls WeChat Pay APIv3 endpoints, signs requests for debugging, verifies notifications,
/// downloads platform certificates and runs the simulator.
#[derive(Debug, Parser)]
#[command(name = "wxpay", version, after_help = GLOBAL_HELP)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Command,
}

const GLOBAL_HELP: &str = "\
Configuration: the WXPAY_* environment variables (WXPAY_MCHID, WXPAY_MCH_SERIAL,
WXPAY_MCH_PRIVATE_KEY, WXPAY_PUBLIC_KEY_ID, WXPAY_PUBLIC_KEY, WXPAY_APIV3_KEY,
WXPAY_PLATFORM_CERTS, WXPAY_BASE_URL, WXPAY_BACKUP_BASE_URL, WXPAY_MAX_ATTEMPTS);
--env-file overrides them, flags override both. The APIv3 key is read only from the
environment or the env file, never from a flag.

Exit status: 0 success, 1 API error / network failure / rejected notification,
2 usage or configuration error (nothing sent), 3 the answer failed verification.

Example:
  wxpay --env-file wxpay.env call GET v3/certificates";

#[derive(Debug, Subcommand)]
enum Command {
    /// Signs, sends and verifies a request to any endpoint, named by its URI template.
    #[command(after_help = call::HELP)]
    Call(call::CallArgs),
    /// Prints the string to sign and the `Authorization` header of a request (debugging
    /// `SIGN_ERROR`); sends nothing.
    #[command(after_help = sign::HELP)]
    Sign(sign::SignArgs),
    /// Verifies and decrypts a captured notification and prints its resource JSON.
    #[command(after_help = notify::HELP)]
    Notify(notify::NotifyArgs),
    /// Platform certificates (`GET /v3/certificates`).
    #[command(subcommand)]
    Certs(CertsCommand),
    /// Runs the WeChat Pay simulator (the `wxpay-mock` binary's flags).
    #[command(after_help = MOCK_HELP)]
    Mock(MockArgs),
}

#[derive(Debug, Subcommand)]
enum CertsCommand {
    /// Downloads, decrypts and verifies the platform certificates and writes each as
    /// `DIR/<serial>.pem`.
    #[command(after_help = certs::HELP)]
    Download(certs::DownloadArgs),
}

#[derive(Debug, Args)]
struct MockArgs {
    /// Flags of `wxpay-mock`: --listen ADDR --keys DIR [--mchid MCHID] [--mode pubkey|cert]
    /// [--seed N] [--allow-http-notify] [--fast-notify-retries]
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "FLAGS")]
    flags: Vec<String>,
}

const MOCK_HELP: &str = "\
The simulator prints `READY <base url>` and the WXPAY_* variables a client needs, then
serves until interrupted (Ctrl-C or SIGTERM).

Example:
  wxpay mock --listen 127.0.0.1:8080 --keys ./mock-keys --allow-http-notify | tee mock.out
  grep ^WXPAY_ mock.out > mock.env       # in another shell, for `wxpay --env-file mock.env`";

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// Done, verified.
    Ok = 0,
    /// WeChat Pay answered with an error, the network failed, a notification was rejected.
    Failed = 1,
    /// Usage or configuration error: nothing was sent.
    Usage = 2,
    /// The answer failed verification.
    Unverified = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// A failure to report: what happened, and how the process ends.
struct Failure {
    exit: Exit,
    error: Box<dyn std::error::Error>,
}

impl Failure {
    fn usage(error: impl Into<Box<dyn std::error::Error>>) -> Self {
        Self { exit: Exit::Usage, error: error.into() }
    }

    fn failed(error: impl Into<Box<dyn std::error::Error>>) -> Self {
        Self { exit: Exit::Failed, error: error.into() }
    }
}

impl From<wxpay_core::ConfigError> for Failure {
    fn from(error: wxpay_core::ConfigError) -> Self {
        Self::usage(error)
    }
}

impl From<wxpay_core::Error> for Failure {
    fn from(error: wxpay_core::Error) -> Self {
        Self { exit: exit_for(&error), error: error.into() }
    }
}

/// The exit status of a library error.
fn exit_for(error: &wxpay_core::Error) -> Exit {
    use wxpay_core::{Error, certificates::CertificateError};
    match error {
        Error::Retried { last, .. } => exit_for(last),
        Error::Build(_) | Error::Config(_) => Exit::Usage,
        Error::Verify { .. }
        | Error::Decode { .. }
        | Error::Decrypt(_)
        | Error::Certificate(
            CertificateError::Decrypt { .. }
            | CertificateError::Parse { .. }
            | CertificateError::SerialMismatch { .. },
        ) => Exit::Unverified,
        _ => Exit::Failed,
    }
}

/// Prints `error` and its whole source chain on stderr.
fn report(error: &dyn std::error::Error) {
    eprintln!("error: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        eprintln!("  caused by: {cause}");
        source = cause.source();
    }
}

/// Reads `-d` data: JSON text, or `@file` for a file's bytes.
fn read_data(data: &str) -> Result<Vec<u8>, Failure> {
    match data.strip_prefix('@') {
        Some(path) => std::fs::read(path).map_err(|e| {
            Failure::usage(config::Context(format!("cannot read the data file `{path}`"), e))
        }),
        None => Ok(data.as_bytes().to_vec()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Call(args) => call::run(&cli.settings, args).await,
        Command::Sign(args) => sign::run(&cli.settings, &args),
        Command::Notify(args) => notify::run(&cli.settings, args).await,
        Command::Certs(CertsCommand::Download(args)) => certs::run(&cli.settings, args).await,
        Command::Mock(args) => return wxpay_mock::cli::main(args.flags.into_iter()).await,
    };
    match outcome {
        Ok(exit) => exit.into(),
        Err(Failure { exit, error }) => {
            report(&*error);
            exit.into()
        }
    }
}
