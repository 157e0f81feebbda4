//! Signing answers and notifications like WeChat Pay (protocol §3): `Wechatpay-Timestamp`,
//! `-Nonce`, `-Signature`, `-Serial`, `-Signature-Type` over `timestamp\nnonce\nbody\n`.

use http::{HeaderMap, HeaderValue};
use wxpay_core::{
    PlatformCertificate, PrivateKey, aead::ApiV3Key, certificates::CertificateEntry,
    sign::response_message, trust::headers,
};

use crate::{KeyMode, util};

/// How a signed message deviates from a correct one (faults).
#[derive(Clone, Copy, Debug, Default)]
#[allow(clippy::struct_excessive_bools, reason = "independent switches, any may combine")]
pub(crate) struct Deviation {
    /// Sign with a timestamp ten minutes in the past.
    pub(crate) stale: bool,
    /// Name a key the client cannot know in `Wechatpay-Serial`.
    pub(crate) unknown_serial: bool,
    /// Send no `Wechatpay-*` headers at all.
    pub(crate) unsigned: bool,
    /// Alter the message after signing.
    pub(crate) tamper: bool,
    /// Send a `WECHATPAY/SIGNTEST/` probe signature.
    pub(crate) probe: bool,
}

/// One platform key with its certificate.
pub(crate) struct PlatformKey {
    pub(crate) key: PrivateKey,
    pub(crate) cert: PlatformCertificate,
    pub(crate) cert_pem: String,
}

/// The keys that sign answers, by mode.
pub(crate) struct Signer {
    pub(crate) mode: KeyMode,
    /// The WeChat Pay public key id and the private half of that public key.
    pub(crate) public_key: (String, PrivateKey),
    /// Platform certificates in the order they were added; the last one signs in
    /// certificate mode.
    pub(crate) certificates: Vec<PlatformKey>,
}

impl Signer {
    /// The serial and key that sign now.
    fn current(&self) -> Option<(String, &PrivateKey)> {
        match self.mode {
            KeyMode::PublicKey => Some((self.public_key.0.clone(), &self.public_key.1)),
            KeyMode::Certificate => {
                self.certificates.last().map(|c| (c.cert.serial.to_string(), &c.key))
            }
        }
    }

    /// The `Wechatpay-Serial` that answers carry now.
    pub(crate) fn current_serial(&self) -> Option<String> {
        self.current().map(|(serial, _)| serial)
    }

    /// Signs `body` and returns the headers to add (none when `unsigned`), with the body to
    /// send (altered when `tamper` and non-empty).
    pub(crate) fn sign(&self, body: Vec<u8>, deviation: Deviation) -> (HeaderMap, Vec<u8>) {
        let mut out = HeaderMap::new();
        if deviation.unsigned {
            return (out, body);
        }
        let Some((serial, key)) = self.current() else {
            tracing::warn!("no platform key to sign with");
            return (out, body);
        };
        let now = util::unix_now();
        let timestamp = if deviation.stale { now - 600 } else { now }.to_string();
        let nonce = util::random_hex(32);
        let signature = if deviation.probe {
            format!("WECHATPAY/SIGNTEST/{}", util::random_alnum(64))
        } else {
            match key.sign_base64(&response_message(&timestamp, &nonce, &body)) {
                Ok(signature) => signature,
                Err(err) => {
                    tracing::warn!(error = %err, "signing failed");
                    return (out, body);
                }
            }
        };
        let serial = if deviation.unknown_serial {
            match self.mode {
                KeyMode::PublicKey => format!("PUB_KEY_ID_{}", util::random_digits(34)),
                KeyMode::Certificate => util::random_hex(40).to_ascii_uppercase(),
            }
        } else {
            serial
        };
        let (nonce, body) = if deviation.tamper {
            if body.is_empty() {
                // Nothing to alter in an empty body: alter the signed nonce instead.
                (util::random_hex(32), body)
            } else {
                (nonce, tamper(body))
            }
        } else {
            (nonce, body)
        };
        for (name, value) in [
            (headers::TIMESTAMP, timestamp),
            (headers::NONCE, nonce),
            (headers::SIGNATURE, signature),
            (headers::SERIAL, serial),
            (headers::SIGNATURE_TYPE, wxpay_core::AUTH_SCHEME.to_owned()),
        ] {
            if let Ok(value) = HeaderValue::from_str(&value) {
                out.insert(name, value);
            }
        }
        (out, body)
    }

    /// The body of `GET /v3/certificates` (protocol §4): every certificate, encrypted with
    /// the APIv3 key under `associated_data` `certificate`.
    pub(crate) fn certificate_list(&self, key: &ApiV3Key) -> serde_json::Value {
        let data = self
            .certificates
            .iter()
            .filter_map(|c| {
                let nonce = util::random_alnum(12);
                let encrypted = key.encrypt(&nonce, "certificate", c.cert_pem.as_bytes()).ok()?;
                Some(CertificateEntry::new(
                    c.cert.serial.to_string(),
                    util::rfc3339(c.cert.not_before),
                    util::rfc3339(c.cert.not_after),
                    encrypted,
                ))
            })
            .collect::<Vec<_>>();
        serde_json::json!({ "data": data })
    }
}

/// Alters one byte of a JSON body so that it stays JSON: a digit or letter is changed.
fn tamper(mut body: Vec<u8>) -> Vec<u8> {
    if let Some(b) = body.iter_mut().rev().find(|b| b.is_ascii_alphanumeric()) {
        *b = match *b {
            b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => *b + 1,
            b'9' => b'0',
            b'z' => b'a',
            _ => b'A',
        };
    } else {
        body.push(b' ');
    }
    body
}

#[cfg(test)]
mod tests {
    use super::tamper;

    #[test]
    fn tampering_changes_one_byte() {
        assert_eq!(tamper(b"{\"a\":19}".to_vec()), b"{\"a\":10}".to_vec());
        assert_eq!(tamper(b"{}".to_vec()), b"{} ".to_vec());
    }
}
