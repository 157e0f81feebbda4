//! `GET /v3/bill/tradebill`

use serde::Deserialize;
use wxpay_core::{bill::BillFile, endpoint};

use super::{BillType, TarType};

/// 申请交易账单 — where to download the trade bill of one day (direct merchant, or a
/// service provider for one sub-merchant with `sub_mchid`).
///
/// `GET /v3/bill/tradebill`
///
/// WeChat: <https://pay.weixin.qq.com/doc/v3/merchant/4012556654> (partner:
/// <https://pay.weixin.qq.com/docs/partner/apis/bill-download/trade-bill/get-trade-bill.html>)
///
/// The answer is a [`BillFile`]; download it with
/// [`Client::download_bill`](wxpay_core::Client::download_bill) within a few minutes and read
/// it with [`TradeBillReader`](super::TradeBillReader).
#[endpoint(GET, "v3/bill/tradebill", response = BillFile)]
#[derive(Debug, Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GetTradeBill {
    /// 账单日期 `bill_date`: `yyyy-MM-dd`, within the last three months.
    pub bill_date: String,
    /// 子商户号 `sub_mchid` (partner only): the sub-merchant whose bill; without it a
    /// service provider gets the bill of all its sub-merchants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// 账单类型 `bill_type` (optional, `ALL` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bill_type: Option<BillType>,
    /// 压缩类型 `tar_type` (optional): `GZIP` for a compressed file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tar_type: Option<TarType>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bill::{HashType, test_support::assert_get};

    #[test]
    fn prepares_the_documented_query() {
        let request = GetTradeBill::builder()
            .bill_date("2019-06-11")
            .bill_type(BillType::All)
            .tar_type(TarType::Gzip)
            .build();
        assert_get(
            &request,
            "https://api.mch.weixin.qq.com/v3/bill/tradebill?bill_date=2019-06-11&bill_type=ALL&tar_type=GZIP",
        );
    }

    #[test]
    fn partner_form_and_defaults() {
        let partner =
            GetTradeBill::builder().bill_date("2019-06-11").sub_mchid("19000000001").build();
        assert_get(
            &partner,
            "https://api.mch.weixin.qq.com/v3/bill/tradebill?bill_date=2019-06-11&sub_mchid=19000000001",
        );
        let minimal = GetTradeBill::builder().bill_date("2019-06-11").build();
        assert_get(
            &minimal,
            "https://api.mch.weixin.qq.com/v3/bill/tradebill?bill_date=2019-06-11",
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        // The example answer of WeChat's page.
        let file: BillFile = serde_json::from_str(
            r#"{"hash_type":"SHA1","hash_value":"79bb0f45fc4c42234a918000b2668d689e2bde04","download_url":"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx"}"#,
        )
        .unwrap();
        assert_eq!(file.hash_type, HashType::Sha1);
        assert_eq!(file.hash_value, "79bb0f45fc4c42234a918000b2668d689e2bde04");
        assert_eq!(
            file.download_url,
            "https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx"
        );
    }
}
