//! Over real loopback sockets: the response size limit (declared, chunked and endless bodies),
//! a trickling server bounded by the attempt timeout, failover to a second server, and the
//! `wxpay.request` span, captured at TRACE, free of secrets and personal data.

use std::{
    io::Write as _,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};
use wxpay_core::{Error, TransportErrorKind};

use crate::{
    loopback::serve,
    support::{builder, complete, fixture, now, signed_response},
};

/// Accepts connections forever (until the test's runtime ends); after reading a request head,
/// `respond` writes whatever it wants to the socket.
async fn raw_server<F, Fut>(respond: F) -> String
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let respond = Arc::new(respond);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let respond = respond.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let mut head = Vec::new();
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                respond(stream).await;
            });
        }
    });
    base
}

fn too_large(err: &Error) -> bool {
    matches!(err.last(), Error::Transport(t) if t.kind() == TransportErrorKind::BodyTooLarge)
}

#[tokio::test]
async fn a_declared_oversized_body_is_refused_before_it_is_read() {
    let base = raw_server(|mut s| async move {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 3000000000\r\n\r\n{\"a\":").await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    let client = builder().base_url(&base).max_response_size(1 << 20).build().unwrap();
    let err = client.execute(&complete()).await.unwrap_err();
    assert!(too_large(&err), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(err.attempts(), 1, "an oversized answer is never retried");
}

#[tokio::test]
async fn an_endless_chunked_body_stops_at_the_limit() {
    let sent = Arc::new(Mutex::new(0usize));
    let counter = sent.clone();
    let base = raw_server(move |mut s| {
        let counter = counter.clone();
        async move {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n").await;
            let chunk = format!("{:x}\r\n{}\r\n", 65536, "x".repeat(65536));
            // Bounded: at most 1 GiB, then the server gives up by itself.
            for _ in 0..16384 {
                if s.write_all(chunk.as_bytes()).await.is_err() {
                    return;
                }
                *counter.lock().unwrap() += 65536;
            }
        }
    })
    .await;
    let client = builder().base_url(&base).max_response_size(2 << 20).build().unwrap();
    let err = client.execute(&complete()).await.unwrap_err();
    assert!(too_large(&err), "{err:?}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let written = *sent.lock().unwrap();
    assert!(written < 64 << 20, "the client kept reading: {written} bytes sent");
}

#[tokio::test]
async fn a_trickling_server_is_cut_off_by_the_attempt_timeout() {
    let base = raw_server(|mut s| async move {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n").await;
        for _ in 0..1000 {
            if s.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    let client = builder()
        .base_url(&base)
        .timeout(Duration::from_secs(5))
        .attempt_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.execute(&complete()).await.unwrap_err();
    assert!(
        matches!(err.last(), Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_refused_connection_fails_over_to_the_second_server() {
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let primary = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let (backup, seen) = serve(vec![signed_response(204, "", now())], Duration::ZERO).await;
    let client = builder().base_url(&primary).backup_base_url(&backup).build().unwrap();
    client.execute(&complete()).await.unwrap();
    let seen = seen.lock().await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, "/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete");
}

/// Collects everything a `tracing` subscriber writes.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[wxpay_core::endpoint(POST, "v3/payscore/permissions/openid/<openid>/terminate", response = wxpay_core::NoContent)]
struct Terminate {
    openid: String,
    service_id: String,
    reason: String,
}

#[tokio::test]
async fn the_request_span_carries_no_secret_and_no_personal_data() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    let secret_reason = "USER-SECRET-REASON-Z9";
    let mut unsigned = signed_response(200, "", now());
    unsigned.headers_mut().remove("Wechatpay-Signature");
    let (base, seen) = serve(
        vec![
            http::Response::builder().status(503).body(Vec::new()).unwrap(),
            signed_response(204, "", now()),
            unsigned,
        ],
        Duration::ZERO,
    )
    .await;
    let client = builder().base_url(&base).build().unwrap();
    let req = Terminate {
        openid: openid.into(),
        service_id: "500001".into(),
        reason: secret_reason.into(),
    };
    // A POST answered 503 is not retried; then a success; then a rejected answer.
    assert!(client.execute(&req).await.is_err());
    client.execute(&req).await.unwrap();
    assert!(client.execute(&req).await.is_err());
    let query = crate::support::Query {
        service_id: "500001".into(),
        appid: "wxd678efh567hg6787".into(),
        out_order_no: openid.into(),
    };
    let _ = client.execute(&query).await;

    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("wxpay.request"), "{log}");
    assert!(log.contains("v3/payscore/permissions/openid/<openid>/terminate"), "{log}");
    assert!(log.contains("status=503") && log.contains("status=204"), "{log}");
    assert!(log.contains("attempt=1"), "{log}");
    let authorization =
        seen.lock().await[0].headers.iter().find(|(k, _)| k == "authorization").unwrap().1.clone();
    let signature = authorization.split("signature=\"").nth(1).unwrap().split('"').next().unwrap();
    let key_pem = fixture("official_key.pem");
    let key_line = key_pem.lines().nth(3).unwrap();
    for secret in [openid, secret_reason, authorization.as_str(), signature, key_line] {
        assert!(!log.contains(secret), "`{secret}` leaked into the log:\n{log}");
    }
    let mut stderr = std::io::stderr();
    let _ = writeln!(stderr, "captured {} bytes of trace output", log.len());
}
