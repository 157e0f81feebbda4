//! `RedisDedup` against a real `redis-server` started on 127.0.0.1 on a free port
//! (`cargo test -p wxpay-core --features redis --test redis`). Skipped, with a message, only
//! when no `redis-server` binary can be found.
#![cfg(feature = "redis")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, unreachable_pub)]

use std::{
    net::{TcpListener, TcpStream},
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use wxpay_core::notify::{
    DEFAULT_DEDUP_TTL, Dedup, DedupError,
    redis::{DEFAULT_PREFIX, RedisDedup},
};

/// A `redis-server` child process, killed on drop.
struct RedisServer {
    child: Child,
    port: u16,
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn redis_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/bin", "/usr/sbin", "/usr/local/bin"].map(PathBuf::from))
        .map(|dir| dir.join("redis-server"))
        .find(|candidate| candidate.is_file())
}

impl RedisServer {
    /// Starts a server without persistence, or `None` (with a printed reason) when no
    /// `redis-server` is installed.
    fn start() -> Option<Self> {
        Self::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Option<Self> {
        let Some(binary) = redis_binary() else {
            eprintln!(
                "SKIPPED: no `redis-server` binary found on PATH or in /usr/bin; install it \
                 (`apt-get install -y redis-server`) to run the Redis dedup tests"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(binary)
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        let server = Self { child, port };
        // Readiness only (not a timing assertion): wait until it accepts connections.
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start listening");
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(server)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    async fn dedup(&self) -> RedisDedup {
        RedisDedup::connect(&self.url()).await.expect("connects")
    }

    /// A plain client for inspecting keys.
    async fn raw(&self) -> redis::aio::MultiplexedConnection {
        redis::Client::open(self.url()).unwrap().get_multiplexed_async_connection().await.unwrap()
    }
}

#[tokio::test]
async fn first_delivery_is_new_then_duplicate() {
    let Some(server) = RedisServer::start() else { return };
    let dedup = server.dedup().await;
    let id = "EV-2018022511223320873";
    assert!(!dedup.seen(id).await.unwrap(), "first delivery is new");
    dedup.record(id).await.unwrap();
    assert!(dedup.seen(id).await.unwrap(), "a retry is a duplicate");
    dedup.record(id).await.unwrap(); // recording twice is fine
    assert!(!dedup.seen("EV-other").await.unwrap());

    // SET NX EX: one key under the default prefix, with the default ttl.
    let mut raw = server.raw().await;
    let key = format!("{DEFAULT_PREFIX}{id}");
    assert_eq!(dedup.key(id), key);
    let ttl: i64 = redis::cmd("TTL").arg(&key).query_async(&mut raw).await.unwrap();
    let default = i64::try_from(DEFAULT_DEDUP_TTL.as_secs()).unwrap();
    assert!(ttl > default - 60 && ttl <= default, "ttl {ttl}");
    let value: String = redis::cmd("GET").arg(&key).query_async(&mut raw).await.unwrap();
    assert_eq!(value, "1");
}

#[tokio::test]
async fn ids_expire_after_the_ttl() {
    let Some(server) = RedisServer::start() else { return };
    let dedup = server.dedup().await.with_ttl(Duration::from_millis(1500));
    dedup.record("EV-expiring").await.unwrap();
    let mut raw = server.raw().await;
    let ttl: i64 =
        redis::cmd("TTL").arg(dedup.key("EV-expiring")).query_async(&mut raw).await.unwrap();
    assert_eq!(ttl, 2, "sub-second ttls round up to whole seconds");
    assert!(dedup.seen("EV-expiring").await.unwrap());
    // Wait for Redis to drop the key (eventual, generous bound; not a timing assertion).
    let deadline = Instant::now() + Duration::from_secs(30);
    while dedup.seen("EV-expiring").await.unwrap() {
        assert!(Instant::now() < deadline, "the id never expired");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // A second record after expiry starts a new window.
    dedup.record("EV-expiring").await.unwrap();
    assert!(dedup.seen("EV-expiring").await.unwrap());
}

#[tokio::test]
async fn two_instances_share_one_redis() {
    let Some(server) = RedisServer::start() else { return };
    let first = server.dedup().await.with_prefix("shop:wxpay:");
    let second = server.dedup().await.with_prefix("shop:wxpay:");
    let other_app = server.dedup().await.with_prefix("other:");
    assert!(!second.seen("EV-1").await.unwrap());
    first.record("EV-1").await.unwrap();
    assert!(second.seen("EV-1").await.unwrap(), "the retry reaching instance 2 is a duplicate");
    assert!(!other_app.seen("EV-1").await.unwrap(), "prefixes keep applications apart");
    // The first record keeps its expiry: a later record by another instance does not extend it.
    let mut raw = server.raw().await;
    redis::cmd("EXPIRE")
        .arg("shop:wxpay:EV-1")
        .arg(100)
        .query_async::<i64>(&mut raw)
        .await
        .unwrap();
    second.record("EV-1").await.unwrap();
    let ttl: i64 = redis::cmd("TTL").arg("shop:wxpay:EV-1").query_async(&mut raw).await.unwrap();
    assert!(ttl <= 100, "NX: the existing key is left alone, ttl {ttl}");
}

#[tokio::test]
async fn redis_down_is_a_typed_error_never_seen() {
    let Some(server) = RedisServer::start() else { return };
    let url = server.url();
    let dedup = server.dedup().await;
    dedup.record("EV-before").await.unwrap();
    drop(server); // killed

    for _ in 0..3 {
        let seen = dedup.seen("EV-before").await;
        assert!(matches!(seen, Err(DedupError::Unavailable(_))), "{seen:?}");
        let recorded = dedup.record("EV-new").await;
        assert!(matches!(recorded, Err(DedupError::Unavailable(_))), "{recorded:?}");
    }
    let err = dedup.seen("EV-before").await.unwrap_err();
    assert_eq!(err.status(), http::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(err.to_string(), "notification de-duplication store unavailable");

    let connect = RedisDedup::connect(&url).await;
    assert!(matches!(connect, Err(DedupError::Unavailable(_))), "{connect:?}");
    let bad = RedisDedup::connect("not a url").await;
    assert!(matches!(bad, Err(DedupError::Config(_))), "{bad:?}");
}

#[tokio::test]
async fn passwords_never_show() {
    let Some(server) = RedisServer::start_with(&["--requirepass", "s3cret-pass-4711"]) else {
        return;
    };
    let good = format!("redis://:s3cret-pass-4711@127.0.0.1:{}/", server.port);
    let dedup = RedisDedup::connect(&good).await.expect("the right password connects");
    dedup.record("EV-auth").await.unwrap();
    assert!(dedup.seen("EV-auth").await.unwrap());
    let shown = format!("{dedup:?}");
    assert!(shown.contains("wxpay:notify:") && !shown.contains("s3cret"), "{shown}");

    let wrong = format!("redis://:wrong-pass-0815@127.0.0.1:{}/", server.port);
    let err = RedisDedup::connect(&wrong).await.unwrap_err();
    let mut chain = format!("{err} {err:?}");
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    assert!(!chain.contains("wrong-pass-0815") && !chain.contains("s3cret"), "{chain}");
}
