//! The request nonces seen within the signature window, bounded.
//!
//! A nonce must be refused when used again while its timestamp is still acceptable (within
//! the clock-skew window of the server's time). Entries whose timestamp left the window are
//! forgotten (a request carrying that timestamp is refused as expired anyway). When more
//! than `capacity` nonces are within the window, the one with the oldest timestamp is
//! forgotten and every request signed at or before that timestamp is refused as expired from
//! then on: memory stays bounded and no replay is ever accepted. Nonces signed within the
//! last two seconds are never forgotten for room (that would refuse fresh requests), so the
//! store may briefly hold `capacity` plus two seconds' worth of requests.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{Mutex, PoisonError},
};

/// How many nonces the simulator keeps by default.
pub const DEFAULT_NONCE_CAPACITY: usize = 100_000;

/// Why a nonce was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Seen before, within the window.
    Replay,
    /// Its timestamp is at or before the oldest forgotten one: it cannot be checked.
    Expired,
}

#[derive(Debug, Default)]
struct Inner {
    seen: BTreeMap<String, i64>,
    by_time: BTreeSet<(i64, String)>,
    /// Requests signed at or before this time are refused (nonces forgotten for room).
    horizon: Option<i64>,
}

/// The bounded nonce store.
#[derive(Debug)]
pub(crate) struct NonceStore {
    inner: Mutex<Inner>,
    window: i64,
    capacity: usize,
}

impl NonceStore {
    /// Keeps nonces whose timestamp is within `window` seconds of now, at most `capacity`.
    pub(crate) fn new(window: i64, capacity: usize) -> Self {
        Self { inner: Mutex::new(Inner::default()), window, capacity: capacity.max(1) }
    }

    /// Records `nonce` signed at `timestamp` (both already checked), at time `now`.
    pub(crate) fn insert(&self, nonce: &str, timestamp: i64, now: i64) -> Result<(), Refused> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let oldest_valid = now.saturating_sub(self.window);
        while let Some(first) = inner.by_time.first() {
            if first.0 >= oldest_valid {
                break;
            }
            if let Some((_, key)) = inner.by_time.pop_first() {
                inner.seen.remove(&key);
            }
        }
        if inner.horizon.is_some_and(|h| timestamp <= h) {
            return Err(Refused::Expired);
        }
        if inner.seen.contains_key(nonce) {
            return Err(Refused::Replay);
        }
        inner.seen.insert(nonce.to_owned(), timestamp);
        inner.by_time.insert((timestamp, nonce.to_owned()));
        let recent = now.saturating_sub(1);
        while inner.seen.len() > self.capacity
            && inner.by_time.first().is_some_and(|(at, _)| *at < recent)
        {
            let Some((at, key)) = inner.by_time.pop_first() else { break };
            inner.seen.remove(&key);
            inner.horizon = Some(inner.horizon.map_or(at, |h| h.max(at)));
        }
        Ok(())
    }

    /// How many nonces are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner).seen.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replays_are_refused_within_the_window_and_forgotten_after() {
        let store = NonceStore::new(300, 100);
        assert_eq!(store.insert("a", 1_000, 1_000), Ok(()));
        assert_eq!(store.insert("a", 1_000, 1_200), Err(Refused::Replay));
        assert_eq!(store.insert("a", 1_100, 1_299), Err(Refused::Replay));
        // After the window the entry is gone (a request with that timestamp is stale anyway).
        assert_eq!(store.insert("b", 1_400, 1_400), Ok(()));
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn a_full_store_stays_bounded_and_never_accepts_a_replay() {
        let store = NonceStore::new(300, 3);
        for (i, nonce) in ["n0", "n1", "n2", "n3", "n4"].iter().enumerate() {
            let ts = 1_000 + i64::try_from(i).expect("small");
            assert_eq!(store.insert(nonce, ts, 1_010), Ok(()), "{nonce}");
        }
        assert_eq!(store.len(), 3);
        // n0 and n1 were forgotten: replaying them is refused as expired, not accepted.
        assert_eq!(store.insert("n0", 1_000, 1_010), Err(Refused::Expired));
        assert_eq!(store.insert("n1", 1_001, 1_010), Err(Refused::Expired));
        assert_eq!(store.insert("n4", 1_004, 1_010), Err(Refused::Replay));
        // A fresh request signed after the horizon is accepted.
        assert_eq!(store.insert("n5", 1_010, 1_010), Ok(()));
        assert_eq!(store.len(), 3);
        // Fresh nonces (this second and the last) are not forgotten for room: no fresh
        // request is refused, and the excess goes once they are older.
        for nonce in ["f0", "f1", "f2", "f3"] {
            assert_eq!(store.insert(nonce, 1_010, 1_010), Ok(()));
        }
        assert_eq!(store.insert("f0", 1_010, 1_010), Err(Refused::Replay));
        assert_eq!(store.insert("g0", 1_020, 1_020), Ok(()));
        assert_eq!(store.len(), 3);
        assert_eq!(store.insert("f3", 1_010, 1_020), Err(Refused::Expired));
    }
}
