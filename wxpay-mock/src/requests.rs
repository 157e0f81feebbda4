//! The log of requests received: a bounded ring buffer of [`RequestRecord`]s, recorded on
//! arrival and completed when answered, so that requests the client abandoned (e.g. during
//! injected latency) are reported too.

use std::{
    collections::VecDeque,
    fmt,
    sync::{Arc, Mutex, PoisonError},
};

use serde::Serialize;

use crate::faults::FaultKind;

/// How many records the log keeps by default; older ones are dropped first.
pub const DEFAULT_REQUEST_LOG_CAPACITY: usize = 10_000;

/// One request the simulated API received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RequestRecord {
    /// The arrival number: 0 for the first request the server received, then 1, 2, …
    pub seq: u64,
    /// `GET`, `POST`, …
    pub method: String,
    /// The raw request target (`/path?query`).
    pub target: String,
    /// The `Request-ID` of the answer (also set when no answer was sent).
    pub request_id: String,
    /// The answer's status; `None` when the connection was dropped (by a fault or by the
    /// client) before answering.
    pub status: Option<u16>,
    /// The error `code` of a non-2xx answer.
    pub code: Option<String>,
    /// The faults that fired.
    pub faults: Vec<FaultKind>,
    /// Whether the answer is over: sent, dropped by a fault, or abandoned by the client.
    pub finished: bool,
    /// Whether the client went away before the answer (e.g. timed out during latency).
    pub abandoned: bool,
}

impl RequestRecord {
    /// Whether the answer sent was altered by a fault so that a client must not accept it:
    /// tampered, stale, unknown serial, unsigned or a signature probe.
    #[must_use]
    pub fn answer_faulted(&self) -> bool {
        self.faults.iter().any(|f| {
            matches!(
                f,
                FaultKind::TamperBody
                    | FaultKind::StaleTimestamp
                    | FaultKind::UnknownSerial
                    | FaultKind::Unsigned
                    | FaultKind::SignatureProbe
            )
        })
    }
}

/// Called with every record once it is finished.
pub(crate) type Observer = Arc<dyn Fn(&RequestRecord) + Send + Sync>;

struct Inner {
    records: VecDeque<RequestRecord>,
    next_seq: u64,
}

/// The ring buffer.
pub(crate) struct RequestLog {
    inner: Mutex<Inner>,
    capacity: usize,
    observer: Option<Observer>,
}

impl fmt::Debug for RequestLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestLog").field("capacity", &self.capacity).finish_non_exhaustive()
    }
}

impl RequestLog {
    pub(crate) fn new(capacity: usize, observer: Option<Observer>) -> Self {
        Self {
            inner: Mutex::new(Inner { records: VecDeque::new(), next_seq: 0 }),
            capacity: capacity.max(1),
            observer,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a request on arrival; returns its sequence number.
    pub(crate) fn open(&self, method: &http::Method, target: &str, request_id: &str) -> u64 {
        let mut inner = self.lock();
        let seq = inner.next_seq;
        inner.next_seq += 1;
        while inner.records.len() >= self.capacity {
            inner.records.pop_front();
        }
        inner.records.push_back(RequestRecord {
            seq,
            method: method.to_string(),
            target: target.to_owned(),
            request_id: request_id.to_owned(),
            status: None,
            code: None,
            faults: Vec::new(),
            finished: false,
            abandoned: false,
        });
        seq
    }

    /// Changes record `seq` if it is still kept; returns a copy of it when `finish` ends it.
    fn update(&self, seq: u64, f: impl FnOnce(&mut RequestRecord)) -> Option<RequestRecord> {
        let mut inner = self.lock();
        let first = inner.records.front()?.seq;
        let index = usize::try_from(seq.checked_sub(first)?).ok()?;
        let record = inner.records.get_mut(index)?;
        f(record);
        record.finished.then(|| record.clone())
    }

    fn notify(&self, record: Option<RequestRecord>) {
        if let (Some(observer), Some(record)) = (&self.observer, record) {
            observer(&record);
        }
    }

    /// Every record kept, oldest first.
    pub(crate) fn snapshot(&self) -> Vec<RequestRecord> {
        self.lock().records.iter().cloned().collect()
    }

    /// How many requests arrived since the start (kept or not).
    pub(crate) fn received(&self) -> u64 {
        self.lock().next_seq
    }
}

/// A request being answered: finish it with [`Pending::finish`]; dropped unfinished (the
/// client went away and hyper dropped the handler), it is recorded as abandoned.
pub(crate) struct Pending {
    shared: Arc<crate::Shared>,
    seq: u64,
    done: bool,
}

impl Pending {
    pub(crate) fn open(
        shared: &Arc<crate::Shared>,
        method: &http::Method,
        target: &str,
        request_id: &str,
    ) -> Self {
        let seq = shared.requests.open(method, target, request_id);
        Self { shared: Arc::clone(shared), seq, done: false }
    }

    /// Notes the faults that fired.
    pub(crate) fn faults(&self, faults: &[FaultKind]) {
        self.shared.requests.update(self.seq, |r| r.faults = faults.to_vec());
    }

    /// The answer is over: `status` and `code` sent, or `None` when dropped by a fault.
    pub(crate) fn finish(mut self, status: Option<http::StatusCode>, code: Option<String>) {
        self.done = true;
        let log = &self.shared.requests;
        log.notify(log.update(self.seq, |r| {
            r.status = status.map(|s| s.as_u16());
            r.code = code;
            r.finished = true;
        }));
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            let log = &self.shared.requests;
            log.notify(log.update(self.seq, |r| {
                r.finished = true;
                r.abandoned = true;
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_keeps_the_newest_and_counts_all() {
        let log = RequestLog::new(3, None);
        for i in 0..5 {
            assert_eq!(log.open(&http::Method::GET, &format!("/v3/{i}"), "id"), i);
        }
        let kept: Vec<u64> = log.snapshot().iter().map(|r| r.seq).collect();
        assert_eq!(kept, vec![2, 3, 4]);
        assert_eq!(log.received(), 5);
        // An evicted record can no longer be updated; a kept one can.
        assert!(log.update(0, |r| r.finished = true).is_none());
        assert_eq!(log.update(3, |r| r.finished = true).map(|r| r.target), Some("/v3/3".into()));
    }
}
