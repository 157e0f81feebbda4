//! aws-lc-rs backend.

use aws_lc_rs::{
    aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey},
    encoding::AsDer,
    rand::SystemRandom,
    rsa::{
        KeyPair, OAEP_SHA1_MGF1SHA1, OaepPrivateDecryptingKey, OaepPublicEncryptingKey,
        PrivateDecryptingKey, PublicEncryptingKey,
    },
    signature::{KeyPair as _, ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256},
};

pub(crate) const NAME: &str = "aws-lc-rs";

/// An RSA private key: signs (blinded, constant time) and decrypts OAEP.
pub(crate) struct SigningKey {
    pair: KeyPair,
    decrypt: OaepPrivateDecryptingKey,
}

impl SigningKey {
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> Result<Self, String> {
        let pair = KeyPair::from_pkcs8(der).map_err(|e| e.to_string())?;
        Self::new(pair)
    }

    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self, String> {
        let pair = KeyPair::from_der(der).map_err(|e| e.to_string())?;
        Self::new(pair)
    }

    fn new(pair: KeyPair) -> Result<Self, String> {
        let pkcs8 = pair.as_der().map_err(|_| "cannot re-encode the key".to_owned())?;
        let decrypt =
            PrivateDecryptingKey::from_pkcs8(pkcs8.as_ref())
                .map_err(|e| e.to_string())
                .and_then(|key| OaepPrivateDecryptingKey::new(key).map_err(|e| e.to_string()))?;
        Ok(Self { pair, decrypt })
    }

    pub(crate) fn bits(&self) -> usize {
        self.pair.public_modulus_len() * 8
    }

    pub(crate) fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, ()> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), message, &mut signature)
            .map_err(|_| ())?;
        Ok(signature)
    }

    pub(crate) fn public_key_spki_der(&self) -> Result<Vec<u8>, ()> {
        let der = self.pair.public_key().as_der().map_err(|_| ())?;
        Ok(der.as_ref().to_vec())
    }

    pub(crate) fn oaep_sha1_decrypt(&self, ciphertext: &[u8]) -> Result<Vec<u8>, ()> {
        let mut out = vec![0; self.decrypt.min_output_size()];
        let plain = self
            .decrypt
            .decrypt(&OAEP_SHA1_MGF1SHA1, ciphertext, &mut out, None)
            .map_err(|_| ())?;
        Ok(plain.to_vec())
    }
}

/// An RSA public key: verifies signatures and encrypts OAEP.
pub(crate) struct VerifyingKey {
    verify: ParsedPublicKey,
    encrypt: OaepPublicEncryptingKey,
}

impl VerifyingKey {
    /// Accepts SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey` DER.
    pub(crate) fn from_der(der: &[u8]) -> Result<Self, String> {
        let public = aws_lc_rs::rsa::PublicKey::from_der(der).map_err(|e| e.to_string())?;
        let spki = public.as_der().map_err(|_| "cannot re-encode the key".to_owned())?;
        let verify = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, spki.as_ref())
            .map_err(|e| e.to_string())?;
        let encrypt = PublicEncryptingKey::from_der(spki.as_ref())
            .map_err(|e| e.to_string())
            .and_then(|key| OaepPublicEncryptingKey::new(key).map_err(|e| e.to_string()))?;
        Ok(Self { verify, encrypt })
    }

    pub(crate) fn bits(&self) -> usize {
        self.encrypt.key_size_bits()
    }

    pub(crate) fn verify_sha256(&self, message: &[u8], signature: &[u8]) -> bool {
        self.verify.verify_sig(message, signature).is_ok()
    }

    pub(crate) fn oaep_sha1_encrypt(&self, plaintext: &[u8]) -> Result<Vec<u8>, ()> {
        let mut out = vec![0; self.encrypt.ciphertext_size()];
        let ct =
            self.encrypt.encrypt(&OAEP_SHA1_MGF1SHA1, plaintext, &mut out, None).map_err(|_| ())?;
        Ok(ct.to_vec())
    }
}

pub(crate) fn aes_256_gcm_decrypt(
    key: &[u8; 32],
    nonce: &[u8; 12],
    aad: &[u8],
    ciphertext_and_tag: &[u8],
) -> Result<Vec<u8>, ()> {
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).map_err(|_| ())?);
    let mut buf = ciphertext_and_tag.to_vec();
    let plain = key
        .open_in_place(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), &mut buf)
        .map_err(|_| ())?;
    let len = plain.len();
    buf.truncate(len);
    Ok(buf)
}

pub(crate) fn aes_256_gcm_encrypt(
    key: &[u8; 32],
    nonce: &[u8; 12],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, ()> {
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).map_err(|_| ())?);
    let mut buf = plaintext.to_vec();
    key.seal_in_place_append_tag(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), &mut buf)
        .map_err(|_| ())?;
    Ok(buf)
}

pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, key);
    let tag = aws_lc_rs::hmac::sign(&key, message);
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}
