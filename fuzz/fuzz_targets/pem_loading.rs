//! PEM and DER loading of merchant private keys, WeChat Pay public keys and platform
//! certificates. Property: no error message shows a line of the key material it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wxpay_core::{PlatformCertificate, PrivateKey, PublicKey};

/// Base64-looking lines of the input long enough to be key material.
fn secret_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| {
        l.len() >= 24 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
    })
}

fn no_leak<T, E: std::fmt::Display + std::fmt::Debug>(text: &str, result: Result<T, E>) {
    if let Err(e) = result {
        let shown = format!("{e} {e:?}");
        for line in secret_lines(text) {
            assert!(!shown.contains(line), "an error shows key material: {shown}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = PublicKey::from_der(data);
    let _ = PlatformCertificate::from_der(data);
    let Ok(text) = std::str::from_utf8(data) else { return };
    no_leak(text, PrivateKey::from_pem(text).map(|k| format!("{k:?}")));
    no_leak(text, PublicKey::from_pem(text));
    no_leak(text, PlatformCertificate::from_pem(text));
    if let Ok(certs) = PlatformCertificate::all_from_pem(text) {
        for cert in certs {
            let _ = (cert.is_valid_at(0), format!("{cert:?}"));
        }
    }
});
