//! Configuration: the `WXPAY_*` environment, `--env-file`, flags; in that order of
//! precedence (later wins).

use std::{collections::BTreeMap, fmt, path::PathBuf};

use clap::Args;
use wxpay_core::{Client, ClientBuilder};

use crate::Failure;

/// Every variable the command line reads.
const NAMES: [&str; 11] = [
    "WXPAY_MCHID",
    "WXPAY_MCH_SERIAL",
    "WXPAY_MCH_PRIVATE_KEY",
    "WXPAY_PUBLIC_KEY_ID",
    "WXPAY_PUBLIC_KEY",
    "WXPAY_APIV3_KEY",
    "WXPAY_PLATFORM_CERTS",
    "WXPAY_BASE_URL",
    "WXPAY_BACKUP_BASE_URL",
    "WXPAY_MAX_ATTEMPTS",
    "WXPAY_APIV2_KEY",
];

/// Options shared by every subcommand.
#[derive(Debug, Args)]
#[command(next_help_heading = "Configuration (overrides the WXPAY_* variables)")]
pub(crate) struct Settings {
    /// Reads `WXPAY_*=value` lines (`#` comments, blank lines and `export ` allowed) from
    /// FILE; they override the environment.
    #[arg(long, global = true, value_name = "FILE")]
    env_file: Option<PathBuf>,
    /// Merchant id (`WXPAY_MCHID`).
    #[arg(long, global = true, value_name = "MCHID")]
    mchid: Option<String>,
    /// Merchant API certificate serial (`WXPAY_MCH_SERIAL`).
    #[arg(long, global = true, value_name = "SERIAL")]
    mch_serial: Option<String>,
    /// Merchant private key PEM file (`WXPAY_MCH_PRIVATE_KEY`).
    #[arg(long, global = true, value_name = "PATH")]
    mch_private_key: Option<String>,
    /// WeChat Pay public key id, `PUB_KEY_ID_…` (`WXPAY_PUBLIC_KEY_ID`).
    #[arg(long, global = true, value_name = "ID")]
    public_key_id: Option<String>,
    /// WeChat Pay public key PEM file (`WXPAY_PUBLIC_KEY`).
    #[arg(long, global = true, value_name = "PATH")]
    public_key: Option<String>,
    /// `download`, or comma-separated platform certificate PEM files
    /// (`WXPAY_PLATFORM_CERTS`).
    #[arg(long, global = true, value_name = "download|FILES")]
    platform_certs: Option<String>,
    /// API root, e.g. `http://127.0.0.1:8080/` for the simulator (`WXPAY_BASE_URL`).
    #[arg(long, global = true, value_name = "URL")]
    base_url: Option<String>,
    /// Failover API root (`WXPAY_BACKUP_BASE_URL`).
    #[arg(long, global = true, value_name = "URL")]
    backup_base_url: Option<String>,
    /// Attempts per call, 1 = no retry (`WXPAY_MAX_ATTEMPTS`).
    #[arg(long, global = true, value_name = "N")]
    max_attempts: Option<String>,
}

/// The merged variables.
pub(crate) struct Vars(BTreeMap<&'static str, String>);

impl Settings {
    /// The environment, overridden by the env file, overridden by flags.
    pub(crate) fn vars(&self) -> Result<Vars, Failure> {
        let mut vars = BTreeMap::new();
        for name in NAMES {
            match std::env::var(name) {
                Ok(value) => {
                    vars.insert(name, value);
                }
                Err(std::env::VarError::NotPresent) => {}
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(Failure::usage(format!(
                        "environment variable `{name}` is not valid UTF-8"
                    )));
                }
            }
        }
        if let Some(path) = &self.env_file {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::usage(Context(format!("cannot read the env file `{}`", path.display()), e))
            })?;
            for (name, value) in parse_env_file(&text)
                .map_err(|e| Failure::usage(format!("env file `{}`: {e}", path.display())))?
            {
                vars.insert(name, value);
            }
        }
        for (name, flag) in [
            ("WXPAY_MCHID", &self.mchid),
            ("WXPAY_MCH_SERIAL", &self.mch_serial),
            ("WXPAY_MCH_PRIVATE_KEY", &self.mch_private_key),
            ("WXPAY_PUBLIC_KEY_ID", &self.public_key_id),
            ("WXPAY_PUBLIC_KEY", &self.public_key),
            ("WXPAY_PLATFORM_CERTS", &self.platform_certs),
            ("WXPAY_BASE_URL", &self.base_url),
            ("WXPAY_BACKUP_BASE_URL", &self.backup_base_url),
            ("WXPAY_MAX_ATTEMPTS", &self.max_attempts),
        ] {
            if let Some(value) = flag {
                vars.insert(name, value.clone());
            }
        }
        Ok(Vars(vars))
    }
}

impl Vars {
    /// A variable's value, trimmed; `None` when unset or blank.
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// A variable that must be set.
    pub(crate) fn require(&self, name: &str) -> Result<String, Failure> {
        self.get(name).ok_or_else(|| {
            Failure::usage(format!("`{name}` is not set (environment, --env-file or its flag)"))
        })
    }

    /// A client builder with the rules of `ClientBuilder::from_env`.
    pub(crate) fn builder(&self) -> Result<ClientBuilder, Failure> {
        Ok(ClientBuilder::from_vars(|name| self.get(name))?)
    }

    /// Whether the platform certificates are downloaded (`WXPAY_PLATFORM_CERTS=download`).
    pub(crate) fn downloads_certificates(&self) -> bool {
        self.get("WXPAY_PLATFORM_CERTS").as_deref() == Some("download")
    }
}

/// Builds the client from `builder`.
pub(crate) fn client(builder: ClientBuilder) -> Result<Client, Failure> {
    Ok(builder.build()?)
}

/// Parses `NAME=value` lines: blank lines and `#` comments skipped, `export ` allowed,
/// one pair of matching quotes around the value removed. Only `WXPAY_*` names the command
/// line knows are accepted, so a typo is an error rather than silently ignored.
fn parse_env_file(text: &str) -> Result<Vec<(&'static str, String)>, String> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let number = index + 1;
        let Some((name, value)) = line.split_once('=') else {
            return Err(format!("line {number} is not `NAME=value`"));
        };
        let name = name.trim();
        let Some(known) = NAMES.iter().find(|n| **n == name) else {
            return Err(format!("line {number}: unknown variable `{name}`"));
        };
        let value = value.trim();
        let value = [('"', '"'), ('\'', '\'')]
            .iter()
            .find_map(|(open, close)| {
                value.strip_prefix(*open).and_then(|v| v.strip_suffix(*close))
            })
            .unwrap_or(value);
        out.push((*known, value.to_owned()));
    }
    Ok(out)
}

/// An I/O error with what was being done.
#[derive(Debug)]
pub(crate) struct Context(pub(crate) String, pub(crate) std::io::Error);

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Context {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_env_file;

    #[test]
    fn env_files() {
        let parsed = parse_env_file(
            "# simulator\n\nWXPAY_MCHID=1230000109\nexport WXPAY_BASE_URL = \"http://127.0.0.1:1/\"\nWXPAY_APIV3_KEY='k'\n",
        );
        assert_eq!(
            parsed,
            Ok(vec![
                ("WXPAY_MCHID", "1230000109".to_owned()),
                ("WXPAY_BASE_URL", "http://127.0.0.1:1/".to_owned()),
                ("WXPAY_APIV3_KEY", "k".to_owned()),
            ])
        );
        assert_eq!(parse_env_file("READY http://x/"), Err("line 1 is not `NAME=value`".to_owned()));
        assert_eq!(
            parse_env_file("WXPAY_MCHIDD=1"),
            Err("line 1: unknown variable `WXPAY_MCHIDD`".to_owned())
        );
    }
}
