//! Cross-checks with an independent implementation: the `openssl` command line tool.

use std::{path::Path, process::Command};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use wxpay_core::{PublicKey, PublicKeyId, TrustStore, sign};

use crate::support::{PUB_KEY_ID, Recorder, builder, complete, fixture, fixture_path, now};

fn openssl(args: &[&str]) -> std::process::Output {
    Command::new("openssl").args(args).output().expect("the `openssl` CLI is required")
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("wxpay-core-openssl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn client_signatures_verify_with_openssl() {
    let client = builder().build_with_transport(Recorder::default()).unwrap();
    let req = client.prepare(&complete()).unwrap();
    let auth = req.headers()["authorization"].to_str().unwrap().to_owned();
    let field = |name: &str| {
        auth.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().to_owned()
    };
    let target = req.uri().path_and_query().unwrap().as_str().to_owned();
    let mut message =
        format!("POST\n{target}\n{}\n{}\n", field("timestamp"), field("nonce_str")).into_bytes();
    message.extend_from_slice(req.body());
    message.push(b'\n');
    let sig = STANDARD.decode(field("signature")).unwrap();
    let msg_path = temp("request.msg", &message);
    let sig_path = temp("request.sig", &sig);
    let out = openssl(&[
        "dgst",
        "-sha256",
        "-verify",
        &fixture_path("official_pub.pem"),
        "-signature",
        &sig_path,
        &msg_path,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Verified OK");

    // And a single altered byte fails there too.
    message[0] = b'G';
    let bad_path = temp("request-bad.msg", &message);
    let out = openssl(&[
        "dgst",
        "-sha256",
        "-verify",
        &fixture_path("official_pub.pem"),
        "-signature",
        &sig_path,
        &bad_path,
    ]);
    assert!(!out.status.success());
}

#[test]
fn openssl_signed_responses_verify_in_the_client() {
    let ts = now().to_string();
    let nonce = "c5ac7061fccab6bf3e254dcf98995b8c";
    for body in ["", r#"{"out_order_no":"A1","total_amount":39900}"#] {
        let message = sign::response_message(&ts, nonce, body.as_bytes());
        let msg_path = temp("response.msg", &message);
        let out =
            openssl(&["dgst", "-sha256", "-sign", &fixture_path("platform_key.pem"), &msg_path]);
        assert!(out.status.success());
        let signature = STANDARD.encode(&out.stdout);

        let mut headers = http::HeaderMap::new();
        headers.insert("Wechatpay-Timestamp", ts.parse().unwrap());
        headers.insert("Wechatpay-Nonce", nonce.parse().unwrap());
        headers.insert("Wechatpay-Signature", signature.parse().unwrap());
        headers.insert("Wechatpay-Serial", PUB_KEY_ID.parse().unwrap());
        let trust = TrustStore::with_public_key(
            PublicKeyId::new(PUB_KEY_ID).unwrap(),
            PublicKey::from_pem(&fixture("platform_pub.pem")).unwrap(),
        );
        trust.verify(&headers, body.as_bytes(), 300).unwrap();
        assert!(trust.verify(&headers, b"tampered", 300).is_err());
        assert!(Path::new(&msg_path).exists());
    }
}

#[test]
fn oaep_ciphertexts_decrypt_with_openssl_and_back() {
    // Client → openssl: encrypt with the public key, decrypt with `openssl pkeyutl`.
    let public = PublicKey::from_pem(&fixture("official_pub.pem")).unwrap();
    let secret = "张三 13800138000";
    let ct = STANDARD.decode(public.encrypt_oaep_base64(secret.as_bytes()).unwrap()).unwrap();
    assert_eq!(ct.len(), 256);
    let ct_path = temp("oaep.bin", &ct);
    let out = openssl(&[
        "pkeyutl",
        "-decrypt",
        "-inkey",
        &fixture_path("official_key.pem"),
        "-in",
        &ct_path,
        "-pkeyopt",
        "rsa_padding_mode:oaep",
        "-pkeyopt",
        "rsa_oaep_md:sha1",
        "-pkeyopt",
        "rsa_mgf1_md:sha1",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.stdout, secret.as_bytes());

    // openssl → client.
    let plain_path = temp("oaep-plain.txt", secret.as_bytes());
    let out = openssl(&[
        "pkeyutl",
        "-encrypt",
        "-pubin",
        "-inkey",
        &fixture_path("official_pub.pem"),
        "-in",
        &plain_path,
        "-pkeyopt",
        "rsa_padding_mode:oaep",
        "-pkeyopt",
        "rsa_oaep_md:sha1",
        "-pkeyopt",
        "rsa_mgf1_md:sha1",
    ]);
    assert!(out.status.success());
    let key = crate::support::official_key();
    assert_eq!(key.decrypt_oaep_base64(&STANDARD.encode(&out.stdout)).unwrap(), secret.as_bytes());
    // The wrong key fails.
    assert!(
        crate::support::platform_key().decrypt_oaep_base64(&STANDARD.encode(&out.stdout)).is_err()
    );
}
