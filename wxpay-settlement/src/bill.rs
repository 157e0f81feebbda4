//! Bills (账单): `/v3/bill/...`, and reading the downloaded trade bill.
//!
//! Every day WeChat Pay publishes the previous day's bills (after about 09:00–10:00 Beijing
//! time, for the last three months). Asking for one ([`GetTradeBill`], [`GetFundFlowBill`],
//! [`GetSubMerchantFundFlowBill`]) answers where to download it and what it hashes to; the
//! download itself is [`wxpay_core::Client::download_bill`] /
//! [`download_bill_to_file`](wxpay_core::Client::download_bill_to_file), which checks the
//! digest of the decompressed bill (WeChat does not sign bill files). [`TradeBillReader`]
//! then reads the trade-bill CSV into typed rows with amounts in integer fen, and
//! [`TradeBillRow::payscore`] joins a row back to its PayScore (微信支付分) order.
//!
//! ```no_run
//! use wxpay_settlement::bill::{BillType, GetTradeBill, TarType, TradeBill};
//! # async fn run(client: wxpay_core::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let file = GetTradeBill::builder()
//!     .bill_date("2026-12-01")
//!     .bill_type(BillType::All)
//!     .tar_type(TarType::Gzip)
//!     .build()
//!     .execute(&client)
//!     .await?;
//! client.download_bill_to_file(&file, "tradebill.csv").await?; // SHA1 verified
//! let bill = TradeBill::parse(&std::fs::read_to_string("tradebill.csv")?)?;
//! for row in &bill.rows {
//!     if let Some(order) = row.payscore() {
//!         println!("{} paid {} fen", order.out_order_no, row.settlement_amount);
//!     }
//! }
//! # Ok(()) }
//! ```

mod enums;
mod fund_flow_bill;
mod sub_merchant_fund_flow_bill;
mod trade_bill;
mod trade_bill_csv;
mod yuan;

pub use enums::{AccountType, BillType, EncryptionAlgorithm, TarType, TradeState};
pub use fund_flow_bill::GetFundFlowBill;
pub use sub_merchant_fund_flow_bill::{GetSubMerchantFundFlowBill, SubMerchantFundFlowBill};
pub use trade_bill::GetTradeBill;
pub use trade_bill_csv::{
    BillParseError, PayScoreRef, TradeBill, TradeBillReader, TradeBillRow, TradeBillSummary,
};
pub use wxpay_core::bill::{BillFile, EncryptedBillFile, HashType};
pub use yuan::Yuan;

#[cfg(test)]
pub(crate) mod test_support;
