//! `execute()` with the reqwest transport against a real HTTP server on 127.0.0.1.

use std::{fmt::Write as _, sync::Arc, time::Duration};

use base64::{Engine as _, engine::general_purpose::STANDARD};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
    sync::Mutex,
};
use wxpay_core::{Error, PublicKey, TransportErrorKind, VerifyError, sign};

use crate::support::{builder, complete, fixture, now, signed_response};

/// What the server saw: request line target, headers (lower-case names) and body.
#[derive(Clone, Debug, Default)]
pub(crate) struct Seen {
    pub(crate) target: String,
    pub(crate) method: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

/// Serves one canned response per connection (after `delay`), recording the requests.
pub(crate) async fn serve(
    responses: Vec<http::Response<Vec<u8>>>,
    delay: Duration,
) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        for response in responses {
            let Ok((mut stream, _)) = listener.accept().await else { return };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            let head_end = loop {
                let n = stream.read(&mut chunk).await.unwrap();
                buf.extend_from_slice(&chunk[..n]);
                if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    break pos + 4;
                }
                assert!(n > 0, "connection closed before the request head");
            };
            let head = String::from_utf8(buf[..head_end].to_vec()).unwrap();
            let mut lines = head.split("\r\n");
            let mut request_line = lines.next().unwrap().split(' ');
            let method = request_line.next().unwrap().to_owned();
            let target = request_line.next().unwrap().to_owned();
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(": "))
                .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
                .collect();
            let len: usize = headers
                .iter()
                .find(|(k, _)| k == "content-length")
                .map_or(0, |(_, v)| v.parse().unwrap());
            while buf.len() < head_end + len {
                let n = stream.read(&mut chunk).await.unwrap();
                buf.extend_from_slice(&chunk[..n]);
            }
            let body = buf[head_end..head_end + len].to_vec();
            record.lock().await.push(Seen { target, method, headers, body });
            tokio::time::sleep(delay).await;
            let (parts, body) = response.into_parts();
            let mut out = format!("HTTP/1.1 {}\r\n", parts.status.as_str());
            for (k, v) in &parts.headers {
                let _ = write!(out, "{k}: {}\r\n", v.to_str().unwrap());
            }
            let _ = write!(out, "content-length: {}\r\nconnection: close\r\n\r\n", body.len());
            let mut bytes = out.into_bytes();
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
    });
    (base, seen)
}

#[tokio::test]
async fn signed_bytes_are_the_bytes_on_the_wire() {
    let (base, seen) = serve(vec![signed_response(204, "", now())], Duration::ZERO).await;
    let client = builder().base_url(&base).build().unwrap();
    client.execute(&complete()).await.unwrap();

    let seen = seen.lock().await[0].clone();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, "/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete");
    let header = |name: &str| seen.headers.iter().find(|(k, _)| k == name).unwrap().1.clone();
    let auth = header("authorization");
    let field = |name: &str| {
        auth.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().to_owned()
    };
    let ts: i64 = field("timestamp").parse().unwrap();
    let message =
        sign::request_message(&seen.method, &seen.target, ts, &field("nonce_str"), &seen.body);
    let public = PublicKey::from_pem(&fixture("official_pub.pem")).unwrap();
    assert!(public.verify(&message, &STANDARD.decode(field("signature")).unwrap()));
    assert_eq!(header("accept"), "application/json");
    assert_eq!(header("content-type"), "application/json");
}

#[tokio::test]
async fn rejections_over_http() {
    let ts = now();
    let mut tampered = signed_response(200, r#"{"a":1}"#, ts);
    *tampered.body_mut() = br#"{"a":2}"#.to_vec();
    let mut unsigned = signed_response(204, "", ts);
    unsigned.headers_mut().remove("Wechatpay-Signature");
    let responses = vec![
        tampered,
        signed_response(204, "", ts - 3600),
        unsigned,
        http::Response::builder()
            .status(401)
            .body(br#"{"code":"SIGN_ERROR","message":"bad","detail":{"sign_information":{"sign_message_length":1}}}"#.to_vec())
            .unwrap(),
        http::Response::builder().status(500).body(br#"{"code":"SYSTEM_ERROR","message":"x"}"#.to_vec()).unwrap(),
    ];
    let (base, _) = serve(responses, Duration::ZERO).await;
    let client = builder().base_url(&base).build().unwrap();
    let errors: Vec<Error> = {
        let mut v = Vec::new();
        for _ in 0..5 {
            v.push(client.execute(&complete()).await.unwrap_err());
        }
        v
    };
    assert!(matches!(errors[0], Error::Verify { source: VerifyError::BadSignature, .. }));
    assert!(matches!(errors[1], Error::Verify { source: VerifyError::Stale { .. }, .. }));
    assert!(matches!(
        errors[2],
        Error::Verify { source: VerifyError::MissingHeader("Wechatpay-Signature"), .. }
    ));
    assert!(matches!(&errors[3], Error::Api { code, detail: Some(_), .. } if code == "SIGN_ERROR"));
    assert!(matches!(&errors[4], Error::Api { status, .. } if status.as_u16() == 500));
}

#[tokio::test]
async fn slow_server_times_out_and_closed_port_fails_to_connect() {
    let (base, _) = serve(vec![signed_response(204, "", now())], Duration::from_secs(5)).await;
    let client = builder().base_url(&base).timeout(Duration::from_millis(200)).build().unwrap();
    let err = client.execute(&complete()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );

    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let client = builder().base_url(&base).build().unwrap();
    let err = client.execute(&complete()).await.unwrap_err();
    // Never connected: retried (every method), three attempts by default.
    assert_eq!(err.attempts(), 3, "{err:?}");
    assert!(
        matches!(err.last(), Error::Transport(t) if t.kind() == TransportErrorKind::Connect),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("after 3 attempts: request to WeChat Pay failed"), "{err}");
}
