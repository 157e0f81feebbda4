//! The one [`Error`] type of wxpay, and the error types of each stage.

use std::fmt;

use http::StatusCode;

/// `Result` with wxpay's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong talking to WeChat Pay.
///
/// The variants keep the stages apart: building the request, configuration, the transport,
/// WeChat Pay's own error answer, response verification, decoding and decryption.
/// [`Error::is_retryable`] says whether sending the same request again can help.
/// No variant carries secrets or personal data in its `Display` or `Debug` output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built (serialization of the body or query).
    #[error("could not build the request")]
    Build(#[from] BuildError),
    /// The configuration is invalid: keys, ids, environment variables, base URL.
    #[error("invalid wxpay configuration")]
    Config(#[from] ConfigError),
    /// No response was received.
    #[error("request to WeChat Pay failed")]
    Transport(#[from] TransportError),
    /// WeChat Pay answered with a non-2xx status.
    #[error("{}", ApiDisplay { status: *status, code, message, request_id: request_id.as_deref() })]
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
    #[error("response signature verification failed")]
    Verify {
        /// Which check failed.
        #[source]
        source: VerifyError,
        /// The `Request-ID` response header, if present.
        request_id: Option<String>,
    },
    /// A verified response body did not decode into the endpoint's response type.
    #[error("could not decode the response")]
    Decode {
        /// The JSON path and reason.
        #[source]
        source: DecodeError,
        /// The `Request-ID` response header, if present.
        request_id: Option<String>,
    },
    /// Decryption (AES-256-GCM resources, RSA-OAEP fields) failed.
    #[error("decryption failed")]
    Decrypt(#[from] DecryptError),
    /// A platform certificate download could not be used.
    #[error("platform certificate download rejected")]
    Certificate(#[source] crate::certificates::CertificateError),
    /// A bill download failed its checks (URL origin, hash, size, gzip) or could not be
    /// written; no byte of it is valid.
    #[error("bill download failed")]
    Bill(#[from] crate::bill::BillError),
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
            Self::Transport(err) => err.is_retryable(),
            Self::Api { status, .. } => {
                status.is_server_error() || *status == StatusCode::TOO_MANY_REQUESTS
            }
            Self::Verify { source, .. } => matches!(source, VerifyError::SignatureProbe),
            Self::Build(_)
            | Self::Config(_)
            | Self::Decode { .. }
            | Self::Decrypt(_)
            | Self::Certificate(_)
            | Self::Bill(_) => false,
        }
    }

    /// WeChat's error `code` for [`Error::Api`], e.g. `"ORDER_NOT_EXIST"`.
    #[must_use]
    pub fn api_code(&self) -> Option<&str> {
        match self {
            Self::Api { code, .. } if !code.is_empty() => Some(code),
            _ => None,
        }
    }

    /// The HTTP status WeChat Pay answered with, for [`Error::Api`].
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The `Request-ID` of the response this error came from, when there was one.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api { request_id, .. }
            | Self::Verify { request_id, .. }
            | Self::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
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
/// The reason is serde's, with every quoted string value replaced by `"…"`: a body can carry
/// personal data (an openid, a name) and errors end up in logs.
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

/// Replaces the contents of every `"…"` quoted span with `…`.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push('…');
            }
            inside = !inside;
            out.push(c);
        } else if !inside {
            out.push(c);
        }
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
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "could not connect",
            Self::Timeout => "timed out",
            Self::Other => "connection failed",
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

    /// Whether a retry can help (all transport failures can; query state-changing calls first).
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        true
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
