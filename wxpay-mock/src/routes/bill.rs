//! Bills (protocol §8.2): `GET /v3/bill/tradebill` and `/v3/bill/fundflowbill` answer a
//! download URL and the SHA-1 of the bill; `GET /v3/billdownload/file?token=…` serves it,
//! unsigned like WeChat's, gzip when asked.
//!
//! The trade bill is generated from the simulator's own paid orders and successful refunds
//! (the ledger's) in WeChat's format (the 27 columns of `ALL`, back-tick-prefixed fields,
//! amounts in yuan, the summary lines): a PayScore deduction is an `AUTH` payment whose
//! `商户数据包` is `wxzff|<order_id>|<out_order_no>`; a refund is a `REFUND` row with its
//! refund ids. The fund-flow bill lists the same money as income and expense. The token
//! carries the request, so the download regenerates the same bytes. `Fault::tamper_body().on_template("v3/billdownload/file")`
//! corrupts the bill (one amount digit, before compression): the hash no longer matches.
//!
//! PayScore's `GET /v3/payscore/merchant-bill` (商户申请获取对账单) and the partner
//! `GET /v3/bill/sub-merchant-fundflowbill` answer one encrypted file each: the service's
//! payments in the trade-bill format / the sub-merchant's fund flow, gzip-compressed, then
//! AES-256-GCM encrypted under a fresh key that is RSA-OAEP encrypted to the calling
//! merchant's certificate key (`encrypt_key`). The token carries that key and nonce so the
//! download re-encrypts the same bytes (the token is the bearer of the file either way).

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use http::Method;
use serde::{Deserialize, Serialize};
use wxpay_core::bill::HashType;
use wxpay_payscore::merchant_bill::{BillEncryptionAlgorithm, GetMerchantBill};
use wxpay_settlement::bill::{
    BillType, EncryptionAlgorithm, GetFundFlowBill, GetSubMerchantFundFlowBill, GetTradeBill,
    TarType,
};

use super::{Ctx, Reply, Route};
use crate::{error::ApiError, ledger::RefundRecord, state::Order, util};

/// The download path (not an `#[endpoint]` struct: the client follows `download_url`).
pub(crate) const DOWNLOAD_TEMPLATE: &str = "v3/billdownload/file";

const TRADE_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const TRADE_SUMMARY: &str =
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
const FUND_HEADER: &str = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,账户结余（元）,资金变更提交申请人,备注,业务凭证号";
const FUND_SUMMARY: &str = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<GetTradeBill>(trade_bill),
        Route::endpoint::<GetFundFlowBill>(fund_flow_bill),
        Route::endpoint::<GetMerchantBill>(merchant_bill),
        Route::endpoint::<GetSubMerchantFundFlowBill>(sub_merchant_fund_flow_bill),
        Route::raw(Method::GET, DOWNLOAD_TEMPLATE, download),
    ]
}

/// What a download token stands for.
#[derive(Serialize, Deserialize)]
struct Token {
    /// `trade` or `fund`.
    kind: String,
    mchid: String,
    sub_mchid: Option<String>,
    date: String,
    bill_type: String,
    gzip: bool,
    /// The PayScore service of a merchant bill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service_id: Option<String>,
    /// The AES key and nonce of an encrypted (merchant) bill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seal: Option<Seal>,
}

/// How a merchant bill file is encrypted: a 32-character AES-256 key and a 12-character
/// nonce (`AEAD_AES_256_GCM`, no associated data).
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Seal {
    key: String,
    nonce: String,
}

fn check_date(date: &str) -> Result<(), ApiError> {
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(ApiError::param("bill_date格式错误，应为yyyy-MM-dd", "bill_date", "query"))
    }
}

fn trade_bill(ctx: &Ctx<'_>, request: &GetTradeBill) -> Result<Reply, ApiError> {
    check_date(&request.bill_date)?;
    let token = Token {
        kind: "trade".into(),
        mchid: ctx.mchid.to_owned(),
        sub_mchid: request.sub_mchid.clone(),
        date: request.bill_date.clone(),
        bill_type: request.bill_type.as_ref().map_or("ALL", BillType::as_str).to_owned(),
        gzip: request.tar_type == Some(TarType::Gzip),
        service_id: None,
        seal: None,
    };
    if !matches!(token.bill_type.as_str(), "ALL" | "SUCCESS" | "REFUND") {
        return Err(ApiError::param("bill_type取值非法", "bill_type", "query"));
    }
    announce(ctx, &token)
}

fn fund_flow_bill(ctx: &Ctx<'_>, request: &GetFundFlowBill) -> Result<Reply, ApiError> {
    check_date(&request.bill_date)?;
    let token = Token {
        kind: "fund".into(),
        mchid: ctx.mchid.to_owned(),
        sub_mchid: None,
        date: request.bill_date.clone(),
        bill_type: request.account_type.as_ref().map_or("BASIC", |a| a.as_str()).to_owned(),
        gzip: request.tar_type == Some(TarType::Gzip),
        service_id: None,
        seal: None,
    };
    announce(ctx, &token)
}

fn merchant_bill(ctx: &Ctx<'_>, request: &GetMerchantBill) -> Result<Reply, ApiError> {
    check_date(&request.bill_date)?;
    if request.tar_type.as_str() != "GZIP" {
        return Err(ApiError::param("tar_type取值非法", "tar_type", "query"));
    }
    if request.encryption_algorithm != BillEncryptionAlgorithm::AeadAes256Gcm {
        return Err(ApiError::param(
            "encryption_algorithm取值非法",
            "encryption_algorithm",
            "query",
        ));
    }
    let token = Token {
        kind: "merchant".into(),
        mchid: ctx.mchid.to_owned(),
        sub_mchid: None,
        date: request.bill_date.clone(),
        bill_type: "ALL".into(),
        gzip: true,
        service_id: Some(request.service_id.clone()),
        seal: None,
    };
    announce_encrypted(ctx, token)
}

/// `GET /v3/bill/sub-merchant-fundflowbill` (service provider): the sub-merchant's fund
/// flow, encrypted like the merchant bill (`AEAD_AES_256_GCM` only; `SM4_GCM` is refused).
fn sub_merchant_fund_flow_bill(
    ctx: &Ctx<'_>,
    request: &GetSubMerchantFundFlowBill,
) -> Result<Reply, ApiError> {
    check_date(&request.bill_date)?;
    if request.algorithm != EncryptionAlgorithm::AeadAes256Gcm {
        return Err(ApiError::param("该加密算法暂不支持", "algorithm", "query"));
    }
    let token = Token {
        kind: "fund".into(),
        mchid: ctx.mchid.to_owned(),
        sub_mchid: Some(request.sub_mchid.clone()),
        date: request.bill_date.clone(),
        bill_type: request.account_type.as_str().to_owned(),
        gzip: request.tar_type == Some(TarType::Gzip),
        service_id: None,
        seal: None,
    };
    announce_encrypted(ctx, token)
}

/// The answer of an encrypted-bill request: one file, its key RSA-OAEP encrypted to the
/// calling merchant's certificate key.
fn announce_encrypted(ctx: &Ctx<'_>, mut token: Token) -> Result<Reply, ApiError> {
    let merchant_key = {
        let merchants =
            ctx.shared.merchants.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        merchants.get(ctx.mchid).map(|m| m.key.clone())
    }
    .ok_or_else(|| ApiError::system("商户证书不存在"))?;
    let seal = Seal { key: util::random_alnum(32), nonce: util::random_alnum(12) };
    let encrypt_key = merchant_key
        .encrypt_oaep_base64(seal.key.as_bytes())
        .map_err(|e| ApiError::system(e.to_string()))?;
    let nonce = seal.nonce.clone();
    token.seal = Some(seal);
    let (hash, download_url) = locate(ctx, &token)?;
    Ok(Reply::Json(serde_json::json!({
        "download_bill_count": 1,
        "download_bill_list": [{
            "bill_sequence": 1,
            "download_url": download_url,
            "encrypt_key": encrypt_key,
            "hash_type": "SHA1",
            "hash_value": hash,
            "nonce": nonce,
        }],
    })))
}

/// The answer of a bill request: hash of the bill as it is now, and its download URL.
fn announce(ctx: &Ctx<'_>, token: &Token) -> Result<Reply, ApiError> {
    let (hash, download_url) = locate(ctx, token)?;
    Ok(Reply::Json(serde_json::json!({
        "hash_type": "SHA1",
        "hash_value": hash,
        "download_url": download_url,
    })))
}

/// The SHA-1 of the bill as it is now (decompressed, decrypted), and its download URL.
fn locate(ctx: &Ctx<'_>, token: &Token) -> Result<(String, String), ApiError> {
    let text = generate(ctx, token);
    let hash =
        HashType::Sha1.hex_digest(&text).ok_or_else(|| ApiError::system("无法计算账单摘要"))?;
    let json = serde_json::to_vec(token).map_err(|e| ApiError::system(e.to_string()))?;
    let url = format!(
        "{}{DOWNLOAD_TEMPLATE}?token={}",
        ctx.shared.base_url,
        URL_SAFE_NO_PAD.encode(json)
    );
    Ok((hash, url))
}

fn download(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let invalid = || ApiError::param("token无效或已过期", "token", "query");
    let token = ctx.raw.get("token").and_then(|v| v.as_str()).ok_or_else(invalid)?;
    let json = URL_SAFE_NO_PAD.decode(token).map_err(|_| invalid())?;
    let token: Token = serde_json::from_slice(&json).map_err(|_| invalid())?;
    if token.mchid != ctx.mchid {
        return Err(ApiError::new(http::StatusCode::FORBIDDEN, "NO_AUTH", "无权下载该账单"));
    }
    Ok(Reply::Bill { text: generate(ctx, &token), gzip: token.gzip, seal: token.seal })
}

fn generate(ctx: &Ctx<'_>, token: &Token) -> Vec<u8> {
    let state = ctx.shared.state();
    let mut orders: Vec<&Order> = state
        .all_orders()
        .into_iter()
        .filter(|o| o.owner.mchid == token.mchid)
        .filter(|o| token.sub_mchid.is_none() || o.owner.sub_mchid == token.sub_mchid)
        .filter(|o| token.service_id.as_ref().is_none_or(|id| *id == o.service_id))
        .collect();
    orders.sort_by(|a, b| a.order_id.cmp(&b.order_id));
    let payments = payments(&orders, &token.date);
    let refunds = refunds(&state.ledger.refunds, &orders, &token.date);
    match token.kind.as_str() {
        "fund" => fund_bill(&payments, &refunds),
        _ => trade_bill_text(&payments, &refunds, &token.bill_type),
    }
}

/// One charge of a PayScore order on the bill date.
struct Payment<'a> {
    order: &'a Order,
    transaction_id: String,
    /// `yyyyMMddHHmmss`, Beijing time.
    paid_time: String,
    amount: u64,
}

/// One refund that succeeded on the bill date, with the order it refunds.
struct Refunded<'a> {
    order: &'a Order,
    refund: &'a RefundRecord,
    /// `yyyyMMddHHmmss`, Beijing time.
    time: String,
}

fn payments<'a>(orders: &[&'a Order], date: &str) -> Vec<Payment<'a>> {
    let day = date.replace('-', "");
    let mut out = Vec::new();
    for order in orders {
        let Some(collection) = &order.collection else { continue };
        for detail in &collection.details {
            let (Some(id), Some(time), Some(amount)) = (
                detail.get("transaction_id").and_then(|v| v.as_str()),
                detail.get("paid_time").and_then(|v| v.as_str()),
                detail.get("amount").and_then(serde_json::Value::as_u64),
            ) else {
                continue;
            };
            if time.len() == 14 && time.starts_with(&day) {
                out.push(Payment {
                    order,
                    transaction_id: id.to_owned(),
                    paid_time: time.to_owned(),
                    amount,
                });
            }
        }
    }
    out.sort_by(|a, b| a.paid_time.cmp(&b.paid_time));
    out
}

/// The successful refunds of `orders`' payments on `date`.
fn refunds<'a>(records: &'a [RefundRecord], orders: &[&'a Order], date: &str) -> Vec<Refunded<'a>> {
    let day = date.replace('-', "");
    let paid_by = |transaction_id: &str| {
        orders.iter().copied().find(|o| {
            o.collection.as_ref().is_some_and(|c| {
                c.details.iter().any(|d| {
                    d.get("transaction_id").and_then(|v| v.as_str()) == Some(transaction_id)
                })
            })
        })
    };
    let mut out: Vec<Refunded<'a>> = records
        .iter()
        .filter(|r| r.status == "SUCCESS")
        .filter_map(|refund| {
            let time = util::service_time(refund.success_time?);
            let order = paid_by(&refund.transaction_id)?;
            time.starts_with(&day).then_some(Refunded { order, refund, time })
        })
        .collect();
    out.sort_by(|a, b| a.time.cmp(&b.time));
    out
}

/// `12.34` from 1234 fen, `-0.05` from -5.
fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// WeChat's 0.6 % fee, rounded to the fen.
fn fee_fen(amount: u64) -> i64 {
    i64::try_from((amount * 6 + 500) / 1000).unwrap_or(i64::MAX)
}

/// A fee in WeChat's five-decimal form.
fn fee_text(fen: i64) -> String {
    format!("{}000", yuan(fen))
}

fn fen(amount: u64) -> i64 {
    i64::try_from(amount).unwrap_or(i64::MAX)
}

fn bill_time(time: &str) -> String {
    format!(
        "{}-{}-{} {}:{}:{}",
        &time[0..4],
        &time[4..6],
        &time[6..8],
        &time[8..10],
        &time[10..12],
        &time[12..14]
    )
}

fn line(fields: &[&str]) -> String {
    fields.iter().map(|f| format!("`{f}")).collect::<Vec<_>>().join(",")
}

/// The columns a payment and its refunds share.
struct Common<'a> {
    order: &'a Order,
    openid: &'a str,
    sub_mchid: &'a str,
    attach: String,
}

impl<'a> Common<'a> {
    fn of(order: &'a Order) -> Self {
        Self {
            order,
            openid: order.openid.as_deref().or(order.sub_openid.as_deref()).unwrap_or(""),
            sub_mchid: order.owner.sub_mchid.as_deref().unwrap_or("0"),
            attach: format!("wxzff|{}|{}", order.order_id, order.out_order_no),
        }
    }
}

/// The trade bill: payments (`SUCCESS` rows) for `ALL` and `SUCCESS`, refunds (`REFUND` rows,
/// 应结订单金额 `0.00`, the refunded fee negative) for `ALL` and `REFUND`, then the summary.
/// The 商户订单号 of a PayScore payment is the order's `out_order_no`, as the simulator's
/// refund and profit-sharing answers name it.
fn trade_bill_text(payments: &[Payment<'_>], refunds: &[Refunded<'_>], bill_type: &str) -> Vec<u8> {
    let mut lines = vec![TRADE_HEADER.to_owned()];
    let (mut count, mut settled, mut refunded, mut fees) = (0u64, 0i64, 0i64, 0i64);
    if bill_type != "REFUND" {
        for p in payments {
            let c = Common::of(p.order);
            let fee = fee_fen(p.amount);
            let amount = yuan(fen(p.amount));
            lines.push(line(&[
                &bill_time(&p.paid_time),
                &c.order.appid,
                &c.order.owner.mchid,
                c.sub_mchid,
                "",
                &p.transaction_id,
                &c.order.out_order_no,
                c.openid,
                "AUTH",
                "SUCCESS",
                "OTHERS",
                "CNY",
                &amount,
                "0.00",
                "0",
                "0",
                "0.00",
                "0.00",
                "",
                "",
                &c.order.service_introduction,
                &c.attach,
                &fee_text(fee),
                "0.60%",
                &amount,
                "0.00",
                "",
            ]));
            count += 1;
            settled += fen(p.amount);
            fees += fee;
        }
    }
    if bill_type != "SUCCESS" {
        for r in refunds {
            let c = Common::of(r.order);
            let fee = -fee_fen(r.refund.refund);
            let amount = yuan(fen(r.refund.refund));
            lines.push(line(&[
                &bill_time(&r.time),
                &c.order.appid,
                &c.order.owner.mchid,
                c.sub_mchid,
                "",
                &r.refund.transaction_id,
                &r.refund.out_trade_no,
                c.openid,
                "AUTH",
                "REFUND",
                "OTHERS",
                "CNY",
                "0.00",
                "0.00",
                &r.refund.refund_id,
                &r.refund.out_refund_no,
                &amount,
                "0.00",
                "ORIGINAL",
                "SUCCESS",
                &c.order.service_introduction,
                &c.attach,
                &fee_text(fee),
                "0.60%",
                "0.00",
                &amount,
                "",
            ]));
            count += 1;
            refunded += fen(r.refund.refund);
            fees += fee;
        }
    }
    lines.push(TRADE_SUMMARY.to_owned());
    let (settled, refunded) = (yuan(settled), yuan(refunded));
    let fees = fee_text(fees);
    lines.push(line(&[
        &count.to_string(),
        &settled,
        &refunded,
        "0.00",
        &fees,
        &settled,
        &refunded,
    ]));
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text.into_bytes()
}

/// The fund-flow bill of the basic account: income per payment, expense per refund.
fn fund_bill(payments: &[Payment<'_>], refunds: &[Refunded<'_>]) -> Vec<u8> {
    // (time, business id, flow kind, income?, amount)
    let mut moves: Vec<(&str, &str, &str, bool, i64)> = payments
        .iter()
        .map(|p| (p.paid_time.as_str(), p.transaction_id.as_str(), "交易", true, fen(p.amount)))
        .chain(refunds.iter().map(|r| {
            (r.time.as_str(), r.refund.refund_id.as_str(), "退款", false, fen(r.refund.refund))
        }))
        .collect();
    moves.sort_by(|a, b| a.0.cmp(b.0));
    let mut lines = vec![FUND_HEADER.to_owned()];
    let (mut balance, mut income, mut expense, mut incomes, mut expenses) =
        (0i64, 0i64, 0i64, 0, 0);
    for (i, (time, id, kind, is_income, amount)) in moves.iter().enumerate() {
        if *is_income {
            balance += amount;
            income += amount;
            incomes += 1;
        } else {
            balance -= amount;
            expense += amount;
            expenses += 1;
        }
        let flow = format!("{time}{:06}", i + 1);
        lines.push(line(&[
            &bill_time(time),
            id,
            &flow,
            kind,
            kind,
            if *is_income { "收入" } else { "支出" },
            &yuan(*amount),
            &yuan(balance),
            "system",
            "",
            id,
        ]));
    }
    lines.push(FUND_SUMMARY.to_owned());
    lines.push(line(&[
        &moves.len().to_string(),
        &incomes.to_string(),
        &yuan(income),
        &expenses.to_string(),
        &yuan(expense),
    ]));
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text.into_bytes()
}

/// The bytes of a bill answer: corrupted first when a `TamperBody` fault fired (the last
/// digit of the file changes, so the hash no longer matches), then gzip when asked, then
/// encrypted for a merchant bill.
pub(crate) fn body(mut text: Vec<u8>, gzip: bool, corrupt: bool, seal: Option<&Seal>) -> Vec<u8> {
    if corrupt && let Some(i) = text.iter().rposition(u8::is_ascii_digit) {
        text[i] = if text[i] == b'9' { b'0' } else { text[i] + 1 };
    }
    let packed = if gzip {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        match std::io::Write::write_all(&mut encoder, &text).and_then(|()| encoder.finish()) {
            Ok(compressed) => compressed,
            Err(err) => {
                tracing::warn!(error = %err, "cannot gzip the bill");
                text
            }
        }
    } else {
        text
    };
    match seal {
        None => packed,
        Some(seal) => encrypt(seal, &packed).unwrap_or_else(|| {
            tracing::warn!("cannot encrypt the bill");
            Vec::new()
        }),
    }
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Seal(<redacted>)")
    }
}

/// `AEAD_AES_256_GCM` of `data` under the seal's key and nonce, no associated data: the
/// ciphertext with its tag, as WeChat serves an encrypted bill file.
fn encrypt(seal: &Seal, data: &[u8]) -> Option<Vec<u8>> {
    let key = wxpay_core::ApiV3Key::new(&seal.key).ok()?;
    let sealed = key.encrypt(&seal.nonce, "", data).ok()?;
    base64::engine::general_purpose::STANDARD.decode(sealed.ciphertext).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(yuan(39_900), "399.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(-24), "-0.24");
        assert_eq!(fee_fen(39_900), 239);
        assert_eq!(fee_text(-239), "-2.39000");
        assert_eq!(bill_time("20261201103005"), "2026-12-01 10:30:05");
        assert!(check_date("2026-12-01").is_ok());
        assert!(check_date("20261201").is_err());
        let corrupted = body(b"`1,`0.09".to_vec(), false, true, None);
        assert_eq!(corrupted, b"`1,`0.00");
    }
}
