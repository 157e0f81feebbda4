//! [`RetryPolicy`] and the one place that decides whether a failed attempt is sent again
//! (protocol §7.3).

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode, header::RETRY_AFTER};

use crate::{Error, error::TransportErrorKind};

/// How a [`Client`](crate::Client) retries a failed call.
///
/// What is retried follows WeChat Pay's guidance (protocol §7.3) and is decided per endpoint:
///
/// | failure | retried for |
/// | --- | --- |
/// | connection not established (refused, reset before sending, DNS) | every method |
/// | `429` (`FREQUENCY_LIMITED`): the request was refused, not processed | every method, after `Retry-After` or backoff |
/// | `5xx`, timeouts, a connection broken after sending | `GET`, and endpoints declared `idempotent` ("原参重入") |
/// | other `4xx`, verification and decoding failures | never |
///
/// Every attempt is signed afresh (new nonce and timestamp) over the byte-identical target and
/// body. Connection failures and timeouts of retryable requests move to the backup host
/// ([`ClientBuilder::backup_base_url`](crate::ClientBuilder::backup_base_url)) for the next
/// attempt; an answer the primary gave never does. All attempts and waits fit in the client's
/// per-call [`timeout`](crate::ClientBuilder::timeout): a wait that would pass it ends the call
/// with the last error.
///
/// The default: 3 attempts, backoff from 200 ms doubling up to 2 s with jitter (each wait is
/// drawn between half and all of its step), `Retry-After` honoured up to 10 s.
///
/// ```
/// use std::time::Duration;
/// use wxpay_core::RetryPolicy;
///
/// let policy = RetryPolicy::default().max_attempts(5).max_backoff(Duration::from_secs(4));
/// assert_eq!(policy.attempts(), 5);
/// assert_eq!(RetryPolicy::none().attempts(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The most attempts a policy allows.
    pub const MAX_ATTEMPTS: u32 = 10;

    /// No retries: every call is sent once.
    #[must_use]
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// Attempts per call including the first (1 = no retry), clamped to `1..=10`.
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.clamp(1, Self::MAX_ATTEMPTS);
        self
    }

    /// The wait before the first retry; it doubles for each further one.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between two attempts without `Retry-After`.
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` honoured; a longer one is cut to this.
    #[must_use]
    pub fn max_retry_after(mut self, cap: Duration) -> Self {
        self.max_retry_after = cap;
        self
    }

    /// Attempts per call including the first.
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before attempt `next` (2 for the first retry), jittered by `unit` in `[0, 1]`.
    pub(crate) fn backoff(&self, next: u32, unit: f64) -> Duration {
        let doublings = next.saturating_sub(2).min(16);
        let step = self.initial_backoff.saturating_mul(1 << doublings).min(self.max_backoff);
        step.mul_f64(0.5 + 0.5 * unit.clamp(0.0, 1.0))
    }

    /// The wait a `Retry-After` header asks for, capped.
    pub(crate) fn retry_after(&self, headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
        retry_after(headers, now).map(|wait| wait.min(self.max_retry_after))
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Give up: the failure is final (or the request may have been processed).
    Stop,
    /// Send again to the same host (the host answered).
    Retry,
    /// Send again, to the other host: no answer came from this one.
    Failover,
}

/// The retry rule of protocol §7.3 for one failed attempt of a call that is `idempotent`
/// (a `GET`, or declared so).
pub(crate) fn verdict(error: &Error, idempotent: bool) -> Verdict {
    match error {
        Error::Transport(err) => match err.kind() {
            TransportErrorKind::Connect => Verdict::Failover,
            TransportErrorKind::Timeout if idempotent => Verdict::Failover,
            TransportErrorKind::Other if idempotent => Verdict::Retry,
            _ => Verdict::Stop,
        },
        Error::Api { status, .. } if *status == StatusCode::TOO_MANY_REQUESTS => Verdict::Retry,
        Error::Api { status, .. } if status.is_server_error() && idempotent => Verdict::Retry,
        _ => Verdict::Stop,
    }
}

/// `Retry-After` as delta-seconds or an HTTP date.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A uniform number in `[0, 1]` from the OS RNG (0.5 if it fails: jitter is not security).
pub(crate) fn jitter_unit() -> f64 {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX)
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;
    use crate::error::TransportError;

    fn api(status: u16) -> Error {
        Error::Api {
            status: StatusCode::from_u16(status).unwrap(),
            code: String::new(),
            message: String::new(),
            detail: None,
            request_id: None,
        }
    }

    fn transport(kind: TransportErrorKind) -> Error {
        TransportError::from_kind(kind).into()
    }

    #[test]
    fn the_rules_of_section_7_3() {
        use TransportErrorKind::{BodyTooLarge, Connect, Other, Timeout};
        for idempotent in [false, true] {
            assert_eq!(verdict(&transport(Connect), idempotent), Verdict::Failover);
            assert_eq!(verdict(&api(429), idempotent), Verdict::Retry);
            assert_eq!(verdict(&transport(BodyTooLarge), idempotent), Verdict::Stop);
            for status in [400, 401, 403, 404, 409] {
                assert_eq!(verdict(&api(status), idempotent), Verdict::Stop, "{status}");
            }
        }
        assert_eq!(verdict(&transport(Timeout), true), Verdict::Failover);
        assert_eq!(verdict(&transport(Timeout), false), Verdict::Stop);
        assert_eq!(verdict(&transport(Other), true), Verdict::Retry);
        assert_eq!(verdict(&transport(Other), false), Verdict::Stop);
        for status in [500, 502, 503, 504] {
            assert_eq!(verdict(&api(status), true), Verdict::Retry);
            assert_eq!(verdict(&api(status), false), Verdict::Stop);
        }
        let verify = Error::Verify { source: crate::VerifyError::BadSignature, request_id: None };
        assert_eq!(verdict(&verify, true), Verdict::Stop);
    }

    #[test]
    fn backoff_doubles_within_bounds() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(2, 1.0), Duration::from_millis(200));
        assert_eq!(p.backoff(2, 0.0), Duration::from_millis(100));
        assert_eq!(p.backoff(3, 1.0), Duration::from_millis(400));
        assert_eq!(p.backoff(4, 1.0), Duration::from_millis(800));
        assert_eq!(p.backoff(9, 1.0), Duration::from_secs(2));
        assert_eq!(p.backoff(u32::MAX, 1.0), Duration::from_secs(2));
        for _ in 0..1000 {
            let d = p.backoff(3, jitter_unit());
            assert!(d >= Duration::from_millis(200) && d <= Duration::from_millis(400), "{d:?}");
        }
    }

    #[test]
    fn retry_after_seconds_and_dates_capped() {
        let p = RetryPolicy::default();
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut h = HeaderMap::new();
        assert_eq!(p.retry_after(&h, now), None);
        h.insert(RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(p.retry_after(&h, now), Some(Duration::from_secs(3)));
        h.insert(RETRY_AFTER, "86400".parse().unwrap());
        assert_eq!(p.retry_after(&h, now), Some(Duration::from_secs(10)));
        h.insert(
            RETRY_AFTER,
            httpdate::fmt_http_date(now + Duration::from_secs(5)).parse().unwrap(),
        );
        assert_eq!(p.retry_after(&h, now), Some(Duration::from_secs(5)));
        h.insert(
            RETRY_AFTER,
            httpdate::fmt_http_date(now - Duration::from_secs(5)).parse().unwrap(),
        );
        assert_eq!(p.retry_after(&h, now), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(p.retry_after(&h, now), None);
    }

    #[test]
    fn attempts_are_clamped() {
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
        assert_eq!(RetryPolicy::default().max_attempts(99).attempts(), 10);
    }
}
