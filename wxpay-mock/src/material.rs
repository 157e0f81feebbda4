//! The simulator's keys: the merchant certificate that authenticates requests, the platform
//! key that signs answers, the WeChat Pay public key id, and the APIv3 key.

use std::{
    fmt,
    path::{Path, PathBuf},
};

use wxpay_core::{PlatformCertificate, PrivateKey, PublicKey};

use crate::{error::StartError, util};

/// The default merchant id of the shipped test keys.
pub const DEFAULT_MCHID: &str = "1230000109";

const DEFAULT_MERCHANT_CERT: &str = include_str!("../keys/apiclient_cert.pem");
const DEFAULT_MERCHANT_KEY: &str = include_str!("../keys/apiclient_key.pem");
const DEFAULT_PLATFORM_KEY: &str = include_str!("../keys/platform_key.pem");
const DEFAULT_PLATFORM_CERT: &str = include_str!("../keys/platform_cert.pem");
const DEFAULT_PUB_KEY: &str = include_str!("../keys/pub_key.pem");
const DEFAULT_PUB_KEY_ID: &str = include_str!("../keys/pub_key_id.txt");
const DEFAULT_APIV3_KEY: &str = include_str!("../keys/apiv3_key.txt");
const SPARE_PLATFORM_KEY: &str = include_str!("../keys/platform2_key.pem");
const SPARE_PLATFORM_CERT: &str = include_str!("../keys/platform2_cert.pem");

/// File names inside a keys directory (the binary's `--keys DIR`).
pub mod files {
    /// The merchant API certificate: its public key and serial authenticate requests.
    pub const MERCHANT_CERT: &str = "apiclient_cert.pem";
    /// The merchant private key (only written when the certificate is generated).
    pub const MERCHANT_KEY: &str = "apiclient_key.pem";
    /// The platform private key that signs answers and notifications.
    pub const PLATFORM_KEY: &str = "platform_key.pem";
    /// The platform certificate of that key.
    pub const PLATFORM_CERT: &str = "platform_cert.pem";
    /// The WeChat Pay public key (the platform key's public half).
    pub const PUB_KEY: &str = "pub_key.pem";
    /// The WeChat Pay public key id (`PUB_KEY_ID_…`).
    pub const PUB_KEY_ID: &str = "pub_key_id.txt";
    /// The 32-character APIv3 key.
    pub const APIV3_KEY: &str = "apiv3_key.txt";
}

/// A platform key with its certificate (PEM).
#[derive(Clone)]
pub struct PlatformKeyPair {
    /// The private key, PKCS#8 PEM.
    pub key_pem: String,
    /// The X.509 certificate, PEM.
    pub cert_pem: String,
}

impl fmt::Debug for PlatformKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlatformKeyPair").field("key_pem", &"<redacted>").finish_non_exhaustive()
    }
}

impl PlatformKeyPair {
    /// A second pre-generated platform key and certificate, shipped with the crate: rotate
    /// to it without generating a key.
    #[must_use]
    pub fn spare() -> Self {
        Self { key_pem: SPARE_PLATFORM_KEY.to_owned(), cert_pem: SPARE_PLATFORM_CERT.to_owned() }
    }

    /// A freshly generated RSA-2048 key and self-signed platform certificate (subject
    /// `CN=Tenpay.com sign`, valid 5 years).
    ///
    /// # Errors
    ///
    /// A description of what failed.
    pub fn generate() -> Result<Self, String> {
        let key = generate_key()?;
        let cert_pem = self_signed(&key, &platform_subject())?;
        Ok(Self { key_pem: key.serialize_pem(), cert_pem })
    }
}

/// Everything the simulator needs to authenticate requests and sign answers.
///
/// [`KeyMaterial::default`] is the pre-generated test set shipped inside the crate (instant
/// to load); the binary reads or generates a directory with [`KeyMaterial::load_or_generate`].
/// `Debug` never shows private keys or the APIv3 key.
#[derive(Clone)]
pub struct KeyMaterial {
    /// The merchant id (the service provider's in partner mode).
    pub mchid: String,
    /// The merchant API certificate (PEM).
    pub merchant_cert_pem: String,
    /// The merchant private key (PEM), when known: clients need it, the simulator does not.
    pub merchant_key_pem: Option<String>,
    /// The platform key and certificate that sign answers.
    pub platform: PlatformKeyPair,
    /// The WeChat Pay public key (SPKI PEM), the public half of the platform key.
    pub public_key_pem: String,
    /// The WeChat Pay public key id.
    pub public_key_id: String,
    /// The APIv3 key (32 characters).
    pub api_v3_key: String,
}

impl fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyMaterial")
            .field("mchid", &self.mchid)
            .field("public_key_id", &self.public_key_id)
            .field("merchant_key_pem", &self.merchant_key_pem.as_ref().map(|_| "<redacted>"))
            .field("platform", &self.platform)
            .field("api_v3_key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl Default for KeyMaterial {
    fn default() -> Self {
        Self {
            mchid: DEFAULT_MCHID.to_owned(),
            merchant_cert_pem: DEFAULT_MERCHANT_CERT.to_owned(),
            merchant_key_pem: Some(DEFAULT_MERCHANT_KEY.to_owned()),
            platform: PlatformKeyPair {
                key_pem: DEFAULT_PLATFORM_KEY.to_owned(),
                cert_pem: DEFAULT_PLATFORM_CERT.to_owned(),
            },
            public_key_pem: DEFAULT_PUB_KEY.to_owned(),
            public_key_id: DEFAULT_PUB_KEY_ID.trim().to_owned(),
            api_v3_key: DEFAULT_APIV3_KEY.trim().to_owned(),
        }
    }
}

/// What [`KeyMaterial::load_or_generate`] found and made.
#[derive(Debug)]
#[non_exhaustive]
pub struct LoadedKeys {
    /// The key material.
    pub material: KeyMaterial,
    /// The files that were generated because they were missing.
    pub generated: Vec<PathBuf>,
    /// Path of the merchant private key (may not exist if the certificate was given alone).
    pub merchant_key_path: PathBuf,
    /// Path of the WeChat Pay public key.
    pub public_key_path: PathBuf,
    /// Path of the platform certificate.
    pub platform_cert_path: PathBuf,
}

impl KeyMaterial {
    /// Fresh keys for `mchid`: merchant key and certificate, platform key and certificate,
    /// public key id and APIv3 key.
    ///
    /// # Errors
    ///
    /// A description of what failed.
    pub fn generate(mchid: &str) -> Result<Self, String> {
        let merchant = generate_key()?;
        let merchant_cert_pem = self_signed(&merchant, &merchant_subject(mchid))?;
        let platform = PlatformKeyPair::generate()?;
        let public_key_pem = public_key_of(&platform.key_pem)?;
        Ok(Self {
            mchid: mchid.to_owned(),
            merchant_cert_pem,
            merchant_key_pem: Some(merchant.serialize_pem()),
            platform,
            public_key_pem,
            public_key_id: new_public_key_id(),
            api_v3_key: util::random_alnum(32),
        })
    }

    /// Reads the files of `dir` (see [`files`]) and generates the missing ones (writing them
    /// to `dir`): a missing merchant certificate comes with a new merchant private key; a
    /// missing platform key with a new certificate and public key; a missing certificate or
    /// public key is derived from the platform key.
    ///
    /// # Errors
    ///
    /// [`StartError::Keys`] if a file cannot be read, written or used.
    pub fn load_or_generate(dir: &Path, mchid: &str) -> Result<LoadedKeys, StartError> {
        std::fs::create_dir_all(dir).map_err(|e| key_error(&dir.display().to_string(), &e))?;
        let mut dir = KeyDir { dir, generated: Vec::new() };

        let merchant_key_pem = dir.read(files::MERCHANT_KEY)?;
        let (merchant_cert_pem, merchant_key_pem) =
            if let Some(cert) = dir.read(files::MERCHANT_CERT)? {
                (cert, merchant_key_pem)
            } else {
                let key = if let Some(pem) = &merchant_key_pem {
                    rcgen::KeyPair::from_pem(pem).map_err(|e| key_error(files::MERCHANT_KEY, &e))?
                } else {
                    let key = generate_key().map_err(|e| key_error(files::MERCHANT_KEY, &e))?;
                    dir.write(files::MERCHANT_KEY, &key.serialize_pem())?;
                    key
                };
                let cert = self_signed(&key, &merchant_subject(mchid))
                    .map_err(|e| key_error(files::MERCHANT_CERT, &e))?;
                dir.write(files::MERCHANT_CERT, &cert)?;
                (cert, Some(key.serialize_pem()))
            };

        let platform_key_pem = if let Some(pem) = dir.read(files::PLATFORM_KEY)? {
            pem
        } else {
            for stale in [files::PLATFORM_CERT, files::PUB_KEY] {
                if dir.dir.join(stale).exists() {
                    return Err(StartError::Keys(format!(
                        "`{stale}` exists but `{}` does not: remove it or add the key",
                        files::PLATFORM_KEY
                    )));
                }
            }
            let key = generate_key().map_err(|e| key_error(files::PLATFORM_KEY, &e))?;
            dir.write(files::PLATFORM_KEY, &key.serialize_pem())?;
            key.serialize_pem()
        };
        let platform_key = rcgen::KeyPair::from_pem(&platform_key_pem)
            .map_err(|e| key_error(files::PLATFORM_KEY, &e))?;
        let platform_cert_pem =
            dir.read_or(files::PLATFORM_CERT, || self_signed(&platform_key, &platform_subject()))?;
        let public_key_pem = dir.read_or(files::PUB_KEY, || Ok(platform_key.public_key_pem()))?;
        let public_key_id =
            dir.read_or(files::PUB_KEY_ID, || Ok(format!("{}\n", new_public_key_id())))?;
        let api_v3_key =
            dir.read_or(files::APIV3_KEY, || Ok(format!("{}\n", util::random_alnum(32))))?;

        let material = Self {
            mchid: mchid.to_owned(),
            merchant_cert_pem,
            merchant_key_pem,
            platform: PlatformKeyPair { key_pem: platform_key_pem, cert_pem: platform_cert_pem },
            public_key_pem,
            public_key_id: public_key_id.trim().to_owned(),
            api_v3_key: api_v3_key.trim().to_owned(),
        };
        material.check()?;
        Ok(LoadedKeys {
            material,
            merchant_key_path: dir.dir.join(files::MERCHANT_KEY),
            public_key_path: dir.dir.join(files::PUB_KEY),
            platform_cert_path: dir.dir.join(files::PLATFORM_CERT),
            generated: dir.generated,
        })
    }

    /// Parses everything and checks that the pieces belong together (the public key and the
    /// platform certificate are the platform key's).
    pub(crate) fn check(&self) -> Result<Parsed, StartError> {
        let keys = |what: &str, e: &dyn fmt::Display| StartError::Keys(format!("{what}: {e}"));
        let merchant = PlatformCertificate::from_pem(&self.merchant_cert_pem)
            .map_err(|e| keys("merchant certificate", &e))?;
        let platform_key =
            PrivateKey::from_pem(&self.platform.key_pem).map_err(|e| keys("platform key", &e))?;
        let platform_cert = PlatformCertificate::from_pem(&self.platform.cert_pem)
            .map_err(|e| keys("platform certificate", &e))?;
        let public_key =
            PublicKey::from_pem(&self.public_key_pem).map_err(|e| keys("public key", &e))?;
        wxpay_core::PublicKeyId::new(self.public_key_id.clone())
            .map_err(|e| keys("public key id", &e))?;
        let api_v3_key =
            wxpay_core::ApiV3Key::new(&self.api_v3_key).map_err(|e| keys("APIv3 key", &e))?;
        if self.mchid.is_empty()
            || self.mchid.len() > 32
            || !self.mchid.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(StartError::Keys("mchid must be 1 to 32 letters or digits".into()));
        }
        // The public key and the certificate must verify what the platform key signs.
        let probe = b"wxpay-mock key check";
        let signature = platform_key.sign_base64(probe).map_err(|e| keys("platform key", &e))?;
        let raw = base64_decode(&signature);
        if !public_key.verify(probe, &raw) {
            return Err(StartError::Keys("the public key is not the platform key's".into()));
        }
        if !platform_cert.public_key.verify(probe, &raw) {
            return Err(StartError::Keys(
                "the platform certificate is not the platform key's".into(),
            ));
        }
        Ok(Parsed { merchant, platform_key, platform_cert, api_v3_key })
    }

    /// The merchant certificate serial (upper-case hex, as clients send it).
    ///
    /// # Errors
    ///
    /// [`StartError::Keys`] if the certificate does not parse.
    pub fn merchant_serial(&self) -> Result<String, StartError> {
        PlatformCertificate::from_pem(&self.merchant_cert_pem)
            .map(|c| c.serial.to_string())
            .map_err(|e| StartError::Keys(format!("merchant certificate: {e}")))
    }
}

fn key_error(what: &str, e: &dyn fmt::Display) -> StartError {
    StartError::Keys(format!("{what}: {e}"))
}

/// A keys directory being read, with the files generated so far.
struct KeyDir<'a> {
    dir: &'a Path,
    generated: Vec<PathBuf>,
}

impl KeyDir<'_> {
    /// The file's text, `None` if it does not exist.
    fn read(&self, name: &str) -> Result<Option<String>, StartError> {
        let path = self.dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(key_error(&path.display().to_string(), &e)),
        }
    }

    fn write(&mut self, name: &str, text: &str) -> Result<(), StartError> {
        let path = self.dir.join(name);
        std::fs::write(&path, text).map_err(|e| key_error(&path.display().to_string(), &e))?;
        #[cfg(unix)]
        if name.ends_with("_key.pem") || name == files::APIV3_KEY {
            use std::os::unix::fs::PermissionsExt as _;
            let private = std::fs::Permissions::from_mode(0o600);
            std::fs::set_permissions(&path, private)
                .map_err(|e| key_error(&path.display().to_string(), &e))?;
        }
        self.generated.push(path);
        Ok(())
    }

    /// The file's text, or `make()`'s, written to the file.
    fn read_or(
        &mut self,
        name: &str,
        make: impl FnOnce() -> Result<String, String>,
    ) -> Result<String, StartError> {
        if let Some(text) = self.read(name)? {
            return Ok(text);
        }
        let text = make().map_err(|e| key_error(name, &e))?;
        self.write(name, &text)?;
        Ok(text)
    }
}

/// The parsed pieces of a [`KeyMaterial`].
pub(crate) struct Parsed {
    pub(crate) merchant: PlatformCertificate,
    pub(crate) platform_key: PrivateKey,
    pub(crate) platform_cert: PlatformCertificate,
    pub(crate) api_v3_key: wxpay_core::ApiV3Key,
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::{Engine as _, engine::general_purpose::STANDARD};
    STANDARD.decode(text).unwrap_or_default()
}

fn new_public_key_id() -> String {
    format!("PUB_KEY_ID_01{}", util::random_digits(32))
}

fn generate_key() -> Result<rcgen::KeyPair, String> {
    rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
        .map_err(|e| format!("RSA key generation failed: {e}"))
}

fn platform_subject() -> rcgen::DistinguishedName {
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CountryName, "CN");
    dn.push(rcgen::DnType::LocalityName, "ShenZhen");
    dn.push(rcgen::DnType::OrganizationName, "Tenpay.com");
    dn.push(rcgen::DnType::OrganizationalUnitName, "Tenpay.com CA Center");
    dn.push(rcgen::DnType::CommonName, "Tenpay.com sign");
    dn
}

fn merchant_subject(mchid: &str) -> rcgen::DistinguishedName {
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CountryName, "CN");
    dn.push(rcgen::DnType::OrganizationName, "wxpay-mock");
    dn.push(rcgen::DnType::OrganizationalUnitName, mchid);
    dn.push(rcgen::DnType::CommonName, format!("wxpay-mock merchant {mchid}"));
    dn
}

/// A self-signed certificate for `key`: a 20-byte positive serial, valid from a day ago for
/// 5 years.
pub(crate) fn self_signed(
    key: &rcgen::KeyPair,
    subject: &rcgen::DistinguishedName,
) -> Result<String, String> {
    let mut params = rcgen::CertificateParams::default();
    params.distinguished_name = subject.clone();
    let mut serial = util::random_bytes(20);
    // A leading nibble of 1..=7: 40 hex digits, positive, no leading zero to normalise.
    serial[0] = (serial[0] % 7 + 1) << 4 | (serial[0] & 0x0F);
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&serial));
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(5 * 365);
    params
        .self_signed(key)
        .map(|c| c.pem())
        .map_err(|e| format!("certificate generation failed: {e}"))
}

fn public_key_of(key_pem: &str) -> Result<String, String> {
    rcgen::KeyPair::from_pem(key_pem).map(|k| k.public_key_pem()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_material_is_consistent() {
        let material = KeyMaterial::default();
        let parsed = material.check().expect("shipped keys");
        assert_eq!(parsed.merchant.serial.as_str().len(), 40);
        assert!(material.public_key_id.starts_with("PUB_KEY_ID_"));
        assert_eq!(material.api_v3_key.len(), 32);
        let debug = format!("{material:?}");
        assert!(!debug.contains(&material.api_v3_key), "{debug}");
        assert!(!debug.contains("PRIVATE KEY"), "{debug}");
    }

    #[test]
    fn spare_platform_key_parses() {
        let spare = PlatformKeyPair::spare();
        assert!(PrivateKey::from_pem(&spare.key_pem).is_ok());
        assert!(PlatformCertificate::from_pem(&spare.cert_pem).is_ok());
    }
}
