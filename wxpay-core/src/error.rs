//! The one [`Error`] type of wxpay, and the error types of each stage.

use std::fmt;

use http::StatusCode;

/// `Result` with wxpay's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong talking to WeChat Pay.
///
/// The variants keep the stages apart: building the request, configuration, the transport,
/// WeChat Pay's own error answer, response verification, decoding and decryption.
/// [`Error::is_retryable`] says whether sending the same request again can help; a call that
/// was retried and still failed is [`Error::Retried`], which keeps the last error.
///
/// `Display` carries the decisive detail (which variable, which step, which status), and
/// [`source`](std::error::Error::source) continues below it, so printing the chain repeats
/// nothing. No variant carries secrets or personal data in its `Display` or `Debug` output.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built: an invalid path value, serialization of the body or
    /// query, an invalid request target.
    Build(BuildError),
    /// The configuration is invalid: keys, ids, environment variables, base URL.
    Config(ConfigError),
    /// No (complete) response was received.
    Transport(TransportError),
    /// WeChat Pay answered with a non-2xx status.
    Api {
        /// HTTP status.
        status: StatusCode,
        /// WeChat's error `code`, e.g. `SIGN_ERROR`, `PARAM_ERROR`, `ORDER_NOT_EXIST`; empty when
        /// the body was not WeChat's error JSON.
        code: String,
        /// WeChat's human-readable `message`, or the raw body text (truncated) when the body
        /// was not WeChat's error JSON.
        message: String,
        /// WeChat's free-form `detail`, verbatim (e.g. `sign_information` of a `SIGN_ERROR`).
        detail: Option<serde_json::Value>,
        /// The `Request-ID` response header: quote it to WeChat Pay support.
        request_id: Option<String>,
    },
    /// A 2xx response failed signature verification and must be treated as forged.
    Verify {
        /// Which check failed.
        source: VerifyError,
        /// The `Request-ID` response header, if present.
        request_id: Option<String>,
    },
    /// A verified response body did not decode into the endpoint's response type.
    Decode {
        /// The JSON path and reason.
        source: DecodeError,
        /// The `Request-ID` response header, if present.
        request_id: Option<String>,
    },
    /// Decryption (AES-256-GCM resources, RSA-OAEP fields) failed.
    Decrypt(DecryptError),
    /// A platform certificate download could not be used.
    Certificate(crate::certificates::CertificateError),
    /// The call was sent `attempts` times (retries per the client's
    /// [`RetryPolicy`](crate::RetryPolicy)) and the last attempt failed with `last`.
    ///
    /// The accessors ([`Error::api_code`], [`Error::status`], [`Error::request_id`],
    /// [`Error::is_retryable`]) look through to `last`; [`Error::last`] returns it.
    Retried {
        /// How many times the request was sent (at least 2).
        attempts: u32,
        /// The error of the last attempt.
        last: Box<Error>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build(e) => write!(f, "could not build the request: {e}"),
            Self::Config(e) => write!(f, "invalid wxpay configuration: {e}"),
            Self::Transport(e) => write!(f, "request to WeChat Pay failed: {e}"),
            Self::Api { status, code, message, request_id, .. } => fmt::Display::fmt(
                &ApiDisplay { status: *status, code, message, request_id: request_id.as_deref() },
                f,
            ),
            Self::Verify { source, .. } => {
                write!(f, "response signature verification failed: {source}")
            }
            Self::Decode { source, .. } => write!(f, "could not decode the response: {source}"),
            Self::Decrypt(e) => write!(f, "decryption failed: {e}"),
            Self::Certificate(e) => write!(f, "platform certificate download rejected: {e}"),
            Self::Retried { attempts, last } => write!(f, "after {attempts} attempts: {last}"),
        }
    }
}

impl std::error::Error for Error {
    /// The cause below the detail that `Display` already printed.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Build(e) => e.source(),
            Self::Config(e) => e.source(),
            Self::Transport(e) => e.source(),
            Self::Api { .. } => None,
            Self::Verify { source, .. } => source.source(),
            Self::Decode { source, .. } => source.source(),
            Self::Decrypt(e) => e.source(),
            Self::Certificate(e) => e.source(),
            Self::Retried { last, .. } => last.source(),
        }
    }
}

impl From<BuildError> for Error {
    fn from(e: BuildError) -> Self {
        Self::Build(e)
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        Self::Config(e)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Self::Transport(e)
    }
}

impl From<DecryptError> for Error {
    fn from(e: DecryptError) -> Self {
        Self::Decrypt(e)
    }
}

struct ApiDisplay<'a> {
    status: StatusCode,
    code: &'a str,
    message: &'a str,
    request_id: Option<&'a str>,
}

impl fmt::Display for ApiDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WeChat Pay answered HTTP {}", self.status.as_u16())?;
        if !self.code.is_empty() {
            write!(f, " {}", self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = self.request_id {
            write!(f, " (Request-ID {id})")?;
        }
        Ok(())
    }
}

impl Error {
    /// Whether sending the same request again (with a new signature) can succeed.
    ///
    /// True for transport failures, HTTP 5xx and 429, and WeChat's signature probes
    /// (`WECHATPAY/SIGNTEST/`), which WeChat follows with a correctly signed answer.
    /// After an ambiguous failure of a state-changing call, query the resource first.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Retried { last, .. } => last.is_retryable(),
            Self::Transport(err) => err.is_retryable(),
            Self::Api { status, .. } => {
                status.is_server_error() || *status == StatusCode::TOO_MANY_REQUESTS
            }
            Self::Verify { source, .. } => matches!(source, VerifyError::SignatureProbe),
            Self::Build(_)
            | Self::Config(_)
            | Self::Decode { .. }
            | Self::Decrypt(_)
            | Self::Certificate(_) => false,
        }
    }

    /// How many times the request was sent: the `attempts` of [`Error::Retried`], else 1.
    #[must_use]
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Retried { attempts, .. } => *attempts,
            _ => 1,
        }
    }

    /// The error of the last attempt: the `last` of [`Error::Retried`], else `self`.
    #[must_use]
    pub fn last(&self) -> &Error {
        match self {
            Self::Retried { last, .. } => last.last(),
            other => other,
        }
    }

    /// WeChat's internal error number for [`Error::Api`]: the digits after the last `-` of
    /// the `Request-ID` (e.g. `271316754` of `08F4…-271316754`). PayScore documents several
    /// of them (see [`ApiErrorNumber`]); quote it to WeChat Pay support with the `Request-ID`.
    #[must_use]
    pub fn error_number(&self) -> Option<u64> {
        match self.last() {
            Self::Api { request_id: Some(id), .. } => {
                let digits = id.rsplit_once('-')?.1;
                if digits.is_empty()
                    || digits.len() > 19
                    || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    return None;
                }
                digits.parse().ok()
            }
            _ => None,
        }
    }

    /// The documented meaning of [`Error::error_number`], when it changes what a caller
    /// should do.
    #[must_use]
    pub fn documented_error(&self) -> Option<ApiErrorNumber> {
        self.error_number().and_then(ApiErrorNumber::from_number)
    }

    /// WeChat's error `code` for [`Error::Api`], e.g. `"ORDER_NOT_EXIST"`.
    #[must_use]
    pub fn api_code(&self) -> Option<&str> {
        match self.last() {
            Self::Api { code, .. } if !code.is_empty() => Some(code),
            _ => None,
        }
    }

    /// The HTTP status WeChat Pay answered with, for [`Error::Api`].
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self.last() {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The `Request-ID` of the response this error came from, when there was one.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        match self.last() {
            Self::Api { request_id, .. }
            | Self::Verify { request_id, .. }
            | Self::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

/// A WeChat internal error number (see [`Error::error_number`]) whose documented meaning
/// changes what the caller should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorNumber {
    /// `271316754` 单据正在扣款中 (the order is being charged): do not send complete, cancel or
    /// pay again; query the order and follow `collection.state` until the charge settles
    /// (WeChat: a cancel during an active charge may need about 3 minutes).
    ChargeInProgress,
    /// `271316598` 订单重入参数校验失败: an order with this `out_order_no` exists with other
    /// parameters. "原参重入" (repeating the same parameters) is safe; different parameters
    /// need a new `out_order_no`.
    ReentryMismatch,
}

impl ApiErrorNumber {
    /// The meaning of WeChat's internal error number `number`, if documented here.
    #[must_use]
    pub fn from_number(number: u64) -> Option<Self> {
        match number {
            271_316_754 => Some(Self::ChargeInProgress),
            271_316_598 => Some(Self::ReentryMismatch),
            _ => None,
        }
    }

    /// The number as WeChat writes it at the end of the `Request-ID`.
    #[must_use]
    pub fn number(self) -> u64 {
        match self {
            Self::ChargeInProgress => 271_316_754,
            Self::ReentryMismatch => 271_316_598,
        }
    }
}

/// Building the request failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The JSON body could not be serialized.
    #[error("the request body cannot be serialized as JSON")]
    Body(#[source] serde_json::Error),
    /// The query string could not be serialized (query fields must be flat scalars).
    #[error("the request fields cannot be serialized as a query string")]
    Query(#[source] serde_urlencoded::ser::Error),
    /// The URL or a header value is not valid HTTP.
    #[error("the request is not valid HTTP")]
    Http(#[source] http::Error),
    /// The operating system's random number generator failed (no nonce).
    #[error("the operating system's random number generator failed")]
    Random(#[source] getrandom::Error),
    /// A path parameter is empty or a dot segment (`.`/`..`), which HTTP stacks normalise away
    /// (the signed and the sent path would differ).
    #[error("invalid path parameter: {0}")]
    PathParameter(String),
    /// A raw request target is not origin-form `/path?query` (it names a host or port, holds a
    /// fragment or is not valid HTTP).
    #[error("invalid request target: {0}")]
    Target(&'static str),
}

/// Which check of WeChat Pay's response or notification signature failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A required `Wechatpay-*` header is absent, empty or not valid text.
    #[error("header `{0}` is missing or empty")]
    MissingHeader(&'static str),
    /// `Wechatpay-Timestamp` is not a decimal Unix time in seconds.
    #[error("header `Wechatpay-Timestamp` is not a Unix time in seconds")]
    InvalidTimestamp,
    /// The signature timestamp is too far from the local clock (replay or clock skew).
    #[error(
        "signature timestamp {timestamp} is {skew} s away from the local time {now}; at most {max_skew} s are allowed"
    )]
    Stale {
        /// `Wechatpay-Timestamp` of the message.
        timestamp: i64,
        /// Local Unix time used for the check.
        now: i64,
        /// `|now - timestamp|` in seconds.
        skew: u64,
        /// The configured window in seconds.
        max_skew: u64,
    },
    /// `Wechatpay-Signature-Type` names an algorithm other than `WECHATPAY2-SHA256-RSA2048`.
    #[error("unsupported signature type `{0}`")]
    UnsupportedSignatureType(String),
    /// `Wechatpay-Serial` names a key this client does not hold.
    #[error(
        "signed with unknown key `{0}`; configure that WeChat Pay public key or platform certificate"
    )]
    UnknownSerial(String),
    /// The signature is one of WeChat's deliberate probes (`WECHATPAY/SIGNTEST/…`).
    #[error("signature probe (`WECHATPAY/SIGNTEST/`) rejected as required")]
    SignatureProbe,
    /// `Wechatpay-Signature` is not valid Base64.
    #[error("header `Wechatpay-Signature` is not valid Base64")]
    InvalidBase64,
    /// The signature does not match the message: the response was altered or forged.
    #[error("signature does not match the message")]
    BadSignature,
}

/// A verified response body did not match the expected type.
///
/// The reason is serde's, with every quoted value (in `"…"` or `` `…` ``) replaced by `…`: a
/// body can carry personal data (an openid, a name) and errors end up in logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid JSON at `{path}`: {reason}")]
pub struct DecodeError {
    /// JSON path of the failing field, e.g. `collection.details[0].amount` (`.` for the root).
    pub path: String,
    /// What is wrong, e.g. `invalid type: string "…", expected u64 at line 1 column 42`.
    pub reason: String,
}

impl DecodeError {
    /// A decode error at `path` from serde's error, with string values redacted.
    #[must_use]
    pub fn new(path: String, err: &serde_json::Error) -> Self {
        Self { path, reason: redact_quoted(&err.to_string()) }
    }
}

/// Replaces the contents of every span quoted with `"` or `` ` `` by `…`; an unclosed quote
/// redacts to the end.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside: Option<char> = None;
    for c in message.chars() {
        match inside {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                inside = None;
            }
            Some(_) => {}
            None => {
                if c == '"' || c == '`' {
                    inside = Some(c);
                }
                out.push(c);
            }
        }
    }
    if inside.is_some() {
        out.push('…');
    }
    out
}

/// Invalid configuration: keys, identifiers, environment, base URL.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required setting was not given.
    #[error("missing {0}")]
    Missing(&'static str),
    /// A PEM document could not be read.
    #[error("{what}: not a PEM document ({reason})")]
    Pem {
        /// What was being loaded, e.g. "merchant private key".
        what: &'static str,
        /// Why, without any key material.
        reason: String,
    },
    /// A PEM document of the wrong kind was given.
    #[error("{what}: expected {expected}, found a PEM `{found}` block")]
    WrongPemType {
        /// What was being loaded.
        what: &'static str,
        /// The accepted kinds.
        expected: &'static str,
        /// The label that was found.
        found: String,
    },
    /// The key could not be parsed or is not usable (e.g. not RSA, too short).
    #[error("{what}: {reason}")]
    InvalidKey {
        /// What was being loaded.
        what: &'static str,
        /// Why, without any key material.
        reason: String,
    },
    /// An identifier is malformed or of the wrong kind (e.g. a merchant serial given as a
    /// WeChat Pay public key id).
    #[error(transparent)]
    InvalidId(#[from] InvalidId),
    /// A file could not be read.
    #[error("cannot read {what} from `{path}`")]
    Io {
        /// What was being loaded.
        what: &'static str,
        /// The path given.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// An environment variable is set to an invalid value.
    #[error("environment variable `{var}`: {reason}")]
    Env {
        /// The variable.
        var: &'static str,
        /// Why its value is rejected.
        reason: String,
    },
    /// The value of an environment variable was refused: `source` says why.
    #[error("environment variable `{var}`: {source}")]
    EnvValue {
        /// The variable.
        var: &'static str,
        /// What was wrong with its value (never the value itself when it may be secret).
        source: Box<ConfigError>,
    },
    /// The base URL is not an absolute `http(s)` URL ending in `/`.
    #[error("base URL `{0}` must be an absolute http(s) URL ending in `/`")]
    BaseUrl(String),
    /// The HTTP transport could not be built.
    #[error("cannot build the HTTP transport")]
    Transport(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A malformed identifier (order number, merchant serial, public key id, …).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what}: {reason}")]
pub struct InvalidId {
    /// Which kind of identifier.
    pub what: &'static str,
    /// What rule it breaks.
    pub reason: String,
}

/// The transport failed before a complete response was received.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct TransportError {
    kind: TransportErrorKind,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// The class of a [`TransportError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be established.
    Connect,
    /// The request or connection timed out.
    Timeout,
    /// The connection broke or the response was malformed.
    Other,
    /// The response body is larger than the client's limit
    /// ([`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)).
    BodyTooLarge,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "could not connect",
            Self::Timeout => "timed out",
            Self::Other => "connection failed",
            Self::BodyTooLarge => "response body larger than the configured limit",
        })
    }
}

impl TransportError {
    /// A new transport error of `kind` caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self { kind, source: Some(source.into()) }
    }

    /// A transport error of `kind` without an underlying cause.
    #[must_use]
    pub fn from_kind(kind: TransportErrorKind) -> Self {
        Self { kind, source: None }
    }

    /// The class of failure.
    #[must_use]
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether a retry can help: every failure but an oversized body (query state-changing
    /// calls first: a timeout or broken connection may have been processed).
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.kind != TransportErrorKind::BodyTooLarge
    }
}

/// Decryption of a notification resource, a certificate or a sensitive field failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecryptError {
    /// `resource.algorithm` is not `AEAD_AES_256_GCM`.
    #[error("unsupported algorithm `{0}`; expected `AEAD_AES_256_GCM`")]
    UnsupportedAlgorithm(String),
    /// The nonce is not 12 bytes.
    #[error("nonce must be 12 bytes, found {0}")]
    NonceLength(usize),
    /// The ciphertext is not valid Base64.
    #[error("ciphertext is not valid Base64")]
    InvalidBase64,
    /// The ciphertext is shorter than the 16-byte tag.
    #[error("ciphertext is shorter than the 16-byte authentication tag")]
    TooShort,
    /// The tag did not verify: wrong APIv3 key, altered ciphertext, nonce or associated data.
    #[error(
        "authentication tag mismatch: wrong APIv3 key, or altered ciphertext, nonce or associated data"
    )]
    TagMismatch,
    /// The plaintext is not UTF-8.
    #[error("decrypted data is not UTF-8")]
    NotUtf8,
    /// RSA-OAEP decryption failed (wrong key or altered ciphertext).
    #[error("RSA-OAEP decryption failed: wrong private key or altered ciphertext")]
    Oaep,
    /// RSA-OAEP encryption failed (plaintext longer than 214 bytes for RSA-2048).
    #[error("RSA-OAEP encryption failed: plaintext too long for the key")]
    OaepEncrypt,
}
