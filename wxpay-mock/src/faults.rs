//! Deterministic fault injection: latency, error answers, dropped connections and broken
//! signatures, per route, drawn from a seeded generator.
//!
//! ```
//! use std::time::Duration;
//! use wxpay_mock::Fault;
//! use wxpay_payscore::partner::service_order::CompletePartnerServiceOrder;
//!
//! // The next complete answers 500 SYSTEM_ERROR; every other request is untouched.
//! let fault = Fault::server_error().on::<CompletePartnerServiceOrder>().times(1);
//! // A third of all answers are delayed by 50 ms (which third depends on the seed only).
//! let slow = Fault::latency(Duration::from_millis(50)).probability(1.0 / 3.0);
//! # let _ = (fault, slow);
//! ```

use std::{
    collections::{BTreeMap, VecDeque},
    hash::{Hash as _, Hasher as _},
    time::Duration,
};

use serde::{Deserialize, Serialize};
use wxpay_core::Endpoint;

/// The longest latency one rule may inject, and the longest total delay of one request:
/// 10 minutes. Longer values are refused by [`Fault::check`] (and `POST /__mock/faults`
/// answers `400`); [`MockServer::add_fault`](crate::MockServer::add_fault) clamps them.
pub const MAX_LATENCY: Duration = Duration::from_secs(600);

/// The largest `Retry-After` of a rate-limit fault: one day, in seconds.
pub const MAX_RETRY_AFTER: u64 = 86_400;

/// How many distinct requests a [`Fault::first_attempts`] rule remembers; older ones are
/// forgotten (their next attempt counts as a first one again).
pub const FIRST_ATTEMPTS_MEMORY: usize = 65_536;

/// What goes wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FaultKind {
    /// Answer only after this delay (milliseconds on the wire).
    Latency {
        /// The delay.
        #[serde(with = "millis")]
        delay: Duration,
    },
    /// Answer with this 5xx status and `SYSTEM_ERROR` (500) or `SERVICE_UNAVAILABLE`
    /// (otherwise), before processing the request.
    ServerError {
        /// The status, 500 to 599.
        status: u16,
    },
    /// Answer `429 FREQUENCY_LIMITED` (WeChat's error JSON) before processing the request,
    /// with a `Retry-After` header when `retry_after` is given.
    RateLimited {
        /// `Retry-After` in seconds (at most [`MAX_RETRY_AFTER`]); no header when `None`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
    /// Close the connection without an answer, before processing the request.
    DropConnection,
    /// Process the request (its effects happen), then close the connection without an
    /// answer: the ambiguous failure after which a client should query before retrying.
    DropAfterProcessing,
    /// Alter the answer after signing it.
    TamperBody,
    /// Sign with a timestamp ten minutes old.
    StaleTimestamp,
    /// Name an unknown key in `Wechatpay-Serial`.
    UnknownSerial,
    /// Send the answer without any `Wechatpay-*` signature header.
    Unsigned,
    /// Send a `WECHATPAY/SIGNTEST/…` probe signature.
    SignatureProbe,
}

mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

/// A fault rule: what, where (method and path template, or everywhere), how often.
///
/// Rules are evaluated for every request to the WeChat Pay API (not the `/__mock` control
/// routes), in the order they were added; several may fire for one request (e.g. latency
/// and a tampered body).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// What goes wrong.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// Only requests with this method (`GET`, `POST`, …); any when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Only requests routed to this path template (as in `Endpoint::PATH_TEMPLATE`, or
    /// `v3/certificates`); any when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Let this many matching requests through first.
    #[serde(default)]
    pub skip: u32,
    /// Fire at most this many times; unlimited when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Chance of firing for a matching request, drawn from the seeded generator.
    #[serde(default = "one")]
    pub probability: f64,
    /// Fire only on the first this-many attempts of each distinct request (same method,
    /// target and body, as a client's retries are): later attempts pass. `None`: every
    /// matching request may fire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_attempts: Option<u32>,
}

fn one() -> f64 {
    1.0
}

impl Fault {
    /// A rule firing `kind` on every request.
    #[must_use]
    pub fn new(kind: FaultKind) -> Self {
        Self {
            kind,
            method: None,
            template: None,
            skip: 0,
            times: None,
            probability: 1.0,
            first_attempts: None,
        }
    }

    /// Delay the answer.
    #[must_use]
    pub fn latency(delay: Duration) -> Self {
        Self::new(FaultKind::Latency { delay })
    }

    /// `500 SYSTEM_ERROR` before processing.
    #[must_use]
    pub fn server_error() -> Self {
        Self::new(FaultKind::ServerError { status: 500 })
    }

    /// `status` (5xx) before processing.
    #[must_use]
    pub fn server_error_status(status: u16) -> Self {
        Self::new(FaultKind::ServerError { status })
    }

    /// `429 FREQUENCY_LIMITED` before processing, without `Retry-After`.
    #[must_use]
    pub fn rate_limited() -> Self {
        Self::new(FaultKind::RateLimited { retry_after: None })
    }

    /// `429 FREQUENCY_LIMITED` before processing, with `Retry-After: seconds`.
    #[must_use]
    pub fn rate_limited_retry_after(seconds: u64) -> Self {
        Self::new(FaultKind::RateLimited { retry_after: Some(seconds) })
    }

    /// Close the connection without answering, before processing.
    #[must_use]
    pub fn drop_connection() -> Self {
        Self::new(FaultKind::DropConnection)
    }

    /// Process, then close the connection without answering.
    #[must_use]
    pub fn drop_after_processing() -> Self {
        Self::new(FaultKind::DropAfterProcessing)
    }

    /// Alter the answer after signing.
    #[must_use]
    pub fn tamper_body() -> Self {
        Self::new(FaultKind::TamperBody)
    }

    /// Sign with a stale timestamp.
    #[must_use]
    pub fn stale_timestamp() -> Self {
        Self::new(FaultKind::StaleTimestamp)
    }

    /// Name an unknown key.
    #[must_use]
    pub fn unknown_serial() -> Self {
        Self::new(FaultKind::UnknownSerial)
    }

    /// Answer without signature headers.
    #[must_use]
    pub fn unsigned() -> Self {
        Self::new(FaultKind::Unsigned)
    }

    /// Answer with a `WECHATPAY/SIGNTEST/` probe signature.
    #[must_use]
    pub fn signature_probe() -> Self {
        Self::new(FaultKind::SignatureProbe)
    }

    /// Only for endpoint `E` (its method and `PATH_TEMPLATE`).
    #[must_use]
    pub fn on<E: Endpoint>(mut self) -> Self {
        self.method = Some(E::METHOD.as_str().to_owned());
        self.template = Some(E::PATH_TEMPLATE.to_owned());
        self
    }

    /// Only for requests routed to `template` (any method).
    #[must_use]
    pub fn on_template(mut self, template: impl Into<String>) -> Self {
        self.template = Some(template.into());
        self
    }

    /// Fire at most `n` times.
    #[must_use]
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Let `n` matching requests through first.
    #[must_use]
    pub fn skip(mut self, n: u32) -> Self {
        self.skip = n;
        self
    }

    /// Fire with probability `p` (0 to 1) for each matching request.
    #[must_use]
    pub fn probability(mut self, p: f64) -> Self {
        self.probability = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        self
    }

    /// "The first `k` answers fail": fire only on the first `k` attempts of each distinct
    /// request (same method, target and body); the client's later retries of it succeed.
    /// With `k` at least the client's attempt limit, every call fails.
    #[must_use]
    pub fn first_attempts(mut self, k: u32) -> Self {
        self.first_attempts = Some(k);
        self
    }

    /// Whether the rule is usable: latency at most [`MAX_LATENCY`], a 5xx status,
    /// `Retry-After` at most [`MAX_RETRY_AFTER`], a probability between 0 and 1.
    ///
    /// # Errors
    ///
    /// The reason, in words, when it is not.
    pub fn check(&self) -> Result<(), String> {
        match &self.kind {
            FaultKind::Latency { delay } if *delay > MAX_LATENCY => {
                return Err(format!(
                    "latency {} ms is more than the maximum of {} ms",
                    delay.as_millis(),
                    MAX_LATENCY.as_millis()
                ));
            }
            FaultKind::ServerError { status } if !(500..=599).contains(status) => {
                return Err(format!("server_error status {status} is not 500 to 599"));
            }
            FaultKind::RateLimited { retry_after: Some(s) } if *s > MAX_RETRY_AFTER => {
                return Err(format!(
                    "retry_after {s} s is more than the maximum of {MAX_RETRY_AFTER} s"
                ));
            }
            _ => {}
        }
        if !(0.0..=1.0).contains(&self.probability) {
            return Err(format!("probability {} is not between 0 and 1", self.probability));
        }
        Ok(())
    }

    /// The rule with out-of-range values brought into range (see [`Fault::check`]).
    #[must_use]
    pub fn clamped(mut self) -> Self {
        match &mut self.kind {
            FaultKind::Latency { delay } => *delay = (*delay).min(MAX_LATENCY),
            FaultKind::ServerError { status } => *status = (*status).clamp(500, 599),
            FaultKind::RateLimited { retry_after: Some(s) } => *s = (*s).min(MAX_RETRY_AFTER),
            _ => {}
        }
        let p = self.probability;
        self.probability(p)
    }

    fn matches(&self, method: &str, template: Option<&str>) -> bool {
        self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.template.as_deref().is_none_or(|t| template == Some(t.trim_start_matches('/')))
    }
}

/// The total delay of the latency faults that fired, at most [`MAX_LATENCY`].
pub(crate) fn total_delay(faults: &[FaultKind]) -> Duration {
    faults
        .iter()
        .filter_map(|f| match f {
            FaultKind::Latency { delay } => Some(*delay),
            _ => None,
        })
        .fold(Duration::ZERO, Duration::saturating_add)
        .min(MAX_LATENCY)
}

/// What identifies "the same request" for [`Fault::first_attempts`].
pub(crate) fn request_key(method: &str, target: &str, body: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    method.hash(&mut hasher);
    target.hash(&mut hasher);
    body.hash(&mut hasher);
    hasher.finish()
}

/// Attempts seen per (rule, request), bounded to [`FIRST_ATTEMPTS_MEMORY`] entries.
#[derive(Debug, Default)]
struct Attempts {
    counts: BTreeMap<(usize, u64), u32>,
    order: VecDeque<(usize, u64)>,
}

impl Attempts {
    /// Counts one more attempt and returns how many there were before it.
    fn bump(&mut self, rule: usize, request: u64) -> u32 {
        let key = (rule, request);
        if let Some(count) = self.counts.get_mut(&key) {
            let before = *count;
            *count = count.saturating_add(1);
            return before;
        }
        while self.order.len() >= FIRST_ATTEMPTS_MEMORY {
            if let Some(old) = self.order.pop_front() {
                self.counts.remove(&old);
            }
        }
        self.counts.insert(key, 1);
        self.order.push_back(key);
        0
    }
}

/// The rules and the seeded generator.
#[derive(Debug)]
pub(crate) struct Faults {
    rules: Vec<Fault>,
    rng: SplitMix64,
    attempts: Attempts,
}

impl Faults {
    pub(crate) fn new(seed: u64, rules: Vec<Fault>) -> Self {
        Self {
            rules: rules.into_iter().map(Fault::clamped).collect(),
            rng: SplitMix64(seed),
            attempts: Attempts::default(),
        }
    }

    pub(crate) fn add(&mut self, fault: Fault) {
        self.rules.push(fault.clamped());
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
        self.attempts = Attempts::default();
    }

    pub(crate) fn rules(&self) -> Vec<Fault> {
        self.rules.clone()
    }

    /// The faults that fire for one request; `request` identifies it for
    /// [`Fault::first_attempts`] (see [`request_key`]).
    pub(crate) fn draw(
        &mut self,
        method: &str,
        template: Option<&str>,
        request: u64,
    ) -> Vec<FaultKind> {
        let mut fired = Vec::new();
        for (index, rule) in self.rules.iter_mut().enumerate() {
            if !rule.matches(method, template) || rule.times == Some(0) {
                continue;
            }
            if let Some(k) = rule.first_attempts
                && self.attempts.bump(index, request) >= k
            {
                continue;
            }
            if rule.skip > 0 {
                rule.skip -= 1;
                continue;
            }
            // Always draw, so that the sequence depends only on the seed and the requests.
            let roll = self.rng.next_f64();
            if roll >= rule.probability {
                continue;
            }
            if let Some(n) = &mut rule.times {
                *n = n.saturating_sub(1);
            }
            fired.push(rule.kind.clone());
        }
        fired
    }
}

/// `SplitMix64`: tiny, seedable, good enough to pick faults.
#[derive(Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn next_f64(&mut self) -> f64 {
        // 53 random bits in [0, 1).
        #[allow(clippy::cast_precision_loss)]
        let value = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_count_and_skip() {
        let mut faults = Faults::new(
            7,
            vec![Fault::server_error().on_template("v3/a").skip(1).times(2), Fault::unsigned()],
        );
        let kinds = |f: &mut Faults, t| f.draw("POST", Some(t), 0);
        assert_eq!(kinds(&mut faults, "v3/a"), vec![FaultKind::Unsigned]);
        assert_eq!(kinds(&mut faults, "v3/a").len(), 2);
        assert_eq!(kinds(&mut faults, "v3/b"), vec![FaultKind::Unsigned]);
        assert_eq!(kinds(&mut faults, "v3/a").len(), 2);
        assert_eq!(kinds(&mut faults, "v3/a"), vec![FaultKind::Unsigned]);
    }

    #[test]
    fn probability_is_seeded() {
        let run = |seed| {
            let mut faults = Faults::new(seed, vec![Fault::unsigned().probability(0.5)]);
            (0..64).map(|_| faults.draw("GET", None, 0).len()).collect::<Vec<_>>()
        };
        assert_eq!(run(1), run(1));
        assert_ne!(run(1), run(2));
        let fired: usize = run(3).iter().sum();
        assert!((16..48).contains(&fired), "{fired}");
    }

    #[test]
    fn serde_shape() {
        let fault = Fault::latency(Duration::from_millis(30)).on_template("v3/x").times(1);
        let json = serde_json::to_value(&fault).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"kind":"latency","delay":30,"template":"v3/x","skip":0,"times":1,"probability":1.0})
        );
        let back: Fault =
            serde_json::from_value(serde_json::json!({"kind":"drop_connection"})).expect("decode");
        assert_eq!(back, Fault::drop_connection());
    }

    #[test]
    fn absurd_values_are_refused_or_clamped_and_sums_never_overflow() {
        let huge = Fault::latency(Duration::MAX);
        assert!(huge.check().expect_err("too long").contains("latency"));
        assert!(Fault::latency(MAX_LATENCY).check().is_ok());
        assert!(Fault::server_error_status(404).check().is_err());
        assert!(Fault::rate_limited_retry_after(MAX_RETRY_AFTER + 1).check().is_err());
        let mut nan = Fault::unsigned();
        nan.probability = f64::NAN;
        assert!(nan.check().is_err());
        assert!(nan.clamped().probability.abs() < f64::EPSILON, "NaN clamps to 0");
        assert_eq!(huge.clone().clamped().kind, FaultKind::Latency { delay: MAX_LATENCY });
        // Even unclamped kinds sum without overflow, to at most MAX_LATENCY.
        let kinds = vec![FaultKind::Latency { delay: Duration::MAX }; 3];
        assert_eq!(total_delay(&kinds), MAX_LATENCY);
        let small = vec![FaultKind::Latency { delay: Duration::from_millis(5) }; 3];
        assert_eq!(total_delay(&small), Duration::from_millis(15));
        // Rules added through `Faults` are clamped.
        let mut faults = Faults::new(1, vec![huge.clone()]);
        faults.add(huge);
        let drawn = faults.draw("GET", None, 0);
        assert_eq!(drawn, vec![FaultKind::Latency { delay: MAX_LATENCY }; 2]);
        // `u64::MAX` milliseconds over the wire decode, then fail the check.
        let wire: Fault =
            serde_json::from_value(serde_json::json!({"kind":"latency","delay":u64::MAX}))
                .expect("decode");
        assert!(wire.check().is_err());
    }

    #[test]
    fn first_attempts_fail_per_distinct_request_and_later_ones_pass() {
        let mut faults = Faults::new(3, vec![Fault::server_error().first_attempts(2)]);
        let a = request_key("POST", "/v3/a", b"{}");
        let b = request_key("POST", "/v3/a", b"{\"x\":1}");
        assert_ne!(a, b);
        assert_eq!(faults.draw("POST", None, a).len(), 1);
        assert_eq!(faults.draw("POST", None, b).len(), 1);
        assert_eq!(faults.draw("POST", None, a).len(), 1);
        assert!(faults.draw("POST", None, a).is_empty(), "third attempt passes");
        assert_eq!(faults.draw("POST", None, b).len(), 1);
        assert!(faults.draw("POST", None, b).is_empty());
        // The memory is bounded.
        let mut faults = Faults::new(3, vec![Fault::unsigned().first_attempts(1)]);
        for i in 0..(FIRST_ATTEMPTS_MEMORY as u64 + 10) {
            assert_eq!(faults.draw("GET", None, i).len(), 1);
        }
        assert!(faults.attempts.counts.len() <= FIRST_ATTEMPTS_MEMORY);
        assert_eq!(faults.attempts.order.len(), faults.attempts.counts.len());
    }

    #[test]
    fn rate_limits_carry_retry_after_on_the_wire() {
        let fault = Fault::rate_limited_retry_after(3).first_attempts(1);
        let json = serde_json::to_value(&fault).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"kind":"rate_limited","retry_after":3,"skip":0,"probability":1.0,"first_attempts":1})
        );
        let plain: Fault =
            serde_json::from_value(serde_json::json!({"kind":"rate_limited"})).expect("decode");
        assert_eq!(plain, Fault::rate_limited());
    }
}
