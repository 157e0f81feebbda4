//! RustCrypto backend: `rsa` 0.10 (blinded signing), `sha2`, `sha1`, `aes-gcm`.

use aes_gcm::{
    Aes256Gcm, KeyInit,
    aead::{Aead, Payload},
};
use rsa::{
    PrivateKey, PublicKey,
    pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey},
    pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey},
    traits::PublicKeyParts,
};
use sha1::Sha1;
use sha2::Sha256;

pub(crate) const NAME: &str = "rustcrypto";

/// An RSA private key: signs (always with blinding) and decrypts OAEP.
pub(crate) struct SigningKey {
    key: PrivateKey,
}

impl SigningKey {
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> Result<Self, String> {
        PrivateKey::from_pkcs8_der(der).map(|key| Self { key }).map_err(|e| e.to_string())
    }

    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self, String> {
        PrivateKey::from_pkcs1_der(der).map(|key| Self { key }).map_err(|e| e.to_string())
    }

    pub(crate) fn bits(&self) -> usize {
        self.key.size() * 8
    }

    pub(crate) fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, ()> {
        // With the `getrandom` feature the RNG-less method blinds with the OS RNG.
        self.key.pkcs1v15_sign::<Sha256>(message).map_err(|_| ())
    }

    pub(crate) fn public_key_spki_der(&self) -> Result<Vec<u8>, ()> {
        let der = self.key.to_public_key().to_public_key_der().map_err(|_| ())?;
        Ok(der.as_bytes().to_vec())
    }

    pub(crate) fn oaep_sha1_decrypt(&self, ciphertext: &[u8]) -> Result<Vec<u8>, ()> {
        self.key.oaep_decrypt::<Sha1>(ciphertext).map_err(|_| ())
    }
}

/// An RSA public key: verifies signatures and encrypts OAEP.
pub(crate) struct VerifyingKey {
    key: PublicKey,
}

impl VerifyingKey {
    /// Accepts SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey` DER.
    pub(crate) fn from_der(der: &[u8]) -> Result<Self, String> {
        PublicKey::from_public_key_der(der)
            .or_else(|_| PublicKey::from_pkcs1_der(der))
            .map(|key| Self { key })
            .map_err(|e| e.to_string())
    }

    pub(crate) fn bits(&self) -> usize {
        self.key.size() * 8
    }

    pub(crate) fn verify_sha256(&self, message: &[u8], signature: &[u8]) -> bool {
        self.key.pkcs1v15_verify::<Sha256>(message, signature).is_ok()
    }

    pub(crate) fn oaep_sha1_encrypt(&self, plaintext: &[u8]) -> Result<Vec<u8>, ()> {
        self.key.oaep_encrypt::<Sha1>(plaintext).map_err(|_| ())
    }
}

pub(crate) fn aes_256_gcm_decrypt(
    key: &[u8; 32],
    nonce: &[u8; 12],
    aad: &[u8],
    ciphertext_and_tag: &[u8],
) -> Result<Vec<u8>, ()> {
    let cipher = Aes256Gcm::new(key.into());
    cipher.decrypt(nonce.into(), Payload { msg: ciphertext_and_tag, aad }).map_err(|_| ())
}

pub(crate) fn aes_256_gcm_encrypt(
    key: &[u8; 32],
    nonce: &[u8; 12],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, ()> {
    let cipher = Aes256Gcm::new(key.into());
    cipher.encrypt(nonce.into(), Payload { msg: plaintext, aad }).map_err(|_| ())
}

pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use hmac::{KeyInit as _, Mac as _};

    // HMAC accepts keys of any length (long ones are hashed first), so this cannot fail.
    let mut mac = <hmac::Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(message);
    mac.finalize().into_bytes().into()
}
