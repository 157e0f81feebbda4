//! Sensitive request fields: encrypted with the advertised key, never shown in Debug.

use wxpay_core::{
    PublicKey, endpoint,
    sensitive::{Encrypted, Sensitive},
};

use crate::support::{PUB_KEY_ID, Recorder, builder, fixture, official_key, platform_key};

/// `POST /v3/security/echo`: the self-test endpoint with a sensitive field.
#[endpoint(POST, "v3/security/echo", response = serde_json::Value)]
#[derive(Debug)]
struct Echo {
    echo_message: String,
    encrypted_echo_message: Sensitive,
}

#[test]
fn sensitive_fields_are_encrypted_to_the_advertised_key() {
    let client = builder().build_with_transport(Recorder::default()).unwrap();
    let req =
        Echo { echo_message: "hi".into(), encrypted_echo_message: Sensitive::new("13800138000") };
    assert!(!format!("{req:?}").contains("13800138000"));
    let prepared = client.prepare(&req).unwrap();
    assert_eq!(prepared.headers()["wechatpay-serial"], PUB_KEY_ID);
    let body: serde_json::Value = serde_json::from_slice(prepared.body()).unwrap();
    let ct = body["encrypted_echo_message"].as_str().unwrap();
    assert!(!String::from_utf8_lossy(prepared.body()).contains("13800138000"));
    // The holder of the configured WeChat Pay public key's private half can read it.
    let plain = Sensitive::from_ciphertext(ct, &platform_key()).unwrap();
    assert_eq!(plain.expose(), "13800138000");
    // Anyone else cannot, and a tampered ciphertext fails.
    assert!(Sensitive::from_ciphertext(ct, &official_key()).is_err());
    let mut bytes = ct.to_owned().into_bytes();
    bytes[10] = if bytes[10] == b'A' { b'B' } else { b'A' };
    assert!(
        Sensitive::from_ciphertext(std::str::from_utf8(&bytes).unwrap(), &platform_key()).is_err()
    );
}

#[test]
fn serializing_outside_a_client_fails_instead_of_leaking() {
    let err = serde_json::to_string(&Sensitive::new("secret")).unwrap_err();
    assert!(!err.to_string().contains("secret"));
}

#[test]
fn response_fields_decrypt_with_the_merchant_key() {
    let merchant_public = PublicKey::from_pem(&fixture("official_pub.pem")).unwrap();
    let ct = merchant_public.encrypt_oaep_base64("李四".as_bytes()).unwrap();
    let field: Encrypted = serde_json::from_value(serde_json::json!(ct)).unwrap();
    assert_eq!(format!("{field:?}"), "Encrypted(..)");
    assert_eq!(field.decrypt(&official_key()).unwrap().expose(), "李四");
    assert!(field.decrypt(&platform_key()).is_err());
    // At most 214 bytes fit RSA-2048 OAEP-SHA1.
    assert!(merchant_public.encrypt_oaep_base64(&[b'x'; 214]).is_ok());
    assert!(merchant_public.encrypt_oaep_base64(&[b'x'; 215]).is_err());
}
