//! `GET /v3/bill/sub-merchant-fundflowbill`

use serde::Deserialize;
use wxpay_core::{Client, Error, Transport, bill::EncryptedBillFile, endpoint};

use super::{AccountType, EncryptionAlgorithm, TarType};

/// 申请单个子商户资金账单 — where to download the fund-flow bill of one sub-merchant's
/// account (service provider only).
///
/// `GET /v3/bill/sub-merchant-fundflowbill`
///
/// WeChat: <https://pay.weixin.qq.com/docs/partner/apis/bill-download/sub-mch-fund-flow-bill/get-sub-mch-fund-flow-bill.html>
///
/// Unlike the trade and fund-flow bills the answer is a list ([`SubMerchantFundFlowBill`]):
/// a large bill (about 16 GB uncompressed) is split into several files, and every file is
/// **encrypted** with `algorithm`; download each with
/// [`wxpay_core::Client::download_encrypted_bill`] (`AEAD_AES_256_GCM`), which decrypts it
/// with the merchant key and checks its digest, and join them by `bill_sequence`.
#[endpoint(GET, "v3/bill/sub-merchant-fundflowbill", response = SubMerchantFundFlowBill)]
#[derive(Debug, Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GetSubMerchantFundFlowBill {
    /// 子商户号 `sub_mchid`: the sub-merchant whose bill.
    pub sub_mchid: String,
    /// 账单日期 `bill_date`: `yyyy-MM-dd`, within the last three months.
    pub bill_date: String,
    /// 资金账户类型 `account_type`: `BASIC`, `OPERATION`, `FEES` or `DEPOSIT`.
    pub account_type: AccountType,
    /// 加密算法 `algorithm`: `AEAD_AES_256_GCM` or `SM4_GCM`.
    pub algorithm: EncryptionAlgorithm,
    /// 压缩类型 `tar_type` (optional): `GZIP` for compressed files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tar_type: Option<TarType>,
}

/// The answer of [`GetSubMerchantFundFlowBill`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct SubMerchantFundFlowBill {
    /// 下载信息总数 `download_bill_count`.
    pub download_bill_count: u32,
    /// 下载信息明细 `download_bill_list`: one entry per file.
    #[serde(default)]
    pub download_bill_list: Vec<EncryptedBillFile>,
}

impl SubMerchantFundFlowBill {
    /// Downloads every file in `bill_sequence` order, decrypts it with `client`'s merchant
    /// private key (`AEAD_AES_256_GCM` files), decompresses it and checks its digest (see
    /// [`Client::download_encrypted_bill`]), and returns the joined plain bill. For a bill too
    /// large for memory, download the files one by one with
    /// [`Client::download_encrypted_bill`] into a file instead.
    ///
    /// # Errors
    ///
    /// The first [`Error`] of any file; nothing is returned then.
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
    use wxpay_core::bill::HashType;

    use super::*;
    use crate::bill::test_support::assert_get;

    #[test]
    fn prepares_the_documented_query() {
        let request = GetSubMerchantFundFlowBill::builder()
            .sub_mchid("19000000001")
            .bill_date("2019-06-11")
            .account_type(AccountType::Basic)
            .algorithm(EncryptionAlgorithm::AeadAes256Gcm)
            .tar_type(TarType::Gzip)
            .build();
        assert_get(
            &request,
            "https://api.mch.weixin.qq.com/v3/bill/sub-merchant-fundflowbill?sub_mchid=19000000001&bill_date=2019-06-11&account_type=BASIC&algorithm=AEAD_AES_256_GCM&tar_type=GZIP",
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let answer: SubMerchantFundFlowBill = serde_json::from_str(
            r#"{"download_bill_count":1,"download_bill_list":[{"bill_sequence":1,"download_url":"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx","encrypt_key":"a0YK7p/u6i+S5MGGI3fRu0cMqTudg2/hKBnBV0y8yaCqr0Kco8+YDYjuyNLwXq3TLMmbhdfmZtL==","hash_type":"SHA1","hash_value":"79bb0f45fc4c42234a918000b2668d689e2bde04","nonce":"750e5bb4"}]}"#,
        )
        .unwrap();
        assert_eq!(answer.download_bill_count, 1);
        let file = &answer.download_bill_list[0];
        assert_eq!(file.bill_sequence, 1);
        assert_eq!(file.hash_type, HashType::Sha1);
        assert_eq!(file.nonce, "750e5bb4");
        let shown = format!("{file:?}");
        assert!(!shown.contains("a0YK7p"), "encrypt_key redacted: {shown}");
        assert!(!shown.contains("token=xxx"), "token not shown: {shown}");
    }
}
