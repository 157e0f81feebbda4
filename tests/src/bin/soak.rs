//! Fault soak: drives mixed PayScore calls through one `wxpay_core::Client` against the
//! in-process simulator with every fault kind it has, and checks that nothing panics, no call
//! outlives its deadline and no faulted answer is accepted.
//!
//! ```text
//! cargo run --release -p wxpay-tests --bin soak -- [--calls N] [--concurrency 1,64]
//!     [--fault-rate 0.1] [--seed S]
//! ```
//!
//! The simulator runs in certificate mode (so that an unknown `Wechatpay-Serial` makes the
//! client refetch certificates before giving up). Each fault kind (latency, 5xx, 429,
//! dropped connection before and after processing, tampered body, stale timestamp, unknown
//! serial, unsigned answer, signature probe) is one rule of equal probability, chosen so
//! that a request meets at least one fault with probability `--fault-rate`; a tenth of the
//! latency faults outlast the attempt timeout.
//!
//! Which faults hit each answer comes from the simulator's request observer
//! (`MockServerBuilder::on_request`), which sees every record: the request log itself keeps
//! only the newest `DEFAULT_REQUEST_LOG_CAPACITY` (10 000) records, fewer than a soak sends.
//! A wrapping transport reads each answer's `Request-ID`, so the final attempt of a call
//! that returned `Ok` is matched to the faults its answer carried.
//!
//! `--max-orders` (default 10 000) bounds the simulator's order store so that the soak
//! reaches every store's bound (request log 10 000 records, nonces 100 000, orders) and RSS
//! must level off; `SOAK_MESSAGES=1` adds WeChat's message to the `Api` counters.
//!
//! Exits 1 when a panic, a call over its deadline or a faulted answer accepted as `Ok` was
//! seen; 2 on bad arguments or when the simulator does not start.

use std::{
    collections::{BTreeMap, BTreeSet},
    future::Future,
    process::ExitCode,
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use wxpay_core::{
    Client, Error, OutOrderNo, RetryPolicy, TransportError, VerifyError,
    transport::{ReqwestTransport, Transport},
};
use wxpay_mock::{Fault, FaultKind, KeyMode, MockServer};
use wxpay_payscore::{
    Amount, Discount, Payment, RiskFund, RiskFundName, ServiceTime, StartTime, TimeRange,
    partner::service_order::{
        CancelPartnerServiceOrder, CompletePartnerServiceOrder, CreatePartnerServiceOrder,
        ModifyPartnerServiceOrder, QueryPartnerServiceOrder,
    },
    permissions::QueryPermissionsByOpenid,
    service_order::{
        CancelServiceOrder, CompleteServiceOrder, CreateServiceOrder, ModifyServiceOrder,
        QueryServiceOrder,
    },
};

const SERVICE_ID: &str = "2002000000000558128851361561536";
const APPID: &str = "wxd678efh567hg6787";
const SUB_MCHID: &str = "1900000109";
const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
/// Never called: completing or cancelling sends no notification without a user action.
const NOTIFY_URL: &str = "http://127.0.0.1:9/notify";

/// The whole call (certificates, attempts, waits).
const CALL_TIMEOUT: Duration = Duration::from_secs(1);
/// One attempt.
const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(300);
/// Scheduling slack on a loaded 2-core machine before a call counts as over its deadline.
const SLACK: Duration = Duration::from_millis(250);
/// A short latency fault, and a long one that outlasts the attempt timeout.
const SHORT_LATENCY: Duration = Duration::from_millis(20);
const LONG_LATENCY: Duration = Duration::from_millis(400);

#[derive(Debug)]
struct Args {
    calls: u64,
    concurrency: Vec<usize>,
    fault_rate: f64,
    seed: u64,
    max_orders: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        calls: 100_000,
        concurrency: vec![1, 64],
        fault_rate: 0.1,
        seed: 0x50A8,
        max_orders: 10_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--calls" => args.calls = value()?.parse().map_err(|e| format!("--calls: {e}"))?,
            "--concurrency" => {
                args.concurrency = value()?
                    .split(',')
                    .map(|c| c.trim().parse::<usize>().map_err(|e| format!("--concurrency: {e}")))
                    .collect::<Result<_, _>>()?;
                if args.concurrency.contains(&0) {
                    return Err("--concurrency: 0 is not a concurrency".into());
                }
            }
            "--fault-rate" => {
                args.fault_rate = value()?.parse().map_err(|e| format!("--fault-rate: {e}"))?;
                if !(0.0..1.0).contains(&args.fault_rate) {
                    return Err("--fault-rate must be in [0, 1)".into());
                }
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--max-orders" => {
                args.max_orders = value()?.parse().map_err(|e| format!("--max-orders: {e}"))?;
            }
            "-h" | "--help" => {
                return Err("usage: soak [--calls N] [--concurrency 1,64] [--fault-rate 0.1] \
                            [--seed S] [--max-orders N]"
                    .into());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

/// The fault rules: ten kinds of equal probability `p`, `1 - (1 - p)^10 = rate`.
fn faults(rate: f64) -> Vec<Fault> {
    let p = 1.0 - (1.0 - rate).powf(0.1);
    let half = p / 2.0;
    vec![
        Fault::latency(SHORT_LATENCY).probability(p * 0.9),
        Fault::latency(LONG_LATENCY).probability(p * 0.1),
        Fault::server_error().probability(half),
        Fault::server_error_status(503).probability(half),
        Fault::rate_limited().probability(half),
        Fault::rate_limited_retry_after(1).probability(half),
        Fault::drop_connection().probability(p),
        Fault::drop_after_processing().probability(p),
        Fault::tamper_body().probability(p),
        Fault::stale_timestamp().probability(p),
        Fault::unknown_serial().probability(p),
        Fault::unsigned().probability(p),
        Fault::signature_probe().probability(p),
    ]
}

fn fault_name(kind: &FaultKind) -> &'static str {
    match kind {
        FaultKind::Latency { delay } if *delay >= LONG_LATENCY => "latency (long)",
        FaultKind::Latency { .. } => "latency (short)",
        FaultKind::ServerError { .. } => "5xx",
        FaultKind::RateLimited { .. } => "429",
        FaultKind::DropConnection => "drop connection",
        FaultKind::DropAfterProcessing => "drop after processing",
        FaultKind::TamperBody => "tampered body",
        FaultKind::StaleTimestamp => "stale timestamp",
        FaultKind::UnknownSerial => "unknown serial",
        FaultKind::Unsigned => "unsigned",
        FaultKind::SignatureProbe => "signature probe",
        _ => "other",
    }
}

/// What the simulator's observer saw.
#[derive(Default)]
struct Observed {
    /// `Request-ID`s of answers sent with a fault a client must reject, not yet read back.
    faulted: Mutex<BTreeSet<String>>,
    /// Records finished.
    records: AtomicU64,
    /// Faults fired, by kind.
    fired: Mutex<BTreeMap<&'static str, u64>>,
}

impl Observed {
    fn record(&self, record: &wxpay_mock::RequestRecord) {
        self.records.fetch_add(1, Ordering::Relaxed);
        if !record.faults.is_empty() {
            let mut fired = self.fired.lock().unwrap_or_else(PoisonError::into_inner);
            for kind in &record.faults {
                *fired.entry(fault_name(kind)).or_default() += 1;
            }
        }
        if record.answer_faulted() && record.status.is_some() && !record.abandoned {
            self.faulted
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(record.request_id.clone());
        }
    }

    /// Whether the answer `request_id` was faulted (and forgets it).
    fn take(&self, request_id: &str) -> bool {
        self.faulted.lock().unwrap_or_else(PoisonError::into_inner).remove(request_id)
    }
}

/// What the transport saw during one call (a task-local of the call's task).
#[derive(Default)]
struct CallTap {
    attempts: AtomicU32,
    last_faulted: AtomicBool,
    last_unmatched: AtomicBool,
}

tokio::task_local! {
    static TAP: Arc<CallTap>;
}

/// The default transport, reading each answer's `Request-ID` for the call in progress.
#[derive(Clone)]
struct Tapped {
    inner: ReqwestTransport,
    observed: Arc<Observed>,
    /// Faulted answers read back (any request, certificate downloads included).
    faulted_received: Arc<AtomicU64>,
}

impl Transport for Tapped {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + Send {
        let this = self.clone();
        async move {
            let api_call = !request.uri().path().ends_with("/v3/certificates");
            if api_call {
                let _ = TAP.try_with(|t| t.attempts.fetch_add(1, Ordering::Relaxed));
            }
            let result = this.inner.send(request).await;
            let (faulted, unmatched) = match &result {
                Ok(response) => match response.headers().get("Request-ID") {
                    Some(id) => {
                        let faulted = id.to_str().is_ok_and(|id| this.observed.take(id));
                        (faulted, false)
                    }
                    None => (false, true),
                },
                Err(_) => (false, false),
            };
            if faulted {
                this.faulted_received.fetch_add(1, Ordering::Relaxed);
            }
            if api_call {
                let _ = TAP.try_with(|t| {
                    t.last_faulted.store(faulted, Ordering::Relaxed);
                    t.last_unmatched.store(unmatched, Ordering::Relaxed);
                });
            }
            result
        }
    }
}

/// One call of a script.
#[derive(Clone, Copy, Debug)]
enum Op {
    DirectCreate { confirm: bool },
    DirectQuery,
    DirectComplete,
    DirectModify,
    DirectCancel,
    PartnerCreate { confirm: bool },
    PartnerQuery,
    PartnerComplete,
    PartnerModify,
    PartnerCancel,
    Permissions,
}

/// The scripts: one order's calls in order (create, then what may follow).
const SCRIPTS: [&[Op]; 4] = [
    // 免确认 (need_user_confirm: false): DOING at once, then completed and modified.
    &[
        Op::DirectCreate { confirm: false },
        Op::DirectQuery,
        Op::DirectComplete,
        Op::DirectModify,
        Op::DirectQuery,
    ],
    &[
        Op::PartnerCreate { confirm: false },
        Op::PartnerQuery,
        Op::PartnerComplete,
        Op::PartnerModify,
        Op::PartnerQuery,
    ],
    // 需确认: CREATED, then cancelled.
    &[Op::PartnerCreate { confirm: true }, Op::PartnerCancel, Op::PartnerQuery],
    &[Op::DirectCreate { confirm: true }, Op::DirectCancel, Op::DirectQuery, Op::Permissions],
];

fn deposit() -> RiskFund {
    RiskFund::builder()
        .name(RiskFundName::Deposit)
        .amount(Amount::fen(50_000))
        .description("就餐的预估费用")
        .build()
}

fn payments() -> Vec<Payment> {
    vec![
        Payment::builder()
            .name("就餐费用")
            .amount(Amount::fen(40_000))
            .description("就餐人均100元")
            .count(4)
            .build(),
    ]
}

fn discount(fen: u64) -> Vec<Discount> {
    vec![
        Discount::builder()
            .name("满20减1元")
            .amount(Amount::fen(fen))
            .description("不与其他优惠叠加")
            .build(),
    ]
}

fn actual_range() -> Option<TimeRange> {
    let start: ServiceTime = "20240101091010".parse().ok()?;
    let end: ServiceTime = "20240101121010".parse().ok()?;
    Some(TimeRange::builder().start_time(start).end_time(end).build())
}

fn on_accept() -> TimeRange<StartTime> {
    TimeRange::builder().start_time(StartTime::OnAccept).build()
}

/// Runs `op` on order `no`, dropping the answer.
async fn run_op(client: &Client<Tapped>, op: Op, no: &OutOrderNo) -> Result<(), Error> {
    let no = no.clone();
    match op {
        Op::DirectCreate { confirm } => CreateServiceOrder::builder()
            .out_order_no(no)
            .appid(APPID)
            .service_id(SERVICE_ID)
            .service_introduction("XX餐厅")
            .time_range(on_accept())
            .risk_fund(deposit())
            .notify_url(NOTIFY_URL)
            .post_payments(payments())
            .maybe_need_user_confirm((!confirm).then_some(false))
            .maybe_openid((!confirm).then_some(OPENID))
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::DirectQuery => QueryServiceOrder::builder()
            .lookup(no)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::DirectComplete => CompleteServiceOrder::builder()
            .out_order_no(no)
            .appid(APPID)
            .service_id(SERVICE_ID)
            .post_payments(payments())
            .total_amount(Amount::fen(39_900))
            .post_discounts(discount(100))
            .maybe_time_range(actual_range())
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::DirectModify => ModifyServiceOrder::builder()
            .out_order_no(no)
            .appid(APPID)
            .service_id(SERVICE_ID)
            .post_payments(payments())
            .total_amount(Amount::fen(39_800))
            .reason("用户投诉")
            .post_discounts(discount(200))
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::DirectCancel => CancelServiceOrder::builder()
            .out_order_no(no)
            .appid(APPID)
            .reason("用户取消")
            .service_id(SERVICE_ID)
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::Permissions => QueryPermissionsByOpenid::builder()
            .openid(OPENID)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .build()
            .execute(client)
            .await
            .map(drop),
        partner => run_partner_op(client, partner, no).await,
    }
}

/// The partner calls of [`run_op`].
async fn run_partner_op(client: &Client<Tapped>, op: Op, no: OutOrderNo) -> Result<(), Error> {
    match op {
        Op::PartnerCreate { confirm } => CreatePartnerServiceOrder::builder()
            .out_order_no(no)
            .service_id(SERVICE_ID)
            .appid(APPID)
            .sub_mchid(SUB_MCHID)
            .service_introduction("XX餐厅")
            .time_range(on_accept())
            .risk_fund(deposit())
            .notify_url(NOTIFY_URL)
            .post_payments(payments())
            .maybe_need_user_confirm((!confirm).then_some(false))
            .maybe_openid((!confirm).then_some(OPENID))
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::PartnerQuery => QueryPartnerServiceOrder::builder()
            .lookup(no)
            .sub_mchid(SUB_MCHID)
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::PartnerComplete => CompletePartnerServiceOrder::builder()
            .out_order_no(no)
            .service_id(SERVICE_ID)
            .sub_mchid(SUB_MCHID)
            .post_payments(payments())
            .total_amount(Amount::fen(39_900))
            .post_discounts(discount(100))
            .maybe_time_range(actual_range())
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::PartnerModify => ModifyPartnerServiceOrder::builder()
            .out_order_no(no)
            .sub_mchid(SUB_MCHID)
            .post_payments(payments())
            .total_amount(Amount::fen(39_800))
            .reason("用户投诉")
            .service_id(SERVICE_ID)
            .post_discounts(discount(200))
            .build()
            .execute(client)
            .await
            .map(drop),
        Op::PartnerCancel => CancelPartnerServiceOrder::builder()
            .out_order_no(no)
            .sub_mchid(SUB_MCHID)
            .reason("用户取消")
            .service_id(SERVICE_ID)
            .build()
            .execute(client)
            .await
            .map(drop),
        _ => Ok(()),
    }
}

fn verify_kind(error: &VerifyError) -> String {
    match error {
        VerifyError::MissingHeader(header) => format!("MissingHeader({header})"),
        VerifyError::InvalidTimestamp => "InvalidTimestamp".into(),
        VerifyError::Stale { .. } => "Stale".into(),
        VerifyError::UnsupportedSignatureType(_) => "UnsupportedSignatureType".into(),
        VerifyError::UnknownSerial(_) => "UnknownSerial".into(),
        VerifyError::SignatureProbe => "SignatureProbe".into(),
        VerifyError::InvalidBase64 => "InvalidBase64".into(),
        VerifyError::BadSignature => "BadSignature".into(),
        _ => "other".into(),
    }
}

/// The counter name of an error: its kind, WeChat's code, the transport or check.
fn error_key(error: &Error) -> String {
    match error {
        Error::Retried { last, .. } => format!("Retried > {}", error_key(last)),
        Error::Api { status, code, message, .. } if std::env::var_os("SOAK_MESSAGES").is_some() => {
            format!("Api {} {code} {message}", status.as_u16())
        }
        Error::Api { status, code, .. } => format!("Api {} {code}", status.as_u16()),
        Error::Transport(e) => format!("Transport {:?}", e.kind()),
        Error::Verify { source, .. } => format!("Verify {}", verify_kind(source)),
        Error::Decode { .. } => "Decode".into(),
        Error::Build(_) => "Build".into(),
        Error::Config(_) => "Config".into(),
        Error::Decrypt(_) => "Decrypt".into(),
        Error::Certificate(_) => "Certificate".into(),
        _ => "other".into(),
    }
}

/// The figures of one run.
#[derive(Default)]
struct Stats {
    calls: u64,
    ok: u64,
    errors: BTreeMap<String, u64>,
    attempts: u64,
    panics: u64,
    over_deadline: u64,
    max_wall: Duration,
    faulted_ok: u64,
    unmatched_ok: u64,
    /// RSS (KiB) after each tenth of the run.
    rss: Vec<u64>,
    /// Calls per tenth.
    tenth: u64,
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix("VmRSS:")?.trim().trim_end_matches("kB").trim().parse().ok()
            })
        })
        .unwrap_or(0)
}

/// `SplitMix64` for picking scripts.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One call in its own task (so a panic is caught and counted), timed against the deadline.
async fn one_call(client: &Client<Tapped>, op: Op, no: &OutOrderNo, stats: &Mutex<Stats>) {
    let tap = Arc::new(CallTap::default());
    let task = {
        let client = client.clone();
        let no = no.clone();
        let tap = Arc::clone(&tap);
        tokio::spawn(TAP.scope(tap, async move { run_op(&client, op, &no).await }))
    };
    let started = Instant::now();
    let joined = task.await;
    let wall = started.elapsed();
    let mut stats = stats.lock().unwrap_or_else(PoisonError::into_inner);
    stats.calls += 1;
    stats.attempts += u64::from(tap.attempts.load(Ordering::Relaxed));
    stats.max_wall = stats.max_wall.max(wall);
    if stats.tenth > 0 && stats.calls.is_multiple_of(stats.tenth) {
        stats.rss.push(rss_kib());
    }
    if wall > CALL_TIMEOUT + SLACK {
        stats.over_deadline += 1;
    }
    match joined {
        Ok(Ok(())) => {
            stats.ok += 1;
            if tap.last_faulted.load(Ordering::Relaxed) {
                stats.faulted_ok += 1;
            }
            if tap.last_unmatched.load(Ordering::Relaxed) {
                stats.unmatched_ok += 1;
            }
        }
        Ok(Err(error)) => *stats.errors.entry(error_key(&error)).or_default() += 1,
        Err(join) if join.is_panic() => stats.panics += 1,
        Err(_) => *stats.errors.entry("task cancelled".into()).or_default() += 1,
    }
}

async fn run(
    client: &Client<Tapped>,
    calls: u64,
    concurrency: usize,
    seed: u64,
    run_id: usize,
) -> Stats {
    let stats = Arc::new(Mutex::new(Stats { tenth: calls / 10, ..Stats::default() }));
    let reserved = Arc::new(AtomicU64::new(0));
    let scripts = Arc::new(AtomicU64::new(0));
    let mut workers = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let (client, stats, reserved, scripts) =
            (client.clone(), Arc::clone(&stats), Arc::clone(&reserved), Arc::clone(&scripts));
        workers.push(tokio::spawn(async move {
            loop {
                let index = scripts.fetch_add(1, Ordering::Relaxed);
                let script = SCRIPTS[(mix(seed ^ index) % SCRIPTS.len() as u64) as usize];
                let len = script.len() as u64;
                if reserved.fetch_add(len, Ordering::Relaxed) >= calls {
                    break;
                }
                let Ok(no) = OutOrderNo::new(format!("SOAK{run_id}-{seed:x}-{index:09}")) else {
                    break;
                };
                for &op in script {
                    one_call(&client, op, &no, &stats).await;
                }
            }
        }));
    }
    for worker in workers {
        if worker.await.is_err() {
            stats.lock().unwrap_or_else(PoisonError::into_inner).panics += 1;
        }
    }
    Arc::try_unwrap(stats)
        .map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner))
        .unwrap_or_default()
}

fn print_stats(stats: &Stats, elapsed: Duration) {
    println!("  calls                          {:>9}", stats.calls);
    println!("  Ok                             {:>9}", stats.ok);
    for (key, count) in &stats.errors {
        println!("  {key:<30} {count:>9}");
    }
    println!(
        "  retries (attempts - calls)     {:>9}   ({} attempts)",
        stats.attempts.saturating_sub(stats.calls),
        stats.attempts
    );
    println!("  panics                         {:>9}", stats.panics);
    println!(
        "  over deadline                  {:>9}   (longest call {} ms; limit {} ms + {} ms slack)",
        stats.over_deadline,
        stats.max_wall.as_millis(),
        CALL_TIMEOUT.as_millis(),
        SLACK.as_millis()
    );
    println!("  faulted answers accepted as Ok {:>9}", stats.faulted_ok);
    println!("  Ok without Request-ID match    {:>9}", stats.unmatched_ok);
    let rss: Vec<String> = stats.rss.iter().map(u64::to_string).collect();
    println!("  RSS after each tenth (KiB)     {}", rss.join(" "));
    let secs = elapsed.as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let rate = stats.calls as f64 / secs.max(f64::EPSILON);
    println!("  elapsed                        {secs:>9.1} s ({rate:.0} calls/s)");
}

// One linear set-up and report.
#[allow(clippy::too_many_lines)]
#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let observed = Arc::new(Observed::default());
    let server = {
        let observed = Arc::clone(&observed);
        let mut builder = MockServer::builder()
            .mode(KeyMode::Certificate)
            .seed(args.seed)
            .require_authorization(false)
            .max_orders(args.max_orders)
            .on_request(move |record| observed.record(record));
        for fault in faults(args.fault_rate) {
            builder = builder.fault(fault);
        }
        match builder.start().await {
            Ok(server) => server,
            Err(e) => {
                eprintln!("simulator: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let faulted_received = Arc::new(AtomicU64::new(0));
    let transport = match ReqwestTransport::new(Duration::from_secs(1), CALL_TIMEOUT) {
        Ok(t) => t.with_max_response_size(wxpay_core::DEFAULT_MAX_RESPONSE_SIZE),
        Err(e) => {
            eprintln!("transport: {e}");
            return ExitCode::from(2);
        }
    };
    let tapped = Tapped {
        inner: transport,
        observed: Arc::clone(&observed),
        faulted_received: Arc::clone(&faulted_received),
    };
    let policy = RetryPolicy::default()
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .max_retry_after(Duration::from_millis(20));
    let client = match server
        .client_builder()
        .timeout(CALL_TIMEOUT)
        .attempt_timeout(ATTEMPT_TIMEOUT)
        .certificate_refetch_min_interval(Duration::from_millis(200))
        .retry(policy)
        .build_with_transport(tapped)
    {
        Ok(client) => client,
        Err(e) => {
            eprintln!("client: {e}");
            return ExitCode::from(2);
        }
    };

    println!(
        "wxpay fault soak: {} calls per run, concurrency {:?}, fault rate {}, seed {}, \
         certificate mode, {} crypto, simulator keeps {} orders",
        args.calls,
        args.concurrency,
        args.fault_rate,
        args.seed,
        wxpay_core::backend_name(),
        args.max_orders,
    );
    println!(
        "client: timeout {} ms, attempt timeout {} ms, {} attempts, backoff 5..20 ms",
        CALL_TIMEOUT.as_millis(),
        ATTEMPT_TIMEOUT.as_millis(),
        client.retry_policy().attempts()
    );
    let rss_start = rss_kib();
    println!("RSS at start                     {rss_start:>9} KiB");
    let mut failed = false;
    for (run_id, &concurrency) in args.concurrency.iter().enumerate() {
        let before = rss_kib();
        let started = Instant::now();
        let stats = run(&client, args.calls, concurrency, args.seed, run_id).await;
        let elapsed = started.elapsed();
        println!("run {run_id}: concurrency {concurrency}");
        print_stats(&stats, elapsed);
        println!("  RSS before / after             {before:>9} / {} KiB", rss_kib());
        failed |= stats.panics > 0 || stats.over_deadline > 0 || stats.faulted_ok > 0;
        failed |= stats.calls < args.calls;
    }
    let fired = observed.fired.lock().unwrap_or_else(PoisonError::into_inner).clone();
    println!("simulator:");
    println!("  requests received              {:>9}", server.requests_received());
    println!("  records observed               {:>9}", observed.records.load(Ordering::Relaxed));
    println!("  request log kept               {:>9}", server.requests().len());
    for (kind, count) in &fired {
        println!("  fault {kind:<24} {count:>9}");
    }
    println!("  faulted answers read by client {:>9}", faulted_received.load(Ordering::Relaxed));
    println!(
        "  faulted answers never read     {:>9}",
        observed.faulted.lock().unwrap_or_else(PoisonError::into_inner).len()
    );
    println!("RSS at end                       {:>9} KiB", rss_kib());
    if failed {
        println!("FAILED: a must-be-zero counter is not zero");
        ExitCode::from(1)
    } else {
        println!("OK: 0 panics, 0 calls over their deadline, 0 faulted answers accepted");
        ExitCode::SUCCESS
    }
}
