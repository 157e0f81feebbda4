//! A keyed store that keeps at most a given number of records, as the service-order store
//! does: past the limit, the oldest finished records are forgotten first, then the oldest of
//! any state, down to nine tenths of the limit.

use std::collections::{BTreeMap, VecDeque};

/// Records by key, in arrival order, at most `max` of them.
#[derive(Debug)]
pub(crate) struct Bounded<K, V> {
    items: BTreeMap<K, V>,
    arrivals: VecDeque<K>,
    max: usize,
    /// Whether a record may be forgotten before the others.
    finished: fn(&V) -> bool,
}

impl<K: Ord + Clone, V> Bounded<K, V> {
    /// An empty store of at most `max` records (at least one).
    pub(crate) fn new(max: usize, finished: fn(&V) -> bool) -> Self {
        Self { items: BTreeMap::new(), arrivals: VecDeque::new(), max: max.max(1), finished }
    }

    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.items.get(key)
    }

    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.items.get_mut(key)
    }

    /// Every record, in key order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.items.values()
    }

    /// Every record with its key, in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.items.iter()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Stores a new record (replacing one with the same key), then forgets records past
    /// the limit; returns the stored record unless it was forgotten at once (never with a
    /// limit above one).
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<&V> {
        let keep = key.clone();
        if self.items.insert(key, value).is_none() {
            self.arrivals.push_back(keep.clone());
        }
        self.evict(&keep);
        self.items.get(&keep)
    }

    /// Forgets records past the limit, never `keep` (the record just stored).
    fn evict(&mut self, keep: &K) {
        if self.items.len() <= self.max {
            return;
        }
        let target = self.max - self.max / 10;
        let mut excess = self.items.len() - target.max(1);
        let finished = self.finished;
        let items = &self.items;
        let mut forget = Vec::new();
        self.arrivals.retain(|key| {
            if excess > 0 && key != keep && items.get(key).is_none_or(finished) {
                excess -= 1;
                forget.push(key.clone());
                return false;
            }
            true
        });
        while excess > 0 {
            let Some(position) = self.arrivals.iter().position(|k| k != keep) else { break };
            if let Some(key) = self.arrivals.remove(position) {
                forget.push(key);
            }
            excess -= 1;
        }
        for key in forget {
            self.items.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_finished_records_first_then_the_oldest() {
        // Values: (number, finished).
        let mut store: Bounded<u32, (u32, bool)> = Bounded::new(10, |v| v.1);
        for i in 0..10 {
            store.insert(i, (i, i == 5));
        }
        assert_eq!(store.len(), 10);
        store.insert(10, (10, false));
        // 11 > 10: down to 9, the finished 5 first, then the oldest 0.
        assert_eq!(store.len(), 9);
        assert!(store.get(&5).is_none());
        assert!(store.get(&0).is_none());
        assert!(store.get(&1).is_some());
        assert!(store.get(&10).is_some());
        // Replacing a record does not count twice.
        store.insert(10, (11, false));
        assert_eq!(store.get(&10), Some(&(11, false)));
        assert_eq!(store.len(), 9);
        for i in 11..1_000 {
            assert!(store.insert(i, (i, false)).is_some(), "the new record is kept");
        }
        assert!(store.len() <= 10);
        assert_eq!(store.arrivals.len(), store.len());
    }

    #[test]
    fn a_limit_of_one_keeps_the_newest() {
        let mut store: Bounded<u32, bool> = Bounded::new(0, |_| true);
        store.insert(1, false);
        assert!(store.insert(2, false).is_some());
        assert_eq!(store.len(), 1);
        assert!(store.get(&1).is_none());
    }
}
