//! One call: attempts under the call's deadline, retries and failover by [`RetryPolicy`], a
//! tracing span, and verification of the answer. `#[endpoint]` structs and the template
//! builder both end here.

use std::{
    sync::atomic::{AtomicU32, Ordering},
    time::{Instant, SystemTime},
};

use http::StatusCode;
use tracing::{Instrument as _, field::Empty};

use super::{Client, Host, RetryPolicy, decode_verified, retry, successful};
use crate::{
    Error, FromResponse, Method,
    error::{BuildError, TransportError, TransportErrorKind},
    sign,
    transport::Transport,
    trust::unix_now,
};

/// A request ready to be signed for either host: what every attempt sends, byte for byte.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    /// The method.
    pub(crate) method: Method,
    /// The path template, for logs (never the filled path: it may hold an openid).
    pub(crate) template: &'a str,
    /// `path?query` relative to the API root (no leading `/`), percent-encoded.
    pub(crate) target: String,
    /// The body bytes (empty for `GET`/`DELETE`).
    pub(crate) body: Vec<u8>,
    /// `Wechatpay-Serial` for encrypted fields, fixed for all attempts.
    pub(crate) serial: Option<String>,
    /// `GET`, or declared idempotent: 5xx and timeouts may be retried.
    pub(crate) idempotent: bool,
}

/// A verified 2xx answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) body: Vec<u8>,
    pub(crate) request_id: Option<String>,
}

impl Answer {
    /// Decodes the verified body.
    pub(crate) fn decode<R: FromResponse>(self) -> Result<R, Error> {
        decode_verified(self.status, &self.body, self.request_id, Ok(()))
    }
}

/// A failed attempt and the `Retry-After` its answer asked for.
struct Failed {
    error: Error,
    retry_after: Option<std::time::Duration>,
}

impl<E: Into<Error>> From<E> for Failed {
    fn from(error: E) -> Self {
        Self { error: error.into(), retry_after: None }
    }
}

impl<T: Transport> Client<T> {
    /// Builds the call with `build` (after the certificates it may encrypt to are there),
    /// sends it until it succeeds, fails for good, runs out of attempts or of time, and
    /// returns the verified answer. The client's timeout covers all of it.
    pub(crate) async fn run<'a>(
        &self,
        build: impl FnOnce() -> Result<Call<'a>, Error>,
    ) -> Result<Answer, Error> {
        let started = Instant::now();
        let deadline = tokio::time::Instant::now() + self.inner.timeout;
        let timed_out = || Error::from(TransportError::from_kind(TransportErrorKind::Timeout));
        tokio::time::timeout_at(deadline, self.ensure_certificates())
            .await
            .map_err(|_| timed_out())??;
        let call = build()?;
        let span = tracing::info_span!(
            "wxpay.request",
            method = call.method.as_str(),
            path = call.template,
            attempt = Empty,
            status = Empty,
            request_id = Empty,
            elapsed_ms = Empty,
        );
        let attempts = AtomicU32::new(0);
        let outcome = tokio::time::timeout_at(deadline, self.attempts(&call, deadline, &attempts))
            .instrument(span.clone())
            .await;
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        span.record("elapsed_ms", elapsed_ms);
        let made = attempts.load(Ordering::Relaxed);
        if let Ok(result) = outcome {
            return result;
        }
        span.in_scope(|| tracing::warn!(attempts = made, "call deadline reached"));
        Err(with_attempts(timed_out(), made))
    }

    async fn attempts(
        &self,
        call: &Call<'_>,
        deadline: tokio::time::Instant,
        counter: &AtomicU32,
    ) -> Result<Answer, Error> {
        let policy: RetryPolicy = self.retry;
        let mut on_backup = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            counter.store(attempt, Ordering::Relaxed);
            tracing::Span::current().record("attempt", attempt);
            let host = match (&self.inner.backup, on_backup) {
                (Some(backup), true) => backup,
                _ => &self.inner.primary,
            };
            let Failed { error, retry_after } = match self.attempt(call, host, deadline).await {
                Ok(answer) => return Ok(answer),
                Err(failed) => failed,
            };
            let verdict = retry::verdict(&error, call.idempotent);
            if verdict == retry::Verdict::Stop || attempt >= policy.attempts() {
                return Err(with_attempts(error, attempt));
            }
            let wait =
                retry_after.unwrap_or_else(|| policy.backoff(attempt + 1, retry::jitter_unit()));
            if tokio::time::Instant::now() + wait >= deadline {
                tracing::debug!(attempt, reason = %Reason(&error), "no time left for a retry");
                return Err(with_attempts(error, attempt));
            }
            if verdict == retry::Verdict::Failover && self.inner.backup.is_some() {
                on_backup = !on_backup;
                tracing::info!(
                    attempt,
                    reason = %Reason(&error),
                    to = if on_backup { "backup" } else { "primary" },
                    "failing over"
                );
            }
            let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            tracing::info!(attempt, reason = %Reason(&error), wait_ms, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt, signed afresh, within what is left of the deadline.
    async fn attempt(
        &self,
        call: &Call<'_>,
        host: &Host,
        deadline: tokio::time::Instant,
    ) -> Result<Answer, Failed> {
        let nonce = sign::nonce().map_err(BuildError::Random)?;
        let request = self.sign_call(call, host, unix_now(), &nonce)?;
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let response = self.send_once(request, self.inner.attempt_timeout.min(left)).await?;
        let span = tracing::Span::current();
        span.record("status", response.status().as_u16());
        let retry_after = self.retry.retry_after(response.headers(), SystemTime::now());
        let (parts, body, request_id) =
            successful(response).map_err(|error| Failed { error, retry_after })?;
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        let mut verified = self.verify_response(&parts.headers, &body);
        if self.refetched_after(verified.as_ref().err()).await {
            verified = self.verify_response(&parts.headers, &body);
        }
        if let Err(source) = verified {
            tracing::warn!(error = %source, "response rejected");
            return Err(Error::Verify { source, request_id }.into());
        }
        Ok(Answer { status: parts.status, body, request_id })
    }
}

/// `error` as it ends a call of `attempts` attempts.
fn with_attempts(error: Error, attempts: u32) -> Error {
    if attempts > 1 { Error::Retried { attempts, last: Box::new(error) } } else { error }
}

/// A short reason for logs: the class and status of an error, never message text (WeChat's
/// messages can echo request values).
struct Reason<'a>(&'a Error);

impl std::fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Error::Transport(e) => write!(f, "transport: {}", e.kind()),
            Error::Api { status, code, .. } => write!(f, "HTTP {} {code}", status.as_u16()),
            other => write!(f, "{}", kind_name(other)),
        }
    }
}

fn kind_name(error: &Error) -> &'static str {
    match error {
        Error::Build(_) => "build",
        Error::Config(_) => "config",
        Error::Verify { .. } => "verify",
        Error::Decode { .. } => "decode",
        Error::Decrypt(_) => "decrypt",
        Error::Certificate(_) => "certificate",
        _ => "other",
    }
}
