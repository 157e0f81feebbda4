//! `GET /v3/payscore/merchant-bill`: the PayScore bill of a direct merchant, as encrypted
//! files, and [`MerchantBill::download`], which hands back the plain bill.

use serde::{Deserialize, Serialize};
use wxpay_core::{Client, Error, Transport, bill::EncryptedBillFile, endpoint};

use crate::types::string_enum;

/// 商户申请获取对账单 — where to download the PayScore bill of one service for one day
/// (direct merchant).
///
/// `GET /v3/payscore/merchant-bill`
///
/// WeChat: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter6_1_29.shtml>
///
/// WeChat: "商户获取到的对账单数据，需先解密、再解压，才能得到原始账单文件". The answer
/// ([`MerchantBill`]) lists one or more files, each `AEAD_AES_256_GCM` ciphertext whose key
/// (`encrypt_key`) is RSA-OAEP encrypted to the merchant certificate's public key.
/// [`MerchantBill::download`] downloads them in `bill_sequence` order, decrypts each with the
/// client's merchant private key, decompresses it, checks its `hash_value`, and returns the
/// plain bill; no unverified byte is handed out.
///
/// ```no_run
/// use wxpay_payscore::merchant_bill::{BillEncryptionAlgorithm, BillTarType, GetMerchantBill};
/// # async fn run(client: wxpay_core::Client) -> Result<(), wxpay_core::Error> {
/// let bill = GetMerchantBill::builder()
///     .bill_date("2021-01-01")
///     .tar_type(BillTarType::Gzip)
///     .encryption_algorithm(BillEncryptionAlgorithm::AeadAes256Gcm)
///     .service_id("2002000000000558128851361561536")
///     .build()
///     .execute(&client)
///     .await?;
/// let text = bill.download(&client).await?; // decrypted, gunzipped, SHA1 verified
/// # Ok(()) }
/// ```
#[endpoint(GET, "v3/payscore/merchant-bill", response = MerchantBill)]
#[derive(Debug, Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GetMerchantBill {
    /// 账单日期 `bill_date`: `yyyy-MM-DD`, within the last three months.
    pub bill_date: String,
    /// 账单压缩类型 `tar_type`: `GZIP`, the file is gzip-compressed (before encryption).
    pub tar_type: BillTarType,
    /// 加密算法 `encryption_algorithm`: `AEAD_AES_256_GCM`, the algorithm the bill is
    /// encrypted with.
    pub encryption_algorithm: BillEncryptionAlgorithm,
    /// 服务ID `service_id`: the PayScore service whose bill.
    pub service_id: String,
}

string_enum! {
    /// 账单压缩类型 (`tar_type`).
    pub enum BillTarType {
        /// `GZIP`: the file is gzip-compressed.
        Gzip = "GZIP",
    }
}

string_enum! {
    /// 加密算法 (`encryption_algorithm`).
    pub enum BillEncryptionAlgorithm {
        /// `AEAD_AES_256_GCM`: AES-256-GCM, the key RSA-OAEP encrypted to the merchant key.
        AeadAes256Gcm = "AEAD_AES_256_GCM",
    }
}

/// The answer of [`GetMerchantBill`].
///
/// `Debug` redacts every `encrypt_key` and download token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MerchantBill {
    /// 下载信息总数 `download_bill_count`: how many files the bill is split into.
    pub download_bill_count: u32,
    /// 下载信息明细 `download_bill_list`: one entry per file (账单文件序号 `bill_sequence`,
    /// 哈希类型 `hash_type`, 哈希值 `hash_value`, 下载地址 `download_url`, 加密密钥
    /// `encrypt_key`, 随机字符串 `nonce`).
    #[serde(default)]
    pub download_bill_list: Vec<EncryptedBillFile>,
}

impl MerchantBill {
    /// Downloads every file in `bill_sequence` order, decrypts it with `client`'s merchant
    /// private key, decompresses it and checks its digest (see
    /// [`Client::download_encrypted_bill`]), and returns the joined plain bill.
    ///
    /// The download URLs are valid for a few minutes: call this right after
    /// [`GetMerchantBill`].
    ///
    /// # Errors
    ///
    /// The first [`Error`] of any file ([`Error::Bill`] for decryption, digest or size,
    /// [`Error::Api`], [`Error::Transport`]); nothing is returned then.
    pub async fn download<T: Transport>(&self, client: &Client<T>) -> Result<Vec<u8>, Error> {
        let mut files: Vec<&EncryptedBillFile> = self.download_bill_list.iter().collect();
        files.sort_by_key(|f| f.bill_sequence);
        let mut bill = Vec::new();
        for file in files {
            client.download_encrypted_bill(file, &mut bill).await?;
        }
        Ok(bill)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::assert_request;

    #[test]
    fn prepares_the_documented_query() {
        let request = GetMerchantBill::builder()
            .bill_date("2021-01-01")
            .tar_type(BillTarType::Gzip)
            .encryption_algorithm(BillEncryptionAlgorithm::AeadAes256Gcm)
            .service_id("2002000000000558128851361561536")
            .build();
        // The URL of WeChat's page, parameters in its order.
        assert_request(
            &request,
            "GET",
            "https://api.mch.weixin.qq.com/v3/payscore/merchant-bill?bill_date=2021-01-01&tar_type=GZIP&encryption_algorithm=AEAD_AES_256_GCM&service_id=2002000000000558128851361561536",
            "",
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let answer: MerchantBill = serde_json::from_str(
            r#"{"download_bill_count":1,"download_bill_list":[{"bill_sequence":1,"download_url":"https://api.mch.weixin.qq.com/v3/payscore/bill/downloadurl?token=xxx","encrypt_key":"a0YK7p+9XaKzE9N4qtFfG/9za1oqKlLXXJWBkH+kX84onAs2Ol/E1fk+6S+FuBXczGDRU8I8D+6PfbwKYBGm0wANUTqHOSezzfbieIo2t51UIId7sP9SoN38W2+IcYDviIsu59KSdyiL3TY2xqZNT8UDcnMWzTNZdSv+CLsSgblB6OKGN9JONTadOFGfv1OKkTp86Li+X7S9bG62wsa572/5Rm4MmDCiKwY4bX2EynWQHBEOExD5URxT6/MX3F1D3BNYrE4fUu1F03k25xVlXnZDjksnpBqvtRMWW2tZwWxRZCgIWvZH86YsR+aNc5xcDsZfu6OmkDNt5kOihBydQ==","hash_type":"SHA1","hash_value":"8ae8e4d9e3b0e2f3c3b8d3f9e8c2a1f6b7c8d9e0","nonce":"a8607ef79034c49c"}]}"#,
        )
        .unwrap();
        assert_eq!(answer.download_bill_count, 1);
        let file = &answer.download_bill_list[0];
        assert_eq!(file.bill_sequence, 1);
        assert_eq!(file.hash_type, wxpay_core::bill::HashType::Sha1);
        assert!(file.encrypt_key.starts_with("a0YK7p"));
        let shown = format!("{answer:?}");
        assert!(!shown.contains("a0YK7p"), "encrypt_key redacted: {shown}");
        assert!(!shown.contains("token=xxx"), "token redacted: {shown}");
        assert!(BillTarType::from("GZIP") == BillTarType::Gzip);
    }
}
