//! A [`Dedup`] shared by several instances through Redis (feature `redis`).
//!
//! Each recorded notification id is one key, `<prefix><id>`, written with
//! `SET key 1 NX EX <ttl>`: the first record wins and keeps its expiry, and Redis drops the
//! key after the ttl ([`DEFAULT_DEDUP_TTL`] by default, longer than WeChat Pay's 24 h of
//! retries). [`seen`](Dedup::seen) is `EXISTS key`.
//!
//! **Fail closed:** if Redis cannot be reached or fails a command, both operations return
//! [`DedupError::Unavailable`]; they never report an id as seen because of an outage. Answer
//! the notification with a failure ([`DedupError::status`], `503`) so that WeChat Pay
//! delivers it again once Redis is back.
//!
//! ```no_run
//! use wxpay_core::notify::{Dedup, redis::RedisDedup};
//!
//! # async fn run() -> Result<(), wxpay_core::notify::DedupError> {
//! let dedup = RedisDedup::connect("redis://127.0.0.1:6379/").await?.with_prefix("shop:wxpay:");
//! if !dedup.seen("EV-2018022511223320873").await? {
//!     // … process the event, then:
//!     dedup.record("EV-2018022511223320873").await?;
//! }
//! # Ok(()) }
//! ```

use std::{fmt, time::Duration};

use redis::{AsyncCommands as _, SetExpiry, SetOptions, aio::ConnectionManager};

use super::{DEFAULT_DEDUP_TTL, Dedup, DedupError};

/// The default key prefix: keys are `wxpay:notify:<id>`.
pub const DEFAULT_PREFIX: &str = "wxpay:notify:";

/// How long one connection attempt or one command may take before it counts as an outage.
const TIMEOUT: Duration = Duration::from_secs(5);

/// Notification ids in Redis, shared by every instance that uses the same server and prefix.
///
/// Cheap to clone (one multiplexed connection that reconnects by itself after a failure).
#[derive(Clone)]
pub struct RedisDedup {
    connection: ConnectionManager,
    prefix: String,
    ttl: Duration,
}

impl fmt::Debug for RedisDedup {
    // The connection (and its URL, which may hold a password) is not shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisDedup")
            .field("prefix", &self.prefix)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl RedisDedup {
    /// Connects to the Redis server at `url` (`redis://[:password@]host[:port][/db]`), with
    /// the default prefix and ttl.
    ///
    /// # Errors
    ///
    /// [`DedupError::Config`] for an invalid URL, [`DedupError::Unavailable`] if the server
    /// cannot be reached.
    pub async fn connect(url: &str) -> Result<Self, DedupError> {
        let client = redis::Client::open(url).map_err(|e| DedupError::Config(Box::new(e)))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT))
            .set_number_of_retries(1);
        let connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| DedupError::Unavailable(Box::new(e)))?;
        Ok(Self::from_connection(connection))
    }

    /// Uses an existing connection (configured as you need), with the default prefix and
    /// ttl.
    #[must_use]
    pub fn from_connection(connection: ConnectionManager) -> Self {
        Self { connection, prefix: DEFAULT_PREFIX.to_owned(), ttl: DEFAULT_DEDUP_TTL }
    }

    /// Sets the key prefix (default [`DEFAULT_PREFIX`]); instances that share ids must use
    /// the same one.
    #[must_use]
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// Sets how long an id is remembered (default [`DEFAULT_DEDUP_TTL`]); rounded up to
    /// whole seconds, at least one.
    #[must_use]
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The Redis key of `id`.
    #[must_use]
    pub fn key(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }

    fn ttl_secs(&self) -> u64 {
        let secs = self.ttl.as_secs();
        let secs = if self.ttl.subsec_nanos() > 0 { secs.saturating_add(1) } else { secs };
        secs.max(1)
    }
}

fn unavailable(error: redis::RedisError) -> DedupError {
    DedupError::Unavailable(Box::new(error))
}

impl Dedup for RedisDedup {
    async fn seen(&self, id: &str) -> Result<bool, DedupError> {
        let mut connection = self.connection.clone();
        connection.exists(self.key(id)).await.map_err(unavailable)
    }

    async fn record(&self, id: &str) -> Result<(), DedupError> {
        let mut connection = self.connection.clone();
        let options = SetOptions::default()
            .conditional_set(redis::ExistenceCheck::NX)
            .with_expiration(SetExpiry::EX(self.ttl_secs()));
        // `nil` when the id was already recorded: the first record keeps its expiry.
        let _: Option<String> =
            connection.set_options(self.key(id), 1, options).await.map_err(unavailable)?;
        Ok(())
    }
}
