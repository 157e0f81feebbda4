//! Key loading: every accepted format, and errors that say what was found and expected.

use wxpay_core::{Client, ConfigError, Error, PrivateKey, PublicKey};

use crate::support::{MCH_SERIAL, MCHID, PUB_KEY_ID, Recorder, fixture, fixture_path};

#[test]
fn private_keys_pkcs8_and_pkcs1_from_string_and_file() {
    PrivateKey::from_pem(&fixture("official_key.pem")).unwrap();
    PrivateKey::from_pem(&fixture("official_key_pkcs1.pem")).unwrap();
    PrivateKey::from_pem_file(fixture_path("official_key.pem")).unwrap();
    // Surrounding text (e.g. `Bag Attributes` from a PKCS#12 export) and CRLF are tolerated.
    let noisy = format!("Bag Attributes\r\n{}", fixture("official_key.pem").replace('\n', "\r\n"));
    PrivateKey::from_pem(&noisy).unwrap();
}

#[test]
fn public_keys_spki_and_pkcs1() {
    PublicKey::from_pem(&fixture("official_pub.pem")).unwrap();
    PublicKey::from_pem(&fixture("official_pub_pkcs1.pem")).unwrap();
    PublicKey::from_pem_file(fixture_path("platform_pub.pem")).unwrap();
}

#[test]
fn key_errors_say_what_was_expected() {
    let err = PrivateKey::from_pem(&fixture("official_pub.pem")).unwrap_err();
    assert!(
        matches!(&err, ConfigError::WrongPemType { found, .. } if found == "PUBLIC KEY"),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("expected `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY`"),
        "{err}"
    );

    let err = PublicKey::from_pem(&fixture("official_key.pem")).unwrap_err();
    assert!(matches!(&err, ConfigError::WrongPemType { found, .. } if found == "PRIVATE KEY"));

    let err = PrivateKey::from_pem(&fixture("encrypted_key.pem")).unwrap_err();
    assert!(err.to_string().contains("password"), "{err}");

    let err = PrivateKey::from_pem(&fixture("ec_key.pem")).unwrap_err();
    assert!(matches!(err, ConfigError::InvalidKey { .. }), "{err:?}");

    let err = PrivateKey::from_pem(&fixture("rsa1024_key.pem")).unwrap_err();
    assert!(matches!(err, ConfigError::InvalidKey { .. }), "{err:?}");

    for junk in ["", "not a key", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"]
    {
        assert!(PrivateKey::from_pem(junk).is_err(), "{junk:?}");
        assert!(PublicKey::from_pem(junk).is_err(), "{junk:?}");
    }

    let err = PrivateKey::from_pem_file("/nonexistent/apiclient_key.pem").unwrap_err();
    assert!(matches!(err, ConfigError::Io { .. }));
}

#[test]
fn debug_never_shows_key_material() {
    let pem = fixture("official_key.pem");
    let key = PrivateKey::from_pem(&pem).unwrap();
    let shown = format!("{key:?}");
    assert!(shown.contains("redacted"), "{shown}");
    let body_line = pem.lines().nth(1).unwrap();
    assert!(!shown.contains(&body_line[..16]));
    let client = crate::support::builder().build_with_transport(Recorder::default()).unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains(&body_line[..16]) && shown.contains(MCHID), "{shown}");
}

#[test]
fn builder_rejects_the_known_mix_ups() {
    let public = PublicKey::from_pem(&fixture("platform_pub.pem")).unwrap();
    // The merchant serial given as the WeChat Pay public key id.
    let err = Client::builder()
        .mchid(MCHID)
        .merchant_serial(MCH_SERIAL)
        .private_key_pem(&fixture("official_key.pem"))
        .wechatpay_public_key(MCH_SERIAL, public.clone())
        .build_with_transport(Recorder::default())
        .unwrap_err();
    assert!(err.to_string().contains("configuration"), "{err}");
    let Error::Config(ConfigError::InvalidId(id)) = err else { panic!("{err:?}") };
    assert!(id.reason.contains("certificate serial"), "{id}");

    // A public key id given as the merchant serial.
    let err = Client::builder()
        .mchid(MCHID)
        .merchant_serial(PUB_KEY_ID)
        .private_key_pem(&fixture("official_key.pem"))
        .wechatpay_public_key(PUB_KEY_ID, public.clone())
        .build_with_transport(Recorder::default())
        .unwrap_err();
    assert!(matches!(err, Error::Config(ConfigError::InvalidId(_))), "{err:?}");

    // Nothing to verify responses with.
    let err = Client::builder()
        .mchid(MCHID)
        .merchant_serial(MCH_SERIAL)
        .private_key_pem(&fixture("official_key.pem"))
        .build_with_transport(Recorder::default())
        .unwrap_err();
    assert!(matches!(err, Error::Config(ConfigError::Missing(_))), "{err:?}");

    for url in ["ftp://x/", "https://api.mch.weixin.qq.com", "not a url", "https://h/x?y=1/"] {
        let err = crate::support::builder().base_url(url).build_with_transport(Recorder::default());
        assert!(matches!(err, Err(Error::Config(ConfigError::BaseUrl(_)))), "{url}");
    }
}

#[test]
fn truncated_and_corrupted_pem_never_panics() {
    for name in ["official_key.pem", "official_pub.pem", "platform_cert_old.pem"] {
        let pem = fixture(name);
        for cut in (0..pem.len()).step_by(7) {
            let _ = PrivateKey::from_pem(&pem[..cut]);
            let _ = PublicKey::from_pem(&pem[..cut]);
            let _ = wxpay_core::PlatformCertificate::from_pem(&pem[..cut]);
        }
        let mut bytes = pem.into_bytes();
        for i in (40..bytes.len() - 40).step_by(13) {
            let saved = bytes[i];
            bytes[i] = if saved == b'A' { b'B' } else { b'A' };
            let text = String::from_utf8_lossy(&bytes);
            let _ = PrivateKey::from_pem(&text);
            let _ = PublicKey::from_pem(&text);
            let _ = wxpay_core::PlatformCertificate::from_pem(&text);
            bytes[i] = saved;
        }
    }
}
