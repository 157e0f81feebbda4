//! Request signing (protocol §2): the five-line message, the `Authorization` header and the
//! nonce.

use std::fmt::Write as _;

/// The `Authorization` scheme of APIv3 with RSA keys.
pub const AUTH_SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";

/// Builds the message that is signed for a request:
/// `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` (every line LF-terminated, the last one too).
///
/// `url` is the request target exactly as sent: absolute path plus `?query`.
#[must_use]
pub fn request_message(
    method: &str,
    url: &str,
    timestamp: i64,
    nonce: &str,
    body: &[u8],
) -> Vec<u8> {
    let mut head = String::with_capacity(method.len() + url.len() + nonce.len() + 16);
    // Writing to a `String` cannot fail.
    let _ = write!(head, "{method}\n{url}\n{timestamp}\n{nonce}\n");
    let mut message = Vec::with_capacity(head.len() + body.len() + 1);
    message.extend_from_slice(head.as_bytes());
    message.extend_from_slice(body);
    message.push(b'\n');
    message
}

/// Builds the message that WeChat Pay signs for a response or notification:
/// `TIMESTAMP\nNONCE\nBODY\n`, with the raw body bytes.
#[must_use]
pub fn response_message(timestamp: &str, nonce: &str, body: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(timestamp.len() + nonce.len() + body.len() + 3);
    message.extend_from_slice(timestamp.as_bytes());
    message.push(b'\n');
    message.extend_from_slice(nonce.as_bytes());
    message.push(b'\n');
    message.extend_from_slice(body);
    message.push(b'\n');
    message
}

/// Formats the `Authorization` header value:
/// `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"`.
#[must_use]
pub fn authorization(
    mchid: &str,
    nonce: &str,
    timestamp: i64,
    serial_no: &str,
    signature: &str,
) -> String {
    format!(
        "{AUTH_SCHEME} mchid=\"{mchid}\",nonce_str=\"{nonce}\",timestamp=\"{timestamp}\",serial_no=\"{serial_no}\",signature=\"{signature}\""
    )
}

/// A fresh 32-character nonce from `[0-9A-Za-z]`, drawn from the operating system's CSPRNG
/// without modulo bias.
///
/// # Errors
///
/// Returns the OS RNG's error (practically never).
pub fn nonce() -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = String::with_capacity(32);
    let mut buf = [0u8; 48];
    while out.len() < 32 {
        getrandom::fill(&mut buf)?;
        // 248 = 4 * 62: bytes at or above it would bias the distribution.
        for &b in buf.iter().filter(|&&b| b < 248) {
            if out.len() == 32 {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(b % 62)]));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_lf_terminated() {
        assert_eq!(
            request_message("GET", "/v3/certificates", 1_554_208_460, "N", b""),
            b"GET\n/v3/certificates\n1554208460\nN\n\n"
        );
        assert_eq!(response_message("1", "n", b"{}"), b"1\nn\n{}\n");
        assert_eq!(response_message("1", "n", b""), b"1\nn\n\n");
    }

    #[test]
    fn nonce_is_32_alphanumerics_and_fresh() {
        let a = nonce().unwrap();
        let b = nonce().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
