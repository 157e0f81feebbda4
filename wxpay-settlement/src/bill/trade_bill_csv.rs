//! Reading the trade bill (交易账单) file: WeChat's CSV with back-tick-prefixed fields.
//!
//! Layout (WeChat: <https://pay.weixin.qq.com/docs/merchant/products/bill-download/format-trade.html>):
//! a header line naming the detail columns, one line per payment or refund with every field
//! prefixed by `` ` `` (so that spreadsheets keep long numbers), then the summary header
//! (`总交易单数,…`) and one summary line. Columns are looked up by their Chinese name, so a
//! `SUCCESS` bill (without the refund columns) reads as well as an `ALL` one. Amounts are
//! written in yuan; they are read as exact decimals and returned in integer fen.

use std::{
    fmt,
    io::{BufRead, Lines},
};

use wxpay_core::OutOrderNo;

use super::{TradeState, Yuan};

/// The detail columns this reader knows, as WeChat names them.
const COLUMNS: [&str; 27] = [
    "交易时间",
    "公众账号ID",
    "商户号",
    "特约商户号",
    "设备号",
    "微信订单号",
    "商户订单号",
    "用户标识",
    "交易类型",
    "交易状态",
    "付款银行",
    "货币种类",
    "应结订单金额",
    "代金券金额",
    "微信退款单号",
    "商户退款单号",
    "退款金额",
    "充值券退款金额",
    "退款类型",
    "退款状态",
    "商品名称",
    "商户数据包",
    "手续费",
    "费率",
    "订单金额",
    "申请退款金额",
    "费率备注",
];

/// Columns without which a line is no trade-bill row.
const REQUIRED: [&str; 6] =
    ["交易时间", "微信订单号", "商户订单号", "交易类型", "交易状态", "应结订单金额"];

const SUMMARY_COLUMNS: [&str; 7] = [
    "总交易单数",
    "应结订单总金额",
    "退款总金额",
    "充值券退款总金额",
    "手续费总金额",
    "订单总金额",
    "申请退款总金额",
];

/// Why a trade bill could not be read. Carries line numbers and column names, never field
/// values (a bill holds openids).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BillParseError {
    /// No header line.
    #[error("the bill is empty")]
    Empty,
    /// The header lacks a column every trade bill has.
    #[error("line {line}: the header has no column `{column}`")]
    MissingColumn {
        /// 1-based line number.
        line: usize,
        /// The Chinese column name.
        column: &'static str,
    },
    /// A detail line does not start with a back-tick.
    #[error("line {line}: a bill line must start with a back-tick")]
    NotBackTicked {
        /// 1-based line number.
        line: usize,
    },
    /// A line has another number of fields than its header.
    #[error("line {line}: {found} fields where the header has {expected}")]
    FieldCount {
        /// 1-based line number.
        line: usize,
        /// Columns of the header.
        expected: usize,
        /// Fields of the line.
        found: usize,
    },
    /// An amount column is not a decimal in yuan (or not whole fen where fen are required).
    #[error("line {line}: column `{column}` is not an amount in yuan")]
    Amount {
        /// 1-based line number.
        line: usize,
        /// The Chinese column name.
        column: &'static str,
    },
    /// The count of the summary is not a number.
    #[error("line {line}: column `总交易单数` is not a count")]
    Count {
        /// 1-based line number.
        line: usize,
    },
    /// The file ends before the summary lines.
    #[error("the bill ends without its summary (`总交易单数`) lines")]
    MissingSummary,
    /// Reading failed (or the bill is not UTF-8).
    #[error("cannot read the bill: {0}")]
    Io(String),
}

/// The PayScore order behind a bill row: the `商户数据包` value
/// `wxzff|<微信支付服务单号>|<商户服务订单号>` of an auto-deducted PayScore payment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PayScoreRef {
    /// 微信支付服务订单号 (`order_id` of the service order).
    pub order_id: String,
    /// 商户服务订单号 (`out_order_no`): the key to join the row to the PayScore order.
    pub out_order_no: OutOrderNo,
}

impl PayScoreRef {
    /// Parses a `商户数据包` value; `None` unless it is `wxzff|<order_id>|<out_order_no>`.
    #[must_use]
    pub fn parse(attach: &str) -> Option<Self> {
        let mut parts = attach.strip_prefix("wxzff|")?.split('|');
        let (order_id, out_order_no) = (parts.next()?, parts.next()?);
        if parts.next().is_some() || order_id.is_empty() {
            return None;
        }
        Some(Self {
            order_id: order_id.to_owned(),
            out_order_no: OutOrderNo::new(out_order_no).ok()?,
        })
    }
}

/// One detail line of a trade bill. Amounts are integer fen (分), except the fee, which can
/// be a fraction of a fen. `Debug` redacts the openid.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TradeBillRow {
    /// 交易时间: `yyyy-MM-dd HH:mm:ss`, Beijing time (payment time, or the refund's).
    pub trade_time: String,
    /// 公众账号ID (`appid`).
    pub appid: String,
    /// 商户号 (`mchid`).
    pub mchid: String,
    /// 特约商户号 (`sub_mchid`; `0` for a direct merchant).
    pub sub_mchid: String,
    /// 设备号.
    pub device_info: String,
    /// 微信订单号 (`transaction_id`): what refunds and profit sharing name.
    pub transaction_id: String,
    /// 商户订单号 (`out_trade_no`; WeChat-generated for PayScore deductions).
    pub out_trade_no: String,
    /// 用户标识 (`openid`). Personal data.
    pub openid: String,
    /// 交易类型: `JSAPI`, `NATIVE`, `APP`, `MWEB`, `MICROPAY`, `AUTH` (PayScore deduction), ….
    pub trade_type: String,
    /// 交易状态: `SUCCESS` (payment) or `REFUND`.
    pub trade_state: TradeState,
    /// 付款银行.
    pub bank_type: String,
    /// 货币种类 (`CNY`).
    pub currency: String,
    /// 应结订单金额 in fen.
    pub settlement_amount: i64,
    /// 代金券金额 in fen.
    pub coupon_amount: i64,
    /// 微信退款单号 (`refund_id`), on refund rows.
    pub refund_id: Option<String>,
    /// 商户退款单号 (`out_refund_no`), on refund rows.
    pub out_refund_no: Option<String>,
    /// 退款金额 in fen.
    pub refund_amount: i64,
    /// 充值券退款金额 in fen.
    pub recharge_coupon_refund_amount: i64,
    /// 退款类型.
    pub refund_type: String,
    /// 退款状态.
    pub refund_status: String,
    /// 商品名称.
    pub goods_name: String,
    /// 商户数据包 (`attach`): for PayScore deductions `wxzff|<order_id>|<out_order_no>`
    /// (see [`TradeBillRow::payscore`]).
    pub attach: String,
    /// 手续费 in yuan (may be a fraction of a fen; negative on refunds).
    pub fee: Yuan,
    /// 费率, e.g. `0.60%`.
    pub fee_rate: String,
    /// 订单金额 in fen.
    pub order_amount: i64,
    /// 申请退款金额 in fen.
    pub applied_refund_amount: i64,
    /// 费率备注.
    pub fee_rate_remark: String,
}

impl TradeBillRow {
    /// The PayScore order this row pays, read from `商户数据包`.
    #[must_use]
    pub fn payscore(&self) -> Option<PayScoreRef> {
        PayScoreRef::parse(&self.attach)
    }
}

impl fmt::Debug for TradeBillRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TradeBillRow")
            .field("trade_time", &self.trade_time)
            .field("mchid", &self.mchid)
            .field("sub_mchid", &self.sub_mchid)
            .field("transaction_id", &self.transaction_id)
            .field("out_trade_no", &self.out_trade_no)
            .field("openid", &"<redacted>")
            .field("trade_type", &self.trade_type)
            .field("trade_state", &self.trade_state)
            .field("settlement_amount", &self.settlement_amount)
            .field("refund_id", &self.refund_id)
            .field("out_refund_no", &self.out_refund_no)
            .field("refund_amount", &self.refund_amount)
            .field("attach", &self.attach)
            .field("fee", &self.fee)
            .field("order_amount", &self.order_amount)
            .finish_non_exhaustive()
    }
}

/// The summary line of a trade bill. Amounts in fen, except the fee total.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TradeBillSummary {
    /// 总交易单数.
    pub total_count: u64,
    /// 应结订单总金额 in fen.
    pub settlement_total: i64,
    /// 退款总金额 in fen.
    pub refund_total: i64,
    /// 充值券退款总金额 in fen.
    pub recharge_coupon_refund_total: i64,
    /// 手续费总金额 in yuan.
    pub fee_total: Yuan,
    /// 订单总金额 in fen.
    pub order_total: i64,
    /// 申请退款总金额 in fen.
    pub applied_refund_total: i64,
}

/// A whole trade bill in memory: its rows and its summary. For large bills read row by row
/// with [`TradeBillReader`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TradeBill {
    /// The detail lines, in file order.
    pub rows: Vec<TradeBillRow>,
    /// The summary line.
    pub summary: TradeBillSummary,
}

impl TradeBill {
    /// Reads a whole bill from its text.
    ///
    /// # Errors
    ///
    /// [`BillParseError`] naming the line.
    pub fn parse(text: &str) -> Result<Self, BillParseError> {
        let mut reader = TradeBillReader::new(text.as_bytes())?;
        let rows = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
        let summary = reader.summary().cloned().ok_or(BillParseError::MissingSummary)?;
        Ok(Self { rows, summary })
    }

    /// Whether the summary agrees with the rows: count, settlement total and refund total.
    #[must_use]
    pub fn totals_match(&self) -> bool {
        let count = u64::try_from(self.rows.len()).unwrap_or(u64::MAX);
        let settled: i64 = self.rows.iter().map(|r| r.settlement_amount).sum();
        let refunded: i64 = self.rows.iter().map(|r| r.refund_amount).sum();
        count == self.summary.total_count
            && settled == self.summary.settlement_total
            && refunded == self.summary.refund_total
    }
}

/// Reads a trade bill line by line: an iterator of rows, then [`TradeBillReader::summary`].
///
/// ```
/// use wxpay_settlement::bill::TradeBillReader;
///
/// let text = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n\
/// `2026-12-01 10:00:00,`wxd678efh567hg6787,`1230000109,`0,`,`4200000001,`wxzff0001,`oUser,`AUTH,`SUCCESS,`OTHERS,`CNY,`12.34,`0.00,`0,`0,`0.00,`0.00,`,`,`停车,`wxzff|1000000001|ORDER1,`0.07000,`0.60%,`12.34,`0.00,`\r\n\
/// 总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n\
/// `1,`12.34,`0.00,`0.00,`0.07000,`12.34,`0.00\r\n";
/// let mut reader = TradeBillReader::new(text.as_bytes())?;
/// let row = reader.next().transpose()?.expect("one row");
/// assert_eq!(row.settlement_amount, 1234); // fen
/// assert_eq!(row.payscore().map(|p| p.out_order_no.to_string()).as_deref(), Some("ORDER1"));
/// assert!(reader.next().is_none());
/// assert_eq!(reader.summary().map(|s| s.total_count), Some(1));
/// # Ok::<(), wxpay_settlement::bill::BillParseError>(())
/// ```
pub struct TradeBillReader<R> {
    lines: Lines<R>,
    line: usize,
    /// Position of each of [`COLUMNS`] in the header.
    index: [Option<usize>; COLUMNS.len()],
    width: usize,
    summary: Option<TradeBillSummary>,
    done: bool,
}

impl<R> fmt::Debug for TradeBillReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TradeBillReader")
            .field("line", &self.line)
            .field("width", &self.width)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> TradeBillReader<R> {
    /// Reads the header line.
    ///
    /// # Errors
    ///
    /// [`BillParseError::Empty`], [`BillParseError::MissingColumn`] or
    /// [`BillParseError::Io`].
    pub fn new(reader: R) -> Result<Self, BillParseError> {
        let mut this = Self {
            lines: reader.lines(),
            line: 0,
            index: [None; COLUMNS.len()],
            width: 0,
            summary: None,
            done: false,
        };
        let header = this.next_line()?.ok_or(BillParseError::Empty)?;
        let names: Vec<&str> =
            header.trim_start_matches('\u{feff}').split(',').map(str::trim).collect();
        for (slot, column) in this.index.iter_mut().zip(COLUMNS) {
            *slot = names.iter().position(|n| *n == column);
        }
        this.width = names.len();
        for column in REQUIRED {
            if this.position(column).is_none() {
                return Err(BillParseError::MissingColumn { line: this.line, column });
            }
        }
        Ok(this)
    }

    /// The summary, once the iterator has returned `None`.
    #[must_use]
    pub fn summary(&self) -> Option<&TradeBillSummary> {
        self.summary.as_ref()
    }

    fn next_line(&mut self) -> Result<Option<String>, BillParseError> {
        loop {
            let Some(line) = self.lines.next() else { return Ok(None) };
            self.line += 1;
            let line = line.map_err(|e| BillParseError::Io(e.to_string()))?;
            if !line.trim().is_empty() {
                return Ok(Some(line));
            }
        }
    }

    fn position(&self, column: &str) -> Option<usize> {
        COLUMNS.iter().position(|c| *c == column).and_then(|i| self.index[i])
    }

    fn row(&self, text: &str) -> Result<TradeBillRow, BillParseError> {
        let line = self.line;
        let fields = fields(text, line)?;
        if fields.len() != self.width {
            return Err(BillParseError::FieldCount {
                line,
                expected: self.width,
                found: fields.len(),
            });
        }
        let get = |column: &str| self.position(column).map_or("", |i| fields[i]);
        let text = |column: &str| get(column).to_owned();
        let fen = |column: &'static str| -> Result<i64, BillParseError> {
            match self.position(column) {
                None => Ok(0),
                Some(i) => parse_fen(fields[i], line, column),
            }
        };
        let id = |column: &str| {
            Some(get(column)).filter(|v| !v.is_empty() && *v != "0").map(str::to_owned)
        };
        let fee = match self.position("手续费") {
            None => Yuan::default(),
            Some(i) => Yuan::parse(fields[i])
                .ok_or(BillParseError::Amount { line, column: "手续费" })?,
        };
        Ok(TradeBillRow {
            trade_time: text("交易时间"),
            appid: text("公众账号ID"),
            mchid: text("商户号"),
            sub_mchid: text("特约商户号"),
            device_info: text("设备号"),
            transaction_id: text("微信订单号"),
            out_trade_no: text("商户订单号"),
            openid: text("用户标识"),
            trade_type: text("交易类型"),
            trade_state: TradeState::from(get("交易状态")),
            bank_type: text("付款银行"),
            currency: text("货币种类"),
            settlement_amount: fen("应结订单金额")?,
            coupon_amount: fen("代金券金额")?,
            refund_id: id("微信退款单号"),
            out_refund_no: id("商户退款单号"),
            refund_amount: fen("退款金额")?,
            recharge_coupon_refund_amount: fen("充值券退款金额")?,
            refund_type: text("退款类型"),
            refund_status: text("退款状态"),
            goods_name: text("商品名称"),
            attach: text("商户数据包"),
            fee,
            fee_rate: text("费率"),
            order_amount: fen("订单金额")?,
            applied_refund_amount: fen("申请退款金额")?,
            fee_rate_remark: text("费率备注"),
        })
    }

    fn read_summary(&mut self, header: &str) -> Result<TradeBillSummary, BillParseError> {
        let names: Vec<&str> = header.split(',').map(str::trim).collect();
        let values = self.next_line()?.ok_or(BillParseError::MissingSummary)?;
        let line = self.line;
        let values = fields(&values, line)?;
        if values.len() != names.len() {
            return Err(BillParseError::FieldCount {
                line,
                expected: names.len(),
                found: values.len(),
            });
        }
        let get = |column: &str| names.iter().position(|n| *n == column).map(|i| values[i]);
        let fen = |column: &'static str| get(column).map_or(Ok(0), |v| parse_fen(v, line, column));
        let [count, settled, refunded, recharge, fee, ordered, applied] = SUMMARY_COLUMNS;
        Ok(TradeBillSummary {
            total_count: get(count)
                .map_or(Ok(0), |v| v.parse().map_err(|_| BillParseError::Count { line }))?,
            settlement_total: fen(settled)?,
            refund_total: fen(refunded)?,
            recharge_coupon_refund_total: fen(recharge)?,
            fee_total: get(fee)
                .map_or(Some(Yuan::default()), Yuan::parse)
                .ok_or(BillParseError::Amount { line, column: fee })?,
            order_total: fen(ordered)?,
            applied_refund_total: fen(applied)?,
        })
    }
}

impl<R: BufRead> Iterator for TradeBillReader<R> {
    type Item = Result<TradeBillRow, BillParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let result = match self.next_line() {
            Ok(Some(text))
                if text.trim_start_matches('\u{feff}').starts_with(SUMMARY_COLUMNS[0]) =>
            {
                match self.read_summary(&text) {
                    Ok(summary) => {
                        self.summary = Some(summary);
                        self.done = true;
                        return None;
                    }
                    Err(e) => Err(e),
                }
            }
            Ok(Some(text)) => self.row(&text),
            Ok(None) => Err(BillParseError::MissingSummary),
            Err(e) => Err(e),
        };
        if result.is_err() {
            self.done = true;
        }
        Some(result)
    }
}

/// The fields of a back-ticked line: `` `a,`b,`c `` → `a`, `b`, `c`.
fn fields(text: &str, line: usize) -> Result<Vec<&str>, BillParseError> {
    let rest = text.strip_prefix('`').ok_or(BillParseError::NotBackTicked { line })?;
    Ok(rest.split(",`").collect())
}

fn parse_fen(text: &str, line: usize, column: &'static str) -> Result<i64, BillParseError> {
    Yuan::parse(text).and_then(Yuan::to_fen).ok_or(BillParseError::Amount { line, column })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    const SUMMARY: &str = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

    /// A bill with the row shapes of WeChat's published examples (the official Go SDK's
    /// download test shows the same columns and back-tick layout).
    fn sample() -> String {
        [
            format!("\u{feff}{HEADER}"),
            "`2021-01-28 17:07:11,`wx81be3101902f7cb2,`1601959334,`0,`,`4200000925202101284997714292,`S20210128170702357723,`ofyak5qR_1wYsC99CsWA6R9MJazA,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`0,`0,`0.00,`0.00,`,`,`for testing,`cipher code,`0.00000,`1.00%,`0.01,`0.00,`".to_owned(),
            "`2026-12-01 10:00:05,`wxd678efh567hg6787,`1230000109,`1900000109,`,`4200000001202612010000000001,`wxzff3000000001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`AUTH,`SUCCESS,`OTHERS,`CNY,`399.00,`0.00,`0,`0,`0.00,`0.00,`,`,`停车服务,`wxzff|1000000000000000000001|1234323JKHDFE1243252,`2.39000,`0.60%,`399.00,`0.00,`".to_owned(),
            "`2026-12-01 11:30:00,`wxd678efh567hg6787,`1230000109,`1900000109,`,`4200000001202612010000000001,`wxzff3000000001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`AUTH,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000012026120100000001,`R1,`100.00,`0.00,`ORIGINAL,`SUCCESS,`停车服务,`wxzff|1000000000000000000001|1234323JKHDFE1243252,`-0.60000,`0.60%,`0.00,`100.00,`".to_owned(),
            SUMMARY.to_owned(),
            "`3,`399.01,`100.00,`0.00,`1.79000,`399.01,`100.00".to_owned(),
        ]
        .join("\r\n")
            + "\r\n"
    }

    #[test]
    fn reads_rows_amounts_and_summary() {
        let bill = TradeBill::parse(&sample()).unwrap();
        assert_eq!(bill.rows.len(), 3);
        let first = &bill.rows[0];
        assert_eq!(first.trade_time, "2021-01-28 17:07:11");
        assert_eq!(first.transaction_id, "4200000925202101284997714292");
        assert_eq!(first.settlement_amount, 1);
        assert_eq!(first.refund_id, None, "`0` means no refund");
        assert_eq!(first.fee_rate, "1.00%");
        assert_eq!(first.payscore(), None, "not a PayScore row");

        let paid = &bill.rows[1];
        assert_eq!(paid.trade_type, "AUTH");
        assert_eq!(paid.trade_state, TradeState::Success);
        assert_eq!(paid.settlement_amount, 39_900);
        assert_eq!(paid.order_amount, 39_900);
        assert_eq!(paid.fee.to_fen(), Some(239));
        let order = paid.payscore().unwrap();
        assert_eq!(order.order_id, "1000000000000000000001");
        assert_eq!(order.out_order_no, "1234323JKHDFE1243252");

        let refund = &bill.rows[2];
        assert_eq!(refund.trade_state, TradeState::Refund);
        assert_eq!(refund.refund_amount, 10_000);
        assert_eq!(refund.applied_refund_amount, 10_000);
        assert_eq!(refund.out_refund_no.as_deref(), Some("R1"));
        assert_eq!(refund.fee.to_fen(), Some(-60));

        assert_eq!(
            bill.summary,
            TradeBillSummary {
                total_count: 3,
                settlement_total: 39_901,
                refund_total: 10_000,
                recharge_coupon_refund_total: 0,
                fee_total: Yuan::from_fen(179),
                order_total: 39_901,
                applied_refund_total: 10_000,
            }
        );
        assert!(bill.totals_match());
    }

    #[test]
    fn debug_redacts_the_openid() {
        let bill = TradeBill::parse(&sample()).unwrap();
        let shown = format!("{:?}", bill.rows[1]);
        assert!(!shown.contains("oUpF8uMu"), "{shown}");
        assert!(shown.contains("4200000001202612010000000001"), "{shown}");
    }

    #[test]
    fn a_success_bill_without_refund_columns_reads() {
        let text = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注\n\
            `2019-11-04 18:52:59,`wxdf9968af00e458e0,`1393091302,`0,`,`4200000422201911044383886395,`1572864513058gxaivpd,`o1gswuOe,`NATIVE,`SUCCESS,`CFT,`CNY,`0.01,`0.00,`收费,`,`0.00000,`0.60%,`0.01,`\n\
            总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n\
            `1,`0.01,`0.00,`0.00,`0.00000,`0.01,`0.00\n";
        let bill = TradeBill::parse(text).unwrap();
        assert_eq!(bill.rows[0].refund_amount, 0);
        assert_eq!(bill.rows[0].goods_name, "收费");
        assert!(bill.totals_match());
    }

    #[test]
    fn an_empty_day_has_only_headers_and_summary() {
        let text = format!("{HEADER}\r\n{SUMMARY}\r\n`0,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\r\n");
        let bill = TradeBill::parse(&text).unwrap();
        assert!(bill.rows.is_empty());
        assert_eq!(bill.summary.total_count, 0);
    }

    #[test]
    fn errors_name_the_line() {
        let good = sample();
        let lines: Vec<&str> = good.split("\r\n").collect();
        let with = |i: usize, replacement: &str| {
            let mut l = lines.clone();
            l[i] = replacement;
            l.join("\r\n")
        };
        assert_eq!(TradeBill::parse(""), Err(BillParseError::Empty));
        assert_eq!(
            TradeBill::parse("交易时间,商户号\n"),
            Err(BillParseError::MissingColumn { line: 1, column: "微信订单号" })
        );
        let float_like = lines[1].replace("`0.01,`0.00,`0,", "`0.015,`0.00,`0,");
        assert_eq!(
            TradeBill::parse(&with(1, &float_like)),
            Err(BillParseError::Amount { line: 2, column: "应结订单金额" })
        );
        assert_eq!(
            TradeBill::parse(&with(2, "2026-12-01,x")),
            Err(BillParseError::NotBackTicked { line: 3 })
        );
        assert_eq!(
            TradeBill::parse(&with(2, "`a,`b")),
            Err(BillParseError::FieldCount { line: 3, expected: 27, found: 2 })
        );
        let truncated: String = lines[..4].join("\r\n");
        assert_eq!(TradeBill::parse(&truncated), Err(BillParseError::MissingSummary));
        assert_eq!(
            TradeBill::parse(&with(5, "`x,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00")),
            Err(BillParseError::Count { line: 6 })
        );
    }

    #[test]
    fn reads_the_python_generated_fixture() {
        // Made by wxpay-core/tests/fixtures/generate_bill.py (400 PayScore rows).
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../wxpay-core/tests/fixtures/bill_trade.csv");
        let bill = TradeBill::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(bill.rows.len(), 400);
        assert!(bill.totals_match());
        assert_eq!(bill.rows[399].settlement_amount, 399 * 100 + 99);
        assert_eq!(bill.rows[7].payscore().unwrap().out_order_no, "ORDER7");
    }

    #[test]
    fn payscore_attach_values() {
        assert!(PayScoreRef::parse("wxzff|123|ORDER-1").is_some());
        assert_eq!(PayScoreRef::parse("wxzff|123"), None);
        assert_eq!(PayScoreRef::parse("wxzff||ORDER"), None);
        assert_eq!(PayScoreRef::parse("wxzff|1|2|3"), None);
        assert_eq!(PayScoreRef::parse("attach|1|ORDER"), None);
        assert_eq!(PayScoreRef::parse("wxzff|1|bad/no"), None, "not a valid out_order_no");
    }
}
