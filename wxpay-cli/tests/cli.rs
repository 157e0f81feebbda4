//! The built `wxpay` binary against the simulator over loopback: the seed call, exit codes
//! 1/2/3, `sign` against an openssl-made signature, `notify` on a captured notification,
//! `certs download`, `--env-file` and `--help`.

#![allow(missing_docs, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use wxpay_core::OutOrderNo;
use wxpay_mock::{Fault, KeyMode, MockServer, OrderKey};
use wxpay_payscore::{
    Amount, Payment, RiskFund, RiskFundName, StartTime, TimeRange,
    partner::service_order::{CompletePartnerServiceOrder, CreatePartnerServiceOrder},
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const CORE_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../wxpay-core/tests/fixtures");
const TEMPLATE: &str = "v3/payscore/partner/serviceorder/{out_order_no}/complete";
const SEED_NO: &str = "1234323JKHDFE1243252";
const SERVICE_ID: &str = "2002000000000558128851361561536";
const SUB_MCHID: &str = "1900000109";
const NAMES: [&str; 11] = [
    "WXPAY_MCHID",
    "WXPAY_MCH_SERIAL",
    "WXPAY_MCH_PRIVATE_KEY",
    "WXPAY_PUBLIC_KEY_ID",
    "WXPAY_PUBLIC_KEY",
    "WXPAY_APIV3_KEY",
    "WXPAY_PLATFORM_CERTS",
    "WXPAY_BASE_URL",
    "WXPAY_BACKUP_BASE_URL",
    "WXPAY_MAX_ATTEMPTS",
    "WXPAY_APIV2_KEY",
];

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wxpay-cli-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `wxpay` with no `WXPAY_*` variable from the outer environment.
fn wxpay() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wxpay"));
    for name in NAMES {
        cmd.env_remove(name);
    }
    cmd
}

/// The simulator's configuration as a merchant keeps it: key files and `WXPAY_*` lines in
/// `dir/wxpay.env`.
fn env_file(server: &MockServer, dir: &Path) -> PathBuf {
    let creds = server.credentials();
    let key = dir.join("apiclient_key.pem");
    std::fs::write(&key, creds.merchant_private_key_pem.as_deref().unwrap()).unwrap();
    let mut lines = vec![
        format!("WXPAY_MCHID={}", creds.mchid),
        format!("WXPAY_MCH_SERIAL={}", creds.merchant_serial),
        format!("WXPAY_MCH_PRIVATE_KEY={}", key.display()),
        format!("WXPAY_APIV3_KEY={}", creds.api_v3_key),
        format!("WXPAY_BASE_URL={}", creds.base_url),
        "WXPAY_MAX_ATTEMPTS=1".to_owned(),
    ];
    match creds.mode {
        KeyMode::PublicKey => {
            let public = dir.join("pub_key.pem");
            std::fs::write(&public, &creds.public_key_pem).unwrap();
            lines.push(format!("WXPAY_PUBLIC_KEY_ID={}", creds.public_key_id));
            lines.push(format!("WXPAY_PUBLIC_KEY={}", public.display()));
        }
        KeyMode::Certificate => lines.push("WXPAY_PLATFORM_CERTS=download".to_owned()),
    }
    let path = dir.join("wxpay.env");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

async fn run(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output()).await.unwrap().expect("wxpay runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn create(out_order_no: &str, notify_url: &str) -> CreatePartnerServiceOrder {
    CreatePartnerServiceOrder::builder()
        .out_order_no(OutOrderNo::new(out_order_no).unwrap())
        .service_id(SERVICE_ID)
        .appid("wxd678efh567hg6787")
        .sub_mchid(SUB_MCHID)
        .service_introduction("XX餐厅")
        .time_range(TimeRange::builder().start_time(StartTime::OnAccept).build())
        .risk_fund(
            RiskFund::builder().name(RiskFundName::Deposit).amount(Amount::fen(50_000)).build(),
        )
        .notify_url(notify_url)
        .post_payments(vec![
            Payment::builder().name("就餐费用").amount(Amount::fen(40_000)).build(),
        ])
        .build()
}

/// A simulator holding the confirmed partner order `out_order_no`.
async fn confirmed(mode: KeyMode, out_order_no: &str, notify_url: &str) -> MockServer {
    let server = MockServer::builder().mode(mode).start().await.unwrap();
    let client = server.client_builder().build().unwrap();
    create(out_order_no, notify_url).execute(&client).await.expect("create");
    server.confirm_order(OrderKey::partner(SUB_MCHID, out_order_no)).expect("confirm");
    server
}

fn call_seed(env: &Path, out_order_no: &str) -> Command {
    let mut cmd = wxpay();
    cmd.arg("--env-file").arg(env).args(["call", "POST", TEMPLATE, "-p"]);
    cmd.arg(format!("out_order_no={out_order_no}"));
    cmd.arg("-d").arg(format!("@{FIXTURES}/seed.json"));
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_call_prints_http_204_and_queries_print_pretty_json() {
    for mode in [KeyMode::PublicKey, KeyMode::Certificate] {
        let server = confirmed(mode, SEED_NO, "https://example.com/notify").await;
        let dir = temp_dir(&format!("seed-{mode:?}"));
        let env = env_file(&server, &dir);
        let out = run(call_seed(&env, SEED_NO)).await;
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        let mut lines = stdout.lines();
        assert_eq!(lines.next(), Some("HTTP 204"));
        assert!(lines.next().is_some_and(|l| l.starts_with("Request-ID: ")), "{stdout}");
        assert_eq!(lines.next(), None);
        let last = server.requests().pop().unwrap();
        assert_eq!(last.target, format!("/v3/payscore/partner/serviceorder/{SEED_NO}/complete"));
        assert_eq!(last.status, Some(204));

        // A GET with query parameters, given by flags over the environment.
        let mut query = wxpay();
        query.arg("--env-file").arg(&env).args([
            "call",
            "get",
            "v3/payscore/partner/serviceorder",
            "-q",
            &format!("service_id={SERVICE_ID}"),
            "-q",
            &format!("sub_mchid={SUB_MCHID}"),
            "-q",
            &format!("out_order_no={SEED_NO}"),
        ]);
        let out = run(query).await;
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        assert!(stdout.starts_with("HTTP 200\nRequest-ID: "), "{stdout}");
        let body = stdout.split_once("\n{").map(|(_, b)| format!("{{{b}")).unwrap();
        let order: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (order["state"].as_str(), order["total_amount"].as_i64()),
            (Some("DOING"), Some(39_900))
        );
        assert!(body.contains("\n  \"state\": \"DOING\""), "pretty-printed: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampered_answer_exits_3_without_printing_the_body() {
    let server = confirmed(KeyMode::PublicKey, "CLI-TAMPER-1", "https://example.com/notify").await;
    let env = env_file(&server, &temp_dir("tamper"));
    server.add_fault(Fault::tamper_body().on::<CompletePartnerServiceOrder>());
    let out = run(call_seed(&env, "CLI-TAMPER-1")).await;
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("verification failed"), "{stderr}");

    // A tampered JSON answer: nothing of it on stdout either.
    server.clear_faults();
    server.add_fault(Fault::tamper_body());
    let mut query = wxpay();
    query.arg("--env-file").arg(&env).args([
        "call",
        "GET",
        "v3/payscore/partner/serviceorder",
        "-q",
        "out_order_no=CLI-TAMPER-1",
        "-q",
        &format!("service_id={SERVICE_ID}"),
        "-q",
        &format!("sub_mchid={SUB_MCHID}"),
    ]);
    let out = run(query).await;
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(!text(&out.stderr).contains("CLI-TAMPER-1"), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_and_configuration_errors_exit_2_without_sending() {
    let server = MockServer::start().await.unwrap();
    let env = env_file(&server, &temp_dir("usage"));
    for value in ["..", ".", ""] {
        let out = run(call_seed(&env, value)).await;
        assert_eq!(out.status.code(), Some(2), "{value:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("path segment"), "{}", text(&out.stderr));
    }
    let mut missing = wxpay();
    missing.arg("--env-file").arg(&env).args(["call", "POST", TEMPLATE, "-d", "{}"]);
    let out = run(missing).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`{out_order_no}`"), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("hint: fill each {placeholder} with -p"),
        "{}",
        text(&out.stderr)
    );
    let mut unknown = wxpay();
    unknown.arg("--env-file").arg(&env).args([
        "call",
        "POST",
        TEMPLATE,
        "-p",
        "out_order_no=A",
        "-p",
        "oops=B",
    ]);
    let out = run(unknown).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`oops`"), "{}", text(&out.stderr));
    let mut bad_json = wxpay();
    bad_json.arg("--env-file").arg(&env).args([
        "call",
        "POST",
        TEMPLATE,
        "-p",
        "out_order_no=A",
        "-d",
        "{oops",
    ]);
    assert_eq!(run(bad_json).await.status.code(), Some(2));
    let mut bad_method = wxpay();
    bad_method.arg("--env-file").arg(&env).args(["call", "FETCH", "v3/x"]);
    assert_eq!(run(bad_method).await.status.code(), Some(2));
    // No configuration at all: the missing variable is named.
    let out = run({
        let mut cmd = wxpay();
        cmd.args(["call", "GET", "v3/certificates"]);
        cmd
    })
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("WXPAY_MCHID"), "{}", text(&out.stderr));
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_errors_exit_1_with_code_and_message_on_stderr() {
    let server = MockServer::start().await.unwrap();
    let env = env_file(&server, &temp_dir("api-error"));
    let out = run(call_seed(&env, "NO-SUCH-ORDER")).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    let code = server.requests().pop().and_then(|r| r.code).expect("an error code");
    assert!(stderr.contains(&format!("code: {code}")), "{stderr}");
    assert!(stderr.contains("message: "), "{stderr}");
    assert!(stderr.contains("HTTP 4"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flags_override_the_env_file() {
    let server = confirmed(KeyMode::PublicKey, "CLI-FLAGS-1", "https://example.com/notify").await;
    let env = env_file(&server, &temp_dir("flags"));
    // The env file points at the simulator; a flag sends elsewhere (a closed port).
    let mut cmd = call_seed(&env, "CLI-FLAGS-1");
    cmd.args(["--base-url", "http://127.0.0.1:9/"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("caused by:"), "{}", text(&out.stderr));
    assert!(server.requests().iter().all(|r| !r.target.contains("CLI-FLAGS-1/complete")));
}

#[test]
fn sign_matches_openssl() {
    let dir = temp_dir("sign");
    let env = dir.join("wxpay.env");
    std::fs::write(
        &env,
        format!(
            "WXPAY_MCHID=1900007291\nWXPAY_MCH_SERIAL=408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB\nWXPAY_MCH_PRIVATE_KEY={CORE_FIXTURES}/official_key.pem\n"
        ),
    )
    .unwrap();
    let out = wxpay()
        .arg("--env-file")
        .arg(&env)
        .args([
            "sign",
            "POST",
            "/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete",
            "-d",
            &format!("@{FIXTURES}/seed.json"),
            "--timestamp",
            "1554208460",
            "--nonce",
            "593BEC0C930BF1AFEB40B4A08C8FB242",
        ])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let expected =
        std::fs::read_to_string(format!("{FIXTURES}/seed_signature.openssl.txt")).unwrap();
    let seed = std::fs::read_to_string(format!("{FIXTURES}/seed.json")).unwrap();
    assert!(
        stdout.contains(&format!(
            "POST\n/v3/payscore/partner/serviceorder/1234323JKHDFE1243252/complete\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{seed}\n--- end ---\n"
        )),
        "{stdout}"
    );
    assert!(stdout.contains(
        &format!("Authorization: WECHATPAY2-SHA256-RSA2048 mchid=\"1900007291\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\",timestamp=\"1554208460\",serial_no=\"408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB\",signature=\"{}\"\n", expected.trim())
    ), "{stdout}");
    assert!(stdout.contains(r#"as a JSON string: "POST\n/v3/payscore"#), "{stdout}");
}

/// Accepts one HTTP request on `listener`, answers 200 and returns its headers (as a JSON
/// object) and raw body.
async fn capture_one(listener: tokio::net::TcpListener) -> (serde_json::Value, Vec<u8>) {
    let (mut socket, _) = listener.accept().await.unwrap();
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let (head_end, length) = loop {
        let n = socket.read(&mut buf).await.unwrap();
        assert!(n > 0, "connection closed early");
        data.extend_from_slice(&buf[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..at]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse::<usize>().unwrap());
            break (at + 4, length);
        }
    };
    while data.len() < head_end + length {
        let n = socket.read(&mut buf).await.unwrap();
        assert!(n > 0, "connection closed early");
        data.extend_from_slice(&buf[..n]);
    }
    socket
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let headers: serde_json::Map<String, serde_json::Value> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), serde_json::Value::String(v.trim().to_owned())))
        .collect();
    (serde_json::Value::Object(headers), data[head_end..head_end + length].to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_verifies_and_decrypts_a_captured_notification() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/notify", listener.local_addr().unwrap());
    let capture = tokio::spawn(capture_one(listener));
    let server = confirmed(KeyMode::PublicKey, "CLI-NOTIFY-1", &url).await;
    let (headers, body) = capture.await.unwrap();
    let dir = temp_dir("notify");
    let env = env_file(&server, &dir);
    std::fs::write(dir.join("headers.json"), serde_json::to_vec_pretty(&headers).unwrap()).unwrap();
    std::fs::write(dir.join("body.json"), &body).unwrap();
    let notify = |extra: &[&str], body: &str| {
        let mut cmd = wxpay();
        cmd.arg("--env-file")
            .arg(&env)
            .arg("notify")
            .arg(dir.join("headers.json"))
            .arg(dir.join(body));
        cmd.args(extra);
        cmd
    };
    let out = run(notify(&[], "body.json")).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let resource: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(resource["out_order_no"], "CLI-NOTIFY-1");
    assert_eq!(resource["state"], "DOING", "{resource}");
    assert!(text(&out.stderr).contains("PAYSCORE.USER_CONFIRM"), "{}", text(&out.stderr));

    // Long after the capture: the timestamp step fails.
    let out = run(notify(&["--at", "4000000000"], "body.json")).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("step `timestamp`"), "{}", text(&out.stderr));
    // One byte changed: the signature step fails.
    let mut altered = body.clone();
    let at = altered.iter().rposition(u8::is_ascii_alphanumeric).unwrap();
    altered[at] = if altered[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(dir.join("altered.json"), &altered).unwrap();
    let out = run(notify(&[], "altered.json")).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("step `signature`"), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certs_download_writes_verified_pem_files() {
    let server = MockServer::builder().mode(KeyMode::Certificate).start().await.unwrap();
    let dir = temp_dir("certs");
    let env = env_file(&server, &dir);
    let out_dir = dir.join("certs");
    let mut cmd = wxpay();
    cmd.arg("--env-file").arg(&env).args(["certs", "download", "--out"]).arg(&out_dir);
    let out = run(cmd).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    let expected = server.credentials().platform_certificates_pem;
    assert!(!expected.is_empty());
    let mut written = 0;
    for line in stdout.lines() {
        let serial = line.split_whitespace().next().unwrap();
        assert!(line.contains("  effective 20") && line.contains("  expires 20"), "{line}");
        let pem = std::fs::read_to_string(out_dir.join(format!("{serial}.pem"))).unwrap();
        let cert = wxpay_core::PlatformCertificate::from_pem(&pem).unwrap();
        assert!(cert.serial.matches(serial));
        assert!(expected.iter().any(|e| e.trim() == pem.trim()), "{serial}");
        written += 1;
    }
    assert_eq!(written, expected.len(), "{stdout}");

    // The written files work as `WXPAY_PLATFORM_CERTS`.
    let files: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    let out_order_no = "CLI-CERTS-1";
    let client = server.client_builder().build().unwrap();
    create(out_order_no, "https://example.com/notify").execute(&client).await.unwrap();
    server.confirm_order(OrderKey::partner(SUB_MCHID, out_order_no)).unwrap();
    let mut cmd = call_seed(&env, out_order_no);
    cmd.arg("--platform-certs").arg(files.join(","));
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("HTTP 204\n"));

    // A public-key-only merchant has no certificates: exit 1, nothing written.
    let server = MockServer::start().await.unwrap();
    let dir = temp_dir("certs-none");
    let env = env_file(&server, &dir);
    let mut cmd = wxpay();
    cmd.arg("--env-file").arg(&env).args(["certs", "download", "--out"]).arg(dir.join("none"));
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!dir.join("none").exists());
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for args in [
        &["--help"][..],
        &["call", "--help"],
        &["sign", "--help"],
        &["notify", "--help"],
        &["certs", "download", "--help"],
        &["mock", "--help"],
    ] {
        let out = wxpay().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = text(&out.stdout);
        assert!(help.contains("Example"), "{args:?}: {help}");
    }
}

/// Kills the simulator process when the test ends, however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `POST` to the simulator's control API; returns the status line and body.
fn control_post(base_url: &str, path: &str) -> String {
    use std::io::{Read as _, Write as _};
    let authority = base_url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nhost: {authority}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// The README walkthrough: `wxpay mock`, an order created with `wxpay call`, confirmed
/// through `/__mock/`, completed with `wxpay call` (the seed request).
#[test]
fn walkthrough_with_wxpay_mock_and_wxpay_call() {
    use std::io::BufRead as _;
    let dir = temp_dir("walkthrough");
    let mut child = wxpay()
        .args(["mock", "--listen", "127.0.0.1:0", "--keys"])
        .arg(dir.join("keys"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _running = Running(child);
    let mut lines = std::io::BufReader::new(stdout).lines();
    assert!(lines.next().unwrap().unwrap().starts_with("READY http://127.0.0.1:"));
    let mut env = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("WXPAY_BASE_URL=");
        env.push(line);
        if done {
            break;
        }
    }
    let env_path = dir.join("mock.env");
    std::fs::write(&env_path, env.join("\n")).unwrap();
    let base_url = env.iter().find_map(|l| l.strip_prefix("WXPAY_BASE_URL=")).unwrap().to_owned();

    let create = format!(
        r#"{{"out_order_no":"{SEED_NO}","appid":"wxd678efh567hg6787","service_id":"{SERVICE_ID}","sub_mchid":"{SUB_MCHID}","service_introduction":"XX餐厅","time_range":{{"start_time":"OnAccept"}},"risk_fund":{{"name":"DEPOSIT","amount":50000}},"notify_url":"https://example.com/notify"}}"#
    );
    let out = wxpay()
        .arg("--env-file")
        .arg(&env_path)
        .args(["call", "POST", "v3/payscore/partner/serviceorder", "-d", &create])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.starts_with("HTTP 200\n") && stdout.contains("\"state\": \"CREATED\""),
        "{stdout}"
    );

    let confirmed =
        control_post(&base_url, &format!("/__mock/orders/{SEED_NO}/confirm?sub_mchid={SUB_MCHID}"));
    assert!(confirmed.starts_with("HTTP/1.1 200"), "{confirmed}");

    let out = call_seed(&env_path, SEED_NO).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("HTTP 204\nRequest-ID: "), "{}", text(&out.stdout));
}

#[test]
fn mock_runs_the_simulator() {
    // Usage errors of the simulator's own parser come through (exit 2).
    let out = wxpay().args(["mock", "--mode", "rsa", "--keys", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--mode"), "{}", text(&out.stderr));
}
