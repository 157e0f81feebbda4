//! Walks one PayScore order through its whole life (partner mode) against the embedded
//! simulator, with the real client: every request signed, every answer and notification
//! verified.
//!
//! ```text
//! cargo run -p wxpay-payscore --example quickstart
//! ```
//!
//! 1. start the simulator (`wxpay-mock`) and a local notification endpoint (axum);
//! 2. create an order → `CREATED`;
//! 3. the user confirms it (simulated) → `PAYSCORE.USER_CONFIRM` arrives, verified and
//!    decrypted;
//! 4. complete it (`CompletePartnerServiceOrder`, `204 No Content`, signature verified);
//! 5. the user pays (simulated) → `PAYSCORE.USER_PAID`;
//! 6. query it → `DONE`.
//!
//! Against WeChat Pay itself, build the client with `Client::from_env()` and drop the
//! simulator: the calls are the same.

use std::{error::Error, process::ExitCode, time::Duration};

use axum::{Router, extract::FromRef, http::StatusCode, routing::post};
use serde::de::IgnoredAny;
use tokio::sync::mpsc;
use wxpay_core::{
    Client, OutOrderNo,
    notify::{NotificationParser, axum::Verified},
};
use wxpay_mock::{MockServer, OrderKey};
use wxpay_payscore::{
    Amount, Discount, Payment, RiskFund, RiskFundName, ServiceTime, StartTime, TimeRange,
    notification::PayScoreEvent,
    partner::service_order::{
        CompletePartnerServiceOrder, CreatePartnerServiceOrder, QueryPartnerServiceOrder,
    },
};

const SERVICE_ID: &str = "2002000000000558128851361561536";
const APPID: &str = "wxd678efh567hg6787";
const SUB_MCHID: &str = "1900000109";

/// What the notification endpoint shares: the parser (for the `Verified` extractor) and
/// where to hand decoded events.
#[derive(Clone)]
struct Endpoint {
    parser: NotificationParser,
    events: mpsc::UnboundedSender<PayScoreEvent>,
}

impl FromRef<Endpoint> for NotificationParser {
    fn from_ref(endpoint: &Endpoint) -> Self {
        endpoint.parser.clone()
    }
}

/// `POST /payscore/notify`: the extractor has verified the signature and decrypted the
/// resource; anything else was already answered with a non-2xx, so WeChat Pay retries.
async fn notify(
    axum::extract::State(endpoint): axum::extract::State<Endpoint>,
    Verified(notification): Verified<IgnoredAny>,
) -> StatusCode {
    match PayScoreEvent::from_notification(&notification) {
        Ok(event) => {
            let _ = endpoint.events.send(event);
            StatusCode::NO_CONTENT
        }
        Err(_) => StatusCode::BAD_REQUEST,
    }
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

async fn next_event(
    events: &mut mpsc::UnboundedReceiver<PayScoreEvent>,
) -> Result<PayScoreEvent, Box<dyn Error>> {
    tokio::time::timeout(Duration::from_secs(5), events.recv())
        .await
        .map_err(|_| "no notification within 5 s")?
        .ok_or_else(|| "notification endpoint stopped".into())
}

fn yuan(amount: Option<Amount>) -> String {
    let fen = amount.map_or(0, Amount::as_fen);
    format!("{}.{:02} yuan", fen / 100, fen % 100)
}

/// The simulator, a client built from its credentials, and the notification endpoint.
struct Setup {
    server: MockServer,
    client: Client,
    notify_url: String,
    events: mpsc::UnboundedReceiver<PayScoreEvent>,
    endpoint: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn setup() -> Result<Setup, Box<dyn Error>> {
    let server = MockServer::start().await?;
    let credentials = server.credentials();
    let client = Client::builder()
        .mchid(credentials.mchid.clone())
        .merchant_serial(&credentials.merchant_serial)
        .private_key_pem(credentials.merchant_private_key_pem.as_deref().ok_or("no merchant key")?)
        .wechatpay_public_key_pem(&credentials.public_key_id, &credentials.public_key_pem)
        .api_v3_key(&credentials.api_v3_key)
        .base_url(&credentials.base_url)
        .build()?;
    println!(
        "simulator     {} (mchid {}, {})",
        credentials.base_url, credentials.mchid, credentials.public_key_id
    );

    let (sender, events) = mpsc::unbounded_channel();
    let state = Endpoint { parser: client.notification_parser()?, events: sender };
    let app = Router::new().route("/payscore/notify", post(notify)).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let notify_url = format!("http://{}/payscore/notify", listener.local_addr()?);
    let endpoint = tokio::spawn(async move { axum::serve(listener, app).await });
    println!("notify_url    {notify_url}");
    println!();
    Ok(Setup { server, client, notify_url, events, endpoint })
}

/// The fee items and discount of the example order.
fn fees() -> (Vec<Payment>, Vec<Discount>) {
    let meal = Payment::builder()
        .name("就餐费用")
        .amount(Amount::fen(40_000))
        .description("就餐人均100元")
        .count(4);
    let discount = Discount::builder()
        .name("满20减1元")
        .amount(Amount::fen(100))
        .description("不与其他优惠叠加");
    (vec![meal.build()], vec![discount.build()])
}

async fn run() -> Result<(), Box<dyn Error>> {
    let started = std::time::Instant::now();
    let Setup { server, client, notify_url, mut events, endpoint } = setup().await?;

    let out_order_no = OutOrderNo::new("QUICKSTART-0001")?;
    let (payments, discounts) = fees();
    let total =
        wxpay_payscore::total_amount(&payments, &discounts).ok_or("discounts exceed payments")?;

    // 1. Create.
    let created = CreatePartnerServiceOrder::builder()
        .out_order_no(out_order_no.clone())
        .service_id(SERVICE_ID)
        .appid(APPID)
        .sub_mchid(SUB_MCHID)
        .service_introduction("XX餐厅")
        .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
        .risk_fund(
            RiskFund::builder()
                .name(RiskFundName::Deposit)
                .amount(Amount::fen(50_000))
                .description("就餐的预估费用")
                .build(),
        )
        .notify_url(&notify_url)
        .post_payments(payments.clone())
        .build()
        .execute(&client)
        .await?;
    println!("1. create     {out_order_no} → {} (order_id {})", created.state, created.order_id);

    // 2. The user confirms in WeChat (simulated), and WeChat Pay notifies.
    server.confirm_order(OrderKey::partner(SUB_MCHID, out_order_no.as_str()))?;
    println!("2. user       confirms the order in WeChat (simulated)");
    match next_event(&mut events).await? {
        PayScoreEvent::UserConfirm(order) => println!(
            "3. notified   {} verified and decrypted → {}/{}",
            wxpay_payscore::notification::USER_CONFIRM,
            order.state,
            order.state_description.map(|d| d.to_string()).unwrap_or_default()
        ),
        other => return Err(format!("expected USER_CONFIRM, got {}", other.event_type()).into()),
    }

    // 4. Complete with the final fees: 204 No Content, whose signature is verified too.
    CompletePartnerServiceOrder::builder()
        .out_order_no(out_order_no.clone())
        .service_id(SERVICE_ID)
        .sub_mchid(SUB_MCHID)
        .post_payments(payments)
        .total_amount(total)
        .post_discounts(discounts)
        .time_range(
            TimeRange::builder()
                .start_time("20240101091010".parse::<ServiceTime>()?)
                .end_time("20240101121010".parse()?)
                .build(),
        )
        .build()
        .execute(&client)
        .await?;
    println!("4. complete   total {} → 204 No Content (signature verified)", yuan(Some(total)));

    // 5. The user pays (simulated), and WeChat Pay notifies.
    server.pay_order(OrderKey::partner(SUB_MCHID, out_order_no.as_str()))?;
    println!("5. user       is charged (simulated)");
    match next_event(&mut events).await? {
        PayScoreEvent::UserPaid(order) => {
            let collection = order.collection.ok_or("USER_PAID without collection")?;
            let transaction = collection
                .details
                .first()
                .and_then(|d| d.transaction_id.clone())
                .unwrap_or_default();
            println!(
                "6. notified   {} → {}, collection {}, paid {} (transaction {transaction})",
                wxpay_payscore::notification::USER_PAID,
                order.state,
                collection.state,
                yuan(collection.paid_amount)
            );
        }
        other => return Err(format!("expected USER_PAID, got {}", other.event_type()).into()),
    }

    // 7. Query.
    let order = QueryPartnerServiceOrder::builder()
        .lookup(out_order_no.clone())
        .sub_mchid(SUB_MCHID)
        .service_id(SERVICE_ID)
        .build()
        .execute(&client)
        .await?;
    println!("7. query      {out_order_no} → {}, total {}", order.state, yuan(order.total_amount));
    if order.state != wxpay_payscore::ServiceOrderState::Done {
        return Err(format!("expected DONE, found {}", order.state).into());
    }

    endpoint.abort();
    println!();
    println!("done in {:.2} s", started.elapsed().as_secs_f64());
    Ok(())
}
