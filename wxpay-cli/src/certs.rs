//! `wxpay certs download`: the platform certificates as PEM files.

use std::path::PathBuf;

use clap::Args;
use wxpay_core::{ApiV3Key, Method, PlatformCertificate, certificates::CertificateList};

use crate::{Exit, Failure, config};

pub(crate) const HELP: &str = "\
Calls GET /v3/certificates, decrypts every certificate with WXPAY_APIV3_KEY, checks that
each parses and carries its listed serial, and verifies the download's signature with the
downloaded certificates themselves (as the SDK does), then writes DIR/<serial>.pem and
prints serial, effective and expiry time. Use the files as WXPAY_PLATFORM_CERTS. Merchants
that only have the WeChat Pay public key get HTTP 404 (exit 1).

Example:
  wxpay certs download --out ./platform-certs";

/// Arguments of `wxpay certs download`.
#[derive(Debug, Args)]
pub(crate) struct DownloadArgs {
    /// The directory to write `<serial>.pem` files to (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub(crate) async fn run(settings: &config::Settings, args: DownloadArgs) -> Result<Exit, Failure> {
    let vars = settings.vars()?;
    let key = ApiV3Key::new(&vars.require("WXPAY_APIV3_KEY")?)?;
    let client = config::client(vars.builder()?.platform_certificates_download())?;
    // The first download is verified with the certificates it brings and installed; this one
    // is verified like any answer, with the installed set.
    client.refresh_certificates().await?;
    let answer = client.request(Method::Get, "v3/certificates").send_verified().await?;
    let list: CertificateList = wxpay_core::json::from_slice(&answer.body).map_err(|source| {
        wxpay_core::Error::Decode { source, request_id: answer.request_id.clone() }
    })?;
    // Decrypts, parses and checks every serial before anything is written.
    list.decrypt(&key).map_err(wxpay_core::Error::Certificate)?;
    std::fs::create_dir_all(&args.out).map_err(|e| {
        Failure::usage(config::Context(format!("cannot create `{}`", args.out.display()), e))
    })?;
    for entry in &list.data {
        let serial = &entry.serial_no;
        if serial.is_empty()
            || serial.len() > 64
            || !serial.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(Failure {
                exit: Exit::Unverified,
                error: "a certificate serial is not 1 to 64 letters or digits".into(),
            });
        }
        let pem = key
            .decrypt_to_string(&entry.encrypt_certificate)
            .map_err(|e| Failure { exit: Exit::Unverified, error: e.into() })?;
        PlatformCertificate::from_pem(&pem)?;
        let path = args.out.join(format!("{serial}.pem"));
        std::fs::write(&path, pem.as_bytes()).map_err(|e| {
            Failure::failed(config::Context(format!("cannot write `{}`", path.display()), e))
        })?;
        println!(
            "{serial}  effective {}  expires {}  {}",
            entry.effective_time,
            entry.expire_time,
            path.display()
        );
    }
    Ok(Exit::Ok)
}
