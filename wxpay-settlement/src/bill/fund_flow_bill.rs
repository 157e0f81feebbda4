//! `GET /v3/bill/fundflowbill`

use serde::Deserialize;
use wxpay_core::{bill::BillFile, endpoint};

use super::{AccountType, TarType};

/// 申请资金账单 — where to download the fund-flow bill (资金账单) of one day of the
/// merchant's own account (a service provider's own account in partner mode; for a
/// sub-merchant's account use [`GetSubMerchantFundFlowBill`](super::GetSubMerchantFundFlowBill)).
///
/// `GET /v3/bill/fundflowbill`
///
/// WeChat: <https://pay.weixin.qq.com/docs/merchant/apis/bill-download/fund-bill/get-fund-bill.html>
/// (partner: <https://pay.weixin.qq.com/docs/partner/apis/bill-download/fund-bill/get-fund-bill.html>)
///
/// The answer is a [`BillFile`]; download it with
/// [`Client::download_bill`](wxpay_core::Client::download_bill).
#[endpoint(GET, "v3/bill/fundflowbill", response = BillFile)]
#[derive(Debug, Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GetFundFlowBill {
    /// 账单日期 `bill_date`: `yyyy-MM-dd`, within the last three months.
    pub bill_date: String,
    /// 资金账户类型 `account_type` (optional, `BASIC` by default): `BASIC`, `OPERATION` or
    /// `FEES`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// 压缩类型 `tar_type` (optional): `GZIP` for a compressed file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tar_type: Option<TarType>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bill::test_support::assert_get;

    #[test]
    fn prepares_the_documented_query() {
        let request = GetFundFlowBill::builder()
            .bill_date("2019-06-11")
            .account_type(AccountType::Basic)
            .tar_type(TarType::Gzip)
            .build();
        assert_get(
            &request,
            "https://api.mch.weixin.qq.com/v3/bill/fundflowbill?bill_date=2019-06-11&account_type=BASIC&tar_type=GZIP",
        );
        let minimal = GetFundFlowBill::builder().bill_date("2019-06-11").build();
        assert_get(
            &minimal,
            "https://api.mch.weixin.qq.com/v3/bill/fundflowbill?bill_date=2019-06-11",
        );
    }

    #[test]
    fn decodes_the_documented_answer() {
        let file: BillFile = serde_json::from_str(
            r#"{"download_url":"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xxx","hash_type":"SHA1","hash_value":"79bb0f45fc4c42234a918000b2668d689e2bde04"}"#,
        )
        .unwrap();
        assert_eq!(file.hash_value, "79bb0f45fc4c42234a918000b2668d689e2bde04");
    }
}
