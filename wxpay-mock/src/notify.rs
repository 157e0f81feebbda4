//! Notification delivery (protocol §5.1, §9.5): a signed envelope whose `resource` is the
//! event's JSON encrypted with the APIv3 key, sent with `POST` to the `notify_url`, retried on
//! failure
//! along a schedule, every attempt recorded.

use std::{
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, SystemTime},
};

use http::HeaderValue;
use serde::Serialize;
use serde_json::{Value, json};

use crate::{Shared, signing::Deviation, util};

/// When failed deliveries are tried again: the delay before each retry.
///
/// The default is short for tests: 100 ms, 200 ms, 400 ms, 800 ms (five attempts in all).
/// WeChat Pay itself retries over about 24 hours: [`RetrySchedule::wechat`], the default of
/// the `wxpay-mock` binary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetrySchedule(pub Vec<Duration>);

impl Default for RetrySchedule {
    fn default() -> Self {
        Self([100, 200, 400, 800].into_iter().map(Duration::from_millis).collect())
    }
}

impl RetrySchedule {
    /// WeChat Pay's schedule: 15 s, 15 s, 30 s, 3 min, 10 min, 20 min, 30 min, 30 min,
    /// 30 min, 60 min, 3 h, 3 h, 3 h, 6 h, 6 h (16 attempts over 24 h 4 min), as its
    /// notification pages document ("通知频率为15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h").
    #[must_use]
    pub fn wechat() -> Self {
        const M: u64 = 60;
        const H: u64 = 3600;
        Self(
            [
                15,
                15,
                30,
                3 * M,
                10 * M,
                20 * M,
                30 * M,
                30 * M,
                30 * M,
                H,
                3 * H,
                3 * H,
                3 * H,
                6 * H,
                6 * H,
            ]
            .into_iter()
            .map(Duration::from_secs)
            .collect(),
        )
    }

    /// No retries: one attempt only.
    #[must_use]
    pub fn none() -> Self {
        Self(Vec::new())
    }
}

/// One notification and its delivery attempts.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Delivery {
    /// The envelope `id`.
    pub id: String,
    /// `PAYSCORE.USER_CONFIRM`, `PAYSCORE.USER_PAID`, …
    pub event_type: String,
    /// Where it is sent.
    pub url: String,
    /// The decrypted resource (what the receiver should decode). Test data only.
    pub resource: Value,
    /// The attempts so far.
    pub attempts: Vec<Attempt>,
    /// Whether an attempt was answered with a 2xx.
    pub delivered: bool,
    /// Whether delivery is over (delivered, or the schedule is exhausted).
    pub finished: bool,
}

/// One delivery attempt.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Attempt {
    /// When it was sent.
    #[serde(with = "unix_millis")]
    pub at: SystemTime,
    /// The receiver's HTTP status, if it answered.
    pub status: Option<u16>,
    /// The receiver's answer body (truncated to 4 KiB), or the transport error.
    pub answer: String,
}

mod unix_millis {
    use std::time::{SystemTime, UNIX_EPOCH};

    use serde::Serializer;

    pub(super) fn serialize<S: Serializer>(t: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        let ms = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        s.serialize_u64(u64::try_from(ms).unwrap_or(u64::MAX))
    }
}

/// How many notifications are kept for inspection: past it, the oldest finished ones are
/// forgotten (those still being delivered are kept).
pub const MAX_DELIVERIES: usize = 10_000;

/// The deliveries made so far.
#[derive(Debug, Default)]
pub(crate) struct Deliveries {
    list: Mutex<Vec<Delivery>>,
}

impl Deliveries {
    pub(crate) fn snapshot(&self) -> Vec<Delivery> {
        self.list.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn push(&self, delivery: Delivery) {
        let mut list = self.list.lock().unwrap_or_else(PoisonError::into_inner);
        if list.len() >= MAX_DELIVERIES {
            // Forget the oldest finished tenth at once, so that the work is spread out.
            let mut excess = MAX_DELIVERIES / 10;
            list.retain(|d| {
                let forget = excess > 0 && d.finished;
                excess -= usize::from(forget);
                !forget
            });
        }
        list.push(delivery);
    }

    fn update(&self, id: &str, f: impl FnOnce(&mut Delivery)) {
        let mut list = self.list.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(d) = list.iter_mut().find(|d| d.id == id) {
            f(d);
        }
    }
}

/// A notification to send.
#[derive(Debug)]
pub(crate) struct Event {
    pub(crate) kind: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) url: String,
    pub(crate) resource: Value,
}

/// Records the event and spawns its delivery.
pub(crate) fn send(shared: &Arc<Shared>, event: Event) {
    let id = util::notification_id();
    shared.deliveries.push(Delivery {
        id: id.clone(),
        event_type: event.kind.to_owned(),
        url: event.url.clone(),
        resource: event.resource.clone(),
        attempts: Vec::new(),
        delivered: false,
        finished: false,
    });
    let shared_task = Arc::clone(shared);
    let mut shutdown = shared.shutdown.clone();
    shared.runtime.spawn(async move {
        tokio::select! {
            () = deliver(&shared_task, &id, event) => {}
            _ = shutdown.wait_for(|stopped| *stopped) => {}
        }
    });
}

async fn deliver(shared: &Shared, id: &str, event: Event) {
    let plaintext = event.resource.to_string();
    let nonce = util::random_alnum(12);
    let resource = match shared.api_v3_key.encrypt(&nonce, "payscore", plaintext.as_bytes()) {
        Ok(resource) => resource.with_original_type("payscore"),
        Err(err) => {
            tracing::warn!(error = %err, "cannot encrypt a notification");
            shared.deliveries.update(id, |d| d.finished = true);
            return;
        }
    };
    let envelope = json!({
        "id": id,
        "create_time": util::rfc3339(util::unix_now()),
        "resource_type": "encrypt-resource",
        "event_type": event.kind,
        "summary": event.summary,
        "resource": resource,
    });
    let body = envelope.to_string().into_bytes();
    let schedule = shared.config.retry_schedule.0.clone();
    for attempt in 0..=schedule.len() {
        // Each attempt is signed afresh, like WeChat Pay's retries.
        let (headers, body) = shared.signer().sign(body.clone(), Deviation::default());
        let mut request = shared
            .http
            .post(&event.url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::USER_AGENT, "Mozilla/4.0 (wxpay-mock)")
            .header("Request-ID", HeaderValue::from_str(id).unwrap_or(HeaderValue::from_static("")))
            .body(body);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let at = SystemTime::now();
        let (status, answer) = match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let text = response.text().await.unwrap_or_default();
                (Some(status), text.chars().take(4096).collect())
            }
            Err(err) => (None, error_chain(&err)),
        };
        let delivered = status.is_some_and(|s| (200..300).contains(&s));
        let last = attempt == schedule.len();
        shared.deliveries.update(id, |d| {
            d.attempts.push(Attempt { at, status, answer });
            d.delivered = delivered;
            d.finished = delivered || last;
        });
        if delivered || last {
            return;
        }
        tokio::time::sleep(schedule[attempt]).await;
    }
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
