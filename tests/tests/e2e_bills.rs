//! Bills end to end against the simulator: the trade bill and the fund-flow bill generated
//! from the simulator's own paid PayScore orders, downloaded with a signed `GET`, the SHA-1 of
//! the decompressed bytes checked (plain and gzip), rows joined back to the order, and a
//! corrupted bill refused.

#![allow(clippy::expect_used, clippy::panic, clippy::too_many_lines)]

#[path = "e2e/support.rs"]
mod support;

use support::{client, direct_complete, direct_create, partner_complete, partner_create};
use wxpay_core::{Client, Error, bill::BillError};
use wxpay_mock::{Fault, MockServer, OrderKey};
use wxpay_settlement::bill::{
    BillType, GetFundFlowBill, GetTradeBill, HashType, TarType, TradeBill,
};

/// A paid direct order and a paid partner order; returns the bill date (`yyyy-MM-dd`) and
/// the two orders as the simulator reports them.
async fn paid_orders(
    server: &MockServer,
    c: &Client,
) -> (String, serde_json::Value, serde_json::Value) {
    direct_create("BILL-DIRECT-1", "https://example.com/notify").execute(c).await.expect("create");
    server.confirm_order("BILL-DIRECT-1").expect("confirm");
    direct_complete("BILL-DIRECT-1").execute(c).await.expect("complete");
    let direct = server.pay_order("BILL-DIRECT-1").expect("pay");

    let key = OrderKey::partner(support::SUB_MCHID, "BILL-PARTNER-1");
    partner_create("BILL-PARTNER-1", "https://example.com/notify")
        .execute(c)
        .await
        .expect("create");
    server.confirm_order(key.clone()).expect("confirm");
    partner_complete("BILL-PARTNER-1").execute(c).await.expect("complete");
    let partner = server.pay_order(key).expect("pay");

    let paid = direct["collection"]["details"][0]["paid_time"].as_str().expect("paid_time");
    let date = format!("{}-{}-{}", &paid[0..4], &paid[4..6], &paid[6..8]);
    (date, direct, partner)
}

async fn download(c: &Client, file: &wxpay_core::bill::BillFile) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let done = c.download_bill(file, &mut out).await?;
    assert_eq!(done.hash_type, HashType::Sha1);
    assert_eq!(done.digest, file.hash_value);
    assert_eq!(done.bytes, out.len() as u64);
    Ok(out)
}

#[tokio::test]
async fn trade_bill_of_paid_orders_verifies_and_joins() {
    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    let (date, direct, partner) = paid_orders(&server, &c).await;

    let file = GetTradeBill::builder()
        .bill_date(date.clone())
        .bill_type(BillType::All)
        .build()
        .execute(&c)
        .await
        .expect("trade bill");
    assert_eq!(file.hash_type, HashType::Sha1);
    assert!(file.download_url.starts_with(&server.base_url()), "{}", file.download_url);
    let plain = download(&c, &file).await.expect("plain download verified");
    let text = String::from_utf8(plain.clone()).expect("utf-8");
    assert!(text.starts_with("交易时间,公众账号ID,商户号,"), "{text}");
    assert!(text.contains("\r\n总交易单数,应结订单总金额,"), "{text}");

    let bill = TradeBill::parse(&text).expect("the reader reads the simulator's bill");
    assert_eq!(bill.rows.len(), 2);
    assert!(bill.totals_match());
    let summary = &bill.summary;
    assert_eq!(summary.total_count, 2);
    assert_eq!(summary.settlement_total, 2 * 39_900);
    for order in [&direct, &partner] {
        let transaction_id =
            order["collection"]["details"][0]["transaction_id"].as_str().expect("transaction_id");
        let row = bill
            .rows
            .iter()
            .find(|r| r.transaction_id == transaction_id)
            .expect("the payment is on the bill");
        let joined = row.payscore().expect("PayScore 商户数据包");
        assert_eq!(joined.out_order_no.as_str(), order["out_order_no"].as_str().expect("no"));
        assert_eq!(joined.order_id, order["order_id"].as_str().expect("order_id"));
        assert_eq!(row.settlement_amount, 39_900);
        assert_eq!(row.trade_type, "AUTH");
    }

    // The same bill gzip-compressed hashes the same (the digest is of the decompressed bytes).
    let gz = GetTradeBill::builder()
        .bill_date(date.clone())
        .tar_type(TarType::Gzip)
        .build()
        .execute(&c)
        .await
        .expect("gzip trade bill");
    assert_eq!(gz.hash_value, file.hash_value);
    assert_eq!(download(&c, &gz).await.expect("gzip verified"), plain);
    let raw = server.requests();
    assert!(raw.iter().any(|r| r.target.starts_with("/v3/billdownload/file?token=")));

    // Only the sub-merchant's orders when sub_mchid is given; refunds only for REFUND.
    let sub = GetTradeBill::builder()
        .bill_date(date.clone())
        .sub_mchid(support::SUB_MCHID)
        .build()
        .execute(&c)
        .await
        .expect("sub-merchant bill");
    let text = String::from_utf8(download(&c, &sub).await.expect("verified")).expect("utf-8");
    let bill = TradeBill::parse(&text).expect("parse");
    assert_eq!(bill.rows.len(), 1);
    assert_eq!(bill.rows[0].payscore().expect("join").out_order_no.as_str(), "BILL-PARTNER-1");

    // Another day has no rows but a valid summary.
    let empty = GetTradeBill::builder()
        .bill_date("2020-01-01")
        .bill_type(BillType::Success)
        .build()
        .execute(&c)
        .await
        .expect("empty bill");
    let text = String::from_utf8(download(&c, &empty).await.expect("verified")).expect("utf-8");
    let bill = TradeBill::parse(&text).expect("parse");
    assert!(bill.rows.is_empty());
    assert_eq!(bill.summary.total_count, 0);

    // A bad date is WeChat's PARAM_ERROR.
    let err =
        GetTradeBill::builder().bill_date("20201301").build().execute(&c).await.expect_err("bad");
    assert_eq!(support::api_code(&err).1, "PARAM_ERROR");
}

#[tokio::test]
async fn corrupted_bill_fails_the_hash_check_and_leaves_no_file() {
    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    let (date, _, _) = paid_orders(&server, &c).await;
    let file = GetTradeBill::builder()
        .bill_date(date.clone())
        .tar_type(TarType::Gzip)
        .build()
        .execute(&c)
        .await
        .expect("trade bill");

    server.add_fault(Fault::tamper_body().on_template("v3/billdownload/file").times(2));
    let err = download(&c, &file).await.expect_err("corrupted");
    match &err {
        Error::Bill(BillError::HashMismatch { hash_type, expected, actual }) => {
            assert_eq!(*hash_type, HashType::Sha1);
            assert_eq!(*expected, file.hash_value);
            assert_ne!(actual, expected);
        }
        other => panic!("expected a hash mismatch, got {other:?}"),
    }
    let dir = std::env::temp_dir().join(format!("wxpay-bills-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("tradebill.csv");
    let err = c.download_bill_to_file(&file, &path).await.expect_err("corrupted");
    assert!(matches!(err, Error::Bill(BillError::HashMismatch { .. })), "{err:?}");
    assert!(!path.exists(), "no file after a mismatch");
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 0, "no temporary file left");

    // The fault spent, the same URL downloads and verifies.
    let done = c.download_bill_to_file(&file, &path).await.expect("verified");
    assert_eq!(done.bytes, std::fs::metadata(&path).expect("file").len());
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn download_is_authenticated_like_any_get() {
    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    let file = GetTradeBill::builder()
        .bill_date("2020-01-01")
        .build()
        .execute(&c)
        .await
        .expect("trade bill");
    let unsigned = reqwest::Client::new()
        .get(&file.download_url)
        .header("Accept", "application/json")
        .header("User-Agent", "wxpay-tests")
        .send()
        .await
        .expect("http");
    assert_eq!(unsigned.status().as_u16(), 401);
    let body = unsigned.text().await.expect("body");
    assert!(body.contains("SIGN_ERROR") && !body.contains("交易时间"), "{body}");
    // A forged token is refused after authentication.
    let forged = wxpay_core::bill::BillFile::new(
        HashType::Sha1,
        file.hash_value.clone(),
        format!("{}v3/billdownload/file?token=bm9wZQ", server.base_url()),
    );
    let err = download(&c, &forged).await.expect_err("forged");
    assert_eq!(support::api_code(&err).1, "PARAM_ERROR");
}

#[tokio::test]
async fn fund_flow_bill_lists_the_income() {
    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    let (date, direct, partner) = paid_orders(&server, &c).await;
    let file = GetFundFlowBill::builder()
        .bill_date(date)
        .tar_type(TarType::Gzip)
        .build()
        .execute(&c)
        .await
        .expect("fund-flow bill");
    let text = String::from_utf8(download(&c, &file).await.expect("verified")).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("记账时间,微信支付业务单号,资金流水单号,"), "{text}");
    for order in [&direct, &partner] {
        let id = order["collection"]["details"][0]["transaction_id"].as_str().expect("id");
        assert!(lines.iter().any(|l| l.contains(&format!("`{id},"))), "{id} in {text}");
    }
    assert_eq!(lines[lines.len() - 2], "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额");
    assert_eq!(lines[lines.len() - 1], "`2,`2,`798.00,`0,`0.00");
}

#[tokio::test]
async fn payscore_merchant_bill_is_encrypted_to_the_merchant_key() {
    use wxpay_payscore::merchant_bill::{BillEncryptionAlgorithm, BillTarType, GetMerchantBill};

    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    let (date, direct, _) = paid_orders(&server, &c).await;
    let request = GetMerchantBill::builder()
        .bill_date(date.clone())
        .tar_type(BillTarType::Gzip)
        .encryption_algorithm(BillEncryptionAlgorithm::AeadAes256Gcm)
        .service_id(support::SERVICE_ID)
        .build();
    let bill = request.execute(&c).await.expect("merchant bill");
    assert_eq!(bill.download_bill_count, 1);
    let file = &bill.download_bill_list[0];
    assert_eq!(file.nonce.len(), 12);
    assert!(!format!("{bill:?}").contains(&file.encrypt_key), "encrypt_key redacted");

    // What is served is ciphertext: neither the bill nor gzip.
    let mut raw = Vec::new();
    let as_plain = wxpay_core::bill::BillFile::new(
        file.hash_type.clone(),
        file.hash_value.clone(),
        file.download_url.clone(),
    );
    let err = c.download_bill(&as_plain, &mut raw).await.expect_err("not a plain bill");
    assert!(matches!(err, Error::Bill(BillError::HashMismatch { .. })), "{err:?}");
    assert!(!raw.starts_with(&[0x1f, 0x8b]) && !raw.starts_with("交易时间".as_bytes()));

    let text =
        String::from_utf8(bill.download(&c).await.expect("decrypted and verified")).expect("utf-8");
    let parsed = TradeBill::parse(&text).expect("parse");
    // Both orders use the same service_id; each row joins back to its PayScore order.
    assert_eq!(parsed.rows.len(), 2);
    assert!(parsed.rows.iter().any(|r| r.payscore().expect("join").out_order_no.as_str()
        == direct["out_order_no"].as_str().expect("no")));

    // Another service has no rows.
    let other = GetMerchantBill::builder()
        .bill_date(date.clone())
        .tar_type(BillTarType::Gzip)
        .encryption_algorithm(BillEncryptionAlgorithm::AeadAes256Gcm)
        .service_id("2002000000000558128851361561000")
        .build()
        .execute(&c)
        .await
        .expect("merchant bill");
    let text = String::from_utf8(other.download(&c).await.expect("verified")).expect("utf-8");
    assert!(TradeBill::parse(&text).expect("parse").rows.is_empty());

    // Corrupted before encryption: decrypts, but the SHA1 does not match.
    let again = request.execute(&c).await.expect("merchant bill");
    server.add_fault(Fault::tamper_body().on_template("v3/billdownload/file").times(1));
    let err = again.download(&c).await.expect_err("corrupted");
    assert!(matches!(err, Error::Bill(BillError::HashMismatch { .. })), "{err:?}");

    // A client with another merchant key cannot open the file (and sends nothing).
    let third = request.execute(&c).await.expect("merchant bill");
    let stranger = server
        .client_builder()
        .private_key_pem(&wxpay_mock::PlatformKeyPair::spare().key_pem)
        .build()
        .expect("client");
    let err = third.download(&stranger).await.expect_err("not our key");
    assert!(
        matches!(err, Error::Bill(BillError::Decrypt(wxpay_core::DecryptError::Oaep))),
        "{err:?}"
    );

    // WeChat's required parameters: an unknown algorithm is refused.
    let err = GetMerchantBill::builder()
        .bill_date(date)
        .tar_type(BillTarType::Gzip)
        .encryption_algorithm(BillEncryptionAlgorithm::from("SM4_GCM"))
        .service_id(support::SERVICE_ID)
        .build()
        .execute(&c)
        .await
        .expect_err("unknown algorithm");
    assert_eq!(support::api_code(&err).1, "PARAM_ERROR");
}

#[tokio::test]
async fn refunds_are_on_the_trade_and_fund_flow_bills() {
    use wxpay_settlement::{
        bill::TradeState,
        refund::{CreateRefund, PaymentRef, RefundAmount},
    };

    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    let (date, direct, _) = paid_orders(&server, &c).await;
    let transaction_id =
        direct["collection"]["details"][0]["transaction_id"].as_str().expect("id").to_owned();
    let refund = CreateRefund::builder()
        .payment(PaymentRef::transaction_id(&transaction_id))
        .out_refund_no("BILL-REFUND-1")
        .amount(RefundAmount::builder().refund(1_234).total(39_900).build())
        .build()
        .execute(&c)
        .await
        .expect("refund");

    let bill_of = |kind: BillType| {
        let c = c.clone();
        let date = date.clone();
        async move {
            let file = GetTradeBill::builder()
                .bill_date(date)
                .bill_type(kind)
                .build()
                .execute(&c)
                .await
                .expect("trade bill");
            let text =
                String::from_utf8(download(&c, &file).await.expect("verified")).expect("utf-8");
            TradeBill::parse(&text).expect("parse")
        }
    };
    let all = bill_of(BillType::All).await;
    assert_eq!(all.rows.len(), 3);
    assert!(all.totals_match());
    assert_eq!(all.summary.refund_total, 1_234);
    let row = all.rows.iter().find(|r| r.trade_state == TradeState::Refund).expect("refund row");
    assert_eq!(row.transaction_id, transaction_id);
    assert_eq!(row.refund_id.as_deref(), Some(refund.refund_id.as_str()));
    assert_eq!(row.out_refund_no.as_deref(), Some("BILL-REFUND-1"));
    assert_eq!(row.refund_amount, 1_234);
    assert!(row.fee.hundred_thousandths() < 0, "the refunded fee is negative");
    assert_eq!(row.payscore().expect("join").out_order_no.as_str(), "BILL-DIRECT-1");

    let refunds = bill_of(BillType::Refund).await;
    assert_eq!(refunds.rows.len(), 1);
    assert_eq!(refunds.rows[0].trade_state, TradeState::Refund);
    let successes = bill_of(BillType::Success).await;
    assert_eq!(successes.rows.len(), 2);
    assert!(successes.rows.iter().all(|r| r.trade_state == TradeState::Success));

    let file = GetFundFlowBill::builder().bill_date(date).build().execute(&c).await.expect("fund");
    let text = String::from_utf8(download(&c, &file).await.expect("verified")).expect("utf-8");
    let last = text.lines().last().expect("summary");
    assert_eq!(last, "`3,`2,`798.00,`1,`12.34", "{text}");
    assert!(text.contains(&format!("`{},", refund.refund_id)), "{text}");
}

#[tokio::test]
async fn sub_merchant_fund_flow_bill_is_encrypted_and_verified() {
    use wxpay_settlement::bill::{AccountType, EncryptionAlgorithm, GetSubMerchantFundFlowBill};

    let server = MockServer::builder().start().await.expect("simulator");
    let c = client(&server);
    let (date, _, partner) = paid_orders(&server, &c).await;
    let answer = GetSubMerchantFundFlowBill::builder()
        .sub_mchid(support::SUB_MCHID)
        .bill_date(date.clone())
        .account_type(AccountType::Basic)
        .algorithm(EncryptionAlgorithm::AeadAes256Gcm)
        .tar_type(TarType::Gzip)
        .build()
        .execute(&c)
        .await
        .expect("sub-merchant fund-flow bill");
    assert_eq!(answer.download_bill_count, 1);
    let mut text = Vec::new();
    let done = c
        .download_encrypted_bill(&answer.download_bill_list[0], &mut text)
        .await
        .expect("decrypted and verified");
    assert!(done.gzip);
    let text = String::from_utf8(text).expect("utf-8");
    let id = partner["collection"]["details"][0]["transaction_id"].as_str().expect("id");
    assert!(text.contains(&format!("`{id},")), "the sub-merchant's payment: {text}");
    assert_eq!(text.lines().last(), Some("`1,`1,`399.00,`0,`0.00"), "only its own: {text}");
    assert_eq!(answer.download(&c).await.expect("joined"), text.as_bytes());

    let err = GetSubMerchantFundFlowBill::builder()
        .sub_mchid(support::SUB_MCHID)
        .bill_date(date)
        .account_type(AccountType::Basic)
        .algorithm(EncryptionAlgorithm::Sm4Gcm)
        .build()
        .execute(&c)
        .await
        .expect_err("SM4 not simulated");
    assert_eq!(support::api_code(&err).1, "PARAM_ERROR");
}
