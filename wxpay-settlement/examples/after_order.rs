//! What happens to the money after a PayScore order, against the embedded simulator, with
//! the real client: every request signed, every answer and notification verified.
//!
//! ```text
//! cargo run -p wxpay-settlement --example after_order
//! ```
//!
//! 1. an order is created, confirmed by the user (simulated) and completed with the seed
//!    request (`profit_sharing: true`, 399 yuan);
//! 2. the user is charged (simulated) → `PAYSCORE.USER_PAID` with the `transaction_id`;
//! 3. part of it is refunded (`CreateRefund`) → `REFUND.SUCCESS`;
//! 4. the rest is shared with a merchant receiver whose name goes out encrypted
//!    (`AddReceiver`, `CreateOrder`) → `PROFITSHARING.SUCCESS`;
//! 5. the day's trade bill is downloaded, its SHA1 verified, and its rows joined back to the
//!    PayScore order through the `商户数据包` `wxzff|<order_id>|<out_order_no>`.
//!
//! Against WeChat Pay itself, build the client with `Client::from_env()` and drop the
//! simulator: the calls are the same (the bill of a day is published the next morning).

use std::{error::Error, process::ExitCode, time::Duration};

use axum::{Router, extract::FromRef, http::StatusCode, routing::post};
use serde::de::IgnoredAny;
use tokio::sync::mpsc;
use wxpay_core::{
    Client, OutOrderNo,
    notify::{Notification, NotificationParser, axum::Verified},
};
use wxpay_mock::{MockServer, OrderKey};
use wxpay_payscore::{
    Amount, Discount, Payment, RiskFund, RiskFundName, ServiceTime, StartTime, TimeRange,
    notification::PayScoreEvent,
    partner::service_order::{CompletePartnerServiceOrder, CreatePartnerServiceOrder},
};
use wxpay_settlement::{
    bill::{GetTradeBill, TarType, TradeBill, TradeState},
    profit_sharing::{
        AddReceiver, CreateOrder, QueryUnsplitAmount, Receiver, ReceiverType, RelationType,
        notification::ProfitSharingEvent,
    },
    refund::{CreateRefund, PaymentRef, RefundAmount, notification::RefundEvent},
};

const SERVICE_ID: &str = "2002000000000558128851361561536";
const APPID: &str = "wxd678efh567hg6787";
const SUB_MCHID: &str = "1900000109";
/// The merchant that receives the shared money, and its registered name.
const RECEIVER: &str = "1900000110";
const RECEIVER_NAME: &str = "示例商户全称";

/// The notification endpoint's state: the parser (for `Verified`) and where events go.
#[derive(Clone)]
struct Endpoint {
    parser: NotificationParser,
    events: mpsc::UnboundedSender<Notification<IgnoredAny>>,
}

impl FromRef<Endpoint> for NotificationParser {
    fn from_ref(endpoint: &Endpoint) -> Self {
        endpoint.parser.clone()
    }
}

/// `POST /notify`: PayScore, refund and profit-sharing notifications, verified and decrypted.
async fn notify(
    axum::extract::State(endpoint): axum::extract::State<Endpoint>,
    Verified(notification): Verified<IgnoredAny>,
) -> StatusCode {
    let _ = endpoint.events.send(notification);
    StatusCode::NO_CONTENT
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            let mut source = err.source();
            while let Some(cause) = source {
                eprintln!("caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

/// The next notification whose `event_type` starts with `prefix` (others are skipped).
async fn next(
    events: &mut mpsc::UnboundedReceiver<Notification<IgnoredAny>>,
    prefix: &str,
) -> Result<Notification<IgnoredAny>, Box<dyn Error>> {
    loop {
        let notification = tokio::time::timeout(Duration::from_secs(5), events.recv())
            .await
            .map_err(|_| format!("no {prefix}* notification within 5 s"))?
            .ok_or("notification endpoint stopped")?;
        if notification.event_type.starts_with(prefix) {
            return Ok(notification);
        }
    }
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02} yuan", fen / 100, fen % 100)
}

/// The simulator, a client built from its credentials, and the notification endpoint.
struct Setup {
    server: MockServer,
    client: Client,
    notify_url: String,
    events: mpsc::UnboundedReceiver<Notification<IgnoredAny>>,
}

/// The payment PayScore made for the order, as `PAYSCORE.USER_PAID` reports it.
struct Paid {
    transaction_id: String,
    fen: u64,
    /// `yyyy-MM-dd`, the day of the payment (the bill's date).
    date: String,
}

async fn run() -> Result<(), Box<dyn Error>> {
    // A notification endpoint, the simulator (which sends profit-sharing notifications to
    // the merchant's configured URL: this one), and a client built from its credentials.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let notify_url = format!("http://{}/notify", listener.local_addr()?);
    let server = MockServer::builder().service_notify_url(&notify_url).start().await?;
    let client: Client = server.client_builder().build()?;
    let (sender, events) = mpsc::unbounded_channel();
    let state = Endpoint { parser: client.notification_parser()?, events: sender };
    let app = Router::new().route("/notify", post(notify)).with_state(state);
    let endpoint = tokio::spawn(async move { axum::serve(listener, app).await });
    println!("simulator  {}  notify_url {notify_url}\n", server.base_url());
    let mut setup = Setup { server, client, notify_url, events };

    let out_order_no = OutOrderNo::new("AFTER-ORDER-0001")?;
    let paid = complete_and_pay(&mut setup, &out_order_no).await?;
    refund_part(&mut setup, &paid, 10_000).await?;
    share_the_rest(&mut setup, &paid).await?;
    reconcile(&setup.client, &paid, &out_order_no).await?;
    endpoint.abort();
    Ok(())
}

/// Steps 1–2: create, confirm (simulated), complete with the seed request (`profit_sharing: true`),
/// and the user is charged (simulated): `USER_PAID` names the payment.
async fn complete_and_pay(
    setup: &mut Setup,
    out_order_no: &OutOrderNo,
) -> Result<Paid, Box<dyn Error>> {
    let payments = vec![
        Payment::builder()
            .name("就餐费用")
            .amount(Amount::fen(40_000))
            .description("就餐人均100元")
            .count(4)
            .build(),
    ];
    let discounts =
        vec![Discount::builder().name("满20减1元").amount(Amount::fen(100)).count(2).build()];
    CreatePartnerServiceOrder::builder()
        .out_order_no(out_order_no.clone())
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .service_introduction("XX餐厅")
        .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
        .risk_fund(
            RiskFund::builder().name(RiskFundName::Deposit).amount(Amount::fen(50_000)).build(),
        )
        .notify_url(&setup.notify_url)
        .post_payments(payments.clone())
        .build()
        .execute(&setup.client)
        .await?;
    let key = OrderKey::partner(SUB_MCHID, out_order_no.as_str());
    setup.server.confirm_order(key.clone())?;
    CompletePartnerServiceOrder::builder()
        .out_order_no(out_order_no.clone())
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .total_amount(Amount::fen(39_900))
        .post_discounts(discounts)
        .time_range(
            TimeRange::builder()
                .start_time("20091225091010".parse::<ServiceTime>()?)
                .end_time("20091225121010".parse()?)
                .build(),
        )
        .profit_sharing(true)
        .build()
        .execute(&setup.client)
        .await?;
    println!("1. order     {out_order_no} created, confirmed, completed (profit_sharing: true)");

    setup.server.pay_order(key)?;
    let notification = next(&mut setup.events, "PAYSCORE.USER_PAID").await?;
    let PayScoreEvent::UserPaid(order) = PayScoreEvent::from_notification(&notification)? else {
        return Err("expected PAYSCORE.USER_PAID".into());
    };
    let collection = order.collection.ok_or("USER_PAID without collection")?;
    let detail = collection.details.first().ok_or("USER_PAID without a payment")?;
    let transaction_id = detail.transaction_id.clone().ok_or("payment without transaction_id")?;
    let fen = detail.amount.map_or(0, Amount::as_fen);
    let day = detail.paid_time.as_ref().ok_or("payment without paid_time")?.to_string();
    let date = format!("{}-{}-{}", &day[0..4], &day[4..6], &day[6..8]);
    println!("2. paid      {} (transaction {transaction_id})", yuan(fen));
    Ok(Paid { transaction_id, fen, date })
}

/// Step 3: refund part of the payment: the answer says `PROCESSING`, `REFUND.SUCCESS` says done.
async fn refund_part(setup: &mut Setup, paid: &Paid, fen: u64) -> Result<(), Box<dyn Error>> {
    let refund = CreateRefund::builder()
        .sub_mchid(SUB_MCHID)
        .payment(PaymentRef::transaction_id(&paid.transaction_id))
        .out_refund_no("AFTER-ORDER-REFUND-1")
        .reason("少上了一道菜")
        .notify_url(&setup.notify_url)
        .amount(RefundAmount::builder().refund(fen).total(paid.fen).build())
        .build()
        .execute(&setup.client)
        .await?;
    let done = next(&mut setup.events, "REFUND.").await?;
    let Some(notified) = RefundEvent::from_notification(&done)?.refund().cloned() else {
        return Err(format!("unexpected {}", done.event_type).into());
    };
    println!(
        "3. refund    {} → {} → {} {}",
        yuan(fen),
        refund.status,
        done.event_type,
        notified.refund_status
    );
    Ok(())
}

/// Step 4: share what is left with a merchant receiver (its name is sent encrypted), releasing
/// nothing more: `PROFITSHARING.SUCCESS`.
async fn share_the_rest(setup: &mut Setup, paid: &Paid) -> Result<(), Box<dyn Error>> {
    let client = &setup.client;
    AddReceiver::builder()
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .kind(ReceiverType::MerchantId)
        .account(RECEIVER)
        .name(RECEIVER_NAME)
        .relation_type(RelationType::Partner)
        .build()
        .execute(client)
        .await?;
    let rest = QueryUnsplitAmount::builder()
        .transaction_id(&paid.transaction_id)
        .build()
        .execute(client)
        .await?
        .unsplit_amount;
    let shared = CreateOrder::builder()
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .transaction_id(&paid.transaction_id)
        .out_order_no("AFTER-ORDER-SHARE-1")
        .receivers(vec![
            Receiver::builder()
                .kind(ReceiverType::MerchantId)
                .account(RECEIVER)
                .name(RECEIVER_NAME)
                .amount(rest)
                .description("分给合作商户")
                .build(),
        ])
        .unfreeze_unsplit(true)
        .build()
        .execute(client)
        .await?;
    let split = next(&mut setup.events, "PROFITSHARING.").await?;
    if !matches!(ProfitSharingEvent::from_notification(&split)?, ProfitSharingEvent::Success(_)) {
        return Err(format!("unexpected {}", split.event_type).into());
    }
    println!("4. share     {} to {RECEIVER} → {} → {}", yuan(rest), shared.state, split.event_type);
    Ok(())
}

/// Step 5: the day's trade bill: SHA1 of the decompressed bill verified, rows joined back to the
/// PayScore order through `商户数据包`.
async fn reconcile(
    client: &Client,
    paid: &Paid,
    out_order_no: &OutOrderNo,
) -> Result<(), Box<dyn Error>> {
    let file = GetTradeBill::builder()
        .bill_date(paid.date.clone())
        .sub_mchid(SUB_MCHID)
        .tar_type(TarType::Gzip)
        .build()
        .execute(client)
        .await?;
    let mut text = Vec::new();
    let verified = client.download_bill(&file, &mut text).await?;
    let bill = TradeBill::parse(std::str::from_utf8(&text)?)?;
    println!(
        "5. bill      {}: {} rows, {} verified, totals match: {}",
        paid.date,
        bill.rows.len(),
        verified.hash_type,
        bill.totals_match()
    );
    for row in &bill.rows {
        let Some(joined) = row.payscore() else { continue };
        let amount = match row.trade_state {
            TradeState::Refund => row.refund_amount,
            _ => row.settlement_amount,
        };
        println!(
            "   {:<8} {:>12}  {}  → PayScore order {}",
            row.trade_state.to_string(),
            yuan(amount.unsigned_abs()),
            row.transaction_id,
            joined.out_order_no
        );
        if joined.out_order_no != *out_order_no {
            return Err(format!("bill row joins to {}", joined.out_order_no).into());
        }
    }
    Ok(())
}
